//! Regions: administrative divisions resolved to their GB/T 2260 codes, and named areas.
//!
//! One Aho–Corasick automaton (leftmost-longest) holds every full name, short name, hand
//! alias, retired unit and area name. A match is kept when it sits on jieba word boundaries
//! (西南部 is not 南部县), is not part of an organisation or zone name (重庆日报, 重庆高新区),
//! and, for the short names that are ordinary words (合作, 和平 …), follows its parent. Names
//! resolve to the unit valid at the document's date (a 2020 text's 渝北 is 渝北区 500112);
//! a name shared by several units resolves through a parent mentioned in the document, or is
//! reported as ambiguous.

use crate::dicts::Dicts;
use crate::normalize::Document;
use crate::report::RegionItem;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::collections::{BTreeMap, HashMap, HashSet};

/// One administrative unit, current or retired.
#[derive(Debug, Clone)]
pub struct Unit {
    pub code: String,
    pub name: String,
    pub short: String,
    /// 1 province, 2 prefecture, 3 county.
    pub level: u8,
    pub parent: Option<String>,
    /// Last year the unit existed (retired units only).
    pub until: Option<i32>,
    /// First year the unit existed, when it was created since 2010.
    pub since: Option<i32>,
    pub successor: Option<String>,
}

impl Unit {
    /// The fields both division tables share: code, name, short, level, parent.
    fn from_row(r: &crate::dicts::Row) -> Unit {
        Unit {
            code: r.get(0).into(),
            name: r.get(1).into(),
            short: r.get(2).into(),
            level: r.get(3).parse().unwrap_or(3),
            parent: Some(r.get(4).to_string()).filter(|p| !p.is_empty()),
            until: None,
            since: None,
            successor: None,
        }
    }
}

/// A named multi-region area.
#[derive(Debug, Clone)]
pub struct Area {
    pub name: String,
    pub kind: String,
    pub members: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Via {
    Full,
    Short,
    Alias,
}

#[derive(Debug, Clone, Copy)]
enum Entry {
    Unit(usize, Via),
    Area(usize),
}

/// The loaded division list and the automaton over all names.
pub struct RegionIndex {
    pub units: Vec<Unit>,
    pub areas: Vec<Area>,
    by_code: HashMap<String, usize>,
    ac: AhoCorasick,
    entries: Vec<Vec<Entry>>,
    /// Pattern index of every name, to fall back to a shorter name at the same position.
    by_name: HashMap<String, usize>,
    ordinary: HashSet<String>,
    not_places: Vec<String>,
}

fn level_name(l: u8) -> &'static str {
    match l {
        1 => "province",
        2 => "prefecture",
        _ => "county",
    }
}

