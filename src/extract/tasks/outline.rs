//! `task.outline`: the numbered outline of a plan — every top-level heading (一、, 第一章 …)
//! with the headings one level below it as its items; one level further down, each
//! sub-heading ((一)) with its numbered items (1.); deeper levels ((1), ①) are the body of
//! their item, not lists. A run of top-level headings without sub-headings (a policy of
//! eight numbered articles) is one list, titled by the line that names the run.

use super::items::trim_item;
use super::{heading_title, Cx, Draft};
use crate::extract::outline::{marker, Marker};
use crate::report::{ListKind, TaskList};
use crate::rules::Rule;

/// Outline headings below this depth (0 = top level) are not lists of their own.
const MAX_LIST_DEPTH: usize = 1;

/// How far back from a run of headings the line that names it is looked for.
const TITLE_REACH: usize = 20;

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

/// The depth of each heading in the outline: how many headings of higher levels stand above
/// it. A box (专栏1) sits outside the outline and takes the depth of where it stands.
fn depths(heads: &[(usize, Marker)]) -> Vec<usize> {
    let mut stack: Vec<u8> = Vec::new();
    heads
        .iter()
        .map(|(_, m)| {
            if m.boxed {
                return stack.len();
            }
            while stack.last().is_some_and(|&l| l >= m.level) {
                stack.pop();
            }
            stack.push(m.level);
            stack.len() - 1
        })
        .collect()
}

/// The numbered items of box `j` (专栏1 重点工程 / 1.… 2.…): the headings after it, deeper
/// than a sub-heading, numbered from 1 at one level. A heading that goes on with the
/// section's own numbering (3. after 1. 2. before the box) is the section's, not the box's.
fn box_children(heads: &[(usize, Marker)], j: usize) -> Vec<(usize, &Marker)> {
    let level = heads[j].1.level;
    let mut out: Vec<(usize, &Marker)> = Vec::new();
    for (sj, mj) in &heads[j + 1..] {
        let next = match out.last() {
            None => mj.ordinal == 1,
            Some((_, prev)) => mj.level == prev.level && mj.ordinal == prev.ordinal + 1,
        };
        if mj.boxed || mj.level <= level || !next {
            break;
        }
        out.push((*sj, mj));
    }
    out
}

/// The children of heading `k`: the following headings of the next deeper level present,
/// until a heading of its level or higher. A box (专栏1) between them is passed over with
/// its own items: it is not an item of the section around it and does not end it.
fn children(heads: &[(usize, Marker)], k: usize) -> Vec<(usize, &Marker)> {
    if heads[k].1.boxed {
        return box_children(heads, k);
    }
    let m = &heads[k].1;
    let mut child_level = None;
    let mut out = Vec::new();
    let mut j = k + 1;
    while let Some((sj, mj)) = heads.get(j) {
        j += 1;
        if mj.boxed {
            j += box_children(heads, j - 1).len();
            continue;
        }
        if mj.level <= m.level {
            break;
        }
        let cl = *child_level.get_or_insert(mj.level);
        if mj.level == cl {
            out.push((*sj, mj));
        }
    }
    out
}

/// Whether a sibling of heading `k` (same level, same parent) has two sub-headings or more:
/// then a single (一) under `k` is its list too, as the outline around it shows.
fn sibling_lists(heads: &[(usize, Marker)], k: usize) -> bool {
    let level = heads[k].1.level;
    let within = |j: &usize| heads[*j].1.level >= level || heads[*j].1.boxed;
    let before = (0..k).rev().take_while(within);
    let after = (k + 1..heads.len()).take_while(within);
    before
        .chain(after)
        .filter(|&j| heads[j].1.level == level && !heads[j].1.boxed)
        .any(|j| children(heads, j).len() >= 2)
}

/// The item a child heading names: its title; a run-in numbered item (1.推进5G基站建设,新建
/// 基站1万个) names its work in its first clause that states no condition or means (除涉密
/// 事项外, 通过…), the rest is its body.
fn item_of(cx: Cx, text: &str, m: &Marker) -> String {
    let t = heading_title(text, m);
    if m.level < 5 {
        return t;
    }
    let first = t.split(['。', ';', '；']).next().unwrap_or(&t);
    let clauses: Vec<&str> = first
        .split([',', '，'])
        .filter(|c| c.chars().count() >= 4)
        .collect();
    let conditions = &cx.v.words.conditions;
    let is_condition = |c: &str| conditions.iter().any(|w| c.starts_with(w.as_str()));
    match clauses
        .iter()
        .find(|c| !is_condition(c))
        .or(clauses.first())
    {
        Some(c) => trim_item(c),
        None => t,
    }
}

/// Whether the children of a heading are numbered as an outline: 1, 2, 3 …, or carrying on
/// from the previous section's last item (1. 2. under (一), 3. 4. under (二)); one child is
/// a list only when the numbering proves it (5. under (三) after 3. 4.).
fn ordered(kids: &[(usize, &Marker)], last_at: &[Option<u32>; 9], single: bool) -> bool {
    let Some((_, c0)) = kids.first() else {
        return false;
    };
    let first = c0.ordinal;
    let carries_on = last_at
        .get(c0.level as usize)
        .copied()
        .flatten()
        .is_some_and(|o| o + 1 == first);
    let in_order = kids
        .iter()
        .enumerate()
        .all(|(n, (_, c))| c.ordinal == first + n as u32);
    let enough = kids.len() >= 2 || (first > 1 && carries_on) || (first == 1 && single);
    (first == 1 || carries_on) && in_order && enough
}

