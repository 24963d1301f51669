//! Numerals: the one numeral reader of the crate (dates, task counts and outline ordinals use
//! it too). Arabic numerals with decimals and thousands grouped by commas or by single
//! spaces (12,345 / 9 800), Chinese numerals (三十, 一百零四万, 一万二, 两千, 二〇二五, 零点五),
//! financial numerals (壹贰叁 … 拾佰仟), and the magnitudes 万/亿 multiplied out.

/// The value of a Chinese digit (零〇 0 … 九 9, 两 2; financial 壹 … 玖).
pub fn cn_digit(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '贰' | '貳' => 2,
        '三' | '叁' | '參' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' | '陸' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// The value of a Chinese unit below 万 (十 拾, 百 佰, 千 仟).
pub fn cn_small_unit(c: char) -> Option<u64> {
    Some(match c {
        '十' | '拾' => 10,
        '百' | '佰' => 100,
        '千' | '仟' => 1000,
        _ => return None,
    })
}

/// Whether `c` can be part of a Chinese numeral (digits, units, 万, 亿).
pub fn is_cn_numeral(c: char) -> bool {
    cn_digit(c).is_some() || cn_small_unit(c).is_some() || matches!(c, '万' | '亿')
}

/// Parse a Chinese numeral: 三十 → 30, 一百零四万 → 1040000, 一万二 → 12000, 两千 → 2000,
/// 二〇二五 → 2025, 百 → 100, 万亿 → 1e12, 三点五 → 3.5, 贰拾 → 20. None when it is not a
/// well-formed numeral (十四五, 百千).
pub fn parse_chinese(s: &str) -> Option<f64> {
    if s.is_empty() {
        return None;
    }
    if let Some((int, frac)) = s.split_once('点') {
        let i = if int.is_empty() {
            0.0
        } else {
            parse_chinese(int)?
        };
        let mut f = 0.0;
        let mut scale = 0.1;
        for c in frac.chars() {
            f += cn_digit(c)? as f64 * scale;
            scale /= 10.0;
        }
        return (!frac.is_empty()).then_some(i + f);
    }
    let chars: Vec<char> = s.chars().collect();
    parse_integer(&chars).map(|v| v as f64)
}

/// The running state of [`parse_integer`].
#[derive(Default)]
struct Sections {
    /// The completed part above 亿.
    yi: u64,
    /// The completed 万 section below 亿.
    wan: u64,
    /// The section below 万.
    sec: u64,
    digit: Option<u64>,
    /// The last 十/百/千 of the current section (0: none yet).
    last_small: u64,
    /// The last 万 or 亿 (0: none yet).
    last_big: u64,
    /// A 零 stands before the trailing digit (一百零五: the 五 is not 五十).
    zero: bool,
}

impl Sections {
    fn small_unit(&mut self, u: u64) -> Option<()> {
        if self.last_small != 0 && u >= self.last_small {
            return None;
        }
        self.sec = self
            .sec
            .checked_add(self.digit.take().unwrap_or(1).checked_mul(u)?)?;
        self.last_small = u;
        self.zero = false;
        Some(())
    }

    fn wan(&mut self) -> Option<()> {
        if self.last_big == 10_000 {
            return None; // 万万
        }
        let part = self.sec + self.digit.take().unwrap_or(0);
        let part = if part == 0 && self.wan == 0 && self.yi == 0 {
            1
        } else {
            part
        };
        self.wan = part.checked_mul(10_000)?;
        self.reset_section(10_000);
        Some(())
    }

    fn yi(&mut self) -> Option<()> {
        let part = self.wan + self.sec + self.digit.take().unwrap_or(0);
        let part = if part == 0 && self.yi == 0 { 1 } else { part };
        self.yi = self.yi.checked_add(part)?.checked_mul(100_000_000)?;
        self.wan = 0;
        self.reset_section(100_000_000);
        Some(())
    }

    fn reset_section(&mut self, big: u64) {
        self.sec = 0;
        self.last_small = 0;
        self.last_big = big;
        self.zero = false;
    }

    /// The trailing digit, scaled when it stands for the next lower unit (二百五 = 250,
    /// 一万二 = 12000).
    fn tail(&self) -> u64 {
        let tail = self.digit.unwrap_or(0);
        if tail == 0 || self.zero {
            return tail;
        }
        match (self.last_small, self.last_big) {
            (s, _) if s >= 100 => tail * (s / 10),
            (0, 10_000) => tail * 1000,
            (0, 100_000_000) => tail * 10_000_000,
            _ => tail,
        }
    }
}

fn parse_integer(chars: &[char]) -> Option<u64> {
    // Digit by digit (二〇二五): only digits, at least two.
    if chars.len() >= 2 && chars.iter().all(|&c| cn_digit(c).is_some()) {
        let mut v = 0u64;
        for &c in chars {
            v = v.checked_mul(10)?.checked_add(cn_digit(c)?)?;
        }
        return Some(v);
    }
    let mut s = Sections::default();
    for &c in chars {
        if let Some(d) = cn_digit(c) {
            if s.digit.is_some_and(|p| p != 0) && d != 0 {
                return None; // two digits in a row: 十四五
            }
            if d == 0 {
                s.zero = true;
            }
            s.digit = Some(d);
        } else if let Some(u) = cn_small_unit(c) {
            s.small_unit(u)?;
        } else if c == '万' {
            s.wan()?;
        } else if c == '亿' {
            s.yi()?;
        } else {
            return None;
        }
    }
    s.yi.checked_add(s.wan)?
        .checked_add(s.sec)?
        .checked_add(s.tail())
}

/// Parse an Arabic numeral with optional thousands separators and decimals.
pub fn parse_arabic(s: &str) -> Option<f64> {
    let v: f64 = s.replace([',', ' '], "").parse().ok()?;
    v.is_finite().then_some(v)
}

/// The factor of a magnitude word (万 1e4 … 万亿 1e12); 1 for anything else.
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
        "百" => 1e2,
        _ => 1.0,
    }
}

