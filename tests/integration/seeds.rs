//! The seed documents: a JSON snapshot of every report, so any change in behaviour on them is
//! deliberate and reviewable as a diff. `UPDATE_SNAPSHOTS=1 cargo test seeds` rewrites it.

use serde_json::Value;

fn reports() -> Value {
    let engine = crate::engine();
    let results = policylens::pipeline::analyze_paths(&[crate::root().join("seeds")], engine);
    let docs: Vec<Value> = results
        .into_iter()
        .map(|r| {
            let mut v = serde_json::to_value(r.expect("every seed loads")).unwrap();
            // the path depends on the checkout; the file name does not
            let name = v["path"]
                .as_str()
                .unwrap_or("")
                .rsplit('/')
                .next()
                .unwrap_or("")
                .to_string();
            v["path"] = Value::String(name);
            v
        })
        .collect();
    Value::Array(docs)
}

#[test]
fn seeds_match_the_snapshot() {
    let path = crate::root().join("tests/snapshots/seeds.json");
    let got = reports();
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, serde_json::to_string_pretty(&got).unwrap() + "\n").unwrap();
        return;
    }
    let want: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("snapshot exists")).unwrap();
    let (got, want) = (got.as_array().unwrap(), want.as_array().unwrap());
    assert_eq!(got.len(), want.len());
    for (g, w) in got.iter().zip(want) {
        for key in crate::FINDINGS {
            assert_eq!(
                g[key], w[key],
                "{} {key} differs from tests/snapshots/seeds.json",
                g["path"]
            );
        }
    }
}

#[test]
fn seed_facts() {
    let s = reports();
    let doc = |n: usize| &s[n];
    assert_eq!(doc(0)["published"], "2019-11-18");
    assert_eq!(doc(1)["published"], Value::Null);
    assert_eq!(doc(2)["published"], "2021-12-12");
    assert_eq!(doc(3)["published"], "2022-01-12");
    assert_eq!(doc(4)["published"], "2020-06-24");
    let has = |d: &Value, list: &str, key: &str, want: &str| {
        d[list].as_array().unwrap().iter().any(|x| x[key] == want)
    };
    assert!(has(doc(4), "regions", "code", "500112"));
    assert!(has(doc(2), "dates", "value", "2021/2025"));
}
