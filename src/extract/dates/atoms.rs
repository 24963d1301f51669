//! Step one of the date grammar: the atoms of a text — years, months, days, quarters,
//! relative words, holidays, connectors (至, 到, -), governing words (截至, 自) and endings
//! (底, 前, 以来) — found by one pass of one pattern. The combiner ([`super::parse`]) then joins
//! adjacent atoms into expressions.

use super::holidays::Holidays;
use crate::charset::is_small_cn_numeral;
use crate::extract::numbers::parse_chinese;

/// A span of a year that an ending names: its end (底, 末), its start (初), …
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Suf {
    /// 底, 末.
    End,
    /// 初.
    Start,
    /// 前, 以前, 之前: up to it (a deadline).
    Before,
    /// 前后: around it.
    Around,
    /// 以来: from it to now.
    Since,
    /// 以后, 之后, 起: from it on.
    After,
    /// 为止: up to it.
    Until,
    /// 上旬, 中旬, 下旬, 同期, 期间, 假期 …: inside it.
    Inside,
    /// 今 (in 至今): now.
    Now,
}

/// A word that governs the expression after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pre {
    /// 截至, 截止: a report up to the date.
    Until,
    /// 自, 从: from the date on.
    From,
    /// 到, 至: a deadline (也 a range's connector).
    To,
    /// 于, 在, 力争, 展望 …
    At,
}

/// What an atom is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tok {
    /// 第十四个五年规划: the plan's years.
    Plan(i32, i32),
    /// “十四五”时期; `edge` is Some(End) for 末, Some(Start) for 初.
    FiveYear(i32, i32, Option<Suf>),
    /// 上世纪90年代: first and last year.
    Decade(i32, i32),
    /// 2021年, 二〇二一年, 2021年度.
    Year(i32),
    /// 12月, 十二月, 3月份, 元月.
    Month(u32),
    /// 12日, 十二号.
    Day(u32),
    /// 前五个月: the first n months of a year.
    FirstMonths(u32),
    /// 上半年, 一季度, 前三季度: first and last month.
    Part(u32, u32),
    /// 今年 0, 去年 −1, 明年 +1 …
    RelYear(i32),
    /// 今明两年: two years from the reference year on.
    RelYears(i32, i32),
    /// 上月 −1, 本月 0, 下月 +1.
    RelMonth(i32),
    /// 本季度 0, 上季度 −1, 下季度 +1.
    RelQuarter(i32),
    /// 年底, 年初, 年内 without a year: the document's year.
    YearEdge,
    /// A holiday form (index into [`Holidays::forms`]).
    Holiday(usize),
    /// -, —, ~, 至, 到: between the ends of a range (至 and 到 also govern: 到2025年).
    Conn,
    /// A governing word before a date: 截至, 自, 在 …
    Prefix(Pre),
    /// An ending after a date: 底, 前, 以来 …
    Suffix(Suf),
    /// 、 和 及 与 / . :
    Sep(char),
    /// A run of ASCII digits (value saturated, number of digits), or of Chinese ones.
    Num(u64, usize),
}

/// One atom and its byte span in the scanned text.
#[derive(Debug, Clone, Copy)]
pub struct Atom {
    /// What the atom is.
    pub tok: Tok,
    /// Byte offset of its first character.
    pub start: usize,
    /// Byte offset after its last character.
    pub end: usize,
}

const CN: &str = "[一二三四五六七八九十]{1,3}";

/// Which alternative of the atom pattern matched. The anchors come first, then the fillers
/// (the order is the alternation's: at one position the first alternative that matches wins).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Plan,
    FiveYear,
    Decade,
    CnYear,
    Year,
    FirstMonths,
    Part,
    Month,
    Day,
    RelYear,
    RelMonth,
    RelQuarter,
    YearEdge,
    Holiday,
    CNum,
    Conn,
    Pre,
    Suf,
    Sep,
    Num,
}

impl Kind {
    /// Whether reading a match needs its inner groups (the others are read from the
    /// matched text alone, so they are found without a capture search).
    fn needs_groups(self) -> bool {
        matches!(
            self,
            Kind::Plan | Kind::FiveYear | Kind::Decade | Kind::FirstMonths | Kind::Part
        )
    }
}

