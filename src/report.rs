//! The JSON contract: one [`DocReport`] per input document.
//!
//! Field order here is the order in the JSON. The fields `path`, `published`, `targets`,
//! `dates`, `regions` and `tasks` (and their listed sub-fields) are read by
//! `shared/eval/score.py` and by users' scripts; keep them. The closed sets (comparator,
//! kind, level …) are enums here and plain strings in the JSON; their strings never change.
//! This module is a leaf: it imports nothing from the pipeline stages.

use crate::rules::Rule;
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

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

/// A closed set written as fixed strings in the JSON: `as_str`, `Display`, serde both ways
/// and comparison with `&str`, from one list of `Variant => "string"` pairs.
macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The string written in the JSON.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            /// The value written as `s` in the JSON.
            pub fn parse(s: &str) -> Option<$name> {
                match s {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <String as ::serde::Deserialize>::deserialize(d)?;
                $name::parse(&s).ok_or_else(|| {
                    ::serde::de::Error::custom(format!(
                        concat!("unknown ", stringify!($name), " {:?}"),
                        s
                    ))
                })
            }
        }
    };
}
pub(crate) use string_enum;

string_enum! {
    /// How a target's value relates to the indicator (shared/gold/GUIDELINES.md).
    Comparator {
        /// 达到, 为, a plain number.
        Eq => "=",
        /// 以上, 不低于, 不少于, 至少.
        Ge => ">=",
        /// 超过, 突破, 逾, 多/余.
        Gt => ">",
        /// 以下, 以内, 不超过.
        Le => "<=",
        /// 低于, 少于.
        Lt => "<",
        /// 左右, 约, 近.
        Approx => "~",
        /// A range `a-b`: `value` and `value_max`.
        Range => "range",
    }
}

string_enum! {
    /// A goal to reach, or a measured fact.
    TargetKind {
        Target => "target",
        Status => "status",
    }
}

string_enum! {
    /// The shape of a date value.
    DateKind {
        /// `YYYY-MM-DD`.
        Day => "day",
        /// `YYYY-MM`.
        Month => "month",
        /// `YYYY`.
        Year => "year",
        /// `YYYY/YYYY`, `YYYY-MM/YYYY-MM`, `YYYY-MM-DD/YYYY-MM-DD`.
        Period => "period",
        /// `--MM-DD`: a day whose year the document does not tell.
        MonthDay => "month_day",
    }
}

string_enum! {
    /// Which end of an open-ended span is open: `start` for one that runs up to its anchor
    /// (2025年前, 截至2020年底), `end` for one that runs on from it (2018年以来, 自2021年1月1日起).
    Open {
        Start => "start",
        End => "end",
    }
}

string_enum! {
    /// The level of a place.
    Level {
        Province => "province",
        Prefecture => "prefecture",
        County => "county",
        /// A named multi-region area (长三角, 雄安新区).
        Area => "area",
        /// A short name several units share, with no parent in the document to decide.
        Ambiguous => "ambiguous",
    }
}

impl Level {
    /// The division level of `dicts/regions` tables (1, 2, 3).
    pub fn from_number(n: u8) -> Option<Level> {
        match n {
            1 => Some(Level::Province),
            2 => Some(Level::Prefecture),
            3 => Some(Level::County),
            _ => None,
        }
    }

    /// 1 province, 2 prefecture, 3 county; areas and ambiguous names sort after.
    pub fn rank(self) -> u8 {
        match self {
            Level::Province => 1,
            Level::Prefecture => 2,
            Level::County => 3,
            Level::Area => 4,
            Level::Ambiguous => 5,
        }
    }
}

string_enum! {
    /// How a task list is written.
    ListKind {
        /// A heading of the plan's numbered outline with its sub-headings.
        Outline => "outline",
        /// Marked items (一是…二是…, ——, parallel headings after a lead).
        Enumeration => "enumeration",
        /// Items inside one sentence (A、B和C等3项任务).
        Inline => "inline",
        /// The rows of a project table (重点项目清单).
        Table => "table",
    }
}

/// A six-digit GB/T 2260 administrative division code.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DivisionCode(String);

impl DivisionCode {
    /// A code from six ASCII digits; None otherwise.
    pub fn parse(s: &str) -> Option<DivisionCode> {
        (s.len() == 6 && s.bytes().all(|b| b.is_ascii_digit())).then(|| DivisionCode(s.into()))
    }

    /// The code as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DivisionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<&str> for DivisionCode {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
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
    pub comparator: Comparator,
    pub year: Option<i32>,
    pub kind: TargetKind,
    /// 预期性 / 约束性 from an indicator table's 属性 column.
    pub attribute: Option<String>,
    /// The clause, as normalized text.
    pub evidence: String,
    /// `[start, end)` char offsets of the evidence in the decoded original.
    pub span: [usize; 2],
    /// The rule that read the figure (see `policylens rules`).
    pub rule: Rule,
}

/// A calendar expression or planning period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DateItem {
    /// ISO 8601: `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, `--MM-DD`, `YYYY/YYYY` …
    pub value: String,
    pub kind: DateKind,
    /// The open end of an open-ended span (`2018年以来`: `end`); null for a closed one.
    #[serde(default)]
    pub open: Option<Open>,
    pub evidence: String,
    pub span: [usize; 2],
    /// How many times this value occurs.
    pub mentions: usize,
    /// The rule that read the first mention.
    pub rule: Rule,
}

/// A place: an administrative division or a named area.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionItem {
    pub name: String,
    /// Six-digit GB/T 2260 code; null for areas and unresolved ambiguous names.
    pub code: Option<DivisionCode>,
    pub level: Level,
    /// Code of the parent division.
    pub parent: Option<DivisionCode>,
    /// For a unit retired since the document's date: the code of its successor.
    pub successor: Option<DivisionCode>,
    /// For areas: the member division codes.
    pub members: Vec<DivisionCode>,
    /// For an ambiguous short name: the codes it may mean.
    pub candidates: Vec<DivisionCode>,
    pub mentions: usize,
    pub spans: Vec<[usize; 2]>,
    /// The text of the first mention.
    pub evidence: String,
    /// The rule that accepted the first mention.
    pub rule: Rule,
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
    pub kind: ListKind,
    /// The headings above this list, outermost first.
    pub heading_path: Vec<String>,
    pub evidence: String,
    pub span: [usize; 2],
    /// The rule that found the list.
    pub rule: Rule,
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

impl TaskSummary {
    /// Count the lists and how their declared counts check out.
    pub fn of(lists: &[TaskList]) -> TaskSummary {
        TaskSummary {
            lists: lists.len(),
            with_declared_count: lists.iter().filter(|l| l.declared_count.is_some()).count(),
            count_ok: lists.iter().filter(|l| l.count_ok == Some(true)).count(),
            count_mismatch: lists.iter().filter(|l| l.count_ok == Some(false)).count(),
        }
    }
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

string_enum! {
    /// The input format a document was read as.
    SourceFormat {
        Text => "text",
        Html => "html",
        Markdown => "markdown",
    }
}

string_enum! {
    /// The script a document was written in.
    Script {
        Simplified => "simplified",
        Traditional => "traditional",
        /// No CJK text at all.
        None => "none",
    }
}

/// The `source` object: what ingest and normalize found.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceReport {
    pub encoding: String,
    pub format: SourceFormat,
    pub script: Script,
    pub chars: usize,
    pub normalized_chars: usize,
    /// How many windows a very large text was analyzed in (written only when more than
    /// one: `--window-kib`).
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub windows: usize,
}

fn one() -> usize {
    1
}

fn is_one(n: &usize) -> bool {
    *n == 1
}
