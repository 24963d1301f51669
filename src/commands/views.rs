//! The per-kind views (`targets`, `dates`, `regions`, `tasks`): filters, then one of five
//! formats, written document by document as the pipeline hands them over.
//!
//! `table` prints a section per document (with filters, documents with nothing left are
//! skipped); `json` one array of `{path, published, title, …}` per document; `jsonl`, `csv`
//! and `tsv` one line or row per item (`output::records` has the columns).

use super::{drive_feed, finish, Ctx, Emit, Exit, Feed, Run};
use crate::cli::{
    DataFormat, DatesArgs, KindFilter, Output, RecordArgs, RegionsArgs, TargetsArgs, TasksArgs,
};
use crate::normalize::{fold_width, script::Converter};
use crate::output::records::{self, ItemLine};
use crate::output::tidy::TidyWriter;
use crate::output::{self, quantity, write_json_line, JsonArray};
use crate::pipeline::Apply;
use crate::report::DocReport;
use crate::rules::Rule;
use serde::Serialize;
use serde_json::json;
use std::collections::HashSet;
use std::io::{self, Write};

/// What a view makes of a document's report.
trait View: Sync {
    /// What the summary line counts.
    const NOUN: &'static str;
    /// The item columns of the tidy formats.
    const COLUMNS: &'static [&'static str];
    /// Drop the items the filters exclude.
    fn keep(&self, r: &mut DocReport);
    /// Whether any filter was given.
    fn filtered(&self) -> bool;
    /// How many items the document has (after filtering).
    fn count(&self, r: &DocReport) -> usize;
    /// The view's fields of the per-document JSON object.
    fn json(&self, r: &DocReport) -> serde_json::Value;
    /// One JSON Lines object per item.
    fn jsonl(&self, r: &DocReport, out: &mut dyn Write) -> io::Result<()>;
    /// One tidy row per item (without the context columns).
    fn rows(&self, r: &DocReport) -> Vec<Vec<String>>;
    /// The document's section of the table output.
    fn table(&self, r: &DocReport) -> String;
}

/// The per-document JSON object of a view.
#[derive(Serialize)]
struct ViewJson<'a> {
    path: &'a str,
    published: &'a Option<String>,
    title: &'a Option<String>,
    #[serde(flatten)]
    data: serde_json::Value,
}

/// Writes a view in one format, one document at a time.
enum DocWriter {
    Table,
    Json(JsonArray),
    Jsonl,
    Tidy(Box<TidyWriter>),
}

impl DocWriter {
    fn new(o: &Output, format: DataFormat, columns: &[&'static str]) -> io::Result<DocWriter> {
        Ok(match format {
            DataFormat::Table => DocWriter::Table,
            DataFormat::Json => DocWriter::Json(JsonArray::default()),
            DataFormat::Jsonl => DocWriter::Jsonl,
            DataFormat::Csv | DataFormat::Tsv => DocWriter::Tidy(Box::new(TidyWriter::new(
                &records::header(columns),
                format == DataFormat::Tsv,
                o.bom,
            )?)),
        })
    }

    fn doc<V: View>(&mut self, out: &mut dyn Write, v: &V, r: &DocReport) -> io::Result<()> {
        match self {
            DocWriter::Table if v.filtered() && v.count(r) == 0 => Ok(()),
            DocWriter::Table => out.write_all(v.table(r).as_bytes()),
            DocWriter::Json(arr) => arr.push(
                out,
                &ViewJson {
                    path: &r.path,
                    published: &r.published,
                    title: &r.title,
                    data: v.json(r),
                },
            ),
            DocWriter::Jsonl => v.jsonl(r, out),
            DocWriter::Tidy(w) => {
                let context = records::context(r);
                for row in v.rows(r) {
                    w.row(&[context.clone(), row].concat())?;
                }
                w.drain(out)
            }
        }
    }

    fn finish(self, out: &mut dyn Write) -> io::Result<()> {
        match self {
            DocWriter::Json(arr) => arr.finish(out),
            // a CSV of no documents is still its header
            DocWriter::Tidy(mut w) => w.drain(out),
            _ => Ok(()),
        }
    }
}

/// Check `--bom` against the format (it only means something for CSV and TSV).
pub(crate) fn check_bom(o: &Output, format: DataFormat) -> Result<(), Exit> {
    if o.bom && !matches!(format, DataFormat::Csv | DataFormat::Tsv) {
        eprintln!("policylens: --bom goes with --format csv or tsv");
        return Err(Exit::Usage);
    }
    Ok(())
}

/// What a view reads and how it writes: the paths, `--input`, the output options.
struct Io<'a> {
    paths: &'a [std::path::PathBuf],
    records: &'a RecordArgs,
    output: &'a Output,
}