/// The atoms a date is built around: years, months, days, periods, relative words,
/// holidays. A text with none of these and no digit has no date expression, so its atoms
/// need not be read ([`atoms`]).
fn anchors(holidays: &Holidays) -> Vec<(Kind, String)> {
    let hol: Vec<String> = holidays
        .forms
        .iter()
        .map(|f| regex::escape(&f.text))
        .collect();
    let hol = if hol.is_empty() {
        // no holidays: an alternative that never matches
        "[^\\s\\S]".to_string()
    } else {
        hol.join("|")
    };
    vec![
        (
            Kind::Plan,
            "第(?P<plan_n>十[一二三四五六])个五年(?:规划|计划)(?:时期|期间)?".into(),
        ),
        (
            Kind::FiveYear,
            r#"[“"]?(?P<fyp_n>十[一二三四五六])五[”"]?(?:规划)?(?P<fyp_s>时期|期间|末期|初期|末|初|以来)?"#.into(),
        ),
        (
            Kind::Decade,
            r"(?:(?P<dec_c>上|本|这|[0-9]{2}|二十一|二十|十九)\s*世纪\s*)?(?P<dec_n>(?:19|20)?[0-9]0|[一二三四五六七八九]{1,2}十)\s*年代".into(),
        ),
        (Kind::CnYear, r"[〇零一二三四五六七八九]{4}\s*年度?".into()),
        (Kind::Year, r"(?:19[4-9][0-9]|20[0-9][0-9]|2100)\s*年度?".into()),
        (
            Kind::FirstMonths,
            r"前\s*(?P<fm_n>[0-9]{1,2}|[一二三四五六七八九十两]{1,3})\s*个\s*月".into(),
        ),
        (
            Kind::Part,
            r"上半年|下半年|前三季度|前[两二]季度|第?\s*(?P<q>[一二三四1-4])\s*季度".into(),
        ),
        (Kind::Month, format!(r"(?:[0-9]{{1,2}}|{CN}|元)\s*月份?")),
        (Kind::Day, format!(r"(?:[0-9]{{1,2}}|{CN})\s*[日号]")),
        (
            Kind::RelYear,
            "今明两年|今年|去年|上一?年度?|明年|前年|后年|本年度?".into(),
        ),
        (Kind::RelMonth, "上个?月|本月|下个?月".into()),
        (Kind::RelQuarter, "本季度|上一?季度|下一?季度".into()),
        (Kind::YearEdge, "年(?:底|末|初|内)".into()),
        (Kind::Holiday, hol),
    ]
}

/// The atoms that only join or modify the others: connectors, governing words, endings,
/// separators, bare numbers. Words like 在, 和, 前 are everywhere in a text; on their own,
/// without an anchor ([`anchor_pattern`]) or a digit, they make no date.
const FILLERS: [(Kind, &str); 6] = [
    (Kind::CNum, "[〇零一二三四五六七八九十两]{1,4}"),
    (Kind::Conn, "—{1,2}|─{1,2}|–|-|~|～|〜|至|到"),
    (
        Kind::Pre,
        "截至|截止到|截止至|截止|力争到|争取到|力争在|力争|展望|自|从|于|在",
    ),
    (
        Kind::Suf,
        "前后|以前|之前|以来|以后|之后|为止|同期|期间|假期|黄金周|小长假|长假|当天|上旬|中旬|下旬|底|末|初|前|起|今",
    ),
    (Kind::Sep, "[、和及与/.:]"),
    (Kind::Num, "[0-9]+"),
];

/// One alternation of the anchor alternatives (the prefilter of [`atoms`]).
pub fn anchor_pattern(holidays: &Holidays) -> String {
    let alts: Vec<String> = anchors(holidays)
        .into_iter()
        .map(|(_, p)| format!("(?:{p})"))
        .collect();
    alts.join("|")
}

/// The atom pattern, compiled once: every alternative a pattern of its own, so that one
/// pass tells which one matched (leftmost-first, in the order above, as one alternation
/// would) without resolving capture groups; only the few alternatives whose inner groups
/// are read ([`Kind::needs_groups`]) get a second, anchored search over their match.
pub struct AtomPattern {
    re: regex_automata::meta::Regex,
    kinds: Vec<Kind>,
}

impl AtomPattern {
    /// Compile the alternatives of the anchors (with `holidays`) and the fillers.
    pub fn new(holidays: &Holidays) -> Result<AtomPattern, String> {
        let mut alts = anchors(holidays);
        alts.extend(FILLERS.iter().map(|&(k, p)| (k, p.to_string())));
        let kinds = alts.iter().map(|&(k, _)| k).collect();
        let patterns: Vec<&str> = alts.iter().map(|(_, p)| p.as_str()).collect();
        let re = regex_automata::meta::Regex::new_many(&patterns).map_err(|e| e.to_string())?;
        Ok(AtomPattern { re, kinds })
    }
}

