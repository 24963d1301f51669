//! The publication date of a document: metadata, a labelled line (发布日期:), a dateline near
//! the top, or a signature block (国务院 2021年12月12日).

use super::{parse_meta_date, DateGrammar, DateMatch};
use crate::normalize::Document;
use chrono::NaiveDate;
use regex::Regex;

/// The label of a dateline (发布日期:, 【成文日期】).
pub struct Labels(Regex);

impl Default for Labels {
    fn default() -> Self {
        Labels(
            Regex::new(r"【?(发布日期|发布时间|成文日期|发文日期|印发日期|公布日期|发稿时间|更新时间|日期|时间)\s*(?:[:：]|】|\])\s*$")
                .expect("valid label regex"),
        )
    }
}

/// A full date and the byte offset of its sentence in the document text.
type Placed<'a> = (&'a DateMatch, usize);

fn as_date(m: &DateMatch) -> Option<NaiveDate> {
    m.value
        .as_deref()
        .and_then(|v| NaiveDate::parse_from_str(v, "%Y-%m-%d").ok())
}

/// The publication date of a document and the text it was read from.
pub fn published(
    doc: &Document,
    scans: &[Vec<DateMatch>],
    g: &DateGrammar,
    labels: &Labels,
) -> Option<(NaiveDate, String)> {
    if let Some(d) = doc.meta.date.as_deref().and_then(|s| parse_meta_date(g, s)) {
        let source = doc.meta.date_source.as_deref().unwrap_or("metadata");
        let raw = doc.meta.date.clone().unwrap_or_default();
        return Some((d, format!("{source}: {raw}")));
    }
    let full: Vec<Placed> = scans
        .iter()
        .zip(&doc.sentences)
        .flat_map(|(v, s)| v.iter().map(move |m| (m, doc.byte(s.start))))
        .filter(|(m, _)| m.full)
        .collect();
    labelled_line(doc, &full, labels)
        .or_else(|| dateline(doc, &full))
        .or_else(|| signature(doc, &full))
}

/// 1. A labelled line: 发布日期:2019-11-18.
fn labelled_line(doc: &Document, full: &[Placed], labels: &Labels) -> Option<(NaiveDate, String)> {
    full.iter().find_map(|&(m, base)| {
        let abs = base + m.start;
        let line_start = doc.text[..abs].rfind('\n').map_or(0, |i| i + 1);
        if !labels.0.is_match(&doc.text[line_start..abs]) {
            return None;
        }
        Some((as_date(m)?, doc.text[line_start..base + m.end].to_string()))
    })
}

/// 2. A dateline near the top: a full date opening one of the first paragraphs.
fn dateline(doc: &Document, full: &[Placed]) -> Option<(NaiveDate, String)> {
    for &(m, base) in full {
        let c = doc.char_at(base + m.start);
        let Some(si) = doc.sentence_at(c) else {
            continue;
        };
        let s = doc.sentences[si];
        if s.para > 12 {
            break;
        }
        if s.start == c && s.para_start {
            if let Some(d) = as_date(m) {
                return Some((d, doc.sentence_text(si).to_string()));
            }
        }
    }
    None
}

/// 3. A signature block: a short paragraph that ends with a full date (国务院 2021年12月12日).
fn signature(doc: &Document, full: &[Placed]) -> Option<(NaiveDate, String)> {
    full.iter().find_map(|&(m, base)| {
        let c_end = doc.char_at(base + m.end);
        let si = doc.sentence_at(c_end.saturating_sub(1))?;
        let s = doc.sentences[si];
        let tail = doc
            .slice(c_end, s.end)
            .trim_matches(|ch: char| ch.is_whitespace() || matches!(ch, '。' | '.' | ')' | '）'));
        if s.para_start && s.end - s.start <= 40 && tail.is_empty() {
            return Some((as_date(m)?, doc.sentence_text(si).to_string()));
        }
        None
    })
}