/// Run a view over the inputs. Records in have their name as `path`; a bad record is on
/// stderr only (the views write items, not records).
fn run<V: View>(v: &V, io: Io, ctx: &Ctx, out: &mut dyn Write) -> Exit {
    let feed = match Feed::new(io.paths, io.records) {
        Ok(f) => f,
        Err(e) => return e,
    };
    let o = io.output;
    let format = o.format(feed.is_records());
    if let Err(e) = check_bom(o, format) {
        return e;
    }
    let mut writer = match DocWriter::new(o, format, V::COLUMNS) {
        Ok(w) => w,
        Err(e) => return finish(Err(e), Exit::Usage),
    };
    let run = Run {
        feed,
        noun: Some(V::NOUN),
    };
    let keep = |mut r: DocReport| {
        v.keep(&mut r);
        r
    };
    let (r, exit) = drive_feed(ctx, run, out, Apply::Report(&keep), |out, e| match e {
        Emit::Doc { value, .. } => {
            writer.doc(out, v, &value)?;
            Ok(v.count(&value))
        }
        Emit::Bad(_) => Ok(0),
    });
    finish(r.and_then(|_| writer.finish(out)), exit)
}

fn io<'a>(input: &'a crate::cli::Inputs, records: &'a RecordArgs, output: &'a Output) -> Io<'a> {
    Io {
        paths: &input.paths,
        records,
        output,
    }
}

/// A document's heading line and its table (or a note that it has nothing).
fn section(r: &DocReport, what: &str, t: comfy_table::Table, empty: bool) -> String {
    let published = r.published.as_deref().unwrap_or("unknown");
    let title = r
        .title
        .as_deref()
        .map_or(String::new(), |t| format!("  {t}"));
    let body = if empty {
        "  (none)".to_string()
    } else {
        t.to_string()
    };
    format!(
        "{}{title}  ({what}; published {published})\n{body}\n\n",
        r.path
    )
}

/// What the rules used in a table read, each once in order of first use (`--explain`).
fn legend(rules: impl IntoIterator<Item = Rule>) -> String {
    let mut seen = HashSet::new();
    let mut text = String::new();
    for r in rules.into_iter().filter(|r| seen.insert(*r)) {
        text.push_str(&format!("  {r}: {}\n", r.description()));
    }
    if text.is_empty() {
        return text;
    }
    format!("rules:\n{text}\n")
}

/// Text as the indicator filter compares it: half-width, simplified, ASCII lower-case.
fn fold_query(s: &str, c: &Converter) -> String {
    let folded: String = s.chars().map(fold_width).collect();
    let simplified = if c.needs_conversion(&folded) {
        c.t2s(&folded)
    } else {
        folded
    };
    simplified.to_ascii_lowercase()
}

struct Targets<'a> {
    a: &'a TargetsArgs,
    query: Option<String>,
    unit: Option<String>,
    dicts: &'a crate::dicts::Dicts,
    conv: &'a Converter,
}

