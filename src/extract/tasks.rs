//! Task lists and plan outlines, with declared counts checked against the items found.
//!
//! Four detectors, each a named rule:
//! - **inline**: `A、B和C等6项任务` — items split on 、/，/以及 (and on 和 before a verb), a
//!   verb shared by coordinated items repeated where the bare piece does not name work;
//! - **outline**: headings with markers (第X章, 一、, (一), 1., (1), ①) at paragraph starts,
//!   also inside flattened text; every heading with sub-headings is a list;
//! - **enumeration**: 一是…二是…, 第一…第二…, 一方面…另一方面…, and `——` item lines;
//! - **lead**: a sentence that announces items (以下几方面工作:, 有哪些?, 围绕七个方面…)
//!   followed by paragraphs that open with a short heading sentence or `在X方面`.
//!
//! Lists found by two rules with the same items are kept once.

use super::context::{self, Marker};
use super::numbers::parse_chinese;
use crate::dicts::Dicts;
use crate::normalize::Document;
use crate::report::{TaskList, TaskSummary};
use regex::Regex;
use std::sync::OnceLock;

/// The task-list vocabulary from `dicts/task_rules.tsv`.
type Vocab = crate::dicts::TaskWords;

fn count_value(s: &str) -> Option<u32> {
    if s.chars().all(|c| c.is_ascii_digit()) {
        s.parse().ok()
    } else {
        parse_chinese(s).map(|v| v as u32)
    }
}

fn inline_re<'a>(d: &'a Dicts, v: &Vocab) -> &'a Regex {
    d.compiled.task_inline.get_or_init(|| build_inline_re(v))
}

fn declared_re<'a>(d: &'a Dicts, v: &Vocab) -> &'a Regex {
    d.compiled
        .task_declared
        .get_or_init(|| build_declared_re(v))
}

fn aspect_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"^在(?P<x>.{2,40}?)方面[,，]").expect("valid regex"))
}

/// Every count a lead sentence declares (从8方面, 四个新, 七个方面提出了30项主要任务).
fn declared_counts(decl: &Regex, lead: &str) -> Vec<u32> {
    decl.captures_iter(lead)
        .filter_map(|c| c.name("n").and_then(|m| count_value(m.as_str())))
        .filter(|&d| d >= 2)
        .collect()
}

/// The declared count of a list: the one that equals the items found, else the last (the
/// nearest to the items).
fn pick_declared(counts: &[u32], items: usize) -> Option<u32> {
    counts
        .iter()
        .copied()
        .find(|&d| d as usize == items)
        .or(counts.last().copied())
}

fn build_inline_re(v: &Vocab) -> Regex {
    let nouns: Vec<String> = v.count_nouns.iter().map(|w| regex::escape(w)).collect();
    Regex::new(&format!(
        r"等(?P<n>\d{{1,3}}|[一二三四五六七八九十两]{{1,3}})(?:项|个|大|条|类)?(?P<noun>{})",
        nouns.join("|")
    ))
    .expect("valid inline list regex")
}

fn build_declared_re(v: &Vocab) -> Regex {
    let nouns: Vec<String> = v.count_nouns.iter().map(|w| regex::escape(w)).collect();
    Regex::new(&format!(
        r"(?P<n>\d{{1,3}}|[一二三四五六七八九十两]{{1,3}})(?:项|个|大|条|类)?(?:{}|新)",
        nouns.join("|")
    ))
    .expect("valid count regex")
}

fn trim_item(s: &str) -> String {
    s.trim()
        .trim_start_matches(['—', '-', ' ', '、', ':', '：'])
        .trim_end_matches(|c: char| "。,，;；:：、.!！?？ ".contains(c))
        .trim()
        .to_string()
}

fn starts_with_verb(doc_words: &[(String, String)], v: &Vocab) -> Option<String> {
    let (w, t) = doc_words.first()?;
    if v.verbs.contains(w) || t.starts_with('v') && t != "vn" {
        return Some(w.clone());
    }
    // an idiom token that opens with a listed verb (发展壮大 → 发展)
    let two: String = w.chars().take(2).collect();
    (w.chars().count() > 2 && v.verbs.contains(&two)).then_some(two)
}

