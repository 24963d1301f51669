//! Dates and planning periods, and the document's publication date.
//!
//! Rules (one regex alternative each, longest forms first): periods (2021—2025年), full dates
//! (2021年12月12日, 2021-12-12, 2021/12/12, 2021.12.12, 二〇二一年十二月十二日), year-month,
//! half years and quarters, five-year-plan periods (“十四五”时期 → 2021/2025), years with their
//! governing word (到2025年), month–day without a year, and 今年/明年/去年 relative to the
//! publication date. Values are ISO 8601 as the guidelines define them.

use super::numbers::parse_chinese;
use crate::normalize::Document;
use crate::report::DateItem;
use chrono::{Datelike, NaiveDate};
use regex::Regex;
use serde::Serialize;
use std::sync::OnceLock;

/// A date expression found in a text (byte offsets into the scanned text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateMatch {
    pub start: usize,
    pub end: usize,
    /// ISO value; None when it needs a reference date that is missing (今年 with no date).
    pub value: Option<String>,
    /// `day`, `month`, `year`, `period` or `month_day`.
    pub kind: String,
    /// A full date written as a dateline or signature candidate (has a day and a year).
    pub full: bool,
}

const CN_SMALL: &str = "[一二三四五六七八九十]{1,3}";

fn grammar() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let y = r"(?:19[4-9]\d|20\d\d|2100)";
        let cy = "[〇零一二三四五六七八九]{4}";
        let num = format!(r"(?:\d{{1,2}}|{CN_SMALL})");
        let pat = format!(
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
        );
        Regex::new(&pat).expect("the date grammar is a valid regex")
    })
}

fn url_spans(text: &str) -> Vec<(usize, usize)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"(?i)(?:https?://|www\.)[\x21-\x7e]+").expect("valid url regex")
    });
    re.find_iter(text).map(|m| (m.start(), m.end())).collect()
}

