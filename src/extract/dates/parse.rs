//! Step two of the date grammar: adjacent atoms joined into expressions — a point (2021年12月
//! 12日, 今年上半年, 3月底), a range of two points with the year and month carried over
//! (2017年8月11日至22日), a list (5、6月), or a fixed period (“十四五”, 90年代) — each with its
//! governing word and endings. Nothing here depends on the reference date: [`super::rules`]
//! resolves the expressions against it.

use super::atoms::{Atom, Pre, Suf, Tok};
use super::holidays::Holidays;

/// The year a point names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Yr {
    /// No year: the document's year, or one told from the reference date.
    #[default]
    None,
    /// 2021年.
    Abs(i32),
    /// 今年 0, 去年 −1 …: an offset from the reference year.
    Rel(i32),
}

/// The month a point names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mo {
    /// 12月.
    Abs(u32),
    /// 上月 −1, 本月 0, 下月 +1: an offset from the reference month.
    Rel(i32),
}

/// The part of a year a point names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pt {
    /// 上半年 (1, 6), 三季度 (7, 9), 前五个月 (1, 5): the first and last month.
    Months(u32, u32),
    /// 本季度 0, 上季度 −1: an offset from the reference quarter.
    Quarter(i32),
}

/// A calendar point as the text writes it; what it leaves out is told at resolution. A point
/// with nothing but its year unset (年底) is the year itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Point {
    /// The year, as written or left out.
    pub year: Yr,
    /// The month (12月, 上月).
    pub month: Option<Mo>,
    /// The day of the month.
    pub day: Option<u32>,
    /// A half, quarter or first months of the year.
    pub part: Option<Pt>,
    /// A holiday form (index into [`Holidays::forms`]).
    pub holiday: Option<usize>,
}

/// The shape of an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// One point: 2021年12月, 今年上半年, 3月底前.
    One(Point),
    /// Two points, the second already carrying the year (and month) of the first.
    Range(Point, Point),
    /// Two points named together (2023年5、6月, 2020、2021年).
    List(Point, Point),
    /// A five-year plan's years, and 末/初 when only its last or first year is meant.
    Plan(i32, i32, Option<Suf>),
    /// A decade's first and last year.
    Decade(i32, i32),
    /// 今明两年: offsets of the first and last year from the reference year.
    RelYears(i32, i32),
}

/// One date expression: its shape, byte span, governing word and endings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expr {
    /// What the expression names.
    pub shape: Shape,
    /// Byte span in the scanned text, governing word and endings included.
    pub start: usize,
    pub end: usize,
    /// The governing word before it (截至, 自, 到 …).
    pub pre: Option<Pre>,
    /// The endings after it, in order (底, 前 …).
    pub sufs: Vec<Suf>,
    /// Written with digits and separators (2021-12-12).
    pub numeric: bool,
}

/// Words after a bare four-digit year that make it the year of a plan or report (对接2035规划).
const PLAN_NOUNS: &[&str] = &[
    "规划",
    "远景",
    "愿景",
    "白皮书",
    "蓝皮书",
    "年鉴",
    "纲要",
    "议程",
    "行动计划",
];

/// What the combiner reads: the atoms, the text they are in, and what it needs to check them.
pub struct Parser<'a> {
    /// The atoms of `text`, in order.
    pub atoms: &'a [Atom],
    /// The scanned text.
    pub text: &'a str,
    /// The holidays the atoms' holiday forms point into.
    pub holidays: &'a Holidays,
    /// Units (元, 个, 吨 …): a figure 2021.12 before one is a quantity, not a month.
    pub units: &'a [String],
}

fn is_year(v: u64, digits: usize) -> bool {
    digits == 4 && (1940..=2100).contains(&v)
}

