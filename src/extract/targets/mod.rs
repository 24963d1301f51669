//! Targets: every quantified goal or reported figure (shared/gold/GUIDELINES.md).
//!
//! For each sentence, the quantities of the lattice are checked by the named reasons of
//! [`filters`]; each one kept gets a segment of its clause ([`neighbours::segments`]), an
//! indicator ([`indicator`]: `target.linking`, `target.number_first`,
//! `target.clause_subject`, `target.label_value`), a name from its neighbours when its own
//! words name only a measure ([`neighbours`]), a comparator, a year ([`time`]) and a kind
//! ([`kind`]). Indicator tables are read by [`tables`] (`target.table`).

pub mod filters;
pub mod indicator;
pub mod kind;
pub mod neighbours;
pub mod tables;
pub mod time;

use super::dates::DateMatch;
use super::numbers::Quantity;
use super::phrases::Phrases;
use super::Text;
use crate::dicts::{Dicts, TargetWords};
use crate::error::DictError;
use crate::report::{DateKind, Target};
use chrono::Datelike;
use foldhash::{HashMap, HashMapExt};
use neighbours::Neighbours;
use regex::Regex;

/// The targets extractor's vocabulary (`dicts/target_rules.tsv`) and its patterns.
pub struct Vocab {
    pub words: TargetWords,
    /// A one-year plan's title (2023年…工作要点), when `annual_plan` words are listed.
    pub annual_plan: Option<Regex>,
    /// A past span (近3年, 过去一年, 上年): a figure stated for it is a fact.
    pub past_span: Regex,
    /// A time phrase opening an indicator (全年, 上半年, 未来3年内).
    pub leading_time: Regex,
    /// Indicator table headers.
    pub tables: tables::TableVocab,
    /// The cue and heading lists of `words`, each asked of every figure in one pass.
    pub status_cues: Phrases,
    pub target_cues: Phrases,
    pub status_headings: Phrases,
    pub target_headings: Phrases,
    pub instruments: Phrases,
    pub events: Phrases,
}

impl Vocab {
    /// Take the target words of `dicts` and compile the patterns built from them.
    pub fn new(dicts: &Dicts) -> Result<Vocab, DictError> {
        let words = dicts.target_words.clone();
        let annual_plan = (!words.annual_plans.is_empty())
            .then(|| {
                let alts: Vec<String> = words.annual_plans.iter().map(|w| regex::escape(w)).collect();
                Regex::new(&format!(
                    r"(?:^|《|印发)\s*((?:19|20)[0-9]{{2}})年(?:度)?[^。,，;；《》:：!?！？]{{0,40}}?(?:{})",
                    alts.join("|")
                ))
                .map_err(|e| DictError::Row {
                    file: "dicts/target_rules.tsv".into(),
                    line: 0,
                    message: format!("the annual_plan words do not compile: {e}"),
                })
            })
            .transpose()?;
        Ok(Vocab {
            tables: tables::TableVocab::new(dicts)?,
            status_cues: Phrases::new(&words.status_cues),
            target_cues: Phrases::new(&words.target_cues),
            status_headings: Phrases::new(&words.status_headings),
            target_headings: Phrases::new(&words.target_headings),
            instruments: Phrases::new(&words.instruments),
            events: Phrases::new(&words.events),
            words,
            annual_plan,
            past_span: Regex::new(r"(?:近|过去|最近)\s*(?:[0-9]+|[一二三四五六七八九十两]+)\s*(?:年|个月)|近年来|过去一年|上年")
                .expect("fixed pattern"),
            leading_time: Regex::new(r"^(?:全年|年内|当年|上半年|下半年|前三季度|第?[一二三四]季度|(?:近|过去|最近|未来|今后)?\s*(?:[0-9]+|[一二三四五六七八九十两]+)\s*(?:年|个月)(?:来|以来|内|间)?)")
                .expect("fixed pattern"),
        })
    }
}

/// What holds for the whole document.
#[derive(Debug, Clone, Default)]
pub struct DocFacts {
    /// The year the document speaks from: its publication year, else the latest year a
    /// 到YYYY年 aims at (a period ending before it is past); `i32::MIN` when neither.
    pub horizon: i32,
    /// A Q&A or press text (答记者问, 问:/答:, 记者…获悉), where an indicator stating its
    /// figure with no cue reports a fact.
    pub report_text: bool,
    /// The year of a one-year plan (2023年…工作要点), for figures that state none.
    pub plan_year: Option<i32>,
}

impl DocFacts {
    /// Read the facts from a prepared document (its opening, dates and title).
    pub fn new(tx: &Text) -> DocFacts {
        let doc = tx.doc;
        let opening: String = doc.text.chars().take(300).collect();
        let report_text = tx
            .res
            .targets
            .words
            .press_cues
            .iter()
            .any(|w| opening.contains(w.as_str()))
            || doc.text.contains("\n答:")
            || doc.text.contains("\n答：");
        let horizon = tx
            .published
            .map(|p| p.year())
            .or_else(|| aim_year(tx))
            .unwrap_or(i32::MIN);
        DocFacts {
            horizon,
            report_text,
            plan_year: time::annual_plan_year(tx),
        }
    }
}

/// The latest year the document aims at (到2025年), for an undated document.
fn aim_year(tx: &Text) -> Option<i32> {
    let doc = tx.doc;
    (0..doc.sentences.len())
        .flat_map(|i| {
            let text = doc.sentence_text(i);
            tx.lattice.dates[i].iter().filter_map(move |d| {
                let ev = &text[d.start..d.end];
                (d.kind == DateKind::Year
                    && ev.contains('到')
                    && !time::after_change_verb(&text[..d.start], &tx.res.numbers))
                .then(|| d.value.as_deref()?.parse::<i32>().ok())?
            })
        })
        .max()
}

