//! Tidy output (CSV, TSV, per-item JSON Lines), the filters of the views, and `diff`'s
//! words: what a researcher reads into pandas, R or Excel.

use serde_json::Value;
use std::collections::HashSet;

use crate::bin;

fn seeds() -> std::path::PathBuf {
    crate::root().join("seeds")
}

fn stdout(args: &[&str]) -> String {
    let out = bin().args(args).arg(seeds()).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn json(args: &[&str]) -> Vec<Value> {
    serde_json::from_str(&stdout(args)).unwrap()
}

/// The header and the rows of a CSV (or TSV) read back with the csv crate.
fn read_csv(text: &str, tsv: bool) -> (Vec<String>, Vec<csv::StringRecord>) {
    let mut r = csv::ReaderBuilder::new()
        .delimiter(if tsv { b'\t' } else { b',' })
        .from_reader(text.as_bytes());
    let header = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r.records().map(|r| r.unwrap()).collect();
    (header, rows)
}

fn count(docs: &[Value], field: &str) -> usize {
    docs.iter()
        .map(|d| d[field].as_array().unwrap().len())
        .sum()
}

#[test]
fn targets_csv_reads_back_with_a_row_per_target_of_the_json() {
    let n = count(&json(&["targets", "--format", "json"]), "targets");
    assert!(n > 20, "the seeds have targets");
    let text = stdout(&["targets", "--format", "csv"]);
    let (header, rows) = read_csv(&text, false);
    assert_eq!(
        header,
        [
            "path",
            "published",
            "title",
            "indicator",
            "value",
            "value_max",
            "unit",
            "comparator",
            "year",
            "kind",
            "attribute",
            "evidence",
            "span_start",
            "span_end",
            "rule"
        ]
    );
    assert_eq!(rows.len(), n);
    assert!(
        rows.iter().all(|r| r[14].starts_with("target.")),
        "every row names the rule that read it"
    );
    assert!(text.contains("\r\n"), "RFC 4180 line ends");
    let r = rows.iter().find(|r| &r[3] == "发明专利授权量").unwrap();
    assert_eq!((&r[4], &r[6], &r[7]), ("25000", "项", ">="));
    // TSV and the BOM
    let tsv = stdout(&["targets", "--format", "tsv", "--bom"]);
    let body = tsv.strip_prefix('\u{feff}').expect("a BOM first");
    let (header, rows) = read_csv(body, true);
    assert_eq!(header[3], "indicator");
    assert_eq!(rows.len(), n);
    // JSON Lines: one object per target, with its document
    let lines: Vec<Value> = stdout(&["targets", "--format", "jsonl"])
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), n);
    assert!(lines
        .iter()
        .all(|l| l["path"].is_string() && l["indicator"].is_string()));
    assert!(lines[0].get("span").is_some() && lines[0].get("title").is_some());
}

#[test]
fn the_other_views_have_a_row_per_item() {
    for (view, field) in [("dates", "dates"), ("regions", "regions")] {
        let n = count(&json(&[view, "--format", "json"]), field);
        let (header, rows) = read_csv(&stdout(&[view, "--format", "csv"]), false);
        assert_eq!(&header[..3], ["path", "published", "title"]);
        assert_eq!(rows.len(), n, "{view}");
        let lines = stdout(&[view, "--format", "jsonl"]).lines().count();
        assert_eq!(lines, n, "{view}");
    }
    // tasks: a row per task item, with its list
    let docs = json(&["tasks", "--format", "json"]);
    let items: usize = docs
        .iter()
        .flat_map(|d| d["tasks"].as_array().unwrap())
        .map(|l| l["items"].as_array().unwrap().len().max(1))
        .sum();
    let (header, rows) = read_csv(&stdout(&["tasks", "--format", "csv"]), false);
    assert_eq!(rows.len(), items);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert!(rows
        .iter()
        .any(|r| &r[col("list_title")] == "实施数字化生产关系构建工程"
            && &r[col("item")] == "迭代建设公共数据平台"));
    // tasks JSON Lines: a line per list, its title as list_title
    let lists = count(&docs, "tasks");
    let text = stdout(&["tasks", "--format", "jsonl"]);
    assert_eq!(text.lines().count(), lists);
    let first: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert!(first["list_title"].is_string() && first["items"].is_array());
    // analyze: a row per document
    let (header, rows) = read_csv(&stdout(&["analyze", "--format", "csv"]), false);
    assert_eq!(rows.len(), 5);
    assert_eq!(header[4], "format");
}

