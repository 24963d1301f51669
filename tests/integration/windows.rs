//! Windows: a very large text is analyzed in pieces (`--window-kib`), on all cores and in
//! bounded memory, and reports what the whole text would have given when its cuts fall at
//! chapter breaks: the same targets, dates, places and lists at the same spans, places
//! resolved across windows, context from the first window applied to every later one.

use serde_json::Value;

const CN: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/// A plan of `chapters` chapters, each with its goals and its tasks: figures, deadlines and
/// places in every chapter, a district named in the first chapter whose city settles an
/// ambiguous district name in the last, and a bare deadline month that only the year of the
/// plan (in its title) dates.
fn plan(chapters: usize) -> String {
    let mut t = String::from("某市2024年城市更新工作要点\n\n发布日期:2024-03-05\n\n");
    for c in 0..chapters {
        let n = chinese(c + 1);
        t.push_str(&format!("第{n}章 第{}项重点工作\n", c + 1));
        t.push_str("一、主要目标\n");
        t.push_str(&format!(
            "到2025年,新建改造老旧小区{}个,城市绿化覆盖率达到{}.5%,公共停车位增加{}万个。\n",
            100 + c,
            40 + c % 10,
            2 + c % 5
        ));
        t.push_str(&format!("6月底前完成第{}批项目清单编制。\n", c + 1));
        if c == 0 {
            t.push_str("重点推进顺义区、昌平区城市更新试点。\n");
        }
        if c + 1 == chapters {
            t.push_str("支持通州区开展片区统筹更新。\n");
        }
        t.push_str("二、重点任务\n");
        t.push_str("(一)完善更新规划体系。编制片区更新方案,明确更新时序。\n");
        t.push_str("(二)推进老旧厂房改造。盘活存量用地,发展新型业态。\n");
        t.push_str("(三)加强历史街区保护。落实保护名录,严格风貌管控。\n");
        t.push_str(&format!(
            "全年完成投资{}亿元,较上年增长{}%。\n\n",
            50 + c * 3,
            5 + c % 4
        ));
    }
    t
}

/// 1 → 一, 12 → 十二, 24 → 二十四.
fn chinese(n: usize) -> String {
    let ones = |k: usize| if k == 0 { "" } else { CN[k - 1] };
    match n / 10 {
        0 => ones(n).to_string(),
        1 => format!("十{}", ones(n % 10)),
        t => format!("{}十{}", CN[t - 1], ones(n % 10)),
    }
}

fn analyze(path: &std::path::Path, window_kib: &str) -> Value {
    let out = crate::stdout_of(
        crate::bin()
            .args(["--window-kib", window_kib, "analyze", "--format", "json"])
            .arg(path),
    );
    let v: Value = serde_json::from_slice(&out).unwrap();
    v.as_array().unwrap()[0].clone()
}

#[test]
fn a_text_cut_at_chapters_reports_what_the_whole_text_gives() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.txt");
    let text = plan(36);
    assert!(text.len() > 16 * 1024 + 500, "{}", text.len());
    std::fs::write(&path, &text).unwrap();
    let whole = analyze(&path, "0");
    let mut cut = analyze(&path, "4");
    let windows = cut["source"]["windows"].as_u64().unwrap();
    assert!(windows >= 4, "{windows}");
    assert!(whole["source"].get("windows").is_none());
    cut["source"].as_object_mut().unwrap().remove("windows");
    for key in crate::FINDINGS {
        assert_eq!(whole[key], cut[key], "{key}");
    }
    // the year of the plan, which only its title gives, dates the deadline of every chapter
    let months = cut["dates"].as_array().unwrap();
    let june = months.iter().find(|d| d["value"] == "2024-06").unwrap();
    assert_eq!(june["mentions"], 36);
    // 通州区 in the last window is settled by 顺义区 in the first
    let regions = cut["regions"].as_array().unwrap();
    let tongzhou = regions.iter().find(|r| r["name"] == "通州区").unwrap();
    assert_eq!(tongzhou["code"], "110112", "{tongzhou}");
    // every span points at its evidence in the file
    let chars: Vec<char> = text.chars().collect();
    for t in cut["targets"].as_array().unwrap() {
        let (a, b) = (
            t["span"][0].as_u64().unwrap(),
            t["span"][1].as_u64().unwrap(),
        );
        let original: String = chars[a as usize..b as usize].iter().collect();
        assert_eq!(original, t["evidence"].as_str().unwrap(), "{t}");
    }
}