impl RegionIndex {
    /// Build the index from the region tables in `dicts/regions/`.
    pub fn build(d: &Dicts) -> RegionIndex {
        let mut units: Vec<Unit> =
            Vec::with_capacity(d.divisions.rows.len() + d.retired.rows.len());
        for r in &d.divisions.rows {
            units.push(Unit::from_row(r));
        }
        let mut by_code: HashMap<String, usize> = HashMap::new();
        for (i, u) in units.iter().enumerate() {
            by_code.insert(u.code.clone(), i);
        }
        for r in &d.retired.rows {
            let change: Option<i32> = r.get(7).parse().ok();
            let last: Option<i32> = r.get(5).parse().ok();
            let successor = Some(r.get(6).to_string()).filter(|s| !s.is_empty());
            // A current unit that succeeds a retired one under a new code was created then.
            if let (Some(s), Some(y)) = (&successor, change) {
                if s != r.get(0) {
                    if let Some(&i) = by_code.get(s) {
                        let created = !d.retired.rows.iter().any(|o| o.get(0) == s);
                        if created
                            && units[i].since.is_none_or(|x| x > y)
                            && units[i].name != r.get(1)
                        {
                            units[i].since = Some(y);
                        }
                    }
                }
            }
            units.push(Unit {
                until: change.map(|c| c - 1).or(last),
                successor,
                ..Unit::from_row(r)
            });
        }
        let areas: Vec<Area> = d
            .areas
            .rows
            .iter()
            .map(|r| Area {
                name: r.get(0).into(),
                kind: r.get(2).into(),
                members: r
                    .get(3)
                    .split('|')
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .collect(),
            })
            .collect();
        let ordinary: HashSet<String> = d
            .ordinary_words
            .rows
            .iter()
            .map(|r| r.get(0).to_string())
            .collect();
        let mut pats: BTreeMap<String, Vec<Entry>> = BTreeMap::new();
        for (i, u) in units.iter().enumerate() {
            pats.entry(u.name.clone())
                .or_default()
                .push(Entry::Unit(i, Via::Full));
            if u.short.chars().count() >= 2 && u.short != u.name {
                pats.entry(u.short.clone())
                    .or_default()
                    .push(Entry::Unit(i, Via::Short));
            }
        }
        let code_idx: HashMap<&str, usize> = units
            .iter()
            .enumerate()
            .rev()
            .map(|(i, u)| (u.code.as_str(), i))
            .collect();
        for r in &d.aliases.rows {
            if let Some(&i) = code_idx.get(r.get(1)) {
                pats.entry(r.get(0).to_string())
                    .or_default()
                    .push(Entry::Unit(i, Via::Alias));
            }
        }
        for (i, a) in areas.iter().enumerate() {
            if a.kind == "zone" {
                continue; // special zones are platforms, not places; the province inside matches
            }
            pats.entry(a.name.clone()).or_default().push(Entry::Area(i));
            if let Some(r) = d.areas.rows.get(i) {
                for alias in r.get(1).split('|').filter(|s| !s.is_empty()) {
                    pats.entry(alias.to_string())
                        .or_default()
                        .push(Entry::Area(i));
                }
            }
        }
        let (keys, entries): (Vec<String>, Vec<Vec<Entry>>) = pats.into_iter().unzip();
        let by_name: HashMap<String, usize> = keys
            .iter()
            .enumerate()
            .map(|(i, k)| (k.clone(), i))
            .collect();
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&keys)
            .expect("region names build an automaton");
        RegionIndex {
            units,
            areas,
            by_code,
            ac,
            entries,
            by_name,
            ordinary,
            not_places: d
                .not_places
                .rows
                .iter()
                .map(|r| r.get(0).to_string())
                .collect(),
        }
    }

    /// The current unit with this code.
    pub fn unit(&self, code: &str) -> Option<&Unit> {
        self.by_code.get(code).map(|&i| &self.units[i])
    }

    fn valid(&self, u: &Unit, year: Option<i32>) -> bool {
        match year {
            None => u.until.is_none(),
            Some(y) => u.until.is_none_or(|t| y <= t) && u.since.is_none_or(|s| y >= s),
        }
    }

    /// Codes of a unit and all its ancestors.
    fn chain(&self, i: usize) -> Vec<String> {
        let mut out = vec![self.units[i].code.clone()];
        let mut p = self.units[i].parent.clone();
        while let Some(code) = p {
            out.push(code.clone());
            p = self
                .by_code
                .get(&code)
                .and_then(|&j| self.units[j].parent.clone());
            if out.len() > 4 {
                break;
            }
        }
        out
    }
}

/// True when `[a, b)` sits inside a short quoted name longer than itself (“凤凰行动”).
fn in_quoted_name(text: &str, a: usize, b: usize) -> bool {
    let before = &text[..a];
    let Some(o) = before.rfind('“') else {
        return false;
    };
    if before[o..].contains('”') {
        return false;
    }
    let Some(c) = text[b..].find('”') else {
        return false;
    };
    let inner = before[o + '“'.len_utf8()..].chars().count() + text[b..b + c].chars().count();
    inner > 0 && inner <= 10
}

