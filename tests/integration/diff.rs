//! `diff`: a seed against a copy edited by the test reports exactly the edits.

use serde_json::Value;

use crate::{bin, ferrous_s2t};

#[test]
fn edited_traditional_copy_reports_exactly_the_edits() {
    let src = crate::seed("004");
    let text = std::fs::read_to_string(&src).unwrap();
    let edited = text
        // a value changed
        .replacen("占GDP比重达到40%以上", "占GDP比重达到45%以上", 1)
        // a target removed
        .replacen(
            "创建10个国家级数字经济应用示范高地",
            "创建国家级数字经济应用示范高地",
            1,
        )
        // an indicator reworded with a synonym (企业 → 公司)
        .replacen(
            "500家前沿领域高成长创新企业",
            "500家前沿领域高成长创新公司",
            1,
        )
        // a target added
        .replacen(
            "凸显产业集聚发展的规模效应。",
            "凸显产业集聚发展的规模效应。培育200家数字经济“瞪羚”企业。",
            1,
        );
    assert_ne!(edited, text);
    // the whole text in traditional script
    let traditional = ferrous_s2t(&edited);
    assert!(traditional.contains("數字經濟"));
    let dir = tempfile::tempdir().unwrap();
    let new = dir.path().join("004_traditional.txt");
    std::fs::write(&new, &traditional).unwrap();

    let out = bin()
        .args(["diff", "--format", "json"])
        .arg(&src)
        .arg(&new)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "differences give exit 1: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let by = |s: &str| rows.iter().filter(|r| r["status"] == s).collect::<Vec<_>>();
    let changed = by("changed");
    assert_eq!(changed.len(), 1, "{rows:#?}");
    assert_eq!(changed[0]["old"]["value"], 40);
    assert_eq!(changed[0]["new"]["value"], 45);
    assert_eq!(changed[0]["value_delta"], 5.0);
    let removed = by("removed");
    assert_eq!(removed.len(), 1, "{rows:#?}");
    assert_eq!(removed[0]["old"]["indicator"], "国家级数字经济应用示范高地");
    let added = by("added");
    assert_eq!(added.len(), 1, "{rows:#?}");
    assert_eq!(added[0]["new"]["value"], 200);
    assert!(by("trajectory").is_empty());
    // unchanged rows (the reworded one among them) are listed with --all
    let out = bin()
        .args(["diff", "--all", "--format", "json"])
        .arg(&src)
        .arg(&new)
        .output()
        .unwrap();
    let all: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let reworded = all
        .iter()
        .find(|r| r["old"]["indicator"] == "前沿领域高成长创新企业")
        .expect("the reworded indicator is aligned");
    assert_eq!(reworded["status"], "unchanged");
    assert_eq!(reworded["new"]["indicator"], "前沿领域高成长创新公司");
    // spans and evidence from both sides
    assert!(reworded["old"]["span"].is_array() && reworded["new"]["evidence"].is_string());
}

#[test]
fn identical_documents_exit_0() {
    let s = crate::seed("001");
    bin().arg("diff").arg(&s).arg(&s).assert().code(0);
}

#[test]
fn trouble_exits_2() {
    bin()
        .arg("diff")
        .arg(crate::seed("001"))
        .arg("/nonexistent/plan.txt")
        .assert()
        .code(2);
}

#[test]
fn status_against_target_is_a_trajectory() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.txt");
    let new = dir.path().join("new.txt");
    std::fs::write(
        &old,
        "发布日期:2021-01-01\n2020年,数字经济核心产业增加值占国内生产总值(GDP)比重达到7.8%。",
    )
    .unwrap();
    std::fs::write(
        &new,
        "发布日期:2021-12-12\n到2025年,数字经济核心产业增加值占GDP比重达到10%。",
    )
    .unwrap();
    let out = bin()
        .args(["diff", "--format", "jsonl"])
        .arg(&old)
        .arg(&new)
        .output()
        .unwrap();
    let rows: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["status"], "trajectory");
    let table = String::from_utf8(
        bin()
            .env("COLUMNS", "120")
            .arg("diff")
            .arg(&old)
            .arg(&new)
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(
        table.contains("2020: 7.8% (status)") && table.contains("2025: 10%"),
        "{table}"
    );
    assert!(table.contains("trajectory; +2.2个百分点"), "{table}");
}

#[test]
fn folders_pair_files_by_name() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    std::fs::write(a.path().join("p.txt"), "建设30家研发机构。").unwrap();
    std::fs::write(b.path().join("p.txt"), "建设40家研发机构。").unwrap();
    std::fs::write(b.path().join("q.txt"), "培育100家龙头企业。").unwrap();
    let out = bin()
        .args(["diff", "--format", "json"])
        .arg(a.path())
        .arg(b.path())
        .output()
        .unwrap();
    let rows: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(rows
        .iter()
        .any(|r| r["document"] == "p.txt" && r["status"] == "changed"));
    assert!(rows
        .iter()
        .any(|r| r["document"] == "q.txt" && r["status"] == "added"));
}

#[test]
fn saved_reports_can_be_diffed() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.txt");
    let new = dir.path().join("new.txt");
    std::fs::write(&old, "到2025年,研发投入强度达到3%。").unwrap();
    std::fs::write(&new, "到2025年,研发投入强度达到3.2%。").unwrap();
    let saved = dir.path().join("old.jsonl");
    let out = bin()
        .args(["analyze", "--format", "jsonl"])
        .arg(&old)
        .output()
        .unwrap();
    std::fs::write(&saved, &out.stdout).unwrap();
    let out = bin()
        .args(["diff", "--format", "json"])
        .arg(&saved)
        .arg(&new)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let rows: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["status"], "changed");
    assert_eq!(rows[0]["old"]["value"], 3);
}
