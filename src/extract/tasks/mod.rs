//! Task lists and plan outlines, with declared counts checked against the items found.
//!
//! Each detector is a named rule:
//! - `task.inline` ([`inline`]): `A、B和C等6项任务` — items split on 、/，/以及 (and on 和
//!   before a verb), a verb shared by coordinated items repeated where the bare piece does not
//!   name work; `task.colon`: `重点实施“三大工程”:A、B、C`;
//! - `task.outline` ([`outline`]): headings with markers at paragraph starts, also inside
//!   flattened text; every heading with sub-headings is a list;
//! - `task.enumeration`, `task.dash_items` ([`enumeration`]): 一是…二是…, 第一…第二…,
//!   一方面…另一方面…, and `——` item lines;
//! - `task.lead` ([`lead`]): a sentence that announces items (以下几方面工作:, 有哪些?, 围绕
//!   七个方面…) followed by paragraphs that open with a short heading sentence or `在X方面`.
//!
//! Lists found by two rules with the same items are kept once.

pub mod enumeration;
pub mod inline;
pub mod items;
pub mod lead;
pub mod outline;
pub mod run_in;
pub mod table;

use super::numbers::parse_chinese;
use super::phrases::Phrases;
use super::Text;
use crate::dicts::{Dicts, TaskWords};
use crate::error::DictError;
use crate::report::{ListKind, TaskList};
use crate::rules::Rule;
use items::{trim_item, Ix, TagMemo};
use regex::Regex;

/// The task-list vocabulary (`dicts/task_rules.tsv`) and the patterns built from it.
pub struct Vocab {
    pub words: TaskWords,
    /// 等N项任务: a count that closes an inline list.
    pub inline: Regex,
    /// N项任务, 从N方面: a declared count anywhere in a lead.
    pub declared: Regex,
    /// 7个方面, 五个部分: a count of a document's parts.
    pub parts: Regex,
    /// A、B和C三个重点领域: a count after the items it counts (a modifier of up to eight
    /// chars between the count and its noun).
    pub counted: Regex,
    /// 在X方面,: an aspect that opens a paragraph.
    pub aspect: Regex,
    /// 一是, 第一,, 一方面, ——: enumeration markers.
    pub enumeration: Regex,
    /// The `lead` words, asked of every paragraph in one pass.
    pub leads: Phrases,
    /// The `inline_lead` words (the rightmost one opens an inline list).
    pub inline_leads: Phrases,
}

impl Vocab {
    /// Take the task words of `dicts` and compile the patterns built from them.
    pub fn new(dicts: &Dicts) -> Result<Vocab, DictError> {
        let words = dicts.task_words.clone();
        let nouns: Vec<String> = words.count_nouns.iter().map(|w| regex::escape(w)).collect();
        let nouns = nouns.join("|");
        let parts: Vec<String> = words.part_nouns.iter().map(|w| regex::escape(w)).collect();
        let parts = parts.join("|");
        let bad = |e: regex::Error| DictError::Row {
            file: "dicts/task_rules.tsv".into(),
            line: 0,
            message: format!("the count nouns do not compile: {e}"),
        };
        let compile = |p: String| Regex::new(&p).map_err(bad);
        let inline = compile(format!(
            r"等(?P<n>[0-9]{{1,3}}|[一二三四五六七八九十两]{{1,3}})(?:项|个|大|条|类)?(?P<noun>{nouns})"
        ))?;
        let declared = compile(format!(
            r"(?P<n>[0-9]{{1,3}}|[一二三四五六七八九十两]{{1,3}})(?:项|个|大|条|类)?(?:{nouns}|新)"
        ))?;
        let counted = compile(format!(
            r"(?P<n>[0-9]{{1,3}}|[一二三四五六七八九十两]{{1,3}})(?:个|大|项|条|类)(?P<noun>[^,，。、;；:：]{{0,8}}?(?:{nouns}))"
        ))?;
        let enumeration = Regex::new(r"(?P<cn>[一二三四五六七八九十]{1,2})是|(?P<yao>[一二三四五六七八九十]{1,2})要|第(?P<di>[一二三四五六七八九十]{1,2})[,，、]|(?P<fm>一方面|另一方面)[,，]?|(?P<seq>首先|其次|再次|最后)[,，]|(?P<dash>——|[-*•·●○■□◆◇▪]\s)")
            .expect("fixed pattern");
        Ok(Vocab {
            parts: compile(format!(
                r"(?P<n>[0-9]{{1,3}}|[一二三四五六七八九十两]{{1,3}})(?:个|大)?(?:{parts})"
            ))?,
            aspect: Regex::new(r"^在(?P<x>.{2,40}?)方面[,，]").expect("fixed pattern"),
            inline,
            declared,
            counted,
            enumeration,
            leads: Phrases::new(&words.leads),
            inline_leads: Phrases::new(&words.inline_leads),
            words,
        })
    }
}