fn has_verb(words: &[(String, String)], v: &Vocab) -> bool {
    words
        .iter()
        .any(|(w, t)| v.verbs.contains(w) || t == "v" || t == "vn")
}

fn words_of(s: &str) -> Vec<(String, String)> {
    crate::segment::tag(s, 0)
        .into_iter()
        .map(|t| (t.word, t.tag))
        .collect()
}

/// Split an inline list into items, repairing shared verbs and heads, aiming at `declared`.
fn split_items(list: &str, declared: Option<u32>, v: &Vocab) -> Vec<String> {
    // Shared head after 等领域/等方面: A、B等领域数字化应用 → A数字化应用, B数字化应用.
    let (body, head) = match list.find("等领域").or_else(|| list.find("等方面")) {
        Some(i) => (&list[..i], list[i + "等领域".len()..].to_string()),
        None => (list, String::new()),
    };
    let mut pieces: Vec<String> = body
        .split(['、', '，', ',', ';', '；'])
        .flat_map(|p| p.split("以及"))
        .map(trim_item)
        .filter(|p| !p.is_empty())
        .collect();
    // Split on 和/及/与 where the right side starts with a verb (推进A和强化B), and, while
    // items are still fewer than declared, on the last 和 of a piece.
    let mut out: Vec<String> = Vec::new();
    for p in pieces.drain(..) {
        let mut done = false;
        for conj in ["和", "及"] {
            if let Some(i) = p.rfind(conj) {
                let (l, r) = (&p[..i], &p[i + conj.len()..]);
                if l.chars().count() >= 4
                    && r.chars().count() >= 4
                    && starts_with_verb(&words_of(r), v).is_some()
                {
                    out.push(l.to_string());
                    out.push(r.to_string());
                    done = true;
                    break;
                }
            }
        }
        if !done {
            out.push(p);
        }
    }
    share_heads(&mut out, v);
    // Shared verb: a piece that names no work takes the verb of the piece before it.
    let mut prev_verb: Option<String> = None;
    let mut items: Vec<String> = Vec::new();
    let n_before = out.len();
    for (k, p) in out.iter().enumerate() {
        let w = words_of(p);
        let verb = starts_with_verb(&w, v);
        let mut item = p.clone();
        if verb.is_none() && (!head.is_empty() || !has_verb(&w, v)) {
            if let Some(pv) = &prev_verb {
                if k > 0 {
                    item = format!("{pv}{p}");
                }
            }
        }
        if verb.is_some() {
            prev_verb = verb;
        }
        if !head.is_empty() {
            item.push_str(&head);
        }
        items.push(item);
    }
    // Shared head: 推进企业、园区数字化转型 → the last piece's head goes to bare pieces.
    if let Some(d) = declared {
        if (items.len() as u32) < d && n_before >= 2 {
            // try splitting remaining 和 inside pieces
            let mut more = Vec::new();
            for it in &items {
                if let Some(i) = it.rfind('和') {
                    let (l, r) = (&it[..i], &it[i + '和'.len_utf8()..]);
                    if (more.len() + items.len()) < d as usize
                        && l.chars().count() >= 4
                        && r.chars().count() >= 2
                    {
                        // 推进未来社区和数字乡村建设 → 推进未来社区建设, 推进数字乡村建设
                        let lw = words_of(l);
                        let verb = starts_with_verb(&lw, v).unwrap_or_default();
                        let rw = words_of(r);
                        let tail = rw
                            .last()
                            .map(|x| x.0.clone())
                            .filter(|t| v.verbs.contains(t) || t == "建设")
                            .unwrap_or_default();
                        let left = if !tail.is_empty() && !l.ends_with(&tail) {
                            format!("{l}{tail}")
                        } else {
                            l.to_string()
                        };
                        let right = if starts_with_verb(&rw, v).is_none() && !verb.is_empty() {
                            format!("{verb}{r}")
                        } else {
                            r.to_string()
                        };
                        more.push((it.clone(), left, right));
                    }
                }
            }
            for (orig, l, r) in more {
                if let Some(pos) = items.iter().position(|x| *x == orig) {
                    items.splice(pos..=pos, [l, r]);
                }
            }
        }
    }
    items.retain(|i| i.chars().count() >= 2);
    items
}

