//! `analyze`: every field of every document. JSON, JSON Lines and CSV/TSV (one row per
//! document) stream; the table is one table over all documents, printed at the end (and not
//! at all when no document could be read). Records in (`--input jsonl|csv`) give JSON
//! objects keyed by record, and an error record for each bad record ([`keyed`]).

use super::views::check_bom;
use super::{drive_feed, finish, Ctx, Emit, Exit, Feed, Run};
use crate::cli::{AnalyzeArgs, DataFormat};
use crate::output::keyed::{ErrorRecord, KeyedReport};
use crate::output::records;
use crate::output::tidy::TidyWriter;
use crate::output::{self, thousands, write_json_line, JsonArray};
use crate::pipeline::{Apply, RecordInfo};
use crate::report::DocReport;
use comfy_table::{ColumnConstraint, Width};
use std::io::{self, Write};

/// A table row: the document as labelled by the pipeline, its title, and its counts in
/// plain words (the source facts are in the JSON and CSV).
fn table_row(label: &str, r: &DocReport) -> Vec<String> {
    let status = r.targets.iter().filter(|t| t.kind == "status").count();
    let ts = &r.task_summary;
    let targets = match status {
        0 => thousands(r.targets.len()),
        n => format!("{} ({n} status)", thousands(r.targets.len())),
    };
    let lists = match ts.with_declared_count {
        0 => thousands(ts.lists),
        n => format!("{} ({} of {n} ok)", thousands(ts.lists), ts.count_ok),
    };
    vec![
        label.to_string(),
        r.title.as_deref().map_or("-".into(), short_title),
        r.published.clone().unwrap_or_else(|| "-".into()),
        targets,
        thousands(r.dates.len()),
        thousands(r.regions.len()),
        lists,
    ]
}

/// A title cut to a table cell's worth (the whole title is in the JSON and CSV).
fn short_title(t: &str) -> String {
    const MAX: usize = 24;
    if t.chars().count() <= MAX {
        return t.to_string();
    }
    let cut: String = t.chars().take(MAX - 1).collect();
    format!("{cut}…")
}

const TABLE_HEADER: &[&str] = &[
    "document",
    "title",
    "published",
    "targets",
    "dates",
    "places",
    "lists",
];

/// How one format writes documents as they come.
enum Sink {
    Table(Vec<Vec<String>>),
    Json(JsonArray),
    Jsonl,
    Tidy(Box<TidyWriter>),
}

impl Sink {
    /// Write one result; returns how many targets it counts.
    fn emit(&mut self, out: &mut dyn Write, e: Emit<'_, DocReport>) -> io::Result<usize> {
        match e {
            Emit::Doc {
                label,
                value,
                record,
            } => {
                self.doc(out, label, &value, record)?;
                Ok(value.targets.len())
            }
            Emit::Bad(f) => {
                match self {
                    Sink::Json(arr) => arr.push(out, &ErrorRecord::new(f))?,
                    Sink::Jsonl => write_json_line(out, &ErrorRecord::new(f))?,
                    // a table or CSV row has no place for it: stderr has it
                    Sink::Table(_) | Sink::Tidy(_) => {}
                }
                Ok(0)
            }
        }
    }

    fn doc(
        &mut self,
        out: &mut dyn Write,
        label: &str,
        r: &DocReport,
        record: Option<&RecordInfo>,
    ) -> io::Result<()> {
        match (self, record) {
            (Sink::Table(rows), _) => {
                rows.push(table_row(label, r));
                Ok(())
            }
            (Sink::Json(arr), Some(info)) => arr.push(out, &KeyedReport::new(info, r)),
            (Sink::Json(arr), None) => arr.push(out, r),
            (Sink::Jsonl, Some(info)) => write_json_line(out, &KeyedReport::new(info, r)),
            (Sink::Jsonl, None) => write_json_line(out, r),
            (Sink::Tidy(w), _) => {
                w.row(&[records::context(r), records::analyze(r)].concat())?;
                w.drain(out)
            }
        }
    }

    fn finish(self, out: &mut dyn Write) -> io::Result<()> {
        match self {
            Sink::Table(rows) if rows.is_empty() => Ok(()),
            Sink::Table(rows) => {
                let mut t = output::table(TABLE_HEADER);
                for row in rows {
                    t.add_row(row);
                }
                // a date never wraps
                if let Some(c) = t.column_mut(2) {
                    c.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(12)));
                }
                writeln!(out, "{t}")
            }
            Sink::Json(arr) => arr.finish(out),
            Sink::Jsonl => Ok(()),
            Sink::Tidy(mut w) => w.drain(out),
        }
    }
}

/// Run `analyze`.
pub fn run(a: &AnalyzeArgs, ctx: &Ctx, out: &mut dyn Write) -> Exit {
    let feed = match Feed::new(&a.input.paths, &a.records) {
        Ok(f) => f,
        Err(e) => return e,
    };
    let o = &a.output;
    let format = o.format(feed.is_records());
    if let Err(e) = check_bom(o, format) {
        return e;
    }
    let mut sink = match format {
        DataFormat::Table => Sink::Table(Vec::new()),
        DataFormat::Json => Sink::Json(JsonArray::default()),
        DataFormat::Jsonl => Sink::Jsonl,
        DataFormat::Csv | DataFormat::Tsv => {
            let header = records::header(records::ANALYZE);
            match TidyWriter::new(&header, format == DataFormat::Tsv, o.bom) {
                Ok(w) => Sink::Tidy(Box::new(w)),
                Err(e) => return finish(Err(e), Exit::Usage),
            }
        }
    };
    let run = Run {
        feed,
        noun: Some("targets"),
    };
    let (r, exit) = drive_feed(ctx, run, out, Apply::Report(&|r| r), |out, e| {
        sink.emit(out, e)
    });
    finish(r.and_then(|_| sink.finish(out)), exit)
}
