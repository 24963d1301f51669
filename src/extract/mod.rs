//! Extract: every extractor reads a normalized [`Document`] and the shared [`Engine`].
//! `numbers` is the quantity grammar the others reuse; `context` knows headings and questions.

pub mod context;
pub mod dates;
pub mod numbers;
pub mod regions;
pub mod targets;
pub mod tasks;

use crate::engine::Engine;
use crate::normalize::Document;
use crate::report::{DocReport, SourceReport, SCHEMA};
use chrono::Datelike;

/// Run every extractor on a document.
pub fn analyze(doc: &Document, engine: &Engine) -> DocReport {
    // Dates are read once without a reference to find the publication date, then (if there
    // is one) again with it; the dates and targets extractors share that second reading.
    let plain = dates::scan_sentences(doc, None);
    let published = dates::published(doc, &plain);
    let pub_date = published.as_ref().map(|p| p.0);
    let scans = match pub_date {
        Some(_) => dates::scan_sentences(doc, pub_date),
        None => plain,
    };
    let dates = dates::items(doc, &scans);
    let targets = targets::extract(doc, engine, pub_date, &scans);
    let regions = regions::extract(doc, engine.regions(), pub_date.map(|d| d.year()));
    let (tasks, task_summary) = tasks::extract(doc, &engine.dicts);
    DocReport {
        schema: SCHEMA.into(),
        path: doc.path.clone(),
        published: pub_date.map(|d| d.format("%Y-%m-%d").to_string()),
        published_evidence: published.map(|p| p.1),
        source: SourceReport::from_info(&doc.source),
        title: doc.meta.title.clone(),
        targets,
        dates,
        regions,
        tasks,
        task_summary,
    }
}
