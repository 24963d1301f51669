//! The named date rules: each turns an expression of its shape into ISO values, told against
//! the [`Reference`]; the rule's name goes with every value it reads (`rule` in the JSON).
//! Their examples are the rows of `tests/corpus/dates.tsv`.

use super::atoms::{Pre, Suf};
use super::calendar::{resolve, shape_kind, yearless_year, Cal, Res, Telling};
use super::holidays::Holidays;
use super::parse::{Expr, Mo, Point, Pt, Shape, Yr};
use super::{DateMatch, Reference};
use crate::report::{DateKind, Open};
use crate::rules::Rule;

/// What the rules read an expression with.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    /// What yearless and relative expressions are told against.
    pub reference: Reference,
    /// The holidays' days.
    pub holidays: &'a Holidays,
}

fn matched(e: &Expr, value: Option<String>, kind: DateKind, rule: Rule) -> DateMatch {
    DateMatch {
        start: e.start,
        end: e.end,
        value,
        kind,
        full: false,
        rule,
        open: None,
        relative: false,
    }
}

/// Read one expression (pushing its values to `out`).
pub fn read(e: &Expr, cx: Ctx, out: &mut Vec<DateMatch>) {
    match e.shape {
        Shape::Plan(a, b, edge) => out.push(five_year_plan(e, a, b, edge)),
        Shape::Decade(a, b) => out.push(decade(e, a, b)),
        Shape::RelYears(a, b) => out.push(relative_years(e, a, b, cx)),
        Shape::One(p) => out.extend(point(e, &p, cx)),
        Shape::Range(p1, p2) => out.extend(range(e, &p1, &p2, cx)),
        Shape::List(p1, p2) => list(e, &p1, &p2, cx, out),
    }
}

/// `date.five_year_plan`: “十四五”时期 → 2021/2025, 第十四个五年规划; 十四五末 → 2025,
/// 十四五初 → 2021.
fn five_year_plan(e: &Expr, a: i32, b: i32, edge: Option<Suf>) -> DateMatch {
    let (v, kind) = match edge {
        Some(Suf::End) => (b.to_string(), DateKind::Year),
        Some(Suf::Start) => (a.to_string(), DateKind::Year),
        _ => (format!("{a}/{b}"), DateKind::Period),
    };
    matched(e, Some(v), kind, Rule::DateFiveYearPlan)
}

/// `date.decade`: 上世纪90年代, 20世纪80年代, 90年代 → 1990/1999; 八九十年代 → 1980/1999.
fn decade(e: &Expr, a: i32, b: i32) -> DateMatch {
    matched(
        e,
        Some(format!("{a}/{b}")),
        DateKind::Period,
        Rule::DateDecade,
    )
}

/// `date.relative`: 今明两年 → the reference year and the next.
fn relative_years(e: &Expr, a: i32, b: i32, cx: Ctx) -> DateMatch {
    let v = cx.reference.year().map(|y| format!("{}/{}", y + a, y + b));
    let mut d = matched(e, v, DateKind::Period, Rule::DateRelative);
    d.relative = true;
    d
}

/// Which end of the expression is open: 截至, 前, 为止 close its end and leave the start
/// open; 以来, 起, 以后, 至今 leave the end open; 前后 (around) is no span.
fn open_of(e: &Expr) -> Option<Open> {
    let has = |s: Suf| e.sufs.contains(&s);
    if has(Suf::Around) {
        None
    } else if e.pre == Some(Pre::Until) || has(Suf::Until) || has(Suf::Before) {
        Some(Open::Start)
    } else if has(Suf::Since) || has(Suf::After) {
        Some(Open::End)
    } else {
        None
    }
}

/// The rule that names a point of this shape.
///
/// - `date.day`: 2021年12月12日, 2021-12-12, 二〇二一年十二月十二日;
/// - `date.month`: 2021年12月, 2021-12; `date.year`: 2025年, 到2025年, 2020年底;
/// - `date.half_quarter`: 2021年上半年, 2022年一季度, 2021年前五个月;
/// - `date.holiday`: 2022年春节, 今年国庆节, 国庆期间 (against the reference);
/// - `date.relative`: 今年, 去年6月, 上月, 本季度, and the yearless months, halves and
///   quarters told from the document (3月份, 3月底前, 上半年, 年底前);
/// - `date.month_day`: 11月19日 (told against the reference when there is one);
/// - `date.open_span`: any of these open at one end (2018年以来, 2025年前, 截至2020年底).
fn point_rule(p: &Point, open: bool) -> Rule {
    let relative = matches!(p.year, Yr::Rel(_))
        || matches!(p.month, Some(Mo::Rel(_)))
        || matches!(p.part, Some(Pt::Quarter(_)));
    if open {
        Rule::DateOpenSpan
    } else if p.holiday.is_some() {
        Rule::DateHoliday
    } else if relative {
        Rule::DateRelative
    } else if p.year == Yr::None {
        if p.day.is_some() {
            Rule::DateMonthDay
        } else {
            Rule::DateRelative
        }
    } else if p.day.is_some() {
        Rule::DateDay
    } else if p.month.is_some() {
        Rule::DateMonth
    } else if p.part.is_some() {
        Rule::DateHalfQuarter
    } else {
        Rule::DateYear
    }
}

/// A deadline: it ends with 前 (3月底前, 12月31日前), and is not 前后.
fn deadline(e: &Expr) -> bool {
    e.sufs.contains(&Suf::Before) && !e.sufs.contains(&Suf::Around)
}

