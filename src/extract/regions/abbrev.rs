//! `region.abbreviation`: one-character province abbreviations — in a run (沪苏浙皖, 川渝,
//! 粤港澳) that is no name of its own (辽宁 is 辽宁省, not 辽+宁), or alone right after a verb
//! of place (在皖落地, 来沪, 援疆). The characters and which may stand alone are in
//! `dicts/regions/abbreviations.tsv`.

use super::evaluate::Mention;
use super::index::Gazetteer;
use crate::charset::CharBits;
use crate::dicts::Table;
use crate::extract::Text;
use crate::rules::Rule;
use foldhash::{HashMap, HashMapExt};

/// Verbs of place after which a lone abbreviation names its province.
const PLACE_VERBS: [char; 12] = [
    '在', '来', '赴', '进', '入', '出', '援', '驻', '回', '抵', '留', '返',
];

/// The abbreviations: character → (unit index, may stand alone), sorted by character (a
/// few dozen; looked up at every character of a text, so a binary search, not a hash),
/// and a bitmap over the chars between the first and the last of them, which answers "no"
/// for almost every char of a text at once.
pub struct Abbreviations {
    sorted: Vec<(char, (usize, bool))>,
    chars: CharBits,
}

impl Abbreviations {
    /// Read the table against the gazetteer's units (rows of unknown codes are skipped).
    pub fn new(table: &Table, g: &Gazetteer) -> Abbreviations {
        let mut map = HashMap::new();
        for r in &table.rows {
            let (Some(c), Some(i)) = (r.get(0).chars().next(), g.index_of(r.get(1))) else {
                continue;
            };
            map.insert(c, (i, r.get(2) == "yes"));
        }
        let mut sorted: Vec<(char, (usize, bool))> = map.into_iter().collect();
        sorted.sort_unstable();
        Abbreviations {
            chars: CharBits::new(sorted.iter().map(|&(c, _)| c)),
            sorted,
        }
    }

    fn get(&self, c: char) -> Option<(usize, bool)> {
        if !self.chars.contains(c) {
            return None;
        }
        let i = self.sorted.binary_search_by_key(&c, |&(x, _)| x).ok()?;
        Some(self.sorted[i].1)
    }
}

/// Every abbreviation mention of the text, in order, that no other mention covers.
pub fn mentions(tx: &Text, taken: &[Mention]) -> Vec<Mention> {
    let ab = &tx.res.abbreviations;
    let g = &tx.res.gazetteer;
    let text = &tx.doc.text;
    // one sweep over the other mentions by start: a run [i, j) is covered when a mention
    // that starts before j ends after i (runs come in order, so the sweep never goes back)
    let mut spans: Vec<(usize, usize)> = taken.iter().map(|m| (m.start, m.end)).collect();
    spans.sort_unstable();
    let (mut next, mut reach) = (0, 0);
    let mut out = Vec::new();
    // the run being read: its first char, its first byte, and the char before it
    let mut open: Option<(usize, usize, Option<char>)> = None;
    let mut prev = None;
    let mut chars = text.char_indices().enumerate();
    loop {
        let here = chars.next();
        let is_abbr = here.is_some_and(|(_, (_, c))| ab.get(c).is_some());
        match (open, here) {
            (None, Some((i, (bi, _)))) if is_abbr => open = Some((i, bi, prev)),
            (Some((i, bi, before)), _) if !is_abbr => {
                let (j, bj) = here.map_or((tx.doc.len_chars(), text.len()), |(j, (bj, _))| (j, bj));
                while next < spans.len() && spans[next].0 < j {
                    reach = reach.max(spans[next].1);
                    next += 1;
                }
                if reach <= i {
                    out.extend(run(tx, g, &text[bi..bj], before, (i, j)));
                }
                open = None;
            }
            _ => {}
        }
        let Some((_, (_, c))) = here else { break };
        prev = Some(c);
    }
    out
}

/// The mentions of the run of abbreviation characters `[a, b)` (its text `text`, after the
/// char `before`).
fn run(
    tx: &Text,
    g: &Gazetteer,
    text: &str,
    before: Option<char>,
    (a, b): (usize, usize),
) -> Vec<Mention> {
    let ab = &tx.res.abbreviations;
    let word = |s: usize, e: usize| tx.tokens.on_word_boundaries(s, e);
    let units: Vec<(usize, bool)> = text.chars().filter_map(|c| ab.get(c)).collect();
    let mention = |k: usize, i: usize| Mention {
        start: a + k,
        end: a + k + 1,
        units: vec![i],
        area: None,
        needs_parent: false,
        rule: Rule::RegionAbbreviation,
    };
    if b - a >= 2 {
        // a name of its own (辽宁, 台湾 …) is the automaton's business; a run needs one
        // character that may stand alone (港澳 alone is two words of their own)
        let named = (2..=b - a).any(|n| g.is_name(&text.chars().take(n).collect::<String>()));
        let anchored = units.iter().any(|(_, alone)| *alone);
        if named || !anchored || !word(a, b) {
            return Vec::new();
        }
        return units
            .iter()
            .enumerate()
            .map(|(k, (i, _))| mention(k, *i))
            .collect();
    }
    let (i, alone) = units[0];
    let after_verb = before.is_some_and(|p| PLACE_VERBS.contains(&p)) && tx.tokens.ends_word(b);
    if alone && after_verb {
        return vec![mention(0, i)];
    }
    Vec::new()
}
