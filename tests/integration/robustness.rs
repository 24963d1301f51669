//! Odd input never panics (random mixtures of the characters the rules look at), and the
//! hostile-input battery of issue 14: pipes and devices, broken encodings, odd file names,
//! invisible marks, bad dictionaries, out-of-range values, unreadable reports, a full disk,
//! and the fuzz harnesses over mutated seeds. Every file is generated; none is committed.

use policylens::pipeline::document_from_str;

const POOL: &[&str] = &[
    "0",
    "1",
    "2",
    "5",
    "9",
    ".",
    ",",
    "%",
    "％",
    "-",
    "—",
    "~",
    "至",
    "到",
    "年",
    "月",
    "日",
    "号",
    "万",
    "亿",
    "百",
    "千",
    "十",
    "一",
    "二",
    "〇",
    "两",
    "零",
    "个",
    "家",
    "项",
    "以上",
    "左右",
    "超过",
    "不低于",
    "约",
    "近",
    "达到",
    "建设",
    "培育",
    "等",
    "、",
    ",",
    "。",
    ";",
    ":",
    "?",
    "“",
    "”",
    "《",
    "》",
    "(",
    ")",
    "(",
    ")",
    "第",
    "章",
    "节",
    "一是",
    "二是",
    "——",
    "一、",
    "(一)",
    "1.",
    "①",
    " ",
    "\n",
    "\t",
    "<p>",
    "</p>",
    "<",
    ">",
    "&amp;",
    "&",
    "---",
    "title:",
    "省",
    "市",
    "县",
    "区",
    "浙江",
    "杭州",
    "朝阳",
    "合作",
    "长三角",
    "十四五",
    "“十四五”",
    "时期",
    "指标",
    "属性",
    "预期性",
    "2020年",
    "2025年",
    "占",
    "比重",
    "GDP",
    "5G",
    "IPv6",
    "的",
    "了",
    "各",
    "é",
    "😀",
    "\u{200b}",
    "\u{feff}",
    "\u{301}",
    "數",
    "經",
    "濟",
    "發布日期:",
    "国务院",
    "问:",
    "答:",
    "有哪些",
    "以下几方面工作:",
    "在",
    "方面,",
    "等6项任务",
    "等领域",
    "和",
    "以及",
    "截至",
    "底",
    "今年",
    "明年",
    "http://x/2021/12/12",
];

#[test]
fn random_inputs_do_not_panic() {
    let engine = crate::engine();
    let mut rng = crate::Lcg(7);
    for round in 0..400 {
        let len = 1 + rng.next(80);
        let text: String = (0..len).map(|_| POOL[rng.next(POOL.len())]).collect();
        let ext = ["txt", "html", "md"][round % 3];
        let doc = document_from_str("fuzz", ext, &text, engine);
        let r = engine.analyze(&doc);
        for t in &r.targets {
            assert!(t.span[0] <= t.span[1], "{text:?}");
        }
        let _ = serde_json::to_string(&r).expect("serializes");
    }
}

#[test]
fn empty_and_whitespace_documents() {
    let engine = crate::engine();
    for text in [
        "",
        " ",
        "\n\n\n",
        "<p></p>",
        "---\ntitle: x\n---\n",
        "\u{feff}",
    ] {
        let doc = document_from_str("e", "txt", text, engine);
        let r = engine.analyze(&doc);
        assert!(r.targets.is_empty() && r.regions.is_empty(), "{text:?}");
    }
}

// ---------------------------------------------------------------------------------------
// The hostile-input battery (issue 14): every input is generated here, none is committed.

use predicates::prelude::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Long enough for a debug build on a busy machine; a hang is what these tests catch.
const TIMEOUT: Duration = Duration::from_secs(60);

fn seeds() -> PathBuf {
    crate::root().join("seeds")
}

/// Make a FIFO at `path`; false where `mkfifo` is not available.
fn mkfifo(path: &Path) -> bool {
    std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .is_ok_and(|s| s.success())
}

