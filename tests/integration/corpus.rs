//! Runs the example corpora in tests/corpus/: every row is a test case, and a failure lists
//! every row that does not give its expected value.

use policylens::extract::{dates, numbers};
use policylens::pipeline::document_from_str;
use std::fmt::Write as _;

/// Data rows of a corpus file: (line number, cells). Header and `#` lines are skipped.
fn rows(name: &str) -> Vec<(usize, Vec<String>)> {
    let path = crate::root().join("tests/corpus").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out = Vec::new();
    let mut header = true;
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if header {
            header = false;
            continue;
        }
        out.push((
            i + 1,
            line.split('\t')
                .map(|c| c.replace("\\n", "\n").replace("\\t", "\t"))
                .collect(),
        ));
    }
    out
}

/// The values joined by `sep`, or `-` when there are none (the corpus notation).
fn or_dash(values: Vec<String>, sep: &str) -> String {
    if values.is_empty() {
        "-".to_string()
    } else {
        values.join(sep)
    }
}

fn num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 9e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn range(v: f64, max: Option<f64>) -> String {
    match max {
        Some(m) => format!("{}-{}", num(v), num(m)),
        None => num(v),
    }
}

fn check(name: &str, min_rows: usize, f: impl Fn(&[String]) -> (String, String)) {
    let rows = rows(name);
    assert!(
        rows.len() >= min_rows,
        "{name}: {} rows, want at least {min_rows}",
        rows.len()
    );
    let mut failures = String::new();
    let mut n = 0;
    for (line, cells) in &rows {
        let (got, want) = f(cells);
        if got != want {
            n += 1;
            let _ = writeln!(
                failures,
                "{name}:{line}: {}\n    want: {want}\n    got:  {got}",
                cells[0].replace('\n', "\\n")
            );
        }
    }
    assert!(n == 0, "{n} of {} rows fail:\n{failures}", rows.len());
}

#[test]
fn numbers_corpus() {
    let engine = crate::engine();
    check("numbers.tsv", 50, |c| {
        let doc = document_from_str("-", "txt", &c[0], engine);
        let mut got = Vec::new();
        for i in 0..doc.sentences.len() {
            let s = doc.sentence_text(i);
            for q in numbers::scan(s, &engine.resources.numbers) {
                let cmp = numbers::comparator(s, &q, &engine.resources.numbers);
                let unit = if q.unit.is_empty() {
                    "_".to_string()
                } else {
                    q.unit.clone()
                };
                got.push(format!(
                    "{} {} {}",
                    range(q.value, q.value_max),
                    unit,
                    cmp.comparator
                ));
            }
        }
        let got = or_dash(got, " || ");
        (got, c[1].clone())
    });
}

#[test]
fn targets_corpus() {
    let engine = crate::engine();
    check("targets.tsv", 110, |c| {
        let doc = document_from_str("-", "txt", &c[0], engine);
        let r = engine.analyze(&doc);
        let got: Vec<String> = r
            .targets
            .iter()
            .map(|t| {
                format!(
                    "{} | {} | {} | {} | {} | {}",
                    t.indicator,
                    range(t.value, t.value_max),
                    if t.unit.is_empty() { "_" } else { &t.unit },
                    t.comparator,
                    t.year.map_or("-".to_string(), |y| y.to_string()),
                    t.kind
                )
            })
            .collect();
        let got = or_dash(got, " || ");
        (got, c[1].clone())
    });
}

#[test]
fn dates_corpus() {
    let engine = crate::engine();
    check("dates.tsv", 100, |c| {
        // columns: input, reference, expected, note
        let reference = chrono::NaiveDate::parse_from_str(&c[1], "%Y-%m-%d").ok();
        let doc = document_from_str("-", "txt", &c[0], engine);
        let mut got: Vec<String> = Vec::new();
        for i in 0..doc.sentences.len() {
            for d in dates::scan(&engine.resources.dates, doc.sentence_text(i), reference) {
                let v = d.value.unwrap_or_else(|| "?".into());
                if !got.contains(&v) {
                    got.push(v);
                }
            }
        }
        let got = or_dash(got, ", ");
        (got, c[2].clone())
    });
}