/// 推进企业、园区数字化转型: a piece that is only a verb and a noun takes the head of the
/// next piece, which is a noun and that head; the next piece takes the verb.
fn share_heads(items: &mut [String], v: &Vocab) {
    for k in 0..items.len().saturating_sub(1) {
        let a = words_of(&items[k]);
        let b = words_of(&items[k + 1]);
        let noun = |t: &str| t.starts_with('n') || t == "j";
        let (Some(verb), [_, (_, at)]) = (starts_with_verb(&a, v), a.as_slice()) else {
            continue;
        };
        if !noun(at) || b.len() < 2 || !noun(&b[0].1) || starts_with_verb(&b, v).is_some() {
            continue;
        }
        let head: String = b[1..].iter().map(|(w, _)| w.as_str()).collect();
        items[k] = format!("{}{head}", items[k]);
        items[k + 1] = format!("{verb}{}", items[k + 1]);
    }
}

#[allow(clippy::too_many_arguments)]
fn mk(
    title: &str,
    declared: Option<u32>,
    items: Vec<String>,
    kind: &str,
    doc: &Document,
    a: usize,
    b: usize,
    path: Vec<String>,
) -> TaskList {
    // items carry no enumeration marker (一是, 第一,), whichever rule found them
    let items: Vec<String> = items
        .into_iter()
        .map(|i| match enum_re().find(&i) {
            Some(m) if m.start() == 0 && m.end() < i.len() => trim_item(&i[m.end()..]),
            _ => i,
        })
        .collect();
    TaskList {
        title: trim_item(title),
        declared_count: declared,
        count_ok: declared.map(|d| d as usize == items.len()),
        items,
        kind: kind.into(),
        heading_path: path,
        evidence: doc.slice(a, b).trim().to_string(),
        span: doc.span(a, b),
    }
}

/// Heading text without its marker and trailing punctuation.
fn heading_title(text: &str, m: &Marker) -> String {
    trim_item(&text[m.len..])
}

/// Heading path (outermost first) governing each sentence: questions, outline headings and
/// short heading lines (实施数字化生产关系构建工程).
fn outline_paths(doc: &Document) -> Vec<Vec<String>> {
    let levels = context::headings(doc);
    let mut stack: Vec<(u8, String)> = Vec::new();
    let mut out = Vec::with_capacity(doc.sentences.len());
    for (i, level) in levels.iter().enumerate() {
        let t = doc.sentence_text(i);
        match *level {
            Some(0) => {
                stack.clear();
                stack.push((0, clean_lead(t)));
            }
            Some(l) => {
                while stack.last().is_some_and(|(sl, _)| *sl >= l && *sl != 0) {
                    stack.pop();
                }
                let title = match context::marker(t) {
                    Some(m) => heading_title(t, &m),
                    None => trim_item(t),
                };
                stack.push((l, title));
            }
            None => {}
        }
        out.push(stack.iter().map(|(_, t)| t.clone()).collect());
    }
    out
}

fn clean_lead(t: &str) -> String {
    let t = t
        .trim_start_matches("问:")
        .trim_start_matches("问：")
        .trim_start_matches("答:");
    let t = t.trim_end_matches(|c: char| "?？。:：,， ~".contains(c));
    let t = t.trim_start_matches("如何").trim_start_matches("请问");
    for q in ["有哪些考虑和举措", "有哪些", "是什么", "怎么样", "如何"] {
        if let Some(x) = t.strip_suffix(q) {
            return trim_item(x);
        }
    }
    trim_item(t)
}

/// A lead sentence's list title: its last clause that declares a count (从8个方面提出了22项
/// 重点任务), else its last clause.
fn lead_title(t: &str, decl: &Regex) -> String {
    let t = clean_lead(t);
    let clauses: Vec<&str> = t
        .split([',', '，'])
        .filter(|c| c.chars().count() >= 4)
        .collect();
    clauses
        .iter()
        .rev()
        .find(|c| decl.is_match(c))
        .or(clauses.last())
        .map_or(t.clone(), |c| trim_item(c))
}