/// Write `bytes` into the FIFO at `path` from another thread (opening it blocks until
/// the reader opens it too).
fn feed(path: &Path, bytes: Vec<u8>) -> std::thread::JoinHandle<()> {
    let path = path.to_path_buf();
    std::thread::spawn(move || {
        // the reader may give up early (a refused input): a broken pipe is no failure here
        let _ = std::fs::write(path, bytes);
    })
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn json(out: &std::process::Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

#[test]
fn a_fifo_in_a_folder_is_skipped_and_never_opened() {
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(seeds()).unwrap().flatten() {
        std::fs::copy(e.path(), dir.path().join(e.file_name())).unwrap();
    }
    if !mkfifo(&dir.path().join("p.txt")) {
        return;
    }
    let out = crate::bin()
        .args(["analyze", "--format", "jsonl"])
        .arg(dir.path())
        .timeout(TIMEOUT)
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 5);
    assert!(
        err.contains("p.txt: skipped") && err.contains("FIFO"),
        "{err}"
    );
}

#[test]
fn an_explicit_fifo_is_read_and_holds_up_no_other_input() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("named.txt");
    if !mkfifo(&fifo) {
        return;
    }
    let other = dir.path().join("other.txt");
    std::fs::write(&other, "到2025年,培育高新技术企业100家。").unwrap();
    // The writer waits until the other input has been analyzed: that happens only if
    // waiting for the pipe does not hold up every worker.
    let (done_tx, done_rx) = std::sync::mpsc::channel::<()>();
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let in_time = done_rx.recv_timeout(Duration::from_secs(20)).is_ok();
            std::fs::write(&fifo, "到2025年,建成5G基站20万个。").unwrap();
            in_time
        })
    };
    let engine = crate::engine();
    let done_tx = std::sync::Mutex::new(done_tx);
    let results =
        policylens::pipeline::map_documents(&[fifo.clone(), other.clone()], engine, |d| {
            if d.path.ends_with("other.txt") {
                let _ = done_tx.lock().unwrap().send(());
            }
            engine.analyze(d).targets.len()
        });
    assert!(
        writer.join().unwrap(),
        "the other input waited for the pipe"
    );
    let counts: Vec<usize> = results.into_iter().map(|r| r.unwrap()).collect();
    assert_eq!(counts, [1, 1]);
}

#[test]
fn standard_input_and_a_fifo_on_the_command_line_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("p.txt");
    if !mkfifo(&fifo) {
        return;
    }
    let seed = std::fs::read(crate::seed("001")).unwrap();
    let writer = feed(&fifo, seed.clone());
    let out = crate::bin()
        .args(["analyze", "--format", "json"])
        .arg(&fifo)
        .arg("-")
        .arg(crate::seed("000"))
        .write_stdin(seed)
        .timeout(TIMEOUT)
        .output()
        .unwrap();
    writer.join().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json(&out);
    assert_eq!(v.as_array().map(Vec::len), Some(3));
    assert_eq!(v[0]["targets"], v[1]["targets"]);
}

#[test]
fn a_device_that_never_ends_is_refused_from_its_first_bytes() {
    if !Path::new("/dev/zero").exists() {
        return;
    }
    crate::bin()
        .args(["analyze", "/dev/zero"])
        .timeout(TIMEOUT)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("/dev/zero: not a text file"));
}

#[test]
fn diff_reads_a_fifo_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("old.json");
    if !mkfifo(&fifo) {
        return;
    }
    // text in a .json pipe: it used to be read as a report, then opened again and waited for
    let writer = feed(&fifo, std::fs::read(crate::seed("001")).unwrap());
    crate::bin()
        .arg("diff")
        .arg(&fifo)
        .arg(crate::seed("001"))
        .timeout(TIMEOUT)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "old.json: not a policylens report",
        ));
    writer.join().unwrap();
    let fifo = dir.path().join("old.txt");
    assert!(mkfifo(&fifo));
    let writer = feed(&fifo, std::fs::read(crate::seed("001")).unwrap());
    crate::bin()
        .arg("diff")
        .arg(&fifo)
        .arg(crate::seed("001"))
        .timeout(TIMEOUT)
        .assert()
        .code(0);
    writer.join().unwrap();
}

