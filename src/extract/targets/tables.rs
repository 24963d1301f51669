//! Indicator tables (主要指标): a header `指标 [单位] 2020年 2025年 [属性]` followed by rows
//! `name [unit] value value [预期性|约束性]`, whether the cells arrive one per line (HTML
//! table cells after stripping), separated by spaces, tabs or Markdown pipes, or flattened
//! onto one line.
//! Each row yields a status figure for the base-year column and a target for each later year.

use crate::extract::Text;
use crate::report::{Comparator, Target, TargetKind};
use crate::rules::Rule;
use chrono::Datelike;
use regex::Regex;
use std::sync::OnceLock;

/// A parsed table row.
#[derive(Debug, Clone)]
pub struct Row {
    pub name: String,
    pub unit: String,
    pub magnitude: f64,
    /// (year, value, comparator) for each year column that has a value.
    pub values: Vec<(i32, f64, Comparator)>,
    pub attribute: Option<String>,
    /// The table's first year column (the base year).
    pub base_year: i32,
    /// Char range of the row in the normalized text.
    pub start: usize,
    pub end: usize,
    /// Sentences the whole table covers.
    pub sentences: (usize, usize),
}

impl Row {
    /// True when sentence `i` is part of the table this row belongs to.
    pub fn covers_sentence(&self, i: usize) -> bool {
        i >= self.sentences.0 && i <= self.sentences.1
    }
}

fn header_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?P<lead>(?:(?:序号|类别|类型|领域|分类|维度|方面|一级指标)[\s|]+){0,3})(?:主要|二级)?指标(?:名称)?[\s|]+(?P<unit>单位[\s|]+)?(?P<years>(?:(?:19|20)\d{2}\s*年?(?:基数|基期值?|现状值?|目标值?|预期值?)?(?:\s*[(（][^)）\s]{1,6}[)）])?[\s|]+){2,6})(?P<attr>属性)?")
            .expect("valid table header regex")
    })
}

fn year_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"(?:19|20)\d{2}").expect("valid regex"))
}

fn cell_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    // cells are separated by white space, or by | in a Markdown table (whose |---|---|
    // alignment row is skipped)
    RE.get_or_init(|| Regex::new(r"[^\s|]+").expect("valid regex"))
}

fn value_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^[\[【]?(?P<pre>[>＞<＜≥≤]|大于|小于|不低于|不高于)?(?P<n>\d+(?:\.\d+)?)(?P<suf>%|左右|以上|以下)?[\]】]?$")
            .expect("valid regex")
    })
}

fn is_dash(s: &str) -> bool {
    matches!(s, "—" | "-" | "–" | "——" | "/" | "无")
}

fn split_unit(u: &str) -> (String, f64) {
    for (m, v) in [
        ("万亿", 1e12),
        ("千万", 1e7),
        ("百万", 1e6),
        ("亿", 1e8),
        ("万", 1e4),
        ("千", 1e3),
    ] {
        if let Some(rest) = u.strip_prefix(m) {
            return (rest.to_string(), v);
        }
    }
    (u.to_string(), 1.0)
}

/// Unit in a trailing bracket of the name: 普及率(%) → ("普及率", "%").
fn name_unit(name: &str) -> (String, Option<String>) {
    let t = name.trim_end();
    for (o, c) in [('(', ')'), ('（', '）')] {
        if t.ends_with(c) {
            if let Some(i) = t.rfind(o) {
                let inner = &t[i + o.len_utf8()..t.len() - c.len_utf8()];
                if inner.chars().count() <= 6 && !inner.contains("GDP") {
                    return (t[..i].to_string(), Some(inner.to_string()));
                }
            }
        }
    }
    (t.to_string(), None)
}

