//! Units and measure words after a number: one anchored automaton over every unit of
//! `dicts/units.tsv` (longest first), and rates made of two units (立方米/天, 元/人, m³/d).

use crate::dicts::{Unit, UnitClass};
use crate::error::DictError;
use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};

/// A unit read after a number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitMatch {
    /// The unit as written (a rate as `吨/天`).
    pub text: String,
    pub class: UnitClass,
    /// Byte offset after it.
    pub end: usize,
}

/// The unit table as an automaton.
pub struct Units {
    ac: AhoCorasick,
    units: Vec<Unit>,
}

impl Units {
    /// Build the automaton; a table aho-corasick cannot hold is a [`DictError`].
    pub fn new(units: &[Unit]) -> Result<Units, DictError> {
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(units.iter().map(|u| u.unit.as_str()))
            .map_err(|e| DictError::Row {
                file: "dicts/units.tsv".into(),
                line: 0,
                message: format!("the units do not build an automaton: {e}"),
            })?;
        Ok(Units {
            ac,
            units: units.to_vec(),
        })
    }

    /// The class of a unit as written.
    pub fn class_of(&self, unit: &str) -> Option<UnitClass> {
        self.units.iter().find(|u| u.unit == unit).map(|u| u.class)
    }

    /// The one unit starting exactly at byte `at` of `text`. A unit of ASCII letters must
    /// not run on into more letters (5min is not 5 m).
    fn one(&self, text: &str, at: usize) -> Option<(usize, usize)> {
        let m = self
            .ac
            .find(Input::new(text).range(at..).anchored(Anchored::Yes))?;
        let unit = &text[m.start()..m.end()];
        let ascii_end = unit.chars().last().is_some_and(|c| c.is_ascii_alphabetic());
        let next = text[m.end()..].chars().next();
        if ascii_end && next.is_some_and(|c| c.is_ascii_alphabetic()) {
            return None;
        }
        Some((m.pattern().as_usize(), m.end()))
    }

    /// The unit at byte `at`, with a rate's second unit after `/` (吨/天, 万元/亩 after the
    /// magnitude), or None.
    pub fn at(&self, text: &str, at: usize) -> Option<UnitMatch> {
        let (p, end) = self.one(text, at)?;
        let first = &self.units[p];
        if text[end..].starts_with('/') {
            if let Some((_, end2)) = self.one(text, end + 1) {
                return Some(UnitMatch {
                    text: text[at..end2].to_string(),
                    class: UnitClass::Rate,
                    end: end2,
                });
            }
        }
        Some(UnitMatch {
            text: text[at..end].to_string(),
            class: first.class,
            end,
        })
    }
}