fn utf16(s: &str, le: bool) -> Vec<u8> {
    s.encode_utf16()
        .flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() })
        .collect()
}

#[test]
fn utf16_without_a_bom_is_decoded() {
    let text = std::fs::read_to_string(crate::seed("001")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (le, be) = (dir.path().join("le.txt"), dir.path().join("be.txt"));
    std::fs::write(&le, utf16(&text, true)).unwrap();
    std::fs::write(&be, utf16(&text, false)).unwrap();
    let out = crate::bin()
        .args(["analyze", "--format", "json"])
        .args([&crate::seed("001"), &le, &be])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json(&out);
    assert_eq!(v[1]["source"]["encoding"], "UTF-16LE");
    assert_eq!(v[2]["source"]["encoding"], "UTF-16BE");
    assert_eq!(v[0]["targets"], v[1]["targets"]);
    assert_eq!(v[0]["targets"], v[2]["targets"]);
}

#[test]
fn truncated_utf8_is_reported_where_it_breaks_not_blamed_on_gb18030() {
    let text = std::fs::read(crate::seed("001")).unwrap();
    // cut inside the last Chinese character
    let cut = text
        .iter()
        .rposition(|&b| b >= 0xE0)
        .expect("the seed has Chinese text");
    let line = text[..cut].iter().filter(|&&b| b == b'\n').count() + 1;
    let dir = tempfile::tempdir().unwrap();
    let truncated = dir.path().join("truncated.txt");
    std::fs::write(&truncated, &text[..cut + 1]).unwrap();
    let mut damaged = text.clone();
    damaged[cut + 1] = b'x';
    let damaged_path = dir.path().join("damaged.txt");
    std::fs::write(&damaged_path, &damaged).unwrap();
    let out = crate::bin()
        .arg("analyze")
        .args([&truncated, &damaged_path])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1));
    let expected = format!("invalid UTF-8 at byte offset {cut} (line {line})");
    assert!(err.contains(&format!("truncated.txt: {expected}")), "{err}");
    assert!(err.contains(&format!("damaged.txt: {expected}")), "{err}");
    assert!(!err.contains("GB18030"), "{err}");
}

#[cfg(unix)]
#[test]
fn file_names_that_are_not_utf8_are_written_escaped() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    // 生产.txt in GBK
    let name = std::ffi::OsStr::from_bytes(b"\xC9\xFA\xB2\xFA.txt");
    let path = dir.path().join(name);
    if std::fs::write(&path, "到2025年,培育高新技术企业100家。").is_err() {
        return; // a file system that refuses such names
    }
    let out = crate::bin()
        .args(["analyze", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let p = json(&out)[0]["path"].as_str().unwrap().to_string();
    assert!(p.ends_with(r"/\xC9\xFA\xB2\xFA.txt"), "{p}");
}

#[test]
fn bidi_marks_and_soft_hyphens_do_not_stay_in_indicators() {
    let marks = [
        '\u{200e}', '\u{200f}', '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}',
        '\u{2060}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}', '\u{ad}',
    ];
    let mut text = String::from("到2025年,");
    for (i, c) in "数字经济核心产业增加值占GDP比重".chars().enumerate() {
        text.push(c);
        text.push(marks[i % marks.len()]);
    }
    text.push_str("达到10%。");
    let out = crate::bin()
        .args(["targets", "--format", "json", "-"])
        .write_stdin(text)
        .output()
        .unwrap();
    let v = json(&out);
    let t = &v[0]["targets"][0];
    let indicator = t["indicator"].as_str().unwrap();
    assert!(indicator.contains("数字经济核心产业增加值"), "{v}");
    for field in ["indicator", "evidence"] {
        let s = t[field].as_str().unwrap();
        assert!(!s.chars().any(|c| marks.contains(&c)), "{field}: {s:?}");
    }
}

#[test]
fn a_write_error_is_printed_once() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return;
    };
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("policylens"))
        .args(["analyze", "--format", "json"])
        .arg(seeds())
        .env_remove("POLICYLENS_DICTS")
        .stdout(full)
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.matches("cannot write output").count(), 1, "{err}");
}

