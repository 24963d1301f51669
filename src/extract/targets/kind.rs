//! A figure's year and kind: a goal (`target`) or a measured fact (`status`), from its year
//! against the publication date, the cue words of its sentence (已, 截至 / 力争, 到), the
//! section it sits in, and whether the document is a press text.

use super::filters::{clause_bounds, window};
use super::time::time_in_sentence;
use super::Frame;
use crate::extract::numbers::Quantity;
use crate::extract::Text;
use crate::report::{Comparator, DateKind, Target, TargetKind};
use crate::rules::Rule;

/// What the indicator rules read of a figure, before its year and kind are known.
pub struct Reading {
    pub indicator: String,
    pub comparator: Comparator,
    /// The indicator states its figure (指标达到N), rather than a figure to make (培育N家).
    pub linking: bool,
    /// The figure is only named (本区骨干河道39条段): no verb, no comparator word, nothing
    /// to do or reach.
    pub bare: bool,
    pub rule: Rule,
}

/// What a figure's sentence says about its kind.
struct Cues {
    status: bool,
    target: bool,
    /// The figure a change starts from (由12万吨/天提高到20万吨/天): the present value.
    baseline: bool,
    /// A goal word in the figure's own clause (…；计划修复排水管道15.11km) and no word of a
    /// fact there: it speaks of that figure, whatever year an earlier clause gave.
    own_target: bool,
}

/// Cue words before the figure and in its own clause (a cue in a later clause speaks of
/// that clause: …超过1.5亿户,…一定能够完成目标任务); a plan period over before the
/// document's horizon (“十三五”时期) and a past span (近3年, 上年) report facts.
fn cues(tx: &Text, f: &Frame, q: &Quantity) -> Cues {
    let v = &tx.res.targets;
    let (wa, _) = window(f.sent, q);
    let (_, clause_end) = clause_bounds(f.sent, q);
    let around = &f.sent[wa..clause_end];
    let past_period = f.dates.iter().any(|d| {
        d.end <= q.start
            && d.kind == DateKind::Period
            && d.value
                .as_deref()
                .and_then(|v| v.split('/').nth(1))
                .and_then(|e| e.parse::<i32>().ok())
                .is_some_and(|end| end < f.doc.horizon)
    });
    // the clause of the figure and the next one (由12万吨/天,提高至24万吨/天)
    let next_end = f.sent[clause_end..]
        .char_indices()
        .skip(1)
        .find(|(_, c)| super::filters::CLAUSE_DELIMS.contains(c))
        .map_or(f.sent.len(), |(i, _)| clause_end + i);
    let after = &f.sent[q.end..next_end];
    let baseline = v
        .words
        .change_from
        .iter()
        .any(|w| f.sent[..q.start].trim_end().ends_with(w.as_str()))
        && v.words.change_to.iter().any(|w| after.contains(w.as_str()));
    let (clause_start, _) = clause_bounds(f.sent, q);
    let own = &f.sent[clause_start..clause_end];
    let own_target = v.target_cues.any_in(own) && !v.status_cues.any_in(own);
    Cues {
        own_target,
        status: v.status_cues.any_in(around) || v.past_span.is_match(around) || past_period,
        target: v.target_cues.any_in(around),
        baseline,
    }
}

/// Year, kind, evidence and span for a figure whose indicator and comparator are read.
pub fn finish_target(
    tx: &Text,
    f: &Frame,
    q: &Quantity,
    (seg_a, seg_b): (usize, usize),
    r: Reading,
) -> Option<Target> {
    let published = tx.published;
    // Year: stated in the sentence before the number, else a governing 到YYYY年 in the
    // paragraph, a year in the governing heading, or a one-year plan's title year.
    let own = time_in_sentence(f.sent, f.dates, q.start, &tx.res.numbers).or(f.continued);
    let days = own.and_then(|o| o.days);
    let (year, forward) = match (own, f.gov_year.or(f.section.year)) {
        (Some(s), _) => (Some(s.year), s.forward),
        (None, Some((y, fw))) => (Some(y), fw),
        (None, None) => (f.doc.plan_year, f.doc.plan_year.is_some()),
    };
    // a relative time (今年) tells the kind, but the figure states no year
    // (a yearless deadline in a one-year plan, 3月底前, is in the year its title states)
    let in_plan_year = own.is_some_and(|s| s.yearless && f.doc.plan_year == Some(s.year));
    let reported = if own.is_some_and(|s| s.relative) && !in_plan_year {
        None
    } else {
        year
    };
    // 今年1-5月 in a June text is over; 今年12月 is ahead.
    let (ended, ahead) = match (days, published) {
        (Some((first, last)), Some(p)) => (last < p, first > p),
        _ => (false, false),
    };
    let c = cues(tx, f, q);
    let section = f.section.cue;
    let pub_year = published.map(|p| chrono::Datelike::year(&p));
    // a time of the sentence's own that is still running (今年 in March): what it will
    // bring is planned, unless the sentence says it is done
    let running = own.is_some() && !ended && !c.status;
    // 38.整合县本级40个单位的业务数据: a numbered item is work to do
    let numbered = crate::extract::outline::marker(f.sent.trim_start()).is_some();
    let status = match (year, pub_year) {
        _ if c.baseline => true,
        _ if c.own_target => false,
        // 提出到2020年…达40%以上: a goal set for a year now past is still a goal
        (Some(y), Some(p)) if y < p && forward && c.target && !c.status => false,
        (Some(y), Some(p)) if y < p => true,
        (Some(y), Some(p)) if y > p => false,
        (Some(_), Some(_)) if ended && !forward => true,
        (Some(_), Some(_)) if ahead || running => false,
        (Some(_), _) if forward => false,
        // no date: the year the document aims at (its latest 到YYYY年) is a goal's
        (Some(y), None) if f.doc.horizon != i32::MIN && y >= f.doc.horizon => false,
        // 年内, 6月底前 in a one-year plan with no date: the plan's own time, still ahead
        (Some(_), None) if in_plan_year && !c.status => false,
        (Some(_), None) if !c.target => true,
        _ if c.status && !forward => true,
        _ if c.target => false,
        _ if section == Some(true) => true,
        // 本区骨干河道39条段 with no year, cue or goals heading: what there is
        (None, _) if section.is_none() && r.bare && !numbered => true,
        // a press text reports: an indicator stating its figure with no cue is a fact
        // (培育100家 names something to do, even there)
        _ if section.is_none() && f.doc.report_text && r.linking => true,
        _ => false,
    };
    Some(Target {
        indicator: r.indicator,
        value: q.value,
        value_max: q.value_max,
        unit: q.unit.clone(),
        comparator: r.comparator,
        year: reported,
        kind: if status {
            TargetKind::Status
        } else {
            TargetKind::Target
        },
        attribute: None,
        evidence: tx.doc.slice(seg_a, seg_b).trim().to_string(),
        span: tx.doc.span(seg_a, seg_b),
        rule: r.rule,
    })
}
