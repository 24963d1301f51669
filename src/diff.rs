//! Align two plans' targets by indicator and report what changed.
//!
//! Indicators are compared in a canonical form: punctuation, brackets, quotes and spaces
//! dropped, synonyms from `dicts/synonyms.tsv` rewritten (国内生产总值(GDP) → GDP, 占比 → 比重),
//! then matched by character-bigram similarity, best pairs first.

use crate::dicts::{Dicts, MeasureKind};
use crate::normalize::fold_width;
use crate::report::Target;
use serde::Serialize;
use std::collections::HashSet;

/// How an aligned indicator differs between OLD and NEW. The JSON names are the words the
/// table prints: `removed`, `added`, `changed`, `unchanged`, `trajectory`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Only in OLD.
    #[serde(rename = "removed")]
    OnlyOld,
    /// Only in NEW.
    #[serde(rename = "added")]
    OnlyNew,
    Changed,
    Unchanged,
    /// A status figure on one side and a target on the other (2020: 7.8% → 2025: 10%).
    Trajectory,
}

/// One changed field, before → after.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub field: String,
    pub before: serde_json::Value,
    pub after: serde_json::Value,
}

/// One aligned indicator.
#[derive(Debug, Clone, Serialize)]
pub struct Aligned {
    pub status: Status,
    pub indicator: String,
    /// Similarity of the two indicators' canonical forms (1 = same).
    pub similarity: f64,
    pub changes: Vec<Change>,
    /// new − old, when both have a value in the same unit.
    pub value_delta: Option<f64>,
    /// new ÷ old, when both have a value in the same unit and old ≠ 0.
    pub value_ratio: Option<f64>,
    pub old: Option<Target>,
    pub new: Option<Target>,
    /// For folder diffs: the file name the pair was matched on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
}

/// Canonical form of an indicator for comparison.
pub fn canonical(ind: &str, dicts: &Dicts) -> String {
    let mut s: String = ind.chars().map(fold_width).collect();
    for (variant, canon) in &dicts.synonyms {
        if s.contains(variant.as_str()) {
            s = s.replace(variant.as_str(), canon);
        }
    }
    s = s.replace("GDP(GDP)", "GDP").replace("(GDP)", "");
    s.chars()
        .filter(|c| !c.is_whitespace() && !"()（）“”‘’\"'《》、,，。·-—:：".contains(*c))
        .collect()
}

fn bigrams(s: &str) -> Vec<(char, char)> {
    let c: Vec<char> = s.chars().collect();
    c.windows(2).map(|w| (w[0], w[1])).collect()
}

/// What an indicator measures, from its last words (`dicts/measures.tsv`): a share, a
/// growth or change, a rate, or an amount. Two indicators of different kinds never align.
pub fn measure_kind(canonical: &str, dicts: &Dicts) -> MeasureKind {
    let n = canonical.chars().count();
    let tail: String = canonical.chars().skip(n.saturating_sub(4)).collect();
    [MeasureKind::Share, MeasureKind::Change, MeasureKind::Rate]
        .into_iter()
        .find(|&k| {
            dicts.measures.iter().any(|m| {
                m.kind == k
                    && if m.at_end {
                        tail.ends_with(m.word.as_str())
                    } else {
                        tail.contains(m.word.as_str())
                    }
            })
        })
        .unwrap_or(MeasureKind::Amount)
}

/// Dice similarity of character bigrams; containment counts as 0.9.
pub fn similarity(a: &str, b: &str) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    if a == b {
        return 1.0;
    }
    if a.contains(b) || b.contains(a) {
        return 0.9;
    }
    let (x, y) = (bigrams(a), bigrams(b));
    if x.is_empty() || y.is_empty() {
        return 0.0;
    }
    let ys: HashSet<_> = y.iter().collect();
    let common = x.iter().filter(|g| ys.contains(g)).count();
    2.0 * common as f64 / (x.len() + y.len()) as f64
}

fn jnum(v: f64) -> serde_json::Value {
    if v.fract() == 0.0 && v.abs() < 9e15 {
        serde_json::json!(v as i64)
    } else {
        serde_json::json!(v)
    }
}