/// What every list rule reads: the document, the dictionaries, the task vocabulary and
/// each sentence's heading path.
#[derive(Clone, Copy)]
struct Cx<'a> {
    doc: &'a Document,
    dicts: &'a Dicts,
    v: &'a Vocab,
    paths: &'a [Vec<String>],
}

/// Extract the task lists of a document.
pub fn extract(doc: &Document, dicts: &Dicts) -> (Vec<TaskList>, TaskSummary) {
    let v = &dicts.task_words;
    let paths = outline_paths(doc);
    let mut lists: Vec<TaskList> = Vec::new();
    let cx = Cx {
        doc,
        dicts,
        v,
        paths: &paths,
    };
    inline_lists(cx, &mut lists);
    outline_lists(doc, &paths, &mut lists);
    enumerations(cx, &mut lists);
    lead_lists(cx, &mut lists);
    colon_lists(cx, &mut lists);
    // Drop a list whose items another list already has (two rules, one list).
    let mut kept: Vec<TaskList> = Vec::new();
    for l in lists {
        let dup = kept.iter_mut().find(|k| {
            let overlap = |a: &[String], b: &[String]| {
                a.iter()
                    .filter(|i| {
                        i.chars().count() >= 4
                            && b.iter()
                                .any(|j| j.contains(i.as_str()) || i.contains(j.as_str()))
                    })
                    .count()
            };
            overlap(&l.items, &k.items) * 2 > l.items.len()
                && overlap(&k.items, &l.items) * 2 > k.items.len()
        });
        match dup {
            Some(k) => {
                // 围绕A、B等2个方面…一是强化A能力,二是提升B水平: the same list twice; the
                // spelled-out items name the work better than the bare area names.
                // (A、B等3个方面 followed by 一是…二是…三是: the spelled-out list is complete)
                let richer = l.items.len() >= k.items.len()
                    && k.items.iter().zip(&l.items).all(|(a, b)| {
                        b.contains(a.as_str()) && b.chars().count() > a.chars().count()
                    });
                if richer {
                    k.items = l.items;
                    k.count_ok = k.declared_count.map(|d| d as usize == k.items.len());
                }
                if k.declared_count.is_none() && l.declared_count.is_some() {
                    k.declared_count = l.declared_count;
                    k.count_ok = l.declared_count.map(|d| d as usize == k.items.len());
                }
            }
            None => kept.push(l),
        }
    }
    kept.sort_by_key(|l| l.span[0]);
    let summary = TaskSummary {
        lists: kept.len(),
        with_declared_count: kept.iter().filter(|l| l.declared_count.is_some()).count(),
        count_ok: kept.iter().filter(|l| l.count_ok == Some(true)).count(),
        count_mismatch: kept.iter().filter(|l| l.count_ok == Some(false)).count(),
    };
    (kept, summary)
}

fn inline_lists(cx: Cx, out: &mut Vec<TaskList>) {
    let Cx {
        doc,
        dicts,
        v,
        paths,
    } = cx;
    let re = inline_re(dicts, v);
    for (si, _) in doc.sentences.iter().enumerate() {
        let t = doc.sentence_text(si);
        let base = doc.sentences[si].start;
        for c in re.captures_iter(t) {
            let Some(whole) = c.get(0) else { continue };
            let declared = c.name("n").and_then(|m| count_value(m.as_str()));
            // The list runs back to the start of the clause (after ，: or 。), then after a lead word.
            let head = &t[..whole.start()];
            // The list starts after the rightmost lead word (部署了包括, 重点实施 …) or, without
            // one, at the clause holding the first 、.
            let lead = v
                .inline_leads
                .iter()
                .filter_map(|l| head.rfind(l.as_str()).map(|i| (i, i + l.len())))
                .max_by_key(|x| (x.0, x.1));
            let mut start = match lead {
                Some((_, e)) => e,
                None => {
                    let first_sep = head.find('、').unwrap_or(head.len());
                    head[..first_sep]
                        .rfind([',', '，', ':', '：', ';', '；', '。'])
                        .map_or(0, |i| {
                            i + head[i..].chars().next().map_or(1, char::len_utf8)
                        })
                }
            };
            if let Some(r) = head[start..]
                .strip_prefix("了")
                .or(head[start..].strip_prefix("包括"))
            {
                start = head.len() - r.len();
            }
            let list = &head[start..];
            if !list.contains('、') && !list.contains('和') {
                continue;
            }
            let items = split_items(list, declared, v);
            if items.len() < 2 {
                continue;
            }
            let noun = c.name("noun").map_or("", |m| m.as_str());
            let path = paths[si].clone();
            // Title: the heading this sentence belongs to, else the count phrase.
            let title = path
                .last()
                .cloned()
                .unwrap_or_else(|| format!("{}{}", c.name("n").map_or("", |m| m.as_str()), noun));
            let a = base + t[..start].chars().count();
            let b = base + t[..whole.end()].chars().count();
            out.push(mk(&title, declared, items, "inline", doc, a, b, path));
        }
    }
}

