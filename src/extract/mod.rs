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
pub mod merge;
pub mod numbers;
pub mod outline;
pub mod phrases;
pub mod regions;
pub mod targets;
pub mod tasks;

use crate::dicts::Dicts;
use crate::error::DictError;
use crate::normalize::Document;
use crate::report::{DateItem, DocReport, SourceReport, Target, TaskList, TaskSummary, SCHEMA};
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
    ///
    /// The gazetteer, the costliest part, is built on another thread meanwhile.
    pub fn new(dicts: &Dicts) -> Result<Resources, DictError> {
        std::thread::scope(|s| {
            let gazetteer = s.spawn(|| regions::Gazetteer::build(dicts));
            let number_grammar = numbers::Grammar::new(dicts);
            let date_grammar = dates::DateGrammar::new(dicts);
            let target_vocab = targets::Vocab::new(dicts);
            let task_vocab = tasks::Vocab::new(dicts);
            let gazetteer = gazetteer
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            Ok(Resources {
                numbers: number_grammar?,
                dates: date_grammar?,
                date_labels: dates::published::Labels::default(),
                targets: target_vocab?,
                tasks: task_vocab?,
                abbreviations: regions::abbrev::Abbreviations::new(
                    &dicts.abbreviations,
                    &gazetteer,
                ),
                gazetteer,
            })
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
    /// What holds for the whole document, as the targets rules read it.
    pub facts: targets::DocFacts,
    /// The year of a one-year document, from its title or first lines.
    pub doc_year: Option<i32>,
}

/// What a document says about itself that every part of it is read against: the
/// publication date, the year of a one-year document and the targets' document facts
/// (the year it speaks from, whether it is a Q&A). A window after the first of a large
/// text ([`crate::ingest::windows`]) is read against the first window's context: what the
/// whole text says of itself where it usually says it, at the start (an undated text's
/// latest 到YYYY年 in a later window is not seen).
#[derive(Debug, Clone)]
pub struct Context {
    pub published: Option<(NaiveDate, String)>,
    pub doc_year: Option<i32>,
    pub facts: targets::DocFacts,
}

impl Text<'_> {
    /// The context this text was read against.
    pub fn context(&self) -> Context {
        Context {
            published: self.published.zip(self.published_evidence.clone()),
            doc_year: self.doc_year,
            facts: self.facts.clone(),
        }
    }
}

/// Make a document ready for the extractors: its dates (read once without a reference to
/// find the publication date, then, if there is one or the title names the year of a
/// one-year document, again against them; every later rule shares that second reading),
/// its outline and its lattice of readings, with no token segmented yet. With a `given`
/// context, the document is read against it instead of its own.
pub fn prepare<'a>(
    doc: &'a Document,
    seg: &'a Segmenter,
    res: &'a Resources,
    given: Option<&Context>,
) -> Text<'a> {
    let (published, doc_year, scans) = match given {
        Some(cx) => {
            let reference = dates::Reference {
                date: cx.published.as_ref().map(|p| p.0),
                doc_year: cx.doc_year,
            };
            let scans = dates::scan_sentences(&res.dates, doc, reference);
            (cx.published.clone(), cx.doc_year, scans)
        }
        None => {
            // the text is scanned once; its expressions are read without a reference to
            // find the publication date, then again against it
            let exprs = dates::sentence_expressions(&res.dates, doc);
            let plain = dates::read_sentences(&res.dates, &exprs, dates::Reference::default());
            let published = dates::published::published(doc, &plain, &res.dates, &res.date_labels);
            let reference = dates::Reference {
                date: published.as_ref().map(|p| p.0),
                doc_year: dates::document_year(&res.dates, doc),
            };
            let scans = if reference == dates::Reference::default() {
                plain
            } else {
                dates::read_sentences(&res.dates, &exprs, reference)
            };
            (published, reference.doc_year, scans)
        }
    };
    let mut text = Text {
        doc,
        tokens: DocTokens::new(seg, doc),
        res,
        outline: outline::Outline::new(doc),
        lattice: lattice::Lattice::new(doc, res, scans),
        published: published.as_ref().map(|p| p.0),
        published_evidence: published.map(|p| p.1),
        facts: targets::DocFacts::default(),
        doc_year,
    };
    text.facts = match given {
        Some(cx) => cx.facts.clone(),
        None => targets::DocFacts::new(&text),
    };
    text
}

/// Run every extractor on a document.
pub fn analyze(doc: &Document, seg: &Segmenter, res: &Resources) -> DocReport {
    let part = analyze_part(doc, seg, res, None);
    part.report(
        &res.gazetteer,
        doc.path.clone(),
        doc.source.clone(),
        doc.meta.title.clone(),
    )
}

/// What the extractors found in one document or one window of a large text, with places
/// not yet resolved against each other ([`regions::items`] does that for the whole text).
pub struct Part {
    pub context: Context,
    pub targets: Vec<Target>,
    pub dates: Vec<DateItem>,
    pub places: Vec<regions::Placed>,
    pub tasks: Vec<TaskList>,
}

impl Part {
    /// The report of a whole document (or of every window of one, merged): its places
    /// resolved against each other, its lists counted.
    pub fn report(
        self,
        g: &regions::Gazetteer,
        path: String,
        source: SourceReport,
        title: Option<String>,
    ) -> DocReport {
        let published = self.context.published;
        DocReport {
            schema: SCHEMA.into(),
            path,
            published: published
                .as_ref()
                .map(|p| p.0.format("%Y-%m-%d").to_string()),
            published_evidence: published.map(|p| p.1),
            source,
            title,
            targets: self.targets,
            dates: self.dates,
            regions: regions::items(g, self.places),
            task_summary: TaskSummary::of(&self.tasks),
            tasks: self.tasks,
        }
    }
}

/// Run every extractor on a document, against `given` context if any ([`prepare`]).
pub fn analyze_part(
    doc: &Document,
    seg: &Segmenter,
    res: &Resources,
    given: Option<&Context>,
) -> Part {
    let text = prepare(doc, seg, res, given);
    let pub_year = text.published.map(|d| d.year());
    Part {
        dates: dates::items(doc, &text.lattice.dates),
        targets: targets::extract(&text),
        places: regions::collect(&text, pub_year),
        tasks: tasks::extract(&text),
        context: text.context(),
    }
}
