//! The number and quantity grammar shared by targets, tables, diff and `parse`.
//!
//! One scan per sentence ([`scan`]) reads every quantity: a numeral ([`numeral`]: Arabic
//! with grouped digits, Chinese, financial), its sign (负3.9%, -120), a magnitude multiplied
//! out (2.5万 → 25000, 一百零四万, 千亿级), an approximation (100多家, 500余万, 几十亿,
//! 上百家), a percentage in words (百分之十二点五, 千分之二点四), a ratio (三成, 九成以上), a
//! fraction (二分之一, 3/5, 一半), a range sharing its magnitude or unit (1000-2000万元,
//! 一百二十到一百五十万元, 10%—15%), and the unit after it ([`units`]: measure words,
//! metric words and symbols, currencies kept whole, rates such as 立方米/天). It says what a
//! phrase *reads as*; whether a quantity is a target is the targets extractor's business.

pub mod numeral;
pub mod units;

pub use numeral::{parse_arabic, parse_chinese};

use crate::charset::CharBits;
use crate::dicts::{ComparatorWord, Dicts, UnitClass};
use crate::error::DictError;
use crate::report::Comparator;
use foldhash::{HashMap, HashMapExt};
use numeral::{cn_digit, is_cn_numeral, magnitude, read_arabic, MAGNITUDES};
use regex::Regex;
use units::Units;

/// How the digits of a quantity are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// 2.5, 1,234
    Arabic,
    /// 三十, 一百二十, 百分之十, 壹佰
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

/// How far a quantity is from its stated value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Approx {
    /// 多, 余, 来 after the number: more than it (100多家).
    More,
    /// 几, 数, 上 with a magnitude: some tens, hundreds … (几十亿, 数百家, 上千人).
    Several,
}

/// What kind of number it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// A count, amount or percentage.
    Plain,
    /// 三成: tenths, reported as a percentage.
    Ratio,
    /// 二分之一, 3/5, 一半: a fraction, reported as a value below 1.
    Fraction,
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
    pub approx: Option<Approx>,
    pub form: Form,
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

    /// More than the number, or some multiple of a magnitude: comparator `>`.
    pub fn more(&self) -> bool {
        self.approx.is_some()
    }
}

/// The compiled grammar: the unit automaton and the comparator words. Built when the
/// dictionaries load, so a bad or oversized unit table is a [`DictError`], never a panic.
pub struct Grammar {
    units: Units,
    /// A year standing between a comparator word and its number (提高到2025年的10%).
    year_between: Regex,
    /// Comparator words before the number, longest first, by their last char.
    before: Affixes,
    /// Comparator words after the number and its unit, longest first, by their first char.
    after: Affixes,
    /// [`may_start`] of every char of the CJK block, as bits: the scan asks at every char.
    starts: StartChars,
}

/// [`may_start`] as a bitmap over the CJK Unified Ideographs block (U+4E00–U+9FFF), where
/// most chars of a text are: one bit test instead of the comparisons of the numeral
/// match; other chars are asked directly.
struct StartChars(CharBits);

const CJK: std::ops::RangeInclusive<char> = '\u{4E00}'..='\u{9FFF}';

impl StartChars {
    fn new() -> StartChars {
        StartChars(CharBits::new(CJK.filter(|&c| may_start(c))))
    }

    fn get(&self, ch: char) -> bool {
        if CJK.contains(&ch) {
            self.0.contains(ch)
        } else {
            may_start(ch)
        }
    }
}

/// Comparator words that a text must start with (`after` words) or end with (`before`
/// words), in their dictionary order, indexed by the char they start or end with: the
/// first word in order that fits is the one the whole list would give, found among the
/// few that share that char instead of by trying every word.
struct Affixes {
    words: Vec<ComparatorWord>,
    /// true: words end the text (the index is by last char); false: words start it.
    at_end: bool,
    /// Positions in `words`, in order, by first (or last) char.
    by_char: HashMap<char, Vec<usize>>,
}

/// The last char of `s` (`at_end`) or its first.
fn edge(s: &str, at_end: bool) -> Option<char> {
    if at_end {
        s.chars().next_back()
    } else {
        s.chars().next()
    }
}

