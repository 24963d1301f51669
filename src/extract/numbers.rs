//! The number and quantity grammar shared by targets, dates, diff and `parse`.
//!
//! Reads Arabic numerals (decimals, thousands separators), Chinese numerals (三十, 一百二十,
//! 两千, 二〇二五, 零), magnitudes multiplied out (2.5万 → 25000, 508.9亿, 万亿级),
//! percentages (10%, 百分之十), percentage points (个百分点), approximate counts (100多家,
//! 100余家) and ranges (3-5个, 3至5个, 10%—15%), followed by a unit or measure word from
//! `dicts/units.tsv`. It says what a phrase *reads as*; whether a quantity is a target is the
//! targets extractor's business.

use crate::dicts::Dicts;
use regex::Regex;
use serde::Serialize;
use std::sync::OnceLock;

/// A quantity found in a text. Offsets are byte offsets into the scanned text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quantity {
    pub start: usize,
    pub end: usize,
    #[serde(serialize_with = "crate::report::ser_num")]
    pub value: f64,
    #[serde(serialize_with = "crate::report::ser_opt_num")]
    pub value_max: Option<f64>,
    /// The unit as written, magnitudes removed ("" when none).
    pub unit: String,
    /// The unit's class from `dicts/units.tsv` ("" when no unit).
    pub unit_class: String,
    /// The number was written in Chinese numerals.
    pub chinese: bool,
    /// No digits at all, only a magnitude word (百家, 千亿级).
    pub magnitude_only: bool,
    /// Followed by 级 (千亿级): a size class.
    pub class_suffix: bool,
    /// 多/余 between number and unit (100多家).
    pub approx_more: bool,
    /// A magnitude (万/亿…) was applied.
    pub has_magnitude: bool,
}

const CN_DIGITS: &str = "零〇一二两三四五六七八九十百千万亿";

fn grammar(dicts: &Dicts) -> &Regex {
    dicts.compiled.number_grammar.get_or_init(|| {
        let units: Vec<String> = dicts.units.iter().map(|u| regex::escape(&u.unit)).collect();
        let unit = format!("(?:{})", units.join("|"));
        let arabic = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)";
        let cn = format!("(?:[{CN_DIGITS}]+(?:点[零〇一二三四五六七八九]+)?)");
        let mag = "(?:万亿|千亿|百亿|十亿|亿|千万|百万|十万|万|千)";
        let pat = format!(
            r"(?P<pct>百分之(?P<pctnum>{arabic}|{cn}))(?:\s*(?:-|—|–|~|～|至|到)\s*百分之(?P<pctnum2>{arabic}|{cn}))?|(?P<n1>{arabic}|{cn})(?: ?(?P<m1>{mag}))?(?P<a1>多|余)?(?: ?(?P<u1>{unit}))?(?:\s*(?P<sep>-|—|–|~|～|至|到)\s*(?P<n2>{arabic}|{cn})(?P<m2>{mag})?(?P<u2>{unit})?)?(?P<ji>级)?"
        );
        Regex::new(&pat).expect("the number grammar is a valid regex")
    })
}

fn cn_digit(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// Parse a Chinese numeral: 三十 → 30, 一百二十 → 120, 两千 → 2000, 二〇二五 → 2025,
/// 百 → 100, 万亿 → 1e12, 三点五 → 3.5. None when it is not a well-formed numeral (十四五).
pub fn parse_chinese(s: &str) -> Option<f64> {
    if s.is_empty() {
        return None;
    }
    if let Some((int, frac)) = s.split_once('点') {
        let i = parse_chinese(int)?;
        let mut f = 0.0;
        let mut scale = 0.1;
        for c in frac.chars() {
            f += cn_digit(c)? as f64 * scale;
            scale /= 10.0;
        }
        return Some(i + f);
    }
    let chars: Vec<char> = s.chars().collect();
    // Digit by digit (二〇二五): only digits, at least two, no unit characters.
    if chars.len() >= 2 && chars.iter().all(|&c| cn_digit(c).is_some()) {
        let mut v = 0u64;
        for &c in &chars {
            v = v * 10 + cn_digit(c)?;
        }
        return Some(v as f64);
    }
    let mut total: u64 = 0; // completed 亿 and 万 sections
    let mut section: u64 = 0; // below 万
    let mut digit: Option<u64> = None;
    let mut last_unit = u64::MAX; // units inside a section must decrease
    let mut last_big = u64::MAX;
    for &c in &chars {
        if let Some(d) = cn_digit(c) {
            if digit.is_some() && d != 0 {
                return None; // two digits in a row: 十四五-style
            }
            digit = Some(d);
            continue;
        }
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            '万' => 10_000,
            '亿' => 100_000_000,
            _ => return None,
        };
        if unit < 10_000 {
            if unit >= last_unit {
                return None;
            }
            last_unit = unit;
            section += digit.take().unwrap_or(1) * unit;
        } else {
            let part = section + digit.take().unwrap_or(0);
            let part = if part == 0 && total == 0 { 1 } else { part };
            if unit == 10_000 && last_big == 10_000 {
                return None;
            }
            if unit == 100_000_000 {
                total = (total + part) * unit;
            } else {
                total += part * unit;
            }
            last_big = unit;
            section = 0;
            last_unit = u64::MAX;
        }
    }
    let tail = digit.unwrap_or(0);
    // 二百五 = 250: a trailing digit after a unit scales by the next lower unit.
    let tail = if tail > 0 && last_unit != u64::MAX && last_unit >= 100 {
        tail * (last_unit / 10)
    } else {
        tail
    };
    Some((total + section + tail) as f64)
}

