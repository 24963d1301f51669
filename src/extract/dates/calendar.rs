//! Step three of the date grammar: the calendar values of points, told against the
//! [`Reference`] when the text leaves the year (or month) out, and their ISO forms.

use super::holidays::Holidays;
use super::parse::{Mo, Point, Pt, Yr};
use super::Reference;
use crate::report::DateKind;
use chrono::{Datelike, NaiveDate};

/// A resolved calendar value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cal {
    /// `YYYY`.
    Year(i32),
    /// `YYYY-MM`.
    Month(i32, u32),
    /// `YYYY-MM-DD`.
    Day(NaiveDate),
    /// A span of months (a half year, a quarter): first and last (year, month).
    Months((i32, u32), (i32, u32)),
}

impl Cal {
    /// The ISO 8601 form the guidelines prescribe.
    pub fn iso(self) -> String {
        match self {
            Cal::Year(y) => format!("{y:04}"),
            Cal::Month(y, m) => format!("{y:04}-{m:02}"),
            Cal::Day(d) => d.format("%Y-%m-%d").to_string(),
            Cal::Months((y1, m1), (y2, m2)) => format!("{y1:04}-{m1:02}/{y2:04}-{m2:02}"),
        }
    }

    /// The kind of value the ISO form is.
    pub fn kind(self) -> DateKind {
        match self {
            Cal::Year(_) => DateKind::Year,
            Cal::Month(..) => DateKind::Month,
            Cal::Day(_) => DateKind::Day,
            Cal::Months(..) => DateKind::Period,
        }
    }

    /// The first and last (year, month) of a month-grained value.
    pub fn months(self) -> Option<((i32, u32), (i32, u32))> {
        match self {
            Cal::Month(y, m) => Some(((y, m), (y, m))),
            Cal::Months(a, b) => Some((a, b)),
            _ => None,
        }
    }

    /// The first and last day the value covers.
    pub fn days(self) -> Option<(NaiveDate, NaiveDate)> {
        match self {
            Cal::Year(y) => Some((
                NaiveDate::from_ymd_opt(y, 1, 1)?,
                NaiveDate::from_ymd_opt(y, 12, 31)?,
            )),
            Cal::Day(d) => Some((d, d)),
            Cal::Month(..) | Cal::Months(..) => {
                let ((y1, m1), (y2, m2)) = self.months()?;
                Some((NaiveDate::from_ymd_opt(y1, m1, 1)?, last_day(y2, m2)?))
            }
        }
    }
}

fn last_day(y: i32, m: u32) -> Option<NaiveDate> {
    let next = if m == 12 {
        NaiveDate::from_ymd_opt(y + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)?
    };
    next.pred_opt()
}

/// (year, month) moved by `offset` months.
fn shift_month(y: i32, m: u32, offset: i32) -> (i32, u32) {
    let n = y * 12 + m as i32 - 1 + offset;
    (n.div_euclid(12), n.rem_euclid(12) as u32 + 1)
}

/// What a point resolves to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Res {
    /// The value.
    Value(Cal),
    /// A relative word (今年, 上月) with no reference to tell it: the value is unknown.
    NeedsReference,
    /// A month and day with no year to take: `--MM-DD`.
    MonthDay(u32, u32),
    /// Not a date after all (no such day, a lunar holiday outside the table), or a bare
    /// month or quarter with nothing to tell its year.
    Nothing,
}

/// How a yearless point is told against the reference date: whether it is a deadline (never
/// before the reference), and how far ahead of the reference it may lie before it is taken
/// as last year's: a day 60 days (a text reports days just past and plans days just ahead);
/// a month, quarter, half year or holiday 183 (6月底完成 in a March text is this June's,
/// 11月 in a March text last November).
#[derive(Debug, Clone, Copy)]
pub struct Telling {
    /// A deadline (3月底前): never before the reference.
    pub deadline: bool,
    /// How many days after the reference the point may start and still be its year's.
    pub window_days: i64,
}

