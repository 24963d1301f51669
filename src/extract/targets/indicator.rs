//! The indicator of a figure: the noun phrase it measures, cut with jieba's word boundaries —
//! before the number (`target.linking`: 指标达到N), after it (`target.number_first`:
//! 建设N个指标), or the subject of an earlier clause (`target.clause_subject`,
//! `target.label_value`).

use super::filters::CLAUSE_DELIMS;
use super::kind::{finish_target, Reading};
use super::{Frame, Vocab};
use crate::dicts::UnitClass;
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
    let trimmed = s.trim_start_matches([' ', '、', '(', '（', '—', '-', '•', '●', '的']);
    if trimmed.len() != s.len() {
        return Some(a + s.chars().count() - trimmed.chars().count());
    }
    let may_be_date = s.starts_with(|c: char| {
        c.is_ascii_digit()
            || matches!(
                c,
                '到' | '力'
                    | '争'
                    | '至'
                    | '截'
                    | '在'
                    | '于'
                    | '从'
                    | '十'
                    | '二'
                    | '今'
                    | '去'
                    | '明'
                    | '本'
                    | '前'
            )
    });
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

/// Where an indicator starts after a source and its verb of forecast or report inside it
/// (`attribution`: IMF预计明年全球经济增速 → 明年全球经济增速, then the time word goes): the
/// verb must be a whole token with a subject before it and two characters after it.
fn after_attribution(tx: &Text, a: usize, b: usize) -> usize {
    let words = &tx.res.targets.words.attributions;
    // most indicators name no source: skip the tokens then (this runs on every cleaning)
    let s = tx.doc.slice(a, b);
    if !words.iter().any(|w| s.contains(w.as_str())) {
        return a;
    }
    tx.tokens
        .tokens_in(a, b)
        .iter()
        .rev()
        .find(|t| t.start > a && t.end + 2 <= b && words.iter().any(|w| w == t.word))
        .map(|t| t.end)
        .unwrap_or(a)
}

