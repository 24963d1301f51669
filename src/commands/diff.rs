//! `diff OLD NEW`: compare two documents' targets (or two folders, files paired by their path
//! inside the folder). OLD and NEW may also be reports saved by `analyze --format json|jsonl`;
//! a `.json` or `.jsonl` file that is no such report is an error, never analyzed as text.
//! Exit codes like diff(1): 0 no differences, 1 differences, 2 trouble.
//!
//! The change column speaks the unit: a change of a percentage is in percentage points
//! (`12% → 15%` is `+3个百分点`); other units give the difference and the ratio.

use super::views::check_bom;
use super::{drive, finish, Ctx, Exit, Job};
use crate::cli::{DataFormat, DiffArgs};
use crate::diff::{align, Aligned, Status};
use crate::engine::Engine;
use crate::error::InputError;
use crate::ingest::{self, Source};
use crate::output::records::{self, status_word};
use crate::output::tidy::TidyWriter;
use crate::output::{self, quantity, signed_delta, write_json};
use crate::pipeline;
use crate::pipeline::Apply;
use crate::report::{DocReport, Target, SCHEMA};
use comfy_table::{Cell, Color};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};
use std::path::Path;

/// Whether bytes are to be read as saved reports: a `.json`/`.jsonl` file, or JSON whose
/// first object names a `schema` (so that `analyze --format json … | diff - NEW` works).
fn is_saved_report(extension: &str, bytes: &[u8]) -> bool {
    if extension == "json" || extension == "jsonl" {
        return true;
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(256)]);
    let head = head.trim_start();
    (head.starts_with('{') || head.starts_with('[')) && head.contains("\"schema\"")
}

/// Read reports saved by `analyze --format json|jsonl`: a JSON array, or one object per
/// line. Anything else, another schema included, is an error saying why.
fn saved_reports(path: &str, bytes: &[u8]) -> Result<Vec<DocReport>, InputError> {
    let fail = |reason: String| InputError::NotAReport {
        path: path.to_string(),
        reason,
    };
    let text = std::str::from_utf8(bytes).map_err(|e| fail(format!("not UTF-8: {e}")))?;
    let trimmed = text.trim_start();
    let values: Vec<serde_json::Value> = if trimmed.starts_with('[') {
        serde_json::from_str(trimmed).map_err(|e| fail(e.to_string()))?
    } else {
        let mut v = Vec::new();
        for (i, l) in text.lines().enumerate() {
            if !l.trim().is_empty() {
                v.push(serde_json::from_str(l).map_err(|e| fail(format!("line {}: {e}", i + 1)))?);
            }
        }
        v
    };
    if values.is_empty() {
        return Err(fail("no documents in it".into()));
    }
    values
        .into_iter()
        .enumerate()
        .map(|(i, v)| {
            let at = format!("document {}", i + 1);
            match v.get("schema").and_then(|s| s.as_str()) {
                Some(SCHEMA) => {}
                Some(other) => {
                    return Err(fail(format!(
                        "{at}: schema is {other:?}; this version reads {SCHEMA}"
                    )))
                }
                None => return Err(fail(format!("{at}: no \"schema\" field"))),
            }
            serde_json::from_value(v).map_err(|e| fail(format!("{at}: {e}")))
        })
        .collect()
}

/// One file or stream as reports: saved reports, or the document analyzed. The bytes are
/// read once, since a FIFO or standard input cannot be read twice.
/// Returns the reports and whether they were saved ones.
fn file_reports(p: &Path, engine: &Engine) -> Result<(Vec<DocReport>, bool), InputError> {
    let source = ingest::expand(&[p.to_path_buf()])
        .into_iter()
        .next()
        .unwrap_or(Ok(Source::File(p.to_path_buf())))?;
    let path = source.display();
    let bytes = source.read()?;
    let extension = source.extension();
    if is_saved_report(&extension, &bytes) {
        return saved_reports(&path, &bytes).map(|r| (r, true));
    }
    let decoded = ingest::decode(&path, &bytes)?;
    let doc = engine.document(&path, &extension, decoded);
    Ok((vec![pipeline::analyze(&doc, engine)], false))
}

/// Labels for saved reports: their paths without the folder they all share, as the
/// pipeline labels a folder's files.
fn saved_labels(reports: Vec<DocReport>) -> Vec<(String, DocReport)> {
    let dir = |p: &str| -> Vec<String> {
        let mut parts: Vec<String> = p.split('/').map(String::from).collect();
        parts.pop();
        parts
    };
    let mut common: Option<Vec<String>> = None;
    for r in &reports {
        let d = dir(&r.path);
        common = Some(match common {
            None => d,
            Some(c) => c
                .into_iter()
                .zip(d)
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| a)
                .collect(),
        });
    }
    let skip = common.map_or(0, |c| c.len());
    reports
        .into_iter()
        .map(|r| {
            let label = r.path.split('/').skip(skip).collect::<Vec<_>>().join("/");
            (label, r)
        })
        .collect()
}

