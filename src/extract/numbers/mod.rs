//! The number and quantity grammar shared by targets, tables, diff and `parse`.
//!
//! Reads Arabic numerals (decimals, thousands separators), Chinese numerals (三十, 一百二十,
//! 两千, 二〇二五, 零), magnitudes multiplied out (2.5万 → 25000, 508.9亿, 万亿级),
//! percentages (10%, 百分之十), percentage points (个百分点), approximate counts (100多家,
//! 100余家) and ranges (3-5个, 3至5个, 10%—15%), followed by a unit or measure word from
//! `dicts/units.tsv`. It says what a phrase *reads as*; whether a quantity is a target is the
//! targets extractor's business.

pub mod numeral;

pub use numeral::{parse_arabic, parse_chinese};

use crate::dicts::{ComparatorWord, Dicts, Unit, UnitClass};
use crate::error::DictError;
use crate::report::Comparator;
use regex::Regex;
use std::collections::HashMap;

/// How the digits of a quantity are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// 2.5, 1,234
    Arabic,
    /// 三十, 一百二十, 百分之十
    Chinese,
}

/// Whether a magnitude word (万, 亿 …) scales the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Magnitude {
    /// No magnitude.
    None,
    /// A magnitude multiplies the digits (2.5万, 三千万).
    Applied,
    /// The number is a magnitude word alone, with no digit (百家, 千亿级).
    Only,
}

/// A quantity found in a text. Offsets are byte offsets into the scanned text.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    pub start: usize,
    pub end: usize,
    pub value: f64,
    pub value_max: Option<f64>,
    /// The unit as written, magnitudes removed ("" when none).
    pub unit: String,
    /// The unit's class from `dicts/units.tsv` (None when no unit).
    pub unit_class: Option<UnitClass>,
    pub written: Written,
    pub magnitude: Magnitude,
    /// Followed by 级 (千亿级): a size class.
    pub size_class: bool,
    /// 多/余 between number and unit (100多家): more than the number.
    pub more: bool,
}

impl Quantity {
    /// Written in Chinese numerals.
    pub fn chinese(&self) -> bool {
        self.written == Written::Chinese
    }

    /// A magnitude word alone (百家, 千亿级), no digits.
    pub fn magnitude_only(&self) -> bool {
        self.magnitude == Magnitude::Only
    }

    /// Some magnitude (万/亿) was applied or stands alone.
    pub fn has_magnitude(&self) -> bool {
        self.magnitude != Magnitude::None
    }

    /// The unit is of this class.
    pub fn is(&self, class: UnitClass) -> bool {
        self.unit_class == Some(class)
    }
}

/// The compiled grammar: one pattern over numerals, magnitudes, comparators of a range, and
/// every unit of `dicts/units.tsv`, plus the comparator words. Built when the dictionaries
/// load, so a bad or oversized unit table is a [`DictError`], never a panic later.
pub struct Grammar {
    pattern: Regex,
    /// A year standing between a comparator word and its number (提高到2025年的10%).
    year_between: Regex,
    classes: HashMap<String, UnitClass>,
    /// Comparator words before the number, longest first.
    before: Vec<ComparatorWord>,
    /// Comparator words after the number and its unit, longest first.
    after: Vec<ComparatorWord>,
}

const CN_DIGITS: &str = "零〇一二两三四五六七八九十百千万亿";

impl Grammar {
    /// Compile the grammar over the units and comparators of `dicts`.
    pub fn new(dicts: &Dicts) -> Result<Grammar, DictError> {
        let pattern = number_pattern(&dicts.units)?;
        let classes = dicts
            .units
            .iter()
            .map(|u| (u.unit.clone(), u.class))
            .collect();
        let (after, before) = dicts.comparators.iter().cloned().partition(|c| c.after);
        Ok(Grammar {
            pattern,
            year_between: Regex::new(r"(?:19|20)\d{2}年(?:底|末)?的?$").expect("fixed pattern"),
            classes,
            before,
            after,
        })
    }

    /// The class of a unit as written.
    pub fn class_of(&self, unit: &str) -> Option<UnitClass> {
        self.classes.get(unit).copied()
    }

    /// Comparator words that say a value is reached (增长到, 提高至 …).
    pub fn reaching_words(&self) -> impl Iterator<Item = &str> {
        self.before
            .iter()
            .filter(|c| c.word.ends_with('到') || c.word.ends_with('至'))
            .map(|c| c.word.as_str())
    }

