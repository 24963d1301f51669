//! Lists inside a sentence: `task.inline` (A、B和C等6项任务) and `task.colon`
//! (重点实施“六大工程”:A、B、C…).

use super::items::{split_items, trim_item};
use super::{declared_counts, lead_title, pick_declared, Cx, Draft, Trigger};
use crate::extract::outline;
use crate::report::{ListKind, TaskList};
use crate::rules::Rule;
use regex::Captures;

/// Where an inline list begins in `head` (the sentence up to its count): after the
/// rightmost lead word (部署了包括, 重点实施 …) or, without one, at the clauses nearest the
/// count that hold its items ([`clause_start`]); a 了 or 包括 right after, and a word that
/// only opens the clause (从A、B等5方面着手), are not part of it.
fn list_start(head: &str, cx: Cx, declared: Option<u32>) -> usize {
    let lead = cx.v.inline_leads.rightmost(head);
    let mut start = match lead {
        Some((_, e)) => e,
        None => clause_start(head, declared),
    };
    if let Some(r) = head[start..]
        .strip_prefix("了")
        .or(head[start..].strip_prefix("包括"))
    {
        start = head.len() - r.len();
    }
    if lead.is_none() {
        let opener = cx.v.words.clause_openers.iter().find(|o| {
            head[start..]
                .strip_prefix(o.as_str())
                .is_some_and(|rest| rest.chars().count() >= 2)
        });
        start += opener.map_or(0, |o| o.len());
    }
    start
}

/// Without a lead word: going back from the count over the clauses that hold pieces of a
/// list (with a 、, or opening with 以及), until they hold as many pieces as declared; the
/// clause next to the count is always taken.
fn clause_start(head: &str, declared: Option<u32>) -> usize {
    let mut bounds: Vec<usize> = head
        .char_indices()
        .filter(|(_, c)| matches!(c, ',' | '，' | ':' | '：' | ';' | '；' | '。'))
        .map(|(i, c)| i + c.len_utf8())
        .collect();
    bounds.insert(0, 0);
    let mut start = head.len();
    let mut pieces = 0;
    for &b in bounds.iter().rev() {
        let clause = &head[b..start];
        let listy = clause.contains('、') || clause.trim_start().starts_with("以及");
        if !listy && start != head.len() {
            break;
        }
        pieces += clause.matches('、').count() + 1;
        start = b;
        if !listy || declared.is_some_and(|d| pieces >= d as usize) {
            break;
        }
    }
    start
}

/// The title of an inline list: the sentence's first clause when the list stands in a
/// later one (开展美丽河湖建设,…,从A、B等5方面着手: the work the items belong to),
/// else the heading the sentence belongs to, else the count phrase.
fn inline_title(cx: Cx, t: &str, start: usize, path: &[String], count: &str) -> String {
    let conditions = &cx.v.words.conditions;
    let first = t[..start]
        .split([',', '，', ';', '；'])
        .next()
        .filter(|c| c.len() < start && c.chars().count() >= 4)
        .filter(|c| !conditions.iter().any(|w| c.starts_with(w.as_str())));
    match (first, path.last()) {
        (Some(c), _) => trim_item(c),
        (None, Some(h)) => h.clone(),
        (None, None) => count.to_string(),
    }
}

/// One `等N项任务` match of sentence `si` as a list.
fn inline_list(cx: Cx, si: usize, c: &Captures) -> Option<TaskList> {
    let doc = cx.tx.doc;
    let t = doc.sentence_text(si);
    let base = doc.sentences[si].start;
    let whole = c.get(0)?;
    let declared = c.name("n").and_then(|m| super::count_value(m.as_str()));
    let head = &t[..whole.start()];
    let start = list_start(head, cx, declared);
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
    let count = format!("{}{}", c.name("n").map_or("", |m| m.as_str()), noun);
    let title = inline_title(cx, t, start, &path, &count);
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
    for si in (0..doc.sentences.len()).filter(|&si| cx.may(si, Trigger::Inline)) {
        let t = doc.sentence_text(si);
        for c in cx.v.inline.captures_iter(t) {
            out.extend(inline_list(cx, si, &c));
        }
    }
}