impl View for Targets<'_> {
    const NOUN: &'static str = "targets";
    const COLUMNS: &'static [&'static str] = records::TARGET;

    fn keep(&self, r: &mut DocReport) {
        let a = self.a;
        r.targets.retain(|t| {
            a.kind.is_none_or(|k| match k {
                KindFilter::Target => t.kind == "target",
                KindFilter::Status => t.kind == "status",
            }) && a
                .year
                .is_none_or(|y| t.year.is_some_and(|ty| y.contains(ty)))
                && self.unit.as_ref().is_none_or(|u| *u == t.unit)
                && self
                    .query
                    .as_ref()
                    .is_none_or(|q| fold_query(&t.indicator, self.conv).contains(q.as_str()))
        });
        if self.query.is_some() {
            // one row per document, year, unit and indicator (as diff aligns them): the
            // first in the text, where a plan states its goals before repeating them
            let mut seen = HashSet::new();
            r.targets.retain(|t| {
                let canonical = crate::diff::canonical(&t.indicator, self.dicts);
                seen.insert((t.year, t.unit.clone(), canonical))
            });
        }
    }

    fn filtered(&self) -> bool {
        let a = self.a;
        a.kind.is_some() || a.year.is_some() || a.unit.is_some() || a.indicator.is_some()
    }

    fn count(&self, r: &DocReport) -> usize {
        r.targets.len()
    }

    fn json(&self, r: &DocReport) -> serde_json::Value {
        json!({ "targets": r.targets })
    }

    fn jsonl(&self, r: &DocReport, out: &mut dyn Write) -> io::Result<()> {
        r.targets
            .iter()
            .try_for_each(|t| write_json_line(out, &ItemLine::new(r, t)))
    }

    fn rows(&self, r: &DocReport) -> Vec<Vec<String>> {
        r.targets.iter().map(records::target).collect()
    }

    fn table(&self, r: &DocReport) -> String {
        let (explain, evidence) = (self.a.explain, self.a.evidence || self.a.explain);
        let mut header = vec!["year", "indicator", "quantity", "kind"];
        if explain {
            header.push("rule");
        }
        if evidence {
            header.push("evidence");
        }
        let mut t = output::table(&header);
        output::keep_whole(&mut t, &header, "rule");
        for x in &r.targets {
            let kind = match &x.attribute {
                Some(attr) => format!("{} ({attr})", x.kind),
                None => x.kind.to_string(),
            };
            let mut row = vec![
                x.year.map_or("-".into(), |y| y.to_string()),
                x.indicator.clone(),
                quantity(x.comparator, x.value, x.value_max, &x.unit),
                kind,
            ];
            if explain {
                row.push(x.rule.to_string());
            }
            if evidence {
                row.push(x.evidence.clone());
            }
            t.add_row(row);
        }
        let what = format!("{} targets", r.targets.len());
        let mut text = section(r, &what, t, r.targets.is_empty());
        if explain {
            text.push_str(&legend(r.targets.iter().map(|x| x.rule)));
        }
        text
    }
}

/// `targets`: year, indicator, quantity, kind, per document.
pub fn targets(a: &TargetsArgs, ctx: &Ctx, out: &mut dyn Write) -> Exit {
    let v = Targets {
        a,
        query: a
            .indicator
            .as_deref()
            .map(|q| fold_query(q, ctx.engine.normalizer.converter())),
        conv: ctx.engine.normalizer.converter(),
        unit: a
            .unit
            .as_deref()
            .map(|u| u.chars().map(fold_width).collect()),
        dicts: &ctx.engine.dicts,
    };
    run(&v, io(&a.input, &a.records, &a.output), ctx, out)
}

/// The years a date value covers: `2021-12-12` → 2021, `2021/2025` → 2021..=2025.
fn date_years(value: &str) -> Option<(i32, i32)> {
    let year = |s: &str| s.get(..4).and_then(|y| y.parse::<i32>().ok());
    let (a, b) = value.split_once('/').unwrap_or((value, value));
    Some((year(a)?, year(b)?))
}

struct Dates<'a> {
    a: &'a DatesArgs,
}

impl Dates<'_> {
    fn in_range(&self, value: &str) -> bool {
        self.a
            .year
            .is_none_or(|y| date_years(value).is_some_and(|(from, to)| y.overlaps(from, to)))
    }
}

