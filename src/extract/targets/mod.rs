//! Targets: every quantified goal or reported figure (shared/gold/GUIDELINES.md).
//!
//! For each sentence: the number grammar finds quantities; non-targets are dropped by named
//! rules (durations, ordinals, names with digits, quoted slogans, counts of tasks or places,
//! policy instruments, category thresholds); each remaining quantity gets a segment of its
//! clause (coordinated lists split at 、 between quantities), an indicator cut with jieba's
//! word boundaries in either order (指标达到N / 建设N个指标), a comparator, a year (its own
//! clause or a governing 到YYYY年 in the paragraph) and a kind (target or status).
//! Indicator tables (指标 / 2020年 / 2025年 / 属性) are read by [`tables`].

use super::context;
use super::dates;
use super::numbers::{self, Quantity};
use crate::dicts::Dicts;
use crate::engine::Engine;
use crate::normalize::Document;
use crate::report::Target;
use chrono::{Datelike, NaiveDate};
use regex::Regex;
use std::sync::OnceLock;

pub mod tables;

/// Why a quantity is not a target (kept for `parse --explain` style debugging and tests).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reject {
    Duration,
    Ordinal,
    NameWithDigits,
    Quoted,
    SmallChineseCount,
    NoUnit,
    PhoneOrCode,
    Structural,
    Instrument,
    Event,
    CategoryThreshold,
    Resolution,
    Title,
}

const CLAUSE_DELIMS: &[char] = &['，', ',', '；', ';', ':', '：', '。', '！', '？', '!', '?'];

/// How far (in bytes) the rules look around a quantity. A clause or quote longer than this
/// is cut at the window, which keeps a sentence with thousands of figures linear.
const WINDOW: usize = 600;

/// The byte range `[start, end)` around `q`, at most [`WINDOW`] bytes each way, on char
/// boundaries.
fn window(sentence: &str, q: &Quantity) -> (usize, usize) {
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
fn clause_bounds(sentence: &str, q: &Quantity) -> (usize, usize) {
    let (wa, wb) = window(sentence, q);
    let before = &sentence[wa..q.start];
    let a = before.rfind(CLAUSE_DELIMS).map_or(wa, |i| {
        wa + i + before[i..].chars().next().map_or(1, char::len_utf8)
    });
    let b = sentence[q.end..wb]
        .find(CLAUSE_DELIMS)
        .map_or(wb, |i| q.end + i);
    (a, b)
}

fn past_span() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?:近|过去|最近)\s*(?:\d+|[一二三四五六七八九十两]+)\s*(?:年|个月)|近年来|过去一年|上年")
            .expect("valid regex")
    })
}

fn leading_time() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^(?:全年|年内|当年|上半年|下半年|前三季度|第?[一二三四]季度|(?:近|过去|最近|未来|今后)?\s*(?:\d+|[一二三四五六七八九十两]+)\s*(?:年|个月)(?:来|以来|内|间)?)")
            .expect("valid regex")
    })
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
        if let Some(o) = before.rfind(open) {
            let inside_before = &before[o + open.len_utf8()..];
            if inside_before.contains(close) && open != close {
                continue;
            }
            if open == close && before.matches(open).count() % 2 == 0 {
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
    }
    None
}