/// Find indicator tables in the document.
pub fn find(tx: &Text) -> Vec<Row> {
    let doc = tx.doc;
    let text = &doc.text;
    let mut rows = Vec::new();
    for h in header_re().captures_iter(text) {
        let Some(whole) = h.get(0) else { continue };
        let years: Vec<i32> = year_re()
            .find_iter(h.name("years").map_or("", |m| m.as_str()))
            .filter_map(|m| m.as_str().parse().ok())
            .collect();
        let has_unit = h.name("unit").is_some();
        let lead = h.name("lead").map_or("", |m| m.as_str());
        let has_seq = lead.contains("序号");
        // a category column (类别/领域 …) spans several rows (rowspan): its cell opens only
        // the first row of each group
        let has_category = lead.split_whitespace().any(|c| c != "序号");
        let has_attr = h.name("attr").is_some();
        let cells: Vec<(usize, usize, &str)> = cell_re()
            .find_iter(&text[whole.end()..])
            .filter(|m| !m.as_str().chars().all(|c| matches!(c, '-' | ':')) || m.len() < 3)
            .map(|m| (whole.end() + m.start(), whole.end() + m.end(), m.as_str()))
            .collect();
        let mut i = 0;
        let mut table_rows = Vec::new();
        while i < cells.len() {
            let is_seq = |c: &str| c.chars().all(|c| c.is_ascii_digit()) && c.len() <= 2;
            // a category cell, recognised by the row number right after it
            if has_category
                && has_seq
                && !is_seq(cells[i].2)
                && cells.get(i + 1).is_some_and(|c| is_seq(c.2))
            {
                i += 1;
            }
            // a row number first, when the header has 序号
            if has_seq && is_seq(cells[i].2) {
                i += 1;
                if i >= cells.len() {
                    break;
                }
            }
            // name: text cells until a value cell
            let mut start = cells[i].0;
            let mut name = String::new();
            let mut name_cells = 0;
            let mut j = i;
            while j < cells.len()
                && !value_re().is_match(cells[j].2)
                && !is_dash(cells[j].2)
                && name.chars().count() < 60
            {
                if has_unit
                    && !name.is_empty()
                    && j + 1 < cells.len()
                    && (value_re().is_match(cells[j + 1].2) || is_dash(cells[j + 1].2))
                {
                    break; // this cell is the unit column
                }
                if has_category && !has_seq && name_cells == 1 {
                    // 数字基础设施 5G基站数 …: the first of two text cells is the category
                    name.clear();
                    start = cells[j].0;
                }
                name.push_str(cells[j].2);
                name_cells += 1;
                j += 1;
            }
            if name.is_empty() || j >= cells.len() {
                break;
            }
            let mut unit_cell = None;
            if has_unit
                && j < cells.len()
                && !value_re().is_match(cells[j].2)
                && !is_dash(cells[j].2)
            {
                unit_cell = Some(cells[j].2.to_string());
                j += 1;
            }
            let mut values = Vec::new();
            let mut k = 0;
            while k < years.len() && j < cells.len() {
                let cell = cells[j].2;
                if is_dash(cell) {
                    j += 1;
                    k += 1;
                    continue;
                }
                let Some(v) = value_re().captures(cell) else {
                    break;
                };
                let n: f64 = v
                    .name("n")
                    .and_then(|m| m.as_str().parse().ok())
                    .unwrap_or(0.0);
                let cmp = match (
                    v.name("pre").map(|m| m.as_str()),
                    v.name("suf").map(|m| m.as_str()),
                ) {
                    (_, Some("左右")) => Comparator::Approx,
                    (_, Some("以上")) | (Some("≥" | "不低于"), _) => Comparator::Ge,
                    (_, Some("以下")) | (Some("≤" | "不高于"), _) => Comparator::Le,
                    (Some(">" | "＞" | "大于"), _) => Comparator::Gt,
                    (Some("<" | "＜" | "小于"), _) => Comparator::Lt,
                    _ => Comparator::Eq,
                };
                let pct = v.name("suf").is_some_and(|m| m.as_str() == "%");
                values.push((years[k], n, cmp, pct));
                j += 1;
                k += 1;
            }
            if values.is_empty() || k < years.len() {
                break;
            }
            let mut attribute = None;
            if j < cells.len() && matches!(cells[j].2, "预期性" | "约束性") {
                attribute = Some(cells[j].2.to_string());
                j += 1;
            } else if has_attr {
                // header promised an attribute column; tolerate its absence
            }
            let (clean, bracket_unit) = name_unit(&name);
            let unit_raw = unit_cell.or(bracket_unit).unwrap_or_else(|| {
                if values.iter().any(|v| v.3) {
                    "%".into()
                } else {
                    String::new()
                }
            });
            let (unit, magnitude) = split_unit(&unit_raw);
            let end = cells[j - 1].1;
            table_rows.push(Row {
                name: clean,
                unit,
                magnitude,
                values: values.into_iter().map(|(y, n, c, _)| (y, n, c)).collect(),
                attribute,
                base_year: years.first().copied().unwrap_or(0),
                start: doc.char_at(start),
                end: doc.char_at(end),
                sentences: (0, 0),
            });
            i = j;
        }
        if let Some(last) = table_rows.last() {
            let s0 = doc.sentence_at(doc.char_at(whole.start())).unwrap_or(0);
            let s1 = doc.sentence_at(last.end.saturating_sub(1)).unwrap_or(s0);
            for r in &mut table_rows {
                r.sentences = (s0, s1);
            }
        }
        rows.extend(table_rows);
    }
    rows
}

/// Targets from table rows: the base year (the first column, or any year before the
/// publication year) as status, later years as targets.
pub fn targets(tx: &Text, rows: &[Row]) -> Vec<Target> {
    let (doc, published) = (tx.doc, tx.published);
    let mut out = Vec::new();
    for r in rows {
        for (y, v, cmp) in &r.values {
            let status = match published {
                Some(p) => *y < p.year(),
                None => *y == r.base_year,
            };
            let value = (v * r.magnitude * 1e4).round() / 1e4;
            out.push(Target {
                indicator: r.name.clone(),
                value,
                value_max: None,
                unit: r.unit.clone(),
                comparator: *cmp,
                year: Some(*y),
                kind: if status {
                    TargetKind::Status
                } else {
                    TargetKind::Target
                },
                attribute: r.attribute.clone(),
                evidence: doc.slice(r.start, r.end).to_string(),
                span: doc.span(r.start, r.end),
                rule: Rule::TargetTable,
            });
        }
    }
    out
}
