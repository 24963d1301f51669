//! The gazetteer: every current and retired division, named area and hand alias from
//! `dicts/regions/`, and one Aho–Corasick automaton (leftmost-longest) over all their names.

use crate::dicts::{Dicts, Row};
use crate::report::{DivisionCode, Level};
use aho_corasick::AhoCorasick;
use daachorse::{CharwiseDoubleArrayAhoCorasick, CharwiseDoubleArrayAhoCorasickBuilder, MatchKind};
use foldhash::{HashMap, HashMapExt, HashSet};
use std::collections::BTreeMap;

/// One administrative unit, current or retired.
#[derive(Debug, Clone)]
pub struct Unit {
    pub code: DivisionCode,
    pub name: String,
    pub short: String,
    pub level: Level,
    pub parent: Option<DivisionCode>,
    /// Last year the unit existed (retired units only).
    pub until: Option<i32>,
    /// First year the unit existed, when it was created since 2010.
    pub since: Option<i32>,
    pub successor: Option<DivisionCode>,
}

impl Unit {
    /// The fields both division tables share: code, name, short, level, parent. A row
    /// whose code is not six digits is skipped (the dictionary loader reports it).
    fn from_row(r: &Row) -> Option<Unit> {
        Some(Unit {
            code: DivisionCode::parse(r.get(0))?,
            name: r.get(1).into(),
            short: r.get(2).into(),
            level: r
                .get(3)
                .parse()
                .ok()
                .and_then(Level::from_number)
                .unwrap_or(Level::County),
            parent: DivisionCode::parse(r.get(4)),
            until: None,
            since: None,
            successor: None,
        })
    }
}

/// A named multi-region area.
#[derive(Debug, Clone)]
pub struct Area {
    pub name: String,
    pub kind: String,
    pub members: Vec<DivisionCode>,
}

/// How a name points at a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    Full,
    Short,
    Alias,
}

/// What one name of the automaton stands for.
#[derive(Debug, Clone, Copy)]
pub enum Entry {
    Unit(usize, Via),
    Area(usize),
}

/// A suffix that makes a place name part of another name (`not_places.tsv`).
#[derive(Debug, Clone)]
pub struct NotPlace {
    pub suffix: String,
    /// Characters allowed between the name and the suffix.
    pub reach: usize,
    /// Only a short name is borrowed so (洛川路): a full name before it stays a place.
    pub short_only: bool,
}

impl NotPlace {
    fn from_row(r: &Row) -> NotPlace {
        let suffix = r.get(0).to_string();
        let default = if suffix.chars().count() >= 3 { 3 } else { 0 };
        NotPlace {
            reach: r.get(2).parse().unwrap_or(default),
            short_only: r.get(3) == "short",
            suffix,
        }
    }
}

/// The loaded division list and the automaton over all names.
pub struct Gazetteer {
    pub units: Vec<Unit>,
    pub areas: Vec<Area>,
    by_code: HashMap<DivisionCode, usize>,
    /// Every name, leftmost-longest, with its index in `entries` as value.
    pub(super) ac: CharwiseDoubleArrayAhoCorasick<u32>,
    pub(super) entries: Vec<Vec<Entry>>,
    /// Pattern index of every name, to fall back to a shorter name at the same position.
    pub(super) by_name: HashMap<String, usize>,
    pub(super) ordinary: HashSet<String>,
    pub(super) not_places: Vec<NotPlace>,
    /// The suffixes of `not_places`, in their order, as one automaton (all matches).
    pub(super) not_place_ac: AhoCorasick,
    /// Words after a name inside its token that keep it a mention (`seats.tsv`: 政府, 特区).
    pub(super) seats: Vec<String>,
}

/// Current units, then retired ones with their years of validity; a current unit that
/// succeeds a retired one under a new code is taken to exist from the change year.
fn units(d: &Dicts) -> Vec<Unit> {
    let mut units: Vec<Unit> = d.divisions.rows.iter().filter_map(Unit::from_row).collect();
    let by_code: HashMap<DivisionCode, usize> = units
        .iter()
        .enumerate()
        .map(|(i, u)| (u.code.clone(), i))
        .collect();
    let retired_codes: HashSet<&str> = d.retired.rows.iter().map(|r| r.get(0)).collect();
    for r in &d.retired.rows {
        let Some(unit) = Unit::from_row(r) else {
            continue;
        };
        let change: Option<i32> = r.get(7).parse().ok();
        let last: Option<i32> = r.get(5).parse().ok();
        let successor = DivisionCode::parse(r.get(6));
        if let (Some(s), Some(y)) = (&successor, change) {
            if *s != unit.code && !retired_codes.contains(s.as_str()) {
                if let Some(&i) = by_code.get(s) {
                    if units[i].since.is_none_or(|x| x > y) && units[i].name != unit.name {
                        units[i].since = Some(y);
                    }
                }
            }
        }
        units.push(Unit {
            until: change.map(|c| c - 1).or(last),
            successor,
            ..unit
        });
    }
    units
}