impl Affixes {
    fn new(words: Vec<ComparatorWord>, at_end: bool) -> Affixes {
        let mut by_char: HashMap<char, Vec<usize>> = HashMap::new();
        for (i, w) in words.iter().enumerate() {
            // the loader refuses empty words, so every word has an edge char
            if let Some(c) = edge(&w.word, at_end) {
                by_char.entry(c).or_default().push(i);
            }
        }
        Affixes {
            words,
            at_end,
            by_char,
        }
    }

    /// The first word in order that `s` starts (or ends) with.
    fn find(&self, s: &str) -> Option<&ComparatorWord> {
        let edge = edge(s, self.at_end)?;
        let fits = |w: &&ComparatorWord| {
            if self.at_end {
                s.ends_with(w.word.as_str())
            } else {
                s.starts_with(w.word.as_str())
            }
        };
        self.by_char
            .get(&edge)?
            .iter()
            .map(|&i| &self.words[i])
            .find(fits)
    }
}

impl Grammar {
    /// Compile the grammar over the units and comparators of `dicts`.
    pub fn new(dicts: &Dicts) -> Result<Grammar, DictError> {
        let (after, before) = dicts.comparators.iter().cloned().partition(|c| c.after);
        Ok(Grammar {
            units: Units::new(&dicts.units)?,
            year_between: Regex::new(r"(?:19|20)[0-9]{2}年(?:底|末)?的?$").expect("fixed pattern"),
            before: Affixes::new(before, true),
            after: Affixes::new(after, false),
            starts: StartChars::new(),
        })
    }

    /// The class of a unit as written.
    pub fn class_of(&self, unit: &str) -> Option<UnitClass> {
        self.units.class_of(unit)
    }

    /// Comparator words that say a value is reached (增长到, 提高至 …).
    pub fn reaching_words(&self) -> impl Iterator<Item = &str> {
        self.before
            .words
            .iter()
            .filter(|c| c.word.ends_with('到') || c.word.ends_with('至'))
            .map(|c| c.word.as_str())
    }

    /// The comparator word before or after a number, if `s` starts or ends with one.
    pub fn comparator_word(&self, s: &str, after: bool) -> Option<&ComparatorWord> {
        if after {
            self.after.find(s)
        } else {
            self.before.find(s)
        }
    }
}

/// A sentence as the scanner reads it: its chars and their byte offsets.
struct Chars<'t> {
    text: &'t str,
    cs: Vec<char>,
    /// Byte offset of every char, and the text's length at the end.
    bs: Vec<usize>,
}