fn outline_lists(doc: &Document, paths: &[Vec<String>], out: &mut Vec<TaskList>) {
    // Collect outline headings: (sentence, marker).
    // Headings open a paragraph, or run together in one ((一)加强领导。(二)强化保障。):
    // a marked sentence right after another marked sentence of the same level counts too.
    let mut heads: Vec<(usize, Marker)> = Vec::new();
    for (i, s) in doc.sentences.iter().enumerate() {
        let Some(m) = context::marker(doc.sentence_text(i)) else {
            continue;
        };
        let run = !s.para_start
            && heads.last().is_some_and(|(pi, pm)| {
                *pi + 1 == i && pm.level == m.level && pm.ordinal + 1 == m.ordinal
            });
        let opens_run = !s.para_start
            && m.ordinal == 1
            && doc.sentences.get(i + 1).is_some_and(|n| {
                !n.para_start
                    && context::marker(doc.sentence_text(i + 1))
                        .is_some_and(|nm| nm.level == m.level && nm.ordinal == 2)
            });
        if s.para_start || run || opens_run {
            heads.push((i, m));
        }
    }
    let heads: Vec<(usize, Marker)> = heads
        .into_iter()
        .filter(|(i, m)| m.level != 5 || doc.sentence_text(*i).chars().count() < 200)
        .collect();
    for (k, (si, m)) in heads.iter().enumerate() {
        // children: following headings one level deeper (the next deeper level present),
        // until a heading of this level or higher.
        let mut child_level = None;
        let mut children: Vec<(usize, &Marker)> = Vec::new();
        for (sj, mj) in &heads[k + 1..] {
            if mj.level <= m.level && (!mj.boxed || m.boxed) {
                break;
            }
            if mj.boxed {
                // a box is a list of its own, not an item of the section around it; its
                // numbered items are not the section's items either
                if m.boxed {
                    break;
                }
                child_level.get_or_insert(mj.level + 1);
                break;
            }
            let cl = *child_level.get_or_insert(mj.level);
            if mj.level == cl {
                children.push((*sj, mj));
            }
        }
        // Ordinals must run 1, 2, 3 …, or carry on from the previous section's last item
        // (1. 2. under (一), 3. 4. under (二)): stray markers are not an outline.
        let first = match children.first() {
            Some((_, c)) => c.ordinal,
            None => continue,
        };
        let carries_on = || {
            heads[..k]
                .iter()
                .rev()
                .find(|(_, h)| h.level == children[0].1.level)
                .is_some_and(|(_, h)| h.ordinal + 1 == first)
        };
        let ordered = (first == 1 || carries_on())
            && children
                .iter()
                .enumerate()
                .all(|(n, (_, c))| c.ordinal == first + n as u32);
        // one item is a list only when the numbering proves it (5. under (三) after 3. 4.)
        let enough = children.len() >= 2 || (first > 1 && carries_on());
        if !enough || !ordered {
            continue;
        }
        let items: Vec<String> = children
            .iter()
            .map(|(sj, mj)| {
                let t = heading_title(doc.sentence_text(*sj), mj);
                // 1.推进5G基站建设,新建基站1万个: a run-in numbered item names its work in
                // its first clause; the rest is its body
                match t.split_once([',', '，']) {
                    Some((first, _)) if mj.level >= 5 && first.chars().count() >= 4 => {
                        trim_item(first)
                    }
                    _ => t,
                }
            })
            .collect();
        let title = heading_title(doc.sentence_text(*si), m);
        let a = doc.sentences[*si].start;
        let mut path = paths[*si].clone();
        path.pop();
        out.push(mk(
            &title,
            None,
            items,
            "outline",
            doc,
            a,
            doc.sentences[*si].end,
            path,
        ));
    }
}

