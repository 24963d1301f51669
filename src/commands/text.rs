//! `normalize` and `segment`: the text the extractors see, for piping to other tools.

use super::{finish, report_errors, Exit};
use crate::cli::{Format, PathsArgs};
use crate::engine::Engine;
use crate::output::write_json;
use crate::pipeline;
use crate::report::SourceReport;
use serde::Serialize;
use std::io::Write;

#[derive(Serialize)]
struct Normalized {
    path: String,
    source: SourceReport,
    text: String,
}

/// `normalize`: the normalized text (with `==> path <==` headers for several inputs).
pub fn normalize(a: &PathsArgs, engine: &Engine, out: &mut dyn Write) -> Exit {
    let results = pipeline::map_documents(&a.paths, engine, |d| Normalized {
        path: d.path.clone(),
        source: d.source.clone(),
        text: d.text.clone(),
    });
    let exit = report_errors(&results);
    let docs: Vec<Normalized> = results.into_iter().filter_map(Result::ok).collect();
    let r = match a.format {
        Some(Format::Json) => write_json(out, &docs, false),
        Some(Format::Jsonl) => write_json(out, &docs, true),
        _ => (|| {
            let many = docs.len() > 1;
            for d in &docs {
                if many {
                    writeln!(out, "==> {} <==", d.path)?;
                }
                writeln!(out, "{}", d.text)?;
            }
            Ok(())
        })(),
    };
    finish(r, exit)
}

#[derive(Serialize)]
struct Tok {
    word: String,
    tag: String,
    /// `[start, end)` char offsets in the normalized text.
    span: [usize; 2],
    /// `[start, end)` char offsets in the decoded original.
    source_span: [usize; 2],
}

#[derive(Serialize)]
struct Segmented {
    path: String,
    tokens: Vec<Tok>,
}

/// `segment`: one line of space-separated tokens per sentence, or JSON with spans.
pub fn segment(a: &PathsArgs, engine: &Engine, out: &mut dyn Write) -> Exit {
    let json = matches!(a.format, Some(Format::Json | Format::Jsonl));
    let results = pipeline::map_documents(&a.paths, engine, |d| {
        let mut toks = Vec::new();
        let mut lines = Vec::new();
        let seg = engine.segmenter();
        for (i, s) in d.sentences.iter().enumerate() {
            let ts = seg.tag(d.sentence_text(i), s.start);
            if json {
                toks.extend(ts.iter().map(|t| Tok {
                    word: t.word.to_string(),
                    tag: t.tag.to_string(),
                    span: [t.start, t.end],
                    source_span: d.span(t.start, t.end),
                }));
            } else {
                lines.push(
                    ts.iter()
                        .map(|t| t.word)
                        .filter(|w| !w.trim().is_empty())
                        .collect::<Vec<_>>()
                        .join(" "),
                );
            }
        }
        (
            Segmented {
                path: d.path.clone(),
                tokens: toks,
            },
            lines,
        )
    });
    let exit = report_errors(&results);
    let docs: Vec<_> = results.into_iter().filter_map(Result::ok).collect();
    let r = match a.format {
        Some(Format::Json) => {
            write_json(out, &docs.iter().map(|d| &d.0).collect::<Vec<_>>(), false)
        }
        Some(Format::Jsonl) => {
            write_json(out, &docs.iter().map(|d| &d.0).collect::<Vec<_>>(), true)
        }
        _ => (|| {
            let many = docs.len() > 1;
            for (s, lines) in &docs {
                if many {
                    writeln!(out, "==> {} <==", s.path)?;
                }
                for l in lines {
                    writeln!(out, "{l}")?;
                }
            }
            Ok(())
        })(),
    };
    finish(r, exit)
}
