//! Whether a name the automaton found is a mention of a place here, and of which: word
//! boundaries, organisation and zone names around it, ordinary words, the document's date,
//! the unit named just before it.

use super::index::{Entry, Gazetteer, Via};
use crate::extract::Text;
use crate::report::Level;
use crate::rules::Rule;

/// A place mention: the candidate units (after date and level filtering) or an area.
#[derive(Debug, Clone)]
pub struct Mention {
    /// Char offsets in the normalized text.
    pub start: usize,
    pub end: usize,
    pub units: Vec<usize>,
    pub area: Option<usize>,
    /// A county short name that jieba reads only as some proper noun (义乌/nz): kept when a
    /// unit above it is named in the document too.
    pub needs_parent: bool,
    pub rule: Rule,
}

/// A name found at bytes `[start, end)` of the text, as pattern `pattern`.
#[derive(Debug, Clone, Copy)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub pattern: usize,
}

/// True when `[a, b)` (bytes) sits inside a short quoted name longer than itself
/// (“凤凰行动”). The quote marks are looked for at most ten characters away, as the name
/// inside may be no longer than that, so the check costs the same wherever it happens.
fn in_quoted_name(text: &str, a: usize, b: usize) -> bool {
    let before: Vec<char> = text[..a].chars().rev().take(11).collect();
    let Some(o) = before.iter().position(|&c| c == '“' || c == '”') else {
        return false;
    };
    if before[o] != '“' {
        return false;
    }
    let after: Vec<char> = text[b..].chars().take(11).collect();
    let Some(c) = after.iter().position(|&c| c == '”' || c == '"') else {
        return false;
    };
    let inner = o + c;
    inner > 0 && inner <= 10
}

/// True when `[a, b)` (chars) is one piece of a single token made of place names only
/// (jieba keeps 吉林长春, 浙江杭州 as one word): the pieces are words of their own.
fn compound_piece(tx: &Text, g: &Gazetteer, a: usize, b: usize) -> bool {
    let toks = tx.tokens.tokens_in(a, b);
    let Some(t) = toks.first().filter(|t| t.start <= a && t.end >= b) else {
        return false;
    };
    let word: Vec<char> = t.word.chars().collect();
    // tile the token greedily with the longest known name at each place
    let mut cuts = vec![t.start];
    let mut i = 0;
    while i < word.len() {
        let Some(n) = (2..=(word.len() - i).min(12)).rev().find(|&n| {
            g.by_name
                .contains_key(&word[i..i + n].iter().collect::<String>())
        }) else {
            return false;
        };
        i += n;
        cuts.push(t.start + i);
    }
    cuts.len() > 2 && cuts.contains(&a) && cuts.contains(&b)
}

/// Part of an organisation, newspaper, zone, road, estate or meeting name: a suffix of
/// `not_places.tsv` follows directly, or within its reach (杭州城西科创大走廊, 金沙雅苑,
/// 黄河流域生态保护和高质量发展座谈会), with no punctuation between. A suffix that only a
/// short name is borrowed by does not apply to a full name.
fn inside_other_name(g: &Gazetteer, after: &str, short: bool) -> bool {
    let end = after
        .char_indices()
        .take_while(|&(_, c)| {
            // ASCII punctuation (, ; : ( ) …) is the first test's
            !c.is_ascii_punctuation()
                && !matches!(
                    c,
                    '，' | '。'
                        | '、'
                        | '；'
                        | '：'
                        | '（'
                        | '）'
                        | '“'
                        | '”'
                        | '《'
                        | '》'
                        | ' '
                        | '\n'
                )
        })
        .take(20)
        .last()
        .map_or(0, |(i, c)| i + c.len_utf8());
    let near = &after[..end];
    // every occurrence of every suffix: one within its reach is enough
    g.not_place_ac.find_overlapping_iter(near).any(|m| {
        let s = &g.not_places[m.pattern().as_usize()];
        (short || !s.short_only) && near[..m.start()].chars().count() <= s.reach
    })
}

/// Word boundaries: a name must start a token and end one, except that a full name may open
/// a longer token (浙江省委, 杭州市政府), and so may a province's short name unless jieba
/// reads the token as an organisation (台湾同胞, 天津港, but not 云南白药/nt), and any name
/// followed in its token by its own government, organ or zone (`seats.tsv`: 香港政府,
/// 深圳经济特区); none may end
/// inside the next word (重庆市场). Returns whether it holds, and whether only as a piece
/// of a compound token.
fn on_boundaries(
    tx: &Text,
    g: &Gazetteer,
    entries: &[Entry],
    (a, b): (usize, usize),
) -> Option<bool> {
    if tx.tokens.on_word_boundaries(a, b) {
        return Some(false);
    }
    if compound_piece(tx, g, a, b) {
        return Some(true);
    }
    let full_only = entries
        .iter()
        .all(|e| matches!(e, Entry::Unit(_, Via::Full)));
    let province_short = entries
        .iter()
        .all(|e| matches!(e, Entry::Unit(i, Via::Short) if g.units[*i].level == Level::Province));
    let first = tx.tokens.tokens_in(a, b).first().copied();
    let t = first.filter(|t| t.start == a && t.end >= b)?;
    let rest = t.word.chars().skip(b - a).collect::<String>();
    let seat = g.seats.iter().any(|s| rest.starts_with(s.as_str()));
    (full_only || seat || (province_short && t.tag != "nt")).then_some(false)
}

