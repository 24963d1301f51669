//! Dates and planning periods, and the document's publication date.
//!
//! The grammar reads in three steps, in the manner of Duckling: [`atoms`] finds the pieces
//! of a date in one pass (years, months, days, quarters, relative words, holidays, connectors
//! 至/到/-, governing words 截至/自, endings 底/前/以来); [`parse`] joins adjacent atoms into
//! expressions (points, ranges with the year and month carried over, lists, plan periods,
//! decades); [`rules`] tells each expression's value against a [`Reference`] (the
//! publication date and a one-year document's year), one named rule per shape. [`published`]
//! finds the document's own date. Values are ISO 8601 as the guidelines define them.

pub mod atoms;
pub mod calendar;
pub mod grammar;
pub mod holidays;
pub mod parse;
pub mod published;
pub mod rules;

pub use grammar::DateGrammar;

use crate::normalize::Document;
use crate::report::{DateItem, DateKind, Open};
use crate::rules::Rule;
use chrono::{Datelike, NaiveDate};

/// What yearless and relative expressions are told against.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reference {
    /// The publication date, or a stand-in for it: 今年, 上月, month–days.
    pub date: Option<NaiveDate>,
    /// The year of a one-year document (《2022年…工作要点》): its yearless months, quarters
    /// and deadlines (3月底前) are that year's.
    pub doc_year: Option<i32>,
}

impl Reference {
    /// A reference date alone (`parse --reference`).
    pub fn at(date: Option<NaiveDate>) -> Reference {
        Reference {
            date,
            doc_year: None,
        }
    }

    /// The year relative words count from: the reference date's, else the document's.
    pub fn year(self) -> Option<i32> {
        self.date.map(|d| d.year()).or(self.doc_year)
    }
}

/// A date expression found in a text (byte offsets into the scanned text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMatch {
    pub start: usize,
    pub end: usize,
    /// ISO value; None when it needs a reference date that is missing (今年 with no date).
    pub value: Option<String>,
    pub kind: DateKind,
    /// A full date written as a dateline or signature candidate (has a day and a year).
    pub full: bool,
    /// The rule that read it.
    pub rule: Rule,
    /// The open end of an open-ended span (2018年以来: the end).
    pub open: Option<Open>,
    /// The year is not written but told from the reference: a relative word (今年, 上月,
    /// 今明两年) or none at all (3月份, 上半年). A figure dated by it states no year.
    pub relative: bool,
}

impl DateMatch {
    /// The year the value starts in.
    pub fn year(&self) -> Option<i32> {
        self.value.as_deref()?.get(..4)?.parse().ok()
    }
}

/// Scan `text` for date expressions against `reference` (see [`grammar::scan`]).
pub fn scan(g: &DateGrammar, text: &str, reference: Reference) -> Vec<DateMatch> {
    grammar::scan(g, text, reference)
}

/// The year of a one-year document (a plan, evaluation or work programme for one year), from
/// its title: the metadata title or one of the first lines (包头市2022年…考评办法).
pub fn document_year(g: &DateGrammar, doc: &Document) -> Option<i32> {
    let lines = (0..doc.sentences.len().min(12)).map(|i| doc.sentence_text(i));
    doc.meta
        .title
        .as_deref()
        .into_iter()
        .chain(lines)
        .find_map(|t| g.one_year_title(t))
}

/// The first and last day an ISO value covers (`2021` → Jan 1 … Dec 31, `2021-01/2021-05`
/// → Jan 1 … May 31). None for month–days without a year.
pub fn value_bounds(v: &str) -> Option<(NaiveDate, NaiveDate)> {
    let (a, b) = v.split_once('/').unwrap_or((v, v));
    let first = |s: &str| -> Option<NaiveDate> {
        match s.len() {
            4 => NaiveDate::from_ymd_opt(s.parse().ok()?, 1, 1),
            7 => NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d").ok(),
            10 => NaiveDate::parse_from_str(s, "%Y-%m-%d").ok(),
            _ => None,
        }
    };
    let last = |s: &str| -> Option<NaiveDate> {
        match s.len() {
            4 => NaiveDate::from_ymd_opt(s.parse().ok()?, 12, 31),
            7 => {
                let f = first(s)?;
                let next = if f.month() == 12 {
                    NaiveDate::from_ymd_opt(f.year() + 1, 1, 1)?
                } else {
                    NaiveDate::from_ymd_opt(f.year(), f.month() + 1, 1)?
                };
                next.pred_opt()
            }
            10 => first(s),
            _ => None,
        }
    };
    Some((first(a)?, last(b)?))
}

/// Parse a front-matter or metadata date in any common form: ISO (`2022-01-12`,
/// `2022-01-12T08:00:00+08:00`), RFC 2822 (`Wed, 12 Jan 2022 11:00:52 GMT`), `2022/1/12`,
/// `2022年1月12日`. Times with a zone are taken in Beijing time (UTC+8).
pub fn parse_meta_date(g: &DateGrammar, s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let beijing = chrono::FixedOffset::east_opt(8 * 3600)?;
    if let Ok(d) = chrono::DateTime::parse_from_rfc2822(s) {
        return Some(d.with_timezone(&beijing).date_naive());
    }
    if let Ok(d) = chrono::DateTime::parse_from_rfc3339(s) {
        return Some(d.with_timezone(&beijing).date_naive());
    }
    for f in ["%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"] {
        if let Ok(d) = chrono::NaiveDateTime::parse_from_str(s, f) {
            return Some(d.date());
        }
    }
    scan(g, s, Reference::default())
        .into_iter()
        .find(|d| d.kind == DateKind::Day)
        .and_then(|d| d.value)
        .and_then(|v| NaiveDate::parse_from_str(&v, "%Y-%m-%d").ok())
}

/// The date expressions of every sentence (byte offsets within the sentence), read against
/// `reference`.
pub fn scan_sentences(
    g: &DateGrammar,
    doc: &Document,
    reference: Reference,
) -> Vec<Vec<DateMatch>> {
    read_sentences(g, &sentence_expressions(g, doc), reference)
}

/// The date expressions of every sentence, not yet read against a reference: read them
/// with [`read_sentences`] once per reference instead of scanning the text again.
pub fn sentence_expressions(g: &DateGrammar, doc: &Document) -> Vec<Vec<parse::Expr>> {
    (0..doc.sentences.len())
        .map(|i| grammar::expressions(g, doc.sentence_text(i)))
        .collect()
}

/// [`sentence_expressions`] read against `reference`.
pub fn read_sentences(
    g: &DateGrammar,
    exprs: &[Vec<parse::Expr>],
    reference: Reference,
) -> Vec<Vec<DateMatch>> {
    exprs
        .iter()
        .map(|e| grammar::read(g, e, reference))
        .collect()
}

/// The dates of a document, one entry per distinct value, from its sentence scans.
pub fn items(doc: &Document, scans: &[Vec<DateMatch>]) -> Vec<DateItem> {
    let mut items: Vec<DateItem> = Vec::new();
    for (found, s) in scans.iter().zip(&doc.sentences) {
        let base = doc.byte(s.start);
        for m in found {
            let Some(value) = m.value.clone() else {
                continue;
            };
            let (a, b) = (doc.char_at(base + m.start), doc.char_at(base + m.end));
            if let Some(it) = items.iter_mut().find(|i| i.value == value) {
                it.mentions += 1;
                continue;
            }
            items.push(DateItem {
                value,
                kind: m.kind,
                open: m.open,
                evidence: doc.slice(a, b).to_string(),
                span: doc.span(a, b),
                mentions: 1,
                rule: m.rule,
            });
        }
    }
    items
}
