//! The JSON contract: output reads back into the report types, which deny unknown fields,
//! so a field renamed or added without updating `src/report.rs` fails here.

use policylens::report::DocReport;

#[test]
fn analyze_json_reads_back_into_the_report_types() {
    let out = crate::bin()
        .args(["analyze", "--format", "json"])
        .arg(crate::root().join("seeds"))
        .output()
        .unwrap();
    let reports: Vec<DocReport> =
        serde_json::from_slice(&out.stdout).expect("the JSON matches the report types");
    assert_eq!(reports.len(), 5);
    for r in &reports {
        assert_eq!(r.schema, policylens::report::SCHEMA);
        for t in &r.targets {
            assert!(["=", ">=", ">", "<=", "<", "~", "range"].contains(&t.comparator.as_str()));
            assert!(["target", "status"].contains(&t.kind.as_str()));
            assert_eq!(t.value_max.is_some(), t.comparator == "range");
            assert!(t.span[0] < t.span[1]);
        }
        for d in &r.dates {
            assert!(
                ["day", "month", "year", "period", "month_day"].contains(&d.kind.as_str()),
                "{}",
                d.kind
            );
        }
        for g in &r.regions {
            assert!(["province", "prefecture", "county", "area", "ambiguous"]
                .contains(&g.level.as_str()));
            assert_eq!(
                g.code.is_none(),
                g.level == "area" || g.level == "ambiguous"
            );
            assert_eq!(g.mentions, g.spans.len());
        }
        for l in &r.tasks {
            assert_eq!(
                l.count_ok,
                l.declared_count.map(|d| d as usize == l.items.len())
            );
        }
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
