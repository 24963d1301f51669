//! The JSON contract: the output of `analyze --format json` is read back into structs
//! written here from the README's field table — not the types that wrote it — with unknown
//! fields denied, so a field renamed, added or dropped without the README and these structs
//! changing fails here.

use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Doc {
    schema: String,
    path: String,
    published: Option<String>,
    published_evidence: Option<String>,
    source: Source,
    title: Option<String>,
    targets: Vec<Target>,
    dates: Vec<Date>,
    regions: Vec<Region>,
    tasks: Vec<Task>,
    task_summary: Summary,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Source {
    encoding: String,
    format: String,
    script: String,
    chars: usize,
    normalized_chars: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Target {
    indicator: String,
    value: f64,
    value_max: Option<f64>,
    unit: String,
    comparator: String,
    year: Option<i32>,
    kind: String,
    attribute: Option<String>,
    evidence: String,
    span: [usize; 2],
    rule: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Date {
    value: String,
    kind: String,
    open: Option<String>,
    evidence: String,
    span: [usize; 2],
    mentions: usize,
    rule: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Region {
    name: String,
    code: Option<String>,
    level: String,
    parent: Option<String>,
    successor: Option<String>,
    members: Vec<String>,
    candidates: Vec<String>,
    mentions: usize,
    spans: Vec<[usize; 2]>,
    evidence: String,
    rule: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Task {
    title: String,
    declared_count: Option<u32>,
    items: Vec<String>,
    count_ok: Option<bool>,
    kind: String,
    heading_path: Vec<String>,
    evidence: String,
    span: [usize; 2],
    rule: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Summary {
    lists: usize,
    with_declared_count: usize,
    count_ok: usize,
    count_mismatch: usize,
}

fn rule_of(kind: &str, rule: &str) {
    let r = policylens::rules::Rule::parse(rule).unwrap_or_else(|| panic!("unknown rule {rule}"));
    assert_eq!(r.kind(), kind, "{rule}");
}

#[test]
fn analyze_json_reads_back_into_the_documented_fields() {
    let out = crate::bin()
        .args(["analyze", "--format", "json"])
        .arg(crate::root().join("seeds"))
        .output()
        .unwrap();
    let docs: Vec<Doc> =
        serde_json::from_slice(&out.stdout).expect("the JSON has the documented fields");
    assert_eq!(docs.len(), 5);
    for d in &docs {
        assert_eq!(d.schema, "policylens/1");
        assert!(["text", "html", "markdown"].contains(&d.source.format.as_str()));
        assert!(["simplified", "traditional", "none"].contains(&d.source.script.as_str()));
        for t in &d.targets {
            assert!(["=", ">=", ">", "<=", "<", "~", "range"].contains(&t.comparator.as_str()));
            assert!(["target", "status"].contains(&t.kind.as_str()));
            assert_eq!(t.value_max.is_some(), t.comparator == "range");
            assert!(t.span[0] < t.span[1]);
            rule_of("target", &t.rule);
        }
        for x in &d.dates {
            assert!(["day", "month", "year", "period", "month_day"].contains(&x.kind.as_str()));
            rule_of("date", &x.rule);
        }
        for g in &d.regions {
            assert!(["province", "prefecture", "county", "area", "ambiguous"]
                .contains(&g.level.as_str()));
            assert_eq!(
                g.code.is_none(),
                g.level == "area" || g.level == "ambiguous"
            );
            assert!(g
                .code
                .iter()
                .all(|c| c.len() == 6 && c.bytes().all(|b| b.is_ascii_digit())));
            assert_eq!(g.mentions, g.spans.len());
            rule_of("region", &g.rule);
        }
        for l in &d.tasks {
            assert!(["outline", "enumeration", "inline", "table"].contains(&l.kind.as_str()));
            assert_eq!(
                l.count_ok,
                l.declared_count.map(|n| n as usize == l.items.len())
            );
            rule_of("task", &l.rule);
        }
        assert_eq!(d.task_summary.lists, d.tasks.len());
    }
}

#[test]
fn evidence_is_the_normalized_text_of_its_span() {
    use policylens::ingest::Source;
    let engine = crate::engine();
    for name in ["001", "002", "004"] {
        let doc = policylens::pipeline::load(&Source::File(crate::seed(name)), engine).unwrap();
        let r = engine.analyze(&doc);
        for t in &r.targets {
            assert!(doc.text.contains(&t.evidence), "{name}: {}", t.evidence);
            let original = doc.original_slice(t.span);
            let again = policylens::normalize::normalize_as(
                &original,
                doc.source.format,
                &engine.normalizer,
            );
            assert!(
                again.contains(&t.evidence) || t.evidence.contains(again.trim()),
                "{name}: {} vs {again}",
                t.evidence
            );
        }
    }
}

/// The line of a bad record: exactly `id` and `error`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct ErrorRecord {
    id: serde_json::Value,
    error: String,
}

#[test]
fn record_reports_are_the_id_then_the_documented_fields_then_meta() {
    let text = std::fs::read_to_string(crate::seed("002")).unwrap();
    let input = [
        serde_json::json!({"id": "a", "text": text, "site": "gov.cn", "crawl": {"n": 1}}),
        serde_json::json!({"id": 2, "text": "到2025年,覆盖率达到95%。"}),
        serde_json::json!({"id": "c"}),
    ]
    .map(|r| format!("{r}\n"))
    .concat();
    let out = crate::bin()
        .args(["analyze", "--input", "jsonl"])
        .write_stdin(input)
        .output()
        .unwrap();
    let lines: Vec<serde_json::Map<String, serde_json::Value>> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    for (line, meta) in lines[..2].iter().zip([true, false]) {
        let keys: Vec<&str> = line.keys().map(String::as_str).collect();
        assert_eq!(keys[0], "id");
        assert_eq!(keys[1], "schema");
        assert_eq!(keys.last() == Some(&"meta"), meta, "{keys:?}");
        let mut doc = line.clone();
        doc.remove("id");
        doc.remove("meta");
        let _: Doc = serde_json::from_value(doc.into()).expect("the documented fields");
    }
    assert_eq!(
        lines[0]["meta"],
        serde_json::json!({"site": "gov.cn", "crawl": {"n": 1}})
    );
    let e: ErrorRecord = serde_json::from_value(lines[2].clone().into()).unwrap();
    assert_eq!(e.id, "c");
}