/// True when `[a, b)` (chars) is one piece of a single token made of place names only
/// (jieba keeps 吉林长春, 浙江杭州 as one word): the pieces are words of their own.
fn compound_piece(doc: &Document, idx: &RegionIndex, a: usize, b: usize) -> bool {
    let toks = doc.tokens_in(a, b);
    let Some(t) = toks.first().filter(|t| t.start <= a && t.end >= b) else {
        return false;
    };
    let word: Vec<char> = t.word.chars().collect();
    // tile the token greedily with the longest known name at each place
    let mut cuts = vec![t.start];
    let mut i = 0;
    while i < word.len() {
        let Some(n) = (2..=(word.len() - i).min(12)).rev().find(|&n| {
            idx.by_name
                .contains_key(&word[i..i + n].iter().collect::<String>())
        }) else {
            return false;
        };
        i += n;
        cuts.push(t.start + i);
    }
    cuts.len() > 2 && cuts.contains(&a) && cuts.contains(&b)
}

struct Mention {
    start: usize,
    end: usize,
    /// Candidate unit indexes (after date and level filtering), or an area.
    units: Vec<usize>,
    area: Option<usize>,
    /// A county short name that jieba reads only as some proper noun (义乌/nz): kept when
    /// a unit above it is named in the document too.
    needs_parent: bool,
}

