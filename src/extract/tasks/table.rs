//! `task.table`: a project table (重点项目清单) as one list of its project names — a header
//! with a row-number column (序号) and a project column (项目名称, a `project_column` word),
//! then rows numbered 1, 2, 3 …, group rows (一 / 水安全) between them. Cells merged over
//! several rows (a project type written once for its group) are left out of the rows after
//! the first, so a row's cells are read from the right, where none is missing.

use super::items::trim_item;
use super::{Cx, Draft};
use crate::charset::is_small_cn_numeral;
use crate::extract::cells::{cells_from, Cell, Layout};
use crate::report::{ListKind, TaskList};
use crate::rules::Rule;

/// How many cells at most a table is read over.
const MAX_CELLS: usize = 6000;

/// How many cells at most a header has.
const MAX_HEADER: usize = 12;

/// How many lines before its header a table's title line may stand.
const TITLE_LINES: usize = 3;

/// A row number: one to three digits.
fn seq_value(t: &str) -> Option<u32> {
    let t = t.trim();
    (!t.is_empty() && t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit()))
        .then(|| t.parse().ok())
        .flatten()
}

/// A group row's ordinal (一, 二, 十一), written in a cell of its own.
fn group_ordinal(t: &str) -> bool {
    let t = t.trim();
    (1..=3).contains(&t.chars().count()) && t.chars().all(is_small_cn_numeral)
}

/// A table's header: its cells, and which of them is the project column.
struct Header {
    columns: usize,
    project: usize,
}

/// The header at the start of `cells`: cells up to the first row number (1) or group
/// ordinal, with a row-number column first and a project column among them.
fn header(cx: Cx, cells: &[Cell]) -> Option<(Header, usize)> {
    let words = &cx.v.words;
    let first = cells.first()?.text.trim();
    if !words.seq_columns.iter().any(|w| w == first) {
        return None;
    }
    let end = cells
        .iter()
        .take(MAX_HEADER + 1)
        .position(|c| seq_value(c.text) == Some(1) || group_ordinal(c.text))?;
    let project = cells[..end]
        .iter()
        .position(|c| words.project_columns.iter().any(|w| w == c.text.trim()))?;
    Some((
        Header {
            columns: end,
            project,
        },
        end,
    ))
}

/// The project names of the rows from `cells[at]` on, and the end (char) of the last row.
fn rows(cells: &[Cell], h: &Header, mut at: usize) -> (Vec<String>, usize) {
    let mut items = Vec::new();
    let mut end = 0;
    let mut next = 1;
    while let Some(c) = cells.get(at) {
        if group_ordinal(c.text) {
            at += 2;
            continue;
        }
        if seq_value(c.text) != Some(next) {
            break;
        }
        let row_end = (at + 1..cells.len())
            .take(h.columns - 1)
            .find(|&j| seq_value(cells[j].text) == Some(next + 1) || group_ordinal(cells[j].text))
            .unwrap_or_else(|| (at + h.columns).min(cells.len()));
        let row = &cells[at + 1..row_end];
        // merged cells are missing on the left: read the row from the right
        let missing = (h.columns - 1).saturating_sub(row.len());
        let Some(name) = h.project.checked_sub(1 + missing).and_then(|k| row.get(k)) else {
            break;
        };
        items.push(trim_item(name.text));
        end = row.last().map_or(c.end, |x| x.end);
        next += 1;
        at = row_end;
    }
    (items, end)
}

/// The title of a table: a short line without a full stop among the few lines before its
/// header.
fn title_before(cx: Cx, at: usize) -> Option<(String, usize, usize)> {
    let doc = cx.tx.doc;
    let before = doc.slice(0, at);
    let mut pos = at;
    for line in before.rsplit('\n').skip(1).take(TITLE_LINES) {
        let n = line.chars().count();
        pos -= n + 1;
        let t = line.trim();
        if !t.is_empty() && n <= 40 && !t.ends_with(['。', ':', '：']) {
            let lead = line.chars().take_while(|c| c.is_whitespace()).count();
            return Some((t.to_string(), pos + lead, pos + lead + t.chars().count()));
        }
    }
    None
}

/// The first non-empty field of `t` between spaces, tabs and pipes: what
/// `t.split([' ', '\t', '|']).find(|f| !f.is_empty())` gives, found with a byte search
/// (the delimiters are ASCII) instead of decoding every char of a long paragraph.
fn first_field(t: &str) -> Option<&str> {
    let mut rest = t;
    while !rest.is_empty() {
        match memchr::memchr3(b' ', b'\t', b'|', rest.as_bytes()) {
            Some(0) => rest = &rest[1..],
            Some(k) => return Some(&rest[..k]),
            None => return Some(rest),
        }
    }
    None
}

/// `task.table`: every project table of the document, with at least three rows.
pub fn table_lists(cx: Cx, out: &mut Vec<TaskList>) {
    let doc = cx.tx.doc;
    let mut pos = 0;
    let mut covered = 0;
    for line in doc.text.split('\n') {
        let n = line.chars().count();
        let t = line.trim();
        let at = pos + line.chars().take_while(|c| c.is_whitespace()).count();
        pos += n + 1;
        let first = first_field(t);
        let seq_head = first.is_some_and(|f| cx.v.words.seq_columns.iter().any(|w| w == f));
        if at < covered || !seq_head {
            continue;
        }
        let layout = if first.map(str::len) == Some(t.len()) {
            Layout::Lines
        } else {
            Layout::Split
        };
        let cells = cells_from(cx.tx, at, layout, MAX_CELLS);
        let Some((h, rows_at)) = header(cx, &cells) else {
            continue;
        };
        let (items, end) = rows(&cells, &h, rows_at);
        if items.len() < 3 {
            continue;
        }
        covered = end;
        let head_end = cells[rows_at - 1].end;
        let (title, a, b) = title_before(cx, at).unwrap_or_else(|| {
            let project = cells[h.project];
            (project.text.to_string(), at, head_end)
        });
        let si = doc.sentence_at(at).unwrap_or(0);
        let draft = Draft {
            title,
            declared: None,
            items,
            kind: ListKind::Table,
            rule: Rule::TaskTable,
            range: (a, b),
            path: cx.paths.get(si).cloned().unwrap_or_default(),
        };
        out.push(draft.finish(cx));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_field_is_the_first_non_empty_split_piece() {
        for t in [
            "",
            "   ",
            "|||",
            "序号 项目名称 建设内容",
            "| 序号 | 项目名称 |",
            "\t\t序号\t项目",
            "一段没有分隔符的长段落,只有中文标点。",
            "a|b",
            " |x",
        ] {
            let by_split = t.split([' ', '\t', '|']).find(|f| !f.is_empty());
            assert_eq!(first_field(t), by_split, "{t:?}");
        }
    }
}
