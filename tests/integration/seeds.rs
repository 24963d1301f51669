//! The seed documents: a compact snapshot of what is extracted from each, so any change in
//! behaviour on them is deliberate. `UPDATE_SNAPSHOTS=1 cargo test seeds` rewrites it.

use serde_json::{json, Value};

fn summary() -> Value {
    let engine = crate::engine();
    let results = policylens::pipeline::analyze_paths(&[crate::root().join("seeds")], engine);
    let mut docs = Vec::new();
    for r in results {
        let r = r.expect("every seed loads");
        let name = std::path::Path::new(&r.path)
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        docs.push(json!({
            "doc": name,
            "published": r.published,
            "targets": r.targets.iter().map(|t| format!("{} | {} | {:?} | {} | {} | {:?} | {}", t.indicator, t.value, t.value_max, t.unit, t.comparator, t.year, t.kind)).collect::<Vec<_>>(),
            "dates": r.dates.iter().map(|d| d.value.clone()).collect::<Vec<_>>(),
            "regions": r.regions.iter().map(|g| format!("{} {}", g.code.as_ref().map_or(String::new(), |c| c.to_string()), g.name)).collect::<Vec<_>>(),
            "tasks": r.tasks.iter().map(|l| format!("{} [{:?}] {}", l.title, l.declared_count, l.items.join(" / "))).collect::<Vec<_>>(),
        }));
    }
    Value::Array(docs)
}

#[test]
fn seeds_match_the_snapshot() {
    let path = crate::root().join("tests/snapshots/seeds.json");
    let got = summary();
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, serde_json::to_string_pretty(&got).unwrap() + "\n").unwrap();
        return;
    }
    let want: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("snapshot exists")).unwrap();
    for (g, w) in got.as_array().unwrap().iter().zip(want.as_array().unwrap()) {
        for key in ["published", "targets", "dates", "regions", "tasks"] {
            assert_eq!(
                g[key], w[key],
                "{} {key} differs from tests/snapshots/seeds.json",
                g["doc"]
            );
        }
    }
    assert_eq!(
        got.as_array().unwrap().len(),
        want.as_array().unwrap().len()
    );
}

#[test]
fn seed_facts() {
    let s = summary();
    let doc = |n: usize| &s[n];
    assert_eq!(doc(0)["published"], "2019-11-18");
    assert_eq!(doc(1)["published"], Value::Null);
    assert_eq!(doc(2)["published"], "2021-12-12");
    assert_eq!(doc(3)["published"], "2022-01-12");
    assert_eq!(doc(4)["published"], "2020-06-24");
    assert!(doc(4)["regions"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r == "500112 渝北区"));
    assert!(doc(2)["dates"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d == "2021/2025"));
}