impl View for Dates<'_> {
    const NOUN: &'static str = "dates";
    const COLUMNS: &'static [&'static str] = records::DATE;

    fn keep(&self, r: &mut DocReport) {
        r.dates.retain(|d| self.in_range(&d.value));
    }

    fn filtered(&self) -> bool {
        self.a.year.is_some()
    }

    fn count(&self, r: &DocReport) -> usize {
        r.dates.len()
    }

    fn json(&self, r: &DocReport) -> serde_json::Value {
        json!({ "published_evidence": r.published_evidence, "dates": r.dates })
    }

    fn jsonl(&self, r: &DocReport, out: &mut dyn Write) -> io::Result<()> {
        r.dates
            .iter()
            .try_for_each(|d| write_json_line(out, &ItemLine::new(r, d)))
    }

    fn rows(&self, r: &DocReport) -> Vec<Vec<String>> {
        r.dates.iter().map(records::date).collect()
    }

    fn table(&self, r: &DocReport) -> String {
        let explain = self.a.explain;
        let mut header = vec!["value", "kind", "evidence", "mentions"];
        if explain {
            header.push("rule");
        }
        let mut t = output::table(&header);
        output::keep_whole(&mut t, &header, "rule");
        let published = r.published.as_ref().filter(|p| self.in_range(p));
        if let Some(p) = published {
            let evidence = r.published_evidence.clone().unwrap_or_default();
            let mut row = vec![p.clone(), "published".into(), evidence, String::new()];
            if explain {
                row.push("-".into());
            }
            t.add_row(row);
        }
        for d in &r.dates {
            let mut row = vec![
                d.value.clone(),
                d.kind.to_string(),
                d.evidence.clone(),
                d.mentions.to_string(),
            ];
            if explain {
                row.push(d.rule.to_string());
            }
            t.add_row(row);
        }
        let empty = r.dates.is_empty() && published.is_none();
        let mut text = section(r, &format!("{} dates", r.dates.len()), t, empty);
        if explain {
            text.push_str(&legend(r.dates.iter().map(|d| d.rule)));
        }
        text
    }
}

/// `dates`: value, kind, evidence, mentions; the publication date first.
pub fn dates(a: &DatesArgs, ctx: &Ctx, out: &mut dyn Write) -> Exit {
    run(&Dates { a }, io(&a.input, &a.records, &a.output), ctx, out)
}

struct Regions<'a> {
    a: &'a RegionsArgs,
    idx: &'a crate::extract::regions::Gazetteer,
}

impl Regions<'_> {
    fn name_of(&self, code: &str) -> Option<String> {
        self.idx.unit(code).map(|u| u.name.clone())
    }
}

impl View for Regions<'_> {
    const NOUN: &'static str = "places";
    const COLUMNS: &'static [&'static str] = records::REGION;

    fn keep(&self, r: &mut DocReport) {
        let levels = &self.a.level;
        r.regions
            .retain(|g| levels.is_empty() || levels.iter().any(|l| g.level == l.as_str()));
    }

    fn filtered(&self) -> bool {
        !self.a.level.is_empty()
    }

    fn count(&self, r: &DocReport) -> usize {
        r.regions.len()
    }

    fn json(&self, r: &DocReport) -> serde_json::Value {
        json!({ "regions": r.regions })
    }

    fn jsonl(&self, r: &DocReport, out: &mut dyn Write) -> io::Result<()> {
        r.regions
            .iter()
            .try_for_each(|g| write_json_line(out, &ItemLine::new(r, g)))
    }

    fn rows(&self, r: &DocReport) -> Vec<Vec<String>> {
        r.regions
            .iter()
            .map(|g| records::region(g, g.parent.as_ref().and_then(|p| self.name_of(p.as_str()))))
            .collect()
    }

    fn table(&self, r: &DocReport) -> String {
        let (explain, evidence) = (self.a.explain, self.a.evidence || self.a.explain);
        let mut header = vec!["name", "code", "level", "parent", "mentions"];
        if explain {
            header.push("rule");
        }
        if evidence {
            header.push("evidence");
        }
        let mut t = output::table(&header);
        output::keep_whole(&mut t, &header, "rule");
        for x in &r.regions {
            let parent = match (&x.parent, x.level.as_str()) {
                (Some(p), _) => self.name_of(p.as_str()).unwrap_or_else(|| p.to_string()),
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
            let mut row = vec![
                x.name.clone(),
                code,
                x.level.to_string(),
                parent,
                x.mentions.to_string(),
            ];
            if explain {
                row.push(x.rule.to_string());
            }
            if evidence {
                row.push(x.evidence.clone());
            }
            t.add_row(row);
        }
        let what = format!("{} places", r.regions.len());
        let mut text = section(r, &what, t, r.regions.is_empty());
        if explain {
            text.push_str(&legend(r.regions.iter().map(|x| x.rule)));
        }
        text
    }
}