/// What the rules need to know about the sentence a quantity sits in.
pub struct Frame<'a> {
    /// Byte offset of the sentence in the document text.
    pub base: usize,
    pub sent: &'a str,
    /// Date expressions of the sentence.
    pub dates: &'a [DateMatch],
    /// A 到YYYY年 (forward) or 截至YYYY年 earlier in the paragraph.
    pub gov_year: time::YearScope,
    /// The time of the sentence before, which this one goes on with (其中, 具体来看).
    pub continued: Option<time::Stated>,
    /// What the governing headings say: progress or goals, and a year.
    pub section: time::Section,
    pub doc: &'a DocFacts,
}

/// Extract the targets of a document.
pub fn extract(tx: &Text) -> Vec<Target> {
    let facts = &tx.facts;
    let gov_years = time::governing_years(tx);
    let continued = time::continued(tx);
    let sections = time::sections(tx);
    let found_tables = tables::find(tx);
    let mut in_table = vec![false; tx.doc.sentences.len()];
    for r in &found_tables {
        for flag in in_table
            .iter_mut()
            .take(r.sentences.1 + 1)
            .skip(r.sentences.0)
        {
            *flag = true;
        }
    }
    let mut out: Vec<Target> = Vec::new();
    for (si, s) in tx.doc.sentences.iter().enumerate() {
        if in_table[si] {
            continue;
        }
        let frame = Frame {
            base: tx.doc.byte(s.start),
            sent: tx.doc.sentence_text(si),
            dates: &tx.lattice.dates[si],
            gov_year: gov_years[si],
            continued: continued[si],
            section: sections[si],
            doc: facts,
        };
        sentence_targets(tx, &frame, &tx.lattice.quantities[si], &mut out);
    }
    out.extend(tables::targets(tx, &found_tables));
    out.sort_by_key(|t| t.span[0]);
    out
}

/// The quantities of a sentence that may be targets: no reason against them, and no size
/// class (千亿级) beside a firm figure of the same clause (营业收入超百亿元企业30家, 5家千亿级
/// 平台型企业), which only qualifies the count.
fn candidates<'q>(tx: &Text, sent: &str, all: &'q [Quantity]) -> Vec<&'q Quantity> {
    let res = tx.res;
    let kept: Vec<&Quantity> = all
        .iter()
        .filter(|q| filters::reject(sent, q, &res.numbers, &res.targets).is_none())
        .collect();
    let clauses: Vec<(usize, usize)> = kept
        .iter()
        .map(|q| filters::clause_bounds(sent, q))
        .collect();
    let mut firm: HashMap<(usize, usize), usize> = HashMap::new();
    for (q, c) in kept.iter().zip(&clauses) {
        if !(q.magnitude_only() || q.size_class) {
            *firm.entry(*c).or_default() += 1;
        }
    }
    kept.into_iter()
        .zip(&clauses)
        .filter(|(q, c)| {
            !((q.magnitude_only() || q.size_class) && firm.get(*c).is_some_and(|&n| n > 0))
        })
        .map(|(q, _)| q)
        .collect()
}

/// A one-character unit that opens a longer word is no unit (14亿多人民: 人民, not 人):
/// the figure keeps its value with no unit.
fn on_word_units(tx: &Text, f: &Frame, all: &[Quantity]) -> Vec<Quantity> {
    all.iter()
        .map(|q| {
            let mut q = q.clone();
            let one_cjk = q.unit.chars().count() == 1 && !q.unit.is_ascii();
            if one_cjk && q.value_max.is_none() {
                // the unit opens a dictionary word (人民), not a piece jieba's HMM glued on
                let at = tx.doc.char_at(f.base + q.end) - 1;
                let word = tx.tokens.token_at(at).filter(|t| t.end > at + 1);
                if word.is_some_and(|t| tx.tokens.segmenter().has_word(t.word)) {
                    q.end -= q.unit.len();
                    q.unit.clear();
                    q.unit_class = None;
                }
            }
            q
        })
        .collect()
}

/// The targets of one sentence, clause by clause.
fn sentence_targets(tx: &Text, f: &Frame, all: &[Quantity], out: &mut Vec<Target>) {
    let sent = f.sent;
    let all = on_word_units(tx, f, all);
    let kept = candidates(tx, sent, &all);
    let sentence_start = out.len();
    // the last figure of the sentence that named its own thing
    let mut anchor: Option<usize> = None;
    let mut i = 0;
    while i < kept.len() {
        let clause = filters::clause_bounds(sent, kept[i]);
        let mut j = i;
        while j < kept.len() && filters::clause_bounds(sent, kept[j]) == clause {
            j += 1;
        }
        let group = &kept[i..j];
        let segs = neighbours::segments(clause, group, sent);
        // A、B分别达到N和M: every figure measures the indicator before 分别
        let respectively = group.len() > 1 && sent[clause.0..group[0].start].contains("分别");
        let group_start = out.len();
        for (q, seg) in group.iter().zip(segs) {
            let Some((t, verb_only)) = indicator::build(tx, f, q, seg) else {
                continue;
            };
            let n = Neighbours {
                seg_text: &sent[seg.0..seg.1],
                clause: &out[group_start..],
                before: out[sentence_start..].last(),
                respectively,
                verb_only,
                anchor: anchor.map(|k| &out[k]),
            };
            if let Some(t) =
                neighbours::named_by_neighbours(t, &n, &tx.res.targets, &tx.res.numbers)
            {
                if !verb_only {
                    anchor = Some(out.len());
                }
                out.push(t);
            }
        }
        neighbours::share_class_heads(&mut out[group_start..]);
        i = j;
    }
}
