//! Extract: rules over a normalized [`Document`] that pull out targets, dates, regions and
//! task lists.
//!
//! [`Resources`] holds everything the rules need, compiled once from the dictionaries (the
//! number and date grammars, vocabularies, the gazetteer, the task patterns). For each
//! document, [`Text`] is what every rule reads: the document, its tokens (segmented on
//! demand), its outline, and the [`lattice`] of what one scan per sentence found (quantities,
//! dates). Each kind of content has its module; each rule has a name ([`crate::rules::Rule`])
//! that the items it produces carry.

pub mod cells;
pub mod dates;
pub mod lattice;
pub mod numbers;
pub mod outline;
pub mod regions;
pub mod targets;
pub mod tasks;

use crate::dicts::Dicts;
use crate::error::DictError;
use crate::normalize::Document;
use crate::report::{DocReport, TaskSummary, SCHEMA};
use crate::segment::{DocTokens, Segmenter};
use chrono::{Datelike, NaiveDate};

/// What the rules need, compiled once from the dictionaries.
pub struct Resources {
    /// The number and quantity grammar (units and comparators from the dictionaries).
    pub numbers: numbers::Grammar,
    /// The date grammar.
    pub dates: dates::DateGrammar,
    /// Labels of a dateline (发布日期:).
    pub date_labels: dates::published::Labels,
    /// The targets extractor's vocabulary and patterns.
    pub targets: targets::Vocab,
    /// The task-list extractor's vocabulary and patterns.
    pub tasks: tasks::Vocab,
    /// Every division and area name, with the index to resolve them.
    pub gazetteer: regions::Gazetteer,
    /// One-character province abbreviations.
    pub abbreviations: regions::abbrev::Abbreviations,
}

impl Resources {
    /// Compile everything from `dicts`; a pattern that does not compile is a [`DictError`].
    pub fn new(dicts: &Dicts) -> Result<Resources, DictError> {
        let gazetteer = regions::Gazetteer::build(dicts);
        Ok(Resources {
            numbers: numbers::Grammar::new(dicts)?,
            dates: dates::DateGrammar::new(dicts)?,
            date_labels: dates::published::Labels::default(),
            targets: targets::Vocab::new(dicts)?,
            tasks: tasks::Vocab::new(dicts)?,
            abbreviations: regions::abbrev::Abbreviations::new(&dicts.abbreviations, &gazetteer),
            gazetteer,
        })
    }
}

/// One document as the rules read it.
pub struct Text<'a> {
    pub doc: &'a Document,
    pub tokens: DocTokens<'a>,
    pub res: &'a Resources,
    pub outline: outline::Outline,
    pub lattice: lattice::Lattice,
    /// The publication date, when the document tells it.
    pub published: Option<NaiveDate>,
    /// The text the publication date was read from.
    pub published_evidence: Option<String>,
}

/// Make a document ready for the extractors: its dates (read once without a reference to
/// find the publication date, then, if there is one or the title names the year of a
/// one-year document, again against them; every later rule shares that second reading),
/// its outline and its lattice of readings, with no token segmented yet.
pub fn prepare<'a>(doc: &'a Document, seg: &'a Segmenter, res: &'a Resources) -> Text<'a> {
    let plain = dates::scan_sentences(&res.dates, doc, dates::Reference::default());
    let published = dates::published::published(doc, &plain, &res.dates, &res.date_labels);
    let pub_date = published.as_ref().map(|p| p.0);
    let reference = dates::Reference {
        date: pub_date,
        doc_year: dates::document_year(&res.dates, doc),
    };
    let scans = if reference == dates::Reference::default() {
        plain
    } else {
        dates::scan_sentences(&res.dates, doc, reference)
    };
    Text {
        doc,
        tokens: DocTokens::new(seg, doc),
        res,
        outline: outline::Outline::new(doc),
        lattice: lattice::Lattice::new(doc, res, scans),
        published: pub_date,
        published_evidence: published.map(|p| p.1),
    }
}

/// Run every extractor on a document.
pub fn analyze(doc: &Document, seg: &Segmenter, res: &Resources) -> DocReport {
    let text = prepare(doc, seg, res);
    let pub_date = text.published;
    let dates = dates::items(doc, &text.lattice.dates);
    let targets = targets::extract(&text);
    let regions = regions::extract(&text, pub_date.map(|d| d.year()));
    let tasks = tasks::extract(&text);
    DocReport {
        schema: SCHEMA.into(),
        path: doc.path.clone(),
        published: pub_date.map(|d| d.format("%Y-%m-%d").to_string()),
        published_evidence: text.published_evidence.clone(),
        source: doc.source.clone(),
        title: doc.meta.title.clone(),
        targets,
        dates,
        regions,
        task_summary: TaskSummary::of(&tasks),
        tasks,
    }
}
