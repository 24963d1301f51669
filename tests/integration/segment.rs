//! Segmentation on demand: the tokens a rule sees, cut block by block, are exactly the
//! tokens jieba gives for each whole sentence.

use policylens::ingest::Source;
use policylens::segment::DocTokens;

#[test]
fn block_tokens_equal_sentence_tokens_on_every_seed() {
    let engine = crate::engine();
    let seg = engine.segmenter();
    for name in ["000", "001", "002", "003", "004"] {
        let doc = policylens::pipeline::load(&Source::File(crate::seed(name)), engine).unwrap();
        let lazy = DocTokens::new(seg, &doc);
        // query the sentences back to front, so that blocks are not cut in reading order
        for (i, s) in doc.sentences.iter().enumerate().rev() {
            let whole = seg.tag(doc.sentence_text(i), s.start);
            let blocks = lazy.tokens_in(s.start, s.end);
            assert_eq!(
                blocks,
                whole,
                "seed {name}, sentence {i}: {}",
                doc.sentence_text(i)
            );
        }
        assert_eq!(
            lazy.segmented_chars(),
            doc.sentences.iter().map(|s| s.end - s.start).sum::<usize>()
        );
    }
}

#[test]
fn a_rule_that_asks_for_one_word_segments_only_its_block() {
    let engine = crate::engine();
    let doc = engine.document_from_str(
        "-",
        "txt",
        "推进数字经济发展,建设数字政府。加快数字社会建设。",
    );
    let lazy = DocTokens::new(engine.segmenter(), &doc);
    assert!(lazy.starts_word(9)); // 建设
    assert_eq!(lazy.segmented_chars(), 6, "only 建设数字政府 was segmented");
}

/// `tests/data/ambiguous_short.tsv` (from the region research) lists the short names that
/// several units share: the gazetteer must know every unit listed under each of them, so
/// that a bare mention is resolved through a parent or reported as ambiguous, never guessed.
#[test]
fn the_gazetteer_knows_every_unit_of_each_shared_short_name() {
    let g = crate::engine().regions();
    let text =
        std::fs::read_to_string(crate::root().join("tests/data/ambiguous_short.tsv")).unwrap();
    let mut rows = 0;
    for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        let short = cols[0];
        for unit in cols[3].split("; ") {
            let code = &unit[..6];
            let u = g
                .unit(code)
                .unwrap_or_else(|| panic!("{short}: no unit {code}"));
            assert!(
                u.short == short || u.name == short || u.name.starts_with(short),
                "{short}: {code} is {} ({})",
                u.name,
                u.short
            );
        }
        rows += 1;
    }
    assert!(rows >= 100, "{rows} rows");
}
