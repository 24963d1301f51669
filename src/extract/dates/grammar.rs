//! The date grammar: one pattern whose alternatives are the date shapes (longest forms first),
//! and one rule function per alternative that turns a match into ISO values.

use super::DateMatch;
use crate::extract::numbers::parse_chinese;
use crate::report::DateKind;
use crate::rules::Rule;
use chrono::{Datelike, NaiveDate};
use regex::{Captures, Regex};

const CN_SMALL: &str = "[一二三四五六七八九十]{1,3}";

/// The compiled date pattern and the URL pattern whose matches are never dates.
pub struct DateGrammar {
    pattern: Regex,
    urls: Regex,
}

impl Default for DateGrammar {
    fn default() -> Self {
        DateGrammar::new()
    }
}

impl DateGrammar {
    /// Compile the grammar (fixed patterns: they depend on no dictionary).
    pub fn new() -> DateGrammar {
        DateGrammar {
            pattern: Regex::new(&pattern()).expect("the date grammar is a valid regex"),
            urls: Regex::new(r"(?i)(?:https?://|www\.)[\x21-\x7e]+").expect("valid url regex"),
        }
    }
}

fn pattern() -> String {
    let y = r"(?:19[4-9]\d|20\d\d|2100)";
    let cy = "[〇零一二三四五六七八九]{4}";
    let num = format!(r"(?:\d{{1,2}}|{CN_SMALL})");
    format!(
        r#"(?x)
        (?P<per>(?P<pre_p>到|至|从|在)?(?P<p1>{y})\s*年?\s*(?:-|—|–|~|～|至|到)\s*(?P<p2>{y})\s*年)
      | (?P<fd>(?:到|至|截至|截止到?|于|在|自|从)?(?P<fy>{y}|{cy})\s*年\s*(?P<fm>{num})\s*月\s*(?P<fdd>{num})\s*[日号])
      | (?P<iso>(?P<iy>{y})(?P<is>[-/.])(?P<im>\d{{1,2}})(?P<is2>[-/.])(?P<id>\d{{1,2}})(?P<itime>\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?)(?P<inext>\d|\.\d)?
      | (?P<ymr>(?P<ry>{y}|{cy})\s*年\s*(?P<rm1>{num})\s*月?\s*(?:-|—|–|~|～|至|到)\s*(?P<rm2>{num})\s*月份?)
      | (?P<yml>(?P<ly>{y}|{cy})\s*年\s*(?P<lm1>{num})\s*[、,，和及]\s*(?P<lm2>{num})\s*月份?)
      | (?P<ym>(?P<pre_m>到|至|截至|截止到?|于|在)?(?P<yy>{y}|{cy})\s*年\s*(?P<mm>{num})\s*月份?)
      | (?P<yq>(?P<qy>{y})\s*年\s*(?P<q>上半年|下半年|前三季度|(?:第?[一二三四1-4])季度))
      | (?P<fyl>第(?P<fyln>十[一二三四五六])个五年(?:规划|计划)(?P<fyls>时期|期间)?)
      | (?P<fyp>[“"]?(?P<fypn>十[一二三四五六])五[”"]?(?:规划)?(?P<fyps>时期|期间|末期|初期|末|初|以来)?)
      | (?P<yr>(?P<pre_y>力争到|争取到|力争在|到|至|截至|截止到?|展望|于|在|从)?(?P<year>{y}|{cy})\s*年(?P<suf>底|末|初|前|以来|以后|之前|度)?)
      | (?P<md>(?P<mdm>\d{{1,2}}|{CN_SMALL})\s*月\s*(?P<mdd>\d{{1,2}}|{CN_SMALL})\s*[日号])
      | (?P<relq>(?P<relqw>今年|明年|去年|前年|本年)(?P<relqq>上半年|下半年|前三季度|(?:第?[一二三四1-4])季度))
      | (?P<bq>上半年|下半年|前三季度|第?[一二三四]季度)
      | (?P<rel>(?P<relw>今年|明年|去年|前年|本年)(?:(?P<relm>\d{{1,2}}|{CN_SMALL})(?:\s*(?:-|—|–|~|～|至|到)\s*(?P<relm2>\d{{1,2}}|{CN_SMALL}))?月(?:(?P<reld>\d{{1,2}}|{CN_SMALL})[日号])?)?)
        "#
    )
}

/// What a rule sees of one match: the captures, the text around, the reference date.
struct Found<'t> {
    c: Captures<'t>,
    text: &'t str,
    start: usize,
    end: usize,
    reference: Option<NaiveDate>,
}

