//! `normalize` and `segment`: the text the extractors see, for piping to other tools.
//! Both stream: each document is written as soon as it and those before it are done.

use super::{drive, finish, inputs, Ctx, Exit, Job};
use crate::cli::{TextArgs, TextFormat};
use crate::normalize::Document;
use crate::output::{write_json_line, JsonArray};
use crate::pipeline::Apply;
use crate::report::SourceReport;
use crate::segment::Segmenter;
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct Normalized {
    path: String,
    source: SourceReport,
    text: String,
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

/// Writes documents in one of the text formats: `==> path <==` headers between several
/// documents in plain text, one array or one line per document in JSON.
struct TextSink {
    format: TextFormat,
    many: bool,
    json: JsonArray,
}

impl TextSink {
    fn new(format: TextFormat, inputs: usize) -> TextSink {
        TextSink {
            format,
            many: inputs > 1,
            json: JsonArray::default(),
        }
    }

    /// Write one document: `value` for JSON, `text` (lines, each with its newline, after a
    /// path header) for plain text.
    fn doc<T: Serialize>(
        &mut self,
        out: &mut dyn Write,
        path: &str,
        value: &T,
        text: &str,
    ) -> io::Result<usize> {
        match self.format {
            TextFormat::Json => self.json.push(out, value)?,
            TextFormat::Jsonl => write_json_line(out, value)?,
            TextFormat::Text => {
                if self.many {
                    writeln!(out, "==> {path} <==")?;
                }
                out.write_all(text.as_bytes())?;
            }
        }
        Ok(0)
    }

    fn finish(self, out: &mut dyn Write) -> io::Result<()> {
        match self.format {
            TextFormat::Json => self.json.finish(out),
            _ => Ok(()),
        }
    }
}

/// `normalize`: the normalized text (with `==> path <==` headers for several inputs).
pub fn normalize(a: &TextArgs, ctx: &Ctx, out: &mut dyn Write) -> Exit {
    let inputs = match inputs(&a.input.paths) {
        Ok(i) => i,
        Err(e) => return e,
    };
    let mut sink = TextSink::new(a.format, inputs.len());
    let job = Job { inputs, noun: None };
    let f = |d: &Document| Normalized {
        path: d.path.clone(),
        source: d.source.clone(),
        text: d.text.clone(),
    };
    let (r, exit) = drive(ctx, job, out, Apply::Document(&f), |out, _, n| {
        sink.doc(out, &n.path, &n, &format!("{}\n", n.text))
    });
    finish(r.and_then(|_| sink.finish(out)), exit)
}

/// Tokens of a document: with spans for JSON, or one line of words per sentence.
fn tokens(d: &Document, seg: &Segmenter, json: bool) -> (Segmented, String) {
    let mut toks = Vec::new();
    let mut lines = Vec::new();
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
            let words: Vec<&str> = ts
                .iter()
                .map(|t| t.word)
                .filter(|w| !w.trim().is_empty())
                .collect();
            lines.push(words.join(" "));
            lines.push("\n".into());
        }
    }
    let seg = Segmented {
        path: d.path.clone(),
        tokens: toks,
    };
    (seg, lines.concat())
}

/// `segment`: one line of space-separated tokens per sentence, or JSON with spans.
pub fn segment(a: &TextArgs, ctx: &Ctx, out: &mut dyn Write) -> Exit {
    let inputs = match inputs(&a.input.paths) {
        Ok(i) => i,
        Err(e) => return e,
    };
    let json = a.format != TextFormat::Text;
    let mut sink = TextSink::new(a.format, inputs.len());
    let job = Job { inputs, noun: None };
    let seg = ctx.engine.segmenter();
    let (r, exit) = drive(
        ctx,
        job,
        out,
        Apply::Document(&|d| tokens(d, seg, json)),
        |out, _, (seg, text)| sink.doc(out, &seg.path, &seg, &text),
    );
    finish(r.and_then(|_| sink.finish(out)), exit)
}
