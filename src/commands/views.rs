//! `analyze` and the per-kind views (`targets`, `dates`, `regions`, `tasks`).

use super::{finish, report_errors, Exit};
use crate::cli::{Format, PathsArgs};
use crate::engine::Engine;
use crate::output::{self, quantity, write_json};
use crate::pipeline;
use crate::report::DocReport;
use serde::Serialize;
use serde_json::json;
use std::io::Write;
use std::path::Path;

fn file_name(p: &str) -> String {
    Path::new(p)
        .file_name()
        .map_or(p.to_string(), |n| n.to_string_lossy().into_owned())
}

/// A document's heading line and its table (or a note that it has nothing).
fn section(r: &DocReport, what: &str, t: comfy_table::Table, empty: bool) -> String {
    let published = r.published.as_deref().unwrap_or("unknown");
    let body = if empty {
        "  (none)".to_string()
    } else {
        t.to_string()
    };
    format!("{}  ({what}; published {published})\n{body}\n\n", r.path)
}

fn run_reports(a: &PathsArgs, engine: &Engine) -> (Vec<DocReport>, Exit) {
    let results = pipeline::analyze_paths(&a.paths, engine);
    let exit = report_errors(&results);
    (results.into_iter().filter_map(Result::ok).collect(), exit)
}

fn json_or<T: Serialize>(
    a: &PathsArgs,
    out: &mut dyn Write,
    values: &[T],
) -> Option<std::io::Result<()>> {
    match a.format {
        Some(Format::Json) => Some(write_json(out, values, false)),
        Some(Format::Jsonl) => Some(write_json(out, values, true)),
        _ => None,
    }
}

/// `analyze`: every field of every document.
pub fn analyze(a: &PathsArgs, engine: &Engine, out: &mut dyn Write) -> Exit {
    let (reports, exit) = run_reports(a, engine);
    if let Some(r) = json_or(a, out, &reports) {
        return finish(r, exit);
    }
    let mut t = output::table(&[
        "document",
        "published",
        "source",
        "targets",
        "dates",
        "places",
        "lists",
    ]);
    for r in &reports {
        let s = &r.source;
        let status = r.targets.iter().filter(|t| t.kind == "status").count();
        let script = match s.script.as_str() {
            "traditional" => "trad.",
            "simplified" => "simp.",
            other => other,
        };
        let encoding = if s.encoding.starts_with("UTF-8") {
            String::new()
        } else {
            format!(" {}", s.encoding)
        };
        let stem = file_name(&r.path);
        t.add_row(vec![
            stem,
            r.published.clone().unwrap_or_else(|| "-".into()),
            format!("{} {script}{encoding}", s.format),
            format!("{} ({status} st.)", r.targets.len()),
            r.dates.len().to_string(),
            r.regions.len().to_string(),
            format!(
                "{} ({}/{} ok)",
                r.task_summary.lists, r.task_summary.count_ok, r.task_summary.with_declared_count
            ),
        ]);
    }
    finish(writeln!(out, "{t}"), exit)
}

#[derive(Serialize)]
struct View<'a> {
    path: &'a str,
    published: &'a Option<String>,
    #[serde(flatten)]
    data: serde_json::Value,
}

/// Run a per-kind view: JSON of `{path, published, …data}` per document, or the text that
/// `render` makes of each document.
fn view(
    a: &PathsArgs,
    engine: &Engine,
    out: &mut dyn Write,
    data: impl Fn(&DocReport) -> serde_json::Value,
    render: impl Fn(&DocReport) -> String,
) -> Exit {
    let (reports, exit) = run_reports(a, engine);
    let views: Vec<_> = reports
        .iter()
        .map(|r| View {
            path: &r.path,
            published: &r.published,
            data: data(r),
        })
        .collect();
    if let Some(r) = json_or(a, out, &views) {
        return finish(r, exit);
    }
    let text: String = reports.iter().map(render).collect();
    finish(write!(out, "{text}"), exit)
}