fn small(s: &str) -> Option<u32> {
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

fn five_year(n: &str) -> Option<(i32, i32)> {
    let k = parse_chinese(n)? as i32; // 十一 … 十六
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
pub fn scan(text: &str, reference: Option<NaiveDate>) -> Vec<DateMatch> {
    let urls = url_spans(text);
    let mut out = Vec::new();
    for c in grammar().captures_iter(text) {
        let Some(whole) = c.get(0) else { continue };
        let (start, end) = (whole.start(), whole.end());
        if urls.iter().any(|&(a, b)| start < b && end > a) {
            continue;
        }
        let prev = text[..start].chars().next_back();
        let next = text[end..].chars().next();
        // Inside a document number (国发〔2021〕), a longer number, or an ASCII word.
        if prev.is_some_and(|p| p.is_ascii_alphanumeric() || matches!(p, '〔' | '[' | '.' | '-')) {
            continue;
        }
        let push = |out: &mut Vec<DateMatch>,
                    value: Option<String>,
                    kind: &str,
                    s: usize,
                    e: usize,
                    full: bool| {
            out.push(DateMatch {
                start: s,
                end: e,
                value,
                kind: kind.into(),
                full,
            });
        };
        if c.name("per").is_some() {
            let (Some(a), Some(b)) = (
                c.name("p1").and_then(|m| year_of(m.as_str())),
                c.name("p2").and_then(|m| year_of(m.as_str())),
            ) else {
                continue;
            };
            if b > a && b - a <= 30 {
                push(
                    &mut out,
                    Some(format!("{a}/{b}")),
                    "period",
                    start,
                    end,
                    false,
                );
            } else {
                // Not a period (2025年至2021年): two years.
                for (m, y) in [(c.name("p1"), a), (c.name("p2"), b)] {
                    if let Some(m) = m {
                        let e = (m.end() + "年".len()).min(end);
                        push(&mut out, Some(y.to_string()), "year", m.start(), e, false);
                    }
                }
            }
        } else if c.name("fd").is_some() {
            let v = (|| {
                let y = year_of(c.name("fy")?.as_str())?;
                ymd(
                    y,
                    small(c.name("fm")?.as_str())?,
                    small(c.name("fdd")?.as_str())?,
                )
            })();
            if v.is_some() {
                push(&mut out, v, "day", start, end, true);
            }
        } else if c.name("iso").is_some() {
            if c.name("inext").is_some()
                || c.name("is").map(|m| m.as_str()) != c.name("is2").map(|m| m.as_str())
            {
                continue;
            }
            let v = (|| {
                let y = year_of(c.name("iy")?.as_str())?;
                ymd(
                    y,
                    c.name("im")?.as_str().parse().ok()?,
                    c.name("id")?.as_str().parse().ok()?,
                )
            })();
            let iso_end = c.name("iso").map_or(end, |m| {
                m.end() - c.name("itime").map_or(0, |t| t.as_str().len())
            });
            if v.is_some() {
                push(&mut out, v, "day", start, iso_end, true);
            }
        } else if c.name("ymr").is_some() {
            let v = (|| {
                let y = year_of(c.name("ry")?.as_str())?;
                let (a, b) = (
                    small(c.name("rm1")?.as_str())?,
                    small(c.name("rm2")?.as_str())?,
                );
                (1..=12).contains(&a).then_some(())?;
                ((a..=12).contains(&b) && b > a).then(|| format!("{y:04}-{a:02}/{y:04}-{b:02}"))
            })();
            if v.is_some() {
                push(&mut out, v, "period", start, end, false);
            }
        } else if c.name("ym").is_some() {
            let v = (|| {
                let y = year_of(c.name("yy")?.as_str())?;
                let m = small(c.name("mm")?.as_str())?;
                (1..=12).contains(&m).then(|| format!("{y:04}-{m:02}"))
            })();
            if v.is_some() {
                push(&mut out, v, "month", start, end, false);
            }
        } else if c.name("bq").is_some() {
            // 前三季度 with no year: the publication year's, unless that would still lie
            // ahead (then the year before); nothing without a publication date
            let Some(r) = reference else { continue };
            if prev.is_some_and(|p| p.is_ascii_digit() || p == '年') {
                continue;
            }
            let v = months_of(whole.as_str()).map(|(a, b)| {
                let ahead = NaiveDate::from_ymd_opt(r.year(), a, 1).is_some_and(|d| d > r);
                let y = if ahead { r.year() - 1 } else { r.year() };
                format!("{y:04}-{a:02}/{y:04}-{b:02}")
            });
            push(&mut out, v, "period", start, end, false);
        } else if c.name("relq").is_some() {
            let Some(r) = reference else {
                push(&mut out, None, "period", start, end, false);
                continue;
            };
            let y = r.year() + relative_offset(c.name("relqw").map_or("", |m| m.as_str()));
            let v = c
                .name("relqq")
                .and_then(|q| months_of(q.as_str()))
                .map(|(a, b)| format!("{y:04}-{a:02}/{y:04}-{b:02}"));
            push(&mut out, v, "period", start, end, false);
        } else if c.name("yq").is_some() {
            let v = (|| {
                let y = year_of(c.name("qy")?.as_str())?;
                let q = c.name("q")?.as_str();
                let (a, b) = months_of(q)?;
                Some(format!("{y:04}-{a:02}/{y:04}-{b:02}"))
            })();
            if v.is_some() {
                push(&mut out, v, "period", start, end, false);
            }
        } else if c.name("fyl").is_some() {
            // 第十四个五年规划: the plan's full name
            let v = c
                .name("fyln")
                .and_then(|m| five_year(m.as_str()))
                .map(|(a, b)| format!("{a}/{b}"));
            if v.is_some() {
                push(&mut out, v, "period", start, end, false);
            }
        } else if c.name("yml").is_some() {
            // 2023年5、6月: each month named
            let y = c.name("ly").and_then(|m| year_of(m.as_str()));
            let months = [c.name("lm1"), c.name("lm2")].map(|m| m.and_then(|x| small(x.as_str())));
            if let (Some(y), [Some(a), Some(b)]) = (y, months) {
                if (1..=12).contains(&a) && (1..=12).contains(&b) && a < b {
                    for m in [a, b] {
                        push(
                            &mut out,
                            Some(format!("{y:04}-{m:02}")),
                            "month",
                            start,
                            end,
                            false,
                        );
                    }
                }
            }
        } else if c.name("fyp").is_some() {
            let Some((a, b)) = c.name("fypn").and_then(|m| five_year(m.as_str())) else {
                continue;
            };
            // 十四五 inside a longer numeral (第十四五) or followed by a measure word is no plan.
            if prev == Some('第') || next.is_some_and(|n| "个年期".contains(n)) {
                continue;
            }
            let v = match c.name("fyps").map(|m| m.as_str()) {
                Some("末" | "末期") => (b.to_string(), "year"),
                Some("初" | "初期") => (a.to_string(), "year"),
                _ => (format!("{a}/{b}"), "period"),
            };
            push(&mut out, Some(v.0), v.1, start, end, false);
        } else if c.name("yr").is_some() {
            let Some(y) = c.name("year").and_then(|m| year_of(m.as_str())) else {
                continue;
            };
            // 2020年 must not run on into digits (2020年12 is handled above) or be a count.
            if next.is_some_and(|n| n.is_ascii_digit()) {
                continue;
            }
            push(&mut out, Some(y.to_string()), "year", start, end, false);
        } else if c.name("md").is_some() {
            let (Some(m), Some(d)) = (
                c.name("mdm").and_then(|x| small(x.as_str())),
                c.name("mdd").and_then(|x| small(x.as_str())),
            ) else {
                continue;
            };
            if !(1..=12).contains(&m)
                || !(1..=31).contains(&d)
                || prev.is_some_and(|p| p.is_ascii_digit())
            {
                continue;
            }
            // 12月31日前: a deadline is the next such day, not the last one
            let deadline = ["前", "之前", "以前"]
                .iter()
                .any(|w| text[end..].starts_with(w));
            let v = match reference {
                Some(r) => resolve_month_day(m, d, r, deadline),
                None => NaiveDate::from_ymd_opt(2000, m, d).map(|_| format!("--{m:02}-{d:02}")),
            };
            if v.is_some() {
                let kind = if reference.is_some() {
                    "day"
                } else {
                    "month_day"
                };
                push(&mut out, v, kind, start, end, false);
            }
        } else if c.name("rel").is_some() {
            let word = c.name("relw").map_or("", |m| m.as_str());
            let Some(r) = reference else {
                push(&mut out, None, "year", start, end, false);
                continue;
            };
            let y = r.year() + relative_offset(word);
            let m = c.name("relm").and_then(|x| small(x.as_str()));
            let m2 = c.name("relm2").and_then(|x| small(x.as_str()));
            let d = c.name("reld").and_then(|x| small(x.as_str()));
            if let (Some(a), Some(b)) = (m, m2) {
                let v = ((1..=12).contains(&a) && (a..=12).contains(&b) && b > a)
                    .then(|| format!("{y:04}-{a:02}/{y:04}-{b:02}"));
                push(&mut out, v, "period", start, end, false);
                continue;
            }
            let (v, kind) = match (m, d) {
                (Some(m), Some(d)) => (ymd(y, m, d), "day"),
                (Some(m), None) if (1..=12).contains(&m) => {
                    (Some(format!("{y:04}-{m:02}")), "month")
                }
                (Some(_), None) => (None, "month"),
                _ => (Some(y.to_string()), "year"),
            };
            push(&mut out, v, kind, start, end, false);
        }
    }
    out
}

/// The first and last day an ISO value covers (`2021` → Jan 1 … Dec 31, `2021-01/2021-05`
/// → Jan 1 … May 31). None for month–days without a year.
pub fn value_bounds(v: &str) -> Option<(NaiveDate, NaiveDate)> {
    let (a, b) = v.split_once('/').unwrap_or((v, v));
    let first = |s: &str| -> Option<NaiveDate> {
        match s.len() {
            4 => NaiveDate::from_ymd_opt(s.parse().ok()?, 1, 1),
            7 => NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d").ok(),
            10 => NaiveDate::parse_from_str(s, "%Y-%m-%d").ok(),
            _ => None,
        }
    };
    let last = |s: &str| -> Option<NaiveDate> {
        match s.len() {
            4 => NaiveDate::from_ymd_opt(s.parse().ok()?, 12, 31),
            7 => {
                let f = first(s)?;
                let next = if f.month() == 12 {
                    NaiveDate::from_ymd_opt(f.year() + 1, 1, 1)?
                } else {
                    NaiveDate::from_ymd_opt(f.year(), f.month() + 1, 1)?
                };
                next.pred_opt()
            }
            10 => first(s),
            _ => None,
        }
    };
    Some((first(a)?, last(b)?))
}

/// Parse a front-matter or metadata date in any common form: ISO (`2022-01-12`,
/// `2022-01-12T08:00:00+08:00`), RFC 2822 (`Wed, 12 Jan 2022 11:00:52 GMT`), `2022/1/12`,
/// `2022年1月12日`. Times with a zone are taken in Beijing time (UTC+8).
pub fn parse_meta_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let beijing = chrono::FixedOffset::east_opt(8 * 3600)?;
    if let Ok(d) = chrono::DateTime::parse_from_rfc2822(s) {
        return Some(d.with_timezone(&beijing).date_naive());
    }
    if let Ok(d) = chrono::DateTime::parse_from_rfc3339(s) {
        return Some(d.with_timezone(&beijing).date_naive());
    }
    for f in ["%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"] {
        if let Ok(d) = chrono::NaiveDateTime::parse_from_str(s, f) {
            return Some(d.date());
        }
    }
    scan(s, None)
        .into_iter()
        .find(|d| d.kind == "day")
        .and_then(|d| d.value)
        .and_then(|v| NaiveDate::parse_from_str(&v, "%Y-%m-%d").ok())
}

fn labelled() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"【?(发布日期|发布时间|成文日期|发文日期|印发日期|公布日期|发稿时间|更新时间|日期|时间)\s*(?:[:：]|】|\])\s*$")
            .expect("valid label regex")
    })
}

