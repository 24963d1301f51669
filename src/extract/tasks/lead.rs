//! `task.lead`: a paragraph that announces a list (以下几方面工作:, 有哪些?, a declared
//! count) and the paragraphs after it that are its items — numbered items in order, `在X方面,`
//! openings, or short heading sentences that open with a verb.

use super::items::trim_item;
use super::{
    clean_lead, declared_counts, heading_title, lead_title, pick_declared, Cx, Draft, Trigger,
};
use crate::extract::outline::{is_question, marker, Marker};
use crate::report::{ListKind, TaskList};
use crate::rules::Rule;

/// At most this many paragraphs after a lead are read as its items.
const MAX_ITEMS: usize = 200;

/// The paragraphs of a document: (first sentence, last sentence).
fn paragraphs(cx: Cx) -> Vec<(usize, usize)> {
    let mut paras: Vec<(usize, usize)> = Vec::new();
    for (i, s) in cx.tx.doc.sentences.iter().enumerate() {
        if s.para_start || paras.is_empty() {
            paras.push((i, i));
        } else if let Some(p) = paras.last_mut() {
            p.1 = i;
        }
    }
    paras
}

/// How the items after a lead are written, once the first one tells.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Open,
    Numbered(u8, u32),
    Aspects,
    Headings,
}

/// Reading the items after one lead.
struct Items {
    items: Vec<String>,
    /// Body paragraphs since the last item.
    bodies: usize,
    /// The last paragraph read into the list.
    end: usize,
    mode: Mode,
    /// The lead is a question (one body paragraph may stand before the first item).
    question: bool,
}

impl Items {
    /// Read paragraph `(qa, qb)`; false when the list has ended.
    fn read(&mut self, cx: Cx, (qa, qb): (usize, usize)) -> bool {
        let doc = cx.tx.doc;
        let t = doc.sentence_text(qa);
        // (1)… (2)… after a lead: numbered items, in order, at one level
        if let Some(m) = marker(t) {
            return self.numbered(t, &m, qb);
        }
        if matches!(self.mode, Mode::Numbered(..)) || is_question(t) || t.starts_with("问") {
            return false;
        }
        // A paragraph that announces its own list is not an item of this one.
        if doc.sentence_text(qb).ends_with([':', '：']) {
            return false;
        }
        let para = doc.slice(doc.sentences[qa].start, doc.sentences[qb].end);
        if let Some(c) = cx.v.aspect.captures(para) {
            if self.mode == Mode::Headings {
                return false;
            }
            self.mode = Mode::Aspects;
            self.push(trim_item(c.name("x").map_or("", |m| m.as_str())), qb);
            return true;
        }
        let single = qa == qb;
        let heading_like = t.chars().count() <= 25
            && (single != t.ends_with('。'))
            && cx.ix().starts_with_verb(t).is_some();
        if heading_like && self.mode != Mode::Aspects {
            self.mode = Mode::Headings;
            self.push(trim_item(t), qb);
            return true;
        }
        if self.mode == Mode::Aspects {
            return false;
        }
        self.bodies += 1;
        let allowed = if self.items.is_empty() {
            usize::from(self.question)
        } else {
            1
        };
        self.bodies <= allowed
    }

    fn numbered(&mut self, t: &str, m: &Marker, qb: usize) -> bool {
        let next = match self.mode {
            Mode::Numbered(level, ord) => level == m.level && ord + 1 == m.ordinal,
            _ => m.ordinal == 1 && self.items.is_empty(),
        };
        if !next {
            return false;
        }
        let title = heading_title(t, m);
        let first = title
            .split(['。', ';', '；', ',', '，'])
            .next()
            .unwrap_or("");
        self.push(trim_item(first), qb);
        self.mode = Mode::Numbered(m.level, m.ordinal);
        true
    }

    fn push(&mut self, item: String, end: usize) {
        self.items.push(item);
        self.end = end;
        self.bodies = 0;
    }
}

/// Whether paragraph `(pa, pb)` leads a list: a question, a colon or lead word, or a
/// declared count — but not a list closed by 等N项 or a list of attachments (附件:).
fn leads(cx: Cx, (pa, pb): (usize, usize)) -> Option<(bool, Vec<u32>)> {
    let doc = cx.tx.doc;
    let w = &cx.v.words;
    let (first, last) = (doc.sentence_text(pa), doc.sentence_text(pb));
    let is_q = is_question(first) || is_question(last);
    let announces = last.ends_with([':', '：']) || cx.v.leads.any_in(last);
    let counts = if cx.may(pb, Trigger::Declared) {
        declared_counts(cx.v, last)
    } else {
        Vec::new()
    };
    let attachments = w
        .not_leads
        .iter()
        .any(|n| last.trim_start().starts_with(n.as_str()));
    let lead = (is_q || announces || !counts.is_empty()) && !cx.may(pb, Trigger::Inline);
    (lead && !attachments).then_some((is_q, counts))
}

/// `task.lead`: every lead paragraph with two or more items after it.
pub fn lead_lists(cx: Cx, out: &mut Vec<TaskList>) {
    let doc = cx.tx.doc;
    let paras = paragraphs(cx);
    for (pi, &(pa, pb)) in paras.iter().enumerate() {
        let Some((question, counts)) = leads(cx, (pa, pb)) else {
            continue;
        };
        let mut r = Items {
            items: Vec::new(),
            bodies: 0,
            end: pb,
            mode: Mode::Open,
            question,
        };
        for &p in paras[pi + 1..].iter().take(MAX_ITEMS) {
            if !r.read(cx, p) {
                break;
            }
        }
        if r.items.len() < 2 {
            continue;
        }
        let declared = pick_declared(&counts, r.items.len());
        let (first, last) = (doc.sentence_text(pa), doc.sentence_text(pb));
        let mut title = if question {
            clean_lead(if is_question(last) { last } else { first }, &cx.v.words)
        } else {
            lead_title(last, cx.v)
        };
        if !question && declared.is_some() && title.is_empty() {
            title = cx.paths[pa].last().cloned().unwrap_or_default();
        }
        let draft = Draft {
            title,
            declared,
            items: r.items,
            kind: ListKind::Enumeration,
            rule: Rule::TaskLead,
            range: (doc.sentences[pb].start, doc.sentences[r.end].end),
            path: cx.paths[pa].clone(),
        };
        out.push(draft.finish(cx));
    }
}