/// Compare two targets' fields.
fn compare(o: &Target, n: &Target) -> Vec<Change> {
    let mut ch = Vec::new();
    let mut push = |f: &str, b: serde_json::Value, a: serde_json::Value| {
        if a != b {
            ch.push(Change {
                field: f.into(),
                before: b,
                after: a,
            });
        }
    };
    push("value", jnum(o.value), jnum(n.value));
    push(
        "value_max",
        o.value_max.map_or(serde_json::Value::Null, jnum),
        n.value_max.map_or(serde_json::Value::Null, jnum),
    );
    push("unit", o.unit.clone().into(), n.unit.clone().into());
    push(
        "comparator",
        o.comparator.as_str().into(),
        n.comparator.as_str().into(),
    );
    push("year", o.year.into(), n.year.into());
    push("kind", o.kind.as_str().into(), n.kind.as_str().into());
    ch
}

/// Candidate pairs (score, old index, new index), best first: indicators of the same kind
/// and unit whose canonical forms are alike, ties broken by year, kind and value.
fn candidates(old: &[Target], new: &[Target], dicts: &Dicts) -> Vec<(f64, usize, usize)> {
    let oc: Vec<String> = old.iter().map(|t| canonical(&t.indicator, dicts)).collect();
    let nc: Vec<String> = new.iter().map(|t| canonical(&t.indicator, dicts)).collect();
    let mut cands: Vec<(f64, usize, usize)> = Vec::new();
    for (i, o) in old.iter().enumerate() {
        for (j, n) in new.iter().enumerate() {
            if measure_kind(&oc[i], dicts) != measure_kind(&nc[j], dicts) || o.unit != n.unit {
                continue;
            }
            let s = similarity(&oc[i], &nc[j]);
            if s < 0.7 {
                continue;
            }
            // prefer pairs that agree on year, kind and value when indicators tie
            let tie = 0.01
                + if o.year == n.year { 0.005 } else { 0.0 }
                + if o.kind == n.kind { 0.002 } else { 0.0 }
                + if o.value == n.value { 0.001 } else { 0.0 };
            cands.push((s + tie, i, j));
        }
    }
    cands.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    cands
}

/// One side alone: added or removed.
fn alone(status: Status, t: &Target) -> Aligned {
    let (old, new) = match status {
        Status::OnlyOld => (Some(t.clone()), None),
        _ => (None, Some(t.clone())),
    };
    Aligned {
        status,
        indicator: t.indicator.clone(),
        similarity: 0.0,
        changes: vec![],
        value_delta: None,
        value_ratio: None,
        old,
        new,
        document: None,
    }
}

/// A matched pair.
fn pair(similarity: f64, o: &Target, n: &Target) -> Aligned {
    let changes = compare(o, n);
    let same_unit = o.unit == n.unit;
    let status = if o.kind != n.kind {
        Status::Trajectory
    } else if changes.is_empty() {
        Status::Unchanged
    } else {
        Status::Changed
    };
    Aligned {
        status,
        indicator: n.indicator.clone(),
        similarity: (similarity * 1000.0).round() / 1000.0,
        changes,
        value_delta: same_unit.then(|| ((n.value - o.value) * 1e6).round() / 1e6),
        value_ratio: (same_unit && o.value != 0.0)
            .then(|| ((n.value / o.value) * 1e4).round() / 1e4),
        old: Some(o.clone()),
        new: Some(n.clone()),
        document: None,
    }
}

/// Align OLD and NEW targets by indicator: best pairs first, each target in one pair at
/// most; rows in OLD's order, then the added ones in NEW's.
pub fn align(old: &[Target], new: &[Target], dicts: &Dicts) -> Vec<Aligned> {
    let (mut uo, mut un) = (vec![false; old.len()], vec![false; new.len()]);
    let mut out: Vec<(usize, Aligned)> = Vec::new();
    for (s, i, j) in candidates(old, new, dicts) {
        if !uo[i] && !un[j] {
            uo[i] = true;
            un[j] = true;
            out.push((i, pair(s.min(1.0), &old[i], &new[j])));
        }
    }
    for (i, o) in old.iter().enumerate().filter(|(i, _)| !uo[*i]) {
        out.push((i, alone(Status::OnlyOld, o)));
    }
    out.sort_by_key(|(i, _)| *i);
    let mut res: Vec<Aligned> = out.into_iter().map(|(_, a)| a).collect();
    res.extend(
        new.iter()
            .enumerate()
            .filter(|(j, _)| !un[*j])
            .map(|(_, n)| alone(Status::OnlyNew, n)),
    );
    res
}