fn enum_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?P<cn>[一二三四五六七八九十]{1,2})是|第(?P<di>[一二三四五六七八九十]{1,2})[,，、]|(?P<fm>一方面|另一方面)[,，]?|(?P<dash>——|[-*•·●○■□◆◇▪]\s)")
            .expect("valid enumeration regex")
    })
}

fn enumerations(cx: Cx, out: &mut Vec<TaskList>) {
    let Cx {
        doc,
        dicts,
        v,
        paths,
    } = cx;
    let decl = declared_re(dicts, v);
    // (char position, ordinal or 0 for ——, item text, sentence index, style)
    let mut marks: Vec<(usize, u32, String, usize, u8)> = Vec::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        let t = doc.sentence_text(si);
        for c in enum_re().captures_iter(t) {
            let Some(w) = c.get(0) else { continue };
            let before = &t[..w.start()];
            let at_start = before.trim().is_empty()
                || before.ends_with(['。', ',', '，', ';', '；', ':', '：'])
                || before.ends_with('”');
            if !at_start {
                continue;
            }
            let (ord, style) = if let Some(m) = c.name("cn") {
                (parse_chinese(m.as_str()).unwrap_or(0.0) as u32, 1u8)
            } else if let Some(m) = c.name("di") {
                (parse_chinese(m.as_str()).unwrap_or(0.0) as u32, 2)
            } else if let Some(m) = c.name("fm") {
                (if m.as_str() == "一方面" { 1 } else { 2 }, 3)
            } else {
                if !(s.para_start && before.trim().is_empty()) {
                    continue;
                }
                (0, 4)
            };
            let rest = &t[w.end()..];
            let end = rest
                .find(['。', ',', '，', ';', '；', ':', '：'])
                .unwrap_or(rest.len());
            let end = if style == 3 {
                rest.find(['。', ';', '；']).unwrap_or(rest.len())
            } else {
                end
            };
            let item = trim_item(&rest[..end]);
            if item.chars().count() < 2 {
                continue;
            }
            marks.push((
                s.start + t[..w.start()].chars().count(),
                ord,
                item,
                si,
                style,
            ));
        }
    }
    let mut i = 0;
    while i < marks.len() {
        let (pos, ord, _, si, style) = marks[i].clone();
        if style != 4 && ord != 1 {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        let mut expect = 2;
        while j < marks.len() && marks[j].4 == style && (style == 4 || marks[j].1 == expect) {
            if style == 4
                && doc.sentences[marks[j].3].para != doc.sentences[marks[j - 1].3].para + 1
                && marks[j].3 != marks[j - 1].3 + 1
            {
                // —— items must be consecutive paragraphs (allowing one sentence of body)
                let gap = doc.sentences[marks[j].3].para - doc.sentences[marks[j - 1].3].para;
                if gap > 1 {
                    break;
                }
            }
            expect += 1;
            j += 1;
        }
        if j - i < 2 {
            i += 1;
            continue;
        }
        let items: Vec<String> = marks[i..j].iter().map(|m| m.2.clone()).collect();
        // Lead: the sentence before the first item (same paragraph or the previous one).
        let lead_si = if doc.slice(doc.sentences[si].start, pos).trim().is_empty() {
            si.checked_sub(1)
        } else {
            Some(si)
        };
        let lead = lead_si
            .map(|l| {
                if l == si {
                    doc.slice(doc.sentences[si].start, pos).to_string()
                } else {
                    doc.sentence_text(l).to_string()
                }
            })
            .unwrap_or_default();
        let declared = pick_declared(&declared_counts(decl, &lead), j - i);
        let title = if style == 4 {
            // the heading the items sit under (a bullet line may itself look like a heading)
            paths[si.saturating_sub(1)]
                .last()
                .cloned()
                .unwrap_or_else(|| lead_title(&lead, decl))
        } else if lead.trim().is_empty() {
            paths[si].last().cloned().unwrap_or_default()
        } else if style == 3 {
            paths[si]
                .first()
                .cloned()
                .unwrap_or_else(|| lead_title(&lead, decl))
        } else {
            lead_title(&lead, decl)
        };
        let end_si = marks[j - 1].3;
        out.push(mk(
            &title,
            declared,
            items,
            "enumeration",
            doc,
            pos,
            doc.sentences[end_si].end,
            paths[si].clone(),
        ));
        i = j;
    }
}

