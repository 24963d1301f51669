//! Odd input never panics: random mixtures of the characters the rules look at.

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