/// The reasons a quantity at `q` in `sentence` is not a target, if any.
pub fn reject(sentence: &str, q: &Quantity, dicts: &Dicts) -> Option<Reject> {
    let before = &sentence[..q.start];
    let after = &sentence[q.end..];
    let prev = before.chars().next_back();
    let next = after.chars().next();
    let raw = &sentence[q.start..q.end];
    if q.unit_class == "time" {
        return Some(Reject::Duration);
    }
    if prev == Some('第') {
        return Some(Reject::Ordinal);
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
    if let Some(r) = enclosed(sentence, q) {
        return Some(r);
    }
    let digits: String = raw.chars().take_while(|c| c.is_ascii_digit()).collect();
    if (digits.starts_with('0') && digits.len() >= 3)
        || (digits.len() >= 7 && q.unit.is_empty() && !q.has_magnitude)
        || matches!(next, Some('号' | '-'))
    {
        return Some(Reject::PhoneOrCode);
    }
    // A、B、C等3个重点产业: the count of a listed enumeration, nothing measured.
    if before.ends_with('等') && sentence[clause_bounds(sentence, q).0..q.start].contains('、') {
        return Some(Reject::Structural);
    }
    if q.chinese && !q.magnitude_only && q.unit != "%" && q.value < 10.0 {
        return Some(Reject::SmallChineseCount);
    }
    let cmp = numbers::comparator(sentence, q, dicts);
    if q.unit.is_empty() && !q.has_magnitude {
        // A bare number is a target only after a comparator word and before the clause ends.
        let next = after[cmp.after_len..].chars().next();
        let ends =
            next.is_none_or(|n| CLAUSE_DELIMS.contains(&n) || n == '、' || n == ')' || n == ' ');
        if cmp.before_len == 0 || !ends || q.chinese {
            return Some(Reject::NoUnit);
        }
    }
    if q.chinese && q.magnitude_only && q.unit.is_empty() && !q.class_suffix {
        return Some(Reject::NoUnit);
    }
    let rest = &after[cmp.after_len..];
    // 10亿元以上的企业: a threshold that qualifies a noun, not a figure of its own.
    if rest.starts_with('的') {
        return Some(Reject::CategoryThreshold);
    }
    let rest = rest.trim_start_matches(['大', '类', '级']);
    if dicts
        .target_words
        .structural
        .iter()
        .any(|w| rest.starts_with(w.as_str()) || after.starts_with(w.as_str()))
    {
        return Some(Reject::Structural);
    }
    let (clause_start, clause_end) = clause_bounds(sentence, q);
    let clause = &sentence[clause_start..clause_end];
    if has_any(clause, &dicts.target_words.instruments) {
        return Some(Reject::Instrument);
    }
    if has_any(clause, &dicts.target_words.events) {
        return Some(Reject::Event);
    }
    None
}

/// An indicator that names only a measure of something said before (年均增长, 占GDP比重).
fn elliptical(ind: &str) -> bool {
    [
        "占", "年均", "同比", "比", "较", "增速", "增长", "比重", "其中",
    ]
    .iter()
    .any(|p| ind.starts_with(p))
}

/// The subject an elliptical indicator refers to: the part of the previous indicator before
/// its measure (…增加值占GDP比重 + 年均增长 → …增加值年均增长), or the whole previous
/// indicator for a comparison with a base (…比重 + 比2015年提高).
fn subject_of(t: &Target, elliptic: &str) -> String {
    let ind = t.indicator.as_str();
    if elliptic.starts_with('比') || elliptic.starts_with('较') {
        return ind.to_string();
    }
    for cut in ["占", "年均", "同比", "比重", "增速"] {
        if let Some(i) = ind.find(cut) {
            if i > 0 {
                return ind[..i].to_string();
            }
        }
    }
    ind.to_string()
}

/// A figure's indicator as its neighbours in the clause and sentence imply it; `None` when
/// it names nothing measured. `clause` holds the figures already read in its clause,
/// `before` the last figure read in its sentence.
fn named_by_neighbours(
    mut t: Target,
    seg_text: &str,
    clause: &[Target],
    before: Option<&Target>,
    respectively: bool,
    dicts: &Dicts,
) -> Option<Target> {
    // 从2015年的0.58万亿元增长到2020年的1.67万亿元: the value reached measures the same
    // indicator as the value it starts from
    let seg_text = seg_text.trim_start_matches([' ', '、', ',', '，']);
    let reaches = reaching_words(dicts).any(|w| seg_text.starts_with(w));
    if let Some(prev) = clause.last().filter(|_| reaches) {
        t.indicator = prev.indicator.clone();
    }
    // A和B分别达到N和M: every figure measures the indicator named before 分别
    if let Some(first) = clause.first().filter(|_| respectively) {
        t.indicator = first.indicator.clone();
    }
    // 新建5G基站4万个,总数达到15万个: a bare measure of the thing just counted
    if dicts.target_words.bare_measures.contains(&t.indicator) {
        t.indicator = format!(
            "{}{}",
            counted_thing(&before?.indicator, dicts),
            t.indicator
        );
    }
    // …增加值突破1000亿元,年均增长15%,占GDP比重12%: the later clauses measure the same
    // subject; give them its name
    if elliptical(&t.indicator) {
        match before {
            Some(prev) => {
                t.indicator = format!("{}{}", subject_of(prev, &t.indicator), t.indicator);
            }
            // 增长6.5% with nothing before it names nothing measured
            None if t.indicator.chars().count() <= 2 => return None,
            None => {}
        }
    }
    Some(t)
}

/// 2个千亿级、5个百亿级数字产业集群: a bare size class (千亿级) takes the head named
/// after the next figure of its clause.
fn share_class_heads(clause: &mut [Target]) {
    for k in 1..clause.len() {
        let head = clause[k]
            .indicator
            .split_once('级')
            .map(|(_, h)| h.to_string())
            .filter(|h| h.chars().count() >= 2);
        let bare = &clause[k - 1].indicator;
        if let Some(h) = head.filter(|_| bare.ends_with('级') && bare.chars().count() <= 4) {
            clause[k - 1].indicator.push_str(&h);
        }
    }
}

/// What an indicator counts, without the action and the time before it
/// (全年新建5G基站 → 5G基站): the text after the last lead verb in it.
fn counted_thing(indicator: &str, dicts: &Dicts) -> String {
    let cut = dicts
        .target_words
        .lead_verbs
        .iter()
        .filter_map(|v| indicator.rfind(v.as_str()).map(|i| i + v.len()))
        .filter(|&e| e < indicator.len())
        .max()
        .unwrap_or(0);
    indicator[cut..].to_string()
}

/// Drop a verb standing between two noun phrases (全省工业实现营业收入 → 全省工业营业收入).
fn drop_inner_verbs(indicator: String, dicts: &Dicts) -> String {
    for v in &dicts.target_words.inner_verbs {
        if let Some(i) = indicator.find(v.as_str()) {
            let (before, after) = (&indicator[..i], &indicator[i + v.len()..]);
            if before.chars().count() >= 2 && after.chars().count() >= 2 {
                return format!("{before}{after}");
            }
        }
    }
    indicator
}

/// The year of a plan for one year, from its title near the top (《2023年全省数字化转型
/// 工作要点》, 2023年工作要点): the year its figures are for when they state none.
fn annual_plan_year(doc: &Document, dicts: &Dicts) -> Option<i32> {
    let words = &dicts.target_words.annual_plans;
    if words.is_empty() {
        return None;
    }
    let re = dicts.compiled.annual_plan.get_or_init(|| {
        let alts: Vec<String> = words.iter().map(|w| regex::escape(w)).collect();
        Regex::new(&format!(
            r"(?:^|《|印发)\s*((?:19|20)\d{{2}})年(?:度)?[^。,，;；《》:：!?！？]{{0,40}}?(?:{})",
            alts.join("|")
        ))
        .expect("valid annual plan pattern")
    });
    (0..doc.sentences.len().min(12)).find_map(|i| {
        let c = re.captures(doc.sentence_text(i))?;
        c.get(1)?.as_str().parse().ok()
    })
}

/// Conjunctions that join two figures of a clause (建设20个左右A和100个以上B).
const CONJUNCTIONS: [&str; 4] = ["以及", "和", "及", "与"];

/// Comparator words that say a value is reached (增长到, 提高至 …), from comparators.tsv.
fn reaching_words(dicts: &Dicts) -> impl Iterator<Item = &str> {
    dicts
        .comparators
        .iter()
        .filter(|c| !c.after && (c.word.ends_with('到') || c.word.ends_with('至')))
        .map(|c| c.word.as_str())
}

/// Segments of a clause: one per kept quantity, split at the last 、 between neighbours.
fn segments(clause: (usize, usize), qs: &[&Quantity], sentence: &str) -> Vec<(usize, usize)> {
    let mut bounds = vec![clause.0];
    for w in qs.windows(2) {
        let (a, b) = (w[0].end, w[1].start);
        let between = &sentence[a..b];
        // at the last 、, else at the first 和/及/与 (建设20个左右A和100个以上B; 培育企业
        // 100家和省级研究院和重点实验室20家)
        let cut = between
            .rfind('、')
            .or_else(|| CONJUNCTIONS.iter().filter_map(|c| between.find(c)).min())
            .map(|i| a + i);
        bounds.push(cut.unwrap_or(a));
    }
    bounds.push(clause.1);
    (0..qs.len())
        .map(|i| {
            let s = bounds[i];
            let s = if i > 0 {
                let rest = &sentence[s..];
                let sep = std::iter::once("、")
                    .chain(CONJUNCTIONS)
                    .find(|c| rest.starts_with(*c))
                    .map_or(0, str::len);
                s + sep
            } else {
                s
            };
            (s, bounds[i + 1])
        })
        .collect()
}

fn is_verb_token(word: &str, tag: &str, dicts: &Dicts) -> bool {
    dicts.target_words.lead_verbs.contains(word) || (tag.starts_with('v') && tag != "vn")
}

/// Strip leading time phrases, adverbs and lead verbs; trailing tails.
fn clean_indicator(doc: &Document, a: usize, b: usize, dicts: &Dicts) -> (usize, usize) {
    let tw = &dicts.target_words;
    let mut a = a;
    let mut b = b;
    loop {
        let s = doc.slice(a, b);
        // list markers: ——, bullets, (一), 1., 一是
        if let Some(m) = context::marker(s) {
            a += s[..m.len].chars().count();
            continue;
        }
        if s.chars().nth(1) == Some('是')
            && s.starts_with(['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'])
        {
            a += 2;
            continue;
        }
        let trimmed = s.trim_start_matches([' ', '、', '(', '（', '—', '-', '•', '●']);
        if trimmed.len() != s.len() {
            a += s.chars().count() - trimmed.chars().count();
            continue;
        }
        let may_be_date =
            s.starts_with(|c: char| c.is_ascii_digit() || "到力争至截在于从十二".contains(c));
        if let Some(d) = may_be_date
            .then(|| dates::scan(s, None))
            .into_iter()
            .flatten()
            .find(|d| d.start == 0)
        {
            a += s[..d.end].chars().count();
            continue;
        }
        if let Some(m) = leading_time().find(s) {
            a += m.as_str().chars().count();
            continue;
        }
        if s.starts_with("我国") {
            a += 2;
            continue;
        }
        let toks = doc.tokens_in(a, b);
        let Some(t) = toks.iter().find(|t| t.end > a) else {
            break;
        };
        if t.start < a {
            break;
        }
        let w = t.word.as_str();
        // 重点行业, 新产品: a listed word used as a modifier of the noun after it stays.
        let modifier =
            ((t.tag.starts_with('n') && t.tag != "nz") || t.tag.starts_with('a') || t.tag == "b")
                && toks.iter().find(|n| n.start >= t.end).is_some_and(|n| {
                    (n.tag.starts_with('n') || n.tag == "vn") && !tw.lead_verbs.contains(&n.word)
                });
        if modifier && !tw.lead_verbs.contains(w) {
            break;
        }
        if tw.adverbs.contains(w)
            || tw.lead_verbs.contains(w)
            || (t.tag == "d" && t.end < b)
            || (t.tag == "c" && t.end < b)
        {
            a = t.end.min(b);
            continue;
        }
        break;
    }
    loop {
        let s = doc.slice(a, b);
        let mut changed = false;
        for tail in &tw.tails {
            let n = tail.chars().count();
            // a whole word at the end (增速均 → 增速), not the end of one (年均, 人均)
            if s.ends_with(tail.as_str())
                && s.chars().count() > n
                && doc.tokens_in(a, b).iter().any(|t| t.start == b - n)
            {
                b -= n;
                changed = true;
                break;
            }
        }
        // …占比由2020年(的) 7.8%: the base year is not part of the indicator
        let t = doc.slice(a, b);
        let t_de = t.strip_suffix('的').unwrap_or(t);
        let may_end_in_date = t_de.ends_with(['年', '月', '日', '底', '末', '初', '期', '间']);
        if let Some(d) = may_end_in_date
            .then(|| dates::scan(t_de, None))
            .into_iter()
            .flatten()
            .find(|d| d.end == t_de.len() && d.start > 0)
        {
            b -= t[d.start..].chars().count();
            changed = true;
        }
        let t = doc.slice(a, b);
        let trimmed = t.trim_end_matches([' ', '、', ',', '(', '（']);
        if trimmed.len() != t.len() {
            b -= t.chars().count() - trimmed.chars().count();
            changed = true;
        }
        if !changed {
            break;
        }
    }
    (a, b)
}

/// The head of a noun phrase after the number: after the last 的, without generic heads.
fn np_head(doc: &Document, a: usize, b: usize, dicts: &Dicts) -> (usize, usize) {
    let s = doc.slice(a, b);
    let mut a = a;
    if let Some(i) = s.rfind('的') {
        let rest = &s[i + '的'.len_utf8()..];
        if rest.chars().count() >= 2 {
            a += s[..i].chars().count() + 1;
        }
    }
    let (a, b) = clean_indicator(doc, a, b, dicts);
    if dicts.target_words.generic_heads.contains(doc.slice(a, b)) {
        return (a, a);
    }
    (a, b)
}

/// Governing year of each sentence from a 到/力争到/至 YYYY年 clause (forward: true) or a
/// 截至 YYYY年 clause (a report: false) earlier in its paragraph.
fn governing_years(
    doc: &Document,
    sent_dates: &[Vec<dates::DateMatch>],
    dicts: &Dicts,
) -> Vec<Option<(i32, bool)>> {
    let mut out = vec![None; doc.sentences.len()];
    let mut para = usize::MAX;
    let mut year = None;
    // 到2025年,…: followed by —— / 一是 / (一) lines: the year carries into the list
    let mut carry: Option<(i32, bool)> = None;
    for (i, s) in doc.sentences.iter().enumerate() {
        if s.para != para {
            para = s.para;
            let text = doc.sentence_text(i);
            let list_line = context::marker(text).is_some()
                || ["——", "-", "•", "●"].iter().any(|m| text.starts_with(m))
                || text.chars().nth(1) == Some('是')
                    && text
                        .starts_with(['一', '二', '三', '四', '五', '六', '七', '八', '九', '十']);
            let prev_lead = i > 0 && doc.sentence_text(i - 1).ends_with([':', '：']);
            if prev_lead && year.is_some() {
                carry = year;
            }
            year = if list_line { carry } else { None };
            if !list_line {
                carry = None;
            }
        }
        // A sentence that opens with a time of its own (“十三五”时期, 2020年) leaves the
        // governing year behind.
        let text = doc.sentence_text(i);
        if sent_dates[i].first().is_some_and(|d| {
            text[..d.start]
                .trim_matches(|c: char| "“\"”".contains(c) || c.is_whitespace())
                .is_empty()
        }) {
            year = None;
        }
        out[i] = year;
        for d in &sent_dates[i] {
            let ev = &doc.sentence_text(i)[d.start..d.end];
            // 到2025年 governs the goals that follow; 截至2020年底 the figures that follow; a
            // bare year opening a sentence (2022年,全省…) frames the rest of its paragraph.
            // (记者获悉,2022年全省… : a year that opens a clause frames it the same way)
            let before = text[..d.start].trim_end();
            let opens = before.is_empty() || before.ends_with(CLAUSE_DELIMS);
            if d.kind == "year"
                && (ev.contains('到') || ev.starts_with('至') || ev.starts_with("截") || opens)
            {
                let forward = (ev.contains('到') && !after_change_verb(&text[..d.start], dicts))
                    || ev.starts_with('至');
                year = d
                    .value
                    .as_deref()
                    .and_then(|v| v.parse().ok())
                    .map(|y| (y, forward));
            }
        }
    }
    out
}

/// True when `before` ends with a verb of change whose 到 the date scanner took for a
/// deadline's (增长到2020年的1.67万亿元): the stem of a comparator word 增长到, 提高至 …
/// in `dicts/comparators.tsv`.
fn after_change_verb(before: &str, dicts: &Dicts) -> bool {
    reaching_words(dicts).any(|w| {
        w.strip_suffix(['到', '至'])
            .is_some_and(|stem| stem.chars().count() >= 2 && before.ends_with(stem))
    })
}

/// The first and last day a stated time covers.
type Days = (NaiveDate, NaiveDate);

/// The nearest time stated in the sentence before byte `pos`: (year, a deadline ahead?,
/// the days it covers).
fn time_in_sentence(
    sentence: &str,
    found: &[dates::DateMatch],
    pos: usize,
    dicts: &Dicts,
) -> Option<(i32, bool, Option<Days>)> {
    let (y, forward) = year_in_sentence(sentence, found, pos, dicts)?;
    let bounds = found.iter().rev().filter(|d| d.end <= pos).find_map(|d| {
        d.value
            .as_deref()
            .filter(|v| v.starts_with(&y.to_string()))
            .and_then(dates::value_bounds)
    });
    Some((y, forward, bounds))
}

fn year_in_sentence(
    sentence: &str,
    found: &[dates::DateMatch],
    pos: usize,
    dicts: &Dicts,
) -> Option<(i32, bool)> {
    found
        .iter()
        .rev()
        .filter(|d| d.end <= pos && matches!(d.kind.as_str(), "year" | "month" | "day" | "period"))
        // a period of months in one year (2022年1-6月) is a time; a span of years is not
        .filter(|d| {
            d.kind != "period"
                || d.value
                    .as_deref()
                    .is_some_and(|v| v.len() == 15 && v[..4] == v[8..12])
        })
        // 比2020年下降: a comparison base, not the year the figure is about
        .filter(|d| {
            let b = &sentence[..d.start];
            !(b.ends_with('比') || b.ends_with('较') || b.ends_with("相比") || b.ends_with('与'))
        })
        // 由2020年的7.8%提高到10%: the year of the starting value, not of the one reached
        .filter(|d| {
            let b = sentence[..d.start].trim_end();
            !((b.ends_with('由') || b.ends_with('从'))
                && ["到", "至"]
                    .iter()
                    .any(|w| sentence[d.end..pos].contains(w)))
        })
        .find_map(|d| {
            let v = d.value.as_deref()?;
            let y: i32 = v.get(..4)?.parse().ok()?;
            let ev = &sentence[d.start..d.end];
            // 到2025年, 力争2025年, 2025年底前: a deadline ahead (but in 增长到2020年的N the
            // 到 belongs to the verb)
            let forward = (ev.contains('到') && !after_change_verb(&sentence[..d.start], dicts))
                || ev.starts_with('至')
                || ev.starts_with("力争")
                || sentence[d.end..].starts_with('前')
                || ev.ends_with('前');
            Some((y, forward))
        })
}

fn has_any(s: &str, words: &[String]) -> bool {
    words.iter().any(|w| s.contains(w.as_str()))
}

/// What the headings above a sentence say about its figures.
#[derive(Debug, Clone, Copy, Default)]
struct Section {
    /// Some(true) a progress section (成效, 现状), Some(false) a goals section (目标).
    cue: Option<bool>,
    /// A year the heading states (二、到2025年主要目标; 专栏1 2025年主要指标), and whether
    /// it is a deadline ahead.
    year: Option<(i32, bool)>,
}

/// The governing headings' cue and year for each sentence.
fn sections(doc: &Document, sent_dates: &[Vec<dates::DateMatch>], dicts: &Dicts) -> Vec<Section> {
    let tw = &dicts.target_words;
    let levels = context::headings(doc);
    let mut out = vec![Section::default(); doc.sentences.len()];
    let mut stack: Vec<(u8, Section)> = Vec::new();
    for i in 0..doc.sentences.len() {
        if let Some(l) = levels[i] {
            let t = doc.sentence_text(i);
            let cue = if has_any(t, &tw.status_headings) {
                Some(true)
            } else if has_any(t, &tw.target_headings) {
                Some(false)
            } else {
                None
            };
            // only numbered headings (一、, (三), 专栏1 …) give a year: a short line with
            // no full stop may be a title or a lead (到2025年,…:) whose reach is its list
            let numbered = (1..=7).contains(&l);
            let year = sent_dates[i]
                .iter()
                .filter(|_| numbered)
                .find(|d| d.kind == "year")
                .and_then(|d| {
                    let y = d.value.as_deref()?.parse().ok()?;
                    let ev = &t[d.start..d.end];
                    Some((y, ev.contains('到') || cue == Some(false)))
                });
            if l == 0 {
                stack.clear();
            } else {
                while stack.last().is_some_and(|(sl, _)| *sl >= l && *sl != 0) {
                    stack.pop();
                }
            }
            stack.push((l, Section { cue, year }));
        }
        out[i] = Section {
            cue: stack.iter().rev().find_map(|(_, s)| s.cue),
            year: stack.iter().rev().find_map(|(_, s)| s.year),
        };
    }
    out
}

/// Extract the targets of a document. `published` helps tell goals from achieved figures;
/// `sent_dates` are the date expressions of each sentence, read with it as reference.
pub fn extract(
    doc: &Document,
    engine: &Engine,
    published: Option<NaiveDate>,
    sent_dates: &[Vec<dates::DateMatch>],
) -> Vec<Target> {
    let dicts = &engine.dicts;
    let gov_years = governing_years(doc, sent_dates, dicts);
    let plan_year = annual_plan_year(doc, dicts);
    let opening: String = doc.text.chars().take(300).collect();
    let report_text = [
        "答记者问",
        "新闻发布会",
        "答问",
        "问答",
        "记者",
        "日报讯",
        "报讯",
        "获悉",
        "据介绍",
    ]
    .iter()
    .any(|w| opening.contains(w))
        || doc.text.contains("\n答:")
        || doc.text.contains("\n答：");
    let horizon = published.map(|p| p.year()).unwrap_or_else(|| {
        // no date: the latest year the document aims at (到2025年)
        (0..doc.sentences.len())
            .flat_map(|i| {
                let text = doc.sentence_text(i);
                sent_dates[i].iter().filter_map(move |d| {
                    let ev = &text[d.start..d.end];
                    (d.kind == "year"
                        && ev.contains('到')
                        && !after_change_verb(&text[..d.start], dicts))
                    .then(|| d.value.as_deref()?.parse::<i32>().ok())?
                })
            })
            .max()
            .unwrap_or(i32::MIN)
    });
    let cues = sections(doc, sent_dates, dicts);
    let table_rows = tables::find(doc, dicts);
    let mut out: Vec<Target> = Vec::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        if table_rows.iter().any(|r| r.covers_sentence(si)) {
            continue;
        }
        let sent = doc.sentence_text(si);
        let base = doc.byte(s.start);
        let all = numbers::scan(sent, dicts);
        let mut kept: Vec<&Quantity> = all
            .iter()
            .filter(|q| reject(sent, q, dicts).is_none())
            .collect();
        // Category thresholds: a size class next to another figure in the same clause
        // (营业收入超百亿元企业30家, 5家千亿级平台型企业) only qualifies the count.
        let clause_of = |q: &Quantity| clause_bounds(sent, q);
        let clauses: Vec<(usize, usize)> = kept.iter().map(|q| clause_of(q)).collect();
        let mut firm: std::collections::HashMap<(usize, usize), usize> =
            std::collections::HashMap::new();
        for (q, c) in kept.iter().zip(&clauses) {
            if !(q.magnitude_only || q.class_suffix) {
                *firm.entry(*c).or_default() += 1;
            }
        }
        kept = kept
            .into_iter()
            .zip(&clauses)
            .filter(|(q, c)| {
                !((q.magnitude_only || q.class_suffix) && firm.get(*c).is_some_and(|&n| n > 0))
            })
            .map(|(q, _)| q)
            .collect();
        // group by clause
        let sentence_start = out.len();
        let mut i = 0;
        while i < kept.len() {
            let clause = clause_of(kept[i]);
            let mut j = i;
            while j < kept.len() && clause_of(kept[j]) == clause {
                j += 1;
            }
            let group = &kept[i..j];
            let segs = segments(clause, group, sent);
            // A、B分别达到N和M: every figure measures the indicator before 分别
            let respectively = group.len() > 1 && sent[clause.0..group[0].start].contains("分别");
            let group_start = out.len();
            for (q, seg) in group.iter().zip(segs) {
                let ctx = SentenceContext {
                    base,
                    sent,
                    dates: &sent_dates[si],
                    gov_year: gov_years[si],
                    section: cues[si],
                    dicts,
                    published,
                    horizon,
                    report_text,
                    plan_year,
                };
                let seg_text = &sent[seg.0..seg.1];
                if let Some(t) = build(doc, &ctx, q, seg).and_then(|t| {
                    named_by_neighbours(
                        t,
                        seg_text,
                        &out[group_start..],
                        out[sentence_start..].last(),
                        respectively,
                        dicts,
                    )
                }) {
                    out.push(t);
                }
            }
            share_class_heads(&mut out[group_start..]);
            i = j;
        }
    }
    out.extend(tables::targets(doc, &table_rows, published));
    out.sort_by_key(|t| t.span[0]);
    out
}

