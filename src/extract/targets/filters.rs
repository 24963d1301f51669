//! Which quantities are not targets (shared/gold/GUIDELINES.md, "Not targets"): each check is
//! a named reason, reported by `policylens parse` as `not_target`.

use super::Vocab;
use crate::dicts::UnitClass;
use crate::extract::numbers::{self, Form, Grammar, Quantity};
use crate::report::string_enum;

string_enum! {
    /// Why a quantity is not a target.
    Reject {
        /// A duration or a date (3年, 6个月).
        Duration => "duration",
        /// An ordinal or a rank (第一, 前10名).
        Ordinal => "ordinal",
        /// Digits inside a name (5G, IPv6, G60, 1+N).
        NameWithDigits => "name_with_digits",
        /// Inside a short quoted name (“万亩千亿”).
        Quoted => "quoted",
        /// A small count in Chinese numerals (两个大局, 三个方面).
        SmallChineseCount => "small_chinese_count",
        /// A bare number with no unit and no comparator.
        NoUnit => "no_unit",
        /// A phone number, document or standard number.
        PhoneOrCode => "phone_or_code",
        /// A count of tasks, aspects, places or listed names.
        Structural => "structural",
        /// A policy instrument (subsidy, cap, weight, rate applied).
        Instrument => "instrument",
        /// A head count at an event.
        Event => "event",
        /// A threshold that defines a group (10亿元以上的企业).
        CategoryThreshold => "category_threshold",
        /// A screen resolution or a product of numbers (1024*768).
        Resolution => "resolution",
        /// Inside a title 《…》.
        Title => "title",
        /// A fraction (二分之一, 一半, 3/5): the guidelines count fraction words as no target.
        Fraction => "fraction",
    }
}

/// Clause delimiters: the one set every targets rule cuts clauses at.
pub const CLAUSE_DELIMS: &[char] = &['，', ',', '；', ';', ':', '：', '。', '！', '？', '!', '?'];

/// How far (in bytes) the rules look around a quantity. A clause or quote longer than this
/// is cut at the window, which keeps a sentence with thousands of figures linear.
const WINDOW: usize = 600;

/// The byte range `[start, end)` around `q`, at most [`WINDOW`] bytes each way, on char
/// boundaries.
pub fn window(sentence: &str, q: &Quantity) -> (usize, usize) {
    let mut a = q.start.saturating_sub(WINDOW);
    while !sentence.is_char_boundary(a) {
        a += 1;
    }
    let mut b = (q.end + WINDOW).min(sentence.len());
    while !sentence.is_char_boundary(b) {
        b -= 1;
    }
    (a, b)
}

/// The clause around `q`: from after the previous clause delimiter to the next one (within
/// the window).
///
/// Brackets are clauses of their own: a delimiter inside a bracket note does not end the
/// clause around it (48个监测点(其中省级点6个,县级点42个)), and a figure inside a
/// note has its clause within the note.
pub fn clause_bounds(sentence: &str, q: &Quantity) -> (usize, usize) {
    let (wa, wb) = window(sentence, q);
    let mut depth = 0usize;
    let mut a = wa;
    for (i, c) in sentence[wa..q.start].char_indices().rev() {
        let ends = CLAUSE_DELIMS.contains(&c) && depth == 0;
        match c {
            ')' | '）' => depth += 1,
            '(' | '（' if depth > 0 => depth -= 1,
            '(' | '（' => {
                a = wa + i + c.len_utf8();
                break;
            }
            _ if ends => {
                a = wa + i + c.len_utf8();
                break;
            }
            _ => {}
        }
    }
    let mut b = wb;
    let mut depth = 0usize;
    for (i, c) in sentence[q.end..wb].char_indices() {
        let ends = CLAUSE_DELIMS.contains(&c) && depth == 0;
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' if depth > 0 => depth -= 1,
            ')' | '）' => {
                b = q.end + i;
                break;
            }
            _ if ends => {
                b = q.end + i;
                break;
            }
            _ => {}
        }
    }
    (a, b)
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF)
}