/// A pattern a rule asks of a sentence before it runs (see [`Triggers`]).
#[derive(Debug, Clone, Copy)]
pub enum Trigger {
    Inline = 0,
    Counted = 1,
    Enumeration = 2,
    Declared = 3,
}

/// Which [`Trigger`] patterns match in each sentence, asked on first need and kept: a
/// rule runs its own pattern only on the sentences its trigger matches in, and a trigger
/// that no rule asks of a sentence (`declared` is asked only of paragraph openings) is
/// never run there. Each pattern runs alone, where the regex crate's literal prefilters
/// apply (`等` for `inline`) and a search stops at the first match, which costs less than
/// one overlapping search of the whole set to the end of every sentence.
pub struct Triggers<'t> {
    sentences: Vec<&'t str>,
    v: &'t Vocab,
    /// Per sentence: bit `t` set when trigger `t` has been asked, bit `4 + t` its answer.
    known: Vec<std::cell::Cell<u8>>,
}

impl<'t> Triggers<'t> {
    /// The triggers of the sentences of `tx`.
    fn new(tx: &'t Text, v: &'t Vocab) -> Triggers<'t> {
        let doc = tx.doc;
        Triggers::of(
            (0..doc.sentences.len())
                .map(|i| doc.sentence_text(i))
                .collect(),
            v,
        )
    }

    /// The triggers of `sentences`.
    fn of(sentences: Vec<&'t str>, v: &'t Vocab) -> Triggers<'t> {
        Triggers {
            known: vec![std::cell::Cell::new(0); sentences.len()],
            sentences,
            v,
        }
    }

    /// Whether trigger `t` matches somewhere in sentence `si` (false past the last one).
    fn get(&self, si: usize, t: Trigger) -> bool {
        let (Some(cell), Some(sentence)) = (self.known.get(si), self.sentences.get(si)) else {
            return false;
        };
        let (asked, answer) = (1u8 << t as u8, 1u8 << (4 + t as u8));
        let bits = cell.get();
        if bits & asked != 0 {
            return bits & answer != 0;
        }
        let pattern = match t {
            Trigger::Inline => &self.v.inline,
            Trigger::Counted => &self.v.counted,
            Trigger::Enumeration => &self.v.enumeration,
            Trigger::Declared => &self.v.declared,
        };
        let hit = pattern.is_match(sentence);
        cell.set(bits | asked | if hit { answer } else { 0 });
        hit
    }
}

/// What every list rule reads: the text, the vocabulary and each sentence's heading path.
#[derive(Clone, Copy)]
pub struct Cx<'t, 'a> {
    pub tx: &'t Text<'a>,
    pub v: &'a Vocab,
    pub paths: &'t [Vec<String>],
    /// The pieces tagged so far in this document.
    pub memo: &'t TagMemo,
    /// Which trigger patterns match in each sentence.
    pub triggers: &'t Triggers<'t>,
}

impl Cx<'_, '_> {
    /// Whether pattern `t` matches somewhere in sentence `si` (else it need not be run).
    pub fn may(&self, si: usize, t: Trigger) -> bool {
        self.triggers.get(si, t)
    }

    /// What item splitting needs.
    pub fn ix(&self) -> Ix<'_> {
        Ix {
            seg: self.tx.tokens.segmenter(),
            v: &self.v.words,
            memo: self.memo,
        }
    }
}

