//! What a value cell of an indicator table says (the cells themselves are cut by
//! [`crate::extract::cells`]).

use crate::extract::numbers::{self, numeral, Grammar};
use crate::report::Comparator;

/// What a value cell says.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A figure: value, comparator, unit written in the cell, and a qualifier in brackets
    /// after it (100%(市考断面)).
    Number {
        value: f64,
        comparator: Comparator,
        unit: String,
        qualifier: Option<String>,
        /// The whole figure stands in brackets: (86.4%), [55] — another year's figure, as a
        /// table note says.
        bracketed: bool,
    },
    /// No value for this column (—, /, 无).
    Dash,
    /// Words (完成市级考核要求).
    Words,
}

/// Cells that stand for no value.
pub fn is_dash(s: &str) -> bool {
    matches!(s, "—" | "-" | "–" | "——" | "/" | "无" | "－" | "—— ")
}

/// Comparator symbols written before a figure in a cell (≥73%).
fn symbol(s: &str) -> Option<(Comparator, &str)> {
    let c = s.chars().next()?;
    let cmp = match c {
        '≥' | '⩾' => Comparator::Ge,
        '≤' | '⩽' => Comparator::Le,
        '>' => Comparator::Gt,
        '<' => Comparator::Lt,
        '≈' | '~' => Comparator::Approx,
        _ => return None,
    };
    Some((cmp, &s[c.len_utf8()..]))
}

/// Split a trailing bracketed qualifier off a cell: 100%(市考断面) → (100%, 市考断面).
fn qualifier(s: &str) -> (&str, Option<&str>) {
    let t = s.trim_end();
    for (o, c) in [('(', ')'), ('（', '）')] {
        if t.ends_with(c) {
            if let Some(i) = t.rfind(o).filter(|&i| i > 0) {
                return (&t[..i], Some(&t[i + o.len_utf8()..t.len() - c.len_utf8()]));
            }
        }
    }
    (t, None)
}

/// A cell in brackets as a whole: (86.4%), [55], 【55】.
fn unbracket(s: &str) -> Option<&str> {
    for (o, c) in [('(', ')'), ('（', '）'), ('[', ']'), ('【', '】')] {
        if let Some(inner) = s.strip_prefix(o).and_then(|r| r.strip_suffix(c)) {
            return Some(inner);
        }
    }
    None
}

/// Read a value cell with the shared number grammar: an optional comparator (a symbol or a
/// word of comparators.tsv), one quantity, then nothing but a comparator word after it,
/// footnote digits glued to a percentage (35%1), or a qualifier in brackets.
pub fn value(cell: &str, g: &Grammar) -> Value {
    let t = cell.trim();
    if is_dash(t) {
        return Value::Dash;
    }
    let (t, bracketed) = match unbracket(t) {
        Some(inner) => (inner, true),
        None => (t, false),
    };
    let (body, qual) = qualifier(t);
    let (sym, body) = match symbol(body) {
        Some((c, rest)) => (Some(c), rest.trim_start()),
        None => (None, body),
    };
    let Some(q) = numbers::scan(body, g).into_iter().next() else {
        return Value::Words;
    };
    let before = &body[..q.start];
    let word_before = g.comparator_word(before, false);
    if !before.is_empty() && word_before.is_none_or(|w| w.word.len() != before.len()) {
        return Value::Words;
    }
    let rest = &body[q.end..];
    let word_after = g.comparator_word(rest, true);
    let footnote = q.unit == "%"
        && !rest.is_empty()
        && rest.len() <= 2
        && rest.bytes().all(|b| b.is_ascii_digit());
    let after_ok =
        rest.is_empty() || footnote || word_after.is_some_and(|w| w.word.len() == rest.len());
    if !after_ok || q.value_max.is_some() {
        return Value::Words;
    }
    let comparator = sym
        .or(word_after.map(|w| w.comparator))
        .or(word_before.map(|w| w.comparator))
        .unwrap_or(Comparator::Eq);
    Value::Number {
        value: q.value,
        comparator,
        unit: q.unit,
        qualifier: qual.map(str::to_string),
        bracketed,
    }
}

/// A unit with its magnitude split off: 万亿元 → (元, 1e12), 万个 → (个, 1e4).
pub fn split_unit(u: &str) -> (String, f64) {
    for m in numeral::MAGNITUDES {
        if let Some(rest) = u.strip_prefix(m) {
            if !rest.is_empty() {
                return (rest.to_string(), numeral::magnitude(m));
            }
        }
    }
    (u.to_string(), 1.0)
}

/// A unit in a trailing bracket of a name: 普及率(%) → ("普及率", "%"); 规模(万亿元) →
/// ("规模", "万亿元").
/// A footnote mark glued to the name (覆盖率1 (%)) is cut off.
pub fn name_unit(name: &str, g: &Grammar) -> (String, Option<String>) {
    let (body, q) = qualifier(name);
    match q {
        Some(inner) if is_unit(inner, g) => (
            footnote_cut(body.trim_end()).to_string(),
            Some(inner.to_string()),
        ),
        _ => (footnote_cut(name.trim()).to_string(), None),
    }
}

/// A name without one or two footnote digits glued to its last Chinese character
/// (普及率1 → 普及率); names that end in a figure of their own (PM2.5, IPv6) end in ASCII
/// before their digits and are left alone.
fn footnote_cut(name: &str) -> &str {
    let body = name.trim_end_matches(|c: char| c.is_ascii_digit());
    let digits = name.len() - body.len();
    let cjk_before = body
        .chars()
        .next_back()
        .is_some_and(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    if (1..=2).contains(&digits) && cjk_before && body.chars().count() >= 2 {
        body
    } else {
        name
    }
}

/// Whether a cell is a unit alone (%, 万个, 平方公里).
pub fn is_unit(s: &str, g: &Grammar) -> bool {
    let (u, _) = split_unit(s.trim());
    !u.is_empty() && g.class_of(&u).is_some()
}