/// The labelled reports of one side; `Err` when an input could not be read. A file or a
/// stream is read once (a FIFO cannot be read twice) and may be saved reports; a folder's
/// documents are analyzed.
fn reports(p: &Path, ctx: &Ctx) -> Result<Vec<(String, DocReport)>, ()> {
    if !p.is_dir() {
        return match file_reports(p, ctx.engine) {
            Ok((v, true)) => Ok(saved_labels(v)),
            // a file paired with a folder's files goes by its name
            Ok((v, false)) => {
                let name = p.file_name().map_or(p.display().to_string(), |n| {
                    n.to_string_lossy().into_owned()
                });
                Ok(v.into_iter().map(|r| (name.clone(), r)).collect())
            }
            Err(e) => {
                eprintln!("policylens: {e}");
                Err(())
            }
        };
    }
    // no progress or summary per side: two summaries would only confuse
    let quiet = Ctx {
        engine: ctx.engine,
        color: ctx.color,
        talk: false,
    };
    let job = Job {
        inputs: pipeline::inputs(&[p.to_path_buf()]),
        noun: None,
    };
    let mut got = Vec::new();
    let (r, exit) = drive(
        &quiet,
        job,
        &mut io::sink(),
        Apply::Report(&|r| r),
        |_, label, r| {
            got.push((label.to_string(), r));
            Ok(0)
        },
    );
    match (r, exit) {
        (Ok(()), Exit::Ok) => Ok(got),
        _ => Err(()),
    }
}

fn side(t: &Option<Target>) -> String {
    match t {
        None => "-".into(),
        Some(t) => {
            let q = quantity(t.comparator, t.value, t.value_max, &t.unit);
            let kind = if t.kind == "status" { " (status)" } else { "" };
            match t.year {
                Some(y) => format!("{y}: {q}{kind}"),
                None => format!("{q}{kind}"),
            }
        }
    }
}

/// The value change in words: `+3个百分点` for percentages, `+50家 (×1.5)` otherwise.
fn value_change(a: &Aligned) -> Option<String> {
    let d = a.value_delta?;
    if !a.changes.iter().any(|c| c.field == "value") {
        return None;
    }
    let unit = a.new.as_ref().map_or("", |t| t.unit.as_str());
    let mut s = signed_delta(d, unit);
    let shares = ["%", "‰", "个百分点", "百分点"].contains(&unit);
    if let (Some(r), false) = (a.value_ratio, shares) {
        s.push_str(&format!(" (×{})", (r * 100.0).round() / 100.0));
    }
    Some(s)
}

/// The change column: the status word, and for changes what changed.
fn change_text(a: &Aligned) -> String {
    match a.status {
        Status::OnlyOld | Status::OnlyNew | Status::Unchanged => status_word(a.status).into(),
        Status::Changed | Status::Trajectory => {
            let mut parts: Vec<String> = value_change(a).into_iter().collect();
            // a trajectory's year and kind differ by definition
            let skip: &[&str] = if a.status == Status::Trajectory {
                &["value", "year", "kind"]
            } else {
                &["value"]
            };
            for c in a
                .changes
                .iter()
                .filter(|c| !skip.contains(&c.field.as_str()))
            {
                parts.push(format!("{} {}→{}", c.field, c.before, c.after));
            }
            if a.status == Status::Trajectory {
                parts.insert(0, "trajectory".into());
            }
            parts.join("; ")
        }
    }
}

/// One aligned pair with the paths it came from.
struct Row {
    paths: [String; 2],
    aligned: Aligned,
}

/// Align two sides: by file (inside the folders) when either side is a folder, else all
/// targets of one side against all of the other.
fn rows(
    a: &DiffArgs,
    old: &[(String, DocReport)],
    new: &[(String, DocReport)],
    ctx: &Ctx,
) -> Vec<Row> {
    let dicts = &ctx.engine.dicts;
    if !(a.old.is_dir() || a.new.is_dir()) {
        let targets = |v: &[(String, DocReport)]| -> Vec<Target> {
            v.iter().flat_map(|(_, r)| r.targets.clone()).collect()
        };
        let paths = [a.old.display().to_string(), a.new.display().to_string()];
        return align(&targets(old), &targets(new), dicts)
            .into_iter()
            .map(|aligned| Row {
                paths: paths.clone(),
                aligned,
            })
            .collect();
    }
    let by_label = |v: &[(String, DocReport)]| -> BTreeMap<String, DocReport> {
        v.iter().map(|(l, r)| (l.clone(), r.clone())).collect()
    };
    let (om, nm) = (by_label(old), by_label(new));
    let labels: BTreeSet<&String> = om.keys().chain(nm.keys()).collect();
    let mut out = Vec::new();
    for label in labels {
        let (o, n) = (om.get(label), nm.get(label));
        let targets = |r: Option<&DocReport>| r.map_or(Vec::new(), |r| r.targets.clone());
        let path = |r: Option<&DocReport>| r.map_or(String::new(), |r| r.path.clone());
        for mut aligned in align(&targets(o), &targets(n), dicts) {
            aligned.document = Some(label.clone());
            out.push(Row {
                paths: [path(o), path(n)],
                aligned,
            });
        }
    }
    out
}