/// `task.outline`: every heading down to [`MAX_LIST_DEPTH`] (and every box) whose children
/// are numbered in order, and every run of top-level headings without children.
pub fn outline_lists(cx: Cx, out: &mut Vec<TaskList>) {
    let doc = cx.tx.doc;
    let heads = headings(cx);
    let depth = depths(&heads);
    // the ordinal of the last heading seen at each level, for numbering carried on
    let mut last_at: [Option<u32>; 9] = [None; 9];
    for k in 0..heads.len() {
        let (si, m) = &heads[k];
        let kids = children(&heads, k);
        let seen = last_at;
        if let Some(slot) = last_at.get_mut(m.level as usize) {
            *slot = Some(m.ordinal);
        }
        let single = kids.len() == 1 && sibling_lists(&heads, k);
        if (!m.boxed && depth[k] > MAX_LIST_DEPTH) || !ordered(&kids, &seen, single) {
            continue;
        }
        let items = kids
            .iter()
            .map(|(sj, mj)| item_of(cx, doc.sentence_text(*sj), mj))
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
    top_runs(cx, &heads, &depth, out);
}

/// Runs of top-level headings numbered 1, 2, 3 … (at least three) as one list, when none
/// of them has a sub-heading (the articles of a policy) or when a sentence before the run
/// states their number (7个方面分值 before an annex of seven scored sections). Its title is
/// the short line that names the run (the policy's or annex's own title), found up to
/// [`TITLE_REACH`] sentences before it.
fn top_runs(cx: Cx, heads: &[(usize, Marker)], depth: &[usize], out: &mut Vec<TaskList>) {
    let doc = cx.tx.doc;
    let top: Vec<usize> = (0..heads.len())
        .filter(|&k| depth[k] == 0 && !heads[k].1.boxed)
        .collect();
    let mut counted_from = 0;
    let mut k = 0;
    while k < top.len() {
        let start = k;
        let level = heads[top[k]].1.level;
        while k + 1 < top.len()
            && heads[top[k + 1]].1.level == level
            && heads[top[k + 1]].1.ordinal == heads[top[k]].1.ordinal + 1
        {
            k += 1;
        }
        let run = &top[start..=k];
        k += 1;
        if run.len() < 3 || heads[run[0]].1.ordinal != 1 {
            continue;
        }
        let first = heads[run[0]].0;
        let flat = run.iter().all(|&h| children(heads, h).is_empty());
        let counted = if flat {
            None
        } else {
            stated_count(cx, counted_from, first, run.len())
        };
        counted_from = first;
        let title = run_title(cx, first);
        let (ti, declared, (a, b)) = match (flat, counted, title) {
            (true, _, Some(ti)) => (ti, None, (doc.sentences[ti].start, doc.sentences[ti].end)),
            (false, Some(range), Some(ti)) => (ti, Some(run.len() as u32), range),
            _ => continue,
        };
        let items = run
            .iter()
            .map(|&h| heading_title(doc.sentence_text(heads[h].0), &heads[h].1))
            .collect();
        let draft = Draft {
            title: doc.sentence_text(ti).to_string(),
            declared,
            items,
            kind: ListKind::Outline,
            rule: if declared.is_some() {
                Rule::TaskCountedOutline
            } else {
                Rule::TaskOutline
            },
            range: (a, b),
            path: Vec::new(),
        };
        out.push(draft.finish(cx));
    }
}

/// A sentence in `[from, to)` that states `n` aspects or parts (7个方面, 五个部分, a
/// `part_noun`): the chars of the clause that states it.
fn stated_count(cx: Cx, from: usize, to: usize, n: usize) -> Option<(usize, usize)> {
    let doc = cx.tx.doc;
    (from..to).find_map(|i| {
        let t = doc.sentence_text(i);
        let c =
            cx.v.parts.captures_iter(t).find(|c| {
                c.name("n").and_then(|m| super::count_value(m.as_str())) == Some(n as u32)
            })?;
        let m = c.get(0)?;
        let base = doc.sentences[i].start;
        let clause_start = t[..m.start()]
            .char_indices()
            .rfind(|(_, c)| matches!(c, ',' | '，'))
            .map_or(0, |(x, c)| x + c.len_utf8());
        let clause_end = t[m.end()..]
            .find([',', '，', '。'])
            .map_or(t.len(), |x| m.end() + x);
        let a = base + t[..clause_start].chars().count();
        let b = base + t[..clause_end].chars().count();
        Some((a, b))
    })
}

/// The short title line (an unmarked heading line) nearest before sentence `first`, when no
/// outline heading stands between them.
fn run_title(cx: Cx, first: usize) -> Option<usize> {
    let levels = &cx.tx.outline.levels;
    (first.saturating_sub(TITLE_REACH)..first)
        .rev()
        .take_while(|&i| !matches!(levels[i], Some(l) if (1..8).contains(&l)))
        .find(|&i| levels[i] == Some(8))
}