#[test]
fn filters_keep_what_they_name() {
    let all = json(&["targets", "--format", "json"]);
    let targets = |docs: &[Value]| -> Vec<Value> {
        docs.iter()
            .flat_map(|d| d["targets"].as_array().unwrap().clone())
            .collect()
    };
    let status = targets(&json(&["targets", "--format", "json", "--kind", "status"]));
    assert!(!status.is_empty() && status.iter().all(|t| t["kind"] == "status"));
    let want = targets(&all)
        .iter()
        .filter(|t| t["kind"] == "status")
        .count();
    assert_eq!(status.len(), want);
    let y2025 = targets(&json(&["targets", "--format", "json", "--year", "2025"]));
    assert!(!y2025.is_empty() && y2025.iter().all(|t| t["year"] == 2025));
    let range = targets(&json(&[
        "targets",
        "--format",
        "json",
        "--year",
        "2020..2022",
    ]));
    assert!(range
        .iter()
        .all(|t| (2020..=2022).contains(&t["year"].as_i64().unwrap())));
    assert!(range.iter().any(|t| t["year"] == 2020) && range.iter().any(|t| t["year"] == 2022));
    let pct = targets(&json(&["targets", "--format", "json", "--unit", "%"]));
    assert!(!pct.is_empty() && pct.iter().all(|t| t["unit"] == "%"));
    // full-width ％ is the same unit
    let full = targets(&json(&["targets", "--format", "json", "--unit", "％"]));
    assert_eq!(full.len(), pct.len());

    let dates = json(&["dates", "--format", "json", "--year", "2025"]);
    let values: Vec<&str> = dates
        .iter()
        .flat_map(|d| d["dates"].as_array().unwrap())
        .map(|d| d["value"].as_str().unwrap())
        .collect();
    assert!(
        values.contains(&"2021/2025"),
        "a period overlapping the year: {values:?}"
    );
    assert!(
        values
            .iter()
            .all(|v| v.contains("2025") || v.starts_with("2021/")),
        "{values:?}"
    );

    let regions = json(&["regions", "--format", "json", "--level", "province"]);
    let levels: HashSet<&str> = regions
        .iter()
        .flat_map(|d| d["regions"].as_array().unwrap())
        .map(|g| g["level"].as_str().unwrap())
        .collect();
    assert_eq!(levels, HashSet::from(["province"]));

    let lists = json(&["tasks", "--format", "json", "--mismatch"]);
    let kept: Vec<&Value> = lists
        .iter()
        .flat_map(|d| d["tasks"].as_array().unwrap())
        .collect();
    assert!(!kept.is_empty() && kept.iter().all(|l| l["count_ok"] == false));
    // tables skip the documents a filter leaves empty
    let t = stdout(&["tasks", "--mismatch"]);
    assert!(t.contains("001_") && !t.contains("000_"), "{t}");
}

#[test]
fn an_indicator_across_documents_is_one_row_per_document_and_year() {
    let simplified = stdout(&[
        "targets",
        "--indicator",
        "数字经济核心产业增加值",
        "--format",
        "csv",
    ]);
    // either script and width: the query is folded as the text is
    let traditional = stdout(&[
        "targets",
        "--indicator",
        "數字經濟核心產業增加值",
        "--format",
        "csv",
    ]);
    assert_eq!(simplified, traditional);
    let (header, rows) = read_csv(&simplified, false);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert!(rows.len() >= 3, "{simplified}");
    assert!(rows
        .iter()
        .all(|r| r[col("indicator")].contains("数字经济核心产业增加值")));
    let docs: HashSet<&str> = rows.iter().map(|r| &r[0]).collect();
    assert!(docs.len() >= 2, "the same indicator in several plans");
    let keys: HashSet<(&str, &str)> = rows.iter().map(|r| (&r[0], &r[col("year")])).collect();
    assert_eq!(keys.len(), rows.len(), "one row per document and year");
    // a repeated statement is one row: 004 states 数字经济总量 万亿 twice for 2022
    let total = stdout(&["targets", "--indicator", "数字经济总量", "--format", "csv"]);
    let (_, rows) = read_csv(&total, false);
    let in_004: Vec<_> = rows.iter().filter(|r| r[0].contains("004_")).collect();
    assert_eq!(in_004.len(), 2, "the amount and the share: {total}");
    let all = stdout(&["targets", "--format", "csv"]);
    let (_, rows) = read_csv(&all, false);
    let uncollapsed = rows
        .iter()
        .filter(|r| r[0].contains("004_") && r[3].contains("数字经济总量"))
        .count();
    assert_eq!(uncollapsed, 3);
}

