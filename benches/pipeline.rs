//! Benchmarks per stage and end to end on a fixed corpus (the five seeds, 72 KB), in bytes per
//! second of the seeds' text, plus the load time of the division list and its automaton.
//!
//! `cargo bench` runs them all; `cargo bench -- extract` one group, `cargo bench --
//! stages/segment_full` one bench. Groups:
//!
//! - `stages`: decode (UTF-8, GB18030), normalize simplified text, normalize traditional text
//!   (OpenCC t2s), full jieba segmentation of every sentence;
//! - `extract`: each extractor on a prepared document (normalized, scanned, outlined), with
//!   tokens segmented on demand as in a real run, so an extractor pays for the words it asks
//!   for; `prepare` is what they share (the date scans, the publication date, the number
//!   scan, the outline);
//! - `end_to_end`: bytes → report → JSON, as `analyze --format json` does per file, for the
//!   simplified seeds and for the traditional one;
//! - `grammar`: the number and date grammars (phrases per second; the number and date scans
//!   in bytes per second over the seeds' sentences);
//! - `large_file`: one 2 MB text analyzed whole and in windows on all cores (wall time);
//! - `long_sentence`: a pathological 100 KB sentence without punctuation;
//! - `regions`: loading the division list and building its index;
//! - `startup`: what a run builds before it reads its first file: the segmenter (jieba
//!   decoded from its compile-time tables, then the policy words and division names added),
//!   and the whole engine, its parts built in turn and at the same time.
//!
//! The measurement across whole corpora, next to jieba, OpenCC and a Python pipeline, is
//! `bench/compare.sh`.

use criterion::{black_box, criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use policylens::dicts::Dicts;
use policylens::engine::Engine;
use policylens::extract::regions::Gazetteer;
use policylens::extract::{self, dates, numbers, Text};
use policylens::ingest::windows::Windows;
use policylens::ingest::{decode, Decoded};
use policylens::normalize::Document;
use policylens::pipeline;
use std::path::PathBuf;

/// One seed file: its name, its bytes and its decoded text.
struct Seed {
    path: String,
    bytes: Vec<u8>,
    text: String,
}

/// The seeds in name order.
fn seeds() -> Vec<Seed> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let path = p.display().to_string();
            let bytes = std::fs::read(&p).unwrap();
            let text = decode(&path, &bytes).unwrap().text;
            Seed { path, bytes, text }
        })
        .collect()
}

/// The seeds in traditional script (002) or in simplified script (the others).
fn by_script(all: &[Seed], traditional: bool) -> Vec<&Seed> {
    all.iter()
        .filter(|s| s.path.contains("/002_") == traditional)
        .collect()
}

fn text_bytes(c: &[&Seed]) -> u64 {
    c.iter().map(|s| s.text.len() as u64).sum()
}

fn document(engine: &Engine, s: &Seed) -> Document {
    engine.document(
        &s.path,
        "txt",
        Decoded {
            text: s.text.clone(),
            encoding: "UTF-8",
        },
    )
}

fn docs(c: &[&Seed], engine: &Engine) -> Vec<Document> {
    c.iter().map(|s| document(engine, s)).collect()
}

/// A document as the extractors read it ([`extract::prepare`], as `extract::analyze` makes it:
/// dates read without a reference find the publication date, then are read again with it),
/// with no token segmented yet.
fn prepare<'a>(engine: &'a Engine, doc: &'a Document) -> Text<'a> {
    extract::prepare(doc, engine.segmenter(), &engine.resources, None)
}

fn stages(cr: &mut Criterion) {
    let engine = &Engine::load(None).unwrap();
    let all = seeds();
    let every: Vec<&Seed> = all.iter().collect();
    let simplified = by_script(&all, false);
    let traditional = by_script(&all, true);
    let mut g = cr.benchmark_group("stages");

    g.throughput(Throughput::Bytes(
        all.iter().map(|s| s.bytes.len() as u64).sum(),
    ));
    g.bench_function("decode_utf8", |b| {
        b.iter(|| {
            for s in &all {
                black_box(decode(&s.path, &s.bytes).unwrap());
            }
        })
    });
    let gbk: Vec<(String, Vec<u8>)> = all
        .iter()
        .map(|s| {
            let (bytes, _, _) = encoding_rs::GB18030.encode(&s.text);
            (s.path.clone(), bytes.into_owned())
        })
        .collect();
    g.throughput(Throughput::Bytes(
        gbk.iter().map(|(_, b)| b.len() as u64).sum(),
    ));
    g.bench_function("decode_gb18030", |b| {
        b.iter(|| {
            for (p, bytes) in &gbk {
                black_box(decode(p, bytes).unwrap());
            }
        })
    });

    g.throughput(Throughput::Bytes(text_bytes(&simplified)));
    g.bench_function("normalize_simplified", |b| {
        b.iter(|| black_box(docs(&simplified, engine)))
    });
    g.throughput(Throughput::Bytes(text_bytes(&traditional)));
    g.bench_function("normalize_traditional", |b| {
        b.iter(|| black_box(docs(&traditional, engine)))
    });

    // every sentence through jieba, as `policylens segment` does (jieba built beforehand)
    let seg = engine.segmenter();
    let ds = docs(&every, engine);
    g.throughput(Throughput::Bytes(text_bytes(&every)));
    g.bench_function("segment_full", |b| {
        b.iter(|| {
            for d in &ds {
                for (i, s) in d.sentences.iter().enumerate() {
                    black_box(seg.tag(d.sentence_text(i), s.start));
                }
            }
        })
    });
    g.finish();
}