/// The table, with its marks coloured by comfy-table itself (so widths stay right).
fn table(shown: &[&Row], folders: bool, color: bool) -> comfy_table::Table {
    let mut header = vec!["", "indicator", "old", "new", "change"];
    if folders {
        header.insert(1, "document");
    }
    let mut t = output::table(&header);
    if color {
        t.enforce_styling();
    }
    for row in shown {
        let r = &row.aligned;
        let (mark, col) = match r.status {
            Status::OnlyNew => ("+", Some(Color::Green)),
            Status::OnlyOld => ("-", Some(Color::Red)),
            Status::Changed => ("~", Some(Color::Yellow)),
            Status::Trajectory => ("→", Some(Color::Cyan)),
            Status::Unchanged => ("=", None),
        };
        let paint = |s: String| match (color, col) {
            (true, Some(c)) => Cell::new(s).fg(c),
            _ => Cell::new(s),
        };
        let mut cells = vec![
            paint(mark.into()),
            Cell::new(&r.indicator),
            Cell::new(side(&r.old)),
            Cell::new(side(&r.new)),
            paint(change_text(r)),
        ];
        if folders {
            cells.insert(1, Cell::new(r.document.clone().unwrap_or_default()));
        }
        t.add_row(cells);
    }
    t
}

fn write_table(
    out: &mut dyn Write,
    rows: &[Row],
    shown: &[&Row],
    folders: bool,
    color: bool,
) -> io::Result<()> {
    let counts = |s: Status| rows.iter().filter(|r| r.aligned.status == s).count();
    writeln!(out, "{}", table(shown, folders, color))?;
    writeln!(
        out,
        "{} changed, {} added, {} removed, {} trajectories, {} unchanged",
        counts(Status::Changed),
        counts(Status::OnlyNew),
        counts(Status::OnlyOld),
        counts(Status::Trajectory),
        counts(Status::Unchanged)
    )
}

fn write_tidy(out: &mut dyn Write, shown: &[&Row], tsv: bool, bom: bool) -> io::Result<()> {
    let mut w = TidyWriter::new(records::DIFF, tsv, bom)?;
    for r in shown {
        let paths = [r.paths[0].as_str(), r.paths[1].as_str()];
        w.row(&records::diff(paths, &r.aligned, &change_text(&r.aligned)))?;
    }
    w.drain(out)
}

/// Run `diff`.
pub fn run(a: &DiffArgs, ctx: &Ctx, out: &mut dyn Write) -> Exit {
    if let Err(e) = check_bom(&a.output, a.output.format(false)) {
        return e;
    }
    let (Ok(old), Ok(new)) = (reports(&a.old, ctx), reports(&a.new, ctx)) else {
        return Exit::Usage;
    };
    let rows = rows(a, &old, &new, ctx);
    let differs = rows.iter().any(|r| r.aligned.status != Status::Unchanged);
    let exit = if differs { Exit::Failed } else { Exit::Ok };
    let shown: Vec<&Row> = rows
        .iter()
        .filter(|r| a.all || r.aligned.status != Status::Unchanged)
        .collect();
    let aligned = || shown.iter().map(|r| &r.aligned).collect::<Vec<_>>();
    let folders = a.old.is_dir() || a.new.is_dir();
    let o = &a.output;
    let format = o.format(false);
    let r = match format {
        DataFormat::Json => write_json(out, &aligned(), false),
        DataFormat::Jsonl => write_json(out, &aligned(), true),
        DataFormat::Csv | DataFormat::Tsv => {
            write_tidy(out, &shown, format == DataFormat::Tsv, o.bom)
        }
        DataFormat::Table => write_table(out, &rows, &shown, folders, ctx.color),
    };
    finish(r, exit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_reports_are_labelled_inside_their_common_folder() {
        let report = |p: &str| -> DocReport {
            serde_json::from_value(serde_json::json!({
                "schema": "policylens/1", "path": p, "published": null,
                "published_evidence": null,
                "source": {"encoding": "UTF-8", "format": "text", "script": "simplified",
                           "chars": 0, "normalized_chars": 0},
                "title": null, "targets": [], "dates": [], "regions": [], "tasks": [],
                "task_summary": {"lists": 0, "with_declared_count": 0, "count_ok": 0,
                                 "count_mismatch": 0}
            }))
            .unwrap()
        };
        let got: Vec<String> = saved_labels(vec![
            report("plans/2021/a/p.txt"),
            report("plans/2021/b.txt"),
        ])
        .into_iter()
        .map(|(l, _)| l)
        .collect();
        assert_eq!(got, ["a/p.txt", "b.txt"]);
        let got = saved_labels(vec![report("x/p.txt")]);
        assert_eq!(got[0].0, "p.txt");
    }
}