/// `regions`: name, code, level, parent, mentions.
pub fn regions(a: &RegionsArgs, ctx: &Ctx, out: &mut dyn Write) -> Exit {
    let v = Regions {
        a,
        idx: ctx.engine.regions(),
    };
    run(&v, io(&a.input, &a.records, &a.output), ctx, out)
}

struct Tasks<'a> {
    a: &'a TasksArgs,
    color: bool,
}

impl View for Tasks<'_> {
    const NOUN: &'static str = "lists";
    const COLUMNS: &'static [&'static str] = records::TASK;

    fn keep(&self, r: &mut DocReport) {
        if self.a.mismatch {
            r.tasks.retain(|l| l.count_ok == Some(false));
        }
    }

    fn filtered(&self) -> bool {
        self.a.mismatch
    }

    fn count(&self, r: &DocReport) -> usize {
        r.tasks.len()
    }

    fn json(&self, r: &DocReport) -> serde_json::Value {
        json!({ "task_summary": r.task_summary, "tasks": r.tasks })
    }

    fn jsonl(&self, r: &DocReport, out: &mut dyn Write) -> io::Result<()> {
        r.tasks
            .iter()
            .try_for_each(|l| write_json_line(out, &ItemLine::new(r, records::task_item(l))))
    }

    fn rows(&self, r: &DocReport) -> Vec<Vec<String>> {
        r.tasks
            .iter()
            .enumerate()
            .flat_map(|(i, l)| records::task_rows(i + 1, l))
            .collect()
    }

    fn table(&self, r: &DocReport) -> String {
        let s = &r.task_summary;
        let title = r
            .title
            .as_deref()
            .map_or(String::new(), |t| format!("  {t}"));
        let mut text = format!(
            "{}{title}  ({} lists; {} declare a count: {} check out, {} do not)\n",
            r.path, s.lists, s.with_declared_count, s.count_ok, s.count_mismatch
        );
        let (red, reset) = if self.color {
            ("\x1b[31m", "\x1b[0m")
        } else {
            ("", "")
        };
        for l in &r.tasks {
            let pad = "  ".repeat(l.heading_path.len().min(3) + 1);
            let found = l.items.len();
            let check = match (l.declared_count, l.count_ok) {
                (Some(d), Some(true)) => format!("  [{d} declared, {found} found ✓]"),
                (Some(d), _) => format!("  [{d} declared, {found} found {red}✗ MISMATCH{reset}]"),
                _ => format!("  [{found} items]"),
            };
            text.push_str(&format!("{pad}{} ({}){check}\n", l.title, l.kind));
            if self.a.explain {
                text.push_str(&format!("{pad}  rule {}\n", l.rule));
            }
            if self.a.evidence || self.a.explain {
                let evidence = l.evidence.replace('\n', &format!("\n{pad}    "));
                text.push_str(&format!("{pad}  > {evidence}\n"));
            }
            for it in &l.items {
                text.push_str(&format!("{pad}  - {it}\n"));
            }
        }
        text.push('\n');
        if self.a.explain {
            text.push_str(&legend(r.tasks.iter().map(|l| l.rule)));
        }
        text
    }
}

/// `tasks`: an indented tree per document; count mismatches are marked.
pub fn tasks(a: &TasksArgs, ctx: &Ctx, out: &mut dyn Write) -> Exit {
    let v = Tasks {
        a,
        color: ctx.color,
    };
    run(&v, io(&a.input, &a.records, &a.output), ctx, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_values_cover_their_years() {
        assert_eq!(date_years("2021-12-12"), Some((2021, 2021)));
        assert_eq!(date_years("2021/2025"), Some((2021, 2025)));
        assert_eq!(date_years("2021-01/2021-06"), Some((2021, 2021)));
        assert_eq!(date_years("--05-01"), None);
    }

    #[test]
    fn the_indicator_query_ignores_script_and_width() {
        let c = Converter::new();
        assert_eq!(fold_query("數字經濟ＧＤＰ", &c), "数字经济gdp");
    }
}