impl Found<'_> {
    fn get(&self, name: &str) -> Option<&str> {
        self.c.name(name).map(|m| m.as_str())
    }

    fn prev(&self) -> Option<char> {
        self.text[..self.start].chars().next_back()
    }

    fn next(&self) -> Option<char> {
        self.text[self.end..].chars().next()
    }

    fn item(&self, value: Option<String>, kind: DateKind, rule: Rule) -> DateMatch {
        self.item_at(value, kind, rule, (self.start, self.end))
    }

    fn item_at(
        &self,
        value: Option<String>,
        kind: DateKind,
        rule: Rule,
        (start, end): (usize, usize),
    ) -> DateMatch {
        DateMatch {
            start,
            end,
            value,
            kind,
            full: false,
            rule,
        }
    }
}

/// A one- or two-digit number, Arabic or Chinese.
pub fn small(s: &str) -> Option<u32> {
    if s.chars().all(|c| c.is_ascii_digit()) {
        s.parse().ok()
    } else {
        parse_chinese(s).map(|v| v as u32)
    }
}

fn year_of(s: &str) -> Option<i32> {
    let v = if s.chars().all(|c| c.is_ascii_digit()) {
        s.parse().ok()?
    } else {
        parse_chinese(s)? as i32
    };
    (1900..=2100).contains(&v).then_some(v)
}

/// 今年 0, 明年 +1, 去年 −1, 前年 −2.
fn relative_offset(word: &str) -> i32 {
    match word {
        "明年" => 1,
        "去年" => -1,
        "前年" => -2,
        _ => 0,
    }
}

/// The months a half year or quarter covers (上半年 → 1..6, 三季度 → 7..9).
fn months_of(q: &str) -> Option<(u32, u32)> {
    Some(match q {
        "上半年" => (1, 6),
        "下半年" => (7, 12),
        "前三季度" => (1, 9),
        _ => {
            let k = small(q.trim_start_matches('第').trim_end_matches("季度"))?;
            if !(1..=4).contains(&k) {
                return None;
            }
            (3 * k - 2, 3 * k)
        }
    })
}

fn ymd(y: i32, m: u32, d: u32) -> Option<String> {
    NaiveDate::from_ymd_opt(y, m, d).map(|d| d.format("%Y-%m-%d").to_string())
}

fn month_span(y: i32, (a, b): (u32, u32)) -> String {
    format!("{y:04}-{a:02}/{y:04}-{b:02}")
}

/// The years of a five-year plan (十四 → 2021/2025).
fn five_year(n: &str) -> Option<(i32, i32)> {
    let k = parse_chinese(n)? as i32;
    (11..=16).contains(&k).then(|| {
        let start = 2006 + (k - 11) * 5;
        (start, start + 4)
    })
}

/// Resolve a month–day against the reference date: the reference year, or the year before
/// when the day would fall more than 60 days after the reference; a deadline (12月31日前)
/// is never before the reference, so it may fall in the next year.
fn resolve_month_day(m: u32, d: u32, reference: NaiveDate, deadline: bool) -> Option<String> {
    let same = NaiveDate::from_ymd_opt(reference.year(), m, d)?;
    let y = if deadline {
        if same < reference {
            reference.year() + 1
        } else {
            reference.year()
        }
    } else if (same - reference).num_days() > 60 {
        reference.year() - 1
    } else {
        reference.year()
    };
    ymd(y, m, d)
}

/// Scan `text` for date expressions. `reference` stands in for the publication date
/// (resolves 今年, 明年 and month–days); without it those stay unresolved or `--MM-DD`.
pub fn scan(g: &DateGrammar, text: &str, reference: Option<NaiveDate>) -> Vec<DateMatch> {
    let urls: Vec<(usize, usize)> = g
        .urls
        .find_iter(text)
        .map(|m| (m.start(), m.end()))
        .collect();
    let mut out = Vec::new();
    for c in g.pattern.captures_iter(text) {
        let Some(whole) = c.get(0) else { continue };
        let (start, end) = (whole.start(), whole.end());
        if urls.iter().any(|&(a, b)| start < b && end > a) {
            continue;
        }
        let f = Found {
            c,
            text,
            start,
            end,
            reference,
        };
        // Inside a document number (国发〔2021〕), a longer number, or an ASCII word.
        if f.prev()
            .is_some_and(|p| p.is_ascii_alphanumeric() || matches!(p, '〔' | '[' | '.' | '-'))
        {
            continue;
        }
        dispatch(&f, &mut out);
    }
    out
}