/// A list a rule found, before its items are cleaned and its count checked.
pub struct Draft {
    pub title: String,
    pub declared: Option<u32>,
    pub items: Vec<String>,
    pub kind: ListKind,
    pub rule: Rule,
    /// The chars `[start, end)` of its evidence in the normalized text.
    pub range: (usize, usize),
    pub path: Vec<String>,
}

impl Draft {
    /// The list as reported: items without enumeration markers (一是, 第一,), whichever
    /// rule found them; the declared count checked.
    pub fn finish(self, cx: Cx) -> TaskList {
        let items: Vec<String> = self
            .items
            .into_iter()
            .map(|i| match cx.v.enumeration.find(&i) {
                Some(m) if m.start() == 0 && m.end() < i.len() => trim_item(&i[m.end()..]),
                _ => i,
            })
            .collect();
        let (a, b) = self.range;
        let title = match super::outline::marker(&self.title) {
            Some(m) => heading_title(&self.title, &m),
            None => trim_item(&self.title),
        };
        TaskList {
            title,
            declared_count: self.declared,
            count_ok: self.declared.map(|d| d as usize == items.len()),
            items,
            kind: self.kind,
            heading_path: self.path,
            evidence: cx.tx.doc.slice(a, b).trim().to_string(),
            span: cx.tx.doc.span(a, b),
            rule: self.rule,
        }
    }
}

/// A count written in digits or Chinese numerals.
pub fn count_value(s: &str) -> Option<u32> {
    if s.chars().all(|c| c.is_ascii_digit()) {
        s.parse().ok()
    } else {
        parse_chinese(s).map(|v| v as u32)
    }
}

/// Every count a lead sentence declares (从8方面, 四个新, 七个方面提出了30项主要任务).
pub fn declared_counts(v: &Vocab, lead: &str) -> Vec<u32> {
    v.declared
        .captures_iter(lead)
        .filter_map(|c| c.name("n").and_then(|m| count_value(m.as_str())))
        .filter(|&d| d >= 2)
        .collect()
}

/// The declared count of a list: the one that equals the items found, else the last (the
/// nearest to the items).
pub fn pick_declared(counts: &[u32], items: usize) -> Option<u32> {
    counts
        .iter()
        .copied()
        .find(|&d| d as usize == items)
        .or(counts.last().copied())
}

/// Heading text without its marker, trailing punctuation and a trailing bracketed note
/// (一、政务服务"一网通办"（25分） → 政务服务"一网通办": a score, a lead office, a period).
pub fn heading_title(text: &str, m: &super::outline::Marker) -> String {
    without_note(&trim_item(&text[m.len..]))
}

/// A title without a trailing `(…)`/`（…）` note, when text stands before it.
fn without_note(t: &str) -> String {
    let Some(body) = t.strip_suffix([')', '）']) else {
        return t.to_string();
    };
    match body.rfind(['(', '（']) {
        Some(i) if body[..i].chars().count() >= 2 && !body[i..].contains([')', '）']) => {
            trim_item(&body[..i])
        }
        _ => t.to_string(),
    }
}

/// A question or lead without 问:/答:, its closing punctuation, an opening 如何/请问 and an
/// interrogative near its end (…有哪些考虑 → …).
pub fn clean_lead(t: &str, v: &TaskWords) -> String {
    let t = t
        .trim_start_matches("问:")
        .trim_start_matches("问：")
        .trim_start_matches("答:");
    let mut t = t.trim_end_matches(|c: char| {
        matches!(c, '?' | '？' | '。' | ':' | '：' | ',' | '，' | ' ' | '~')
    });
    for p in &v.question_prefixes {
        t = t.trim_start_matches(p.as_str());
    }
    // the interrogative that leaves the shortest rest (at most six chars) after it
    let cut = v
        .question_words
        .iter()
        .filter_map(|q| {
            let i = t.rfind(q.as_str())?;
            let rest = t[i + q.len()..].chars().count();
            // not an interrogative that opens a clause of its own (…,如何体现…)
            let opens_clause = t[..i].ends_with([',', '，', ';', '；']);
            (i > 0 && rest <= 6 && !opens_clause).then_some((rest, i))
        })
        .min();
    match cut {
        Some((_, i)) => trim_item(&t[..i]),
        None => trim_item(t),
    }
}