/// The candidates under a unit named right before this name (福州鼓楼, 北京朝阳).
fn under_prev(
    g: &Gazetteer,
    cands: &[(usize, Via)],
    prev: Option<&Mention>,
    a: usize,
) -> Vec<(usize, Via)> {
    let Some(p) = prev.filter(|p| p.end + 1 >= a && p.area.is_none()) else {
        return Vec::new();
    };
    cands
        .iter()
        .copied()
        .filter(|(i, _)| {
            let chain = g.chain(*i);
            p.units
                .iter()
                .any(|&pu| chain[1..].contains(&g.units[pu].code))
        })
        .collect()
}

/// Only the candidates of the highest level.
fn top_level(g: &Gazetteer, cands: Vec<(usize, Via)>) -> Vec<(usize, Via)> {
    let top = cands.iter().map(|(i, _)| g.units[*i].level).min();
    cands
        .into_iter()
        .filter(|(i, _)| Some(g.units[*i].level) == top)
        .collect()
}

/// A bare county short must read as a name in context: jieba tags it as a place, a person's
/// name or another proper noun (渝北/ns, 德清/nr, 义乌/nz), not as a common word (双城/n,
/// 合作/vn). It still needs a unit above it in the document (清河, 长兴, 石泉: county names
/// borrowed by words, roads and islands everywhere): None is no mention, Some(true) a
/// mention that needs its parent.
fn county_short(tx: &Text, (a, b): (usize, usize)) -> Option<bool> {
    let tag = tx
        .tokens
        .tokens_in(a, b)
        .iter()
        .find(|t| t.start == a && t.end == b)
        .map_or("", |t| t.tag);
    (tag.starts_with("ns") || tag.starts_with("nr") || tag == "nz").then_some(true)
}

/// The units a name may mean at the document's date (no date: a retired name still means
/// its last unit).
fn candidates(g: &Gazetteer, entries: &[Entry], year: Option<i32>) -> Vec<(usize, Via)> {
    let units_of = || {
        entries.iter().filter_map(|e| match e {
            Entry::Unit(i, v) => Some((*i, *v)),
            Entry::Area(_) => None,
        })
    };
    let cands: Vec<(usize, Via)> = units_of()
        .filter(|(i, _)| g.valid(&g.units[*i], year))
        .collect();
    if cands.is_empty() && year.is_none() {
        return units_of().collect();
    }
    cands
}

/// Whether the name at `hit` is a mention here, and of what. `prev` is the mention before
/// it (an ordinary word needs its parent there).
pub fn evaluate(tx: &Text, year: Option<i32>, hit: Hit, prev: Option<&Mention>) -> Option<Mention> {
    let g = &tx.res.gazetteer;
    let doc = tx.doc;
    let text = &doc.text;
    let (a, b) = (doc.char_at(hit.start), doc.char_at(hit.end));
    let entries = &g.entries[hit.pattern];
    let name = &text[hit.start..hit.end];
    let short = entries
        .iter()
        .all(|e| matches!(e, Entry::Unit(_, Via::Short | Via::Alias)));
    if inside_other_name(g, &text[hit.end..], short) {
        return None;
    }
    let compound = on_boundaries(tx, g, entries, (a, b))?;
    let mut mention = Mention {
        start: a,
        end: b,
        units: vec![],
        area: None,
        needs_parent: false,
        rule: if compound {
            Rule::RegionCompound
        } else {
            Rule::RegionFullName
        },
    };
    let mut cands = candidates(g, entries, year);
    if cands.is_empty() {
        let area = entries.iter().find_map(|e| match e {
            Entry::Area(i) => Some(*i),
            Entry::Unit(..) => None,
        })?;
        mention.area = Some(area);
        mention.rule = Rule::RegionArea;
        return Some(mention);
    }
    let under = under_prev(g, &cands, prev, a);
    // An ordinary word (合作, 和平, 大同) counts only right after its parent, or inside a
    // list of places (太原、大同、长治).
    let in_list = prev.is_some_and(|p| {
        p.area.is_none() && !p.units.is_empty() && p.end < a && doc.slice(p.end, a) == "、"
    });
    let ordinary = g.ordinary.contains(name);
    if ordinary && under.is_empty() && !in_list {
        return None;
    }
    if !under.is_empty() {
        // right after its parent, a short name is that parent's unit, however jieba tags
        // it; the higher level still wins (辽宁朝阳 is 朝阳市, not 朝阳县)
        cands = top_level(g, under);
        mention.rule = Rule::RegionAfterParent;
    } else if cands.iter().all(|(_, v)| *v == Via::Short) {
        // A bare short name means the higher level (长沙 is 长沙市, not 长沙县).
        cands = top_level(g, cands);
        if in_quoted_name(text, hit.start, hit.end) {
            return None; // “凤凰行动”: a programme's name
        }
        if cands
            .first()
            .is_some_and(|(i, _)| g.units[*i].level == Level::County)
        {
            // inside a list of places (启东、海门) any tag will do; it still needs its parent
            mention.needs_parent = in_list || county_short(tx, (a, b))?;
        }
        if !compound {
            mention.rule = if ordinary {
                Rule::RegionInList
            } else {
                Rule::RegionShortName
            };
        }
    } else {
        // Full names and aliases beat short names of other units.
        cands.retain(|(_, v)| *v != Via::Short);
        if !compound && cands.iter().all(|(_, v)| *v == Via::Alias) {
            mention.rule = Rule::RegionAlias;
        }
    }
    mention.units = cands.iter().map(|(i, _)| *i).collect();
    mention.units.dedup();
    Some(mention)
}