/// Strip leading markers, time phrases, adverbs and lead verbs, and trailing tails.
pub fn clean_indicator(tx: &Text, a: usize, b: usize) -> (usize, usize) {
    let mut a = after_attribution(tx, a, b);
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

/// The head of a noun phrase after the number: after the last 的, without generic heads,
/// and without a trailing clause (1万名专业人才开展培训 → 专业人才): the phrase ends before a
/// predicate verb that has an object after it (lead verbs are left: 改造 and 建设 often
/// stand inside a compound noun).
pub fn np_head(tx: &Text, a: usize, b: usize) -> (usize, usize) {
    // a bracket right after the figure (99%(国标)) is a note on it, no noun
    let (a, b) = clean_indicator(tx, skip_bracket(tx, a, b), b);
    let s = tx.doc.slice(a, b);
    let mut a = a;
    if let Some(i) = s.rfind('的') {
        let rest = &s[i + '的'.len_utf8()..];
        // 14个部门的综合性平台 counts 部门: a plain noun before 的 is what is counted;
        // 30家具有国际竞争力的企业 counts the head after 的
        let counted = plain_noun(tx, a, a + s[..i].chars().count());
        if rest.chars().count() >= 2 && !counted {
            a += s[..i].chars().count() + 1;
        } else if counted {
            return (a, a + s[..i].chars().count());
        }
    }
    let (a, b) = clean_indicator(tx, a, b);
    if !opens_with_noun(tx, a, b) {
        return (a, a);
    }
    let b = trailing_clause(tx, a, b).map_or(b, |cut| clean_indicator(tx, a, cut).1);
    let b = adjective_predicate(tx, a, b).unwrap_or(b);
    let b = bracket_or_all(tx, a, b);
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

/// Where a predicate of adjectives or adverbs starts after the nouns that open `[a, b)`
/// and runs to its end with no noun of its own (14亿多人民勤劳致富 → 人民; 专精特新“小巨人”
/// 企业 ends in a noun and stays whole).
fn adjective_predicate(tx: &Text, a: usize, b: usize) -> Option<usize> {
    let end = noun_run_end(tx, a, b);
    let rest = tx.tokens.tokens_in(end, b);
    let mut rest = rest.iter().filter(|t| t.start >= end);
    let opens = rest
        .next()
        .is_some_and(|t| matches!(t.tag, "a" | "ad" | "d" | "l" | "i"));
    let noun =
        |t: &&crate::segment::Token| matches!(t.tag, "n" | "vn" | "nz" | "ns" | "nt" | "j" | "eng");
    (end > a && end < b && opens && !rest.any(|t| noun(&t))).then_some(end)
}

/// Skip a bracketed note that opens `[a, b)`.
fn skip_bracket(tx: &Text, a: usize, b: usize) -> usize {
    let s = tx.doc.slice(a, b);
    for (o, c) in [('(', ')'), ('（', '）')] {
        if let Some(rest) = s.strip_prefix(o) {
            if let Some(i) = rest.find(c) {
                return a + rest[..i].chars().count() + 2;
            }
        }
    }
    a
}

/// Cut a noun phrase before a bracketed note inside it, or before 全部/均 and what follows
/// (26座水闸(不含…)全部排除病险 → 水闸).
fn bracket_or_all(tx: &Text, a: usize, b: usize) -> usize {
    let s = tx.doc.slice(a, b);
    let cut = ['(', '（']
        .iter()
        .filter_map(|o| s.find(*o))
        .chain(["全部", "均"].iter().filter_map(|w| s.find(w)))
        .filter(|&i| i > 0)
        .min();
    match cut {
        Some(i) if s[..i].chars().count() >= 2 => a + s[..i].chars().count(),
        _ => b,
    }
}

/// Whether `[a, b)` is one plain noun (部门, 企业): nouns only, at most two tokens.
fn plain_noun(tx: &Text, a: usize, b: usize) -> bool {
    let toks = tx.tokens.tokens_in(a, b);
    !toks.is_empty()
        && toks.len() <= 2
        && toks
            .iter()
            .all(|t| t.start >= a && t.end <= b && t.tag.starts_with('n'))
}

/// Whether a noun phrase opens with a noun-like word (not 在持续增长, 并且…).
fn opens_with_noun(tx: &Text, a: usize, b: usize) -> bool {
    let toks = tx.tokens.tokens_in(a, b);
    toks.iter().take(2).any(|t| {
        t.tag.starts_with('n')
            || matches!(
                t.tag,
                "vn" | "j" | "eng" | "x" | "m" | "b" | "a" | "l" | "i" | "s" | "f"
            )
            || t.word.chars().any(|c| c.is_ascii_alphanumeric())
    }) || toks.is_empty()
}

/// Where a trailing clause starts in the noun phrase `[a, b)`: a predicate verb
/// after at least one word, with more words after it.
fn trailing_clause(tx: &Text, a: usize, b: usize) -> Option<usize> {
    let w = &tx.res.targets.words;
    let toks = tx.tokens.tokens_in(a, b);
    toks.iter()
        .enumerate()
        .skip(1)
        .find(|(k, t)| {
            t.start > a && t.end < b && *k + 1 < toks.len() && w.predicates.contains(t.word)
        })
        .map(|(_, t)| t.start)
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

/// Drop an adverb right before the verb of change that ends an indicator (中国经济将增长 →
/// 中国经济增长): the adverb says when or how surely, not what is measured.
fn drop_adverb_before_change(indicator: String, v: &Vocab) -> String {
    let w = &v.words;
    for change in w.rise.iter().chain(&w.fall) {
        let Some(head) = indicator.strip_suffix(change.as_str()) else {
            continue;
        };
        for adverb in &w.adverbs {
            if let Some(subject) = head.strip_suffix(adverb.as_str()) {
                if subject.chars().count() >= 2 {
                    return format!("{subject}{change}");
                }
            }
        }
    }
    indicator
}

/// A list of names after the verb that governs it, in an indicator (扩容城东、城西、南门…):
/// the text before the names (the subject and verb, adverbs, time words and 了 dropped:
/// 合肥还先后引进了… → 合肥引进), the longest name's length, and where the last piece starts.
/// The first name starts after the last verb (or lead verb) of the first piece, else it is
/// about as long as the longest name between separators; a lead verb stripped before the
/// indicator still governs it (新建A、B泵站). None unless there are three names or more, each of
/// one to twelve characters, no more than half of them ending in a common noun, none ending like the head (`head`: the last piece when the head
/// is inside it, else the noun after the count; A中心、B中心和C中心 are kinds, not names).
fn name_list(tx: &Text, a: usize, b: usize, head: &str) -> Option<(String, usize, usize)> {
    let s = tx.doc.slice(a, b);
    let cs: Vec<char> = s.chars().collect();
    let hs: Vec<char> = head.chars().collect();
    let toks = tx.tokens.tokens_in(a, b);
    // separators: 、, and 和/及 as words of their own (not the 及 of 涉及)
    let mut seps: Vec<usize> = (0..cs.len()).filter(|&i| cs[i] == '、').collect();
    seps.extend(
        toks.iter()
            .filter(|t| matches!(t.word, "和" | "及") && t.start >= a && t.end < b)
            .map(|t| t.start - a),
    );
    seps.sort_unstable();
    let (&first, &last) = (seps.first()?, seps.last()?);
    let ending: String = hs[hs.len().saturating_sub(2)..].iter().collect();
    let kinds = seps
        .iter()
        .any(|&i| cs[..i].iter().collect::<String>().ends_with(&ending));
    if kinds {
        return None;
    }
    let words = &tx.res.targets.words;
    let mut names: Vec<usize> = seps.windows(2).map(|w| w[1] - w[0] - 1).collect();
    let verb_end = toks
        .iter()
        .rev()
        .find(|t| {
            t.end < a + first && (t.tag.starts_with('v') || words.lead_verbs.contains(t.word))
        })
        .map(|t| t.end);
    let middle = names.iter().copied().max();
    let name_start = verb_end
        .or_else(|| {
            toks.iter()
                .filter(|t| t.start > a && t.start < a + first)
                .map(|t| t.start)
                .min_by_key(|&c| (a + first - c).abs_diff(middle.unwrap_or(usize::MAX)))
                .filter(|_| middle.is_some())
        })
        .unwrap_or(a);
    let prefix: String = if name_start == a {
        tx.tokens
            .tokens_in(a.saturating_sub(4), a)
            .into_iter()
            .rev()
            .find(|t| t.end == a && words.lead_verbs.contains(t.word))
            .map_or(String::new(), |t| t.word.to_string())
    } else {
        toks.iter()
            .filter(|t| t.end <= name_start && !matches!(t.tag, "d" | "t" | "ul" | "uz" | "ug"))
            .map(|t| t.word)
            .collect()
    };
    names.push(a + first - name_start);
    if seps.len() < 2 || names.iter().any(|&n| n == 0 || n > 12) {
        return None;
    }
    // names, not kinds: at most half of the pieces before the last end in a common noun
    // (实验室, 电器) other than a name suffix (有限公司)
    let kind_ends = seps
        .iter()
        .map(|&i| a + i)
        .filter(|&end| {
            toks.iter().find(|t| t.end == end).is_some_and(|t| {
                matches!(t.tag, "n" | "vn")
                    && t.word.chars().count() >= 2
                    && !words.name_suffixes.iter().any(|w| w == t.word)
            })
        })
        .count();
    if kind_ends * 2 > seps.len() {
        return None;
    }
    Some((prefix, names.into_iter().max()?, a + last + 1))
}

/// The name tags of jieba: a head noun opens with a common word, not one of these.
fn name_tag(tag: &str) -> bool {
    matches!(tag, "nr" | "ns" | "nrfg" | "nz" | "nt" | "j")
}

/// An indicator whose object is a list of names with the head noun after the last one
/// (扩容城东、城西、南门污水处理厂; 整治A河、B浦和C浜河道): the verb before the list and the
/// head after it (扩容污水处理厂), the names dropped ([`name_list`]). The last piece's name is
/// taken to be about as long as the longest other name, cut at a word boundary; a company
/// suffix (`name_suffix`: 有限公司) still belongs to the name.
fn drop_name_list(tx: &Text, a: usize, b: usize) -> Option<String> {
    let (prefix, longest, last_start) = name_list(tx, a, b, tx.doc.slice(a, b))?;
    let toks = tx.tokens.tokens_in(last_start, b);
    let cut = toks
        .iter()
        .filter(|t| t.start > last_start && t.start + 2 <= b)
        .min_by_key(|t| ((t.start - last_start).abs_diff(longest), name_tag(t.tag)))?
        .start;
    let mut head = tx.doc.slice(cut, b);
    let suffixes = &tx.res.targets.words.name_suffixes;
    if let Some(rest) = suffixes.iter().find_map(|w| head.strip_prefix(w.as_str())) {
        head = rest;
    }
    let head_ends_in_noun = toks
        .last()
        .is_some_and(|t| t.tag.starts_with('n') && !name_tag(t.tag));
    (head.chars().count() >= 2 && head_ends_in_noun).then(|| format!("{prefix}{head}"))
}

/// Whether `[a, b)` before a number names only where or which: a scope word (全区, 区内),
/// a list of names (陈家镇、城桥镇), a short place word (三岛). The rule that then reads the
/// noun after the number.
fn scope_only(tx: &Text, a: usize, b: usize) -> Option<Rule> {
    let s = tx.doc.slice(a, b);
    let w = &tx.res.targets.words;
    if w.scopes.iter().any(|x| x == s) {
        return Some(Rule::TargetMeasuredNoun);
    }
    let toks = tx.tokens.tokens_in(a, b);
    let no_verb = toks.iter().all(|t| !t.tag.starts_with('v'));
    let pieces: Vec<&str> = s.split(['、', '和', '及']).collect();
    if pieces.len() >= 2 && no_verb && pieces.iter().all(|p| (2..=6).contains(&p.chars().count())) {
        return Some(Rule::TargetEnumerationCount);
    }
    let place_word = s.chars().count() <= 3
        && s.ends_with(['岛', '区', '市', '省', '县', '镇', '乡', '村'])
        || !toks.is_empty() && toks.iter().all(|t| t.tag.starts_with("ns"));
    place_word.then_some(Rule::TargetMeasuredNoun)
}

/// The noun a number measures when it comes first: for a share (全区93.8%的河道水质达标)
/// the whole phrase after it with its 的 dropped, as a 比例; for a count, its noun phrase.
fn measured_noun(tx: &Text, q: &Quantity, (a, b): (usize, usize), np: (usize, usize)) -> String {
    if q.unit == "%" {
        let rest = tx
            .doc
            .slice(a, b)
            .trim_start_matches('的')
            .replace('的', "");
        if rest.chars().count() >= 2 {
            return format!("{rest}比例");
        }
    }
    tx.doc.slice(np.0, np.1).to_string()
}

/// A target from a quantity and its segment of the clause: the indicator in either order
/// (指标达到N / 建设N个指标), the comparator, then year and kind ([`finish_target`]).
///
/// The flag says the indicator is only a verb counting things (其中完建4座): it names its
/// thing only with the figure before it ([`super::neighbours`]).
pub fn build(tx: &Text, f: &Frame, q: &Quantity, seg: (usize, usize)) -> Option<(Target, bool)> {
    let s = Spans::new(tx, f, q, seg);
    let seg = (s.seg_a, s.seg_b);
    let mut comparator = s.cmp.comparator;
    if s.number_first
        && s.cmp.before_is_verb
        && comparator != Comparator::Range
        && s.cmp.after_len == 0
        && !q.more()
    {
        comparator = Comparator::Eq; // 突破100项关键技术: a verb, not "more than"
    }
    let Some((indicator, main, rule)) = s.indicator(tx, q) else {
        // 2021年达到31.4万亿元: nothing before the number but a year; the subject is the
        // noun phrase that opens the sentence's previous clause (a subject and its figure
        // state a fact about it, with or without 达到).
        let (subject, rule) = clause_subject(tx, f, s.seg_a)?;
        let reading = Reading {
            indicator: subject,
            comparator,
            linking: true,
            bare: false,
            rule,
        };
        return finish_target(tx, f, q, seg, reading).map(|t| (t, false));
    };
    let indicator = match drop_name_list(tx, main.0, main.1) {
        Some(shorter) if indicator == tx.doc.slice(main.0, main.1) => shorter,
        _ => indicator.trim().to_string(),
    };
    if indicator.chars().count() < 2 {
        return None;
    }
    let verb_only = match bare_verb(tx, q, &indicator, main) {
        Bare::No => false,
        Bare::Counting if !s.number_first => true,
        _ => return None,
    };
    let reading = Reading {
        indicator: drop_adverb_before_change(
            drop_inner_verbs(indicator, &tx.res.targets),
            &tx.res.targets,
        ),
        comparator,
        // 指标达到N / 指标N: the indicator first states a value (number first, 培育100家, is
        // something to do)
        linking: !s.number_first,
        bare: s.bare(tx, f),
        rule,
    };
    finish_target(tx, f, q, seg, reading).map(|t| (t, verb_only))
}

/// Where the parts around a figure lie (chars): its clause segment, the cleaned text before
/// it, the noun phrase after it, and which of them names the indicator.
struct Spans {
    cmp: numbers::ComparatorRead,
    seg_a: usize,
    seg_b: usize,
    /// Where the text before the number (and its comparator word) ends.
    before_end: usize,
    /// The cleaned text before the number (empty when `ba >= bb`).
    ba: usize,
    bb: usize,
    /// Where the text after the number (and its comparator word) starts.
    after_a: usize,
    /// The noun phrase after it.
    aa: usize,
    ab: usize,
    /// Only a scope or a list of names stands before the number: the rule reading it.
    scope: Option<Rule>,
    number_first: bool,
}

impl Spans {
    fn new(tx: &Text, f: &Frame, q: &Quantity, seg: (usize, usize)) -> Spans {
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
        // Does the text before the number end with an action verb (建设30家, 形成了64个)? (the
        // comparator word is looked at on its own: 不低于99% has no verb before it)
        let verb_before = tx
            .tokens
            .tokens_in(seg_a, before_end)
            .iter()
            .rev()
            .filter(|t| !matches!(t.tag, "ul" | "ug" | "uz"))
            .find(|t| t.end <= before_end && t.start >= seg_a)
            .is_some_and(|t| is_verb_token(t, &tx.res.targets));
        let (aa, ab) = np_head(tx, after_a, seg_b);
        let after_np = ab > aa;
        // 全区10个市考断面, 陈家镇、城桥镇2座污水处理厂: only where or which stands before
        // the number; it counts the noun after it
        let scope = (!before_empty && after_np)
            .then(|| scope_only(tx, ba, bb))
            .flatten();
        let number_first =
            after_np && (before_empty || verb_before || cmp.before_is_verb || scope.is_some());
        Spans {
            cmp,
            seg_a,
            seg_b,
            before_end,
            ba,
            bb,
            after_a,
            aa,
            ab,
            scope,
            number_first,
        }
    }

    /// The figure is only named after its indicator (本区骨干河道39条段): no comparator word
    /// and no verb in its sentence before it (累计建设5G基站4600个 builds them; 新增A300家,
    /// B1500家 adds both).
    fn bare(&self, tx: &Text, f: &Frame) -> bool {
        let w = &tx.res.targets.words;
        !self.number_first
            && self.cmp.before_len == 0
            && self.cmp.after_len == 0
            && self.ba < self.bb
            && !tx
                .tokens
                .tokens_in(tx.doc.char_at(f.base), self.before_end)
                .iter()
                .any(|t| {
                    t.start >= tx.doc.char_at(f.base)
                        && (is_verb_token(t, &tx.res.targets)
                            || t.tag.starts_with('v')
                            || w.lead_verbs.contains(t.word))
                })
    }

    /// The indicator, the chars of its main part and the rule, or None when only a subject
    /// of an earlier clause can name it.
    fn indicator(&self, tx: &Text, q: &Quantity) -> Option<(String, (usize, usize), Rule)> {
        let doc = tx.doc;
        let (aa, ab) = (self.aa, self.ab);
        if let (Some(rule), true) = (self.scope, self.number_first) {
            let noun = measured_noun(tx, q, (self.after_a, self.seg_b), (aa, ab));
            return Some((noun, (aa, ab), rule));
        }
        if self.number_first {
            return Some((
                doc.slice(aa, ab).to_string(),
                (aa, ab),
                Rule::TargetNumberFirst,
            ));
        }
        if self.ba >= self.bb {
            return None;
        }
        // 政务服务事项100%网上可办: a short predicate after the number belongs to the
        // indicator.
        let tail = doc.slice(self.after_a, self.seg_b);
        let predicate = self.cmp.before_len == 0
            && ab > aa
            && tail.chars().count() <= 8
            && !tx.res.targets.words.generic_heads.contains(tail);
        let text = if predicate {
            // 引进A、B等3个智能工厂: the verb and the head, the names dropped
            let head = doc.slice(self.after_a, ab);
            let before = match name_list(tx, self.ba, self.bb, head) {
                Some((prefix, ..)) if !prefix.is_empty() => prefix,
                _ => doc.slice(self.ba, self.bb).to_string(),
            };
            format!("{before}{head}")
        } else {
            doc.slice(self.ba, self.bb).to_string()
        };
        Some((text, (self.ba, self.bb), Rule::TargetLinking))
    }
}

/// Whether an indicator is only a verb.
enum Bare {
    No,
    /// A verb and a count (完建4座): it counts the thing the figure before it named.
    Counting,
    /// A verb and a rate (提高2个百分点), or one verb alone: it names nothing measured.
    Nothing,
}

/// An indicator that is only a verb (提高2个百分点, 接入59个) names nothing measured; two verbs
/// can name an amount (退税减税约2.5万亿元), or count what was named before (加固维修2座).
fn bare_verb(tx: &Text, q: &Quantity, indicator: &str, (a, b): (usize, usize)) -> Bare {
    let toks = tx.tokens.tokens_in(a, b);
    let verbs = !elliptical(indicator, &tx.res.targets)
        && !toks.is_empty()
        && toks.len() <= 2
        && toks.iter().all(|t| t.tag.starts_with('v') && t.tag != "vn");
    if !verbs {
        return Bare::No;
    }
    let rate = q.unit.is_empty() || q.is(UnitClass::Percent) || q.is(UnitClass::Points);
    match (toks.len(), rate) {
        (_, true) => Bare::Nothing,
        _ if q.is(UnitClass::Count) => Bare::Counting,
        (1, _) => Bare::Nothing,
        _ => Bare::No,
    }
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
