//! Normalization guarantees: encodings, script, boilerplate, front matter, offsets, OpenCC.

use policylens::ingest::Source;
use policylens::normalize::normalize_as;
use policylens::pipeline::load;

fn normalized(path: &std::path::Path) -> String {
    load(&Source::File(path.to_path_buf()), crate::engine())
        .expect("loads")
        .text
}

#[test]
fn gbk_and_utf16_copies_normalize_like_the_utf8_original() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["000", "002", "004"] {
        let src = crate::seed(name);
        let text = std::fs::read_to_string(&src).unwrap();
        let (gbk, _, unmappable) = encoding_rs::GB18030.encode(&text);
        assert!(!unmappable);
        let gbk_path = dir.path().join(format!("{name}.gbk.txt"));
        std::fs::write(&gbk_path, &gbk).unwrap();
        let mut le = vec![0xFF, 0xFE];
        for u in text.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        let le_path = dir.path().join(format!("{name}.utf16.txt"));
        std::fs::write(&le_path, &le).unwrap();
        let want = normalized(&src);
        assert_eq!(normalized(&gbk_path), want, "{name} GBK");
        assert_eq!(normalized(&le_path), want, "{name} UTF-16");
        let doc = load(&Source::File(gbk_path), crate::engine()).unwrap();
        assert_eq!(doc.source.encoding, "GB18030");
    }
}

#[test]
fn traditional_seed_becomes_simplified() {
    let text = normalized(&crate::seed("002"));
    assert!(text.contains("数字经济"));
    for c in "數經濟發規劃國務們這說為與會產業區網".chars() {
        assert!(
            !text.contains(c),
            "traditional {c} left in the normalized text"
        );
    }
    let doc = load(&Source::File(crate::seed("002")), crate::engine()).unwrap();
    assert_eq!(doc.source.script, "traditional");
}

#[test]
fn markdown_front_matter_tags_and_css_are_gone() {
    let doc = load(&Source::File(crate::seed("003")), crate::engine()).unwrap();
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("国家发展改革委负责同志就《_十四五_数字经济发展规划》答记者问")
    );
    assert!(doc.meta.date.as_deref().is_some_and(|d| d.contains("2022")));
    for gone in [
        "title:",
        "categories",
        "headimg",
        "<p",
        "<font",
        "cms-style",
        "appendQr",
        "{",
        "新浪财经APP",
        "责任编辑",
        "&#123;",
    ] {
        assert!(!doc.text.contains(gone), "{gone:?} left in seed 003");
    }
    assert!(doc
        .text
        .contains("近日,国务院印发了《“十四五”数字经济发展规划》"));
}

#[test]
fn site_footers_go_and_article_text_stays() {
    let t0 = normalized(&crate::seed("000"));
    for gone in [
        "退出长者模式",
        "主办单位",
        "网站地图",
        "ICP备",
        "公网安备",
        "网站标识码",
        "技术支持电话",
        "1024*768",
    ] {
        assert!(!t0.contains(gone), "{gone} left in seed 000");
    }
    assert!(t0.contains("国家发展改革委有关负责同志就文件出台的相关背景"));
    assert!(t0.contains("发布日期:2019-11-18"));
    let t4 = normalized(&crate::seed("004"));
    for gone in [
        "新闻热线",
        "版权所有",
        "ICP备",
        "公网安备",
        "许可证",
        "技术支持",
        "资料来源",
        "关于我们",
    ] {
        assert!(!t4.contains(gone), "{gone} left in seed 004");
    }
    assert!(t4.contains("重庆市成为全国首个启动实施的国家数字经济创新发展试验区"));
    assert!(
        t4.contains("2020-06-24 15:29:24 来源:重庆日报"),
        "the dateline stays"
    );
}

#[test]
fn random_spans_map_back_to_the_original() {
    let engine = crate::engine();
    let mut rng = crate::Lcg(20211212);
    for name in ["000", "001", "002", "003", "004"] {
        let doc = load(&Source::File(crate::seed(name)), engine).unwrap();
        let chars: Vec<char> = doc.text.chars().collect();
        let mut checked = 0;
        while checked < 300 {
            let a = rng.next(chars.len());
            let b = (a + 1 + rng.next(60)).min(chars.len());
            if chars[a].is_whitespace() || chars[b - 1].is_whitespace() {
                continue;
            }
            let span = doc.span(a, b);
            let original = doc.original_slice(span);
            let again = normalize_as(&original, doc.source.format, &engine.normalizer);
            assert_eq!(
                again,
                doc.slice(a, b),
                "{name}: chars {a}..{b}, original {span:?} = {original:?}"
            );
            checked += 1;
        }
    }
}

#[test]
fn both_opencc_implementations_agree_on_every_seed() {
    // The converter in use (the built-in one over OpenCC's dictionaries, or with `--features
    // opencc-cpp` the C++ OpenCC) against ferrous-opencc, on every seed as it is and in
    // traditional script.
    let conv = crate::engine().normalizer.converter();
    assert_eq!(
        conv.name().contains("C++"),
        cfg!(feature = "opencc-cpp"),
        "{}",
        conv.name()
    );
    for name in ["000", "001", "002", "003", "004"] {
        let text = std::fs::read_to_string(crate::seed(name)).unwrap();
        let traditional = crate::ferrous_s2t(&text);
        for (form, t) in [("as it is", &text), ("traditional", &traditional)] {
            assert_eq!(
                conv.t2s(t),
                crate::ferrous_t2s(t),
                "seed {name} {form} with {}",
                conv.name()
            );
        }
    }
}

#[test]
fn toolbars_navigation_and_catalogue_lines_go_and_body_lines_stay() {
    let page = "无障碍 | 长者模式 | 繁體 | English\n\
                首页 政务公开 政务服务 互动交流 走进湖北\n\
                索引号:011043184/2021-31345 分类:综合政务\n\
                发布机构:省政府办公厅 发文日期:2021年10月25日\n\
                一、发展基础\n\
                类别 序号 指标名称 单位 2020年 2025年 属性\n\
                首页、二级页面和专题页面全部完成适老化改造。\n";
    let text = normalize_as(
        page,
        policylens::normalize::Format::Text,
        &crate::engine().normalizer,
    );
    for gone in ["长者模式", "English", "走进湖北", "索引号"] {
        assert!(!text.contains(gone), "{gone} left in:\n{text}");
    }
    for kept in [
        "发文日期:2021年10月25日",
        "一、发展基础",
        "类别 序号 指标名称 单位",
        "首页、二级页面和专题页面全部完成适老化改造。",
    ] {
        assert!(text.contains(kept), "{kept} lost from:\n{text}");
    }
}

#[test]
fn html_metadata_gives_a_simplified_title_and_the_publication_date() {
    let engine = crate::engine();
    let page = "<html><head><meta name=\"PubDate\" content=\"2022/03/01 09:00\">\
                <title>關於推進數字經濟發展的實施意見</title></head>\
                <body><p>正文。</p></body></html>";
    let doc = policylens::pipeline::document_from_str("p.html", "html", page, engine);
    let r = engine.analyze(&doc);
    assert_eq!(r.title.as_deref(), Some("关于推进数字经济发展的实施意见"));
    assert_eq!(r.published.as_deref(), Some("2022-03-01"));
    assert!(r
        .published_evidence
        .as_deref()
        .is_some_and(|e| e.contains("PubDate")));
}
