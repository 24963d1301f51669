//! `task.outline`: the numbered outline of a plan — every heading (一、, (一), 1. …) with the
//! headings one level below it as its items.

use super::items::trim_item;
use super::{heading_title, Cx, Draft};
use crate::extract::outline::{marker, Marker};
use crate::report::{ListKind, TaskList};
use crate::rules::Rule;

/// Outline headings: (sentence, marker). Headings open a paragraph, or run together in one
/// ((一)加强领导。(二)强化保障。): a marked sentence right after another marked sentence of
/// the same level counts too. Long numbered paragraphs (1. followed by 200 chars) are body
/// text, not headings.
fn headings(cx: Cx) -> Vec<(usize, Marker)> {
    let doc = cx.tx.doc;
    let mut heads: Vec<(usize, Marker)> = Vec::new();
    for (i, s) in doc.sentences.iter().enumerate() {
        let Some(m) = marker(doc.sentence_text(i)) else {
            continue;
        };
        let run = !s.para_start
            && heads.last().is_some_and(|(pi, pm)| {
                *pi + 1 == i && pm.level == m.level && pm.ordinal + 1 == m.ordinal
            });
        let opens_run = !s.para_start
            && m.ordinal == 1
            && doc.sentences.get(i + 1).is_some_and(|n| {
                !n.para_start
                    && marker(doc.sentence_text(i + 1))
                        .is_some_and(|nm| nm.level == m.level && nm.ordinal == 2)
            });
        if s.para_start || run || opens_run {
            heads.push((i, m));
        }
    }
    heads
        .into_iter()
        .filter(|(i, m)| m.level != 5 || doc.sentence_text(*i).chars().count() < 200)
        .collect()
}

/// The children of heading `k`: the following headings of the next deeper level present,
/// until a heading of its level or higher. A box (专栏1) is a list of its own, not an item
/// of the section around it, and its numbered items are not the section's items either.
fn children(heads: &[(usize, Marker)], k: usize) -> Vec<(usize, &Marker)> {
    let m = &heads[k].1;
    let mut child_level = None;
    let mut out = Vec::new();
    for (sj, mj) in &heads[k + 1..] {
        if mj.level <= m.level || mj.boxed {
            break;
        }
        let cl = *child_level.get_or_insert(mj.level);
        if mj.level == cl {
            out.push((*sj, mj));
        }
    }
    out
}

/// The item a child heading names: its title; a run-in numbered item (1.推进5G基站建设,新建
/// 基站1万个) names its work in its first clause, the rest is its body.
fn item_of(text: &str, m: &Marker) -> String {
    let t = heading_title(text, m);
    match t.split_once([',', '，']) {
        Some((first, _)) if m.level >= 5 && first.chars().count() >= 4 => trim_item(first),
        _ => t,
    }
}

/// `task.outline`: every heading whose children are numbered in order.
pub fn outline_lists(cx: Cx, out: &mut Vec<TaskList>) {
    let doc = cx.tx.doc;
    let heads = headings(cx);
    // the ordinal of the last heading seen at each level, for numbering carried on
    let mut last_at: [Option<u32>; 9] = [None; 9];
    for k in 0..heads.len() {
        let (si, m) = &heads[k];
        let kids = children(&heads, k);
        let seen = last_at;
        if let Some(slot) = last_at.get_mut(m.level as usize) {
            *slot = Some(m.ordinal);
        }
        let Some((_, c0)) = kids.first() else {
            continue;
        };
        // Ordinals must run 1, 2, 3 …, or carry on from the previous section's last item
        // (1. 2. under (一), 3. 4. under (二)): stray markers are not an outline.
        let first = c0.ordinal;
        let carries_on = seen
            .get(c0.level as usize)
            .copied()
            .flatten()
            .is_some_and(|o| o + 1 == first);
        let ordered = (first == 1 || carries_on)
            && kids
                .iter()
                .enumerate()
                .all(|(n, (_, c))| c.ordinal == first + n as u32);
        // one item is a list only when the numbering proves it (5. under (三) after 3. 4.)
        let enough = kids.len() >= 2 || (first > 1 && carries_on);
        if !enough || !ordered {
            continue;
        }
        let items = kids
            .iter()
            .map(|(sj, mj)| item_of(doc.sentence_text(*sj), mj))
            .collect();
        let mut path = cx.paths[*si].clone();
        path.pop();
        let draft = Draft {
            title: heading_title(doc.sentence_text(*si), m),
            declared: None,
            items,
            kind: ListKind::Outline,
            rule: Rule::TaskOutline,
            range: (doc.sentences[*si].start, doc.sentences[*si].end),
            path,
        };
        out.push(draft.finish(cx));
    }
}