/// Hand a match to the rule of its alternative.
fn dispatch(f: &Found, out: &mut Vec<DateMatch>) {
    let has = |n: &str| f.c.name(n).is_some();
    if has("per") {
        year_range(f, out);
    } else if has("fd") {
        out.extend(full_date(f));
    } else if has("iso") {
        out.extend(iso_date(f));
    } else if has("ymr") {
        out.extend(month_range(f));
    } else if has("ym") {
        out.extend(year_month(f));
    } else if has("bq") {
        out.extend(bare_half_quarter(f));
    } else if has("relq") {
        out.push(relative_half_quarter(f));
    } else if has("yq") {
        out.extend(half_quarter(f));
    } else if has("fyl") {
        out.extend(plan_name(f));
    } else if has("yml") {
        month_list(f, out);
    } else if has("fyp") {
        out.extend(five_year_plan(f));
    } else if has("yr") {
        out.extend(year(f));
    } else if has("md") {
        out.extend(month_day(f));
    } else if has("rel") {
        out.push(relative(f));
    }
}

/// `date.year_range`: 2021—2025年; a reversed pair (2025年至2021年) is two years.
fn year_range(f: &Found, out: &mut Vec<DateMatch>) {
    let (Some(a), Some(b)) = (f.get("p1").and_then(year_of), f.get("p2").and_then(year_of)) else {
        return;
    };
    if b > a && b - a <= 30 {
        out.push(f.item(
            Some(format!("{a}/{b}")),
            DateKind::Period,
            Rule::DateYearRange,
        ));
        return;
    }
    for (m, y) in [(f.c.name("p1"), a), (f.c.name("p2"), b)] {
        if let Some(m) = m {
            let e = (m.end() + "年".len()).min(f.end);
            out.push(f.item_at(
                Some(y.to_string()),
                DateKind::Year,
                Rule::DateYear,
                (m.start(), e),
            ));
        }
    }
}

/// `date.day`: 2021年12月12日, 二〇二一年十二月十二日.
fn full_date(f: &Found) -> Option<DateMatch> {
    let y = year_of(f.get("fy")?)?;
    let v = ymd(y, small(f.get("fm")?)?, small(f.get("fdd")?)?)?;
    let mut d = f.item(Some(v), DateKind::Day, Rule::DateDay);
    d.full = true;
    Some(d)
}

/// `date.day`: 2021-12-12, 2021/12/12, 2021.12.12 (with an optional time after it).
fn iso_date(f: &Found) -> Option<DateMatch> {
    if f.c.name("inext").is_some() || f.get("is") != f.get("is2") {
        return None;
    }
    let y = year_of(f.get("iy")?)?;
    let v = ymd(y, f.get("im")?.parse().ok()?, f.get("id")?.parse().ok()?)?;
    let iso_end = f.c.name("iso").map_or(f.end, |m| {
        m.end() - f.c.name("itime").map_or(0, |t| t.as_str().len())
    });
    let mut d = f.item_at(Some(v), DateKind::Day, Rule::DateDay, (f.start, iso_end));
    d.full = true;
    Some(d)
}

/// `date.month_range`: 2022年1-6月.
fn month_range(f: &Found) -> Option<DateMatch> {
    let y = year_of(f.get("ry")?)?;
    let (a, b) = (small(f.get("rm1")?)?, small(f.get("rm2")?)?);
    let ok = (1..=12).contains(&a) && (a..=12).contains(&b) && b > a;
    ok.then(|| {
        f.item(
            Some(month_span(y, (a, b))),
            DateKind::Period,
            Rule::DateMonthRange,
        )
    })
}

/// `date.month`: 2021年12月, 2021年3月份.
fn year_month(f: &Found) -> Option<DateMatch> {
    let y = year_of(f.get("yy")?)?;
    let m = small(f.get("mm")?)?;
    (1..=12).contains(&m).then(|| {
        f.item(
            Some(format!("{y:04}-{m:02}")),
            DateKind::Month,
            Rule::DateMonth,
        )
    })
}

/// `date.relative`: 前三季度 or 上半年 with no year: the publication year's, unless that
/// would still lie ahead (then the year before); nothing without a publication date.
fn bare_half_quarter(f: &Found) -> Option<DateMatch> {
    let r = f.reference?;
    if f.prev().is_some_and(|p| p.is_ascii_digit() || p == '年') {
        return None;
    }
    let v = months_of(&f.text[f.start..f.end]).map(|(a, b)| {
        let ahead = NaiveDate::from_ymd_opt(r.year(), a, 1).is_some_and(|d| d > r);
        let y = if ahead { r.year() - 1 } else { r.year() };
        month_span(y, (a, b))
    });
    Some(f.item(v, DateKind::Period, Rule::DateRelative))
}

/// `date.relative`: 今年上半年, 去年四季度.
fn relative_half_quarter(f: &Found) -> DateMatch {
    let v = f.reference.and_then(|r| {
        let y = r.year() + relative_offset(f.get("relqw").unwrap_or(""));
        f.get("relqq")
            .and_then(months_of)
            .map(|ms| month_span(y, ms))
    });
    f.item(v, DateKind::Period, Rule::DateRelative)
}