fn extractors(cr: &mut Criterion) {
    let engine = &Engine::load(None).unwrap();
    let all = seeds();
    let every: Vec<&Seed> = all.iter().collect();
    let ds = docs(&every, engine);
    engine.segmenter();
    let mut g = cr.benchmark_group("extract");
    g.throughput(Throughput::Bytes(text_bytes(&every)));
    g.bench_function("prepare", |b| {
        b.iter(|| {
            for d in &ds {
                black_box(prepare(engine, d));
            }
        })
    });
    // each extractor on freshly prepared documents: the preparation is not timed, the
    // segmentation the extractor asks for is
    let texts = || ds.iter().map(|d| prepare(engine, d)).collect::<Vec<_>>();
    g.bench_function("targets", |b| {
        b.iter_batched(
            texts,
            |ts| {
                for t in &ts {
                    black_box(extract::targets::extract(t));
                }
                ts
            },
            BatchSize::LargeInput,
        )
    });
    g.bench_function("dates", |b| {
        b.iter_batched(
            texts,
            |ts| {
                for t in &ts {
                    black_box(dates::items(t.doc, &t.lattice.dates));
                }
                ts
            },
            BatchSize::LargeInput,
        )
    });
    g.bench_function("regions", |b| {
        b.iter_batched(
            texts,
            |ts| {
                for t in &ts {
                    let year = t.published.map(|d| chrono::Datelike::year(&d));
                    black_box(extract::regions::extract(t, year));
                }
                ts
            },
            BatchSize::LargeInput,
        )
    });
    g.bench_function("tasks", |b| {
        b.iter_batched(
            texts,
            |ts| {
                for t in &ts {
                    black_box(extract::tasks::extract(t));
                }
                ts
            },
            BatchSize::LargeInput,
        )
    });
    // all of them on a normalized document: what `engine.analyze` adds to normalization
    g.bench_function("analyze_document", |b| {
        b.iter(|| {
            for d in &ds {
                black_box(engine.analyze(d));
            }
        })
    });
    g.finish();
}

/// From the file's bytes to its JSON report, as `analyze --format json` does for each file.
fn end_to_end(cr: &mut Criterion) {
    let engine = &Engine::load(None).unwrap();
    engine.segmenter();
    let all = seeds();
    let mut g = cr.benchmark_group("end_to_end");
    for (name, set) in [
        ("analyze_simplified", by_script(&all, false)),
        ("analyze_traditional", by_script(&all, true)),
    ] {
        g.throughput(Throughput::Bytes(
            set.iter().map(|s| s.bytes.len() as u64).sum(),
        ));
        g.bench_function(name, |b| {
            b.iter(|| {
                for s in &set {
                    let decoded = decode(&s.path, &s.bytes).unwrap();
                    let doc = engine.document(&s.path, "txt", decoded);
                    let report = engine.analyze(&doc);
                    black_box(serde_json::to_vec_pretty(&report).unwrap());
                }
            })
        });
    }
    g.finish();
}

/// One large text (the simplified seeds over and over, 2 MB) analyzed whole and in windows
/// (`--window-kib`): the windows run on all cores, so this group is in wall time.
fn large_file(cr: &mut Criterion) {
    let engine = &Engine::load(None).unwrap();
    engine.segmenter();
    let all = seeds();
    let set = by_script(&all, false);
    let one: String = set
        .iter()
        .map(|s| s.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    let text = one.repeat(2_000_000 / one.len() + 1);
    let mut g = cr.benchmark_group("large_file");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(10);
    for (name, windows) in [
        ("whole", Windows::of_size(0)),
        ("windows", Windows::default()),
    ] {
        g.bench_function(name, |b| {
            b.iter(|| {
                let decoded = Decoded {
                    text: text.clone(),
                    encoding: "UTF-8",
                };
                black_box(pipeline::analyze_cut(
                    "large", "txt", decoded, engine, windows,
                ))
            })
        });
    }
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

/// Start-up: the parts a run builds once (wall time; the engine built `Segmenting::Now` puts
/// its parts on scoped threads, so on a machine with cores to spare it takes about as long
/// as its longest part).
fn startup(cr: &mut Criterion) {
    let dicts = Dicts::load(None).unwrap();
    let mut g = cr.benchmark_group("startup");
    g.bench_function("segmenter", |b| {
        b.iter(|| black_box(policylens::segment::Segmenter::new(&dicts)))
    });
    g.bench_function("engine_in_turn", |b| {
        b.iter(|| {
            let e = Engine::load(None).unwrap();
            black_box(e.segmenter());
        })
    });
    g.bench_function("engine_at_once", |b| {
        b.iter(|| black_box(Engine::load_with(None, policylens::engine::Segmenting::Now).unwrap()))
    });
    g.finish();
}

/// The number and date grammar: phrases per second over the corpus inputs (what `parse`
/// does), and the number and date scans' bytes per second over the seeds' sentences.
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
                black_box(numbers::scan(p, &res.numbers));
                black_box(dates::scan(&res.dates, p, dates::Reference::default()));
            }
        })
    });
    let all = seeds();
    let every: Vec<&Seed> = all.iter().collect();
    let ds = docs(&every, engine);
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
                black_box(numbers::scan(s, &res.numbers));
            }
        })
    });
    g.bench_function("date_scan", |b| {
        b.iter(|| {
            for s in &sentences {
                black_box(dates::scan(&res.dates, s, dates::Reference::default()));
            }
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = stages, extractors, end_to_end, large_file, long_sentence, regions, startup, grammar
}
criterion_main!(benches);