#[test]
fn evidence_adds_a_column() {
    let plain = stdout(&["targets"]);
    let with = stdout(&["targets", "--evidence"]);
    assert!(!plain.contains("evidence") && with.contains("evidence"));
    let with = stdout(&["regions", "--evidence"]);
    assert!(with.contains("evidence"));
    let with = stdout(&["tasks", "--evidence"]);
    assert!(with.lines().any(|l| l.trim_start().starts_with("> ")));
}

#[test]
fn titles_come_from_the_first_heading_line_when_metadata_has_none() {
    let docs = json(&["analyze", "--format", "json"]);
    assert_eq!(
        docs[2]["title"],
        "国务院关于印发“十四五”数字经济发展规划的通知"
    );
    assert_eq!(
        docs[0]["title"],
        "发展改革委就国家数字经济创新发展试验区有关情况答记者问"
    );
    assert_eq!(docs[1]["title"], Value::Null, "浙江发布 is an account name");
    let out = bin()
        .env("COLUMNS", "200")
        .arg("analyze")
        .arg(seeds())
        .output()
        .unwrap();
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(
        table.contains("title") && table.contains("国务院关"),
        "{table}"
    );
    assert!(
        table.contains("22 (6 status)") && table.contains("12 (8 of 9 ok)"),
        "{table}"
    );
}

fn write_pair(dir: &std::path::Path, old: &str, new: &str) -> [std::path::PathBuf; 2] {
    let (o, n) = (dir.join("old.txt"), dir.join("new.txt"));
    std::fs::write(&o, old).unwrap();
    std::fs::write(&n, new).unwrap();
    [o, n]
}

#[test]
fn diff_speaks_the_unit_and_its_words() {
    let dir = tempfile::tempdir().unwrap();
    let [o, n] = write_pair(
        dir.path(),
        "到2025年,研发投入强度达到12%。培育100家龙头企业。建设30家研发机构。",
        "到2025年,研发投入强度达到15%。培育150家龙头企业。",
    );
    let out = bin()
        .env("COLUMNS", "120")
        .arg("diff")
        .arg(&o)
        .arg(&n)
        .output()
        .unwrap();
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.contains("+3个百分点"), "{table}");
    assert!(table.contains("+50家 (×1.5)"), "{table}");
    assert!(!table.contains("×1.25"), "{table}");
    let rows: Vec<Value> = serde_json::from_slice(
        &bin()
            .args(["diff", "--format", "json"])
            .arg(&o)
            .arg(&n)
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let words: HashSet<&str> = rows.iter().map(|r| r["status"].as_str().unwrap()).collect();
    assert_eq!(words, HashSet::from(["changed", "removed"]));
    for w in &words {
        assert!(table.contains(w), "{w} is a table word too");
    }
    // CSV: a row per aligned pair, with the delta's unit
    let csv_text = String::from_utf8(
        bin()
            .args(["diff", "--format", "csv"])
            .arg(&o)
            .arg(&n)
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let (header, csv_rows) = read_csv(&csv_text, false);
    assert_eq!(csv_rows.len(), rows.len());
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let pp = csv_rows
        .iter()
        .find(|r| &r[col("old_unit")] == "%")
        .unwrap();
    assert_eq!(
        (&pp[col("delta")], &pp[col("delta_unit")]),
        ("3", "个百分点")
    );
    assert_eq!(&pp[col("status")], "changed");
}

/// Drop ANSI colour sequences.
fn strip_ansi(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for d in chars.by_ref() {
                if d == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn width(line: &str) -> usize {
    line.chars()
        .map(|c| {
            if (c as u32) >= 0x2E80 && c != '→' {
                2
            } else {
                1
            }
        })
        .sum()
}

#[test]
fn colour_follows_the_flag_and_keeps_the_table_aligned() {
    let dir = tempfile::tempdir().unwrap();
    let [o, n] = write_pair(
        dir.path(),
        "到2025年,研发投入强度达到12%。建设30家研发机构。",
        "到2025年,研发投入强度达到15%。培育100家龙头企业。",
    );
    let run = |color: &str, no_color: bool| {
        let mut c = bin();
        if !no_color {
            c.env_remove("NO_COLOR");
        }
        let out = c
            .args(["diff", "--color", color])
            .arg(&o)
            .arg(&n)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    // --color always wins over NO_COLOR
    let coloured = run("always", true);
    assert!(coloured.contains("\x1b["), "{coloured}");
    let plain = strip_ansi(&coloured);
    let widths: HashSet<usize> = plain
        .lines()
        .filter(|l| l.starts_with(['┌', '│', '╞', '├', '└']))
        .map(width)
        .collect();
    assert_eq!(widths.len(), 1, "every row as wide: {plain}");
    assert_eq!(plain, run("never", false));
    assert!(!run("auto", false).contains('\x1b'), "piped: no colour");
}
