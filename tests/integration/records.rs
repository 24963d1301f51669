//! Records in (`--input jsonl|csv`): one report out per record in, in order, keyed by id;
//! bad records as error records; the record's `published` and `title` first; CSV with
//! named columns and quoted newlines; a folder of part files; and reading that stays a
//! bounded window ahead of the writer.

use crate::{bin, root};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// The seed documents, sorted by name: (file name, text).
fn seeds() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(root().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    out.sort();
    out
}

fn lines(out: &[u8]) -> Vec<Value> {
    String::from_utf8(out.to_vec())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// A record's report with its `id` and `meta` taken off: what a file's report is.
fn bare(mut v: Value) -> Value {
    let m = v.as_object_mut().unwrap();
    m.remove("id");
    m.remove("meta");
    v
}

#[test]
fn every_record_is_one_line_out_in_order_keyed_by_id_and_equal_to_its_files_report() {
    let seeds = seeds();
    let mut input = String::new();
    for (i, (_, text)) in seeds.iter().enumerate() {
        let r = json!({"id": format!("s{i}"), "site": "gov.cn", "text": text, "n": i});
        input.push_str(&format!("{r}\n"));
        if i == 1 {
            input.push_str("{\"id\": \"broken\", \n\n   \n");
            input.push_str("{\"id\": 7, \"text\": null}\r\n");
            input.push_str("{\"id\": \"x\", \"text\": [\"a\"]}\n");
        }
    }
    let out = bin()
        .args(["analyze", "--input", "jsonl"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "the bad records fail the run");
    let got = lines(&out.stdout);
    let ids: Vec<&Value> = got.iter().map(|v| &v["id"]).collect();
    let want = json!(["s0", "s1", null, 7, "x", "s2", "s3", "s4"]);
    assert_eq!(
        Value::from(ids.into_iter().cloned().collect::<Vec<_>>()),
        want
    );
    assert!(got[2]["error"].as_str().unwrap().starts_with("not JSON"));
    assert_eq!(got[3], json!({"id": 7, "error": "no \"text\" field"}));
    assert_eq!(
        got[4],
        json!({"id": "x", "error": "\"text\" is not a string"})
    );
    let err = String::from_utf8(out.stderr).unwrap();
    let err: Vec<&str> = err.lines().collect();
    assert_eq!(err.len(), 3, "{err:?}");
    assert!(err[0].starts_with("policylens: -:3: not JSON"), "{err:?}");
    assert_eq!(err[1], "policylens: -:6 (id 7): no \"text\" field");
    assert!(err[2].starts_with("policylens: -:7 (id \"x\")"), "{err:?}");
    let files = bin()
        .args(["analyze", "--format", "jsonl"])
        .arg(root().join("seeds"))
        .output()
        .unwrap();
    let files = lines(&files.stdout);
    let reports: Vec<&Value> = got.iter().filter(|v| v.get("error").is_none()).collect();
    for (i, (r, mut f)) in reports.into_iter().zip(files).enumerate() {
        assert_eq!(r["meta"], json!({"site": "gov.cn", "n": i}));
        assert_eq!(r["path"], format!("s{i}"));
        f["path"] = r["path"].clone();
        assert_eq!(bare(r.clone()), f, "record s{i} is seed {}", seeds[i].0);
    }
}

#[test]
fn a_records_published_and_title_come_before_what_the_text_says() {
    let text = "---\ndate: 2019-01-01\ntitle: 旧标题\n---\n今年,覆盖率达到95%。\n";
    let input = [
        json!({"id": "a", "text": text, "published": "2021年3月1日", "title": "關於數字經濟的通知"}),
        json!({"id": "b", "text": text, "published": null, "title": ""}),
        json!({"id": "c", "text": "x", "published": "未知"}),
        json!({"id": "d", "text": "x", "published": 20210301}),
        json!({"path": "site/page.html", "text": "<p>到2025年,覆盖率达到95%。</p>"}),
        json!({"id": "e", "text": "<p>x</p>", "format": "pdf"}),
    ]
    .map(|r| format!("{r}\n"))
    .concat();
    let out = bin()
        .args(["analyze", "--input", "jsonl", "-"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let got = lines(&out.stdout);
    assert_eq!(got[0]["published"], "2021-03-01");
    assert_eq!(
        got[0]["published_evidence"],
        "record published: 2021年3月1日"
    );
    assert_eq!(got[0]["title"], "关于数字经济的通知");
    let years: Vec<&Value> = got[0]["dates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| &d["value"])
        .collect();
    assert!(
        years.contains(&&json!("2021")),
        "今年 is the record's year: {years:?}"
    );
    assert_eq!(
        got[1]["published"], "2019-01-01",
        "null and \"\" are left out"
    );
    assert_eq!(got[1]["title"], "旧标题");
    assert!(got[2]["error"].as_str().unwrap().contains("not a date"));
    assert_eq!(got[3]["error"], "\"published\" is not a string");
    assert_eq!(got[4]["id"], "site/page.html");
    assert_eq!(got[4]["source"]["format"], "html", "the path's extension");
    assert!(got[4].get("meta").is_none());
    assert!(got[5]["error"]
        .as_str()
        .unwrap()
        .contains("text, html or markdown"));
}

#[test]
fn the_views_name_their_rows_by_record() {
    let input: String = seeds()
        .iter()
        .enumerate()
        .map(|(i, (_, t))| format!("{}\n", json!({"id": format!("doc-{i}"), "text": t})))
        .collect();
    let csv = bin()
        .args(["targets", "--input", "jsonl", "--format", "csv"])
        .write_stdin(input.clone())
        .output()
        .unwrap();
    assert!(csv.status.success());
    let text = String::from_utf8(csv.stdout).unwrap();
    let mut rows = csv::Reader::from_reader(text.as_bytes());
    let paths: std::collections::BTreeSet<String> =
        rows.records().map(|r| r.unwrap()[0].to_string()).collect();
    assert!(
        paths.iter().all(|p| p.starts_with("doc-")) && paths.len() >= 3,
        "{paths:?}"
    );
    for view in ["dates", "regions", "tasks"] {
        // with records in, JSON Lines is the default format
        let out = bin()
            .args([view, "--input", "jsonl"])
            .write_stdin(input.clone())
            .output()
            .unwrap();
        assert!(out.status.success(), "{view}");
        let items = lines(&out.stdout);
        assert!(!items.is_empty(), "{view}");
        assert!(items
            .iter()
            .all(|v| v["path"].as_str().unwrap().starts_with("doc-")));
    }
    let table = bin()
        .args(["analyze", "--input", "jsonl", "--format", "table"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert!(String::from_utf8(table.stdout).unwrap().contains("doc-4"));
}

#[test]
fn csv_records_have_named_columns_and_quoted_newlines() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crawl.csv");
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(vec![0xEF, 0xBB, 0xBF]);
    w.write_record(["url", "body", "published", "site"])
        .unwrap();
    w.write_record([
        "u1",
        "到2025年,\n覆盖率达到95%。\n\n培育\"龙头\"企业100家。",
        "2021-06-01",
        "a",
    ])
    .unwrap();
    w.write_record(["u2", "今年,覆盖率达到90%。", "", "b"])
        .unwrap();
    w.write_record(["u3", "x"]).unwrap();
    std::fs::write(&path, w.into_inner().unwrap()).unwrap();
    let args = [
        "--input",
        "csv",
        "--text-column",
        "body",
        "--id-column",
        "url",
    ];
    let out = bin().arg("analyze").args(args).arg(&path).output().unwrap();
    let got = lines(&out.stdout);
    assert_eq!(got.len(), 3);
    assert_eq!(got[0]["id"], "u1");
    assert_eq!(got[0]["targets"].as_array().unwrap().len(), 2);
    assert_eq!(got[0]["published"], "2021-06-01");
    assert_eq!(got[0]["meta"], json!({"site": "a"}));
    assert_eq!(got[1]["published"], Value::Null);
    assert!(
        got[2]["error"].as_str().unwrap().contains("fields"),
        "{}",
        got[2]
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("crawl.csv:7"), "the row's line: {err}");
    // the same records as JSON Lines give the same reports
    let jsonl = [
        json!({"id": "u1", "text": "到2025年,\n覆盖率达到95%。\n\n培育\"龙头\"企业100家。", "published": "2021-06-01", "site": "a"}),
        json!({"id": "u2", "text": "今年,覆盖率达到90%。", "published": "", "site": "b"}),
    ]
    .map(|r| format!("{r}\n"))
    .concat();
    let from_jsonl = bin()
        .args(["analyze", "--input", "jsonl"])
        .write_stdin(jsonl)
        .output()
        .unwrap();
    assert_eq!(lines(&from_jsonl.stdout), got[..2]);
    let missing = bin()
        .args(["analyze", "--input", "csv"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(1));
    assert!(missing.stdout.is_empty());
    let err = String::from_utf8(missing.stderr).unwrap();
    assert!(
        err.contains("no column \"text\"") && err.contains("\"body\""),
        "{err}"
    );
    let usage = bin()
        .args(["analyze", "--text-column", "body"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(usage.status.code(), Some(2));
}

#[test]
fn a_folder_of_part_files_is_read_in_order_and_a_binary_one_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for (k, ids) in [(0, ["a", "b"]), (1, ["c", "d"])] {
        let text: String = ids
            .iter()
            .map(|id| {
                format!(
                    "{}\n",
                    json!({"id": id, "text": "到2025年,覆盖率达到95%。"})
                )
            })
            .collect();
        std::fs::write(d.join(format!("part-{k:05}")), text).unwrap();
        std::fs::write(d.join(format!(".part-{k:05}.crc")), b"\x00\x01crc").unwrap();
    }
    std::fs::write(d.join("_SUCCESS"), b"").unwrap();
    let out = bin()
        .args(["analyze", "--input", "jsonl"])
        .arg(d)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ids: Vec<Value> = lines(&out.stdout)
        .into_iter()
        .map(|v| v["id"].clone())
        .collect();
    assert_eq!(ids, [json!("a"), json!("b"), json!("c"), json!("d")]);
    std::fs::write(d.join("part-00002.gz"), b"\x1f\x8b\x08\x00binary").unwrap();
    let out = bin()
        .args(["analyze", "--input", "jsonl"])
        .arg(d)
        .arg(d.join("missing.jsonl"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        lines(&out.stdout).len(),
        4,
        "no error record for a whole input"
    );
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("part-00002.gz: not a text file (gzip"),
        "{err}"
    );
    assert!(err.contains("missing.jsonl: cannot read"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_fifo_in_a_folder_of_records_is_skipped_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("a.jsonl"),
        format!("{}\n", json!({"id": 1, "text": "x"})),
    )
    .unwrap();
    let made = Command::new("mkfifo").arg(d.join("b.jsonl")).status();
    if !made.is_ok_and(|s| s.success()) {
        return; // no mkfifo here
    }
    let out = bin()
        .args(["analyze", "--input", "jsonl"])
        .arg(d)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "a note is no failure");
    assert_eq!(lines(&out.stdout).len(), 1);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("b.jsonl: skipped: a named pipe"), "{err}");
}

/// Records are read only a bounded window ahead of what is written: the test writes large
/// records into the tool's standard input and never reads its output. Once the output pipe
/// is full the tool blocks on writing, its workers fill the window and stop taking
/// records, and then standard input fills up and the writer blocks too. How many records
/// the writer got in is then at most the window, plus what the two pipes and the read
/// buffer hold. Correct code passes whatever the timing (the wait for the writer to stall
/// only gives a reader without the bound the time to show it).
#[test]
fn records_are_read_no_more_than_a_window_ahead_of_the_output() {
    let (_, big) = seeds().into_iter().max_by_key(|(_, t)| t.len()).unwrap();
    let record = |i: usize, text: &str| format!("{}\n", json!({"id": i, "text": text}));
    let mut child = Command::new(env!("CARGO_BIN_EXE_policylens"))
        .args(["analyze", "--input", "jsonl"])
        .env_remove("POLICYLENS_DICTS")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let written = Arc::new(AtomicUsize::new(0));
    let count = written.clone();
    let text = big.clone();
    let writer = std::thread::spawn(move || {
        for i in 0..400 {
            if stdin.write_all(record(i, &text).as_bytes()).is_err() {
                return;
            }
            count.fetch_add(1, Ordering::SeqCst);
        }
    });
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    out.read_line(&mut first).unwrap();
    assert!(
        first.starts_with("{\"id\":0,"),
        "{}",
        &first[..40.min(first.len())]
    );
    // wait until the writer has stalled (no record in for a second), at most a minute
    let (mut last, mut still) = (0, 0);
    for _ in 0..600 {
        std::thread::sleep(std::time::Duration::from_millis(100));
        let now = written.load(Ordering::SeqCst);
        still = if now == last { still + 1 } else { 0 };
        last = now;
        if still >= 10 {
            break;
        }
    }
    let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
    let window = (cores.max(2) * 8).max(16);
    // the pipe and the test's own read buffer
    let reports_per_pipe = (64 + 8) * 1024 / first.len() + 1;
    let records_per_buffer = 2 * 64 * 1024 / record(0, &big).len() + 2;
    let bound = 1 + window + reports_per_pipe + records_per_buffer + 2;
    let n = written.load(Ordering::SeqCst);
    assert!(
        n <= bound,
        "{n} records read with the output blocked; at most {bound}"
    );
    assert!(n < 400);
    drop(out);
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "a closed pipe ends the run quietly");
    writer.join().unwrap();
}
