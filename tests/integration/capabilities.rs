//! One short synthetic document per capability (tests/fixtures/capabilities/), run through
//! the binary as a user would, with what a careful analyst pulls out of it by hand: indicator
//! tables in each layout, the measured noun, year scope, outlines and numbering variants,
//! place names in context, Hong Kong and Taiwan texts, PDF extracts, CSV and JSONL records,
//! and a raw government web page. The documents are invented; none is a copy of a seed or a
//! dev document.

use crate::{bin, root};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/capabilities").join(name)
}

/// The reports `analyze --format json` gives for `args`.
fn run(args: &[&str]) -> Vec<Value> {
    let out = bin()
        .args(args)
        .args(["--format", "json", "-q"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The report of one fixture.
fn analyze(name: &str) -> Value {
    let path = fixture(name);
    let mut reports = run(&["analyze", path.to_str().unwrap()]);
    assert_eq!(reports.len(), 1, "{name}: one report");
    reports.remove(0)
}

/// A target as the fields that matter: indicator, value, unit, comparator, year, kind.
type T = (String, f64, String, String, Option<i64>, String);

/// A target written as the corpora write it: `indicator | value | unit | comparator | year |
/// kind`, year `-` for none.
fn t(spec: &str) -> T {
    let c: Vec<&str> = spec.split(" | ").collect();
    assert_eq!(c.len(), 6, "{spec}");
    (
        c[0].into(),
        c[1].parse().unwrap(),
        c[2].into(),
        c[3].into(),
        c[4].parse().ok(),
        c[5].into(),
    )
}

fn targets(r: &Value) -> Vec<T> {
    r["targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["indicator"].as_str().unwrap().to_string(),
                x["value"].as_f64().unwrap(),
                x["unit"].as_str().unwrap().to_string(),
                x["comparator"].as_str().unwrap().to_string(),
                x["year"].as_i64(),
                x["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The targets an indicator table gave (rule `target.table`), with their attribute.
fn table_targets(r: &Value) -> Vec<(T, Option<String>)> {
    let all = targets(r);
    r["targets"]
        .as_array()
        .unwrap()
        .iter()
        .zip(all)
        .filter(|(x, _)| x["rule"] == "target.table")
        .map(|(x, t)| (t, x["attribute"].as_str().map(str::to_string)))
        .collect()
}

/// The one target whose indicator satisfies `pick` (exactly one must).
fn one(r: &Value, what: &str, pick: impl Fn(&str) -> bool) -> T {
    let found: Vec<T> = targets(r).into_iter().filter(|t| pick(&t.0)).collect();
    assert_eq!(found.len(), 1, "{what}: one target in {:#?}", targets(r));
    found.into_iter().next().unwrap()
}

/// Regions as (name, code).
fn regions(r: &Value) -> BTreeSet<(String, Option<String>)> {
    r["regions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["name"].as_str().unwrap().to_string(),
                x["code"].as_str().map(str::to_string),
            )
        })
        .collect()
}

fn region_set(rows: &[(&str, Option<&str>)]) -> BTreeSet<(String, Option<String>)> {
    rows.iter()
        .map(|(n, c)| (n.to_string(), c.map(str::to_string)))
        .collect()
}

/// Task lists as (title, declared count, items).
fn lists(r: &Value) -> Vec<(String, Option<u64>, Vec<String>)> {
    r["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["title"].as_str().unwrap().to_string(),
                x["declared_count"].as_u64(),
                x["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|i| i.as_str().unwrap().to_string())
                    .collect(),
            )
        })
        .collect()
}

/// The items of the one list with this title.
fn list(r: &Value, title: &str) -> Vec<String> {
    let found: Vec<_> = lists(r).into_iter().filter(|l| l.0 == title).collect();
    assert_eq!(found.len(), 1, "one list {title:?} in {:#?}", lists(r));
    found.into_iter().next().unwrap().2
}

fn dates(r: &Value) -> BTreeSet<String> {
    r["dates"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["value"].as_str().map(str::to_string))
        .collect()
}

fn strs(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

/// A table's rows as (indicator, unit, baseline year and value, target year and value,
/// attribute): every numeric cell a target, baseline columns status, target columns target.
type Row<'a> = (&'a str, &'a str, (i64, f64), (i64, f64), &'a str);

fn assert_table(name: &str, rows: &[Row]) {
    let r = analyze(name);
    let mut want = Vec::new();
    for (ind, unit, (by, bv), (ty, tv), attr) in rows {
        let attr = Some(attr.to_string()).filter(|a| !a.is_empty());
        want.push((
            t(&format!("{ind} | {bv} | {unit} | = | {by} | status")),
            attr.clone(),
        ));
        want.push((
            t(&format!("{ind} | {tv} | {unit} | = | {ty} | target")),
            attr,
        ));
    }
    assert_eq!(table_targets(&r), want, "{name}");
}

/// Every document in the fixture folder is one a test below reads.
#[test]
fn every_capability_document_is_tested() {
    let mut found: Vec<String> = std::fs::read_dir(root().join("tests/fixtures/capabilities"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    found.sort();
    let mut listed = strs(&[
        "annual_plan.txt",
        "govcn_page.html",
        "hk_traditional.txt",
        "measured_noun.txt",
        "numbering_variants.txt",
        "outline_sections.txt",
        "pdf_extracted.txt",
        "places_in_context.txt",
        "records.csv",
        "records.jsonl",
        "table_attribute_first.txt",
        "table_column_note.txt",
        "table_markdown.md",
        "table_one_cell_per_line.txt",
        "table_tab_separated.txt",
        "table_unit_label_note.txt",
        "table_year_header.txt",
        "tw_traditional.txt",
        "year_scope.txt",
    ]);
    listed.sort();
    assert_eq!(found, listed);
}

// --- 1. indicator tables

#[test]
fn table_as_a_markdown_pipe_table_with_a_unit_column() {
    assert_table(
        "table_markdown.md",
        &[
            (
                "城市空气质量优良天数比率",
                "%",
                (2020, 86.4),
                (2025, 90.0),
                "约束性",
            ),
            (
                "地表水国控断面优良比例",
                "%",
                (2020, 91.7),
                (2025, 95.0),
                "约束性",
            ),
            ("森林覆盖率", "%", (2020, 68.5), (2025, 70.0), "预期性"),
            // 万平方米: the magnitude multiplied out, the unit as written after it
            (
                "新增绿色建筑面积",
                "平方米",
                (2020, 1.2e6),
                (2025, 3e6),
                "预期性",
            ),
        ],
    );
}

#[test]
fn table_with_year_and_kind_in_the_header_cells() {
    // 2020年(现状值) | 2025年(目标值): the kind comes from the header word
    assert_table(
        "table_year_header.txt",
        &[
            (
                "政务服务事项网上可办率",
                "%",
                (2020, 82.0),
                (2025, 98.0),
                "约束性",
            ),
            (
                "电子证照共享应用数量",
                "类",
                (2020, 150.0),
                (2025, 400.0),
                "预期性",
            ),
            (
                "一网统管接入系统数",
                "个",
                (2020, 12.0),
                (2025, 60.0),
                "预期性",
            ),
        ],
    );
}

#[test]
fn table_with_the_attribute_column_before_the_years() {
    assert_table(
        "table_attribute_first.txt",
        &[
            (
                "社会物流总费用占地区生产总值比率",
                "%",
                (2021, 15.2),
                (2025, 13.5),
                "预期性",
            ),
            (
                "A级物流企业数量",
                "家",
                (2021, 36.0),
                (2025, 60.0),
                "预期性",
            ),
            (
                "冷链物流仓储容量",
                "吨",
                (2021, 180000.0),
                (2025, 300000.0),
                "预期性",
            ),
        ],
    );
}

#[test]
fn table_with_tab_separated_rows() {
    assert_table(
        "table_tab_separated.txt",
        &[
            (
                "经常参加体育锻炼人数比例",
                "%",
                (2020, 37.5),
                (2025, 40.0),
                "预期性",
            ),
            (
                "人均体育场地面积",
                "平方米",
                (2020, 2.1),
                (2025, 2.6),
                "预期性",
            ),
            (
                "社会体育指导员数量",
                "人",
                (2020, 5200.0),
                (2025, 8000.0),
                "预期性",
            ),
        ],
    );
}

#[test]
fn table_one_cell_per_line_with_the_unit_in_the_label() {
    assert_table(
        "table_one_cell_per_line.txt",
        &[
            (
                "粮食综合生产能力",
                "吨",
                (2020, 1.52e6),
                (2025, 1.6e6),
                "约束性",
            ),
            (
                "农村自来水普及率",
                "%",
                (2020, 93.0),
                (2025, 98.0),
                "预期性",
            ),
            (
                "高标准农田面积",
                "亩",
                (2020, 2.1e6),
                (2025, 3.2e6),
                "约束性",
            ),
        ],
    );
}

#[test]
fn table_with_footnote_digits_glued_to_a_label_and_a_value() {
    // 普惠性幼儿园覆盖率1 (%) … 82%1: the footnote mark is neither indicator nor value
    assert_table(
        "table_unit_label_note.txt",
        &[
            (
                "学前教育毛入园率",
                "%",
                (2020, 91.3),
                (2025, 95.0),
                "预期性",
            ),
            (
                "九年义务教育巩固率",
                "%",
                (2020, 97.8),
                (2025, 98.5),
                "约束性",
            ),
            (
                "普惠性幼儿园覆盖率",
                "%",
                (2020, 82.0),
                (2025, 90.0),
                "约束性",
            ),
        ],
    );
}

#[test]
fn table_note_dating_a_bracketed_baseline_one_cell_per_line() {
    // 指标 / 属性 on two lines are two columns; (2.7) is dated by 括号内数据为2019年数据
    assert_table(
        "table_column_note.txt",
        &[
            (
                "每千人口执业(助理)医师数",
                "人",
                (2019, 2.7),
                (2025, 3.3),
                "预期性",
            ),
            ("人均预期寿命", "岁", (2020, 78.5), (2025, 79.5), "预期性"),
        ],
    );
}

// --- 2. the measured noun

#[test]
fn the_measured_noun_when_the_number_comes_first_or_closes_an_enumeration() {
    let r = analyze("measured_noun.txt");
    // 全市96.5%的农村人口…: the share measures the population, not the scope 全市
    let share = one(&r, "96.5%", |i| i.starts_with("农村人口"));
    assert_eq!(share.1, 96.5);
    assert_eq!(
        (share.2.as_str(), share.4, share.5.as_str()),
        ("%", Some(2023), "status")
    );
    let all = targets(&r);
    for want in [
        // 南湖、石臼漾等3座水厂: the count measures the noun after it
        t("水厂 | 3 | 座 | = | 2023 | status"),
        // 其中完建2座、在建1座: the noun carried from the clause before
        t("完建水厂 | 2 | 座 | = | 2023 | status"),
        t("在建水厂 | 1 | 座 | = | 2023 | status"),
        // 新建加压泵站一座: a Chinese count after its noun
        t("加压泵站 | 1 | 座 | = | 2025 | target"),
        // 每年面向2000名基层水务人员
        t("基层水务人员 | 2000 | 名 | = | 2025 | target"),
        t("全市农村供水工程规范化管理率 | 100 | % | = | 2025 | target"),
    ] {
        assert!(all.contains(&want), "{want:?} in {all:#?}");
    }
    assert!(all.iter().all(|t| !t.0.contains("南湖")), "{all:#?}");
}

// --- 3. year scope

#[test]
fn a_lead_year_governs_its_bullets_and_qizhong_continues_the_year_before() {
    let r = analyze("year_scope.txt");
    let all = targets(&r);
    for want in [
        t("新增养老机构床位 | 3000 | 张 | = | 2026 | target"),
        t("乡镇(街道)居家养老服务中心覆盖率 | 100 | % | = | 2026 | target"),
        t("养老护理员 | 5000 | 人次 | = | 2026 | target"),
        t("示范型康养联合体 | 12 | 家 | = | 2023 | status"),
    ] {
        assert!(all.contains(&want), "{want:?} in {all:#?}");
    }
    let built = one(&r, "45家", |i| {
        i.ends_with("康养联合体") && i != "示范型康养联合体"
    });
    assert_eq!(
        (built.1, built.4, built.5.as_str()),
        (45.0, Some(2023), "status")
    );
    assert_eq!(
        list(&r, "到2026年,全市养老服务体系基本健全"),
        strs(&[
            "新增养老机构床位3000张",
            "乡镇(街道)居家养老服务中心覆盖率达到100%",
            "培训养老护理员5000人次"
        ])
    );
}

#[test]
fn a_one_year_plan_gives_its_yearless_months_and_figures_its_year() {
    let r = analyze("annual_plan.txt");
    let d = dates(&r);
    for v in ["2024", "2024-03", "2024-06", "2024-09"] {
        assert!(d.contains(v), "{v} in {d:?}");
    }
    assert!(!d.iter().any(|v| v.starts_with("--")), "{d:?}");
    let all = targets(&r);
    for want in [
        t("5G基站 | 500 | 个 | = | 2024 | target"),
        t("农村电商示范村 | 20 | 个 | = | 2024 | target"),
        t("农产品网络零售额 | 8000000000 | 元 | = | 2024 | target"),
    ] {
        assert!(all.contains(&want), "{want:?} in {all:#?}");
    }
}

// --- 4. outline and section types

#[test]
fn outline_levels_numbering_variants_boxes_and_single_items() {
    let r = analyze("outline_sections.txt");
    // review and principle sections list their sub-headings, not their body sentences
    assert_eq!(list(&r, "发展基础"), strs(&["主要成效", "存在问题"]));
    assert_eq!(list(&r, "基本原则"), strs(&["统筹谋划", "需求导向"]));
    assert_eq!(
        list(&r, "重点任务"),
        strs(&["建设智慧交通基础设施", "提升出行服务水平", "强化行业监管"])
    );
    // 1﹒ items under their (一) heading
    assert_eq!(
        list(&r, "建设智慧交通基础设施"),
        strs(&["推进道路感知设施建设", "完善交通信息网络"])
    );
    // 1. items, with a 专栏 box between 2. and 3. that does not break the list
    assert_eq!(
        list(&r, "提升出行服务水平"),
        strs(&["推广移动支付应用", "完善公交实时查询", "优化停车诱导服务"])
    );
    // 1、 a single item is still a list
    assert_eq!(list(&r, "强化行业监管"), strs(&["建设综合执法平台"]));
    // ① circled numbers
    assert_eq!(
        list(&r, "保障措施"),
        strs(&["加强组织领导", "加大资金投入", "强化人才支撑"])
    );
    let body = ["交通数字化水平稳步提升", "数据共享不够充分"];
    for l in lists(&r) {
        assert!(l.2.iter().all(|i| !body.contains(&i.as_str())), "{l:?}");
    }
}

#[test]
fn di_yi_yi_yao_shou_xian_bracketed_numbers_and_an_annex_project_table() {
    let r = analyze("numbering_variants.txt");
    let ls = lists(&r);
    let items: Vec<&Vec<String>> = ls.iter().map(|l| &l.2).collect();
    for want in [
        // 第一, 第二, 第三,
        strs(&["压实属地责任", "强化要素保障", "严格督查考核"]),
        // 各地一要…,二要…,三要…
        strs(&["摸清底数", "科学规划", "分步实施"]),
        // 首先,…;其次,…;最后,…
        strs(&["开展片区评估", "编制更新单元方案", "组织项目验收"]),
        // (1) (2) (3)
        strs(&["建立项目库", "完善资金平衡机制", "健全公众参与制度"]),
    ] {
        assert!(items.contains(&&want), "{want:?} in {ls:#?}");
    }
    // the annex: one list of project names
    assert_eq!(
        list(&r, "城市更新重点项目表"),
        strs(&[
            "府山街区有机更新项目",
            "衢江滨水空间提升项目",
            "高铁新城片区开发项目"
        ])
    );
    assert_eq!(ls.len(), 5, "{ls:#?}");
}

// --- 5. place names in context

#[test]
fn roads_estates_and_meetings_borrowing_a_name_are_no_places() {
    let r = analyze("places_in_context.txt");
    // 延安路, 西藏路 (Shanghai roads), 彭浦新村 and the zone are not places; 香港, 澳门 and
    // 台湾 are; 在江苏设立分院 says where the branch is; 长三角 names the area of the zone
    assert_eq!(
        regions(&r),
        region_set(&[
            ("上海市", Some("310000")),
            ("静安区", Some("310106")),
            ("香港特别行政区", Some("810000")),
            ("澳门特别行政区", Some("820000")),
            ("台湾省", Some("710000")),
            ("江苏省", Some("320000")),
            ("长三角", None),
        ])
    );
}

// --- 6. Hong Kong and Taiwan texts in traditional script

#[test]
fn a_hong_kong_text_in_traditional_script_with_grouped_digits() {
    let r = analyze("hk_traditional.txt");
    assert_eq!(r["source"]["script"], "traditional");
    assert_eq!(r["title"], "香港特别行政区政府二〇二三年施政报告摘要");
    // 元朗, 屯门, 北区, 河套区: Hong Kong districts have no code and are no mainland units
    assert_eq!(
        regions(&r),
        region_set(&[
            ("香港特别行政区", Some("810000")),
            ("深圳市", Some("440300")),
            ("广州市", Some("440100")),
        ])
    );
    let all = targets(&r);
    for want in [
        t("过渡性房屋单位 | 12345 | 个 | = | - | target"),
        t("本港初创企业数目 | 4257 | 家 | = | 2022 | status"),
    ] {
        assert!(all.contains(&want), "{want:?} in {all:#?}");
    }
    let homes = one(&r, "30,000", |i| i.ends_with("公营房屋"));
    assert_eq!(
        (
            homes.1,
            homes.2.as_str(),
            homes.3.as_str(),
            homes.5.as_str()
        ),
        (30000.0, "个", "~", "target")
    );
    assert!(dates(&r).contains("2023"), "二〇二三年");
}

#[test]
fn a_taiwan_text_in_traditional_script_with_grouped_digits() {
    let r = analyze("tw_traditional.txt");
    // 臺北 and 高雄 have no GB/T 2260 code: only Taiwan itself is listed
    assert_eq!(regions(&r), region_set(&[("台湾省", Some("710000"))]));
    let all = targets(&r);
    for want in [
        t("全台长照服务使用人数 | 1234567 | 人 | = | 2022 | status"),
        t("长照据点 | 8900 | 处 | = | 2022 | status"),
    ] {
        assert!(all.contains(&want), "{want:?} in {all:#?}");
    }
}

// --- 7. PDF-extracted text

#[test]
fn pdf_page_numbers_are_dropped_and_an_outline_runs_across_a_page_break() {
    let path = fixture("pdf_extracted.txt");
    let out = bin()
        .args(["normalize", path.to_str().unwrap()])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("三、保障措施"), "{text}");
    for l in text.lines() {
        assert!(!l.trim().starts_with('—'), "a page number left in: {l:?}");
    }
    let r = analyze("pdf_extracted.txt");
    assert_eq!(
        list(&r, "主要任务"),
        strs(&["完善绿道网络", "提升绿道品质", "加强运营管理"])
    );
    assert_eq!(regions(&r), region_set(&[("福州市", Some("350100"))]));
    assert!(dates(&r).contains("2025"));
    // no figure is read from a page number, and the lines cut where the page's column
    // ended are one sentence again: both figures of the goal and the whole title
    assert_eq!(
        targets(&r),
        vec![
            t("全市新建城市绿道 | 600 | 公里 | = | 2025 | target"),
            t("建成区绿道服务半径覆盖率 | 85 | % | = | 2025 | target"),
        ]
    );
    assert_eq!(
        r["title"],
        "福州市人民政府办公厅关于印发福州市城市绿道建设三年行动方案的通知"
    );
}

// --- 8. CSV and JSONL records

#[test]
fn csv_records_are_one_report_each_keyed_by_their_id() {
    let path = fixture("records.csv");
    let reports = run(&[
        "analyze",
        "--input",
        "csv",
        "--text-column",
        "text",
        "--id-column",
        "id",
        path.to_str().unwrap(),
    ]);
    let ids: Vec<&str> = reports.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["np-01", "np-02"]);
    let a = &reports[0];
    assert_eq!(a["title"], "三明市文旅工作要点");
    assert!(dates(a).contains("2024-04"), "{:?}", dates(a));
    let all = targets(a);
    let scenic = one(a, "2家", |i| i.ends_with("4A级旅游景区"));
    assert_eq!(
        (scenic.1, scenic.2.as_str(), scenic.4, scenic.5.as_str()),
        (2.0, "家", Some(2024), "target")
    );
    assert!(
        all.contains(&t("接待游客人次 | 60000000 | 人次 | = | 2024 | target")),
        "{all:#?}"
    );
    assert_eq!(regions(a), region_set(&[("三明市", Some("350400"))]));
    let b = &reports[1];
    assert_eq!(
        targets(b),
        vec![t("全市城市建成区黑臭水体比例 | 9 | % | <= | 2025 | target")]
    );
    assert_eq!(regions(b), region_set(&[("龙岩市", Some("350800"))]));
}

#[test]
fn a_jsonl_record_takes_its_published_date_for_relative_dates() {
    let path = fixture("records.jsonl");
    let reports = run(&["analyze", "--input", "jsonl", path.to_str().unwrap()]);
    assert_eq!(reports.len(), 1);
    let r = &reports[0];
    assert_eq!(
        (r["id"].as_str(), r["published"].as_str()),
        (Some("pt-01"), Some("2023-08-01"))
    );
    // 今年上半年 in a text of August 2023: the first half of 2023, and over
    assert!(dates(r).contains("2023-01/2023-06"), "{:?}", dates(r));
    let jobs = one(r, "1.8万个", |i| i.ends_with("新增城镇就业岗位"));
    assert_eq!(
        (jobs.1, jobs.2.as_str(), jobs.4, jobs.5.as_str()),
        (18000.0, "个", None, "status")
    );
    let growth = one(r, "6.5%", |i| i.ends_with("同比增长"));
    assert_eq!(
        (growth.1, growth.2.as_str(), growth.5.as_str()),
        (6.5, "%", "status")
    );
    // 一要…,二要…
    let ls = lists(r);
    assert!(
        ls.iter().any(|l| l.2 == strs(&["稳住存量", "扩大增量"])),
        "{ls:#?}"
    );
}

// --- 9. a raw government web page

#[test]
fn a_gov_page_with_navigation_scripts_styles_and_unclosed_tags() {
    let path = fixture("govcn_page.html");
    let out = bin()
        .args(["normalize", path.to_str().unwrap()])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for furniture in [
        "_hmt",
        "font-size",
        "console.log",
        "ICP",
        "网站标识码",
        "0599-8888888",
    ] {
        assert!(!text.contains(furniture), "{furniture} left in:\n{text}");
    }
    assert!(text.contains("(三)拓展国内外市场"), "{text}");
    let r = analyze("govcn_page.html");
    // the page's <title> without the site's name after it
    assert_eq!(r["title"], "南平市推进茶产业高质量发展实施方案");
    assert_eq!(r["source"]["format"], "html");
    assert_eq!(r["published"], "2023-05-16");
    let all = targets(&r);
    let area = one(&r, "100万亩", |i| i.ends_with("茶园面积"));
    assert_eq!(
        (area.1, area.2.as_str(), area.4, area.5.as_str()),
        (1e6, "亩", Some(2025), "target")
    );
    assert!(
        all.contains(&t(
            "茶产业全产业链产值 | 50000000000 | 元 | = | 2025 | target"
        )),
        "{all:#?}"
    );
    assert_eq!(all.len(), 2, "{all:#?}");
    // 闽ICP备 and 闽公网安备 in the footer are no mention of Fujian
    assert_eq!(regions(&r), region_set(&[("南平市", Some("350700"))]));
    assert_eq!(
        list(&r, "重点任务"),
        strs(&["推进生态茶园建设", "培育龙头企业", "拓展国内外市场"])
    );
}