/// The inner groups of one match, when its alternative has any.
struct Groups<'t> {
    text: &'t str,
    caps: Option<&'t regex_automata::util::captures::Captures>,
}

impl<'t> Groups<'t> {
    fn name(&self, n: &str) -> Option<&'t str> {
        let span = self.caps?.get_group_by_name(n)?;
        self.text.get(span.range())
    }
}

/// A one- to three-character number, Arabic or Chinese (元 is the first month).
pub fn small(s: &str) -> Option<u32> {
    if s == "元" {
        return Some(1);
    }
    if s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        parse_chinese(s).map(|v| v as u32)
    }
}

fn year_of(s: &str) -> Option<i32> {
    let v = if s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()?
    } else {
        parse_chinese(s)? as i32
    };
    (1900..=2100).contains(&v).then_some(v)
}

/// The years of a five-year plan (十四 → 2021/2025).
fn five_year(n: &str) -> Option<(i32, i32)> {
    let k = parse_chinese(n)? as i32;
    (11..=16).contains(&k).then(|| {
        let start = 2006 + (k - 11) * 5;
        (start, start + 4)
    })
}

/// Characters of a Chinese numeral: a month or day written after one is part of a bigger
/// number (一百二十一日), not a date.
fn is_cn_numeral(c: char) -> bool {
    is_small_cn_numeral(c)
        || matches!(
            c,
            '零' | '〇' | '百' | '千' | '万' | '亿' | '两' | '几' | '第'
        )
}

/// What the text holds around an atom, for the checks that keep ordinary words out.
struct Around {
    before: Option<char>,
    after: Option<char>,
}

fn decade(c: &Groups) -> Option<Tok> {
    let n = c.name("dec_n")?;
    let century = c.name("dec_c");
    let (n, full) = if n.bytes().all(|b| b.is_ascii_digit()) {
        let v: i32 = n.parse().ok()?;
        (v % 100, (v >= 1900).then_some(v))
    } else {
        // 八九十年代: the eighties and nineties
        let digits: Vec<char> = n.trim_end_matches('十').chars().collect();
        let first = parse_chinese(&digits.first()?.to_string())? as i32 * 10;
        if digits.len() == 2 {
            let second = parse_chinese(&digits[1].to_string())? as i32 * 10;
            if second != first + 10 {
                return None;
            }
            let base = match century {
                Some("本" | "这" | "21" | "二十一") => 2000,
                _ => 1900,
            };
            return Some(Tok::Decade(base + first, base + second + 9));
        }
        (first, None)
    };
    let start = match (full, century) {
        (Some(v), None) => v,
        (Some(_), Some(_)) => return None,
        (None, Some("本" | "这" | "21" | "二十一")) => 2000 + n,
        (None, Some("上" | "20" | "二十")) => 1900 + n,
        (None, Some("19" | "十九")) => 1800 + n,
        (None, Some(_)) => return None,
        // a bare decade is last century's, except 00年代
        (None, None) if n == 0 => 2000,
        (None, None) => 1900 + n,
    };
    Some(Tok::Decade(start, start + 9))
}

fn part(s: &str, c: &Groups) -> Option<Tok> {
    Some(match s {
        "上半年" => Tok::Part(1, 6),
        "下半年" => Tok::Part(7, 12),
        "前三季度" => Tok::Part(1, 9),
        "前两季度" | "前二季度" => Tok::Part(1, 6),
        _ => {
            let k = small(c.name("q")?)?;
            Tok::Part(3 * k - 2, 3 * k)
        }
    })
}

