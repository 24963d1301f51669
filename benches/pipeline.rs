//! Benchmarks per stage and end to end on a fixed corpus (the five seeds), in MB/s, plus the
//! load time of the division list and its automaton.
//!
//! `cargo bench` runs them all; `cargo bench -- regions` one group.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use policylens::dicts::Dicts;
use policylens::engine::Engine;
use policylens::extract::regions::Gazetteer;
use policylens::ingest::{decode, Decoded};
use policylens::normalize::Document;
use std::path::PathBuf;

fn corpus() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (
                p.display().to_string(),
                decode(&p.display().to_string(), &bytes).unwrap().text,
            )
        })
        .collect()
}

fn bytes(c: &[(String, String)]) -> u64 {
    c.iter().map(|(_, t)| t.len() as u64).sum()
}

fn docs(c: &[(String, String)], engine: &Engine) -> Vec<Document> {
    c.iter()
        .map(|(p, t)| {
            engine.document(
                p,
                "txt",
                Decoded {
                    text: t.clone(),
                    encoding: "UTF-8",
                },
            )
        })
        .collect()
}

fn stages(cr: &mut Criterion) {
    let engine = &Engine::load(None).unwrap();
    let c = corpus();
    let mut g = cr.benchmark_group("stages");
    g.throughput(Throughput::Bytes(bytes(&c)));
    g.bench_function("normalize", |b| b.iter(|| black_box(docs(&c, engine))));
    // build jieba before timing segmentation
    let seg = engine.segmenter();
    g.bench_function("segment", |b| {
        b.iter_with_setup(
            || docs(&c, engine),
            |ds| {
                for d in &ds {
                    for (i, s) in d.sentences.iter().enumerate() {
                        black_box(seg.tag(d.sentence_text(i), s.start));
                    }
                }
            },
        )
    });
    g.bench_function("analyze", |b| {
        b.iter(|| {
            for d in docs(&c, engine) {
                black_box(engine.analyze(&d));
            }
        })
    });
    g.finish();
}

/// One 100 KB "sentence" with no punctuation and many figures: the rules look only at a
/// window around each figure, so this stays linear.
fn long_sentence(cr: &mut Criterion) {
    let engine = &Engine::load(None).unwrap();
    let unit = "全省数字经济核心产业增加值达到1200亿元浙江杭州培育企业30家以上到2025年";
    let text: String = unit.repeat(100_000 / unit.len() + 1);
    let mut g = cr.benchmark_group("long_sentence");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(10);
    g.bench_function("analyze", |b| {
        b.iter(|| {
            let d = engine.document_from_str("long", "txt", &text);
            black_box(engine.analyze(&d))
        })
    });
    g.finish();
}

fn regions(cr: &mut Criterion) {
    let dicts = Dicts::load(None).unwrap();
    let mut g = cr.benchmark_group("regions");
    g.bench_function("load_division_list", |b| {
        b.iter(|| black_box(Gazetteer::build(&dicts)))
    });
    // the region tables alone, from TSV text to rows (what a division list update changes)
    g.bench_function("parse_region_tables", |b| {
        b.iter(|| {
            for (name, text) in policylens::dicts::EMBEDDED {
                if name.starts_with("regions/") && name.ends_with(".tsv") {
                    black_box(policylens::dicts::parse_tsv(name, text).unwrap());
                }
            }
        })
    });
    // every dictionary (including compiling the boilerplate patterns) and the index
    g.bench_function("parse_dicts_and_build", |b| {
        b.iter(|| {
            let d = Dicts::load(None).unwrap();
            black_box(Gazetteer::build(&d))
        })
    });
    g.finish();
}

/// The number and date grammar: phrases per second over the corpus inputs (what `parse`
/// does), and the number scan's MB/s over the seeds' sentences.
fn grammar(cr: &mut Criterion) {
    let engine = &Engine::load(None).unwrap();
    let res = &engine.resources;
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut phrases: Vec<String> = Vec::new();
    for name in ["numbers.tsv", "dates.tsv"] {
        let text = std::fs::read_to_string(root.join(name)).unwrap();
        phrases.extend(
            text.lines()
                .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
                .skip(1)
                .filter_map(|l| l.split('\t').next())
                .map(|p| p.replace("\\n", "\n")),
        );
    }
    let mut g = cr.benchmark_group("grammar");
    g.throughput(Throughput::Elements(phrases.len() as u64));
    g.bench_function("parse_phrases", |b| {
        b.iter(|| {
            for p in &phrases {
                black_box(policylens::extract::numbers::scan(p, &res.numbers));
                black_box(policylens::extract::dates::scan(&res.dates, p, policylens::extract::dates::Reference::at(None)));
            }
        })
    });
    let ds = docs(&corpus(), engine);
    let sentences: Vec<&str> = ds
        .iter()
        .flat_map(|d| (0..d.sentences.len()).map(move |i| d.sentence_text(i)))
        .collect();
    g.throughput(Throughput::Bytes(
        sentences.iter().map(|s| s.len() as u64).sum(),
    ));
    g.bench_function("number_scan", |b| {
        b.iter(|| {
            for s in &sentences {
                black_box(policylens::extract::numbers::scan(s, &res.numbers));
            }
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = stages, long_sentence, regions, grammar
}
criterion_main!(benches);
