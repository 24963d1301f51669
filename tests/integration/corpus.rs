//! Runs the example corpora in tests/corpus/: every row is a test case, and a failure lists
//! every row that does not give its expected value.

use policylens::extract::targets::filters;
use policylens::extract::{dates, numbers};
use policylens::pipeline::document_from_str;
use policylens::report::Open;
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

/// Full-width digits, letters, punctuation and spaces, as PDF extracts and some sites write.
fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
            ' ' => '\u{3000}',
            _ => c,
        })
        .collect()
}

/// The script and width variants of a corpus input that must read the same: traditional
/// script (when converting back gives the row exactly) and full-width ASCII. Inputs with
/// markup or front matter are left alone (their syntax is read before width folding).
fn variants(input: &str) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    if input.contains('<') || input.trim_start().starts_with("---") {
        return out;
    }
    let trad = crate::ferrous_s2t(input);
    if trad != input && crate::engine().normalizer.converter().t2s(&trad) == input {
        out.push(("traditional", trad));
    }
    let wide = full_width(input);
    if wide != input {
        out.push(("full-width", wide));
    }
    out
}

/// Run every row of a corpus (and, with `variants`, its traditional and full-width forms)
/// through `f`, which returns (got, want); fail listing every row that differs.
fn check_rows(
    name: &str,
    min_rows: usize,
    with_variants: bool,
    f: impl Fn(&[String]) -> (String, String),
) {
    let rows = rows(name);
    assert!(
        rows.len() >= min_rows,
        "{name}: {} rows, want at least {min_rows}",
        rows.len()
    );
    let mut failures = String::new();
    let mut n = 0;
    for (line, cells) in &rows {
        let mut runs = vec![("", cells[0].clone())];
        if with_variants {
            runs.extend(variants(&cells[0]));
        }
        for (variant, input) in runs {
            let mut c = cells.clone();
            c[0] = input;
            let (got, want) = f(&c);
            if got != want {
                n += 1;
                let tag = if variant.is_empty() {
                    String::new()
                } else {
                    format!(" ({variant})")
                };
                let _ = writeln!(
                    failures,
                    "{name}:{line}{tag}: {}\n    want: {want}\n    got:  {got}",
                    c[0].replace('\n', "\\n")
                );
            }
        }
    }
    assert!(n == 0, "{n} runs of {} rows fail:\n{failures}", rows.len());
}

/// A corpus checked in its own form and in traditional and full-width forms.
fn check(name: &str, min_rows: usize, f: impl Fn(&[String]) -> (String, String)) {
    check_rows(name, min_rows, true, f)
}

#[test]
fn numbers_corpus() {
    let engine = crate::engine();
    check("numbers.tsv", 300, |c| {
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
                let form = match q.form {
                    numbers::Form::Plain => "",
                    numbers::Form::Ratio => " ratio",
                    numbers::Form::Fraction => " fraction",
                };
                let why =
                    filters::reject(s, &q, &engine.resources.numbers, &engine.resources.targets)
                        .map_or(String::new(), |r| format!(" !{r}"));
                got.push(format!(
                    "{} {} {}{form}{why}",
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
    check("dates.tsv", 300, |c| {
        // columns: input, reference, expected, note
        let reference = chrono::NaiveDate::parse_from_str(&c[1], "%Y-%m-%d").ok();
        let doc = document_from_str("-", "txt", &c[0], engine);
        let reference = dates::Reference {
            date: reference,
            doc_year: dates::document_year(&engine.resources.dates, &doc),
        };
        let mut got: Vec<String> = Vec::new();
        for i in 0..doc.sentences.len() {
            for d in dates::scan(&engine.resources.dates, doc.sentence_text(i), reference) {
                let v = d.value.unwrap_or_else(|| "?".into());
                // an open end in the ISO 8601-2 form: 2018/.. (from 2018 on), ../2025 (up to 2025)
                let v = match d.open {
                    Some(Open::End) => format!("{v}/.."),
                    Some(Open::Start) => format!("../{v}"),
                    None => v,
                };
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
    check_rows("published.tsv", 8, false, |c| {
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

/// Every rule of `policylens rules` is exercised by at least one corpus row: a rule with no
/// example is either dead or untested.
#[test]
fn every_rule_has_corpus_rows() {
    use policylens::rules::Rule;
    let engine = crate::engine();
    let mut seen = std::collections::HashSet::new();
    for name in [
        "targets.tsv",
        "dates.tsv",
        "regions.tsv",
        "tasks.tsv",
        "published.tsv",
    ] {
        for (_, c) in rows(name) {
            let doc = document_from_str("-", "txt", &c[0], engine);
            let r = engine.analyze(&doc);
            seen.extend(r.targets.iter().map(|t| t.rule));
            seen.extend(r.dates.iter().map(|t| t.rule));
            seen.extend(r.regions.iter().map(|t| t.rule));
            seen.extend(r.tasks.iter().map(|t| t.rule));
        }
    }
    let missing: Vec<&str> = Rule::ALL
        .iter()
        .filter(|r| !seen.contains(r))
        .map(|r| r.as_str())
        .collect();
    assert!(
        missing.is_empty(),
        "rules without a corpus row: {missing:?}"
    );
}