#[test]
fn published_corpus() {
    let engine = crate::engine();
    check("published.tsv", 8, |c| {
        let ext = if c[0].trim_start().starts_with("---") {
            "md"
        } else {
            "txt"
        };
        let doc = document_from_str("-", ext, &c[0], engine);
        let r = engine.analyze(&doc);
        let got = r.published.unwrap_or_else(|| "-".into());
        let dates: Vec<String> = r.dates.iter().map(|d| d.value.clone()).collect();
        let got = if c.len() > 2 && !c[2].is_empty() && c[2] != "-" && !c[2].starts_with(' ') {
            format!("{got} | {}", dates.join(", "))
        } else {
            got
        };
        let want = if c.len() > 2 && !c[2].is_empty() && c[2] != "-" && !c[2].starts_with(' ') {
            format!("{} | {}", c[1], c[2])
        } else {
            c[1].clone()
        };
        (got, want)
    });
}

#[test]
fn regions_corpus() {
    let engine = crate::engine();
    check("regions.tsv", 60, |c| {
        // columns: input, expected, note; expected: codes (areas by name, ambiguous as ?name)
        let doc = document_from_str("-", "txt", &c[0], engine);
        let r = engine.analyze(&doc);
        let got: Vec<String> = r
            .regions
            .iter()
            .map(|x| match (&x.code, x.level.as_str()) {
                (Some(code), _) => code.to_string(),
                (None, "ambiguous") => format!("?{}", x.name),
                (None, _) => x.name.clone(),
            })
            .collect();
        let got = or_dash(got, ", ");
        (got, c[1].clone())
    });
}

#[test]
fn tasks_corpus() {
    let engine = crate::engine();
    check("tasks.tsv", 20, |c| {
        // expected: lists joined by " || ", each `declared | item / item / …`
        let doc = document_from_str("-", "txt", &c[0], engine);
        let r = engine.analyze(&doc);
        let got: Vec<String> = r
            .tasks
            .iter()
            .map(|l| {
                format!(
                    "{} | {}",
                    l.declared_count.map_or("-".to_string(), |d| d.to_string()),
                    l.items.join(" / ")
                )
            })
            .collect();
        let got = or_dash(got, " || ");
        (got, c[1].clone())
    });
}

#[test]
fn every_ordinary_word_alone_is_no_region() {
    // dicts/regions/ordinary_words.tsv: each word used in a plain sentence yields no place.
    let engine = crate::engine();
    let text =
        std::fs::read_to_string(crate::root().join("dicts/regions/ordinary_words.tsv")).unwrap();
    let words: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1)
        .collect();
    assert!(words.len() >= 60);
    let mut found = Vec::new();
    for w in words {
        for sentence in [
            format!("要进一步加强{w}工作。"),
            format!("围绕{w},推动高质量发展。"),
        ] {
            let doc = document_from_str("-", "txt", &sentence, engine);
            let r = engine.analyze(&doc);
            if !r.regions.is_empty() {
                found.push(format!(
                    "{sentence} → {:?}",
                    r.regions.iter().map(|g| &g.name).collect::<Vec<_>>()
                ));
            }
        }
    }
    assert!(
        found.is_empty(),
        "ordinary words read as places:\n{}",
        found.join("\n")
    );
}

#[test]
fn indicators_do_not_start_with_a_verb_or_end_with_a_particle() {
    let engine = crate::engine();
    let mut bad = Vec::new();
    let mut inputs: Vec<String> = rows("targets.tsv")
        .into_iter()
        .map(|(_, c)| c[0].clone())
        .collect();
    for name in ["000", "001", "002", "003", "004"] {
        inputs.push(std::fs::read_to_string(crate::seed(name)).unwrap());
    }
    for input in inputs {
        let doc = document_from_str("-", "txt", &input, engine);
        for t in engine.analyze(&doc).targets {
            let ind = t.indicator.as_str();
            let starts_verb = [
                "达到", "建设", "培育", "建成", "打造", "形成", "推广", "创建", "实现",
            ]
            .iter()
            .any(|v| ind.starts_with(v));
            let ends_particle = ["的", "了", "等", "着", "和", "、", ","]
                .iter()
                .any(|p| ind.ends_with(p));
            if starts_verb || ends_particle || ind.chars().count() < 2 {
                bad.push(ind.to_string());
            }
        }
    }
    assert!(bad.is_empty(), "badly cut indicators: {bad:?}");
}
