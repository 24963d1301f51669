//! The columns of the tidy formats (CSV, TSV) and the per-item JSON Lines objects.
//!
//! Every row starts with the document's [`CONTEXT`] (`path`, `published`, `title`), then
//! the item's own fields. Empty cells stand for JSON nulls; numbers are written as in the
//! JSON (integers without a decimal point); lists are joined with `|`. The README documents
//! every column; a test reads the CSV back.

use super::plain_number;
use crate::diff::{Aligned, Status};
use crate::report::{DateItem, DocReport, RegionItem, Target, TaskList};
use serde::Serialize;

/// The columns every row starts with.
pub const CONTEXT: &[&str] = &["path", "published", "title"];

/// `analyze`: one row per document.
pub const ANALYZE: &[&str] = &[
    "encoding",
    "format",
    "script",
    "chars",
    "normalized_chars",
    "targets",
    "status_figures",
    "dates",
    "regions",
    "lists",
    "lists_with_count",
    "counts_ok",
    "counts_mismatch",
];

/// `targets`: one row per target.
pub const TARGET: &[&str] = &[
    "indicator",
    "value",
    "value_max",
    "unit",
    "comparator",
    "year",
    "kind",
    "attribute",
    "evidence",
    "span_start",
    "span_end",
    "rule",
];

/// `dates`: one row per distinct date value.
pub const DATE: &[&str] = &[
    "value",
    "kind",
    "mentions",
    "evidence",
    "span_start",
    "span_end",
    "rule",
];

/// `regions`: one row per place.
pub const REGION: &[&str] = &[
    "name",
    "code",
    "level",
    "parent",
    "parent_name",
    "successor",
    "members",
    "candidates",
    "mentions",
    "evidence",
    "span_start",
    "span_end",
    "rule",
];

/// `tasks`: one row per task item (a list without items: one row with the item cells empty).
pub const TASK: &[&str] = &[
    "list",
    "list_title",
    "list_kind",
    "declared_count",
    "found",
    "count_ok",
    "heading_path",
    "item_no",
    "item",
    "evidence",
    "span_start",
    "span_end",
    "rule",
];

/// `diff`: one row per aligned indicator.
pub const DIFF: &[&str] = &[
    "old_path",
    "new_path",
    "status",
    "indicator",
    "similarity",
    "old_indicator",
    "old_value",
    "old_value_max",
    "old_unit",
    "old_comparator",
    "old_year",
    "old_kind",
    "new_indicator",
    "new_value",
    "new_value_max",
    "new_unit",
    "new_comparator",
    "new_year",
    "new_kind",
    "delta",
    "delta_unit",
    "ratio",
    "change",
];

