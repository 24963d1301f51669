//! Lists inside a sentence: `task.inline` (A、B和C等6项任务) and `task.colon`
//! (重点实施“六大工程”:A、B、C…).

use super::items::split_items;
use super::{declared_counts, lead_title, pick_declared, Cx, Draft};
use crate::extract::outline;
use crate::report::{ListKind, TaskList};
use crate::rules::Rule;
use regex::Captures;

/// Where an inline list begins in `head` (the sentence up to its count): after the
/// rightmost lead word (部署了包括, 重点实施 …) or, without one, at the clause holding the
/// first 、; a 了 or 包括 right after is not part of it.
fn list_start(head: &str, cx: Cx) -> usize {
    let lead =
        cx.v.words
            .inline_leads
            .iter()
            .filter_map(|l| head.rfind(l.as_str()).map(|i| (i, i + l.len())))
            .max_by_key(|x| (x.0, x.1));
    let mut start = match lead {
        Some((_, e)) => e,
        None => {
            let first_sep = head.find('、').unwrap_or(head.len());
            head[..first_sep]
                .rfind([',', '，', ':', '：', ';', '；', '。'])
                .map_or(0, |i| {
                    i + head[i..].chars().next().map_or(1, char::len_utf8)
                })
        }
    };
    if let Some(r) = head[start..]
        .strip_prefix("了")
        .or(head[start..].strip_prefix("包括"))
    {
        start = head.len() - r.len();
    }
    start
}

/// One `等N项任务` match of sentence `si` as a list.
fn inline_list(cx: Cx, si: usize, c: &Captures) -> Option<TaskList> {
    let doc = cx.tx.doc;
    let t = doc.sentence_text(si);
    let base = doc.sentences[si].start;
    let whole = c.get(0)?;
    let declared = c.name("n").and_then(|m| super::count_value(m.as_str()));
    let head = &t[..whole.start()];
    let start = list_start(head, cx);
    let list = &head[start..];
    if !list.contains('、') && !list.contains('和') {
        return None;
    }
    let items = split_items(list, declared, cx.ix());
    if items.len() < 2 {
        return None;
    }
    let noun = c.name("noun").map_or("", |m| m.as_str());
    let path = cx.paths[si].clone();
    // Title: the heading this sentence belongs to, else the count phrase.
    let title = path
        .last()
        .cloned()
        .unwrap_or_else(|| format!("{}{}", c.name("n").map_or("", |m| m.as_str()), noun));
    let a = base + t[..start].chars().count();
    let b = base + t[..whole.end()].chars().count();
    let draft = Draft {
        title,
        declared,
        items,
        kind: ListKind::Inline,
        rule: Rule::TaskInline,
        range: (a, b),
        path,
    };
    Some(draft.finish(cx))
}

/// `task.inline`: every `A、B和C等N项任务` of the document.
pub fn inline_lists(cx: Cx, out: &mut Vec<TaskList>) {
    let doc = cx.tx.doc;
    for si in 0..doc.sentences.len() {
        let t = doc.sentence_text(si);
        for c in cx.v.inline.captures_iter(t) {
            out.extend(inline_list(cx, si, &c));
        }
    }
}

/// At most this many `；` sentences are read as one colon list.
const MAX_RUN: usize = 50;

/// The body of a colon list that starts in sentence `i` after its colon: the rest of the
/// sentence, or the next sentence of the paragraph, running on over following sentences
/// while they end with `；` (A；B；C。 splits into sentences). Returns the body and the last
/// sentence it takes.
fn colon_body(cx: Cx, i: usize, colon: usize) -> Option<(String, usize)> {
    let doc = cx.tx.doc;
    let text = doc.sentence_text(i);
    let mut body = text[colon..].chars().skip(1).collect::<String>();
    let mut last = i;
    if body.trim().is_empty() {
        match doc.sentences.get(i + 1) {
            Some(n) if !n.para_start => {
                body = doc.sentence_text(i + 1).to_string();
                last = i + 1;
            }
            _ => return None,
        }
    }
    while body.ends_with(['；', ';'])
        && last - i < MAX_RUN
        && doc.sentences.get(last + 1).is_some_and(|n| !n.para_start)
        && doc.sentence_text(last + 1).chars().count() <= 40
    {
        last += 1;
        body.push_str(doc.sentence_text(last));
    }
    Some((body, last))
}

/// Whether a colon's lead announces a list (a declared count or a lead word) whose body is
/// not another rule's (一是…: an enumeration; 等N项: an inline list).
fn announces(cx: Cx, lead: &str, body: &str, counts: &[u32]) -> bool {
    let w = &cx.v.words;
    if w.not_leads
        .iter()
        .any(|n| lead.trim_start().starts_with(n.as_str()))
    {
        return false;
    }
    let announced = !counts.is_empty()
        || w.leads
            .iter()
            .chain(&w.inline_leads)
            .any(|l| lead.contains(l.as_str()));
    let body = body.trim_start();
    let enumerated = cx.v.enumeration.find(body).is_some_and(|m| m.start() == 0)
        || outline::marker(body).is_some();
    announced && !enumerated && !cx.v.inline.is_match(body)
}

/// `task.colon`: 重点实施“六大工程”:A、B、C…。 — a lead clause that ends with a colon and
/// announces a list, then the items up to the end of the sentence, separated by 、 (or by ；,
/// running on over the following sentences of the paragraph). Items on lines of their own
/// are `task.lead`'s work, and a list closed by 等N项 is `task.inline`'s.
pub fn colon_lists(cx: Cx, out: &mut Vec<TaskList>) {
    let doc = cx.tx.doc;
    for (i, path) in cx.paths.iter().enumerate() {
        let text = doc.sentence_text(i);
        let Some(colon) = text.rfind([':', '：']) else {
            continue;
        };
        let lead = &text[..colon];
        let Some((body, last)) = colon_body(cx, i, colon) else {
            continue;
        };
        let counts = declared_counts(cx.v, lead);
        if !announces(cx, lead, &body, &counts) {
            continue;
        }
        let list = body.trim_end_matches(['。', '.', ';', '；']);
        let pieces: Vec<&str> = list.split(['、', ';', '；']).collect();
        if pieces.len() < 2 || pieces.iter().any(|p| p.chars().count() > 40) {
            continue;
        }
        let items = split_items(list, pick_declared(&counts, pieces.len()), cx.ix());
        if items.len() < 2 {
            continue;
        }
        let draft = Draft {
            title: lead_title(lead, cx.v),
            declared: pick_declared(&counts, items.len()),
            items,
            kind: ListKind::Inline,
            rule: Rule::TaskColon,
            range: (doc.sentences[i].start, doc.sentences[last].end),
            path: path.clone(),
        };
        out.push(draft.finish(cx));
    }
}
