//! `parse`: what the number and date grammar reads in a phrase: a table, or one JSON
//! object per phrase and line (`--format json`).

use super::{finish, Ctx, Exit};
use crate::cli::{ParseArgs, ParseFormat};
use crate::engine::Engine;
use crate::extract::targets::filters;
use crate::extract::{dates, numbers};
use crate::output::{self, quantity};
use crate::pipeline::document_from_str;
use crate::report::Comparator;
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
    /// `count`, `percent`, `points`, `money`, `physical`, `rate`, `time`, or null.
    unit_class: Option<String>,
    comparator: String,
    /// `plain`, `ratio` (三成) or `fraction` (二分之一).
    form: &'static str,
    /// 多/余 (`more`) or 几/数/上 (`several`), or null.
    approx: Option<&'static str>,
    /// `up` or `down` when a verb of change stands before it (下降0.5个百分点), or null.
    change: Option<&'static str>,
    /// The whole phrase is one numeral with no unit (一百二十三).
    bare: bool,
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
            let (a, b) = (doc.char_at(base + q.start), doc.char_at(base + q.end));
            nums.push(num(text, &q, engine, doc.slice(a, b), doc.span(a, b)));
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
    if nums.is_empty() {
        if let Some(v) = numbers::bare_numeral(input) {
            nums.push(bare(input, v, doc.span(0, doc.len_chars())));
        }
    }
    Parsed {
        input: input.to_string(),
        numbers: nums,
        dates: ds,
    }
}

/// What the grammar reads of one quantity of `sentence`.
fn num(
    sentence: &str,
    q: &numbers::Quantity,
    engine: &Engine,
    text: &str,
    span: [usize; 2],
) -> Num {
    let res = &engine.resources;
    let words = &res.targets.words;
    Num {
        text: text.to_string(),
        value: q.value,
        value_max: q.value_max,
        unit: q.unit.clone(),
        unit_class: q.unit_class.map(|c| c.to_string()),
        comparator: numbers::comparator(sentence, q, &res.numbers)
            .comparator
            .to_string(),
        form: match q.form {
            numbers::Form::Plain => "plain",
            numbers::Form::Ratio => "ratio",
            numbers::Form::Fraction => "fraction",
        },
        approx: q.approx.map(|a| match a {
            numbers::Approx::More => "more",
            numbers::Approx::Several => "several",
        }),
        change: numbers::change(sentence, q, &words.rise, &words.fall).map(|d| match d {
            numbers::Direction::Up => "up",
            numbers::Direction::Down => "down",
        }),
        bare: false,
        not_target: filters::reject(sentence, q, &res.numbers, &res.targets).map(|r| r.to_string()),
        span,
    }
}

/// A phrase that is one bare numeral.
fn bare(input: &str, value: f64, span: [usize; 2]) -> Num {
    Num {
        text: input.trim().to_string(),
        value,
        value_max: None,
        unit: String::new(),
        unit_class: None,
        comparator: "=".into(),
        form: "plain",
        approx: None,
        change: None,
        bare: true,
        not_target: Some(filters::Reject::NoUnit.to_string()),
        span,
    }
}

/// A reference date from `YYYY-MM-DD`, `YYYY-MM` (its last day) or `YYYY` (its last day):
/// a text dated only by its month or year is read as written at its end.
fn reference_date(s: &str) -> Option<NaiveDate> {
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(d);
    }
    let (y, m) = match s.split_once('-') {
        Some((y, m)) => (y.parse().ok()?, m.parse::<u32>().ok()?),
        None => (s.parse().ok()?, 12),
    };
    let next = if m == 12 {
        NaiveDate::from_ymd_opt(y + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)?
    };
    next.pred_opt()
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
            let q = quantity_text(&n.comparator, n.value, n.value_max, &n.unit);
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
    let reference = match a.reference.as_deref().map(reference_date) {
        None => None,
        Some(Some(d)) => Some(d),
        Some(None) => {
            eprintln!("policylens: --reference must be YYYY-MM-DD, YYYY-MM or YYYY");
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

/// A reading as the table shows it (the comparator as JSON writes it).
fn quantity_text(comparator: &str, value: f64, value_max: Option<f64>, unit: &str) -> String {
    let c = Comparator::parse(comparator).unwrap_or(Comparator::Eq);
    quantity(c, value, value_max, unit)
}
