//! Figures named by their neighbours: a clause with several figures is cut into one segment
//! per figure, and a figure whose own words name only a measure takes its name from the
//! figure before it (`target.same_indicator`, `target.elliptical`).

use super::indicator::elliptical;
use super::Vocab;
use crate::extract::numbers::{Grammar, Quantity};
use crate::report::Target;
use crate::rules::Rule;

/// Conjunctions that join two figures of a clause (建设20个左右A和100个以上B).
pub const CONJUNCTIONS: [&str; 4] = ["以及", "和", "及", "与"];

/// Segments of a clause: one per kept quantity, split at the last 、 between neighbours,
/// else at the first conjunction.
pub fn segments(clause: (usize, usize), qs: &[&Quantity], sentence: &str) -> Vec<(usize, usize)> {
    let mut bounds = vec![clause.0];
    for w in qs.windows(2) {
        let (a, b) = (w[0].end, w[1].start);
        let between = &sentence[a..b];
        let cut = between
            .rfind('、')
            .or_else(|| CONJUNCTIONS.iter().filter_map(|c| between.find(c)).min())
            .map(|i| a + i);
        bounds.push(cut.unwrap_or(a));
    }
    bounds.push(clause.1);
    (0..qs.len())
        .map(|i| {
            let mut s = bounds[i];
            if i > 0 {
                let rest = &sentence[s..];
                s += std::iter::once("、")
                    .chain(CONJUNCTIONS)
                    .find(|c| rest.starts_with(*c))
                    .map_or(0, str::len);
            }
            (s, bounds[i + 1])
        })
        .collect()
}

/// The figures around one: those already read in its clause and the last one read in its
/// sentence.
pub struct Neighbours<'a> {
    /// The figure's segment of its clause.
    pub seg_text: &'a str,
    /// Figures already read in the clause.
    pub clause: &'a [Target],
    /// The last figure read in the sentence.
    pub before: Option<&'a Target>,
    /// The clause says 分别 before its first figure.
    pub respectively: bool,
    /// The figure's indicator is only a verb counting things (其中完建4座).
    pub verb_only: bool,
    /// The last figure of the sentence that named its own thing (14座水闸).
    pub anchor: Option<&'a Target>,
}

/// A figure's indicator as its neighbours imply it; `None` when it names nothing measured.
pub fn named_by_neighbours(
    mut t: Target,
    n: &Neighbours,
    v: &Vocab,
    g: &Grammar,
) -> Option<Target> {
    // 从2015年的0.58万亿元增长到2020年的1.67万亿元: the value reached measures the same
    // indicator as the value it starts from
    let seg_text = n.seg_text.trim_start_matches([' ', '、', ',', '，']);
    let reaches = g.reaching_words().any(|w| seg_text.starts_with(w));
    if let Some(prev) = n.clause.last().filter(|_| reaches) {
        t.indicator = prev.indicator.clone();
        t.rule = Rule::TargetSameIndicator;
    }
    // A和B分别达到N和M: every figure measures the indicator named before 分别
    if let Some(first) = n.clause.first().filter(|_| n.respectively) {
        t.indicator = first.indicator.clone();
        t.rule = Rule::TargetSameIndicator;
    }
    // 启动建设14座水闸,其中完建4座、在建10座: a verb counting the thing the figure before
    // it named, in the same measure word
    if n.verb_only {
        let prev = n.anchor.filter(|p| p.unit == t.unit)?;
        t.indicator = format!("{}{}", t.indicator, counted_thing(&prev.indicator, v));
        t.rule = Rule::TargetElliptical;
        return Some(t);
    }
    // 新建5G基站4万个,总数达到15万个: a bare measure of the thing just counted
    if v.words.bare_measures.contains(&t.indicator) {
        t.indicator = format!("{}{}", counted_thing(&n.before?.indicator, v), t.indicator);
        t.rule = Rule::TargetElliptical;
    }
    // …增加值突破1000亿元,年均增长15%,占GDP比重12%: the later clauses measure the same
    // subject; give them its name
    if elliptical(&t.indicator, v) {
        match n.before {
            Some(prev) => {
                t.indicator = format!("{}{}", subject_of(prev, &t.indicator, v), t.indicator);
                t.rule = Rule::TargetElliptical;
            }
            // 增长6.5% with nothing before it names nothing measured
            None if t.indicator.chars().count() <= 2 => return None,
            None => {}
        }
    }
    Some(t)
}

/// The subject an elliptical indicator refers to: the part of the previous indicator before
/// its measure (…增加值占GDP比重 + 年均增长 → …增加值年均增长), or the whole previous
/// indicator for a comparison with a base (…比重 + 比2015年提高).
fn subject_of(t: &Target, elliptic: &str, v: &Vocab) -> String {
    let ind = t.indicator.as_str();
    if elliptic.starts_with('比') || elliptic.starts_with('较') {
        return ind.to_string();
    }
    for cut in &v.words.measure_cuts {
        if let Some(i) = ind.find(cut.as_str()) {
            if i > 0 {
                return ind[..i].to_string();
            }
        }
    }
    ind.to_string()
}

/// 2个千亿级、5个百亿级数字产业集群: a bare size class (千亿级) takes the head named
/// after the next figure of its clause.
pub fn share_class_heads(clause: &mut [Target]) {
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
fn counted_thing(indicator: &str, v: &Vocab) -> String {
    let cut = v
        .words
        .lead_verbs
        .iter()
        .filter_map(|w| indicator.rfind(w.as_str()).map(|i| i + w.len()))
        .filter(|&e| e < indicator.len())
        .max()
        .unwrap_or(0);
    indicator[cut..].to_string()
}