fn lead_lists(cx: Cx, out: &mut Vec<TaskList>) {
    let Cx {
        doc,
        dicts,
        v,
        paths,
    } = cx;
    let decl = declared_re(dicts, v);
    let aspect = aspect_re();
    let inline = inline_re(dicts, v);
    // paragraphs: (first sentence, last sentence)
    let mut paras: Vec<(usize, usize)> = Vec::new();
    for (i, s) in doc.sentences.iter().enumerate() {
        if s.para_start || paras.is_empty() {
            paras.push((i, i));
        } else if let Some(p) = paras.last_mut() {
            p.1 = i;
        }
    }
    for (pi, &(pa, pb)) in paras.iter().enumerate() {
        let last = doc.sentence_text(pb);
        let first = doc.sentence_text(pa);
        let is_q = context::is_question(first) || context::is_question(last);
        let announces =
            last.ends_with([':', '：']) || v.leads.iter().any(|l| last.contains(l.as_str()));
        let counts = declared_counts(decl, last);
        if !(is_q || announces || !counts.is_empty()) || inline.is_match(last) {
            continue;
        }
        // 附件: 1.… 2.…: a list of attachments, not of work
        if v.not_leads
            .iter()
            .any(|w| last.trim_start().starts_with(w.as_str()))
        {
            continue;
        }
        let mut items = Vec::new();
        let mut bodies = 0;
        let mut end = pb;
        let mut aspect_mode: Option<bool> = None;
        let mut numbered: Option<Marker> = None;
        for &(qa, qb) in &paras[pi + 1..] {
            let t = doc.sentence_text(qa);
            // (1)… (2)… after a lead: numbered items, in order, at one level
            if let Some(m) = context::marker(t) {
                let next = match &numbered {
                    None => m.ordinal == 1 && items.is_empty(),
                    Some(p) => p.level == m.level && p.ordinal + 1 == m.ordinal,
                };
                if !next {
                    break;
                }
                let title = heading_title(t, &m);
                let title = title
                    .split(['。', ';', '；', ',', '，'])
                    .next()
                    .unwrap_or("")
                    .to_string();
                items.push(trim_item(&title));
                end = qb;
                numbered = Some(m);
                continue;
            }
            if numbered.is_some() || context::is_question(t) || t.starts_with("问") {
                break;
            }
            // A paragraph that announces its own list is not an item of this one.
            if doc.sentence_text(qb).ends_with([':', '：']) {
                break;
            }
            if let Some(c) =
                aspect.captures(doc.slice(doc.sentences[qa].start, doc.sentences[qb].end))
            {
                if aspect_mode == Some(false) {
                    break;
                }
                aspect_mode = Some(true);
                items.push(trim_item(c.name("x").map_or("", |m| m.as_str())));
                end = qb;
                bodies = 0;
                continue;
            }
            let len = t.chars().count();
            let single = qa == qb;
            let heading_like = len <= 25
                && ((single && !t.ends_with('。')) || (!single && t.ends_with('。')))
                && starts_with_verb(&words_of(t), v).is_some();
            if heading_like && aspect_mode != Some(true) {
                aspect_mode = Some(false);
                items.push(trim_item(t));
                end = qb;
                bodies = 0;
            } else {
                if aspect_mode == Some(true) {
                    break;
                }
                bodies += 1;
                let allowed = if items.is_empty() {
                    usize::from(is_q)
                } else {
                    1
                };
                if bodies > allowed {
                    break;
                }
            }
        }
        let declared = pick_declared(&counts, items.len());
        if items.len() < 2 {
            continue;
        }
        let title = if is_q {
            clean_lead(if context::is_question(last) {
                last
            } else {
                first
            })
        } else {
            lead_title(last, decl)
        };
        let title = if !is_q && declared.is_some() && title.is_empty() {
            paths[pa].last().cloned().unwrap_or_default()
        } else {
            title
        };
        out.push(mk(
            &title,
            declared,
            items,
            "enumeration",
            doc,
            doc.sentences[pb].start,
            doc.sentences[end].end,
            paths[pa].clone(),
        ));
    }
}