/// [`CONTEXT`] followed by an item's columns.
pub fn header(item: &[&'static str]) -> Vec<&'static str> {
    CONTEXT.iter().chain(item).copied().collect()
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map_or(String::new(), ToString::to_string)
}

fn join_codes(codes: &[crate::report::DivisionCode]) -> String {
    codes
        .iter()
        .map(|c| c.as_str())
        .collect::<Vec<_>>()
        .join("|")
}

fn opt_num(v: Option<f64>) -> String {
    v.map_or(String::new(), plain_number)
}

/// The [`CONTEXT`] cells of a document.
pub fn context(r: &DocReport) -> Vec<String> {
    vec![r.path.clone(), opt(&r.published), opt(&r.title)]
}

/// An `analyze` row (without the context).
pub fn analyze(r: &DocReport) -> Vec<String> {
    let s = &r.source;
    let status = r.targets.iter().filter(|t| t.kind == "status").count();
    let ts = &r.task_summary;
    [
        s.encoding.clone(),
        s.format.to_string(),
        s.script.to_string(),
        s.chars.to_string(),
        s.normalized_chars.to_string(),
        r.targets.len().to_string(),
        status.to_string(),
        r.dates.len().to_string(),
        r.regions.len().to_string(),
        ts.lists.to_string(),
        ts.with_declared_count.to_string(),
        ts.count_ok.to_string(),
        ts.count_mismatch.to_string(),
    ]
    .into()
}

/// A `targets` row (without the context).
pub fn target(t: &Target) -> Vec<String> {
    vec![
        t.indicator.clone(),
        plain_number(t.value),
        opt_num(t.value_max),
        t.unit.clone(),
        t.comparator.to_string(),
        opt(&t.year),
        t.kind.to_string(),
        opt(&t.attribute),
        t.evidence.clone(),
        t.span[0].to_string(),
        t.span[1].to_string(),
        t.rule.to_string(),
    ]
}

/// A `dates` row (without the context).
pub fn date(d: &DateItem) -> Vec<String> {
    vec![
        d.value.clone(),
        d.kind.to_string(),
        d.mentions.to_string(),
        d.evidence.clone(),
        d.span[0].to_string(),
        d.span[1].to_string(),
        d.rule.to_string(),
    ]
}

/// A `regions` row (without the context); `parent_name` is the parent code's name.
pub fn region(g: &RegionItem, parent_name: Option<String>) -> Vec<String> {
    let (start, end) = g.spans.first().map_or((String::new(), String::new()), |s| {
        (s[0].to_string(), s[1].to_string())
    });
    vec![
        g.name.clone(),
        opt(&g.code),
        g.level.to_string(),
        opt(&g.parent),
        parent_name.unwrap_or_default(),
        opt(&g.successor),
        join_codes(&g.members),
        join_codes(&g.candidates),
        g.mentions.to_string(),
        g.evidence.clone(),
        start,
        end,
        g.rule.to_string(),
    ]
}

/// The `tasks` rows of one list (without the context); `number` is its 1-based place in
/// the document.
pub fn task_rows(number: usize, l: &TaskList) -> Vec<Vec<String>> {
    let row = |item_no: String, item: &str| {
        vec![
            number.to_string(),
            l.title.clone(),
            l.kind.to_string(),
            opt(&l.declared_count),
            l.items.len().to_string(),
            opt(&l.count_ok),
            l.heading_path.join(" > "),
            item_no,
            item.to_string(),
            l.evidence.clone(),
            l.span[0].to_string(),
            l.span[1].to_string(),
            l.rule.to_string(),
        ]
    };
    if l.items.is_empty() {
        return vec![row(String::new(), "")];
    }
    l.items
        .iter()
        .enumerate()
        .map(|(i, it)| row((i + 1).to_string(), it))
        .collect()
}

/// The word the table and the JSON use for a diff status.
pub fn status_word(s: Status) -> &'static str {
    match s {
        Status::OnlyOld => "removed",
        Status::OnlyNew => "added",
        Status::Changed => "changed",
        Status::Unchanged => "unchanged",
        Status::Trajectory => "trajectory",
    }
}

fn side(t: &Option<Target>) -> [String; 7] {
    match t {
        None => Default::default(),
        Some(t) => [
            t.indicator.clone(),
            plain_number(t.value),
            opt_num(t.value_max),
            t.unit.clone(),
            t.comparator.to_string(),
            opt(&t.year),
            t.kind.to_string(),
        ],
    }
}

/// A `diff` row: the two paths, the aligned pair, and the table's change text.
pub fn diff(paths: [&str; 2], a: &Aligned, change: &str) -> Vec<String> {
    let unit = a.new.as_ref().or(a.old.as_ref()).map_or("", |t| &t.unit);
    let delta_unit = a.value_delta.map_or("", |_| super::delta_unit(unit));
    let mut row = vec![
        paths[0].to_string(),
        paths[1].to_string(),
        status_word(a.status).to_string(),
        a.indicator.clone(),
        plain_number(a.similarity),
    ];
    row.extend(side(&a.old));
    row.extend(side(&a.new));
    row.extend([
        opt_num(a.value_delta),
        delta_unit.to_string(),
        opt_num(a.value_ratio),
        change.to_string(),
    ]);
    row
}

/// A JSON Lines object of one item: the document's `path`, `published` and `title`, then
/// the item's fields as in the JSON.
#[derive(Serialize)]
pub struct ItemLine<'a, T: Serialize> {
    pub path: &'a str,
    pub published: &'a Option<String>,
    pub title: &'a Option<String>,
    #[serde(flatten)]
    pub item: T,
}

impl<'a, T: Serialize> ItemLine<'a, T> {
    /// `item` with the context of `r`.
    pub fn new(r: &'a DocReport, item: T) -> ItemLine<'a, T> {
        ItemLine {
            path: &r.path,
            published: &r.published,
            title: &r.title,
            item,
        }
    }
}

/// A task list as a JSON Lines item: its `title` is named `list_title` (as in the CSV), so
/// that it does not clash with the document's title.
pub fn task_item(l: &TaskList) -> serde_json::Map<String, serde_json::Value> {
    let mut out = serde_json::Map::new();
    if let Ok(serde_json::Value::Object(m)) = serde_json::to_value(l) {
        for (k, v) in m {
            let k = if k == "title" { "list_title".into() } else { k };
            out.insert(k, v);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_as_wide_as_their_headers() {
        let t = Target {
            indicator: "x".into(),
            value: 1.0,
            value_max: None,
            unit: "%".into(),
            comparator: crate::report::Comparator::Eq,
            year: Some(2025),
            kind: crate::report::TargetKind::Target,
            attribute: None,
            evidence: "e".into(),
            span: [0, 1],
            rule: crate::rules::Rule::TargetLinking,
        };
        assert_eq!(target(&t).len(), TARGET.len());
        let l = TaskList {
            title: "t".into(),
            declared_count: Some(2),
            items: vec!["a".into(), "b".into()],
            count_ok: Some(true),
            kind: crate::report::ListKind::Inline,
            heading_path: vec![],
            evidence: "e".into(),
            span: [0, 1],
            rule: crate::rules::Rule::TaskInline,
        };
        assert!(task_rows(1, &l).iter().all(|r| r.len() == TASK.len()));
        assert_eq!(task_item(&l)["list_title"], "t");
        let a = Aligned {
            status: Status::Changed,
            indicator: "x".into(),
            similarity: 1.0,
            changes: vec![],
            value_delta: Some(3.0),
            value_ratio: Some(1.25),
            old: Some(t.clone()),
            new: Some(t),
            document: None,
        };
        let row = diff(["a", "b"], &a, "+3个百分点");
        assert_eq!(row.len(), DIFF.len());
        assert_eq!(
            row[DIFF.iter().position(|c| *c == "delta_unit").unwrap()],
            "个百分点"
        );
    }
}