impl Telling {
    /// The telling of a point: its window by grain, a deadline when it ends with 前.
    pub fn of(p: &Point, deadline: bool) -> Telling {
        let window_days = if p.day.is_some() { 60 } else { 183 };
        Telling {
            deadline,
            window_days,
        }
    }
}

/// The value of `p` in year `y`; None when there is no such day.
pub fn build(p: &Point, y: i32, holidays: &Holidays) -> Option<Cal> {
    if let Some(h) = p.holiday {
        let hol = holidays.list.get(holidays.forms.get(h)?.holiday)?;
        let (m, d) = hol.day_in(y)?;
        return NaiveDate::from_ymd_opt(y, m, d).map(Cal::Day);
    }
    match (p.month, p.day, p.part) {
        (Some(Mo::Abs(m)), Some(d), _) => NaiveDate::from_ymd_opt(y, m, d).map(Cal::Day),
        (Some(Mo::Abs(m)), None, _) => (1..=12).contains(&m).then_some(Cal::Month(y, m)),
        (None, _, Some(Pt::Months(a, b))) => Some(Cal::Months((y, a), (y, b))),
        (None, None, None) => Some(Cal::Year(y)),
        _ => None,
    }
}

/// The year of a yearless point: the document's year, else the reference year — the year
/// before when the point would lie further ahead than its window, the year after for a
/// deadline already past.
pub fn yearless_year(p: &Point, r: Reference, t: Telling, holidays: &Holidays) -> Option<i32> {
    if let Some(y) = r.doc_year {
        return Some(y);
    }
    let date = r.date?;
    let y = date.year();
    let (first, last) = build(p, y, holidays)?.days()?;
    Some(if t.deadline {
        if last < date {
            y + 1
        } else {
            y
        }
    } else if (first - date).num_days() > t.window_days {
        y - 1
    } else {
        y
    })
}

/// Resolve a point against the reference.
pub fn resolve(p: &Point, r: Reference, t: Telling, holidays: &Holidays) -> Res {
    let or_nothing = |c: Option<Cal>| c.map_or(Res::Nothing, Res::Value);
    match p.year {
        Yr::Abs(y) => or_nothing(build(p, y, holidays)),
        Yr::Rel(o) => match r.year() {
            Some(y) => or_nothing(build(p, y + o, holidays)),
            None => Res::NeedsReference,
        },
        Yr::None => resolve_yearless(p, r, t, holidays),
    }
}

fn resolve_yearless(p: &Point, r: Reference, t: Telling, holidays: &Holidays) -> Res {
    // relative months and quarters count from the reference date itself
    if let Some(Mo::Rel(o)) = p.month {
        let Some(date) = r.date else {
            return Res::NeedsReference;
        };
        let (y, m) = shift_month(date.year(), date.month(), o);
        let q = Point {
            month: Some(Mo::Abs(m)),
            ..*p
        };
        return build(&q, y, holidays).map_or(Res::Nothing, Res::Value);
    }
    if let Some(Pt::Quarter(o)) = p.part {
        let Some(date) = r.date else {
            return Res::NeedsReference;
        };
        let first = (date.month() - 1) / 3 * 3 + 1;
        let (y, m) = shift_month(date.year(), first, 3 * o);
        return Res::Value(Cal::Months((y, m), (y, m + 2)));
    }
    match yearless_year(p, r, t, holidays) {
        Some(y) => build(p, y, holidays).map_or(Res::Nothing, Res::Value),
        None => match (p.month, p.day) {
            (Some(Mo::Abs(m)), Some(d)) if NaiveDate::from_ymd_opt(2000, m, d).is_some() => {
                Res::MonthDay(m, d)
            }
            _ => Res::Nothing,
        },
    }
}

/// The kind of value a point has when its value is unknown (今年 → year, 今年5月 → month).
pub fn shape_kind(p: &Point) -> DateKind {
    match (p.month, p.day, p.part, p.holiday) {
        (_, _, _, Some(_)) | (_, Some(_), _, _) => DateKind::Day,
        (Some(_), None, _, None) => DateKind::Month,
        (None, None, Some(_), None) => DateKind::Period,
        _ => DateKind::Year,
    }
}