impl Parser<'_> {
    fn tok(&self, i: usize) -> Option<Tok> {
        self.atoms.get(i).map(|a| a.tok)
    }

    /// Atoms `i` and `i + 1` touch (only spaces between them).
    fn adjacent(&self, i: usize) -> bool {
        match (self.atoms.get(i), self.atoms.get(i + 1)) {
            (Some(a), Some(b)) => self.text[a.end..b.start].trim().is_empty(),
            _ => false,
        }
    }

    /// Atoms `i` and `i + 1` touch with nothing at all between them.
    fn touching(&self, i: usize) -> bool {
        match (self.atoms.get(i), self.atoms.get(i + 1)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    /// The atom after `i`, when it is adjacent.
    fn next(&self, i: usize) -> Option<Tok> {
        self.adjacent(i).then(|| self.tok(i + 1)).flatten()
    }

    fn atom_text(&self, i: usize) -> &str {
        self.atoms.get(i).map_or("", |a| &self.text[a.start..a.end])
    }

    fn before(&self, i: usize) -> &str {
        self.atoms.get(i).map_or("", |a| &self.text[..a.start])
    }

    fn after(&self, i: usize) -> &str {
        self.atoms.get(i).map_or("", |a| &self.text[a.end..])
    }

    /// Every expression of the text, left to right; each atom is read at most once as the
    /// start of an expression and an expression spans a bounded number of atoms, so the
    /// scan is linear in the text.
    pub fn expressions(&self) -> Vec<Expr> {
        let mut out = Vec::new();
        // the end of the last recurring date (每年3月、6月…): the yearless dates listed
        // right after it recur too
        let mut recurring: Option<usize> = None;
        let mut i = 0;
        while i < self.atoms.len() {
            let Some((e, j, next)) = self.expression(i) else {
                i += 1;
                continue;
            };
            let listed = recurring.is_some_and(|end| {
                end <= e.start && LIST_SEPS.contains(&self.text[end..e.start].trim())
            });
            if yearless(&e) && (listed || self.frequency(self.before(j))) {
                recurring = Some(e.end);
                i = next.max(i + 1);
            } else if self.acceptable(&e, j) {
                out.push(e);
                i = next.max(i + 1);
            } else {
                i += 1;
            }
        }
        self.sentence_years(&mut out);
        out
    }

    /// A yearless expression after a plain year in its sentence is that year's: in 2021年全市
    /// GDP增长8.5%,一季度增长12% the quarter is 2021's. A year that governs otherwise (到2025年,
    /// 2018年以来, 比2020年, 2021年6月) gives none, and ends what an earlier one gave.
    fn sentence_years(&self, exprs: &mut [Expr]) {
        let mut year: Option<Yr> = None;
        for e in exprs.iter_mut() {
            let before = &self.text[..e.start];
            match &mut e.shape {
                Shape::One(p) if p.year != Yr::None => {
                    let plain = (p.month, p.day, p.part, p.holiday) == (None, None, None, None)
                        && e.sufs.is_empty()
                        && matches!(e.pre, None | Some(Pre::At));
                    let base = ["比", "较", "与", "同比"]
                        .iter()
                        .any(|w| before.ends_with(w));
                    year = (plain && !base).then_some(p.year);
                }
                Shape::One(p) => take_year(p, year),
                Shape::Range(p, q) | Shape::List(p, q) if p.year == Yr::None => {
                    take_year(p, year);
                    take_year(q, year);
                }
                _ => year = None,
            }
        }
    }

    /// The expression starting at atom `i`, the index of its core's first atom (after the
    /// governing word) and the index of the atom after it.
    fn expression(&self, i: usize) -> Option<(Expr, usize, usize)> {
        let pre = match self.tok(i)? {
            Tok::Prefix(p) => Some(p),
            Tok::Conn if matches!(self.atom_text(i), "至" | "到") => Some(Pre::To),
            _ => None,
        };
        let j = if pre.is_some() {
            if !self.adjacent(i) {
                return None;
            }
            i + 1
        } else {
            i
        };
        let (mut shape, mut k, numeric) = self.core(j)?;
        let mut sufs = Vec::new();
        k = self.suffixes(k, &mut sufs);
        if let Shape::One(p) = shape {
            if let Some((s, k2)) = self.range_or_list(p, k, &mut sufs) {
                shape = s;
                k = k2;
            }
        }
        let e = Expr {
            shape,
            start: self.atoms[i].start,
            end: self.atoms[k - 1].end,
            pre,
            sufs,
            numeric,
        };
        Some((e, j, k))
    }

    /// Endings after atom `k - 1` (底, 前, 以来 …), pushed to `sufs`; the index after them.
    fn suffixes(&self, mut k: usize, sufs: &mut Vec<Suf>) -> usize {
        while k > 0 && self.adjacent(k - 1) {
            match self.tok(k) {
                Some(Tok::Suffix(s)) if s != Suf::Now => {
                    sufs.push(s);
                    k += 1;
                }
                _ => break,
            }
        }
        k
    }

    /// After a point ending before atom `k`: 至今, a range (至 / 到 / - and a second point), or a
    /// second month named with it (5月、6月).
    fn range_or_list(&self, p1: Point, k: usize, sufs: &mut Vec<Suf>) -> Option<(Shape, usize)> {
        if !self.adjacent(k - 1) {
            return None;
        }
        match self.tok(k)? {
            Tok::Conn => {
                if self.atom_text(k) == "至" && self.next(k) == Some(Tok::Suffix(Suf::Now)) {
                    sufs.push(Suf::Since);
                    return Some((Shape::One(p1), k + 2));
                }
                if !self.adjacent(k) {
                    return None;
                }
                let (p2, k2) = match self.tok(k + 1)? {
                    // 8月11日至22日: a day alone, only as the second end
                    Tok::Day(d) => (
                        Point {
                            day: Some(d),
                            ..Point::default()
                        },
                        k + 2,
                    ),
                    _ => match self.core(k + 1)? {
                        (Shape::One(p2), k2, _) => (p2, k2),
                        _ => return None,
                    },
                };
                let p2 = carry(p1, p2);
                if !ascending(&p1, &p2) {
                    return None;
                }
                sufs.clear();
                let k2 = self.suffixes(k2, sufs);
                Some((Shape::Range(p1, p2), k2))
            }
            Tok::Sep('、' | '和' | '及' | '与') => {
                let Some(Tok::Month(m)) = self.next(k) else {
                    return None;
                };
                let (Some(Mo::Abs(m1)), None) = (p1.month, p1.day) else {
                    return None;
                };
                (m > m1).then(|| {
                    let p2 = Point {
                        month: Some(Mo::Abs(m)),
                        ..p1
                    };
                    (Shape::List(p1, p2), k + 2)
                })
            }
            _ => None,
        }
    }

    /// The core of an expression at atom `j`: (shape, index after it, written numerically).
    fn core(&self, j: usize) -> Option<(Shape, usize, bool)> {
        let one = |s: Shape, k: usize| Some((s, k, false));
        match self.tok(j)? {
            Tok::Plan(a, b) => one(Shape::Plan(a, b, None), j + 1),
            Tok::FiveYear(a, b, edge) => one(Shape::Plan(a, b, edge), j + 1),
            Tok::Decade(a, b) => one(Shape::Decade(a, b), j + 1),
            Tok::RelYears(a, b) => one(Shape::RelYears(a, b), j + 1),
            Tok::Num(v, n) => self.number_led(j, v, n),
            _ => {
                let (s, k) = self.point(j)?;
                one(s, k)
            }
        }
    }

    /// A point at atom `j` (with a range or list inside its year: 2022年1-6月, 2023年5、6月).
    fn point(&self, j: usize) -> Option<(Shape, usize)> {
        let p = Point::default();
        match self.tok(j)? {
            Tok::Year(y) => Some(self.year_tail(
                Point {
                    year: Yr::Abs(y),
                    ..p
                },
                j + 1,
            )),
            Tok::RelYear(o) => Some(self.year_tail(
                Point {
                    year: Yr::Rel(o),
                    ..p
                },
                j + 1,
            )),
            Tok::YearEdge => Some((Shape::One(p), j + 1)),
            Tok::Month(m) => Some(self.month_tail(
                Point {
                    month: Some(Mo::Abs(m)),
                    ..p
                },
                j + 1,
            )),
            Tok::RelMonth(o) => Some(self.month_tail(
                Point {
                    month: Some(Mo::Rel(o)),
                    ..p
                },
                j + 1,
            )),
            Tok::Part(a, b) => Some((
                Shape::One(Point {
                    part: Some(Pt::Months(a, b)),
                    ..p
                }),
                j + 1,
            )),
            Tok::RelQuarter(o) => Some((
                Shape::One(Point {
                    part: Some(Pt::Quarter(o)),
                    ..p
                }),
                j + 1,
            )),
            Tok::Holiday(h) => Some((
                Shape::One(Point {
                    holiday: Some(h),
                    ..p
                }),
                j + 1,
            )),
            _ => None,
        }
    }

    /// What follows a year (atom `k` on): a month, a range or list of months, a half or
    /// quarter, the first months, a holiday, 年底.
    fn year_tail(&self, p: Point, k: usize) -> (Shape, usize) {
        let Some(t) = self.next(k - 1) else {
            return (Shape::One(p), k);
        };
        let month = |m: u32| Point {
            month: Some(Mo::Abs(m)),
            ..p
        };
        match t {
            Tok::Month(m) => self.month_tail(month(m), k + 1),
            // 2022年1-6月, 2023年5、6月, 2022年一至三季度
            Tok::Num(n, _) => self.numbered_months(p, n, k).unwrap_or((Shape::One(p), k)),
            Tok::Part(a, b) => (
                Shape::One(Point {
                    part: Some(Pt::Months(a, b)),
                    ..p
                }),
                k + 1,
            ),
            Tok::FirstMonths(n) => (
                Shape::One(Point {
                    part: Some(Pt::Months(1, n)),
                    ..p
                }),
                k + 1,
            ),
            Tok::Holiday(h) => (
                Shape::One(Point {
                    holiday: Some(h),
                    ..p
                }),
                k + 1,
            ),
            Tok::YearEdge => (Shape::One(p), k + 1),
            _ => (Shape::One(p), k),
        }
    }

    /// What follows a month (atom `k` on): a day, or a range of days (8月12-14日).
    fn month_tail(&self, p: Point, k: usize) -> (Shape, usize) {
        match self.next(k - 1) {
            Some(Tok::Day(d)) => (Shape::One(Point { day: Some(d), ..p }), k + 1),
            Some(Tok::Num(n, digits)) if digits <= 2 => {
                let joined = self.next(k).zip(self.next(k + 1));
                match joined {
                    Some((Tok::Conn, Tok::Day(d2))) if u64::from(d2) > n && n >= 1 => (
                        Shape::Range(
                            Point {
                                day: Some(n as u32),
                                ..p
                            },
                            Point { day: Some(d2), ..p },
                        ),
                        k + 3,
                    ),
                    _ => (Shape::One(p), k),
                }
            }
            _ => (Shape::One(p), k),
        }
    }

    /// Forms that open with a bare number: 2021-12-12, 2021-12, 2021—2023年, 2020、2021年,
    /// 对接2035规划, 3-5月, 5、6月.
    fn number_led(&self, j: usize, v: u64, digits: usize) -> Option<(Shape, usize, bool)> {
        let next = self.next(j);
        let then = self.next(j + 1);
        if is_year(v, digits) {
            let y = Point {
                year: Yr::Abs(v as i32),
                ..Point::default()
            };
            if let Some(found) = self.numeric_date(j, y) {
                return Some(found);
            }
            return match (next, then) {
                (Some(Tok::Conn), Some(Tok::Year(y2))) => {
                    let p2 = Point {
                        year: Yr::Abs(y2),
                        ..y
                    };
                    // 2025-2021年, 2021-2060年: two years, not a span
                    let shape = if ascending(&y, &p2) {
                        Shape::Range(y, p2)
                    } else {
                        Shape::List(y, p2)
                    };
                    Some((shape, j + 3, false))
                }
                (Some(Tok::Sep(c)), Some(Tok::Year(y2)))
                    if matches!(c, '、' | '和' | '及' | '与') && i64::from(y2) > v as i64 =>
                {
                    let p2 = Point {
                        year: Yr::Abs(y2),
                        ..y
                    };
                    Some((Shape::List(y, p2), j + 3, false))
                }
                _ => self.plan_year(j, y),
            };
        }
        if digits > 2 {
            return None;
        }
        self.numbered_months(Point::default(), v, j)
            .map(|(s, k)| (s, k, false))
    }

    /// A number (atom `k`), a connector or list word, and a month or quarter: 1-6月, 5、6月,
    /// 三到五月, 一至三季度 — in the year of `base` (or none).
    fn numbered_months(&self, base: Point, n: u64, k: usize) -> Option<(Shape, usize)> {
        let month = |m: u64| Point {
            month: Some(Mo::Abs(m as u32)),
            ..base
        };
        let months = |a: u64, b: u64| Point {
            part: Some(Pt::Months(a as u32, b as u32)),
            ..base
        };
        let shape = match (self.next(k)?, self.next(k + 1)?) {
            (Tok::Conn, Tok::Month(m2)) if (1..u64::from(m2)).contains(&n) => {
                Shape::Range(month(n), month(m2.into()))
            }
            (Tok::Sep(c), Tok::Month(m2))
                if matches!(c, '、' | '和' | '及' | '与')
                    && (1..u64::from(m2)).contains(&n)
                    && self.list_of_months(k) =>
            {
                Shape::List(month(n), month(m2.into()))
            }
            // a quarter to a quarter: 一至三季度
            (Tok::Conn, Tok::Part(a, b))
                if b == a + 2 && (1..=4).contains(&n) && u64::from(a) > 3 * n - 2 =>
            {
                Shape::Range(months(3 * n - 2, 3 * n), months(a.into(), b.into()))
            }
            _ => return None,
        };
        Some((shape, k + 3))
    }

    /// Number `k`, a list word and a month name two months (5、6月, 五、六月), not an outline
    /// marker before a month (二、11月召开…, 3、6月底前…): the numbers are in one script and
    /// the first does not open its line.
    fn list_of_months(&self, k: usize) -> bool {
        let arabic = |i: usize| self.atom_text(i).starts_with(|c: char| c.is_ascii_digit());
        let line_start = self
            .before(k)
            .rsplit('\n')
            .next()
            .is_some_and(|l| l.trim().is_empty());
        arabic(k) == arabic(k + 2) && !line_start
    }

    /// 2021-12-12, 2021/12/12, 2021.12.12, and the year–months 2021-12, 2021/12, 2021.12 —
    /// but not a decimal before a magnitude or unit (2021.12万元).
    fn numeric_date(&self, j: usize, y: Point) -> Option<(Shape, usize, bool)> {
        let sep = self.atom_text(j + 1);
        let is_sep = matches!(self.tok(j + 1), Some(Tok::Conn | Tok::Sep(_)))
            && matches!(sep, "-" | "/" | ".");
        if !is_sep || !self.touching(j) || !self.touching(j + 1) {
            return None;
        }
        let Some(Tok::Num(m, md)) = self.tok(j + 2) else {
            return None;
        };
        if md > 2 || !(1..=12).contains(&m) {
            return None;
        }
        let month = Point {
            month: Some(Mo::Abs(m as u32)),
            ..y
        };
        if self.touching(j + 2) && self.touching(j + 3) && self.atom_text(j + 3) == sep {
            if let Some(Tok::Num(d, dd)) = self.tok(j + 4) {
                return (dd <= 2 && (1..=31).contains(&d)).then_some((
                    Shape::One(Point {
                        day: Some(d as u32),
                        ..month
                    }),
                    j + 5,
                    true,
                ));
            }
        }
        let rest = self.after(j + 2);
        let continues = rest.starts_with(|c: char| c.is_ascii_digit())
            || ["-", ".", "/"].iter().any(|s| {
                rest.strip_prefix(s)
                    .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
            });
        let quantity = rest.starts_with(['%', '‰', '万', '亿', '千', '百', '倍'])
            || self.units.iter().any(|u| rest.starts_with(u.as_str()));
        let short_dot = sep == "." && md < 2;
        (!continues && !quantity && !short_dot).then_some((Shape::One(month), j + 3, true))
    }

    /// A bare four-digit year that names a plan or report: 对接2035规划, 《2021中国…白皮书》.
    fn plan_year(&self, j: usize, y: Point) -> Option<(Shape, usize, bool)> {
        let rest = self.after(j);
        let title_open = self.before(j).ends_with('《')
            && rest.starts_with(|c: char| ('\u{4e00}'..='\u{9fff}').contains(&c));
        (title_open || PLAN_NOUNS.iter().any(|w| rest.starts_with(w))).then_some((
            Shape::One(y),
            j + 1,
            false,
        ))
    }

    /// The checks an expression starting (after its governing word) at atom `j` must pass.
    fn acceptable(&self, e: &Expr, j: usize) -> bool {
        let before = self.before(j);
        let first = self.atom_text(j);
        // inside a document number (国发〔2021〕), a longer number or an ASCII word
        // (GB5749-2006, V2021.12, 0571-2021…)
        let glued = before.chars().next_back().is_some_and(|p| {
            p.is_ascii_alphanumeric() || matches!(p, '〔' | '[' | '.' | '-' | '/' | '_')
        });
        // a standard's or model's letters a space away (GB/T 2021-12, JGJ 2016)
        let lettered = before
            .trim_end()
            .chars()
            .next_back()
            .is_some_and(|p| p.is_ascii_alphabetic() || p == '/');
        if e.pre.is_none() && first.starts_with(|c: char| c.is_ascii_digit()) && (glued || lettered)
        {
            return false;
        }
        match e.shape {
            Shape::One(p) => self.acceptable_point(e, &p, j),
            _ => true,
        }
    }

    /// 每年3月, 每月15日: a recurring date, not one date.
    fn frequency(&self, before: &str) -> bool {
        [
            "每",
            "每年",
            "每个",
            "每月",
            "每季度",
            "当年",
            "同年",
            "次年",
        ]
        .iter()
        .any(|w| before.ends_with(w))
    }

    fn acceptable_point(&self, e: &Expr, p: &Point, j: usize) -> bool {
        let after = &self.text[e.end..];
        let only_year = p.month.is_none() && p.day.is_none() && p.part.is_none();
        if p.year != Yr::None && only_year && p.holiday.is_none() {
            // a year running on into digits (2020年12万) or a duration (3000年一遇)
            if after.starts_with(|c: char| c.is_ascii_digit())
                || ["一遇", "之久", "以上", "历史"]
                    .iter()
                    .any(|w| after.starts_with(w))
            {
                return false;
            }
        }
        if let Some(f) = p.holiday.and_then(|h| self.holidays.forms.get(h)) {
            let context = p.year != Yr::None
                || e.sufs
                    .iter()
                    .any(|s| matches!(s, Suf::Inside | Suf::Before | Suf::After | Suf::Around));
            if f.needs_context && !context {
                return false;
            }
        }
        if p.year == Yr::None {
            let before = self.before(j);
            // 当年上半年, 2021年度…上半年 told elsewhere: no year of its own to take
            let after_year = before.ends_with('年') && p.part.is_some();
            // 第3月, 第二季度 after 第 of another count
            let ordinal = before.ends_with('第');
            if after_year || ordinal {
                return false;
            }
        }
        true
    }
}

/// The words that join the items of a list (3月、6月和9月).
const LIST_SEPS: &[&str] = &["、", "和", "及", "与", ","];

/// An expression that names no year of its own (3月, 上半年, 5月4日至6日).
fn yearless(e: &Expr) -> bool {
    match e.shape {
        Shape::One(p) | Shape::Range(p, _) | Shape::List(p, _) => p.year == Yr::None,
        _ => false,
    }
}

/// A yearless point takes `year` (not a relative month or quarter, which count from the
/// reference date).
fn take_year(p: &mut Point, year: Option<Yr>) {
    let relative = matches!(p.month, Some(Mo::Rel(_))) || matches!(p.part, Some(Pt::Quarter(_)));
    if let (Some(y), Yr::None, false) = (year, p.year, relative) {
        p.year = y;
    }
}

/// The second point of a range takes what it leaves out from the first: 2017年8月11日至22日
/// (year and month), 2022年1月至5月 (year).
pub fn carry(p1: Point, p2: Point) -> Point {
    let mut p = p2;
    if p.year == Yr::None && (p.month.is_some() || p.part.is_some() || p.day.is_some()) {
        p.year = p1.year;
    }
    if p.month.is_none() && p.part.is_none() && p.day.is_some() {
        p.month = p1.month;
    }
    p
}

/// The grain of a point: 0 year, 1 month (or part of a year), 2 day; None for what cannot
/// be one end of a range (holidays, relative months and quarters, a bare 年底).
fn grain(p: &Point) -> Option<u8> {
    if p.holiday.is_some()
        || matches!(p.month, Some(Mo::Rel(_)))
        || matches!(p.part, Some(Pt::Quarter(_)))
    {
        return None;
    }
    match (p.day, p.month, p.part) {
        (Some(_), Some(_), _) => Some(2),
        (None, Some(_), _) | (None, None, Some(_)) => Some(1),
        (None, None, None) if p.year != Yr::None => Some(0),
        _ => None,
    }
}

/// Two points that make a range: the same grain, the same kind of year, the second later
/// (a span of years at most 30 long); 2025年至2021年 is two years, not a range.
pub fn ascending(p1: &Point, p2: &Point) -> bool {
    let (Some(g1), Some(g2)) = (grain(p1), grain(p2)) else {
        return false;
    };
    let year = |p: &Point| match p.year {
        Yr::Abs(y) => Some((0, y)),
        Yr::Rel(o) => Some((1, o)),
        Yr::None => None,
    };
    let same_kind = match (year(p1), year(p2)) {
        (Some(a), Some(b)) => a.0 == b.0,
        (None, None) => true,
        _ => false,
    };
    let start_month = |p: &Point| match (p.month, p.part) {
        (Some(Mo::Abs(m)), _) => m,
        (_, Some(Pt::Months(a, _))) => a,
        _ => 0,
    };
    let key = |p: &Point| {
        (
            year(p).map_or(0, |y| y.1),
            start_month(p),
            p.day.unwrap_or(0),
        )
    };
    let (k1, k2) = (key(p1), key(p2));
    let span_ok = g1 != 0 || k2.0 - k1.0 <= 30;
    g1 == g2 && same_kind && k2 > k1 && span_ok
}