/// What [`build`] needs to know about the sentence a quantity sits in.
struct SentenceContext<'a> {
    /// Byte offset of the sentence in the document text.
    base: usize,
    sent: &'a str,
    /// Date expressions of the sentence.
    dates: &'a [dates::DateMatch],
    /// A 到YYYY年 (forward) or 截至YYYY年 earlier in the paragraph.
    gov_year: Option<(i32, bool)>,
    /// What the governing headings say: progress or goals, and a year.
    section: Section,
    dicts: &'a Dicts,
    /// The document's publication date, if known.
    published: Option<NaiveDate>,
    /// The year the document speaks from: its publication year, else the latest year a
    /// 到YYYY年 aims at (a period ending before it is past).
    horizon: i32,
    /// A Q&A or press text (答记者问, 问:/答:, 记者…获悉), where an indicator stating its
    /// figure with no cue reports a fact.
    report_text: bool,
    /// The year of a one-year plan (2023年…工作要点), for figures that state none.
    plan_year: Option<i32>,
}

/// A target from a quantity and its segment of the clause: the indicator in either order
/// (指标达到N / 建设N个指标), the comparator, then year and kind ([`finish_target`]).
fn build(
    doc: &Document,
    ctx: &SentenceContext,
    q: &Quantity,
    seg: (usize, usize),
) -> Option<Target> {
    let SentenceContext {
        base, sent, dicts, ..
    } = *ctx;
    let tw = &dicts.target_words;
    let cmp = numbers::comparator(sent, q, dicts);
    let c = |b: usize| doc.char_at(base + b);
    let (seg_a, seg_b) = (c(seg.0), c(seg.1));
    let before_end = c(q.start - cmp.before_len);
    let before_end = if doc.slice(seg_a, before_end).ends_with('各') {
        before_end - 1
    } else {
        before_end
    };
    let after_a = c(q.end + cmp.after_len);
    let (ba, bb) = clean_indicator(doc, seg_a, before_end, dicts);
    let before_empty = ba >= bb;
    // Does the text before the number end with an action verb (建设30家 / 突破100项关键技术)?
    let before_toks = doc.tokens_in(seg_a, c(q.start));
    let verb_before = before_toks
        .iter()
        .rev()
        .find(|t| t.end <= c(q.start) && t.start >= seg_a)
        .is_some_and(|t| is_verb_token(&t.word, &t.tag, dicts));
    let (aa, ab) = np_head(doc, after_a, seg_b, dicts);
    let after_np = ab > aa;
    let mut comparator = cmp.comparator.clone();
    let number_first = after_np && (before_empty || verb_before || (cmp.before_is_verb));
    if number_first
        && cmp.before_is_verb
        && comparator != "range"
        && cmp.after_len == 0
        && !q.approx_more
    {
        comparator = "=".into(); // 突破100项关键技术: a verb, not "more than"
    }
    // The indicator, and the chars of its main part (checked below for a bare verb).
    let (indicator, main) = if number_first {
        (doc.slice(aa, ab).to_string(), (aa, ab))
    } else if !before_empty {
        // 政务服务事项100%网上可办: a short predicate after the number belongs to the indicator.
        let tail = doc.slice(after_a, seg_b);
        let predicate = cmp.before_len == 0
            && after_np
            && tail.chars().count() <= 8
            && !tw.generic_heads.contains(tail);
        let text = if predicate {
            format!("{}{}", doc.slice(ba, bb), doc.slice(after_a, ab))
        } else {
            doc.slice(ba, bb).to_string()
        };
        (text, (ba, bb))
    } else if let Some(subject) = clause_subject(doc, ctx, seg_a) {
        // 2021年达到31.4万亿元: nothing before the number but a year; the subject is the
        // noun phrase that opens the sentence's previous clause.
        // (a subject and its figure state a fact about it, with or without 达到)
        return finish_target(doc, ctx, q, (seg_a, seg_b), subject, comparator, true);
    } else {
        return None;
    };
    let indicator = indicator.trim().to_string();
    if indicator.chars().count() < 2 {
        return None;
    }
    // An indicator that is only a verb (提高2个百分点) names nothing measured.
    let toks = doc.tokens_in(main.0, main.1);
    if !elliptical(&indicator)
        && !toks.is_empty()
        && toks.len() <= 2
        && toks.iter().all(|t| t.tag.starts_with('v') && t.tag != "vn")
    {
        return None;
    }
    let indicator = drop_inner_verbs(indicator, dicts);
    // 指标达到N / 指标N: the indicator first states a value (number first, 培育100家, is
    // something to do)
    let linking = !number_first;
    finish_target(doc, ctx, q, (seg_a, seg_b), indicator, comparator, linking)
}

