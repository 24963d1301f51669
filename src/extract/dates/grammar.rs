//! The date grammar, compiled once: the atom pattern ([`super::atoms`]), the holidays of
//! `dicts/holidays.tsv`, the units that tell a decimal from a year–month, and the title
//! pattern of a one-year document. [`scan`] runs its three steps on a text: atoms, then
//! expressions ([`super::parse`]), then values ([`super::rules`]).

use super::atoms;
use super::holidays::Holidays;
use super::parse::{Expr, Parser};
use super::rules::{self, Ctx};
use super::{DateMatch, Reference};
use crate::dicts::Dicts;
use crate::error::DictError;
use regex::Regex;

/// Title words of a document for one year besides the `annual_plan` words of
/// `dicts/target_rules.tsv` (工作要点, 工作方案 …): the rules of one year's evaluation. They
/// give their year to the document's yearless months, but not to its figures (which is what
/// `annual_plan` also does), so they are kept here.
const ONE_YEAR_TITLES: &[&str] = &[
    "考评办法",
    "考核办法",
    "考评细则",
    "考核细则",
    "考评方案",
    "考核方案",
    "评估办法",
    "实施方案",
];

/// The compiled date grammar.
pub struct DateGrammar {
    atoms: atoms::AtomPattern,
    /// The atoms a date is built around ([`atoms::anchor_pattern`]): a text with none of
    /// them and no digit is not scanned further.
    anchors: Regex,
    urls: Regex,
    /// The holidays the grammar reads.
    pub holidays: Holidays,
    /// Non-time units, longest first: 2021.12 before one is a quantity.
    units: Vec<String>,
    /// A one-year document's title: 《2022年…工作要点》, 包头市2022年…考评办法.
    one_year: Regex,
}

impl DateGrammar {
    /// Compile the grammar from `dicts` (holidays, units, one-year title words); a bad
    /// holiday row is a [`DictError`].
    pub fn new(dicts: &Dicts) -> Result<DateGrammar, DictError> {
        let holidays = Holidays::from_table(&dicts.holidays)?;
        let compile = |p: &str, what: &str| {
            Regex::new(p).map_err(|e| DictError::Row {
                file: "dicts/holidays.tsv".into(),
                line: 0,
                message: format!("the {what} pattern does not compile: {e}"),
            })
        };
        let mut words: Vec<String> = dicts.target_words.annual_plans.clone();
        words.extend(ONE_YEAR_TITLES.iter().map(|w| w.to_string()));
        let alts: Vec<String> = words.iter().map(|w| regex::escape(w)).collect();
        // the year opens the title, or follows a place name (包头市2022年…); a span of
        // years (2021—2023年行动计划) is no one year
        let one_year = format!(
            r"(?:^|《|印发|关于)[^《》。,;:!?0-9\-—~至到]{{0,12}}?((?:19|20)[0-9]{{2}})年度?[^《》。,;:!?]{{0,40}}?(?:{})",
            alts.join("|")
        );
        Ok(DateGrammar {
            atoms: atoms::AtomPattern::new(&holidays).map_err(|e| DictError::Row {
                file: "dicts/holidays.tsv".into(),
                line: 0,
                message: format!("the date atom pattern does not compile: {e}"),
            })?,
            anchors: compile(&atoms::anchor_pattern(&holidays), "date anchor")?,
            urls: compile(r"(?i)(?:https?://|www\.)[\x21-\x7e]+", "URL")?,
            holidays,
            units: dicts
                .units
                .iter()
                .filter(|u| u.class != crate::dicts::UnitClass::Time && !u.unit.is_empty())
                .map(|u| u.unit.clone())
                .collect(),
            one_year: compile(&one_year, "one-year title")?,
        })
    }

    /// The year a title names when it is the title of a one-year document.
    pub fn one_year_title(&self, title: &str) -> Option<i32> {
        self.one_year.captures(title)?.get(1)?.as_str().parse().ok()
    }
}

/// Scan `text` for date expressions, told against `reference` (the publication date for
/// 今年, 明年, month–days; the document's year for yearless months); without one those stay
/// unresolved, `--MM-DD`, or unread.
pub fn scan(g: &DateGrammar, text: &str, reference: Reference) -> Vec<DateMatch> {
    read(g, &expressions(g, text), reference)
}

/// The date expressions of `text`, before they are read against a reference (the first two
/// steps of [`scan`], which do not depend on one).
pub fn expressions(g: &DateGrammar, text: &str) -> Vec<Expr> {
    if !text.bytes().any(|b| b.is_ascii_digit()) && !g.anchors.is_match(text) {
        return Vec::new();
    }
    all_expressions(g, text)
}

/// [`expressions`] without the anchor check.
fn all_expressions(g: &DateGrammar, text: &str) -> Vec<Expr> {
    let urls: Vec<(usize, usize)> = g
        .urls
        .find_iter(text)
        .map(|m| (m.start(), m.end()))
        .collect();
    let atoms = atoms::atoms(&g.atoms, &g.holidays, text, &urls);
    let parser = Parser {
        atoms: &atoms,
        text,
        holidays: &g.holidays,
        units: &g.units,
    };
    parser.expressions()
}

/// The values of `exprs` told against `reference` (the last step of [`scan`]).
pub fn read(g: &DateGrammar, exprs: &[Expr], reference: Reference) -> Vec<DateMatch> {
    let cx = Ctx {
        reference,
        holidays: &g.holidays,
    };
    let mut out = Vec::new();
    for e in exprs {
        rules::read(e, cx, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The anchor check in [`expressions`] skips texts whose atoms are all fillers; this
    /// holds only if fillers alone never make a date, which the full scan confirms here.
    #[test]
    fn filler_atoms_alone_make_no_date() {
        let g = DateGrammar::new(&Dicts::load(None).unwrap()).unwrap();
        for text in [
            "在和至于从前底末初起今、/.:自截至以来为止期间上旬",
            "一至二、三和四,十两个方面",
            "截至目前,自此以后,从前到后,力争在前列",
            "二〇二一、十二至十五",
            "第一、第二,前后,至今,当天以前",
        ] {
            let reference = Reference::at(chrono::NaiveDate::from_ymd_opt(2022, 3, 5));
            let all = read(&g, &all_expressions(&g, text), reference);
            assert!(all.iter().all(|m| m.value.is_none()), "{text}: {all:?}");
            assert!(expressions(&g, text).is_empty());
        }
    }
}