/// Whether the name at `[start, end)` (byte offsets, pattern `pattern`) is a mention here,
/// and of what. `prev` is the mention before it (an ordinary word needs its parent there).
fn evaluate(
    doc: &Document,
    idx: &RegionIndex,
    year: Option<i32>,
    start: usize,
    end: usize,
    pattern: usize,
    prev: Option<&Mention>,
) -> Option<Mention> {
    let text = &doc.text;
    let (a, b) = (doc.char_at(start), doc.char_at(end));
    let entries = &idx.entries[pattern];
    let name = &text[start..end];
    let after = &text[end..];
    // Part of an organisation, newspaper or zone name: the suffix follows directly or
    // after a short name part (杭州城西科创大走廊).
    let near: String = after
        .chars()
        .take_while(|c| !c.is_ascii_punctuation() && !"，。、；：,;:（）()“”《》 \n".contains(*c))
        .take(8)
        .collect();
    if idx.not_places.iter().any(|s| {
        after.starts_with(s.as_str())
            || near
                .find(s.as_str())
                .is_some_and(|i| near[..i].chars().count() <= 3 && s.chars().count() >= 3)
    }) {
        return None;
    }
    // Word boundaries: a name must start a token and end one, except that a full name may
    // open a longer token (浙江省委, 杭州市政府), and so may a province's short name unless
    // jieba reads the token as an organisation (台湾同胞, 天津港, but not 云南白药/nt);
    // none may end inside the next word (重庆市场).
    let full_only = entries
        .iter()
        .all(|e| matches!(e, Entry::Unit(_, Via::Full)));
    let province_short = entries
        .iter()
        .all(|e| matches!(e, Entry::Unit(i, Via::Short) if idx.units[*i].level == 1));
    if !doc.on_word_boundaries(a, b) && !compound_piece(doc, idx, a, b) {
        let opens_token = doc.tokens_in(a, b).first().is_some_and(|t| {
            t.start == a && t.end >= b && (full_only || (province_short && t.tag != "nt"))
        });
        if !((full_only || province_short) && opens_token) {
            return None;
        }
    }
    let areas: Vec<usize> = entries
        .iter()
        .filter_map(|e| {
            if let Entry::Area(i) = e {
                Some(*i)
            } else {
                None
            }
        })
        .collect();
    let units_of = || {
        entries.iter().filter_map(|e| match e {
            Entry::Unit(i, v) => Some((*i, *v)),
            Entry::Area(_) => None,
        })
    };
    let mut cands: Vec<(usize, Via)> = units_of()
        .filter(|(i, _)| idx.valid(&idx.units[*i], year))
        .collect();
    if cands.is_empty() && year.is_none() {
        // No date: a retired name still means its (last) unit.
        cands = units_of().collect();
    }
    if cands.is_empty() {
        return areas.first().map(|&ai| Mention {
            start: a,
            end: b,
            units: vec![],
            area: Some(ai),
            needs_parent: false,
        });
    }
    // The candidates under a unit named right before this name (福州鼓楼, 北京朝阳).
    let under_prev: Vec<(usize, Via)> = prev
        .filter(|p| p.end + 1 >= a && p.area.is_none())
        .map(|p| {
            cands
                .iter()
                .copied()
                .filter(|(i, _)| {
                    let chain = idx.chain(*i);
                    p.units
                        .iter()
                        .any(|&pu| chain[1..].contains(&idx.units[pu].code))
                })
                .collect()
        })
        .unwrap_or_default();
    // An ordinary word (合作, 和平, 大同) counts only right after its parent, or inside a
    // list of places (太原、大同、长治).
    let in_list = prev.is_some_and(|p| {
        p.area.is_none() && !p.units.is_empty() && p.end < a && doc.slice(p.end, a) == "、"
    });
    if idx.ordinary.contains(name) && under_prev.is_empty() && !in_list {
        return None;
    }
    let mut needs_parent = false;
    let vias_short = cands.iter().all(|(_, v)| *v == Via::Short);
    if !under_prev.is_empty() {
        // right after its parent, a short name is that parent's unit, however jieba tags
        // it; the higher level still wins (辽宁朝阳 is 朝阳市, not 朝阳县)
        let top = under_prev
            .iter()
            .map(|(i, _)| idx.units[*i].level)
            .min()
            .unwrap_or(3);
        cands = under_prev
            .into_iter()
            .filter(|(i, _)| idx.units[*i].level == top)
            .collect();
    } else if vias_short {
        // A bare short name means the higher level (长沙 is 长沙市, not 长沙县).
        let top = cands
            .iter()
            .map(|(i, _)| idx.units[*i].level)
            .min()
            .unwrap_or(3);
        cands.retain(|(i, _)| idx.units[*i].level == top);
        if in_quoted_name(text, start, end) {
            return None; // “凤凰行动”: a programme's name
        }
        // A county short must read as a name in context: jieba tags it as a place or
        // person's name (渝北/ns, 德清/nr), not as a common word (双城/n, 合作/vn); another
        // proper noun (义乌/nz, but also 新华, 七星) needs a unit above it in the document.
        if top == 3 {
            let tag = doc
                .tokens_in(a, b)
                .iter()
                .find(|t| t.start == a && t.end == b)
                .map(|t| t.tag.clone())
                .unwrap_or_default();
            if !(tag.starts_with("ns") || tag.starts_with("nr")) {
                if tag != "nz" {
                    return None;
                }
                needs_parent = true;
            }
        }
    } else {
        // Full names and aliases beat short names of other units.
        if cands.iter().any(|(_, v)| *v != Via::Short) {
            cands.retain(|(_, v)| *v != Via::Short);
        }
    }
    let mut units: Vec<usize> = cands.iter().map(|(i, _)| *i).collect();
    units.dedup();
    Some(Mention {
        start: a,
        end: b,
        units,
        area: None,
        needs_parent,
    })
}