/// Parse an Arabic numeral with optional thousands separators and decimals.
pub fn parse_arabic(s: &str) -> Option<f64> {
    s.replace(',', "").parse().ok()
}

fn magnitude(m: &str) -> f64 {
    match m {
        "万亿" => 1e12,
        "千亿" => 1e11,
        "百亿" => 1e10,
        "十亿" => 1e9,
        "亿" => 1e8,
        "千万" => 1e7,
        "百万" => 1e6,
        "十万" => 1e5,
        "万" => 1e4,
        "千" => 1e3,
        _ => 1.0,
    }
}

/// Multiply and round away binary noise (508.9 × 1e8 = 50890000000 exactly).
fn scale(v: f64, m: f64) -> f64 {
    let x = v * m;
    if m > 1.0 {
        let r = (x * 1e4).round() / 1e4;
        if (r - r.round()).abs() < 1e-6 {
            return r.round();
        }
        return r;
    }
    x
}

fn read_number(s: &str) -> Option<(f64, bool)> {
    if s.chars().next()?.is_ascii_digit() {
        parse_arabic(s).map(|v| (v, false))
    } else {
        parse_chinese(s).map(|v| (v, true))
    }
}

/// Scan `text` for quantities.
pub fn scan(text: &str, dicts: &Dicts) -> Vec<Quantity> {
    let re = grammar(dicts);
    let class_of = |u: &str| {
        dicts
            .units
            .iter()
            .find(|x| x.unit == u)
            .map(|x| x.class.clone())
            .unwrap_or_default()
    };
    let mut out = Vec::new();
    for c in re.captures_iter(text) {
        let Some(whole) = c.get(0) else { continue };
        if c.name("pct").is_some() {
            let Some((v, _)) = c.name("pctnum").and_then(|m| read_number(m.as_str())) else {
                continue;
            };
            let vmax = c
                .name("pctnum2")
                .and_then(|m| read_number(m.as_str()))
                .map(|x| x.0);
            out.push(Quantity {
                start: whole.start(),
                end: whole.end(),
                value: v,
                value_max: vmax,
                unit: "%".into(),
                unit_class: "percent".into(),
                chinese: true,
                magnitude_only: false,
                class_suffix: false,
                approx_more: false,
                has_magnitude: false,
            });
            continue;
        }
        let Some(n1) = c.name("n1") else { continue };
        let Some((mut v1, chinese)) = read_number(n1.as_str()) else {
            continue;
        };
        let digits = n1
            .as_str()
            .chars()
            .any(|ch| ch.is_ascii_digit() || cn_digit(ch).is_some());
        let m1 = c.name("m1").map_or("", |m| m.as_str());
        v1 = scale(v1, magnitude(m1));
        let mut unit = c.name("u1").map_or("", |m| m.as_str()).to_string();
        let mut end = whole.end();
        let mut vmax = None;
        if let Some(n2) = c.name("n2") {
            let u2 = c.name("u2").map_or("", |m| m.as_str());
            let sep = c.name("sep").map_or("", |m| m.as_str());
            let ok_units = unit.is_empty() || u2.is_empty() || unit == u2;
            // 到/至 between two bare numbers is too loose (到2025年); a range needs the
            // dash family or a unit on its second number.
            let loose = matches!(sep, "至" | "到") && u2.is_empty();
            match read_number(n2.as_str()) {
                Some((v2, _)) if ok_units && !loose => {
                    let m2 = c.name("m2").map_or(m1, |m| m.as_str());
                    let v2 = scale(v2, magnitude(m2));
                    if v2 > v1 {
                        vmax = Some(v2);
                        if unit.is_empty() {
                            unit = u2.to_string();
                        }
                    } else {
                        end = c.name("u1").map_or(
                            c.name("a1").or(c.name("m1")).map_or(n1.end(), |m| m.end()),
                            |m| m.end(),
                        );
                    }
                }
                _ => {
                    end = c.name("u1").map_or(
                        c.name("a1").or(c.name("m1")).map_or(n1.end(), |m| m.end()),
                        |m| m.end(),
                    );
                }
            }
        }
        let class_suffix = c.name("ji").is_some() && end == whole.end();
        // A bare Chinese numeral (一是, 两个大局 without a unit) is prose, not a quantity,
        // unless it carries 万/亿 or a size class.
        if chinese
            && unit.is_empty()
            && !class_suffix
            && !n1.as_str().contains(['万', '亿'])
            && m1.is_empty()
        {
            continue;
        }
        if unit == "％" {
            unit = "%".into();
        }
        let class = class_of(&unit);
        out.push(Quantity {
            start: n1.start(),
            end,
            value: v1,
            value_max: vmax,
            unit,
            unit_class: class,
            chinese,
            magnitude_only: chinese && !digits,
            class_suffix,
            approx_more: c.name("a1").is_some(),
            has_magnitude: !m1.is_empty() || (chinese && !digits),
        });
    }
    out
}

