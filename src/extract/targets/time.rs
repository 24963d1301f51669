//! The year a figure is about: stated in its own sentence before it, governed by a 到YYYY年 or
//! a year opening its paragraph, by its numbered heading (二、到2025年主要目标), or by a
//! one-year plan's title (2023年…工作要点). Also what the headings say about a section
//! (progress or goals).

use super::filters::CLAUSE_DELIMS;
use crate::extract::dates::{self, DateMatch};
use crate::extract::numbers::Grammar;
use crate::extract::outline;
use crate::extract::Text;
use crate::report::DateKind;
use crate::rules::Rule;
use chrono::NaiveDate;

/// The first and last day a stated time covers.
pub type Days = (NaiveDate, NaiveDate);

/// A governing year and whether it is a deadline ahead (到2025年) rather than a report
/// (截至2020年底).
pub type YearScope = Option<(i32, bool)>;

/// A time a sentence states.
#[derive(Debug, Clone, Copy)]
pub struct Stated {
    pub year: i32,
    /// A deadline ahead (到2025年, 2025年底前).
    pub forward: bool,
    /// The days it covers.
    pub days: Option<Days>,
    /// Told against the publication date (今年1-5月): it tells the kind of a figure, but is
    /// no year the text states (the guidelines give such figures no year).
    pub relative: bool,
    /// Yearless rather than told from the publication date (3月底前, 上半年, not 今年6月):
    /// in a one-year plan such a time is in the plan's year, which its title states.
    pub yearless: bool,
}

/// The year of a plan for one year, from its title near the top (《2023年全省数字化转型
/// 工作要点》, 2023年工作要点): the year its figures are for when they state none.
pub fn annual_plan_year(tx: &Text) -> Option<i32> {
    let re = tx.res.targets.annual_plan.as_ref()?;
    let doc = tx.doc;
    (0..doc.sentences.len().min(12)).find_map(|i| {
        let c = re.captures(doc.sentence_text(i))?;
        c.get(1)?.as_str().parse().ok()
    })
}

/// True when `before` ends with a verb of change whose 到 the date scanner took for a
/// deadline's (增长到2020年的1.67万亿元): the stem of a comparator word 增长到, 提高至 …
/// in `dicts/comparators.tsv`.
pub fn after_change_verb(before: &str, g: &Grammar) -> bool {
    g.reaching_words().any(|w| {
        w.strip_suffix(['到', '至'])
            .is_some_and(|stem| stem.chars().count() >= 2 && before.ends_with(stem))
    })
}

/// A bullet line: ——, --, -, •, ● (not a numbered heading, which opens a section).
fn is_bullet(text: &str) -> bool {
    ["——", "-", "•", "●"].iter().any(|m| text.starts_with(m))
}

/// A list line: an outline marker, a bullet, 一是.
fn is_list_line(text: &str) -> bool {
    outline::marker(text).is_some()
        || ["——", "-", "•", "●"].iter().any(|m| text.starts_with(m))
        || text.chars().nth(1) == Some('是')
            && text.starts_with(['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'])
}

/// The year a date match sets for what follows it in its paragraph, if it governs: 到2025年
/// governs the goals that follow, 截至2020年底 the figures that follow, a bare year opening
/// a clause (2022年,全省… / 记者获悉,2022年全省…) frames the rest of its paragraph.
fn governs(text: &str, d: &DateMatch, g: &Grammar) -> Option<YearScope> {
    if d.rule == Rule::DateRelative {
        return None;
    }
    let ev = &text[d.start..d.end];
    let before = text[..d.start].trim_end();
    let opens = before.is_empty() || before.ends_with(CLAUSE_DELIMS);
    let sets = d.kind == DateKind::Year
        && (ev.contains('到') || ev.starts_with('至') || ev.starts_with("截") || opens);
    if !sets {
        return None;
    }
    let forward =
        (ev.contains('到') && !after_change_verb(&text[..d.start], g)) || ev.starts_with('至');
    Some(
        d.value
            .as_deref()
            .and_then(|v| v.parse().ok())
            .map(|y| (y, forward)),
    )
}