/// One point: its value against the reference, and the rule of its shape.
fn point(e: &Expr, p: &Point, cx: Ctx) -> Option<DateMatch> {
    let t = Telling::of(p, deadline(e));
    let (value, kind) = match resolve(p, cx.reference, t, cx.holidays) {
        Res::Value(c) => (Some(c.iso()), c.kind()),
        Res::NeedsReference => (None, shape_kind(p)),
        Res::MonthDay(m, d) => (Some(format!("--{m:02}-{d:02}")), DateKind::MonthDay),
        Res::Nothing => return None,
    };
    let open = open_of(e);
    let mut d = matched(e, value, kind, point_rule(p, open.is_some()));
    d.open = open;
    d.relative =
        !matches!(p.year, Yr::Abs(_)) && p.holiday.is_none() || matches!(p.month, Some(Mo::Rel(_)));
    d.full = kind == DateKind::Day
        && matches!(p.year, Yr::Abs(_))
        && p.holiday.is_none()
        && (e.numeric || p.day.is_some());
    Some(d)
}

/// The year both ends of a range take when the first leaves it out (三月到五月 against the
/// reference), or None to keep them as written.
fn shared_year(p1: &Point, cx: Ctx, t: Telling) -> Option<i32> {
    (p1.year == Yr::None)
        .then(|| yearless_year(p1, cx.reference, t, cx.holidays))
        .flatten()
}

/// A range of two points:
///
/// - `date.day_range`: 2017年8月11日至22日, 2017年8月11日至8月22日, 8月12-14日 →
///   `YYYY-MM-DD/YYYY-MM-DD` (`--MM-DD/--MM-DD` with no year to take);
/// - `date.month_range`: 2022年1-6月, 2020年12月至2021年3月, 三月到五月, 2021年一季度至
///   三季度 → `YYYY-MM/YYYY-MM`;
/// - `date.year_range`: 2021—2023年, 2021年至2025年 → `YYYY/YYYY`.
fn range(e: &Expr, p1: &Point, p2: &Point, cx: Ctx) -> Option<DateMatch> {
    let relative = !matches!(p1.year, Yr::Abs(_)) || matches!(p1.month, Some(Mo::Rel(_)));
    let t = Telling::of(p1, deadline(e));
    let (p1, p2) = match shared_year(p1, cx, t) {
        Some(y) => (
            Point {
                year: Yr::Abs(y),
                ..*p1
            },
            Point {
                year: Yr::Abs(y),
                ..*p2
            },
        ),
        None => (*p1, *p2),
    };
    let ends = (
        resolve(&p1, cx.reference, t, cx.holidays),
        resolve(&p2, cx.reference, t, cx.holidays),
    );
    let (value, rule) = match ends {
        (Res::Value(a), Res::Value(b)) => match joined(a, b) {
            Some(j) => j,
            // no such second day (2021年2月28日至30日): the first point is still a date
            None => return point(e, &p1, cx),
        },
        (Res::Value(_), Res::Nothing) => return point(e, &p1, cx),
        (Res::MonthDay(m1, d1), Res::MonthDay(m2, d2)) => (
            format!("--{m1:02}-{d1:02}/--{m2:02}-{d2:02}"),
            Rule::DateDayRange,
        ),
        (Res::NeedsReference, _) | (_, Res::NeedsReference) => {
            let mut d = matched(e, None, DateKind::Period, Rule::DateRelative);
            d.relative = true;
            return Some(d);
        }
        _ => return None,
    };
    let mut d = matched(e, Some(value), DateKind::Period, rule);
    d.relative = relative;
    Some(d)
}

/// The ISO period from `a` to `b` and the rule of its grain; None when `b` is not later.
fn joined(a: Cal, b: Cal) -> Option<(String, Rule)> {
    match (a, b) {
        (Cal::Year(x), Cal::Year(y)) if y > x => Some((format!("{x}/{y}"), Rule::DateYearRange)),
        (Cal::Day(x), Cal::Day(y)) if y > x => Some((
            format!("{}/{}", x.format("%Y-%m-%d"), y.format("%Y-%m-%d")),
            Rule::DateDayRange,
        )),
        _ => {
            let (first, _) = a.months()?;
            let (_, last) = b.months()?;
            (last > first).then(|| (Cal::Months(first, last).iso(), Rule::DateMonthRange))
        }
    }
}

/// `date.month_list`: 2023年5、6月, 2023年5月、6月 — each month named; `date.year` for years
/// named together (2020、2021年).
fn list(e: &Expr, p1: &Point, p2: &Point, cx: Ctx, out: &mut Vec<DateMatch>) {
    let t = Telling::of(p1, false);
    let year = match p1.year {
        Yr::None => yearless_year(p1, cx.reference, t, cx.holidays),
        _ => None,
    };
    for p in [p1, p2] {
        let p = match year {
            Some(y) => Point {
                year: Yr::Abs(y),
                ..*p
            },
            None => *p,
        };
        let rule = if p.month.is_some() {
            Rule::DateMonthList
        } else {
            Rule::DateYear
        };
        match resolve(&p, cx.reference, t, cx.holidays) {
            Res::Value(c) => out.push(matched(e, Some(c.iso()), c.kind(), rule)),
            Res::NeedsReference => out.push(matched(e, None, shape_kind(&p), rule)),
            _ => {}
        }
    }
}