/// A lead sentence's list title: its last clause that declares a count (从8个方面提出了22项
/// 重点任务), else its last clause.
pub fn lead_title(t: &str, v: &Vocab) -> String {
    let t = clean_lead(t, &v.words);
    let clauses: Vec<&str> = t
        .split([',', '，'])
        .filter(|c| c.chars().count() >= 4)
        .collect();
    clauses
        .iter()
        .rev()
        .find(|c| v.declared.is_match(c))
        .or(clauses.last())
        .map_or(t.clone(), |c| trim_item(c))
}

/// Heading path (outermost first) governing each sentence: questions, outline headings and
/// short heading lines, from the document's outline.
fn outline_paths(tx: &Text, v: &Vocab) -> Vec<Vec<String>> {
    let doc = tx.doc;
    let title = |h: usize| {
        let t = doc.sentence_text(h);
        match tx.outline.levels[h] {
            Some(0) => clean_lead(t, &v.words),
            _ => match super::outline::marker(t) {
                Some(m) => heading_title(t, &m),
                None => trim_item(t),
            },
        }
    };
    let titles: Vec<Option<String>> = (0..doc.sentences.len())
        .map(|i| tx.outline.levels[i].map(|_| title(i)))
        .collect();
    (0..doc.sentences.len())
        .map(|i| {
            tx.outline
                .stack(i)
                .iter()
                .filter_map(|&h| titles[h].clone())
                .collect()
        })
        .collect()
}

/// Extract the task lists of a document.
pub fn extract(tx: &Text) -> Vec<TaskList> {
    let v = &tx.res.tasks;
    let paths = outline_paths(tx, v);
    let memo = TagMemo::default();
    let triggers = Triggers::new(tx, v);
    let cx = Cx {
        tx,
        v,
        paths: &paths,
        memo: &memo,
        triggers: &triggers,
    };
    let mut lists: Vec<TaskList> = Vec::new();
    inline::inline_lists(cx, &mut lists);
    inline::counted_lists(cx, &mut lists);
    outline::outline_lists(cx, &mut lists);
    run_in::run_in_lists(cx, &mut lists);
    table::table_lists(cx, &mut lists);
    enumeration::enumerations(cx, &mut lists);
    lead::lead_lists(cx, &mut lists);
    inline::colon_lists(cx, &mut lists);
    lists.retain(|l| !in_review(l, &v.words));
    let mut kept = dedupe(lists);
    kept.sort_by_key(|l| l.span[0]);
    kept
}

/// Whether a list stands under a review, problem or principle sub-heading (主要工作成效,
/// 存在问题, 基本原则), or is such a sub-heading's own list: what a plan reports or holds to,
/// not work it assigns. A top-level heading counts only for the lists it titles itself
/// (二、发展趋势 with its —— bullets): its outline still lists its sub-headings, and a lead
/// inside it still announces work.
fn in_review(l: &TaskList, w: &TaskWords) -> bool {
    let is_review = |h: &String| w.review_headings.iter().any(|r| h.contains(r.as_str()));
    let titled_by_heading = l.heading_path.last() == Some(&l.title);
    let own = matches!(l.rule, Rule::TaskOutline | Rule::TaskRunIn) && !l.heading_path.is_empty();
    l.heading_path
        .iter()
        .skip(usize::from(!titled_by_heading))
        .chain(own.then_some(&l.title))
        .any(is_review)
}
/// How many items of `a` (of four chars or more) one of `b` contains or is contained in.
fn overlap(a: &[String], b: &[String]) -> usize {
    a.iter()
        .filter(|i| {
            i.chars().count() >= 4
                && b.iter()
                    .any(|j| j.contains(i.as_str()) || i.contains(j.as_str()))
        })
        .count()
}

/// How far apart (original chars) two lists may be and still be one list found twice: a
/// count that names the areas, then the sentences that spell them out.
const SAME_LIST_REACH: usize = 300;

