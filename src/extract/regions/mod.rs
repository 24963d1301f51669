//! Regions: administrative divisions resolved to their GB/T 2260 codes, and named areas.
//!
//! The [`index::Gazetteer`] holds every full name, short name, hand alias, retired unit and
//! area name in one automaton. A match is kept ([`evaluate`]) when it sits on jieba word
//! boundaries (西南部 is not 南部县), is not part of an organisation or zone name (重庆日报,
//! 重庆高新区), and, for the short names that are ordinary words (合作, 和平 …), follows its
//! parent or stands in a list of places. Names resolve to the unit valid at the document's
//! date (a 2020 text's 渝北 is 渝北区 500112); a name shared by several units resolves
//! through a parent mentioned in the document, or is reported as ambiguous.

pub mod abbrev;
pub mod evaluate;
pub mod index;

pub use index::Gazetteer;

use super::Text;
use crate::report::{DivisionCode, Level, RegionItem};
use evaluate::{Hit, Mention};
use foldhash::{HashMap, HashMapExt, HashSet};

/// Every mention in the text: at each automaton match the longest name first; if it does
/// not hold there (上海市民 is not 上海市), a shorter name starting at the same place (上海).
fn mentions(tx: &Text, year: Option<i32>) -> Vec<Mention> {
    let g = &tx.res.gazetteer;
    let text = &tx.doc.text;
    let mut out: Vec<Mention> = Vec::new();
    for m in g.ac.leftmost_find_iter(text) {
        let matched = &text[m.start()..m.end()];
        let mut hits = vec![Hit {
            start: m.start(),
            end: m.end(),
            pattern: m.value() as usize,
        }];
        let shorter: Vec<usize> = matched.char_indices().skip(2).map(|(k, _)| k).collect();
        for k in shorter.into_iter().rev() {
            if let Some(&p) = g.by_name.get(&matched[..k]) {
                hits.push(Hit {
                    start: m.start(),
                    end: m.start() + k,
                    pattern: p,
                });
            }
        }
        let found = hits
            .into_iter()
            .find_map(|h| evaluate::evaluate(tx, year, h, out.last()));
        out.extend(found);
    }
    out
}

/// Resolve ambiguous mentions through units named in the document, else units implied by
/// one (顺义区 implies 北京市, which settles 通州区); drop county names read only as a proper
/// noun unless a unit above them is named or implied (义乌 in a text that names 杭州).
fn resolve(g: &Gazetteer, mentions: &mut Vec<Placed>) {
    let resolved = |m: &&Mention| m.units.len() == 1 && !m.needs_parent;
    let all = || mentions.iter().map(|p| &p.mention);
    let mentioned: HashSet<DivisionCode> = all()
        .filter(resolved)
        .map(|m| g.units[m.units[0]].code.clone())
        .collect();
    let implied: HashSet<DivisionCode> = all()
        .filter(resolved)
        .flat_map(|m| g.chain(m.units[0]))
        .collect();
    // a bare county name needs its own parent (the city, or the province or municipality
    // it belongs to directly) named or implied: a province alone is too wide (长兴, 鹿城 in
    // texts that name 浙江 for something else)
    mentions.retain(|p| {
        let m = &p.mention;
        !m.needs_parent
            || m.units.iter().any(|&i| {
                g.units[i]
                    .parent
                    .as_ref()
                    .is_some_and(|p| implied.contains(p))
            })
    });
    for k in 0..mentions.len() {
        if mentions[k].mention.units.len() <= 1 {
            continue;
        }
        // the nearest preceding resolved mention first, then anywhere in the document
        let start = mentions[k].mention.start;
        let near: Option<DivisionCode> = mentions[..k]
            .iter()
            .rev()
            .map(|p| &p.mention)
            .take_while(|p| p.end + 2 >= start)
            .find(|p| p.units.len() == 1)
            .map(|p| g.units[p.units[0]].code.clone());
        let pick = |set: &dyn Fn(&DivisionCode) -> bool| -> Vec<usize> {
            mentions[k]
                .mention
                .units
                .iter()
                .copied()
                .filter(|&i| g.chain(i)[1..].iter().any(set))
                .collect()
        };
        let mut chosen = near.as_ref().map(|n| pick(&|c| c == n)).unwrap_or_default();
        if chosen.len() != 1 {
            chosen = pick(&|c| mentioned.contains(c));
        }
        if chosen.len() != 1 {
            chosen = pick(&|c| implied.contains(c));
        }
        if chosen.len() == 1 {
            mentions[k].mention.units = chosen;
        }
    }
}

