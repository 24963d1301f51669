//! `diff OLD NEW`: compare two documents' targets (or two folders, files paired by name).
//! OLD and NEW may also be reports saved by `analyze --format json|jsonl`.
//! Exit codes like diff(1): 0 no differences, 1 differences, 2 trouble.

use super::{finish, Exit};
use crate::cli::{DiffArgs, Format};
use crate::diff::{align, Aligned, Status};
use crate::engine::Engine;
use crate::output::{self, quantity, write_json};
use crate::pipeline;
use crate::report::{DocReport, Target};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

/// Reports saved by `analyze --format json|jsonl`, if `p` is such a file.
fn saved_reports(p: &Path) -> Option<Vec<DocReport>> {
    let ext = p.extension()?.to_str()?.to_ascii_lowercase();
    if ext != "json" && ext != "jsonl" {
        return None;
    }
    let text = std::fs::read_to_string(p).ok()?;
    let trimmed = text.trim_start();
    if trimmed.starts_with('[') {
        serde_json::from_str(trimmed).ok()
    } else {
        trimmed
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).ok())
            .collect()
    }
}

fn reports(p: &Path, engine: &Engine) -> Result<Vec<DocReport>, ()> {
    if let Some(saved) = saved_reports(p) {
        return Ok(saved);
    }
    let results = pipeline::analyze_paths(&[p.to_path_buf()], engine);
    let mut ok = Vec::new();
    let mut failed = false;
    for r in results {
        match r {
            Ok(r) => ok.push(r),
            Err(e) => {
                eprintln!("policylens: {e}");
                failed = true;
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
