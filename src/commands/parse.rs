//! `parse`: what the number and date grammar reads in a phrase, one JSON line per phrase.

use super::{finish, Exit};
use crate::cli::ParseArgs;
use crate::engine::Engine;
use crate::extract::targets::filters;
use crate::extract::{dates, numbers};
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
    let res = &engine.resources;
    let mut nums = Vec::new();
    let mut ds = Vec::new();
    for (i, s) in doc.sentences.iter().enumerate() {
        let text = doc.sentence_text(i);
        let base = doc.byte(s.start);
        for q in numbers::scan(text, &res.numbers) {
            let cmp = numbers::comparator(text, &q, &res.numbers);
            let (a, b) = (doc.char_at(base + q.start), doc.char_at(base + q.end));
            nums.push(Num {
                text: doc.slice(a, b).to_string(),
                value: q.value,
                value_max: q.value_max,
                unit: q.unit.clone(),
                comparator: cmp.comparator.to_string(),
                not_target: filters::reject(text, &q, &res.numbers, &res.targets)
                    .map(|r| r.to_string()),
                span: doc.span(a, b),
            });
        }
        for d in dates::scan(&res.dates, text, dates::Reference::at(reference)) {
            let (a, b) = (doc.char_at(base + d.start), doc.char_at(base + d.end));
            ds.push(Date {
                text: doc.slice(a, b).to_string(),
                value: d.value,
                kind: d.kind.to_string(),
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

/// Run `parse`.
pub fn run(a: &ParseArgs, engine: &Engine, out: &mut dyn Write) -> Exit {
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
    let mut inputs: Vec<String> = Vec::new();
    for t in &a.texts {
        if t == "-" {
            for line in std::io::stdin().lock().lines() {
                match line {
                    Ok(l) if !l.trim().is_empty() => inputs.push(l),
                    Ok(_) => {}
                    Err(e) => {
                        eprintln!("policylens: -: cannot read: {e}");
                        return Exit::Failed;
                    }
                }
            }
        } else {
            inputs.push(t.clone());
        }
    }
    let r = (|| -> std::io::Result<()> {
        for i in &inputs {
            serde_json::to_writer(&mut *out, &parse_one(i, reference, engine))?;
            out.write_all(b"\n")?;
        }
        Ok(())
    })();
    finish(r, Exit::Ok)
}
