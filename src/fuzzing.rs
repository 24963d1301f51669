//! Fuzzing harnesses: arbitrary bytes in, a panic only when a guarantee is broken.
//!
//! The `cargo fuzz` targets in `fuzz/` call these, and so does a plain `cargo test`
//! (`tests/integration/robustness.rs`) over a few thousand deterministically mutated
//! inputs, so that CI exercises the same checks without a nightly toolchain.

use crate::engine::Engine;
use crate::extract::{dates, numbers};
use crate::ingest::{self, windows::Windows};
use crate::pipeline;
use crate::report::DocReport;
use chrono::NaiveDate;

/// The whole analyze path on arbitrary bytes: decode → document → [`Engine::analyze`].
/// Bytes that do not decode are fine (they are an error for the caller to report); bytes
/// that do must give a report whose spans lie inside the original and whose JSON reads
/// back as the same report. The first byte picks the extension the file seems to have, so
/// that the HTML and Markdown paths are reached by name as well as by content.
pub fn analyze_bytes(engine: &Engine, data: &[u8]) {
    let extension = match data.first().map(|b| b % 4) {
        Some(1) => "html",
        Some(2) => "md",
        _ => "txt",
    };
    let Ok(decoded) = ingest::decode("fuzz", data) else {
        return;
    };
    // the same text also in windows of a few dozen bytes, cut wherever the bytes fall
    let small = Windows::of_size(32 + usize::from(data.last().copied().unwrap_or(0) % 64));
    let cut = small.applies(decoded.text.len()).then(|| decoded.clone());
    let doc = engine.document("fuzz", extension, decoded);
    let report = engine.analyze(&doc);
    check_report(&report);
    if let Some(decoded) = cut {
        let (_, report) = pipeline::analyze_cut("fuzz", extension, decoded, engine, small);
        check_report(&report);
        assert_eq!(report.source.chars, doc.source.chars);
    }
}

/// A report's spans are inside its document, and its JSON reads back unchanged.
fn check_report(report: &DocReport) {
    let chars = report.source.chars;
    let spans = report
        .targets
        .iter()
        .map(|t| t.span)
        .chain(report.dates.iter().map(|d| d.span))
        .chain(report.regions.iter().flat_map(|r| r.spans.iter().copied()))
        .chain(report.tasks.iter().map(|t| t.span));
    for [start, end] in spans {
        assert!(
            start <= end && end <= chars,
            "span [{start}, {end}) outside a document of {chars} chars"
        );
    }
    let json = match serde_json::to_string(report) {
        Ok(j) => j,
        Err(e) => panic!("the report does not serialize: {e}"),
    };
    let back: DocReport = match serde_json::from_str(&json) {
        Ok(r) => r,
        Err(e) => panic!("the report does not read back: {e}\n{json}"),
    };
    assert_eq!(back.targets.len(), report.targets.len());
    assert_eq!(back.dates, report.dates);
    assert_eq!(back.regions, report.regions);
    assert_eq!(back.tasks, report.tasks);
}

/// The `parse` path on arbitrary bytes taken as UTF-8: the number grammar
/// ([`numbers::scan`]) and the date grammar ([`dates::scan`], without and with a reference
/// date). Every match must be a non-empty range on character boundaries of the text.
pub fn parse_bytes(engine: &Engine, data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let g = &engine.resources;
    let in_text = |start: usize, end: usize| {
        start < end
            && end <= text.len()
            && text.is_char_boundary(start)
            && text.is_char_boundary(end)
    };
    for q in numbers::scan(text, &g.numbers) {
        assert!(in_text(q.start, q.end), "number at {}..{}", q.start, q.end);
        let _ = numbers::comparator(text, &q, &g.numbers);
    }
    let reference = NaiveDate::from_ymd_opt(2022, 3, 5);
    let with_year = dates::Reference {
        date: reference,
        doc_year: Some(2022),
    };
    for r in [
        dates::Reference::at(None),
        dates::Reference::at(reference),
        with_year,
    ] {
        for d in dates::scan(&g.dates, text, r) {
            assert!(in_text(d.start, d.end), "date at {}..{}", d.start, d.end);
        }
    }
}