/// 今年, 去年, 上年 …, unless the characters around make them part of another word
/// (如今年轻人, 过去年均, 以上年份, 说明年度报告).
fn relative_year(s: &str, a: &Around) -> Option<Tok> {
    if a.after
        .is_some_and(|c| matches!(c, '轻' | '纪' | '龄' | '级' | '华' | '均' | '代'))
    {
        return None;
    }
    let before = a.before.unwrap_or(' ');
    if s.starts_with('上') && s.ends_with('度') {
        // 上年度, 上一年度 in a provision are each applicant's previous (fiscal) year
        // (企业上一年度营业收入), not one year before the document
        return None;
    }
    let blocked = match s {
        "今年" => "如",
        "去年" => "过失",
        "明年" => "说证表声文光标阐注查透鲜简指申分清发",
        "本年" | "本年度" => "基根成资日",
        "前年" | "后年" => {
            // a word ending in 前/后 is common (提前, 以后, 今后): only after a clear boundary
            let free = !is_cjk(before)
                || matches!(
                    before,
                    '在' | '于'
                        | '到'
                        | '至'
                        | '从'
                        | '和'
                        | '与'
                        | '及'
                        | '、'
                        | '是'
                        | '比'
                        | '较'
                        | '同'
                        | '的'
                );
            return free.then_some(Tok::RelYear(if s == "前年" { -2 } else { 2 }));
        }
        _ => "以向往马之早",
    };
    if blocked.contains(before) {
        return None;
    }
    Some(match s {
        "今明两年" => Tok::RelYears(0, 1),
        "今年" | "本年" | "本年度" => Tok::RelYear(0),
        "明年" => Tok::RelYear(1),
        _ => Tok::RelYear(-1),
    })
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || c == '〇'
}

fn relative_month(s: &str, a: &Around) -> Option<Tok> {
    let before = a.before.unwrap_or(' ');
    let (off, blocked) = if s.starts_with('上') {
        (-1, "以向往马之")
    } else if s.starts_with('下') {
        (1, "以当之")
    } else {
        (0, "基根成资日")
    };
    (!blocked.contains(before)).then_some(Tok::RelMonth(off))
}

fn relative_quarter(s: &str, a: &Around) -> Option<Tok> {
    let before = a.before.unwrap_or(' ');
    if matches!(before, '以' | '向' | '之') {
        return None;
    }
    Some(Tok::RelQuarter(if s.starts_with('上') {
        -1
    } else if s.starts_with('下') {
        1
    } else {
        0
    }))
}

/// A month or day number: a Chinese one inside a bigger numeral, or 元月 after a figure
/// (100元月租), is no date.
fn month_or_day(n: &str, a: &Around, month: bool) -> Option<Tok> {
    let chinese = !n.bytes().all(|b| b.is_ascii_digit());
    if chinese
        && a.before
            .is_some_and(|c| is_cn_numeral(c) || c.is_ascii_digit())
    {
        return None;
    }
    let v = small(n)?;
    if month {
        (1..=12).contains(&v).then_some(Tok::Month(v))
    } else {
        (1..=31).contains(&v).then_some(Tok::Day(v))
    }
}

fn suffix(s: &str, a: &Around) -> Option<Tok> {
    Some(Tok::Suffix(match s {
        "底" | "末" => Suf::End,
        "初" => Suf::Start,
        "前" | "以前" | "之前" => Suf::Before,
        "前后" => Suf::Around,
        "以来" => Suf::Since,
        // 起草, 起步, 起点: a word, not 起 after a date
        "起" if a.after.is_some_and(|c| {
            matches!(c, '草' | '步' | '点' | '源' | '诉' | '飞' | '始' | '伏')
        }) =>
        {
            return None
        }
        "以后" | "之后" | "起" => Suf::After,
        "为止" => Suf::Until,
        "今" => Suf::Now,
        _ => Suf::Inside,
    }))
}

fn prefix(s: &str) -> Tok {
    Tok::Prefix(match s {
        "截至" | "截止到" | "截止至" | "截止" => Pre::Until,
        "自" | "从" => Pre::From,
        _ => Pre::At,
    })
}

/// The leading characters of `s` up to a space or one of `stops` (the number of a month
/// or a day, the digits of a year).
fn lead<'s>(s: &'s str, stops: &[char]) -> &'s str {
    let end = s
        .find(|c: char| c.is_whitespace() || stops.contains(&c))
        .unwrap_or(s.len());
    &s[..end]
}

/// The token of one match (`s`, of alternative `kind`); None when the checks reject it.
fn token(kind: Kind, s: &str, c: &Groups, a: &Around, holidays: &Holidays) -> Option<Tok> {
    match kind {
        Kind::Plan => {
            let (x, y) = five_year(c.name("plan_n")?)?;
            Some(Tok::Plan(x, y))
        }
        Kind::FiveYear => five_year_plan(c, a),
        Kind::Decade => decade(c),
        Kind::CnYear | Kind::Year => year_of(lead(s, &['年'])).map(Tok::Year),
        Kind::FirstMonths => {
            let n = c.name("fm_n")?;
            let n = small(n).or_else(|| (n == "两").then_some(2))?;
            (1..=11).contains(&n).then_some(Tok::FirstMonths(n))
        }
        Kind::Part => part(s, c),
        Kind::Month => month_or_day(lead(s, &['月']), a, true),
        Kind::Day => month_or_day(lead(s, &['日', '号']), a, false),
        _ => word_token(kind, s, a, holidays),
    }
}