/// Year, kind, evidence and span for a target whose indicator and comparator are known.
fn finish_target(
    doc: &Document,
    ctx: &SentenceContext,
    q: &Quantity,
    (seg_a, seg_b): (usize, usize),
    indicator: String,
    comparator: String,
    linking: bool,
) -> Option<Target> {
    let SentenceContext {
        sent,
        gov_year,
        section,
        dicts,
        published,
        ..
    } = *ctx;
    let tw = &dicts.target_words;
    // Year: stated in the sentence before the number, else a governing 到YYYY年 in the
    // paragraph, a year in the governing heading, or a one-year plan's title year.
    let own = time_in_sentence(sent, ctx.dates, q.start, dicts);
    let days = own.and_then(|o| o.2);
    let (year, forward) = match (own, gov_year.or(section.year)) {
        (Some((y, f, _)), _) => (Some(y), f),
        (None, Some((y, forward))) => (Some(y), forward),
        (None, None) => (ctx.plan_year, ctx.plan_year.is_some()),
    };
    let section = section.cue;
    // 今年1-5月 in a June text is over; 今年12月 is ahead.
    let (ended, ahead) = match (days, published) {
        (Some((first, last)), Some(p)) => (last < p, first > p),
        _ => (false, false),
    };
    // the cue words are looked for in the sentence (within the window around the figure)
    let (wa, wb) = window(sent, q);
    let clause_text = &sent[wa..wb];
    // “十三五”时期 (a plan period over before the document's horizon) reports facts.
    let past_period = ctx.dates.iter().any(|d| {
        d.end <= q.start
            && d.kind == "period"
            && d.value
                .as_deref()
                .and_then(|v| v.split('/').nth(1))
                .and_then(|e| e.parse::<i32>().ok())
                .is_some_and(|end| end < ctx.horizon)
    });
    let status_cue =
        has_any(clause_text, &tw.status_cues) || past_span().is_match(clause_text) || past_period;
    let target_cue = has_any(clause_text, &tw.target_cues);
    let kind = match (year, published) {
        (Some(y), Some(p)) if y < p.year() => "status",
        (Some(y), Some(p)) if y > p.year() => "target",
        (Some(_), Some(_)) if ended && !forward => "status",
        (Some(_), Some(_)) if ahead => "target",
        (Some(_), _) if forward => "target",
        // no date: the year the document aims at (its latest 到YYYY年) is a goal's
        (Some(y), None) if ctx.horizon != i32::MIN && y >= ctx.horizon => "target",
        (Some(_), None) if !target_cue => "status",
        _ if status_cue && !forward => "status",
        _ if target_cue => "target",
        _ if section == Some(true) => "status",
        _ if section.is_none() && ctx.report_text && linking => "status",
        _ => "target",
    };
    Some(Target {
        indicator,
        value: q.value,
        value_max: q.value_max,
        unit: q.unit.clone(),
        comparator,
        year,
        kind: kind.into(),
        attribute: None,
        evidence: doc.slice(seg_a, seg_b).trim().to_string(),
        span: doc.span(seg_a, seg_b),
    })
}

