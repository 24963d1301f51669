//! `task.run_in`: items written as run-in headings — a short sentence that names the item,
//! then its body in the same paragraph (水系归并调整。在保障…) — inside a box (专栏) whose
//! title announces its contents (主要实施内容, 重点任务: a `box_list` word). A box titled by
//! a project (…工程) describes that one project; its run-in sentences are not a list. Under
//! an outline heading, run-in paragraphs are the body of the heading's item, a level below
//! the outline's lists, and not a list of their own.

use super::items::trim_item;
use super::{heading_title, Cx, Draft};
use crate::extract::outline::marker;
use crate::report::{ListKind, TaskList};
use crate::rules::Rule;

/// A run-in heading has at most this many chars before its full stop.
const MAX_RUN_IN: usize = 14;

/// At most this many paragraphs after a heading are read as its items.
const MAX_PARAGRAPHS: usize = 100;

/// Whether sentence `i` is a run-in heading: short, closed by 。, without a comma or 、
/// inside, and followed by its body in the same paragraph.
fn run_in(cx: Cx, i: usize) -> Option<String> {
    let doc = cx.tx.doc;
    let t = doc.sentence_text(i).trim();
    let name = t.strip_suffix('。')?;
    let n = name.chars().count();
    let body_follows = doc.sentences.get(i + 1).is_some_and(|s| !s.para_start);
    let plain = !name.contains([',', '，', '、', ';', '；', ':', '：']);
    ((2..=MAX_RUN_IN).contains(&n) && plain && body_follows && marker(t).is_none())
        .then(|| trim_item(name))
}

/// The paragraphs from sentence `from` on up to the next heading: (first, last) sentence.
fn paragraphs_after(cx: Cx, from: usize) -> Vec<(usize, usize)> {
    let doc = cx.tx.doc;
    let levels = &cx.tx.outline.levels;
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (i, level) in levels.iter().enumerate().skip(from) {
        let opens = doc.sentences[i].para_start;
        if opens && (marker(doc.sentence_text(i)).is_some() || level.is_some()) {
            break;
        }
        if !opens {
            if let Some(p) = out.last_mut() {
                p.1 = i;
                continue;
            }
        }
        if out.len() >= MAX_PARAGRAPHS {
            break;
        }
        out.push((i, i));
    }
    out
}

/// The items of the box in sentence `h`: every run-in heading of its paragraphs.
fn items_under(cx: Cx, h: usize) -> Vec<String> {
    paragraphs_after(cx, h + 1)
        .into_iter()
        .flat_map(|(a, b)| a..=b)
        .filter_map(|i| run_in(cx, i))
        .collect()
}

/// `task.run_in`: the lists of run-in headings in a document.
pub fn run_in_lists(cx: Cx, out: &mut Vec<TaskList>) {
    let doc = cx.tx.doc;
    for (h, s) in doc.sentences.iter().enumerate() {
        let t = doc.sentence_text(h);
        let Some(m) = marker(t).filter(|_| s.para_start) else {
            continue;
        };
        let title = heading_title(t, &m);
        let announced = m.boxed
            && cx
                .v
                .words
                .box_lists
                .iter()
                .any(|w| title.contains(w.as_str()));
        if !announced {
            continue;
        }
        let items = items_under(cx, h);
        if items.len() < 2 {
            continue;
        }
        let mut path = cx.paths[h].clone();
        path.pop();
        let draft = Draft {
            title,
            declared: None,
            items,
            kind: ListKind::Enumeration,
            rule: Rule::TaskRunIn,
            range: (s.start, s.end),
            path,
        };
        out.push(draft.finish(cx));
    }
}