/// Is the quantity inside a short quoted name (“100+500+5000”, “万亩千亿”) or a title 《…》?
fn enclosed(sentence: &str, q: &Quantity) -> Option<Reject> {
    let (wa, wb) = window(sentence, q);
    let before = &sentence[wa..q.start];
    let after = &sentence[q.end..wb];
    for (open, close, max, why) in [
        ('“', '”', 12, Reject::Quoted),
        ('"', '"', 12, Reject::Quoted),
        ('《', '》', 200, Reject::Title),
    ] {
        let Some(o) = before.rfind(open) else {
            continue;
        };
        let inside_before = &before[o + open.len_utf8()..];
        if (inside_before.contains(close) && open != close)
            || (open == close && before.matches(open).count() % 2 == 0)
        {
            continue;
        }
        if let Some(c) = after.find(close) {
            let len = inside_before.chars().count()
                + sentence[q.start..q.end].chars().count()
                + after[..c].chars().count();
            if len <= max {
                return Some(why);
            }
        }
    }
    None
}

/// The reasons a quantity at `q` in `sentence` is not a target, if any.
pub fn reject(sentence: &str, q: &Quantity, g: &Grammar, v: &Vocab) -> Option<Reject> {
    shape(sentence, q)
        .or_else(|| enclosed(sentence, q))
        .or_else(|| code(sentence, q))
        .or_else(|| count(sentence, q, g, v))
        .or_else(|| context(sentence, q, g, v))
}

/// What the characters right around the number say: a duration, an ordinal, a name with
/// digits, a resolution or formula, a rate applied, a rank.
fn shape(sentence: &str, q: &Quantity) -> Option<Reject> {
    if q.form == Form::Fraction {
        return Some(Reject::Fraction);
    }
    let before = &sentence[..q.start];
    let after = &sentence[q.end..];
    let prev = before.chars().next_back();
    let next = after.chars().next();
    if prev == Some('第') {
        return Some(Reject::Ordinal);
    }
    if q.is(UnitClass::Time) {
        return Some(Reject::Duration);
    }
    if prev.is_some_and(|p| p.is_ascii_alphabetic())
        || (next.is_some_and(|n| n.is_ascii_alphanumeric())
            && !q.unit.chars().all(|c| c.is_ascii_alphabetic()))
        || (next.is_some_and(|n| n.is_ascii_alphabetic()))
    {
        return Some(Reject::NameWithDigits);
    }
    if matches!(prev, Some('*' | '×' | 'x' | 'X')) || matches!(next, Some('*' | '×')) {
        return Some(Reject::Resolution);
    }
    // 千兆光纤, 万兆网络: a magnitude word and a physical unit naming a class of things,
    // not a figure (万兆到旗县区 is one: a verb of reach follows)
    let names_class = q.magnitude_only()
        && (q.is(UnitClass::Physical) || q.is(UnitClass::Money))
        && next.is_some_and(|n| is_cjk(n) && !matches!(n, '到' | '进' | '入' | '以' | '左' | '为'));
    if names_class {
        return Some(Reject::NameWithDigits);
    }
    // 1+N, 3+5+X: a formula that names a layout
    if matches!(prev, Some('+')) || matches!(next, Some('+')) {
        return Some(Reject::NameWithDigits);
    }
    // 按10%给予, 按照1:1配套: a rate applied, not a figure reached
    if before.ends_with('按') || before.ends_with("按照") {
        return Some(Reject::Instrument);
    }
    // 前10名, 前三位: a rank
    if before.ends_with('前') && matches!(q.unit.as_str(), "名" | "位") {
        return Some(Reject::Ordinal);
    }
    None
}

/// Phone numbers, document numbers and codes: a leading zero, seven bare digits, 号 or a
/// dash after the digits.
fn code(sentence: &str, q: &Quantity) -> Option<Reject> {
    let raw = &sentence[q.start..q.end];
    let next = sentence[q.end..].chars().next();
    let digits: String = raw.chars().take_while(|c| c.is_ascii_digit()).collect();
    // the second half of a code joined by a dash (GB5749-2006, 0571-88888888)
    let mut back = sentence[..q.start].chars().rev();
    let after_dash =
        back.next() == Some('-') && back.next().is_some_and(|c| c.is_ascii_alphanumeric());
    (after_dash
        || (digits.starts_with('0') && digits.len() >= 3)
        || (digits.len() >= 7 && q.unit.is_empty() && !q.has_magnitude())
        || matches!(next, Some('号' | '-')))
    .then_some(Reject::PhoneOrCode)
}

