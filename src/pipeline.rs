//! The whole pipeline for a set of paths: expand → read → decode → normalize → extract,
//! in parallel (rayon) with results kept in input order.

use crate::engine::Engine;
use crate::error::InputError;
use crate::ingest::{self, Source};
use crate::normalize::Document;
use crate::report::DocReport;
use rayon::prelude::*;
use std::path::PathBuf;

/// Read, decode and normalize one source.
pub fn load(source: &Source, engine: &Engine) -> Result<Document, InputError> {
    let path = source.display();
    let bytes = source.read()?;
    let decoded = ingest::decode(&path, &bytes)?;
    Ok(engine.document(&path, &source.extension(), decoded))
}

/// Normalize a string as if it were a file with the given extension (tests, `parse`).
pub fn document_from_str(path: &str, extension: &str, text: &str, engine: &Engine) -> Document {
    engine.document_from_str(path, extension, text)
}

/// Load every source under `paths` and apply `f` to each document, in parallel; results come
/// back in input order, failures as errors naming the path.
pub fn map_documents<T: Send>(
    paths: &[PathBuf],
    engine: &Engine,
    f: impl Fn(&Document) -> T + Sync,
) -> Vec<Result<T, InputError>> {
    let sources = ingest::expand(paths);
    sources
        .into_par_iter()
        .map(|s| {
            let s = s?;
            let doc = load(&s, engine)?;
            Ok(f(&doc))
        })
        .collect()
}

/// Analyze every source under `paths`.
pub fn analyze_paths(paths: &[PathBuf], engine: &Engine) -> Vec<Result<DocReport, InputError>> {
    map_documents(paths, engine, |d| engine.analyze(d))
}
