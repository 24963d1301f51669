//! `target.table`: indicator tables (主要指标) in the layouts plans are published in — one
//! cell per line (HTML cells after stripping), cells separated by spaces, tabs or Markdown
//! pipes, a whole table flattened onto one line; a header whose year columns say `2025年`,
//! `(2025年)` on a line of their own under `基准值`, `现状值(2025年)` or `2025年目标`; row
//! numbers, category cells spanning several rows, attribute (预期性/约束性) and unit columns
//! anywhere, a unit in the name (`(%)`, `(万吨)`) or in a cell after the value, footnote
//! digits glued to values (35%1), several figures in one cell, and a table note that dates
//! the bracketed values of a column (括号内为2019年数据).
//!
//! Every numeric cell gives a figure: a baseline column (现状值, 基准值) a status, a target
//! column a goal; a column the header does not label is a goal when its year lies after
//! the publication year (undated: when it is not the table's first year).

pub mod cells;
pub mod header;
pub mod rows;

use crate::dicts::Dicts;
use crate::error::DictError;
use crate::extract::cells::cells_from;
use crate::extract::Text;
use crate::report::{Target, TargetKind};
use crate::rules::Rule;
use cells::{split_unit, Value};
use chrono::Datelike;
use header::{Header, Headers, Role};
use regex::Regex;
use rows::{Row, Walker};

/// The table vocabulary and patterns, compiled once.
pub struct TableVocab {
    headers: Headers,
    /// 括号内为2019年数据: a note that dates the bracketed values.
    bracket_note: Regex,
}

impl TableVocab {
    /// Compile from `dicts/table_headers.tsv`.
    pub fn new(dicts: &Dicts) -> Result<TableVocab, DictError> {
        Ok(TableVocab {
            headers: Headers::new(&dicts.table_headers)?,
            bracket_note: Regex::new(r"括号内[^。\n]{0,12}?((?:19|20)[0-9]{2})\s*年")
                .expect("fixed pattern"),
        })
    }
}

/// An indicator table: its header, its rows, the sentences it covers and the year its
/// bracketed values are for.
#[derive(Debug, Clone)]
pub struct IndicatorTable {
    pub header: Header,
    pub rows: Vec<Row>,
    /// Sentences `[first, last]` the table covers.
    pub sentences: (usize, usize),
    pub bracket_year: Option<i32>,
}

/// How many cells at most a table is read over (bounds the work per header).
const MAX_CELLS: usize = 4000;

/// Find the indicator tables of a document.
pub fn find(tx: &Text) -> Vec<IndicatorTable> {
    let v = &tx.res.targets.tables;
    let mut out: Vec<IndicatorTable> = Vec::new();
    let mut covered = 0;
    for (at, layout) in header::candidates(tx, &v.headers) {
        if at < covered {
            continue;
        }
        let Some(h) = header::header_at(tx, &v.headers, at, layout) else {
            continue;
        };
        let cells = cells_from(tx, h.rows_from, layout, MAX_CELLS);
        let mut walker = Walker::new(&cells, &h, &tx.res.numbers);
        let mut rows = Vec::new();
        while let Some(r) = walker.row() {
            rows.push(r);
        }
        let Some(last) = rows.last() else { continue };
        covered = last.end;
        let doc = tx.doc;
        let s0 = doc.sentence_at(h.start).unwrap_or(0);
        let s1 = doc.sentence_at(last.end.saturating_sub(1)).unwrap_or(s0);
        let note_from = cells.get(walker.i).map_or(last.end, |c| c.start);
        out.push(IndicatorTable {
            bracket_year: bracket_year(tx, v, note_from),
            header: h,
            rows,
            sentences: (s0, s1),
        });
    }
    out
}

/// The year a table note gives the bracketed values (括号内数据为2019年平均值), looked for in
/// the few lines after the table.
fn bracket_year(tx: &Text, v: &TableVocab, from: usize) -> Option<i32> {
    let doc = tx.doc;
    let end = (from + 400).min(doc.len_chars());
    let c = v.bracket_note.captures(doc.slice(from, end))?;
    c.get(1)?.as_str().parse().ok()
}

/// The targets of the tables.
pub fn targets(tx: &Text, tables: &[IndicatorTable]) -> Vec<Target> {
    let mut out = Vec::new();
    for t in tables {
        let first_year = t.header.columns.iter().find_map(|r| match r {
            Role::Year(y, _) => Some(*y),
            _ => None,
        });
        for r in &t.rows {
            row_targets(tx, t, r, first_year, &mut out);
        }
    }
    out
}

/// The kind of a figure of a year column: the header's word, else the year against the
/// publication date (undated: the table's first year is the baseline).
fn column_kind(
    tx: &Text,
    year: i32,
    kind: Option<TargetKind>,
    first_year: Option<i32>,
) -> TargetKind {
    let status = match (kind, tx.published) {
        (Some(k), _) => return k,
        (None, Some(p)) => year < p.year(),
        (None, None) => Some(year) == first_year,
    };
    if status {
        TargetKind::Status
    } else {
        TargetKind::Target
    }
}

fn row_targets(
    tx: &Text,
    t: &IndicatorTable,
    r: &Row,
    first_year: Option<i32>,
    out: &mut Vec<Target>,
) {
    let g = &tx.res.numbers;
    let (name, name_unit) = cells::name_unit(&r.name, g);
    for f in &r.figures {
        let Value::Number {
            value,
            comparator,
            unit,
            qualifier,
            bracketed,
        } = &f.value
        else {
            continue;
        };
        let written = Some(unit.clone()).filter(|u| !u.is_empty());
        let unit_text = written
            .or(f.unit.clone())
            .or(r.unit.clone())
            .or(name_unit.clone())
            .unwrap_or_default();
        let (unit, factor) = split_unit(&unit_text);
        let (year, kind) = match (bracketed, t.bracket_year) {
            (true, Some(y)) => (y, TargetKind::Status),
            _ => (f.year, column_kind(tx, f.year, f.kind, first_year)),
        };
        let indicator = match qualifier.as_deref().filter(|_| !unit_in(qualifier)) {
            Some(q) if r.figures.iter().filter(|o| o.year == f.year).count() > 1 => {
                format!("{name}({q})")
            }
            _ => name.clone(),
        };
        out.push(Target {
            indicator,
            value: (value * factor * 1e4).round() / 1e4,
            value_max: None,
            unit,
            comparator: *comparator,
            year: Some(year),
            kind,
            attribute: r.attribute.clone(),
            evidence: tx.doc.slice(r.start, r.end).to_string(),
            span: tx.doc.span(r.start, r.end),
            rule: Rule::TargetTable,
        });
    }
}

/// A qualifier that is only a unit note is no part of the indicator.
fn unit_in(q: &Option<String>) -> bool {
    q.as_deref().is_some_and(|q| q.chars().count() <= 3)
}