/// Counts that measure nothing: the count of a listed enumeration, a small Chinese count,
/// a bare number without a comparator.
fn count(sentence: &str, q: &Quantity, g: &Grammar, v: &Vocab) -> Option<Reject> {
    let before = &sentence[..q.start];
    let after = &sentence[q.end..];
    // A、B、C等3个重点产业: the count of a listed enumeration of kinds, nothing measured
    // (A、B等5座水厂 counts things: a figure)
    let listed =
        before.ends_with('等') && sentence[clause_bounds(sentence, q).0..q.start].contains('、');
    let head: String = after.chars().take(8).collect();
    if listed && v.words.categories.iter().any(|w| head.contains(w.as_str())) {
        return Some(Reject::Structural);
    }
    // 两个大局, 三大任务: a small whole count in Chinese numerals names a set, not a figure
    // (三点五倍, 零点五个百分点, 千分之二 are figures)
    let counted = q.unit_class.is_none_or(|c| c == UnitClass::Count);
    let whole = q.value.fract() == 0.0 && q.value_max.is_none();
    // (新建泵站一座。: a count of built things closing its clause after the noun is a figure;
    // 每年一次, 第一批, 成熟一个 are not)
    let closes = after
        .chars()
        .next()
        .is_none_or(|n| CLAUSE_DELIMS.contains(&n) || n == '、');
    let after_noun = before.chars().next_back().is_some_and(|c| {
        ('\u{4e00}'..='\u{9fff}').contains(&c)
            && !matches!(
                c,
                '第' | '每' | '之' | '的' | '各' | '一' | '了' | '是' | '为' | '有'
            )
    });
    let counts_things =
        !q.unit.is_empty() && !["个", "次", "批", "遍", "轮", "项"].contains(&q.unit.as_str());
    let noun_count = closes && after_noun && counts_things && q.value > 0.0;
    if q.chinese() && !q.magnitude_only() && counted && q.value < 10.0 && whole && !noun_count {
        return Some(Reject::SmallChineseCount);
    }
    let cmp = numbers::comparator(sentence, q, g);
    if q.unit.is_empty() && !q.has_magnitude() {
        // A bare number is a target only after a comparator word and before the clause ends.
        let next = after[cmp.after_len..].chars().next();
        let ends =
            next.is_none_or(|n| CLAUSE_DELIMS.contains(&n) || n == '、' || n == ')' || n == ' ');
        if cmp.before_len == 0 || !ends || q.chinese() {
            return Some(Reject::NoUnit);
        }
    }
    if q.chinese() && q.magnitude_only() && q.unit.is_empty() && !q.size_class {
        return Some(Reject::NoUnit);
    }
    // 每千人口, 每万人: a magnitude word after 每 is the base of a rate, no figure
    if q.chinese() && q.magnitude_only() && before.ends_with('每') {
        return Some(Reject::NoUnit);
    }
    None
}

/// What the words after the figure and in its clause say: a threshold, a structural noun,
/// an instrument, an event.
fn context(sentence: &str, q: &Quantity, g: &Grammar, v: &Vocab) -> Option<Reject> {
    let after = &sentence[q.end..];
    let cmp = numbers::comparator(sentence, q, g);
    let rest = &after[cmp.after_len..];
    // 10亿元以上的企业: a threshold that qualifies a noun, not a figure of its own (30%的
    // 企业, a share with no comparator after it, measures the noun)
    if rest.starts_with('的') && cmp.after_len > 0 {
        return Some(Reject::CategoryThreshold);
    }
    let rest = rest.trim_start_matches(['大', '类', '级']);
    if v.words
        .structural
        .iter()
        .any(|w| rest.starts_with(w.as_str()) || after.starts_with(w.as_str()))
    {
        return Some(Reject::Structural);
    }
    let (clause_start, clause_end) = clause_bounds(sentence, q);
    let clause = &sentence[clause_start..clause_end];
    if v.instruments.any_in(clause) {
        return Some(Reject::Instrument);
    }
    if v.events.any_in(clause) {
        return Some(Reject::Event);
    }
    None
}
