//! `diff OLD NEW`: compare two documents' targets (or two folders, files paired by name).
//! OLD and NEW may also be reports saved by `analyze --format json|jsonl`; a `.json` or
//! `.jsonl` file that is no such report is an error, never analyzed as text.
//! Exit codes like diff(1): 0 no differences, 1 differences, 2 trouble.

use super::{finish, Exit};
use crate::cli::{DiffArgs, Format};
use crate::diff::{align, Aligned, Status};
use crate::engine::Engine;
use crate::error::InputError;
use crate::ingest::{self, Source};
use crate::output::{self, quantity, write_json};
use crate::pipeline;
use crate::report::{DocReport, Target, SCHEMA};
use std::collections::BTreeMap;
use std::io::Write;
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
fn file_reports(p: &Path, engine: &Engine) -> Result<Vec<DocReport>, InputError> {
    let source = ingest::expand(&[p.to_path_buf()])
        .into_iter()
        .next()
        .unwrap_or(Ok(Source::File(p.to_path_buf())))?;
    let path = source.display();
    let bytes = source.read()?;
    let extension = source.extension();
    if is_saved_report(&extension, &bytes) {
        return saved_reports(&path, &bytes);
    }
    let decoded = ingest::decode(&path, &bytes)?;
    let doc = engine.document(&path, &extension, decoded);
    Ok(vec![engine.analyze(&doc)])
}

fn reports(p: &Path, engine: &Engine) -> Result<Vec<DocReport>, ()> {
    let results = if p.is_dir() {
        pipeline::analyze_paths(&[p.to_path_buf()], engine)
    } else {
        match file_reports(p, engine) {
            Ok(v) => v.into_iter().map(Ok).collect(),
            Err(e) => vec![Err(e)],
        }
    };
    let mut ok = Vec::new();
    let mut failed = false;
    for r in results {
        match r {
            Ok(r) => ok.push(r),
            Err(e) => {
                eprintln!("policylens: {e}");
                failed |= !e.is_note();
            }
        }
    }
    if failed {
        Err(())
    } else {
        Ok(ok)
    }
}

fn name(p: &str) -> String {
    Path::new(p)
        .file_name()
        .map_or(p.to_string(), |n| n.to_string_lossy().into_owned())
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

fn change_text(a: &Aligned) -> String {
    match a.status {
        Status::OnlyOld => "removed".into(),
        Status::OnlyNew => "added".into(),
        Status::Unchanged => "unchanged".into(),
        Status::Changed | Status::Trajectory => {
            let mut parts: Vec<String> = Vec::new();
            if let (Some(d), true) = (a.value_delta, a.changes.iter().any(|c| c.field == "value")) {
                let ratio = a.value_ratio.map_or(String::new(), |r| {
                    format!(" (×{})", (r * 100.0).round() / 100.0)
                });
                parts.push(format!(
                    "{}{}{ratio}",
                    if d >= 0.0 { "+" } else { "" },
                    output::human_number(d)
                ));
            }
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

/// Run `diff`.
pub fn run(a: &DiffArgs, engine: &Engine, out: &mut dyn Write) -> Exit {
    let (Ok(old), Ok(new)) = (reports(&a.old, engine), reports(&a.new, engine)) else {
        return Exit::Usage;
    };
    let dicts = &engine.dicts;
    let mut rows: Vec<Aligned> = Vec::new();
    let folders = a.old.is_dir() || a.new.is_dir();
    if folders {
        let by_name = |v: &[DocReport]| -> BTreeMap<String, Vec<Target>> {
            v.iter()
                .map(|r| (name(&r.path), r.targets.clone()))
                .collect()
        };
        let (om, nm) = (by_name(&old), by_name(&new));
        let names: std::collections::BTreeSet<&String> = om.keys().chain(nm.keys()).collect();
        for n in names {
            let empty = Vec::new();
            let (o, nw) = (om.get(n).unwrap_or(&empty), nm.get(n).unwrap_or(&empty));
            for mut r in align(o, nw, dicts) {
                r.document = Some(n.clone());
                rows.push(r);
            }
        }
    } else {
        let o: Vec<Target> = old.iter().flat_map(|r| r.targets.clone()).collect();
        let n: Vec<Target> = new.iter().flat_map(|r| r.targets.clone()).collect();
        rows = align(&o, &n, dicts);
    }
    let differs = rows.iter().any(|r| r.status != Status::Unchanged);
    let exit = if differs { Exit::Failed } else { Exit::Ok };
    let shown: Vec<&Aligned> = rows
        .iter()
        .filter(|r| a.all || r.status != Status::Unchanged)
        .collect();
    let r = match a.format {
        Some(Format::Json) => write_json(out, &shown, false),
        Some(Format::Jsonl) => write_json(out, &shown, true),
        _ => {
            let color = output::use_color();
            let mut header = vec!["", "indicator", "old", "new", "change"];
            if folders {
                header.insert(1, "document");
            }
            let mut t = output::table(&header);
            for r in &shown {
                let (mark, col) = match r.status {
                    Status::OnlyNew => ("+", "\x1b[32m"),
                    Status::OnlyOld => ("-", "\x1b[31m"),
                    Status::Changed => ("~", "\x1b[33m"),
                    Status::Trajectory => ("→", "\x1b[36m"),
                    Status::Unchanged => ("=", ""),
                };
                let paint = |s: String| {
                    if color && !col.is_empty() {
                        format!("{col}{s}\x1b[0m")
                    } else {
                        s
                    }
                };
                let mut row = vec![
                    paint(mark.into()),
                    r.indicator.clone(),
                    side(&r.old),
                    side(&r.new),
                    paint(change_text(r)),
                ];
                if folders {
                    row.insert(1, r.document.clone().unwrap_or_default());
                }
                t.add_row(row);
            }
            let counts = |s: Status| rows.iter().filter(|r| r.status == s).count();
            writeln!(out, "{t}").and_then(|_| {
                writeln!(
                    out,
                    "{} changed, {} added, {} removed, {} trajectories, {} unchanged",
                    counts(Status::Changed),
                    counts(Status::OnlyNew),
                    counts(Status::OnlyOld),
                    counts(Status::Trajectory),
                    counts(Status::Unchanged)
                )
            })
        }
    };
    finish(r, exit)
}