/// The noun phrase that opens the nearest earlier clause of the sentence (its subject).
fn clause_subject(doc: &Document, ctx: &SentenceContext, seg_a: usize) -> Option<String> {
    let sentence_start = doc.char_at(ctx.base);
    let head = doc.slice(sentence_start, seg_a);
    let mut end = sentence_start + head.chars().count();
    for clause in head
        .split(CLAUSE_DELIMS)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
    {
        let n = clause.chars().count();
        let start = end - n;
        let (a, b) = clean_indicator(doc, start, end, ctx.dicts);
        // 5G基站数:20万个: a label and its value; the whole label names the indicator
        let labelled = doc.slice(b, seg_a).trim() == ":" || doc.slice(b, seg_a).trim() == "：";
        if labelled && b > a + 1 && b - a <= 30 {
            return Some(doc.slice(a, b).to_string());
        }
        let mut np_end = a;
        for t in doc.tokens_in(a, b) {
            if t.start < a {
                continue;
            }
            let nounish =
                t.tag.starts_with('n') || matches!(t.tag.as_str(), "vn" | "j" | "nz" | "eng" | "x");
            if !nounish || t.end > b {
                break;
            }
            np_end = t.end;
        }
        if np_end > a && np_end - a >= 2 {
            return Some(doc.slice(a, np_end).to_string());
        }
        end = start.saturating_sub(1);
    }
    None
}