    /// The comparator word before or after a number, if `s` starts or ends with one.
    pub fn comparator_word(&self, s: &str, after: bool) -> Option<&ComparatorWord> {
        if after {
            self.after.iter().find(|c| s.starts_with(c.word.as_str()))
        } else {
            self.before.iter().find(|c| s.ends_with(c.word.as_str()))
        }
    }
}

/// The pattern over a quantity; the unit alternation is built from `units.tsv` (longest
/// first, as [`Dicts`] sorts them).
fn number_pattern(units: &[Unit]) -> Result<Regex, DictError> {
    let alts: Vec<String> = units.iter().map(|u| regex::escape(&u.unit)).collect();
    let unit = format!("(?:{})", alts.join("|"));
    let arabic = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)";
    let cn = format!("(?:[{CN_DIGITS}]+(?:点[零〇一二三四五六七八九]+)?)");
    let mag = "(?:万亿|千亿|百亿|十亿|亿|千万|百万|十万|万|千)";
    let sep = "(?:-|—|–|~|～|至|到)";
    let pat = format!(
        r"(?P<pct>百分之(?P<pctnum>{arabic}|{cn}))(?:\s*{sep}\s*百分之(?P<pctnum2>{arabic}|{cn}))?|(?P<n1>{arabic}|{cn})(?: ?(?P<m1>{mag}))?(?P<a1>多|余)?(?: ?(?P<u1>{unit}))?(?:\s*(?P<sep>{sep})\s*(?P<n2>{arabic}|{cn})(?P<m2>{mag})?(?P<u2>{unit})?)?(?P<ji>级)?"
    );
    regex::RegexBuilder::new(&pat)
        .size_limit(64 << 20)
        .build()
        .map_err(|e| DictError::Row {
            file: "dicts/units.tsv".into(),
            line: 0,
            message: format!("the units do not compile into the number grammar: {e}"),
        })
}

fn read_number(s: &str) -> Option<(f64, Written)> {
    let c = s.chars().next()?;
    if c.is_ascii_digit() {
        parse_arabic(s).map(|v| (v, Written::Arabic))
    } else {
        parse_chinese(s).map(|v| (v, Written::Chinese))
    }
}

/// Scan `text` for quantities.
pub fn scan(text: &str, g: &Grammar) -> Vec<Quantity> {
    g.pattern
        .captures_iter(text)
        .filter_map(|c| {
            if c.name("pct").is_some() {
                percent_words(&c)
            } else {
                numeral_quantity(&c, g)
            }
        })
        .collect()
}

/// 百分之十, 百分之五到百分之八.
fn percent_words(c: &regex::Captures) -> Option<Quantity> {
    let whole = c.get(0)?;
    let (v, _) = c.name("pctnum").and_then(|m| read_number(m.as_str()))?;
    let vmax = c
        .name("pctnum2")
        .and_then(|m| read_number(m.as_str()))
        .map(|x| x.0);
    Some(Quantity {
        start: whole.start(),
        end: whole.end(),
        value: v,
        value_max: vmax,
        unit: "%".into(),
        unit_class: Some(UnitClass::Percent),
        written: Written::Chinese,
        magnitude: Magnitude::None,
        size_class: false,
        more: false,
    })
}

/// A numeral with its magnitude, unit and the second number of a range.
fn numeral_quantity(c: &regex::Captures, g: &Grammar) -> Option<Quantity> {
    let whole = c.get(0)?;
    let n1 = c.name("n1")?;
    let (v1, written) = read_number(n1.as_str())?;
    let digits = n1
        .as_str()
        .chars()
        .any(|ch| ch.is_ascii_digit() || numeral::cn_digit(ch).is_some());
    let m1 = c.name("m1").map_or("", |m| m.as_str());
    let v1 = numeral::scale(v1, numeral::magnitude(m1));
    let mut unit = c.name("u1").map_or("", |m| m.as_str()).to_string();
    // where the first number and its unit end, if the second number is not a range end
    let first_end = c
        .name("u1")
        .or(c.name("a1"))
        .or(c.name("m1"))
        .map_or(n1.end(), |m| m.end());
    let (end, vmax) = match range_end(c, &unit, m1, v1) {
        Some((v2, u2)) => {
            if unit.is_empty() {
                unit = u2;
            }
            (whole.end(), Some(v2))
        }
        None if c.name("n2").is_some() => (first_end, None),
        None => (whole.end(), None),
    };
    let size_class = c.name("ji").is_some() && end == whole.end();
    let chinese = written == Written::Chinese;
    // A bare Chinese numeral (一是, 两个大局 without a unit) is prose, not a quantity,
    // unless it carries 万/亿 or a size class.
    if chinese
        && unit.is_empty()
        && !size_class
        && !n1.as_str().contains(['万', '亿'])
        && m1.is_empty()
    {
        return None;
    }
    if unit == "％" {
        unit = "%".into();
    }
    let magnitude = if chinese && !digits {
        Magnitude::Only
    } else if !m1.is_empty() {
        Magnitude::Applied
    } else {
        Magnitude::None
    };
    Some(Quantity {
        start: n1.start(),
        end,
        value: v1,
        value_max: vmax,
        unit_class: g.class_of(&unit),
        unit,
        written,
        magnitude,
        size_class,
        more: c.name("a1").is_some(),
    })
}