/// The magnitude words, longest first (the order they are tried in).
pub const MAGNITUDES: [&str; 11] = [
    "万亿", "千亿", "百亿", "十亿", "千万", "百万", "十万", "亿", "万", "千", "百",
];

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

/// The largest value the grammar reports as a number: beyond it f64 no longer holds every
/// integer, so a figure that long is text (a code, an ID), never a quantity.
pub const MAX_EXACT: f64 = 9.0e15;

/// An Arabic numeral starting at char `i`: digits, then thousands groups (`,ddd`, or a single
/// space and `ddd` when the first group has at most three digits), then a decimal part.
/// Returns the value and the char index after it.
pub fn read_arabic(cs: &[char], i: usize) -> Option<(f64, usize)> {
    let digits = |from: usize| {
        (from..cs.len())
            .take_while(|&k| cs[k].is_ascii_digit())
            .count()
    };
    let first = digits(i);
    if first == 0 {
        return None;
    }
    let mut end = i + first;
    let group_at = |k: usize, sep: char| {
        cs.get(k) == Some(&sep)
            && digits(k + 1) == 3
            && !cs.get(k + 4).is_some_and(|c| c.is_ascii_digit())
    };
    if first <= 3 {
        let sep = if group_at(end, ',') {
            Some(',')
        } else if group_at(end, ' ') {
            Some(' ')
        } else {
            None
        };
        if let Some(sep) = sep {
            while group_at(end, sep) {
                end += 4;
            }
        }
    }
    if cs.get(end) == Some(&'.') && digits(end + 1) > 0 {
        let frac = digits(end + 1);
        // 1.2.3 is a version, not a number
        if cs.get(end + 1 + frac) != Some(&'.') {
            end += 1 + frac;
        }
    }
    let text: String = cs[i..end].iter().collect();
    let v = parse_arabic(&text)?;
    (v.abs() <= MAX_EXACT).then_some((v, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals() {
        for (s, v) in [
            ("一百零四万", 1_040_000.0),
            ("一万零四十", 10_040.0),
            ("一万二", 12_000.0),
            ("一万二千", 12_000.0),
            ("三千五百万", 35_000_000.0),
            ("贰拾叁", 23.0),
            ("壹佰", 100.0),
            ("零点五", 0.5),
            ("一亿二", 120_000_000.0),
            ("一千零五", 1005.0),
        ] {
            assert_eq!(parse_chinese(s), Some(v), "{s}");
        }
        assert_eq!(parse_chinese("万万"), None);
        assert_eq!(
            parse_chinese("九九九九九九九九九九九九九九九九九九九九九九"),
            None
        );
    }

    #[test]
    fn arabic_groups() {
        let cs: Vec<char> = "9 800个 12,345人 1,234.5亿 2021 2022 1.2.3"
            .chars()
            .collect();
        assert_eq!(read_arabic(&cs, 0), Some((9800.0, 5)));
        assert_eq!(read_arabic(&cs, 7), Some((12345.0, 13)));
        assert_eq!(read_arabic(&cs, 15), Some((1234.5, 22)));
        assert_eq!(read_arabic(&cs, 24), Some((2021.0, 28)));
        assert_eq!(read_arabic(&cs, 34), Some((1.0, 35)));
    }
}
