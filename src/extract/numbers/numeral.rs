//! Numerals: Arabic (decimals, thousands separators) and Chinese (三十, 一百二十, 两千, 二〇二五,
//! 零), and the magnitudes 万/亿 multiplied out. The one numeral reader of the crate: dates,
//! task counts and outline ordinals use it too.

pub fn cn_digit(c: char) -> Option<u64> {
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

pub fn magnitude(m: &str) -> f64 {
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
pub fn scale(v: f64, m: f64) -> f64 {
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