/// Extract the places a document speaks of. `year` is the publication year, if known.
pub fn extract(doc: &Document, idx: &RegionIndex, year: Option<i32>) -> Vec<RegionItem> {
    let text = &doc.text;
    let mut mentions: Vec<Mention> = Vec::new();
    for m in idx.ac.find_iter(text) {
        // The longest name first; if it does not hold here (上海市民 is not 上海市), a shorter
        // name starting at the same place (上海).
        let matched = &text[m.start()..m.end()];
        let mut ends: Vec<(usize, usize)> = vec![(m.end(), m.pattern().as_usize())];
        for (k, _) in matched
            .char_indices()
            .skip(2)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
        {
            if let Some(&p) = idx.by_name.get(&matched[..k]) {
                ends.push((m.start() + k, p));
            }
        }
        for (end, pattern) in ends {
            if let Some(mention) =
                evaluate(doc, idx, year, m.start(), end, pattern, mentions.last())
            {
                mentions.push(mention);
                break;
            }
        }
    }

    // Resolve ambiguous mentions through units named in the document, else units implied
    // by one (顺义区 implies 北京市, which settles 通州区).
    let resolved = || {
        mentions
            .iter()
            .filter(|m| m.units.len() == 1 && !m.needs_parent)
    };
    let mentioned: HashSet<String> = resolved()
        .map(|m| idx.units[m.units[0]].code.clone())
        .collect();
    let implied: HashSet<String> = resolved().flat_map(|m| idx.chain(m.units[0])).collect();
    // A county name read only as a proper noun counts when a unit above it is named or
    // implied (义乌 in a text that names 杭州).
    mentions.retain(|m| {
        !m.needs_parent
            || m.units
                .iter()
                .any(|&i| idx.chain(i)[1..].iter().any(|c| implied.contains(c)))
    });
    for k in 0..mentions.len() {
        if mentions[k].units.len() <= 1 {
            continue;
        }
        // the nearest preceding resolved mention first, then anywhere in the document
        let near: Option<String> = mentions[..k]
            .iter()
            .rev()
            .find(|p| p.units.len() == 1 && p.end + 2 >= mentions[k].start)
            .map(|p| idx.units[p.units[0]].code.clone());
        let pick = |set: &dyn Fn(&str) -> bool| -> Vec<usize> {
            mentions[k]
                .units
                .iter()
                .copied()
                .filter(|&i| idx.chain(i)[1..].iter().any(|c| set(c)))
                .collect()
        };
        let mut chosen = near
            .as_ref()
            .map(|n| pick(&|c: &str| c == n))
            .unwrap_or_default();
        if chosen.len() != 1 {
            chosen = pick(&|c: &str| mentioned.contains(c));
        }
        if chosen.len() != 1 {
            chosen = pick(&|c: &str| implied.contains(c));
        }
        if chosen.len() == 1 {
            mentions[k].units = chosen;
        }
    }

    // Merge mentions into places.
    let mut items: Vec<RegionItem> = Vec::new();
    let mut key_pos: HashMap<String, usize> = HashMap::new();
    for m in &mentions {
        let span = doc.span(m.start, m.end);
        let evidence = doc.slice(m.start, m.end).to_string();
        let (key, make): (String, Box<dyn Fn() -> RegionItem>) = if let Some(ai) = m.area {
            let a = &idx.areas[ai];
            (
                format!("area:{}", a.name),
                Box::new(move || RegionItem {
                    name: a.name.clone(),
                    code: None,
                    level: "area".into(),
                    parent: None,
                    successor: None,
                    members: a.members.clone(),
                    candidates: vec![],
                    mentions: 0,
                    spans: vec![],
                    evidence: evidence.clone(),
                }),
            )
        } else if m.units.len() == 1 {
            let u = &idx.units[m.units[0]];
            (
                u.code.clone(),
                Box::new(move || RegionItem {
                    name: u.name.clone(),
                    code: Some(u.code.clone()),
                    level: level_name(u.level).into(),
                    parent: u.parent.clone(),
                    successor: u.successor.clone(),
                    members: vec![],
                    candidates: vec![],
                    mentions: 0,
                    spans: vec![],
                    evidence: evidence.clone(),
                }),
            )
        } else {
            let mut codes: Vec<String> =
                m.units.iter().map(|&i| idx.units[i].code.clone()).collect();
            codes.sort();
            codes.dedup();
            (
                format!("ambiguous:{evidence}"),
                Box::new(move || RegionItem {
                    name: evidence.clone(),
                    code: None,
                    level: "ambiguous".into(),
                    parent: None,
                    successor: None,
                    members: vec![],
                    candidates: codes.clone(),
                    mentions: 0,
                    spans: vec![],
                    evidence: evidence.clone(),
                }),
            )
        };
        let pos = *key_pos.entry(key).or_insert_with(|| {
            items.push(make());
            items.len() - 1
        });
        items[pos].mentions += 1;
        items[pos].spans.push(span);
    }
    items
}