/// The publication date of a document and the text it was read from.
pub fn published(doc: &Document, scans: &[Vec<DateMatch>]) -> Option<(NaiveDate, String)> {
    // every match with the byte offset of its sentence
    let found: Vec<(&DateMatch, usize)> = scans
        .iter()
        .zip(&doc.sentences)
        .flat_map(|(v, s)| v.iter().map(move |m| (m, doc.byte(s.start))))
        .collect();
    if let Some(d) = doc.meta.date.as_deref().and_then(parse_meta_date) {
        return Some((
            d,
            format!(
                "{}: {}",
                doc.meta.date_source.as_deref().unwrap_or("metadata"),
                doc.meta.date.clone().unwrap_or_default()
            ),
        ));
    }
    let as_date = |m: &DateMatch| {
        m.value
            .as_deref()
            .and_then(|v| NaiveDate::parse_from_str(v, "%Y-%m-%d").ok())
    };
    // 1. A labelled line: 发布日期:2019-11-18.
    for (m, base) in found.iter().filter(|(m, _)| m.full) {
        let abs = base + m.start;
        let line_start = doc.text[..abs].rfind('\n').map_or(0, |i| i + 1);
        if labelled().is_match(&doc.text[line_start..abs]) {
            if let Some(d) = as_date(m) {
                return Some((d, doc.text[line_start..base + m.end].to_string()));
            }
        }
    }
    // 2. A dateline near the top: a full date opening one of the first paragraphs.
    for (m, base) in found.iter().filter(|(m, _)| m.full) {
        let abs = base + m.start;
        let c = doc.char_at(abs);
        let Some(si) = doc.sentence_at(c) else {
            continue;
        };
        let s = doc.sentences[si];
        if s.para > 12 {
            break;
        }
        if s.start == c && s.para_start {
            if let Some(d) = as_date(m) {
                return Some((d, doc.sentence_text(si).to_string()));
            }
        }
    }
    // 3. A signature block: a short paragraph that ends with a full date (国务院 2021年12月12日).
    for (m, base) in found.iter().filter(|(m, _)| m.full) {
        let c_end = doc.char_at(base + m.end);
        let Some(si) = doc.sentence_at(c_end.saturating_sub(1)) else {
            continue;
        };
        let s = doc.sentences[si];
        let tail = doc
            .slice(c_end, s.end)
            .trim_matches(|ch: char| ch.is_whitespace() || "。.)）".contains(ch));
        if s.para_start && s.end - s.start <= 40 && tail.is_empty() {
            if let Some(d) = as_date(m) {
                return Some((d, doc.sentence_text(si).to_string()));
            }
        }
    }
    None
}

/// The date expressions of every sentence (byte offsets within the sentence), read with
/// `reference` as the publication date.
pub fn scan_sentences(doc: &Document, reference: Option<NaiveDate>) -> Vec<Vec<DateMatch>> {
    (0..doc.sentences.len())
        .map(|i| scan(doc.sentence_text(i), reference))
        .collect()
}

/// The dates of a document, one entry per distinct value, from its sentence scans.
pub fn items(doc: &Document, scans: &[Vec<DateMatch>]) -> Vec<DateItem> {
    let mut items: Vec<DateItem> = Vec::new();
    for (found, s) in scans.iter().zip(&doc.sentences) {
        let base = doc.byte(s.start);
        for m in found {
            let Some(value) = m.value.clone() else {
                continue;
            };
            let (a, b) = (doc.char_at(base + m.start), doc.char_at(base + m.end));
            if let Some(it) = items.iter_mut().find(|i| i.value == value) {
                it.mentions += 1;
                continue;
            }
            items.push(DateItem {
                value,
                kind: m.kind.clone(),
                evidence: doc.slice(a, b).to_string(),
                span: doc.span(a, b),
                mentions: 1,
            });
        }
    }
    items
}
