//! The indicator of a figure: the noun phrase it measures, cut with jieba's word boundaries —
//! before the number (`target.linking`: 指标达到N), after it (`target.number_first`:
//! 建设N个指标), or the subject of an earlier clause (`target.clause_subject`,
//! `target.label_value`).

use super::filters::CLAUSE_DELIMS;
use super::kind::{finish_target, Reading};
use super::{Frame, Vocab};
use crate::extract::numbers::{self, Quantity};
use crate::extract::outline;
use crate::extract::Text;
use crate::report::{Comparator, Target};
use crate::rules::Rule;
use crate::segment::Token;

fn is_verb_token(t: &Token, v: &Vocab) -> bool {
    v.words.lead_verbs.contains(t.word) || (t.tag.starts_with('v') && t.tag != "vn")
}

/// One step of stripping an indicator's opening; None when nothing more comes off.
fn strip_opening(tx: &Text, a: usize, b: usize) -> Option<usize> {
    let v = &tx.res.targets;
    let s = tx.doc.slice(a, b);
    // list markers: ——, bullets, (一), 1., 一是
    if let Some(m) = outline::marker(s) {
        return Some(a + s[..m.len].chars().count());
    }
    if s.chars().nth(1) == Some('是')
        && s.starts_with(['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'])
    {
        return Some(a + 2);
    }
    let trimmed = s.trim_start_matches([' ', '、', '(', '（', '—', '-', '•', '●']);
    if trimmed.len() != s.len() {
        return Some(a + s.chars().count() - trimmed.chars().count());
    }
    let may_be_date =
        s.starts_with(|c: char| c.is_ascii_digit() || "到力争至截在于从十二".contains(c));
    if let Some(d) = may_be_date
        .then(|| crate::extract::dates::scan(&tx.res.dates, s, Default::default()))
        .into_iter()
        .flatten()
        .find(|d| d.start == 0)
    {
        return Some(a + s[..d.end].chars().count());
    }
    if let Some(m) = v.leading_time.find(s) {
        return Some(a + m.as_str().chars().count());
    }
    if let Some(p) = v
        .words
        .scope_prefixes
        .iter()
        .find(|p| s.starts_with(p.as_str()))
    {
        return Some(a + p.chars().count());
    }
    strip_opening_token(tx, a, b)
}

/// Strip an adverb, lead verb, other adverb or conjunction opening `[a, b)` — but not a
/// listed word used as a modifier of the noun after it (重点行业, 新产品).
fn strip_opening_token(tx: &Text, a: usize, b: usize) -> Option<usize> {
    let v = &tx.res.targets;
    let toks = tx.tokens.tokens_in(a, b);
    let t = toks.iter().find(|t| t.end > a)?;
    if t.start < a {
        return None;
    }
    let w = t.word;
    let modifier =
        ((t.tag.starts_with('n') && t.tag != "nz") || t.tag.starts_with('a') || t.tag == "b")
            && toks.iter().find(|n| n.start >= t.end).is_some_and(|n| {
                (n.tag.starts_with('n') || n.tag == "vn") && !v.words.lead_verbs.contains(n.word)
            });
    if modifier && !v.words.lead_verbs.contains(w) {
        return None;
    }
    let strip = v.words.adverbs.contains(w)
        || v.words.lead_verbs.contains(w)
        || (t.tag == "d" && t.end < b)
        || (t.tag == "c" && t.end < b);
    strip.then(|| t.end.min(b))
}

