//! The command line: subcommands, formats, standard input, errors and exit codes.

use predicates::prelude::*;
use serde_json::Value;

use crate::bin;

fn seeds() -> std::path::PathBuf {
    crate::root().join("seeds")
}

#[test]
fn analyze_seeds_jsonl_gives_five_documents_with_the_contract_fields() {
    let out = bin()
        .args(["analyze", "--format", "jsonl"])
        .arg(seeds())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 5);
    for l in &lines {
        let v: Value = serde_json::from_str(l).unwrap();
        for f in [
            "schema",
            "path",
            "published",
            "source",
            "targets",
            "dates",
            "regions",
            "tasks",
        ] {
            assert!(v.get(f).is_some(), "missing {f}");
        }
        for f in ["encoding", "format", "script", "chars"] {
            assert!(v["source"].get(f).is_some(), "missing source.{f}");
        }
    }
    // sorted, deterministic order
    assert!(lines[0].contains("000_") && lines[4].contains("004_"));
}

#[test]
fn output_is_deterministic() {
    let run = || {
        bin()
            .args(["analyze", "--format", "json"])
            .arg(seeds())
            .output()
            .unwrap()
            .stdout
    };
    assert_eq!(run(), run());
}

#[test]
fn bad_inputs_are_reported_and_the_rest_processed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "到2025年,研发投入强度达到3%。").unwrap();
    std::fs::write(dir.path().join("b.pdf"), b"%PDF-1.7 binary").unwrap();
    std::fs::write(dir.path().join("c.txt"), b"\xff\xfe\xff").unwrap();
    std::fs::write(dir.path().join(".hidden.txt"), "到2030年,覆盖率达到100%。").unwrap();
    let missing = dir.path().join("missing.txt");
    let out = bin()
        .args(["analyze", "--format", "jsonl"])
        .arg(dir.path())
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("b.pdf") && err.contains("PDF"), "{err}");
    assert!(err.contains("missing.txt"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let docs: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let paths: Vec<&str> = docs.iter().map(|d| d["path"].as_str().unwrap()).collect();
    assert!(paths.iter().any(|p| p.ends_with("a.txt")), "{paths:?}");
    assert!(
        !paths.iter().any(|p| p.contains(".hidden")),
        "hidden files are skipped"
    );
    // c.txt: UTF-16LE BOM with an odd trailing byte is undecodable or decodes; either way no panic
}

#[test]
fn usage_errors_exit_2() {
    // no PATH, and standard input is not a pipe or a file
    let out = crate::bin_null_stdin().arg("analyze").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    bin().arg("frobnicate").assert().code(2);
    bin()
        .args(["analyze", "--format", "xml", "x"])
        .assert()
        .code(2);
    bin()
        .args(["parse", "--reference", "2021-13-01", "今年"])
        .assert()
        .code(2);
    // a mistyped dictionary folder is named, not silently ignored
    bin()
        .args(["--dicts", "no-such-dicts-folder", "parse", "10%"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no-such-dicts-folder"));
}

#[test]
fn standard_input_is_read_with_dash() {
    bin()
        .args(["targets", "--format", "json", "-"])
        .write_stdin("力争到2025年,数字经济核心产业增加值占GDP比重达到10%。")
        .assert()
        .success()
        .stdout(
            predicate::str::contains("\"value\": 10")
                .and(predicate::str::contains("\"year\": 2025")),
        );
}

#[test]
fn normalize_prints_simplified_text() {
    let out = bin()
        .arg("normalize")
        .arg(crate::seed("002"))
        .output()
        .unwrap();
    let t = String::from_utf8(out.stdout).unwrap();
    assert!(t.contains("数字经济") && !t.contains("數字經濟"));
}

#[test]
fn segment_keeps_policy_terms_whole() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("s.txt");
    std::fs::write(&f, "推动數字經濟核心產業發展,建设粤港澳大湾区。").unwrap();
    let out = bin().arg("segment").arg(&f).output().unwrap();
    let t = String::from_utf8(out.stdout).unwrap();
    let words: Vec<&str> = t.split_whitespace().collect();
    for w in ["数字经济", "核心产业", "粤港澳大湾区"] {
        assert!(words.contains(&w), "{w} not a token in {t}");
    }
    let out = bin()
        .args(["segment", "--format", "json"])
        .arg(&f)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let tok = v[0]["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["word"] == "数字经济")
        .unwrap()
        .clone();
    assert_eq!(tok["span"], serde_json::json!([2, 6]));
    assert_eq!(tok["source_span"], serde_json::json!([2, 6]));
}

#[test]
fn parse_reads_numbers_and_dates() {
    let out = bin()
        .args([
            "parse",
            "发明专利授权量达到2.5万项以上",
            "今年5月",
            "--reference",
            "2021-06-01",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    let n = &lines[0]["numbers"][0];
    assert_eq!(n["value"], 25000);
    assert_eq!(n["unit"], "项");
    assert_eq!(n["comparator"], ">=");
    assert_eq!(n["span"], serde_json::json!([9, 14]));
    assert_eq!(lines[1]["dates"][0]["value"], "2021-05");
    // standard input, one phrase a line
    let out = bin()
        .args(["parse", "-", "--format", "json"])
        .write_stdin("3-5个\n2021—2025年\n")
        .output()
        .unwrap();
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["numbers"][0]["value_max"], 5);
    assert_eq!(lines[1]["dates"][0]["value"], "2021/2025");
}

#[test]
fn rules_lists_every_rule_once_and_by_kind() {
    let out = bin().args(["rules", "--format", "json"]).output().unwrap();
    assert!(out.status.success());
    let rules: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let names: Vec<&str> = rules.iter().map(|r| r["rule"].as_str().unwrap()).collect();
    let unique: std::collections::HashSet<_> = names.iter().collect();
    assert_eq!(unique.len(), names.len(), "no name twice");
    for kind in ["target", "date", "region", "task"] {
        assert!(names.iter().any(|n| n.starts_with(&format!("{kind}."))));
    }
    assert!(rules
        .iter()
        .all(|r| !r["description"].as_str().unwrap().is_empty()));
    let tsv = bin()
        .args(["rules", "--kind", "date", "--format", "tsv"])
        .output()
        .unwrap();
    let tsv = String::from_utf8(tsv.stdout).unwrap();
    let mut lines = tsv.lines();
    assert_eq!(lines.next(), Some("rule\tkind\tdescription"));
    assert!(lines.all(|l| l.starts_with("date.")));
}

#[test]
fn explain_shows_each_items_rule_and_what_it_reads() {
    let doc = "到2025年，全省数字经济核心产业增加值达到1000亿元。杭州市建设10个产业园。";
    let out = bin()
        .args(["targets", "-", "--explain"])
        .write_stdin(doc)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    // the JSON's rule for each target appears in the table, and its description below it
    let json = bin()
        .args(["targets", "-", "--format", "jsonl"])
        .write_stdin(doc)
        .output()
        .unwrap();
    let items: Vec<Value> = String::from_utf8(json.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(items.len(), 2, "{text}");
    let rules = bin().args(["rules", "--format", "json"]).output().unwrap();
    let rules: Vec<Value> = serde_json::from_slice(&rules.stdout).unwrap();
    for item in &items {
        let rule = item["rule"].as_str().unwrap();
        let description = rules
            .iter()
            .find(|r| r["rule"] == rule)
            .and_then(|r| r["description"].as_str())
            .unwrap();
        assert!(text.contains(&format!("{rule}: {description}")), "{text}");
    }
    assert!(
        text.contains("evidence"),
        "explain shows the evidence column"
    );
    // and the other views
    for view in ["dates", "regions", "tasks"] {
        let out = bin()
            .args([view, "-", "--explain"])
            .write_stdin("到2025年，杭州市完成以下3项任务：一是建设A；二是建设B；三是建设C。")
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        let prefix = &view[..view.len() - 1];
        assert!(text.contains("rules:\n"), "{view}: {text}");
        assert!(text.contains(&format!("  {prefix}.")), "{view}: {text}");
    }
}

/// Display width of a line: CJK ideographs and full-width forms take two columns.
fn display_width(line: &str) -> usize {
    line.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F
            | 0x2E80..=0x303E
            | 0x3041..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6
            | 0x20000..=0x3FFFD => 2,
            _ => 1,
        })
        .sum()
}

/// The widest table row a view prints (document header lines, which carry the path, are
/// not table rows).
fn widest_table_row(view: &str, columns: Option<&str>) -> usize {
    let mut cmd = bin();
    if let Some(c) = columns {
        cmd.env("COLUMNS", c);
    }
    let out = cmd.arg(view).arg(seeds()).output().unwrap();
    assert!(out.status.success(), "{view}");
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter(|l| l.starts_with(['┌', '│', '╞', '├', '└']))
        .map(display_width)
        .max()
        .unwrap_or_else(|| panic!("{view} printed no table"))
}

#[test]
fn views_print_tables_and_json() {
    for view in ["targets", "dates", "regions", "analyze"] {
        // piped: 80 columns unless COLUMNS says otherwise
        assert!(
            widest_table_row(view, None) <= 80,
            "{view} is wider than 80"
        );
        assert!(
            widest_table_row(view, Some("50")) <= 50,
            "{view} ignores COLUMNS=50"
        );
    }
    assert!(
        widest_table_row("analyze", Some("200")) > 80,
        "a wide COLUMNS lets long cells stay on one line"
    );
    let t = String::from_utf8(bin().arg("tasks").arg(seeds()).output().unwrap().stdout).unwrap();
    assert!(!t.trim().is_empty(), "tasks printed nothing");
    let t = String::from_utf8(bin().arg("targets").arg(seeds()).output().unwrap().stdout).unwrap();
    assert!(t.contains("发明专利授权量") && t.contains("≥ 2.5万项"));
    let t = String::from_utf8(
        bin()
            .arg("tasks")
            .arg(crate::seed("001"))
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(
        t.contains("MISMATCH"),
        "the 9-task list that names 5 is marked"
    );
    let t = String::from_utf8(
        bin()
            .arg("regions")
            .arg(crate::seed("004"))
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(t.contains("500112") && t.contains("now 500157"), "{t}");
    // json of a view carries the same targets as analyze
    let a: Value = serde_json::from_slice(
        &bin()
            .args(["analyze", "--format", "json"])
            .arg(crate::seed("001"))
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let v: Value = serde_json::from_slice(
        &bin()
            .args(["targets", "--format", "json"])
            .arg(crate::seed("001"))
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert_eq!(a[0]["targets"], v[0]["targets"]);
}

#[test]
fn user_dictionaries_extend_the_built_in_ones() {
    let dir = tempfile::tempdir().unwrap();
    let dicts = dir.path().join("dicts");
    std::fs::create_dir(&dicts).unwrap();
    std::fs::write(
        dicts.join("boilerplate.tsv"),
        "pattern\tmax_len\tnote\n^本站声明\t100\tour site\n",
    )
    .unwrap();
    std::fs::write(
        dicts.join("units.tsv"),
        "unit\tclass\tnote\n桶\tphysical\tbarrels\n",
    )
    .unwrap();
    let f = dir.path().join("d.txt");
    std::fs::write(&f, "本站声明:转载请注明\n到2025年,原油产量达到500万桶。").unwrap();
    let out = bin()
        .arg("--dicts")
        .arg(&dicts)
        .args(["normalize"])
        .arg(&f)
        .output()
        .unwrap();
    let t = String::from_utf8(out.stdout).unwrap();
    assert!(!t.contains("本站声明"), "{t}");
    let out = bin()
        .env("POLICYLENS_DICTS", &dicts)
        .args(["targets", "--format", "json"])
        .arg(&f)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["targets"][0]["unit"], "桶");
    // a malformed row names the file and line, exit 2
    std::fs::write(
        dicts.join("comparators.tsv"),
        "word\tposition\tcomparator\tverb\tnote\n高出\tsideways\t>\tno\t\n",
    )
    .unwrap();
    let out = bin()
        .arg("--dicts")
        .arg(&dicts)
        .arg("analyze")
        .arg(&f)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("comparators.tsv:2"), "{err}");
}

#[test]
fn html_input_is_stripped() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("page.html");
    std::fs::write(
        &f,
        "<html><head><style>p{color:red}</style><script>var x='2030年';</script></head><body><p>到2025年,覆盖率达到95&#37;。</p><!-- 2099年 --></body></html>",
    )
    .unwrap();
    let out = bin()
        .args(["analyze", "--format", "json"])
        .arg(&f)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["source"]["format"], "html");
    assert_eq!(v[0]["targets"][0]["value"], 95);
    let dates: Vec<&str> = v[0]["dates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["value"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["2025"]);
}

#[test]
fn standard_input_is_read_when_no_path_is_given() {
    bin()
        .args(["targets", "--format", "jsonl"])
        .write_stdin("力争到2025年,数字经济核心产业增加值占GDP比重达到10%。")
        .assert()
        .success()
        .stdout(
            predicate::str::contains("\"path\":\"-\"")
                .and(predicate::str::contains("\"value\":10")),
        );
}

#[test]
fn a_folder_s_files_are_named_inside_it() {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["a", "b"] {
        std::fs::create_dir(dir.path().join(sub)).unwrap();
        std::fs::write(
            dir.path().join(sub).join("plan.txt"),
            "到2025年,覆盖率达到95%。",
        )
        .unwrap();
    }
    let out = bin()
        .env("COLUMNS", "200")
        .arg("analyze")
        .arg(dir.path())
        .output()
        .unwrap();
    let t = String::from_utf8(out.stdout).unwrap();
    assert!(t.contains("a/plan.txt") && t.contains("b/plan.txt"), "{t}");
}

#[test]
fn a_missing_path_prints_its_error_and_no_empty_table() {
    for view in ["analyze", "targets", "dates", "regions", "tasks"] {
        let out = bin().arg(view).arg("no-such-plan.txt").output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{view}");
        assert!(
            out.stdout.is_empty(),
            "{view}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains("no-such-plan.txt: cannot read"), "{err}");
    }
}

#[test]
fn each_command_takes_only_its_formats() {
    for (cmd, format) in [
        ("normalize", "csv"),
        ("segment", "table"),
        ("analyze", "text"),
        ("targets", "text"),
        ("diff", "text"),
        ("parse", "jsonl"),
        ("parse", "csv"),
    ] {
        let mut c = bin();
        c.args([cmd, "--format", format]);
        if cmd == "parse" {
            c.arg("10%");
        } else {
            c.arg(crate::seed("000"));
        }
        if cmd == "diff" {
            c.arg(crate::seed("000"));
        }
        let out = c.output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{cmd} --format {format}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("invalid value"));
    }
    // --bom belongs to CSV and TSV
    bin()
        .args(["targets", "--bom", "--format", "json"])
        .arg(crate::seed("000"))
        .assert()
        .code(2);
    // parse speaks table by default and JSON when asked
    let t = String::from_utf8(
        bin()
            .args(["parse", "2.5万项以上"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(t.contains("≥ 2.5万项"), "{t}");
}

#[test]
fn completions_and_the_man_page() {
    for (shell, mark) in [
        ("bash", "_policylens()"),
        ("zsh", "#compdef policylens"),
        ("fish", "complete -c policylens"),
    ] {
        let out = bin().args(["completions", shell]).output().unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains(mark), "{shell}");
        assert!(
            text.contains("targets"),
            "{shell} completes the subcommands"
        );
    }
    let out = bin().arg("man").output().unwrap();
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(
        page.starts_with(".ie") || page.contains(".TH policylens"),
        "{page}"
    );
    assert!(page.contains("analyze"));
}

#[test]
fn version_names_the_dictionary_data_it_counts() {
    let out = bin().arg("--version").output().unwrap();
    let v = String::from_utf8(out.stdout).unwrap();
    assert!(v.starts_with("policylens "), "{v}");
    assert!(v.contains("division list as of 2026-09-11"), "{v}");
    let areas = |v: &str| -> usize {
        let words: Vec<&str> = v.split_whitespace().collect();
        let i = words.iter().position(|w| *w == "named").unwrap();
        words[i - 1].parse().unwrap()
    };
    let built_in = areas(&v);
    assert!(built_in > 10);
    // a user's areas are counted too
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("regions")).unwrap();
    std::fs::write(
        dir.path().join("regions/areas.tsv"),
        "name\taliases\tkind\tmembers\tnote\n测试经济圈\t\tregion\t110000|120000\ttest\n",
    )
    .unwrap();
    let out = bin()
        .arg("--dicts")
        .arg(dir.path())
        .arg("-V")
        .output()
        .unwrap();
    let v = String::from_utf8(out.stdout).unwrap();
    assert_eq!(areas(&v), built_in + 1, "{v}");
}

#[test]
fn a_misnamed_dictionary_file_is_a_warning_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("unit.tsv"),
        "unit\tclass\tnote\n桶\tphysical\t\n",
    )
    .unwrap();
    let out = bin()
        .arg("--dicts")
        .arg(dir.path())
        .args(["parse", "10%"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("unit.tsv") && err.contains("units.tsv"),
        "{err}"
    );
}

#[test]
fn help_has_examples_for_every_command() {
    for cmd in [
        "analyze",
        "normalize",
        "segment",
        "targets",
        "dates",
        "regions",
        "tasks",
        "parse",
        "diff",
        "completions",
        "man",
    ] {
        let out = bin().args([cmd, "--help"]).output().unwrap();
        let help = String::from_utf8(out.stdout).unwrap();
        let examples = help
            .split("Examples:")
            .nth(1)
            .unwrap_or_else(|| panic!("{cmd}: {help}"));
        let n = examples
            .lines()
            .filter(|l| l.trim_start().starts_with("policylens"))
            .count();
        assert!(n >= 1, "{cmd}");
    }
    let help = String::from_utf8(bin().arg("--help").output().unwrap().stdout).unwrap();
    assert!(help.contains("--color") && help.contains("Examples:"));
}
