//! The engine: everything the pipeline stages need, built once from the built-in and user
//! dictionaries and passed to every stage — the dictionaries, the normalizer (boilerplate
//! patterns, OpenCC), the segmenter (jieba with the policy vocabulary, built on first use) and
//! the extraction resources (grammars, vocabularies, gazetteer). There is no process-wide
//! state: a caller builds an engine and hands it on.

use crate::dicts::Dicts;
use crate::error::DictError;
use crate::extract::{self, Resources};
use crate::ingest::windows::Windows;
use crate::ingest::Decoded;
use crate::normalize::{Document, Normalizer};
use crate::report::DocReport;
use crate::segment::Segmenter;
use std::path::Path;
use std::sync::OnceLock;

/// Dictionaries plus everything built from them.
pub struct Engine {
    pub dicts: Dicts,
    pub normalizer: Normalizer,
    /// jieba is the costliest part to build (~0.1 s): built when a stage first asks.
    segmenter: OnceLock<Segmenter>,
    pub resources: Resources,
    /// How a very large text is cut to be analyzed in pieces (`--window-kib`).
    pub windows: Windows,
}

impl Engine {
    /// Build an engine from the built-in dictionaries extended by `user_dir`.
    pub fn load(user_dir: Option<&Path>) -> Result<Engine, DictError> {
        let dicts = Dicts::load(user_dir)?;
        Ok(Engine {
            normalizer: Normalizer::new(&dicts),
            segmenter: OnceLock::new(),
            resources: Resources::new(&dicts)?,
            windows: Windows::default(),
            dicts,
        })
    }

    /// The segmenter, built on first use.
    pub fn segmenter(&self) -> &Segmenter {
        self.segmenter.get_or_init(|| Segmenter::new(&self.dicts))
    }

    /// The gazetteer of divisions and areas.
    pub fn regions(&self) -> &extract::regions::Gazetteer {
        &self.resources.gazetteer
    }

    /// Normalize decoded text into a document.
    pub fn document(&self, path: &str, extension: &str, decoded: Decoded) -> Document {
        Document::new(path, extension, decoded, &self.normalizer)
    }

    /// Normalize a string as if it were a file with the given extension (tests, `parse`).
    pub fn document_from_str(&self, path: &str, extension: &str, text: &str) -> Document {
        let decoded = Decoded {
            text: text.to_string(),
            encoding: "UTF-8",
        };
        self.document(path, extension, decoded)
    }

    /// Run every extractor on a document. A document without a metadata title gets the
    /// title its first lines give ([`crate::title::from_text`]).
    pub fn analyze(&self, doc: &Document) -> DocReport {
        let mut report = extract::analyze(doc, self.segmenter(), &self.resources);
        if report.title.is_none() {
            report.title = crate::title::from_text(&doc.text);
        }
        report
    }

    /// Run every extractor on one window of a large text, against the first window's
    /// context (none for the first window itself).
    pub fn analyze_part(&self, doc: &Document, given: Option<&extract::Context>) -> extract::Part {
        extract::analyze_part(doc, self.segmenter(), &self.resources, given)
    }
}