/// Governing year of each sentence from a 到/力争到/至 YYYY年 clause (forward: true) or a
/// 截至 YYYY年 clause (a report: false) earlier in its paragraph; a lead ending with a colon
/// carries its year into the list lines under it.
pub fn governing_years(tx: &Text) -> Vec<YearScope> {
    let doc = tx.doc;
    let g = &tx.res.numbers;
    let mut out = vec![None; doc.sentences.len()];
    let mut para = usize::MAX;
    let mut year = None;
    let mut carry: YearScope = None;
    for (i, s) in doc.sentences.iter().enumerate() {
        let text = doc.sentence_text(i);
        if s.para != para {
            para = s.para;
            let list_line = is_list_line(text);
            // a lead with a year governs the list lines under it: one that ends with a
            // colon, or one whose year is a deadline ahead (到2023年,…。 then —— bullets)
            let prev_lead = i > 0 && doc.sentence_text(i - 1).ends_with([':', '：']);
            let ahead = year.is_some_and(|(_, forward)| forward) && is_bullet(text);
            if list_line && (prev_lead || ahead) && year.is_some() && carry.is_none() {
                carry = year;
            }
            year = if list_line { carry } else { None };
            if !list_line {
                carry = None;
            }
        }
        // A sentence that opens with a time of its own (“十三五”时期, 2020年) leaves the
        // governing year behind.
        let found = &tx.lattice.dates[i];
        if found.first().is_some_and(|d| {
            text[..d.start]
                .trim_matches(|c: char| matches!(c, '“' | '"' | '”') || c.is_whitespace())
                .is_empty()
        }) {
            year = None;
        }
        out[i] = year;
        for d in found {
            if let Some(y) = governs(text, d, g) {
                year = y;
            }
        }
    }
    out
}

/// The nearest time stated in the sentence before byte `pos`.
pub fn time_in_sentence(
    sentence: &str,
    found: &[DateMatch],
    pos: usize,
    g: &Grammar,
) -> Option<Stated> {
    let (d, forward) = year_in_sentence(sentence, found, pos, g)?;
    let year = d.year()?;
    let days = found.iter().rev().filter(|d| d.end <= pos).find_map(|d| {
        d.value
            .as_deref()
            .filter(|v| v.starts_with(&year.to_string()))
            .and_then(dates::value_bounds)
    });
    let ev = &sentence[d.start..d.end];
    let from_publication = [
        "今", "去", "明", "本", "上月", "下月", "上季", "下季", "上年", "前年", "后年",
    ]
    .iter()
    .any(|w| ev.contains(w));
    Some(Stated {
        year,
        forward,
        days,
        relative: d.relative,
        yearless: d.relative && !from_publication,
    })
}

/// Whether a date match before a figure can give it its year: not a span of years, not a
/// comparison base (比2020年下降), not the year of a starting value (由2020年的7.8%提高到10%),
/// not a year inside a title (《2021…白皮书》).
fn can_date(sentence: &str, d: &DateMatch, pos: usize) -> bool {
    let kind_ok = match d.kind {
        DateKind::Year | DateKind::Month | DateKind::Day => true,
        // a period of months in one year (2022年1-6月) is a time; a span of years is not
        DateKind::Period => d
            .value
            .as_deref()
            .is_some_and(|v| v.len() == 15 && v[..4] == v[8..12]),
        DateKind::MonthDay => false,
    };
    if d.end > pos {
        return false;
    }
    // 2016年前建设的4万户: a date inside a qualifier of the counted noun
    let tail: String = sentence[d.end..pos].chars().take(6).collect();
    let qualifier = tail.contains('的') && !tail.starts_with('的');
    let b = &sentence[..d.start];
    let base = qualifier
        || b.ends_with('比')
        || b.ends_with('较')
        || b.ends_with("相比")
        || b.ends_with('与');
    let b = b.trim_end();
    let start_value = (b.ends_with('由') || b.ends_with('从'))
        && ["到", "至"]
            .iter()
            .any(|w| sentence[d.end..pos].contains(w));
    // 《2022产业发展年度报告》: the year of a title, not of the figure
    let titled = b.rfind('《').is_some_and(|i| !b[i..].contains('》'));
    kind_ok && d.end <= pos && !base && !start_value && !titled
}