/// 重点实施“六大工程”:A、B、C…。: a lead clause that ends with a colon and announces a list
/// (a declared count or a lead word), then the items up to the end of the sentence,
/// separated by 、 (or by ；, running on over the following sentences of the paragraph).
/// Items on lines of their own are [`lead_lists`]' work, and a list closed by 等N项 is
/// [`inline_lists`]'.
fn colon_lists(cx: Cx, out: &mut Vec<TaskList>) {
    let Cx {
        doc,
        dicts,
        v,
        paths,
    } = cx;
    let decl = declared_re(dicts, v);
    let inline = inline_re(dicts, v);
    for (i, path) in paths.iter().enumerate() {
        let text = doc.sentence_text(i);
        let Some(colon) = text.rfind([':', '：']) else {
            continue;
        };
        let lead = &text[..colon];
        let mut body = text[colon..].chars().skip(1).collect::<String>();
        let mut last = i;
        // the lead ends the sentence: the items are the rest of the paragraph's sentence
        if body.trim().is_empty() {
            match doc.sentences.get(i + 1) {
                Some(n) if !n.para_start => {
                    body = doc.sentence_text(i + 1).to_string();
                    last = i + 1;
                }
                _ => continue,
            }
        }
        // A；B；C。 splits into sentences: take them while they end with ；
        while body.ends_with(['；', ';'])
            && doc.sentences.get(last + 1).is_some_and(|n| !n.para_start)
            && doc.sentence_text(last + 1).chars().count() <= 40
        {
            last += 1;
            body.push_str(doc.sentence_text(last));
        }
        if v.not_leads
            .iter()
            .any(|w| lead.trim_start().starts_with(w.as_str()))
        {
            continue;
        }
        let counts = declared_counts(decl, lead);
        let announced = !counts.is_empty()
            || v.leads
                .iter()
                .chain(&v.inline_leads)
                .any(|l| lead.contains(l.as_str()));
        // 一是…;二是…: an enumeration, [`enumerations`]' work
        let enumerated = enum_re()
            .find(body.trim_start())
            .is_some_and(|m| m.start() == 0)
            || context::marker(body.trim_start()).is_some();
        if !announced || enumerated || inline.is_match(&body) {
            continue;
        }
        let list = body.trim_end_matches(['。', '.', ';', '；']);
        let pieces: Vec<&str> = list.split(['、', ';', '；']).collect();
        if pieces.len() < 2 || pieces.iter().any(|p| p.chars().count() > 40) {
            continue;
        }
        let items = split_items(list, pick_declared(&counts, pieces.len()), v);
        if items.len() < 2 {
            continue;
        }
        let declared = pick_declared(&counts, items.len());
        out.push(mk(
            &lead_title(lead, decl),
            declared,
            items,
            "inline",
            doc,
            doc.sentences[i].start,
            doc.sentences[last].end,
            path.clone(),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::Engine;
    use crate::pipeline::document_from_str;

    fn titles(text: &str) -> Vec<String> {
        let engine = Engine::get();
        let doc = document_from_str("t", "txt", text, engine);
        super::extract(&doc, &engine.dicts)
            .0
            .into_iter()
            .map(|l| l.title)
            .collect()
    }

    #[test]
    fn a_lead_is_titled_by_its_clause_that_declares_the_count() {
        assert_eq!(
            titles("方案从3个方面提出了12项任务,明确了到2025年的目标。一是夯实基础,二是壮大产业,三是优化环境。"),
            vec!["方案从3个方面提出了12项任务"]
        );
        // without a declared count, the last clause
        assert_eq!(
            titles("会议强调,要抓好以下工作。一是夯实基础,二是壮大产业。"),
            vec!["要抓好以下工作"]
        );
    }
}