/// A `--dicts` folder holding the given files; run `analyze` on a short text with it.
fn with_dicts(files: &[(&str, &[u8])]) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    for (name, contents) in files {
        let p = dir.path().join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, contents).unwrap();
    }
    crate::bin()
        .arg("--dicts")
        .arg(dir.path())
        .args(["analyze", "--format", "json", "-"])
        .write_stdin("到2025年,培育高新技术企业100家。")
        .output()
        .unwrap()
}

#[test]
fn a_boilerplate_pattern_that_matches_every_line_is_refused() {
    for pattern in ["^", ".*", "(责任编辑)?"] {
        let row = format!("pattern\tmax_len\tnote\n{pattern}\t300\t\n");
        let out = with_dicts(&[("boilerplate.tsv", row.as_bytes())]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{pattern}: {err}");
        assert!(
            err.contains("boilerplate.tsv:2") && err.contains("every line"),
            "{err}"
        );
    }
}

#[test]
fn a_user_dictionary_with_a_bom_is_read() {
    let out = with_dicts(&[(
        "units.tsv",
        "\u{feff}unit\tclass\tnote\n栋\tcount\t\n".as_bytes(),
    )]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn a_user_dictionary_that_is_not_utf8_names_its_line() {
    let (gbk, _, _) = encoding_rs::GB18030.encode("unit\tclass\tnote\n# 单位\n栋\tcount\t\n");
    let out = with_dicts(&[("units.tsv", &gbk)]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("units.tsv:2") && err.contains("UTF-8"),
        "{err}"
    );
}

#[test]
fn a_misnamed_dictionary_file_is_a_warning() {
    let out = with_dicts(&[("unit.tsv", b"unit\tclass\tnote\n")]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("warning") && err.contains("unit.tsv: not a dictionary file name"),
        "{err}"
    );
    assert!(
        err.contains("units.tsv"),
        "the known names are listed: {err}"
    );
}

#[test]
fn a_bad_policy_term_frequency_is_refused() {
    for line in ["新质生产力 -3 n", "新质生产力 many n"] {
        let out = with_dicts(&[("policy_terms.txt", format!("# terms\n{line}\n").as_bytes())]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{line}: {err}");
        assert!(err.contains("policy_terms.txt:2"), "{err}");
    }
}

#[test]
fn region_rows_with_a_bad_level_or_code_are_refused() {
    let header = "code\tname\tshort\tlevel\tparent\ttype\n";
    for row in [
        "330199\t某新区\t某新\t5\t330100\t市辖区",
        "3301999\t某新区\t某新\t3\t330100\t市辖区",
    ] {
        let text = format!("{header}# added\n{row}\n");
        let out = with_dicts(&[("regions/divisions.tsv", text.as_bytes())]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{row}: {err}");
        assert!(err.contains("divisions.tsv:3"), "{err}");
    }
}

#[test]
fn a_region_alias_or_area_without_a_name_is_left_out() {
    // an empty name once went into the place-name automaton, matched between the bytes
    // of a character and panicked
    let out = with_dicts(&[
        ("regions/aliases.tsv", b"alias\tcode\tnote\n\t330100\t\n"),
        (
            "regions/areas.tsv",
            b"name\taliases\tkind\tmembers\tnote\n\t\tregion\t330000\t\n",
        ),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc = &json(&out)[0];
    assert_eq!(doc["targets"][0]["value"], 100, "{doc}");
    assert!(doc["regions"].as_array().unwrap().is_empty(), "{doc}");
}

#[test]
fn a_500_digit_number_is_never_written_as_null() {
    let text = format!("到2025年,培育企业{}家。", "9".repeat(500));
    let out = crate::bin()
        .args(["analyze", "--format", "json", "-"])
        .write_stdin(text)
        .output()
        .unwrap();
    let body = String::from_utf8_lossy(&out.stdout).into_owned();
    for t in json(&out)[0]["targets"].as_array().unwrap() {
        assert!(t["value"].is_number(), "{t}");
        assert!(
            t["value_max"].is_number() || t["value_max"].is_null(),
            "{t}"
        );
    }
    assert!(!body.contains("inf") && !body.contains("NaN"), "{body}");
    // and the saved report reads back
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("big.json");
    std::fs::write(&saved, &out.stdout).unwrap();
    let out = crate::bin()
        .arg("diff")
        .args([&saved, &saved])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stderr.is_empty(), "{}", stderr(&out));
}

/// Documents meant to stress the report: huge and tiny numbers, odd characters, ranges.
/// (Numbers beyond f64's range are left out: the report writes such a value as 0 until the
/// extractors report them as not-a-target, so a fresh analysis would differ from its
/// saved report. `a_500_digit_number_is_never_written_as_null` covers them.)
fn hostile_documents(dir: &Path) -> Vec<PathBuf> {
    let docs = [
        format!("到2025年,培育企业{}家。", "9".repeat(300)),
        format!("到2025年,增长{}%。", "1".repeat(30)),
        "到2025年,占比达到0.000000000000000000001%,投资3-5亿元。".to_string(),
        "<p>“十四五”时期,数字经济核心产业增加值占GDP比重达到10%</p>".to_string(),
        "---\ntitle: \"引号\\\\和反斜杠\"\n---\n到2022年,\u{202e}建成\u{200f}5G基站20万个。😀"
            .to_string(),
    ];
    docs.iter()
        .enumerate()
        .map(|(i, d)| {
            let p = dir.join(format!("hostile_{i}.txt"));
            std::fs::write(&p, d).unwrap();
            p
        })
        .collect()
}

#[test]
fn diff_reads_back_every_report_analyze_writes() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    for e in std::fs::read_dir(seeds()).unwrap().flatten() {
        std::fs::copy(e.path(), docs.join(e.file_name())).unwrap();
    }
    hostile_documents(&docs);
    for format in ["json", "jsonl"] {
        let saved = dir.path().join(format!("saved.{format}"));
        let out = crate::bin()
            .args(["analyze", "--format", format])
            .arg(&docs)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        std::fs::write(&saved, &out.stdout).unwrap();
        // the saved reports, paired by file name with the folder analyzed afresh
        let out = crate::bin()
            .args(["diff", "--format", "json"])
            .arg(&saved)
            .arg(&docs)
            .output()
            .unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(0), "{format}: {err}");
        assert!(err.is_empty(), "{err}");
        let out = crate::bin()
            .args(["diff"])
            .arg(&saved)
            .arg(&saved)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
}

#[test]
fn a_corrupt_or_foreign_json_report_is_an_error_not_text() {
    let dir = tempfile::tempdir().unwrap();
    let good = crate::bin()
        .args(["analyze", "--format", "json"])
        .arg(crate::seed("001"))
        .output()
        .unwrap()
        .stdout;
    let good = String::from_utf8(good).unwrap();
    let views = crate::bin()
        .args(["targets", "--format", "json"])
        .arg(crate::seed("001"))
        .output()
        .unwrap()
        .stdout;
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "cut.json",
            good.as_bytes()[..(0..=good.len() / 2)
                .rev()
                .find(|&i| good.is_char_boundary(i))
                .unwrap_or(0)]
                .to_vec(),
            "EOF",
        ),
        (
            "future.json",
            good.replace("policylens/1", "policylens/9").into_bytes(),
            "schema is \"policylens/9\"",
        ),
        ("view.json", views, "no \"schema\" field"),
        ("lines.jsonl", b"{\"a\": 1}\nnot json\n".to_vec(), "line 2"),
        ("empty.json", b"[]".to_vec(), "no documents"),
    ];
    for (name, bytes, reason) in cases {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        let out = crate::bin()
            .arg("diff")
            .arg(&p)
            .arg(crate::seed("001"))
            .output()
            .unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{name}: {err}");
        assert!(
            err.contains(&format!("{name}: not a policylens report:")) && err.contains(reason),
            "{name}: {err}"
        );
    }
}

// ---------------------------------------------------------------------------------------
// The fuzz harnesses (`policylens::fuzzing`, also behind `fuzz/`) over mutated seeds.

/// The first lines of every seed: the fuzzers' seed corpus (`fuzz/make_corpus.sh` makes the
/// same one for `cargo fuzz`).
fn seed_lines() -> Vec<Vec<u8>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(seeds())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).unwrap();
            let lines: Vec<String> = text
                .lines()
                .filter(|l| !l.trim().is_empty())
                .take(5)
                .map(|l| l.chars().take(300).collect())
                .collect();
            lines.join("\n").into_bytes()
        })
        .collect()
}