/// The date that gives a figure at `pos` its time, and whether it is a deadline ahead.
fn year_in_sentence<'d>(
    sentence: &str,
    found: &'d [DateMatch],
    pos: usize,
    g: &Grammar,
) -> Option<(&'d DateMatch, bool)> {
    found
        .iter()
        .rev()
        .filter(|d| can_date(sentence, d, pos) && d.year().is_some())
        .map(|d| {
            let ev = &sentence[d.start..d.end];
            // 到2025年, 力争2025年, 2025年底前: a deadline ahead (but in 增长到2020年的N the
            // 到 belongs to the verb)
            let forward = (ev.contains('到') && !after_change_verb(&sentence[..d.start], g))
                || ev.starts_with('至')
                || ev.starts_with("力争")
                || sentence[d.end..].starts_with('前')
                || ev.ends_with('前');
            (d, forward)
        })
        .next()
}

/// What the headings above a sentence say about its figures.
#[derive(Debug, Clone, Copy, Default)]
pub struct Section {
    /// Some(true) a progress section (成效, 现状), Some(false) a goals section (目标).
    pub cue: Option<bool>,
    /// A year the heading states (二、到2025年主要目标; 专栏1 2025年主要指标), and whether
    /// it is a deadline ahead.
    pub year: YearScope,
}

/// What one heading says: its cue, and its year when it is numbered (a short line with no
/// full stop may be a title or a lead (到2025年,…:) whose reach is its list).
fn heading_section(tx: &Text, i: usize, level: u8) -> Section {
    let v = &tx.res.targets;
    let t = tx.doc.sentence_text(i);
    let cue = if v.status_headings.any_in(t) {
        Some(true)
    } else if v.target_headings.any_in(t) {
        Some(false)
    } else {
        None
    };
    let numbered = (1..=7).contains(&level);
    let year = tx.lattice.dates[i]
        .iter()
        .filter(|_| numbered)
        .find(|d| d.kind == DateKind::Year)
        .and_then(|d| {
            let y = d.value.as_deref()?.parse().ok()?;
            let ev = &t[d.start..d.end];
            Some((y, ev.contains('到') || cue == Some(false)))
        });
    Section { cue, year }
}

/// The governing headings' cue and year for each sentence.
pub fn sections(tx: &Text) -> Vec<Section> {
    let n = tx.doc.sentences.len();
    let own: Vec<Option<Section>> = (0..n)
        .map(|i| tx.outline.levels[i].map(|l| heading_section(tx, i, l)))
        .collect();
    (0..n)
        .map(|i| {
            let stack = tx.outline.stack(i);
            Section {
                cue: stack.iter().rev().find_map(|&h| own[h].and_then(|s| s.cue)),
                year: stack
                    .iter()
                    .rev()
                    .find_map(|&h| own[h].and_then(|s| s.year)),
            }
        })
        .collect()
}

/// The time a sentence states first (not a comparison base: 比2019年同期), if any.
fn stated(sentence: &str, found: &[DateMatch], g: &Grammar) -> Option<Stated> {
    time_in_sentence(sentence, &found[..found.len().min(1)], sentence.len(), g).or_else(|| {
        let first = found
            .iter()
            .find(|d| can_date(sentence, d, sentence.len()))?;
        time_in_sentence(sentence, std::slice::from_ref(first), sentence.len(), g)
    })
}

/// Per sentence: the time it continues from the sentence before, when it opens with a word
/// that goes on with that sentence's data (其中, 具体来看) and states no time of its own.
pub fn continued(tx: &Text) -> Vec<Option<Stated>> {
    let doc = tx.doc;
    let g = &tx.res.numbers;
    let words = &tx.res.targets.words.continuations;
    (0..doc.sentences.len())
        .map(|i| {
            let text = doc.sentence_text(i).trim_start();
            let opens = words.iter().any(|w| text.starts_with(w.as_str()));
            if i == 0 || !opens || !tx.lattice.dates[i].is_empty() {
                return None;
            }
            stated(doc.sentence_text(i - 1), &tx.lattice.dates[i - 1], g)
        })
        .collect()
}
