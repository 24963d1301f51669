//! `parse`: what the number and date grammar reads in a phrase: a table, or one JSON
//! object per phrase and line (`--format json`).

use super::{finish, Ctx, Exit};
use crate::cli::{ParseArgs, ParseFormat};
use crate::engine::Engine;
use crate::extract::{dates, numbers, targets};
use crate::output::{self, quantity};
use crate::pipeline::document_from_str;
use chrono::NaiveDate;
use serde::Serialize;
use std::io::{BufRead, Write};

#[derive(Serialize)]
struct Num {
    text: String,
    #[serde(serialize_with = "crate::report::ser_num")]
    value: f64,
    #[serde(serialize_with = "crate::report::ser_opt_num")]
    value_max: Option<f64>,
    unit: String,
    comparator: String,
    /// Why the targets extractor would not take it as a target (null: it would).
    not_target: Option<String>,
    span: [usize; 2],
}

#[derive(Serialize)]
struct Date {
    text: String,
    value: Option<String>,
    kind: String,
    span: [usize; 2],
}

#[derive(Serialize)]
struct Parsed {
    input: String,
    numbers: Vec<Num>,
    dates: Vec<Date>,
}

fn parse_one(input: &str, reference: Option<NaiveDate>, engine: &Engine) -> Parsed {
    let doc = document_from_str("-", "txt", input, engine);
    let dicts = &engine.dicts;
    let mut nums = Vec::new();
    let mut ds = Vec::new();
    for (i, s) in doc.sentences.iter().enumerate() {
        let text = doc.sentence_text(i);
        let base = doc.byte(s.start);
        for q in numbers::scan(text, dicts) {
            let cmp = numbers::comparator(text, &q, dicts);
            let (a, b) = (doc.char_at(base + q.start), doc.char_at(base + q.end));
            nums.push(Num {
                text: doc.slice(a, b).to_string(),
                value: q.value,
                value_max: q.value_max,
                unit: q.unit.clone(),
                comparator: cmp.comparator,
                not_target: targets::reject(text, &q, dicts).map(|r| format!("{r:?}")),
                span: doc.span(a, b),
            });
        }
        for d in dates::scan(text, reference) {
            let (a, b) = (doc.char_at(base + d.start), doc.char_at(base + d.end));
            ds.push(Date {
                text: doc.slice(a, b).to_string(),
                value: d.value,
                kind: d.kind,
                span: doc.span(a, b),
            });
        }
    }
    Parsed {
        input: input.to_string(),
        numbers: nums,
        dates: ds,
    }
}

/// The phrases to read: the arguments, with `-` replaced by the lines of standard input.
fn phrases(texts: &[String]) -> Result<Vec<String>, Exit> {
    let mut inputs: Vec<String> = Vec::new();
    for t in texts {
        if t != "-" {
            inputs.push(t.clone());
            continue;
        }
        for line in std::io::stdin().lock().lines() {
            match line {
                Ok(l) if !l.trim().is_empty() => inputs.push(l),
                Ok(_) => {}
                Err(e) => {
                    eprintln!("policylens: -: cannot read: {e}");
                    return Err(Exit::Failed);
                }
            }
        }
    }
    Ok(inputs)
}

/// One table of every phrase's readings: phrase, what, text, reading, note.
fn table(parsed: &[Parsed]) -> comfy_table::Table {
    let mut t = output::table(&["phrase", "what", "text", "reading", "note"]);
    for p in parsed {
        for n in &p.numbers {
            let note = match &n.not_target {
                Some(why) => format!("not a target: {why}"),
                None => "target".into(),
            };
            let q = quantity(&n.comparator, n.value, n.value_max, &n.unit);
            t.add_row(vec![
                p.input.clone(),
                "number".into(),
                n.text.clone(),
                q,
                note,
            ]);
        }
        for d in &p.dates {
            let value = d.value.clone().unwrap_or_else(|| "-".into());
            t.add_row(vec![
                p.input.clone(),
                "date".into(),
                d.text.clone(),
                value,
                d.kind.clone(),
            ]);
        }
        if p.numbers.is_empty() && p.dates.is_empty() {
            let row = [p.input.as_str(), "-", "", "nothing read", ""];
            t.add_row(row.map(String::from).to_vec());
        }
    }
    t
}

/// Run `parse`.
pub fn run(a: &ParseArgs, ctx: &Ctx, out: &mut dyn Write) -> Exit {
    let reference = match a
        .reference
        .as_deref()
        .map(|r| NaiveDate::parse_from_str(r, "%Y-%m-%d"))
    {
        None => None,
        Some(Ok(d)) => Some(d),
        Some(Err(e)) => {
            eprintln!("policylens: --reference must be YYYY-MM-DD: {e}");
            return Exit::Usage;
        }
    };
    let inputs = match phrases(&a.texts) {
        Ok(i) => i,
        Err(e) => return e,
    };
    let parsed: Vec<Parsed> = inputs
        .iter()
        .map(|i| parse_one(i, reference, ctx.engine))
        .collect();
    let r = match a.format {
        ParseFormat::Json => parsed
            .iter()
            .try_for_each(|p| output::write_json_line(out, p)),
        ParseFormat::Table => writeln!(out, "{}", table(&parsed)),
    };
    finish(r, Exit::Ok)
}