/// One step of stripping an indicator's ending; None when nothing more comes off.
fn strip_ending(tx: &Text, a: usize, b: usize) -> Option<usize> {
    let v = &tx.res.targets;
    let s = tx.doc.slice(a, b);
    for tail in &v.words.tails {
        let n = tail.chars().count();
        // a whole word at the end (增速均 → 增速), not the end of one (年均, 人均)
        if s.ends_with(tail.as_str())
            && s.chars().count() > n
            && tx.tokens.tokens_in(a, b).iter().any(|t| t.start == b - n)
        {
            return Some(b - n);
        }
    }
    // …占比由2020年(的) 7.8%: the base year is not part of the indicator
    let t_de = s.strip_suffix('的').unwrap_or(s);
    let may_end_in_date = t_de.ends_with(['年', '月', '日', '底', '末', '初', '期', '间']);
    if let Some(d) = may_end_in_date
        .then(|| crate::extract::dates::scan(&tx.res.dates, t_de, Default::default()))
        .into_iter()
        .flatten()
        .find(|d| d.end == t_de.len() && d.start > 0)
    {
        return Some(b - s[d.start..].chars().count());
    }
    let trimmed = s.trim_end_matches([' ', '、', ',', '(', '（']);
    (trimmed.len() != s.len()).then(|| b - (s.chars().count() - trimmed.chars().count()))
}

/// Strip leading markers, time phrases, adverbs and lead verbs, and trailing tails.
pub fn clean_indicator(tx: &Text, a: usize, b: usize) -> (usize, usize) {
    let mut a = a;
    while a < b {
        match strip_opening(tx, a, b) {
            Some(n) if n > a => a = n.min(b),
            _ => break,
        }
    }
    let mut b = b;
    while b > a {
        match strip_ending(tx, a, b) {
            Some(n) if n < b => b = n.max(a),
            _ => break,
        }
    }
    (a, b)
}

/// The head of a noun phrase after the number: after the last 的, without generic heads.
pub fn np_head(tx: &Text, a: usize, b: usize) -> (usize, usize) {
    let s = tx.doc.slice(a, b);
    let mut a = a;
    if let Some(i) = s.rfind('的') {
        let rest = &s[i + '的'.len_utf8()..];
        if rest.chars().count() >= 2 {
            a += s[..i].chars().count() + 1;
        }
    }
    let (a, b) = clean_indicator(tx, a, b);
    if tx
        .res
        .targets
        .words
        .generic_heads
        .contains(tx.doc.slice(a, b))
    {
        return (a, a);
    }
    (a, b)
}

/// True when the indicator only names a measure of something said before (年均增长, 占GDP比重).
pub fn elliptical(ind: &str, v: &Vocab) -> bool {
    v.words
        .elliptical
        .iter()
        .any(|p| ind.starts_with(p.as_str()))
}

/// Drop a verb standing between two noun phrases (全省工业实现营业收入 → 全省工业营业收入).
fn drop_inner_verbs(indicator: String, v: &Vocab) -> String {
    for w in &v.words.inner_verbs {
        if let Some(i) = indicator.find(w.as_str()) {
            let (before, after) = (&indicator[..i], &indicator[i + w.len()..]);
            if before.chars().count() >= 2 && after.chars().count() >= 2 {
                return format!("{before}{after}");
            }
        }
    }
    indicator
}