/// `date.half_quarter`: 2021年上半年, 2022年一季度.
fn half_quarter(f: &Found) -> Option<DateMatch> {
    let y = year_of(f.get("qy")?)?;
    let ms = months_of(f.get("q")?)?;
    Some(f.item(
        Some(month_span(y, ms)),
        DateKind::Period,
        Rule::DateHalfQuarter,
    ))
}

/// `date.five_year_plan`: 第十四个五年规划, the plan's full name.
fn plan_name(f: &Found) -> Option<DateMatch> {
    let (a, b) = f.get("fyln").and_then(five_year)?;
    Some(f.item(
        Some(format!("{a}/{b}")),
        DateKind::Period,
        Rule::DateFiveYearPlan,
    ))
}

/// `date.month_list`: 2023年5、6月: each month named.
fn month_list(f: &Found, out: &mut Vec<DateMatch>) {
    let y = f.get("ly").and_then(year_of);
    let months = [f.get("lm1"), f.get("lm2")].map(|m| m.and_then(small));
    if let (Some(y), [Some(a), Some(b)]) = (y, months) {
        if (1..=12).contains(&a) && (1..=12).contains(&b) && a < b {
            for m in [a, b] {
                out.push(f.item(
                    Some(format!("{y:04}-{m:02}")),
                    DateKind::Month,
                    Rule::DateMonthList,
                ));
            }
        }
    }
}

/// `date.five_year_plan`: “十四五”时期 → 2021/2025; 十四五末 → 2025, 十四五初 → 2021.
fn five_year_plan(f: &Found) -> Option<DateMatch> {
    let (a, b) = f.get("fypn").and_then(five_year)?;
    // 十四五 inside a longer numeral (第十四五) or followed by a measure word is no plan.
    if f.prev() == Some('第') || f.next().is_some_and(|n| "个年期".contains(n)) {
        return None;
    }
    let (v, kind) = match f.get("fyps") {
        Some("末" | "末期") => (b.to_string(), DateKind::Year),
        Some("初" | "初期") => (a.to_string(), DateKind::Year),
        _ => (format!("{a}/{b}"), DateKind::Period),
    };
    Some(f.item(Some(v), kind, Rule::DateFiveYearPlan))
}

/// `date.year`: 2025年, 到2025年, 2020年底; not a year running on into digits.
fn year(f: &Found) -> Option<DateMatch> {
    let y = f.get("year").and_then(year_of)?;
    if f.next().is_some_and(|n| n.is_ascii_digit()) {
        return None;
    }
    Some(f.item(Some(y.to_string()), DateKind::Year, Rule::DateYear))
}

/// `date.month_day`: 11月19日 — against the publication date when there is one, else
/// `--MM-DD`; a deadline (12月31日前) is the next such day.
fn month_day(f: &Found) -> Option<DateMatch> {
    let m = f.get("mdm").and_then(small)?;
    let d = f.get("mdd").and_then(small)?;
    if !(1..=12).contains(&m)
        || !(1..=31).contains(&d)
        || f.prev().is_some_and(|p| p.is_ascii_digit())
    {
        return None;
    }
    let deadline = ["前", "之前", "以前"]
        .iter()
        .any(|w| f.text[f.end..].starts_with(w));
    let (v, kind) = match f.reference {
        Some(r) => (resolve_month_day(m, d, r, deadline)?, DateKind::Day),
        None => {
            NaiveDate::from_ymd_opt(2000, m, d)?;
            (format!("--{m:02}-{d:02}"), DateKind::MonthDay)
        }
    };
    Some(f.item(Some(v), kind, Rule::DateMonthDay))
}

/// `date.relative`: 今年, 明年, 去年6月, 今年1-5月.
fn relative(f: &Found) -> DateMatch {
    let Some(r) = f.reference else {
        return f.item(None, DateKind::Year, Rule::DateRelative);
    };
    let y = r.year() + relative_offset(f.get("relw").unwrap_or(""));
    let m = f.get("relm").and_then(small);
    let m2 = f.get("relm2").and_then(small);
    let d = f.get("reld").and_then(small);
    if let (Some(a), Some(b)) = (m, m2) {
        let ok = (1..=12).contains(&a) && (a..=12).contains(&b) && b > a;
        let v = ok.then(|| month_span(y, (a, b)));
        return f.item(v, DateKind::Period, Rule::DateRelative);
    }
    let (v, kind) = match (m, d) {
        (Some(m), Some(d)) => (ymd(y, m, d), DateKind::Day),
        (Some(m), None) if (1..=12).contains(&m) => {
            (Some(format!("{y:04}-{m:02}")), DateKind::Month)
        }
        (Some(_), None) => (None, DateKind::Month),
        _ => (Some(y.to_string()), DateKind::Year),
    };
    f.item(v, kind, Rule::DateRelative)
}