/// The tokens of words: relative words, holidays, connectors and the words around a date.
fn word_token(kind: Kind, s: &str, a: &Around, holidays: &Holidays) -> Option<Tok> {
    match kind {
        Kind::RelYear => relative_year(s, a),
        Kind::RelMonth => relative_month(s, a),
        Kind::RelQuarter => relative_quarter(s, a),
        Kind::YearEdge => {
            // 每年年底, 当年年底, 五年内: not the document's year
            let free = !a.before.is_some_and(|b| {
                b.is_ascii_digit()
                    || is_cn_numeral(b)
                    || matches!(
                        b,
                        '每' | '当'
                            | '近'
                            | '多'
                            | '历'
                            | '往'
                            | '连'
                            | '同'
                            | '整'
                            | '全'
                            | '半'
                            | '去'
                            | '今'
                            | '明'
                            | '前'
                            | '后'
                            | '本'
                            | '上'
                            | '下'
                            | '该'
                            | '次'
                            | '翌'
                            | '隔'
                    )
            });
            free.then_some(Tok::YearEdge)
        }
        Kind::Holiday => holidays
            .forms
            .iter()
            .position(|f| f.text == s)
            .map(Tok::Holiday),
        Kind::Conn => Some(Tok::Conn),
        Kind::Pre => Some(prefix(s)),
        Kind::Suf => suffix(s, a),
        Kind::Sep => s.chars().next().map(Tok::Sep),
        Kind::CNum => {
            // a Chinese number that may start a range (三到五月, 二〇二一至二〇二三年)
            let v = parse_chinese(s)?;
            (v >= 0.0 && v.fract() == 0.0).then(|| Tok::Num(v as u64, s.chars().count()))
        }
        Kind::Num => {
            let v = s.bytes().fold(0u64, |v, b| {
                v.saturating_mul(10).saturating_add(u64::from(b - b'0'))
            });
            Some(Tok::Num(v, s.len()))
        }
        _ => None,
    }
}

/// “十四五”时期; not 十四五 inside a longer numeral (第十四五) or before a measure word.
fn five_year_plan(c: &Groups, a: &Around) -> Option<Tok> {
    let (x, y) = five_year(c.name("fyp_n")?)?;
    if a.before == Some('第') || a.after.is_some_and(|n| matches!(n, '个' | '年' | '期')) {
        return None;
    }
    let edge = match c.name("fyp_s") {
        Some("末" | "末期") => Some(Suf::End),
        Some("初" | "初期") => Some(Suf::Start),
        _ => None,
    };
    Some(Tok::FiveYear(x, y, edge))
}

/// Every atom of `text`, in order, skipping those inside `skip` (URLs).
pub fn atoms(
    p: &AtomPattern,
    holidays: &Holidays,
    text: &str,
    skip: &[(usize, usize)],
) -> Vec<Atom> {
    use regex_automata::{Anchored, Input};
    let mut out = Vec::new();
    let mut urls = skip.iter().peekable();
    let mut caps = None;
    for m in p.re.find_iter(text) {
        let (start, end) = (m.start(), m.end());
        while urls.peek().is_some_and(|&&(_, b)| b <= start) {
            urls.next();
        }
        if urls.peek().is_some_and(|&&(a, _)| a < end) {
            continue;
        }
        let kind = p.kinds[m.pattern().as_usize()];
        let groups = if kind.needs_groups() {
            let c = caps.get_or_insert_with(|| p.re.create_captures());
            let input = Input::new(text)
                .span(start..end)
                .anchored(Anchored::Pattern(m.pattern()));
            p.re.search_captures(&input, c);
            Groups {
                text,
                caps: Some(&*c),
            }
        } else {
            Groups { text, caps: None }
        };
        let around = Around {
            before: text[..start].chars().next_back(),
            after: text[end..].chars().next(),
        };
        if let Some(tok) = token(kind, &text[start..end], &groups, &around, holidays) {
            out.push(Atom { tok, start, end });
        }
    }
    out
}