/// A target from a quantity and its segment of the clause: the indicator in either order
/// (指标达到N / 建设N个指标), the comparator, then year and kind ([`finish_target`]).
pub fn build(tx: &Text, f: &Frame, q: &Quantity, seg: (usize, usize)) -> Option<Target> {
    let v = &tx.res.targets;
    let doc = tx.doc;
    let cmp = numbers::comparator(f.sent, q, &tx.res.numbers);
    let c = |b: usize| doc.char_at(f.base + b);
    let (seg_a, seg_b) = (c(seg.0), c(seg.1));
    let mut before_end = c(q.start - cmp.before_len);
    if doc.slice(seg_a, before_end).ends_with('各') {
        before_end -= 1;
    }
    let after_a = c(q.end + cmp.after_len);
    let (ba, bb) = clean_indicator(tx, seg_a, before_end);
    let before_empty = ba >= bb;
    // Does the text before the number end with an action verb (建设30家 / 突破100项关键技术)?
    let verb_before = tx
        .tokens
        .tokens_in(seg_a, c(q.start))
        .iter()
        .rev()
        .find(|t| t.end <= c(q.start) && t.start >= seg_a)
        .is_some_and(|t| is_verb_token(t, v));
    let (aa, ab) = np_head(tx, after_a, seg_b);
    let after_np = ab > aa;
    let number_first = after_np && (before_empty || verb_before || cmp.before_is_verb);
    let mut comparator = cmp.comparator;
    if number_first
        && cmp.before_is_verb
        && comparator != Comparator::Range
        && cmp.after_len == 0
        && !q.more
    {
        comparator = Comparator::Eq; // 突破100项关键技术: a verb, not "more than"
    }
    let seg = (seg_a, seg_b);
    let (indicator, main, rule) = if number_first {
        (
            doc.slice(aa, ab).to_string(),
            (aa, ab),
            Rule::TargetNumberFirst,
        )
    } else if !before_empty {
        // 政务服务事项100%网上可办: a short predicate after the number belongs to the indicator.
        let tail = doc.slice(after_a, seg_b);
        let predicate = cmp.before_len == 0
            && after_np
            && tail.chars().count() <= 8
            && !v.words.generic_heads.contains(tail);
        let text = if predicate {
            format!("{}{}", doc.slice(ba, bb), doc.slice(after_a, ab))
        } else {
            doc.slice(ba, bb).to_string()
        };
        (text, (ba, bb), Rule::TargetLinking)
    } else {
        // 2021年达到31.4万亿元: nothing before the number but a year; the subject is the
        // noun phrase that opens the sentence's previous clause (a subject and its figure
        // state a fact about it, with or without 达到).
        let (subject, rule) = clause_subject(tx, f, seg_a)?;
        let reading = Reading {
            indicator: subject,
            comparator,
            linking: true,
            rule,
        };
        return finish_target(tx, f, q, seg, reading);
    };
    let indicator = indicator.trim().to_string();
    if indicator.chars().count() < 2 || bare_verb(tx, &indicator, main) {
        return None;
    }
    let reading = Reading {
        indicator: drop_inner_verbs(indicator, v),
        comparator,
        // 指标达到N / 指标N: the indicator first states a value (number first, 培育100家, is
        // something to do)
        linking: !number_first,
        rule,
    };
    finish_target(tx, f, q, seg, reading)
}

/// An indicator that is only a verb (提高2个百分点) names nothing measured.
fn bare_verb(tx: &Text, indicator: &str, (a, b): (usize, usize)) -> bool {
    let toks = tx.tokens.tokens_in(a, b);
    !elliptical(indicator, &tx.res.targets)
        && !toks.is_empty()
        && toks.len() <= 2
        && toks.iter().all(|t| t.tag.starts_with('v') && t.tag != "vn")
}

/// The noun phrase that opens the nearest earlier clause of the sentence (its subject), or
/// the whole label of a `label: value` line.
fn clause_subject(tx: &Text, f: &Frame, seg_a: usize) -> Option<(String, Rule)> {
    let doc = tx.doc;
    let sentence_start = doc.char_at(f.base);
    let head = doc.slice(sentence_start, seg_a);
    let mut end = sentence_start + head.chars().count();
    let clauses: Vec<&str> = head.split(CLAUSE_DELIMS).collect();
    for clause in clauses.into_iter().rev() {
        let start = end - clause.chars().count();
        let (a, b) = clean_indicator(tx, start, end);
        // 5G基站数:20万个: a label and its value; the whole label names the indicator
        let gap = doc.slice(b, seg_a).trim();
        if (gap == ":" || gap == "：") && b > a + 1 && b - a <= 30 {
            return Some((doc.slice(a, b).to_string(), Rule::TargetLabelValue));
        }
        let np_end = noun_run_end(tx, a, b);
        if np_end > a && np_end - a >= 2 {
            return Some((doc.slice(a, np_end).to_string(), Rule::TargetClauseSubject));
        }
        end = start.saturating_sub(1);
    }
    None
}

/// Where the run of noun-like tokens that opens `[a, b)` ends.
fn noun_run_end(tx: &Text, a: usize, b: usize) -> usize {
    let mut np_end = a;
    for t in tx.tokens.tokens_in(a, b) {
        if t.start < a {
            continue;
        }
        let nounish = t.tag.starts_with('n') || matches!(t.tag, "vn" | "j" | "nz" | "eng" | "x");
        if !nounish || t.end > b {
            break;
        }
        np_end = t.end;
    }
    np_end
}