/// Byte strings the rules and decoders react to, spliced into the inputs.
const TOKENS: &[&[u8]] = &[
    "等6项任务、".as_bytes(),
    "2021年12月12日、".as_bytes(),
    "到2025年,".as_bytes(),
    "达到10%以上".as_bytes(),
    "一、".as_bytes(),
    "(一)".as_bytes(),
    "“十四五”时期".as_bytes(),
    "\u{200f}\u{202e}\u{ad}".as_bytes(),
    b"99999999999999999999999999999999999999999999999999",
    b"<p>",
    b"</td><td>",
    b"---\ntitle: x\n---\n",
    b"\n\n",
    b"\xFF",
    b"\xE6\x95",
    b"\x00",
    b"\xEF\xBB\xBF",
];

/// One deterministic mutation of `input`, drawing from `rng` and the other seeds.
fn mutate(input: &[u8], others: &[Vec<u8>], rng: &mut crate::Lcg) -> Vec<u8> {
    let mut v = input.to_vec();
    for _ in 0..1 + rng.next(4) {
        let at = rng.next(v.len() + 1);
        match rng.next(9) {
            0 if !v.is_empty() => {
                let i = rng.next(v.len());
                v[i] ^= 1 << rng.next(8);
            }
            1 => v.insert(at, rng.next(256) as u8),
            2 => {
                let end = (at + rng.next(16)).min(v.len());
                v.drain(at..end);
            }
            3 => {
                let end = (at + 1 + rng.next(24)).min(v.len());
                let piece = v[at.min(end)..end].to_vec();
                for _ in 0..rng.next(20) {
                    v.splice(at..at, piece.iter().copied());
                }
            }
            4 | 5 => {
                let t = TOKENS[rng.next(TOKENS.len())];
                v.splice(at..at, t.iter().copied());
            }
            6 => {
                let other = &others[rng.next(others.len())];
                let from = rng.next(other.len() + 1);
                let end = (from + rng.next(120)).min(other.len());
                v.splice(at..at, other[from..end].iter().copied());
            }
            7 => v.truncate(at),
            _ => {
                // whole-input re-encodings: UTF-16 without a BOM, GB18030
                let text = String::from_utf8_lossy(&v).into_owned();
                v = match rng.next(3) {
                    0 => utf16(&text, true),
                    1 => utf16(&text, false),
                    _ => encoding_rs::GB18030.encode(&text).0.into_owned(),
                };
            }
        }
    }
    v
}

#[test]
fn the_fuzz_harnesses_hold_on_mutated_seeds() {
    let base = seed_lines();
    let mut rng = crate::Lcg(14);
    let mut inputs = base.clone();
    for _ in 0..3000 {
        let seed = &base[rng.next(base.len())];
        // mutate a mutant now and then, to get further from the seeds
        let start = if rng.next(3) == 0 {
            inputs[rng.next(inputs.len())].clone()
        } else {
            seed.clone()
        };
        inputs.push(mutate(&start, &base, &mut rng));
    }
    for input in &inputs {
        policylens::fuzzing::analyze_bytes(crate::engine(), input);
        policylens::fuzzing::parse_bytes(crate::engine(), input);
    }
}