impl<'t> Chars<'t> {
    fn new(text: &'t str) -> Chars<'t> {
        // at most one char per byte: one allocation each, no regrowing
        let mut cs = Vec::with_capacity(text.len());
        let mut bs = Vec::with_capacity(text.len() + 1);
        for (b, c) in text.char_indices() {
            bs.push(b);
            cs.push(c);
        }
        bs.push(text.len());
        Chars { text, cs, bs }
    }

    fn at(&self, i: usize) -> Option<char> {
        self.cs.get(i).copied()
    }

    fn starts(&self, i: usize, s: &str) -> bool {
        self.text
            .get(self.bs[i.min(self.cs.len())]..)
            .is_some_and(|t| t.starts_with(s))
    }

    /// The char index of byte offset `b` (a char boundary).
    fn char_of(&self, b: usize) -> usize {
        self.bs.partition_point(|&x| x < b)
    }
}

/// A numeral read, before its unit.
#[derive(Debug, Clone, Copy)]
struct Num {
    value: f64,
    /// Char index after it (and after its magnitude and approximation).
    end: usize,
    written: Written,
    magnitude: Magnitude,
    approx: Option<Approx>,
    /// The factor of the magnitude that ends it (1 when none): 一百五十万 ends in 万.
    trailing: f64,
    /// Two neighbouring digits (两三千, 三五个): the upper end of the span they name.
    upto: Option<f64>,
}

/// The length of a four-character idiom of magnitudes at char `i` (千家万户, 千方百计,
/// 千军万马): a magnitude, a one-character word, a magnitude, a character. Nothing in it is
/// a number.
fn idiom_at(c: &Chars, i: usize, g: &Grammar) -> Option<usize> {
    let big = |k: usize| {
        c.at(k)
            .is_some_and(|ch| matches!(ch, '十' | '百' | '千' | '万' | '亿'))
    };
    // the two magnitudes first: they rule out almost every position at once
    if !(big(i) && big(i + 2)) {
        return None;
    }
    let one_char_word = c
        .at(i + 1)
        .is_some_and(|ch| !is_cn_numeral(ch) && !matches!(ch, '几' | '数' | '多' | '余'))
        && g.units
            .at(c.text, c.bs[(i + 1).min(c.cs.len())])
            .is_none_or(|u| u.text.chars().count() == 1);
    let prev_is_number = i > 0 && (c.cs[i - 1].is_ascii_digit() || is_cn_numeral(c.cs[i - 1]));
    (one_char_word && c.at(i + 3).is_some() && !prev_is_number).then_some(4)
}

/// Whether a quantity or an idiom ([`idiom_at`]) can start with `ch`: a digit or Chinese
/// numeral, a sign (负, 零下, a minus), 几/数/上 (几十, 数百, 上万), 百/千/万 of 百分之.
/// Every other char is passed over without trying the readers at it.
fn may_start(ch: char) -> bool {
    ch.is_ascii_digit()
        || is_cn_numeral(ch)
        || matches!(ch, '负' | '-' | '−' | '﹣' | '几' | '数' | '上')
}

/// Scan `text` for quantities.
pub fn scan(text: &str, g: &Grammar) -> Vec<Quantity> {
    let c = Chars::new(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.cs.len() {
        if !g.starts.get(c.cs[i]) {
            i += 1;
            continue;
        }
        if let Some(n) = idiom_at(&c, i, g) {
            i += n;
            continue;
        }
        match quantity_at(&c, i, g) {
            Some((q, next)) => {
                out.push(q);
                i = next.max(i + 1);
            }
            // never start again inside a run of digits
            None if c.cs[i].is_ascii_digit() => {
                while c.at(i).is_some_and(|ch| ch.is_ascii_digit()) {
                    i += 1;
                }
            }
            None => i += 1,
        }
    }
    out
}

/// The quantity that starts at char `i`, and the char index after it.
fn quantity_at(c: &Chars, i: usize, g: &Grammar) -> Option<(Quantity, usize)> {
    let ch = c.cs[i];
    if matches!(ch, '百' | '千' | '万') && c.starts(i + 1, "分之") {
        return percent_words(c, i, g);
    }
    if c.starts(i, "一半") {
        return Some(fraction(c, i, i + 2, 0.5, Written::Chinese));
    }
    if let Some(q) = chinese_fraction(c, i) {
        return Some(q);
    }
    let (sign, at) = sign_at(c, i)?;
    let num = read_num(c, at, g)?;
    if num.written == Written::Arabic {
        if let Some(q) = arabic_fraction(c, i, at, num.value) {
            return Some(q);
        }
    }
    finish(
        c,
        i,
        Num {
            value: sign * num.value,
            ..num
        },
        g,
    )
}

/// A sign before a number: 负, or a minus that follows no digit or letter (GB5749-2006 is a
/// code, 3-5 a range). Returns the sign and where the number starts.
fn sign_at(c: &Chars, i: usize) -> Option<(f64, usize)> {
    let ch = c.cs[i];
    let next_is_number = |k: usize| {
        c.at(k)
            .is_some_and(|n| n.is_ascii_digit() || is_cn_numeral(n))
    };
    if ch == '负' && next_is_number(i + 1) {
        return Some((-1.0, i + 1));
    }
    if c.starts(i, "零下") && next_is_number(i + 2) {
        return Some((-1.0, i + 2));
    }
    if matches!(ch, '-' | '−' | '﹣') {
        let prev_ok = i == 0
            || !c.cs[i - 1].is_ascii_alphanumeric() && !matches!(c.cs[i - 1], '-' | '.' | '/');
        return (prev_ok && c.at(i + 1).is_some_and(|n| n.is_ascii_digit()))
            .then_some((-1.0, i + 1));
    }
    (ch.is_ascii_digit() || is_cn_numeral(ch) || matches!(ch, '几' | '数' | '上'))
        .then_some((1.0, i))
}

/// The numeral at char `at` with its magnitude and approximation: Arabic (with a magnitude
/// after it unless a unit starts there: 5千米 is 5 km) or Chinese.
fn read_num(c: &Chars, at: usize, g: &Grammar) -> Option<Num> {
    let mut num = if c.cs[at].is_ascii_digit() {
        let (v, end) = read_arabic(&c.cs, at)?;
        Num {
            value: v,
            end,
            written: Written::Arabic,
            magnitude: Magnitude::None,
            approx: None,
            trailing: 1.0,
            upto: None,
        }
    } else {
        read_chinese(c, at, g)?
    };
    if c.at(num.end).is_some_and(|ch| matches!(ch, '多' | '余'))
        && !unit_or_magnitude_follows(c, num.end + 1, g)
    {
        return Some(num);
    }
    if c.at(num.end).is_some_and(|ch| matches!(ch, '多' | '余')) {
        num.approx = Some(Approx::More);
        num.end += 1;
    }
    apply_magnitude(c, &mut num, g);
    if c.at(num.end).is_some_and(|ch| matches!(ch, '多' | '余')) && num.magnitude != Magnitude::None
    {
        num.approx = Some(Approx::More);
        num.end += 1;
    }
    Some(num)
}

/// Whether a unit or a magnitude word starts at char `k` (so 多/余 before it approximates).
fn unit_or_magnitude_follows(c: &Chars, k: usize, g: &Grammar) -> bool {
    let k = if c.at(k) == Some(' ') { k + 1 } else { k };
    k < c.cs.len()
        && (g.units.at(c.text, c.bs[k]).is_some() || MAGNITUDES.iter().any(|m| c.starts(k, m)))
}

/// A magnitude word after the numeral (one space allowed), unless a unit starts with it.
fn apply_magnitude(c: &Chars, num: &mut Num, g: &Grammar) {
    let k = if c.at(num.end) == Some(' ') {
        num.end + 1
    } else {
        num.end
    };
    if k >= c.cs.len()
        || g.units
            .at(c.text, c.bs[k])
            .is_some_and(|u| magnitude_start(&u.text))
    {
        return;
    }
    if let Some(m) = MAGNITUDES.iter().find(|m| c.starts(k, m)) {
        let f = magnitude(m);
        num.value = numeral::scale(num.value, f);
        num.trailing = f;
        num.end = k + m.chars().count();
        if num.magnitude == Magnitude::None {
            num.magnitude = Magnitude::Applied;
        }
    }
}

/// A unit that begins with a magnitude character (千米, 千克, 千瓦, 百分点).
fn magnitude_start(unit: &str) -> bool {
    unit.starts_with(['千', '百', '万', '亿', '十'])
}

/// The words a bare magnitude may be (百, 千亿 …), and 几/数/上 before one.
fn magnitude_word(s: &str) -> bool {
    s == "十" || MAGNITUDES.contains(&s)
}

/// A Chinese numeral at char `at`: the longest run of numeral characters (几 marks an
/// approximation: 几十, 十几, 几百万; 数 and 上 before a magnitude: 数十, 上千), with a
/// decimal part after 点. A run that opens with 百/千/万/亿 must be a magnitude word alone
/// (万一 is no number), and a trailing 千/百 that opens a unit is left to the unit (三千米).
fn read_chinese(c: &Chars, at: usize, g: &Grammar) -> Option<Num> {
    let lead_approx = matches!(c.cs[at], '数' | '上');
    let start = if lead_approx { at + 1 } else { at };
    let mut end = start;
    while c.at(end).is_some_and(|ch| is_cn_numeral(ch) || ch == '几') {
        end += 1;
    }
    // 三千米: the 千 belongs to the unit
    while end > start + 1
        && matches!(c.cs[end - 1], '千' | '百')
        && g.units
            .at(c.text, c.bs[end - 1])
            .is_some_and(|u| magnitude_start(&u.text))
    {
        end -= 1;
    }
    // 两三千, 三五个: two rising digits name a span (2000-3000, 3-5)
    let pair = match (
        c.at(start).and_then(cn_digit),
        c.at(start + 1).and_then(cn_digit),
    ) {
        (Some(a), Some(b)) if a > 0 && b > a && end > start + 1 && end - start <= 4 => Some((a, b)),
        _ => None,
    };
    // …but not inside a longer numeral (十四五) or a run of digits (一二三四)
    let inside = start > 0 && is_cn_numeral(c.cs[start - 1]);
    let digits_after = c.at(start + 2).is_some_and(|ch| cn_digit(ch).is_some());
    let pair = pair.filter(|_| !inside && !digits_after);
    let from = if pair.is_some() { start + 1 } else { start };
    let run: String = c.cs[from..end].iter().filter(|&&ch| ch != '几').collect();
    let several = lead_approx || end - from > run.chars().count();
    if run.is_empty() || (lead_approx && !magnitude_word(&run) && !run.starts_with('十')) {
        return None;
    }
    let opens_big = run.starts_with(['百', '千', '万', '亿']);
    if opens_big && !magnitude_word(&run) {
        return None;
    }
    let mut value = parse_chinese(&run)?;
    // 三点五: a decimal part
    if c.at(end) == Some('点') && c.at(end + 1).and_then(cn_digit).is_some() {
        let mut k = end + 1;
        while c.at(k).and_then(cn_digit).is_some() {
            k += 1;
        }
        let frac: String = c.cs[end..k].iter().collect();
        value = parse_chinese(&format!("{run}{frac}"))?;
        end = k;
    }
    // 十 and 十五 are numbers; 百, 千, 万 alone are magnitude words (百家)
    let digits = run.starts_with('十') || run.chars().any(|ch| cn_digit(ch).is_some());
    let trailing = if run.ends_with("万亿") {
        1e12
    } else if run.ends_with('亿') {
        1e8
    } else if run.ends_with('万') {
        1e4
    } else {
        1.0
    };
    let (value, upto) = match pair {
        Some((a, b)) => (value / b as f64 * a as f64, Some(value)),
        None => (value, None),
    };
    Some(Num {
        value,
        end,
        written: Written::Chinese,
        magnitude: if !digits {
            Magnitude::Only
        } else if trailing > 1.0 {
            Magnitude::Applied
        } else {
            Magnitude::None
        },
        approx: several.then_some(Approx::Several),
        trailing,
        upto,
    })
}

/// The unit at char `k` (one space allowed before it), and the char index after it.
fn unit_at(c: &Chars, k: usize, g: &Grammar) -> Option<(units::UnitMatch, usize)> {
    let k = if c.at(k) == Some(' ') { k + 1 } else { k };
    if k >= c.cs.len() {
        return None;
    }
    let u = g.units.at(c.text, c.bs[k])?;
    let end = c.char_of(u.end);
    Some((u, end))
}

/// 三成, 七成五, 九成半: tenths, as a percentage; 成 must not open a word (成为, 成本, 成都).
fn ratio_at(c: &Chars, num: &Num) -> Option<(f64, usize)> {
    if c.at(num.end) != Some('成') || num.value > 10.0 || num.magnitude != Magnitude::None {
        return None;
    }
    let k = num.end + 1;
    let (extra, k) = match c.at(k) {
        Some('半') => (5.0, k + 1),
        Some(d)
            if cn_digit(d).is_some_and(|d| d > 0) && !c.at(k + 1).is_some_and(is_cn_numeral) =>
        {
            (cn_digit(d).unwrap_or(0) as f64, k + 1)
        }
        _ => (0.0, k),
    };
    let free = match c.at(k) {
        None => true,
        Some(n) => {
            !crate::segment::is_block_char(n)
                || n.is_ascii_digit()
                || [
                    "以上", "以下", "左右", "多", "的", "是", "和", "及", "至", "到", "、",
                ]
                .iter()
                .any(|w| c.starts(k, w))
        }
    };
    free.then_some((num.value * 10.0 + extra, k))
}

/// Build the quantity of numeral `num` that starts at char `start`: its unit, a ratio, a
/// size class, a range. A bare Chinese numeral (一是, 两个大局 without a unit) is prose, not
/// a quantity, unless it carries 万/亿 or a size class.
fn finish(c: &Chars, start: usize, num: Num, g: &Grammar) -> Option<(Quantity, usize)> {
    if let Some((v, end)) = ratio_at(c, &num) {
        let mut q = quantity(c, start, end, v, num);
        q.unit = "%".into();
        q.unit_class = Some(UnitClass::Percent);
        q.form = Form::Ratio;
        return Some((q, end));
    }
    let unit = unit_at(c, num.end, g);
    // 千家万户, 千方百计, 百度: a bare magnitude, a one-character "unit" and more words
    if num.magnitude == Magnitude::Only {
        if let Some((u, e)) = &unit {
            let idiom = u.text.chars().count() == 1
                && (c.at(*e).is_some_and(is_cn_numeral) || u.text == "度");
            if idiom {
                return None;
            }
        }
    }
    let mut end = unit.as_ref().map_or(num.end, |u| u.1);
    let mut q = quantity(c, start, end, num.value, num);
    if let Some((u, _)) = unit {
        q.unit_class = Some(u.class);
        q.unit = u.text;
    }
    if let Some(upto) = num.upto {
        q.value_max = Some(upto);
    } else if let Some(r) = range_end(c, end, &q, g) {
        if q.unit.is_empty() && !r.unit.is_empty() {
            q.unit = r.unit;
            q.unit_class = r.class;
        }
        // 1000-2000万元: the first number takes the magnitude of the second
        let shares = num.magnitude == Magnitude::None && num.trailing == 1.0 && r.factor > 1.0;
        if shares && q.value * r.factor <= r.max {
            q.value = numeral::scale(q.value, r.factor);
            q.magnitude = Magnitude::Applied;
        }
        q.value_max = Some(r.max);
        end = r.end;
    }
    if c.at(end) == Some('级') {
        q.size_class = true;
        end += 1;
    }
    q.end = c.bs[end];
    // 五百以上, 一千到一千五百: a comparator word or a range makes a bare numeral a number
    let compared = g.comparator_word(&c.text[q.end..], true).is_some()
        || (q.value_max.is_some() && num.upto.is_none());
    let bare = q.chinese() && q.unit.is_empty() && !q.size_class && num.trailing == 1.0;
    // 数以万计: a magnitude word alone is a figure only after a comparator (突破千亿)
    let lone = q.magnitude_only()
        && q.unit.is_empty()
        && !q.size_class
        && g.comparator_word(&c.text[..q.start], false).is_none();
    (!(bare || lone) || compared).then_some((q, end))
}

fn quantity(c: &Chars, start: usize, end: usize, value: f64, num: Num) -> Quantity {
    Quantity {
        start: c.bs[start],
        end: c.bs[end],
        value,
        value_max: None,
        unit: String::new(),
        unit_class: None,
        written: num.written,
        magnitude: num.magnitude,
        size_class: false,
        approx: num.approx,
        form: Form::Plain,
    }
}

/// The separators of a range (3-5个, 3至5个, 1.6~3.9米, 10%—15%).
const RANGE_SEPS: [&str; 7] = ["——", "-", "—", "–", "~", "至", "到"];

/// The upper end of a range.
struct RangeEnd {
    max: f64,
    /// The second number's unit, "" when none, and its class.
    unit: String,
    class: Option<UnitClass>,
    /// The magnitude that ends the second number (1 when none), which the first may share.
    factor: f64,
    /// Char index after it.
    end: usize,
}

/// The upper end of a range after the quantity `q` (ending at char `end`). The second
/// number must be larger, in the same unit or none, and 到/至 needs a unit on the second
/// number (到2025年 is no range end) unless both numbers are Chinese numerals.
fn range_end(c: &Chars, end: usize, q: &Quantity, g: &Grammar) -> Option<RangeEnd> {
    let mut k = end;
    while c.at(k) == Some(' ') {
        k += 1;
    }
    let sep = RANGE_SEPS.iter().find(|s| c.starts(k, s))?;
    k += sep.chars().count();
    while c.at(k) == Some(' ') {
        k += 1;
    }
    if !c
        .at(k)
        .is_some_and(|ch| ch.is_ascii_digit() || is_cn_numeral(ch))
    {
        return None;
    }
    // 0571-88888888: digits with a leading zero are a code, never a range end
    let zero_led =
        |at: usize| c.at(at) == Some('0') && c.at(at + 1).is_some_and(|d| d.is_ascii_digit());
    if zero_led(c.char_of(q.start)) || zero_led(k) {
        return None;
    }
    let second = read_num(c, k, g)?;
    let (unit, class, e) = match unit_at(c, second.end, g) {
        Some((u, e)) => (u.text, Some(u.class), e),
        None => (String::new(), None, second.end),
    };
    let chinese = q.written == Written::Chinese && second.written == Written::Chinese;
    let loose = matches!(*sep, "至" | "到") && unit.is_empty() && !chinese;
    let same_unit = q.unit.is_empty() || unit.is_empty() || q.unit == unit;
    let rises = second.value > q.value && second.approx.is_none();
    (!loose && same_unit && rises).then_some(RangeEnd {
        max: second.value,
        unit,
        class,
        factor: second.trailing,
        end: e,
    })
}

/// 百分之十二点五, 千分之二点四, 万分之三, and ranges 百分之五到百分之八 / 百分之五到八.
fn percent_words(c: &Chars, i: usize, g: &Grammar) -> Option<(Quantity, usize)> {
    let unit = match c.cs[i] {
        '百' => "%",
        '千' => "‰",
        _ => "‱",
    };
    let at = i + 3;
    let num = read_plain(c, at, g)?;
    let mut q = quantity(c, i, num.end, num.value, num);
    q.unit = unit.into();
    q.unit_class = Some(UnitClass::Percent);
    q.written = if c.cs[at].is_ascii_digit() {
        Written::Arabic
    } else {
        Written::Chinese
    };
    let mut end = num.end;
    let mut k = end;
    while c.at(k) == Some(' ') {
        k += 1;
    }
    if let Some(sep) = RANGE_SEPS.iter().find(|s| c.starts(k, s)) {
        k += sep.chars().count();
        while c.at(k) == Some(' ') {
            k += 1;
        }
        if c.starts(k, &c.text[c.bs[i]..c.bs[i + 3]]) {
            k += 3;
        }
        if let Some(n2) = read_plain(c, k, g).filter(|n| n.value > q.value) {
            q.value_max = Some(n2.value);
            end = n2.end;
        }
    }
    q.end = c.bs[end];
    Some((q, end))
}

/// A numeral with no magnitude or approximation (inside 百分之…, 分之).
fn read_plain(c: &Chars, at: usize, g: &Grammar) -> Option<Num> {
    let ch = c.at(at)?;
    if ch.is_ascii_digit() {
        let (v, end) = read_arabic(&c.cs, at)?;
        return Some(Num {
            value: v,
            end,
            written: Written::Arabic,
            magnitude: Magnitude::None,
            approx: None,
            trailing: 1.0,
            upto: None,
        });
    }
    read_chinese(c, at, g).filter(|n| n.approx.is_none())
}

/// A fraction from `start` to `end`.
fn fraction(
    c: &Chars,
    start: usize,
    end: usize,
    value: f64,
    written: Written,
) -> (Quantity, usize) {
    let num = Num {
        value,
        end,
        written,
        magnitude: Magnitude::None,
        approx: None,
        trailing: 1.0,
        upto: None,
    };
    let mut q = quantity(c, start, end, value, num);
    q.form = Form::Fraction;
    q.value = (value * 1e6).round() / 1e6;
    (q, end)
}

/// 二分之一, 三分之二: a Chinese fraction.
fn chinese_fraction(c: &Chars, i: usize) -> Option<(Quantity, usize)> {
    let mut k = i;
    while c.at(k).is_some_and(is_cn_numeral) {
        k += 1;
    }
    if k == i || !c.starts(k, "分之") {
        return None;
    }
    let den = parse_chinese(&c.cs[i..k].iter().collect::<String>())?;
    let mut e = k + 2;
    while c.at(e).is_some_and(is_cn_numeral) {
        e += 1;
    }
    let numerator = parse_chinese(&c.cs[k + 2..e].iter().collect::<String>())?;
    (den > 0.0).then(|| fraction(c, i, e, numerator / den, Written::Chinese))
}

/// 3/5: an Arabic fraction, when it cannot be a date or a rate: both parts short, the
/// numerator smaller, nothing but a non-digit around it.
fn arabic_fraction(c: &Chars, i: usize, at: usize, a: f64) -> Option<(Quantity, usize)> {
    let k = (at..c.cs.len())
        .take_while(|&k| c.cs[k].is_ascii_digit())
        .count()
        + at;
    if c.at(k) != Some('/') || k - at > 3 || (i > 0 && matches!(c.cs[i - 1], '/' | '.')) {
        return None;
    }
    let d = (k + 1..c.cs.len())
        .take_while(|&j| c.cs[j].is_ascii_digit())
        .count();
    let e = k + 1 + d;
    if d == 0 || d > 3 || matches!(c.at(e), Some('/' | '.')) {
        return None;
    }
    let b: f64 = c.cs[k + 1..e].iter().collect::<String>().parse().ok()?;
    // a denominator above 20 is a day or a count (12/31), not a fraction
    (b > a && a > 0.0 && b <= 20.0).then(|| fraction(c, i, e, a / b, Written::Arabic))
}

/// Which way a change goes, when a verb of change stands right before the number
/// (下降0.5个百分点 is a fall of 0.5 points; 下降到5% is a level, not a change).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

/// The direction of the change the number measures: a `rise` or `fall` word right before
/// it (one 了 or space between allowed), none when 到/至 makes it a level reached.
pub fn change(text: &str, q: &Quantity, rise: &[String], fall: &[String]) -> Option<Direction> {
    let before = text[..q.start].trim_end_matches([' ', '了']);
    let ends = |ws: &[String]| ws.iter().any(|w| before.ends_with(w.as_str()));
    if ends(fall) {
        Some(Direction::Down)
    } else if ends(rise) {
        Some(Direction::Up)
    } else {
        None
    }
}

/// A whole phrase that is one bare numeral (一百二十三, 二〇二五, 1,234.5): its value, read
/// even without a unit. As in running text, a numeral that opens with 百/千/万/亿 must be a
/// magnitude word alone (万一 is "in case", no number; 百万 is one).
pub fn bare_numeral(phrase: &str) -> Option<f64> {
    let t = phrase.trim();
    let cs: Vec<char> = t.chars().collect();
    if cs.first()?.is_ascii_digit() {
        return read_arabic(&cs, 0)
            .filter(|(_, e)| *e == cs.len())
            .map(|(v, _)| v);
    }
    if t.starts_with(['百', '千', '万', '亿']) && !magnitude_word(t) {
        return None;
    }
    parse_chinese(t)
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
    } else if q.more() {
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

    /// The index by edge char gives what trying every word in dictionary order gives (the
    /// longest first: 不超过 before 超过), for texts built around every word.
    #[test]
    fn comparator_words_are_found_as_the_whole_list_would_find_them() {
        let dicts = Dicts::load(None).unwrap();
        let g = Grammar::new(&dicts).unwrap();
        let linear = |s: &str, after: bool| {
            dicts
                .comparators
                .iter()
                .filter(|c| c.after == after)
                .find(|c| {
                    if after {
                        s.starts_with(c.word.as_str())
                    } else {
                        s.ends_with(c.word.as_str())
                    }
                })
                .map(|c| c.word.clone())
        };
        let mut found = 0;
        for w in &dicts.comparators {
            let w = w.word.as_str();
            for s in [
                w.to_string(),
                format!("力争{w}"),
                format!("{w}的水平"),
                format!("不{w}"),
                "".to_string(),
                "增长".to_string(),
            ] {
                for after in [true, false] {
                    let got = g.comparator_word(&s, after).map(|c| c.word.clone());
                    assert_eq!(got, linear(&s, after), "{s:?} after={after}");
                    found += usize::from(got.is_some());
                }
            }
        }
        assert!(found > dicts.comparators.len(), "{found}");
    }

    #[test]
    fn the_start_bitmap_answers_as_may_start_for_every_char() {
        let starts = StartChars::new();
        for ch in (0..0x11_0000).filter_map(char::from_u32) {
            assert_eq!(starts.get(ch), may_start(ch), "{ch:?}");
        }
        assert!(starts.get('一') && starts.get('亿') && starts.get('7') && !starts.get('的'));
    }

    #[test]
    fn a_bare_phrase_is_a_numeral_only_as_in_running_text() {
        assert_eq!(bare_numeral("一百二十三"), Some(123.0));
        assert_eq!(bare_numeral("百万"), Some(1e6));
        assert_eq!(bare_numeral("1,234.5"), Some(1234.5));
        assert_eq!(bare_numeral("万一"), None);
        assert_eq!(bare_numeral("千万"), Some(1e7));
        assert_eq!(bare_numeral("万一千"), None);
    }

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
