//! The JSON contract: one [`DocReport`] per input document.
//!
//! Field order here is the order in the JSON. The fields `path`, `published`, `targets`,
//! `dates`, `regions` and `tasks` (and their listed sub-fields) are read by
//! `shared/eval/score.py` and by users' scripts; keep them. Tests read the output back with
//! `deny_unknown_fields`, so a field added or renamed without updating these types fails.

use crate::normalize::SourceInfo;
use serde::{Deserialize, Serialize, Serializer};

/// Version of the JSON layout; bump when a field changes meaning or disappears.
pub const SCHEMA: &str = "policylens/1";

/// Serialize a float as an integer when it is one (25000, not 25000.0). Non-finite values
/// (which the number grammar never produces) are written as 0 rather than as `null`, so
/// that every report reads back.
pub fn ser_num<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    if !v.is_finite() {
        s.serialize_i64(0)
    } else if v.fract() == 0.0 && v.abs() < 9.0e15 {
        s.serialize_i64(*v as i64)
    } else {
        s.serialize_f64(*v)
    }
}

/// [`ser_num`] for optional numbers.
pub fn ser_opt_num<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(x) => ser_num(x, s),
        None => s.serialize_none(),
    }
}

/// One quantified statement (see shared/gold/GUIDELINES.md).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub indicator: String,
    #[serde(serialize_with = "ser_num")]
    pub value: f64,
    #[serde(serialize_with = "ser_opt_num")]
    pub value_max: Option<f64>,
    pub unit: String,
    /// `=`, `>=`, `>`, `<=`, `<`, `~` or `range`.
    pub comparator: String,
    pub year: Option<i32>,
    /// `target` (a goal) or `status` (an achieved figure).
    pub kind: String,
    /// 预期性 / 约束性 from an indicator table's 属性 column.
    pub attribute: Option<String>,
    /// The clause, as normalized text.
    pub evidence: String,
    /// `[start, end)` char offsets of the evidence in the decoded original.
    pub span: [usize; 2],
}

/// A calendar expression or planning period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DateItem {
    /// ISO 8601: `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, `--MM-DD`, `YYYY/YYYY`.
    pub value: String,
    /// `day`, `month`, `year`, `period` or `month_day`.
    pub kind: String,
    pub evidence: String,
    pub span: [usize; 2],
    /// How many times this value occurs.
    pub mentions: usize,
}

/// A place: an administrative division or a named area.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionItem {
    pub name: String,
    /// Six-digit GB/T 2260 code; null for areas and unresolved ambiguous names.
    pub code: Option<String>,
    /// `province`, `prefecture`, `county`, `area` or `ambiguous`.
    pub level: String,
    /// Code of the parent division.
    pub parent: Option<String>,
    /// For a unit retired since the document's date: the code of its successor.
    pub successor: Option<String>,
    /// For areas: the member division codes.
    pub members: Vec<String>,
    /// For an ambiguous short name: the codes it may mean.
    pub candidates: Vec<String>,
    pub mentions: usize,
    pub spans: Vec<[usize; 2]>,
    /// The text of the first mention.
    pub evidence: String,
}

/// A list of work items, or one level of the plan's outline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskList {
    pub title: String,
    pub declared_count: Option<u32>,
    pub items: Vec<String>,
    /// Whether the declared count equals the items found (null when no count is declared).
    pub count_ok: Option<bool>,
    /// `outline`, `enumeration` or `inline`.
    pub kind: String,
    /// The headings above this list, outermost first.
    pub heading_path: Vec<String>,
    pub evidence: String,
    pub span: [usize; 2],
}

/// How the document's task lists check out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskSummary {
    pub lists: usize,
    pub with_declared_count: usize,
    pub count_ok: usize,
    pub count_mismatch: usize,
}

/// Everything extracted from one document.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocReport {
    pub schema: String,
    pub path: String,
    /// ISO date the document was issued, or null.
    pub published: Option<String>,
    /// Where `published` came from, with its text.
    pub published_evidence: Option<String>,
    pub source: SourceReport,
    pub title: Option<String>,
    pub targets: Vec<Target>,
    pub dates: Vec<DateItem>,
    pub regions: Vec<RegionItem>,
    pub tasks: Vec<TaskList>,
    pub task_summary: TaskSummary,
}

/// The `source` object: what ingest and normalize found.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceReport {
    pub encoding: String,
    /// `text`, `html` or `markdown`.
    pub format: String,
    /// `simplified`, `traditional` or `none`.
    pub script: String,
    pub chars: usize,
    pub normalized_chars: usize,
}

impl SourceReport {
    pub fn from_info(s: &SourceInfo) -> SourceReport {
        SourceReport {
            encoding: s.encoding.clone(),
            format: match s.format {
                crate::normalize::Format::Text => "text",
                crate::normalize::Format::Html => "html",
                crate::normalize::Format::Markdown => "markdown",
            }
            .into(),
            script: s.script.clone(),
            chars: s.chars,
            normalized_chars: s.normalized_chars,
        }
    }
}