/// The merge key of a mention: its area, its unit's code, or its ambiguous name.
fn place_key(g: &Gazetteer, m: &Mention, evidence: &str) -> String {
    if let Some(ai) = m.area {
        return format!("area:{}", g.areas[ai].name);
    }
    if let [i] = m.units[..] {
        return g.units[i].code.to_string();
    }
    format!("ambiguous:{evidence}")
}

/// The place a mention stands for, with no mentions counted yet.
fn place(g: &Gazetteer, m: &Mention, evidence: String) -> RegionItem {
    let mut item = RegionItem {
        name: evidence.clone(),
        code: None,
        level: Level::Ambiguous,
        parent: None,
        successor: None,
        members: vec![],
        candidates: vec![],
        mentions: 0,
        spans: vec![],
        evidence,
        rule: m.rule,
    };
    if let Some(ai) = m.area {
        let a = &g.areas[ai];
        item.name = a.name.clone();
        item.level = Level::Area;
        item.members = a.members.clone();
        return item;
    }
    if let [i] = m.units[..] {
        let u = &g.units[i];
        item.name = u.name.clone();
        item.code = Some(u.code.clone());
        item.level = u.level;
        item.parent = u.parent.clone();
        item.successor = u.successor.clone();
        return item;
    }
    let mut codes: Vec<DivisionCode> = m.units.iter().map(|&i| g.units[i].code.clone()).collect();
    codes.sort();
    codes.dedup();
    item.candidates = codes;
    item
}

/// A mention as found in one document or window: with its span in the original and its
/// text, so that it can be resolved later against the mentions of the whole text.
#[derive(Debug, Clone)]
pub struct Placed {
    pub mention: Mention,
    pub span: [usize; 2],
    pub evidence: String,
}

impl Placed {
    /// The same mention in a text where this one's document starts `chars` normalized
    /// chars and `original` original chars in.
    pub fn shifted(mut self, chars: usize, original: usize) -> Placed {
        self.mention.start += chars;
        self.mention.end += chars;
        self.span = [self.span[0] + original, self.span[1] + original];
        self
    }
}

/// Every mention of a place in a document, in order, not yet resolved against each other.
/// `year` is the publication year, if known.
pub fn collect(tx: &Text, year: Option<i32>) -> Vec<Placed> {
    let mut mentions = mentions(tx, year);
    let abbreviations = abbrev::mentions(tx, &mentions);
    mentions.extend(abbreviations);
    mentions.sort_by_key(|m| m.start);
    mentions
        .into_iter()
        .map(|m| Placed {
            span: tx.doc.span(m.start, m.end),
            evidence: tx.doc.slice(m.start, m.end).to_string(),
            mention: m,
        })
        .collect()
}

/// The places of a text from all its mentions ([`collect`], in order): ambiguous names
/// resolved through the others, one item per place with its mentions counted.
pub fn items(g: &Gazetteer, mut placed: Vec<Placed>) -> Vec<RegionItem> {
    resolve(g, &mut placed);
    let mut items: Vec<RegionItem> = Vec::new();
    let mut key_pos: HashMap<String, usize> = HashMap::new();
    for p in placed {
        // a place met before is only counted: its item is built once
        let key = place_key(g, &p.mention, &p.evidence);
        let pos = *key_pos.entry(key).or_insert_with(|| {
            items.push(place(g, &p.mention, p.evidence));
            items.len() - 1
        });
        items[pos].mentions += 1;
        items[pos].spans.push(p.span);
    }
    items
}

/// Extract the places a document speaks of. `year` is the publication year, if known.
pub fn extract(tx: &Text, year: Option<i32>) -> Vec<RegionItem> {
    items(&tx.res.gazetteer, collect(tx, year))
}
