//! The engine: everything the pipeline stages need, built once from the built-in and user
//! dictionaries and passed to every stage — the dictionaries, the normalizer (boilerplate
//! patterns, OpenCC), the segmenter (jieba with the policy vocabulary, built with the rest
//! or on first use) and the extraction resources (grammars, vocabularies, gazetteer). There
//! is no process-wide state: a caller builds an engine and hands it on.

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
    /// jieba: built by [`Engine::load_with`] for the commands that segment, otherwise when a
    /// stage first asks.
    segmenter: OnceLock<Segmenter>,
    pub resources: Resources,
    /// How a very large text is cut to be analyzed in pieces (`--window-kib`).
    pub windows: Windows,
}

/// Whether [`Engine::load_with`] builds the segmenter before it returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segmenting {
    /// Build it alongside the rest, on another core: for commands that segment.
    Now,
    /// Build it when a stage first asks (never, for a command that does not segment).
    OnFirstUse,
}

impl Engine {
    /// Build an engine from the built-in dictionaries extended by `user_dir`; the segmenter
    /// is built on first use.
    pub fn load(user_dir: Option<&Path>) -> Result<Engine, DictError> {
        Self::load_with(user_dir, Segmenting::OnFirstUse)
    }

    /// Build an engine, the parts that do not depend on each other at the same time (the
    /// segmenter, when asked for, the gazetteer and the rest of the resources), so that
    /// start-up takes about as long as its longest part on a machine with cores to spare.
    pub fn load_with(user_dir: Option<&Path>, segmenting: Segmenting) -> Result<Engine, DictError> {
        let dicts = Dicts::load(user_dir)?;
        let (normalizer, resources, segmenter) = std::thread::scope(|s| {
            let segmenter =
                (segmenting == Segmenting::Now).then(|| s.spawn(|| Segmenter::new(&dicts)));
            let normalizer = Normalizer::new(&dicts);
            let resources = Resources::new(&dicts);
            // a panic on the segmenter's thread goes on here
            let segmenter =
                segmenter.map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
            (normalizer, resources, segmenter)
        });
        Ok(Engine {
            normalizer,
            segmenter: segmenter.map_or_else(OnceLock::new, OnceLock::from),
            resources: resources?,
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Building the parts at once, on several threads, gives the engine building them in
    /// turn gives: the same report for the same text.
    #[test]
    fn an_engine_built_at_once_analyzes_as_one_built_in_turn() {
        let text = "到2025年，全省地区生产总值达到5万亿元，浙江省杭州市建成3个示范区。";
        let now = Engine::load_with(None, Segmenting::Now).unwrap();
        assert!(
            now.segmenter.get().is_some(),
            "built before load_with returned"
        );
        let lazy = Engine::load(None).unwrap();
        assert!(lazy.segmenter.get().is_none(), "not built until asked");
        let report = |e: &Engine| {
            let doc = e.document_from_str("t.txt", "txt", text);
            serde_json::to_string(&e.analyze(&doc)).unwrap()
        };
        assert_eq!(report(&now), report(&lazy));
    }
}