/// A comparator read from the words around a quantity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ComparatorRead {
    /// `=`, `>=`, `>`, `<=`, `<`, `~` or `range`.
    pub comparator: String,
    /// Byte length of the comparator word before the quantity (0 if none).
    pub before_len: usize,
    /// Byte length of the comparator word after the quantity (0 if none).
    pub after_len: usize,
    /// The word before was an action verb as well (突破).
    pub before_is_verb: bool,
}

/// Read the comparator of the quantity at `q` in `text` (see `dicts/comparators.tsv`).
/// An after-word (以上) wins over a before-word (突破); a range is `range`.
fn year_between() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"(?:19|20)\d{2}年(?:底|末)?的?$").expect("valid regex"))
}

pub fn comparator(text: &str, q: &Quantity, dicts: &Dicts) -> ComparatorRead {
    let before = &text[..q.start];
    // 达到 30 家: one space between the word and the number (copied from PDF or HTML)
    let (before, space_before) = match before.strip_suffix(' ') {
        Some(b) => (b, 1),
        None => (before, 0),
    };
    let before = before.strip_suffix('各').unwrap_or(before);
    // 达到了95%: an aspect particle between the word and the number
    let (before, particle) = match before.strip_suffix('了') {
        Some(b) => (b, '了'.len_utf8() + space_before),
        None => (before, space_before),
    };
    // 提高到2025年的10%: the year the value is for, between the word and the number
    let (before, particle) = match year_between().find(before) {
        Some(m)
            if dicts
                .comparators
                .iter()
                .any(|c| !c.after && before[..m.start()].ends_with(&c.word)) =>
        {
            (&before[..m.start()], particle + m.len())
        }
        _ => (before, particle),
    };
    let after = &text[q.end..];
    let (after, space_after) = match after.strip_prefix(' ') {
        Some(a) => (a, 1),
        None => (after, 0),
    };
    let mut r = ComparatorRead {
        comparator: "=".into(),
        before_len: 0,
        after_len: 0,
        before_is_verb: false,
    };
    let mut set_before = None;
    for c in dicts.comparators.iter().filter(|c| !c.after) {
        if before.ends_with(&c.word) {
            r.before_len = c.word.len() + particle;
            r.before_is_verb = c.verb;
            set_before = Some(c.comparator.clone());
            break;
        }
    }
    let mut set_after = None;
    for c in dicts.comparators.iter().filter(|c| c.after) {
        if after.starts_with(&c.word) {
            r.after_len = c.word.len() + space_after;
            set_after = Some(c.comparator.clone());
            break;
        }
    }
    r.comparator = if q.value_max.is_some() {
        "range".into()
    } else if let Some(a) = set_after {
        a
    } else if q.approx_more {
        ">".into()
    } else if let Some(b) = set_before {
        b
    } else {
        "=".into()
    };
    r
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