/// The upper end of a range (3-5个, 1000-2000万元) and its unit, when the second number
/// makes one with the first: same unit, larger, and 到/至 only with a unit on the second
/// number (到2025年 is no range end).
fn range_end(c: &regex::Captures, unit: &str, m1: &str, v1: f64) -> Option<(f64, String)> {
    let n2 = c.name("n2")?;
    let u2 = c.name("u2").map_or("", |m| m.as_str());
    let sep = c.name("sep").map_or("", |m| m.as_str());
    let ok_units = unit.is_empty() || u2.is_empty() || unit == u2;
    let loose = matches!(sep, "至" | "到") && u2.is_empty();
    if !ok_units || loose {
        return None;
    }
    let (v2, _) = read_number(n2.as_str())?;
    let m2 = c.name("m2").map_or(m1, |m| m.as_str());
    let v2 = numeral::scale(v2, numeral::magnitude(m2));
    (v2 > v1).then(|| (v2, u2.to_string()))
}

/// A comparator read from the words around a quantity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComparatorRead {
    pub comparator: Comparator,
    /// Byte length of the comparator word before the quantity (0 if none).
    pub before_len: usize,
    /// Byte length of the comparator word after the quantity (0 if none).
    pub after_len: usize,
    /// The word before was an action verb as well (突破).
    pub before_is_verb: bool,
}

/// What stands between a comparator word and its number, stripped: one space (达到 30 家),
/// 各, an aspect particle (达到了95%), a year (提高到2025年的10%). Returns the text before
/// and the bytes stripped.
fn strip_fillers<'t>(before: &'t str, g: &Grammar) -> (&'t str, usize) {
    let (before, space) = match before.strip_suffix(' ') {
        Some(b) => (b, 1),
        None => (before, 0),
    };
    let before = before.strip_suffix('各').unwrap_or(before);
    let (before, filler) = match before.strip_suffix('了') {
        Some(b) => (b, '了'.len_utf8() + space),
        None => (before, space),
    };
    match g.year_between.find(before) {
        Some(m) if g.comparator_word(&before[..m.start()], false).is_some() => {
            (&before[..m.start()], filler + m.len())
        }
        _ => (before, filler),
    }
}

/// Read the comparator of the quantity at `q` in `text` (see `dicts/comparators.tsv`).
/// An after-word (以上) wins over a before-word (突破); a range is `range`.
pub fn comparator(text: &str, q: &Quantity, g: &Grammar) -> ComparatorRead {
    let (before, filler) = strip_fillers(&text[..q.start], g);
    let after = &text[q.end..];
    let (after, space_after) = match after.strip_prefix(' ') {
        Some(a) => (a, 1),
        None => (after, 0),
    };
    let b = g.comparator_word(before, false);
    let a = g.comparator_word(after, true);
    let comparator = if q.value_max.is_some() {
        Comparator::Range
    } else if let Some(a) = a {
        a.comparator
    } else if q.more {
        Comparator::Gt
    } else if let Some(b) = b {
        b.comparator
    } else {
        Comparator::Eq
    };
    ComparatorRead {
        comparator,
        before_len: b.map_or(0, |w| w.word.len() + filler),
        after_len: a.map_or(0, |w| w.word.len() + space_after),
        before_is_verb: b.is_some_and(|w| w.verb),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals() {
        for (s, v) in [
            ("三十", 30.0),
            ("一百二十", 120.0),
            ("两千", 2000.0),
            ("二〇二五", 2025.0),
            ("零", 0.0),
            ("十", 10.0),
            ("十五", 15.0),
            ("百", 100.0),
            ("万亿", 1e12),
            ("千亿", 1e11),
            ("三万五千", 35000.0),
            ("一亿两千万", 120_000_000.0),
            ("二百五", 250.0),
            ("三点五", 3.5),
        ] {
            assert_eq!(parse_chinese(s), Some(v), "{s}");
        }
        assert_eq!(parse_chinese("十四五"), None);
        assert_eq!(parse_chinese("百千"), None);
    }
}