#[test]
fn one_long_line_without_breaks_is_cut_and_nothing_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("line.txt");
    let sentence = "到2025年,城市绿化覆盖率达到45%。";
    let text = sentence.repeat(2000);
    std::fs::write(&path, &text).unwrap();
    let whole = analyze(&path, "0");
    let cut = analyze(&path, "8");
    assert!(cut["source"]["windows"].as_u64().unwrap() >= 5);
    let n = |v: &Value| v["targets"].as_array().unwrap().len();
    assert_eq!(n(&whole), 2000);
    assert_eq!(n(&cut), 2000);
    assert_eq!(whole["targets"], cut["targets"]);
    assert_eq!(cut["dates"][0]["mentions"], 2000);
    // no line break stands between windows cut inside a line
    let mut source = cut["source"].clone();
    source.as_object_mut().unwrap().remove("windows");
    assert_eq!(whole["source"], source);
}

/// Write `text`, analyze it whole and in 1 KiB windows, and check it was cut.
fn whole_and_cut(text: &str) -> (Value, Value) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.txt");
    std::fs::write(&path, text).unwrap();
    let whole = analyze(&path, "0");
    let cut = analyze(&path, "1");
    assert!(cut["source"]["windows"].as_u64().unwrap() >= 2);
    (whole, cut)
}

#[test]
fn a_list_found_again_across_a_cut_is_kept_once() {
    // two chapters with the same sub-headings close together: one list found twice, and
    // the cut falls at the second chapter's line (in the last quarter of the first KiB)
    let mut text = String::from("某市城乡建设实施方案\n");
    while text.len() < 880 {
        text.push_str("推进有关工作。\n");
    }
    text.push_str("第一章 城市建设\n第一节 主要目标\n第二节 重点任务\n");
    text.push_str("第二章 乡村建设\n第一节 主要目标\n第二节 重点任务\n");
    text.push_str(&"落实各项措施。\n".repeat(120));
    let (whole, cut) = whole_and_cut(&text);
    assert_eq!(
        whole["tasks"].as_array().unwrap().len(),
        1,
        "{}",
        whole["tasks"]
    );
    assert_eq!(whole["tasks"], cut["tasks"]);
}

#[test]
fn the_script_of_a_cut_text_is_decided_over_all_of_it() {
    let simplified = "推进区域经济协调发展，加强基础设施建设。\n".repeat(150);
    let traditional = "推進區域經濟協調發展，加強基礎設施建設。\n".repeat(40);
    let (whole, cut) = whole_and_cut(&format!("{simplified}{traditional}"));
    assert_eq!(whole["source"]["script"], "traditional");
    assert_eq!(cut["source"]["script"], whole["source"]["script"]);
    assert_eq!(
        cut["source"]["normalized_chars"],
        whole["source"]["normalized_chars"]
    );
}

#[test]
fn html_is_read_whole_and_a_small_text_is_one_window() {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("page.html");
    let body = "<p>到2025年,城市绿化覆盖率达到45%。</p>\n".repeat(600);
    std::fs::write(&html, format!("<html><body>{body}</body></html>")).unwrap();
    let r = analyze(&html, "4");
    assert!(r["source"].get("windows").is_none());
    assert_eq!(r["targets"].as_array().unwrap().len(), 600);
    let small = dir.path().join("small.txt");
    std::fs::write(&small, "到2025年,城市绿化覆盖率达到45%。\n".repeat(100)).unwrap();
    assert!(analyze(&small, "4")["source"].get("windows").is_none());
}