/// `targets`: year, indicator, quantity, kind, per document.
pub fn targets(a: &PathsArgs, engine: &Engine, out: &mut dyn Write) -> Exit {
    let data = |r: &DocReport| json!({ "targets": r.targets });
    view(a, engine, out, data, |r| {
        let mut t = output::table(&["year", "indicator", "quantity", "kind"]);
        for x in &r.targets {
            let kind = match &x.attribute {
                Some(attr) => format!("{} ({attr})", x.kind),
                None => x.kind.to_string(),
            };
            t.add_row(vec![
                x.year.map_or("-".into(), |y| y.to_string()),
                x.indicator.clone(),
                quantity(x.comparator, x.value, x.value_max, &x.unit),
                kind,
            ]);
        }
        section(
            r,
            &format!("{} targets", r.targets.len()),
            t,
            r.targets.is_empty(),
        )
    })
}

/// `dates`: value, kind, evidence, mentions; the publication date first.
pub fn dates(a: &PathsArgs, engine: &Engine, out: &mut dyn Write) -> Exit {
    let data =
        |r: &DocReport| json!({ "published_evidence": r.published_evidence, "dates": r.dates });
    view(a, engine, out, data, |r| {
        let mut t = output::table(&["value", "kind", "evidence", "mentions"]);
        if let Some(p) = &r.published {
            let evidence = r.published_evidence.clone().unwrap_or_default();
            t.add_row(vec![p.clone(), "published".into(), evidence, String::new()]);
        }
        for d in &r.dates {
            t.add_row(vec![
                d.value.clone(),
                d.kind.to_string(),
                d.evidence.clone(),
                d.mentions.to_string(),
            ]);
        }
        let empty = r.dates.is_empty() && r.published.is_none();
        section(r, &format!("{} dates", r.dates.len()), t, empty)
    })
}

/// `regions`: name, code, level, parent, mentions.
pub fn regions(a: &PathsArgs, engine: &Engine, out: &mut dyn Write) -> Exit {
    let idx = engine.regions();
    let data = |r: &DocReport| json!({ "regions": r.regions });
    view(a, engine, out, data, |r| {
        let mut t = output::table(&["name", "code", "level", "parent", "mentions"]);
        for x in &r.regions {
            let parent = match (&x.parent, x.level.as_str()) {
                (Some(p), _) => idx
                    .unit(p.as_str())
                    .map_or(p.to_string(), |u| u.name.clone()),
                (None, "area") => format!("{} members", x.members.len()),
                (None, "ambiguous") => format!(
                    "one of {}",
                    x.candidates
                        .iter()
                        .map(|c| c.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                (None, _) => "-".into(),
            };
            let code = match (&x.code, &x.successor) {
                (Some(c), Some(s)) => format!("{c} (now {s})"),
                (Some(c), None) => c.to_string(),
                (None, _) => "-".into(),
            };
            t.add_row(vec![
                x.name.clone(),
                code,
                x.level.to_string(),
                parent,
                x.mentions.to_string(),
            ]);
        }
        section(
            r,
            &format!("{} places", r.regions.len()),
            t,
            r.regions.is_empty(),
        )
    })
}

/// `tasks`: an indented tree per document; count mismatches are marked.
pub fn tasks(a: &PathsArgs, engine: &Engine, out: &mut dyn Write) -> Exit {
    let data = |r: &DocReport| json!({ "task_summary": r.task_summary, "tasks": r.tasks });
    view(a, engine, out, data, |r| {
        let s = &r.task_summary;
        let mut text = format!(
            "{}  ({} lists; {} declare a count: {} check out, {} do not)\n",
            r.path, s.lists, s.with_declared_count, s.count_ok, s.count_mismatch
        );
        for l in &r.tasks {
            let pad = "  ".repeat(l.heading_path.len().min(3) + 1);
            let check = match (l.declared_count, l.count_ok) {
                (Some(d), Some(true)) => format!("  [{d} declared, {} found ✓]", l.items.len()),
                (Some(d), _) => format!("  [{d} declared, {} found ✗ MISMATCH]", l.items.len()),
                _ => format!("  [{} items]", l.items.len()),
            };
            text.push_str(&format!("{pad}{} ({}){check}\n", l.title, l.kind));
            for it in &l.items {
                text.push_str(&format!("{pad}  - {it}\n"));
            }
        }
        text.push('\n');
        text
    })
}
