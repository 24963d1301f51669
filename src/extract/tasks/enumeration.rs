//! Marked enumerations: `task.enumeration` (一是…二是…, 一要…二要…, 第一,…第二,…,
//! 首先,…其次,…最后,…, 一方面…另一方面…) and `task.dash_items` (item lines that open with
//! —— or a bullet).

use super::items::trim_item;
use super::{declared_counts, lead_title, pick_declared, Cx, Draft, Trigger};
use crate::extract::numbers::parse_chinese;
use crate::report::{ListKind, TaskList};
use crate::rules::Rule;
use regex::Captures;

/// How an item is marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    /// 一是, 二是
    Shi,
    /// 一要, 二要 (the first may follow its subject: 各地一要…,二要…)
    Yao,
    /// 首先, 其次, 再次, 最后
    Seq,
    /// 第一, 第二
    Di,
    /// 一方面, 另一方面
    Fangmian,
    /// ——, • at a paragraph start
    Dash,
}

/// One enumeration marker and the item after it.
#[derive(Debug, Clone)]
struct Mark {
    /// Char position of the marker in the normalized text.
    pos: usize,
    /// The ordinal it states (0 for dashes).
    ord: u32,
    item: String,
    sentence: usize,
    style: Style,
}

/// The ordinal and style of a marker match; None for a dash that does not open its
/// paragraph.
fn style_of(c: &Captures, at_para_start: bool) -> Option<(u32, Style)> {
    let ord = |m: regex::Match| parse_chinese(m.as_str()).unwrap_or(0.0) as u32;
    if let Some(m) = c.name("cn") {
        Some((ord(m), Style::Shi))
    } else if let Some(m) = c.name("yao") {
        Some((ord(m), Style::Yao))
    } else if let Some(m) = c.name("seq") {
        Some((seq_ord(m.as_str()), Style::Seq))
    } else if let Some(m) = c.name("di") {
        Some((ord(m), Style::Di))
    } else if let Some(m) = c.name("fm") {
        Some((if m.as_str() == "一方面" { 1 } else { 2 }, Style::Fangmian))
    } else {
        at_para_start.then_some((0, Style::Dash))
    }
}

/// 最后 closes a run of 首先, 其次 whatever its length.
const LAST: u32 = u32::MAX;

/// The place 首先, 其次, 再次 state; 最后 is [`LAST`].
fn seq_ord(w: &str) -> u32 {
    match w {
        "首先" => 1,
        "其次" => 2,
        "再次" => 3,
        _ => LAST,
    }
}

/// Every marker at a clause start, with the item up to the clause's end (一方面: up to the
/// sentence's end).
fn marks(cx: Cx) -> Vec<Mark> {
    let doc = cx.tx.doc;
    let mut out = Vec::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        if !cx.may(si, Trigger::Enumeration) {
            continue;
        }
        let t = doc.sentence_text(si);
        for c in cx.v.enumeration.captures_iter(t) {
            let Some(w) = c.get(0) else { continue };
            let before = &t[..w.start()];
            let at_start = before.trim().is_empty()
                || before.ends_with(['。', ',', '，', ';', '；', ':', '：', '”']);
            // 一要 may follow the subject (各地一要…): a run of two or more still needs the
            // next 二要 at a clause start, which 统一要求 never has
            let subject_before = c.name("yao").is_some()
                && before.chars().next_back().is_some_and(|ch| {
                    !ch.is_ascii_digit() && !matches!(ch, '统' | '唯' | '第' | '之')
                });
            if !at_start && !subject_before {
                continue;
            }
            let Some((ord, style)) = style_of(&c, s.para_start && before.trim().is_empty()) else {
                continue;
            };
            let rest = &t[w.end()..];
            let stops: &[char] = if style == Style::Fangmian {
                &['。', ';', '；']
            } else {
                &['。', ',', '，', ';', '；', ':', '：']
            };
            let item = trim_item(&rest[..rest.find(stops).unwrap_or(rest.len())]);
            if item.chars().count() < 2 {
                continue;
            }
            out.push(Mark {
                pos: s.start + before.chars().count(),
                ord,
                item,
                sentence: si,
                style,
            });
        }
    }
    out
}

/// How many marks from `i` on make one list: same style, ordinals 1, 2, 3 … (dashes:
/// consecutive paragraphs, allowing one sentence of body between items).
fn run_end(cx: Cx, marks: &[Mark], i: usize) -> usize {
    let doc = cx.tx.doc;
    let style = marks[i].style;
    let mut j = i + 1;
    let mut expect = 2;
    while j < marks.len()
        && marks[j].style == style
        && (style == Style::Dash || marks[j].ord == expect || marks[j].ord == LAST)
    {
        if marks[j].ord == LAST {
            j += 1;
            break;
        }
        let (a, b) = (&marks[j - 1], &marks[j]);
        let (pa, pb) = (
            doc.sentences[a.sentence].para,
            doc.sentences[b.sentence].para,
        );
        if style == Style::Dash && pb != pa + 1 && b.sentence != a.sentence + 1 && pb - pa > 1 {
            break;
        }
        expect += 1;
        j += 1;
    }
    j
}

/// The lead of a list: the text before its first marker in the same sentence, else the
/// sentence before.
fn lead_of(cx: Cx, first: &Mark) -> String {
    let doc = cx.tx.doc;
    let si = first.sentence;
    let before = doc.slice(doc.sentences[si].start, first.pos);
    if !before.trim().is_empty() {
        return before.to_string();
    }
    si.checked_sub(1)
        .map(|l| doc.sentence_text(l).to_string())
        .unwrap_or_default()
}

/// The title of a list: for dashes the heading the items sit under (a bullet line may
/// itself look like a heading); for 一方面 the topic of the question or heading; else the
/// lead, or without one the heading.
fn title_of(cx: Cx, first: &Mark, lead: &str) -> String {
    let si = first.sentence;
    let paths = cx.paths;
    match first.style {
        Style::Dash => paths[si.saturating_sub(1)]
            .last()
            .cloned()
            .unwrap_or_else(|| lead_title(lead, cx.v)),
        _ if lead.trim().is_empty() => paths[si].last().cloned().unwrap_or_default(),
        Style::Fangmian => paths[si]
            .first()
            .cloned()
            .unwrap_or_else(|| lead_title(lead, cx.v)),
        _ => lead_title(lead, cx.v),
    }
}

/// `task.enumeration` and `task.dash_items`: runs of two or more marked items.
pub fn enumerations(cx: Cx, out: &mut Vec<TaskList>) {
    let doc = cx.tx.doc;
    let marks = marks(cx);
    let mut i = 0;
    while i < marks.len() {
        let first = &marks[i];
        if first.style != Style::Dash && first.ord != 1 {
            i += 1;
            continue;
        }
        let j = run_end(cx, &marks, i);
        if j - i < 2 {
            i += 1;
            continue;
        }
        let lead = lead_of(cx, first);
        let draft = Draft {
            title: title_of(cx, first, &lead),
            declared: pick_declared(&declared_counts(cx.v, &lead), j - i),
            items: marks[i..j].iter().map(|m| m.item.clone()).collect(),
            kind: ListKind::Enumeration,
            rule: if first.style == Style::Dash {
                Rule::TaskDashItems
            } else {
                Rule::TaskEnumeration
            },
            range: (first.pos, doc.sentences[marks[j - 1].sentence].end),
            path: cx.paths[first.sentence].clone(),
        };
        out.push(draft.finish(cx));
        i = j;
    }
}