/// Whether two lists stand close enough to be one list that two rules found.
fn near(a: &TaskList, b: &TaskList) -> bool {
    a.span[0] <= b.span[1] + SAME_LIST_REACH && b.span[0] <= a.span[1] + SAME_LIST_REACH
}

/// Drop a list whose items another list found at the same place already has (two rules,
/// one list). The same items elsewhere are another list: chapters that each have their
/// 主要目标 and 重点任务 are as many outlines.
fn dedupe(lists: Vec<TaskList>) -> Vec<TaskList> {
    let mut kept: Vec<TaskList> = Vec::new();
    for l in lists {
        let n = kept.len();
        keep(&mut kept, 0..n, l);
    }
    kept
}

/// Add the lists of the next window of a large text to those of the windows before it
/// (both in order of position): a list that one found near the cut and the other found
/// again is kept once, as in a text read whole.
pub fn join_windows(kept: &mut Vec<TaskList>, next: Vec<TaskList>) {
    let Some(first) = next.first().map(|l| l.span[0]) else {
        return;
    };
    // the earlier windows' lists that can stand near the next window's: those after the
    // last that ends out of reach of its first list (its own lists are deduplicated)
    let from = kept
        .iter()
        .rposition(|k| k.span[1] + SAME_LIST_REACH < first)
        .map_or(0, |i| i + 1);
    let earlier = from..kept.len();
    for l in next {
        keep(kept, earlier.clone(), l);
    }
}

/// Keep `l` in `kept`, or merge it into the list of `kept[among]` it repeats.
fn keep(kept: &mut Vec<TaskList>, among: std::ops::Range<usize>, l: TaskList) {
    let dup = kept[among].iter_mut().find(|k| {
        near(k, &l)
            && overlap(&l.items, &k.items) * 2 > l.items.len()
            && overlap(&k.items, &l.items) * 2 > k.items.len()
    });
    let Some(k) = dup else {
        kept.push(l);
        return;
    };
    // 围绕A、B等2个方面…一是强化A能力,二是提升B水平: the same list twice; the
    // spelled-out items name the work better than the bare area names.
    let richer = l.items.len() >= k.items.len()
        && k.items
            .iter()
            .zip(&l.items)
            .all(|(a, b)| b.contains(a.as_str()) && b.chars().count() > a.chars().count());
    if richer {
        k.items = l.items;
        k.count_ok = k.declared_count.map(|d| d as usize == k.items.len());
    }
    if k.declared_count.is_none() && l.declared_count.is_some() {
        k.declared_count = l.declared_count;
        k.count_ok = l.declared_count.map(|d| d as usize == k.items.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A trigger says exactly whether its rule's own pattern matches the sentence, asked in
    /// any order and any number of times, so a rule that skips the sentences without it
    /// skips nothing it would have found.
    #[test]
    fn each_trigger_is_its_own_pattern_matching() {
        let v = Vocab::new(&Dicts::load(None).unwrap()).unwrap();
        let own = [
            (Trigger::Inline, &v.inline),
            (Trigger::Counted, &v.counted),
            (Trigger::Enumeration, &v.enumeration),
            (Trigger::Declared, &v.declared),
        ];
        let sentences = vec![
            "",
            "重点推进数字政府、智慧城市等6项任务",
            "一是加强统筹,二是强化保障",
            "推进A、B和C三个重点领域建设",
            "主要包括以下几个方面:",
            "—— 完善机制",
            "今年以来经济运行总体平稳",
        ];
        let triggers = Triggers::of(sentences.clone(), &v);
        let mut hits = 0;
        // forwards, backwards and forwards again: a kept answer is the answer
        for order in [[0, 1, 2, 3], [3, 2, 1, 0], [0, 1, 2, 3]] {
            for (si, s) in sentences.iter().enumerate() {
                for &k in &order {
                    let (t, re) = own[k];
                    assert_eq!(triggers.get(si, t), re.is_match(s), "{t:?} on {s}");
                    hits += usize::from(re.is_match(s));
                }
            }
        }
        assert!(hits >= 3 * 5, "the sentences exercise the triggers: {hits}");
        assert!(!triggers.get(sentences.len(), Trigger::Inline));
    }
}