/// `task.counted_list`: A、B和C八个重点领域 — items inside a sentence counted by the phrase
/// right after them, when the count equals the pieces. A list closed by 等N is
/// `task.inline`'s. The first piece holds the sentence's lead (南昌加快布局VR): the item is
/// what follows its last verb, and the lead with the count phrase titles the list.
pub fn counted_lists(cx: Cx, out: &mut Vec<TaskList>) {
    let doc = cx.tx.doc;
    for si in (0..doc.sentences.len()).filter(|&si| cx.may(si, Trigger::Counted)) {
        let t = doc.sentence_text(si);
        for c in cx.v.counted.captures_iter(t) {
            out.extend(counted_list(cx, si, &c));
        }
    }
}

/// The pieces of a counted list: split on 、, the last piece once more on its last 和/及/与.
fn counted_pieces(list: &str) -> Vec<&str> {
    let mut pieces: Vec<&str> = list.split('、').collect();
    if let Some(last) = pieces.pop() {
        let cut = ["和", "及", "与"]
            .iter()
            .filter_map(|c| last.rfind(c).map(|i| (i, c.len())))
            .max();
        match cut {
            Some((i, l)) if i > 0 && i + l < last.len() => {
                pieces.extend([&last[..i], &last[i + l..]]);
            }
            _ => pieces.push(last),
        }
    }
    pieces
}

/// One counted-list match of sentence `si`.
fn counted_list(cx: Cx, si: usize, c: &Captures) -> Option<TaskList> {
    let doc = cx.tx.doc;
    let t = doc.sentence_text(si);
    let whole = c.get(0)?;
    let head = &t[..whole.start()];
    let n = super::count_value(c.name("n")?.as_str())?;
    if n < 3 || head.ends_with('等') || head.ends_with("等等") {
        return None;
    }
    let start = list_start(head, cx, Some(n));
    let pieces = counted_pieces(&head[start..]);
    if pieces.len() != n as usize {
        return None;
    }
    let (lead, first) = cx.ix().split_lead(pieces[0]);
    let mut items = vec![trim_item(&first)];
    items.extend(pieces[1..].iter().map(|p| trim_item(p)));
    if items.iter().any(|i| i.is_empty() || i.chars().count() > 20) {
        return None;
    }
    let base = doc.sentences[si].start;
    let draft = Draft {
        title: format!("{lead}{}", whole.as_str()),
        declared: Some(n),
        items,
        kind: ListKind::Inline,
        rule: Rule::TaskCountedList,
        range: (
            base + t[..start].chars().count(),
            base + t[..whole.end()].chars().count(),
        ),
        path: cx.paths[si].clone(),
    };
    Some(draft.finish(cx))
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
    let announced = !counts.is_empty() || cx.v.leads.any_in(lead) || cx.v.inline_leads.any_in(lead);
    let body = body.trim_start();
    let enumerated = cx.v.enumeration.find(body).is_some_and(|m| m.start() == 0)
        || outline::marker(body).is_some();
    announced && !enumerated && !cx.v.inline.is_match(body)
}

/// The byte offset of the last colon of `text`, half- or full-width: what
/// `text.rfind([':', '：'])` gives, with two byte searches instead of decoding every char.
fn last_colon(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    memchr::memrchr(b':', b).max(memchr::memmem::rfind(b, "：".as_bytes()))
}

/// `task.colon`: 重点实施“六大工程”:A、B、C…。 — a lead clause that ends with a colon and
/// announces a list, then the items up to the end of the sentence, separated by 、 (or by ；,
/// running on over the following sentences of the paragraph). Items on lines of their own
/// are `task.lead`'s work, and a list closed by 等N项 is `task.inline`'s.
pub fn colon_lists(cx: Cx, out: &mut Vec<TaskList>) {
    let doc = cx.tx.doc;
    for (i, path) in cx.paths.iter().enumerate() {
        let text = doc.sentence_text(i);
        let Some(colon) = last_colon(text) else {
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

#[cfg(test)]
mod tests {
    use super::last_colon;

    #[test]
    fn last_colon_is_rfind_of_either_colon() {
        for t in [
            "",
            "无冒号",
            "主要任务:",
            "主要任务：一、二",
            "a:b：c",
            "a：b:c",
            "：",
            "::",
        ] {
            assert_eq!(last_colon(t), t.rfind([':', '：']), "{t:?}");
        }
    }
}