fn areas(d: &Dicts) -> Vec<Area> {
    d.areas
        .rows
        .iter()
        .map(|r| Area {
            name: r.get(0).into(),
            kind: r.get(2).into(),
            members: r
                .get(3)
                .split('|')
                .filter_map(DivisionCode::parse)
                .collect(),
        })
        .collect()
}

/// Every name with what it stands for: full and short names, hand aliases, and areas (not
/// zones: special zones are platforms, not places; the province inside matches).
fn names(d: &Dicts, units: &[Unit], areas: &[Area]) -> BTreeMap<String, Vec<Entry>> {
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
    for (i, a) in areas.iter().enumerate().filter(|(_, a)| a.kind != "zone") {
        pats.entry(a.name.clone()).or_default().push(Entry::Area(i));
        if let Some(r) = d.areas.rows.get(i) {
            for alias in r.get(1).split('|') {
                pats.entry(alias.to_string())
                    .or_default()
                    .push(Entry::Area(i));
            }
        }
    }
    // an empty name (a user's row without one, an empty alias) would match everywhere
    pats.remove("");
    pats
}

impl Gazetteer {
    /// Build the gazetteer from the region tables in `dicts/regions/`.
    pub fn build(d: &Dicts) -> Gazetteer {
        let units = units(d);
        let areas = areas(d);
        // current units come first: a retired unit never shadows a current one's code
        let mut by_code = HashMap::new();
        for (i, u) in units.iter().enumerate() {
            by_code.entry(u.code.clone()).or_insert(i);
        }
        let (keys, entries): (Vec<String>, Vec<Vec<Entry>>) =
            names(d, &units, &areas).into_iter().unzip();
        let by_name = keys
            .iter()
            .enumerate()
            .map(|(i, k)| (k.clone(), i))
            .collect();
        // the automaton refuses only empty or repeated keys, and these are neither (a map's)
        let ac = CharwiseDoubleArrayAhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build_with_values(keys.iter().zip(0u32..))
            .expect("region names build an automaton");
        Gazetteer {
            units,
            areas,
            by_code,
            ac,
            entries,
            by_name,
            ordinary: d
                .ordinary_words
                .rows
                .iter()
                .map(|r| r.get(0).to_string())
                .collect(),
            not_place_ac: AhoCorasick::new(
                d.not_places
                    .rows
                    .iter()
                    .map(|r| NotPlace::from_row(r).suffix),
            )
            .expect("not-place suffixes build an automaton"),
            not_places: d.not_places.rows.iter().map(NotPlace::from_row).collect(),
            seats: d.seats.rows.iter().map(|r| r.get(0).to_string()).collect(),
        }
    }

    /// The current unit with this code.
    pub fn unit(&self, code: &str) -> Option<&Unit> {
        DivisionCode::parse(code)
            .and_then(|c| self.by_code.get(&c))
            .map(|&i| &self.units[i])
    }

    /// The index of the current unit with this code.
    pub fn index_of(&self, code: &str) -> Option<usize> {
        DivisionCode::parse(code).and_then(|c| self.by_code.get(&c).copied())
    }

    /// Whether `s` is a name of a unit or area.
    pub fn is_name(&self, s: &str) -> bool {
        self.by_name.contains_key(s)
    }

    /// How many named areas (not zones) the gazetteer holds.
    pub fn area_count(&self) -> usize {
        self.areas.iter().filter(|a| a.kind != "zone").count()
    }

    /// Whether unit `u` existed in `year` (no year: whether it exists now).
    pub(super) fn valid(&self, u: &Unit, year: Option<i32>) -> bool {
        match year {
            None => u.until.is_none(),
            Some(y) => u.until.is_none_or(|t| y <= t) && u.since.is_none_or(|s| y >= s),
        }
    }

    /// Codes of a unit and all its ancestors.
    pub(super) fn chain(&self, i: usize) -> Vec<DivisionCode> {
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
