//! The whole pipeline for a set of paths: expand → read → decode → normalize → extract.
//!
//! [`stream`] runs the documents on a small pool of threads (one per core) and hands each
//! result to the caller in input order, as soon as it and every one before it are done. A
//! worker may run at most [`window`] documents ahead of the oldest one not yet handed over,
//! so memory stays bounded however large the folder, and a consumer that stops early (a
//! closed pipe) stops the workers too. [`load`] and [`analyze`] are the two steps per
//! document; [`analyze`] is the one place extraction is invoked.
//!
//! [`stream_records`] does the same for records (JSON Lines or CSV, many documents in one
//! stream, [`crate::ingest::records`]), read lazily as workers take them. Both run on
//! [`ordered`], the one ordered parallel map: jobs from an iterator, results in order.

use crate::engine::Engine;
use crate::error::InputError;
use crate::extract::merge::{Merge, Offset};
use crate::ingest::records::{Failure, RawRecord, Reader, Record, RecordError};
use crate::ingest::windows::Windows;
use crate::ingest::{self, Decoded, Source};
use crate::normalize::script::Conversion;
use crate::normalize::{html, Document, Format};
use crate::report::{DocReport, Script};
use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Condvar, Mutex};

/// Read, decode and normalize one source.
pub fn load(source: &Source, engine: &Engine) -> Result<Document, InputError> {
    let decoded = read(source)?;
    Ok(engine.document(&source.display(), &source.extension(), decoded))
}

/// Read and decode one source.
fn read(source: &Source) -> Result<Decoded, InputError> {
    let bytes = source.read()?;
    // the decoded text is a copy: the bytes need not be held while it is normalized
    ingest::decode(&source.display(), &bytes)
}

/// Run every extractor on a document ([`Engine::analyze`]).
pub fn analyze(doc: &Document, engine: &Engine) -> DocReport {
    engine.analyze(doc)
}

/// What a command makes of each input.
pub enum Apply<'f, T> {
    /// Something of the whole normalized document (its text, its tokens).
    Document(&'f (dyn Fn(&Document) -> T + Sync)),
    /// Something of its report. A very large plain-text or markdown input is analyzed in
    /// windows ([`analyze_decoded`]), so it is never held normalized as a whole.
    Report(&'f (dyn Fn(DocReport) -> T + Sync)),
}

impl<T> Clone for Apply<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Apply<'_, T> {}

/// Analyze a decoded source: as one document, or, when it is longer than the engine's
/// [`Windows`] allow and is plain text or markdown, window by window on all cores, each
/// window normalized and analyzed on its own against the first one's context
/// ([`crate::extract::Context`]) and the findings merged ([`crate::extract::merge`]).
/// Memory then holds the decoded text and a few windows, however large the input. HTML is
/// always read whole: its markup does not cut at line breaks.
pub fn analyze_decoded(
    path: &str,
    extension: &str,
    decoded: Decoded,
    engine: &Engine,
) -> (usize, DocReport) {
    analyze_cut(path, extension, decoded, engine, engine.windows)
}

/// [`analyze_decoded`] with windows of its own rather than the engine's (tests, fuzzing).
pub fn analyze_cut(
    path: &str,
    extension: &str,
    decoded: Decoded,
    engine: &Engine,
    windows: Windows,
) -> (usize, DocReport) {
    let bytes = decoded.text.len();
    let format = Format::detect(extension, &decoded.text);
    // detection has looked for markup unless the name said markdown
    let html = format == Format::Html
        || (format == Format::Markdown && html::looks_like_html(&decoded.text));
    if html || !windows.applies(bytes) {
        let doc = Document::with_format(path, format, decoded, &engine.normalizer, true);
        return (bytes, engine.analyze(&doc));
    }
    (
        bytes,
        analyze_windows(path, format, decoded, engine, windows),
    )
}

fn analyze_windows(
    path: &str,
    format: Format,
    decoded: Decoded,
    engine: &Engine,
    windows: Windows,
) -> DocReport {
    let Decoded { text, encoding } = decoded;
    let ranges = windows.cut(&text);
    let window = |i: usize| {
        let part = Decoded {
            text: text[ranges[i].clone()].to_string(),
            encoding,
        };
        Document::with_format(path, format, part, &engine.normalizer, i == 0)
    };
    let ends_line = |i: usize| text[ranges[i].clone()].ends_with('\n');
    let first = window(0);
    let title = first
        .meta
        .title
        .clone()
        .or_else(|| crate::title::from_text(&first.text));
    let mut source = first.source.clone();
    let mut totals = Totals::default();
    totals.add(Size::of(&first, ends_line(0)));
    let mut merge = Merge::new(engine.analyze_part(&first, None));
    drop(first);
    let context = merge.part.context.clone();
    let run = |i: usize| {
        let doc = window(i + 1);
        let part = engine.analyze_part(&doc, Some(&context));
        (part, Size::of(&doc, ends_line(i + 1)))
    };
    let rest = ranges.len() - 1;
    // the results come in order, so each window's offsets are the totals of those before
    let merged = ordered(0..rest, threads_for(rest), run, |_, (part, size)| {
        let at = totals.add(size);
        merge.add(part, at);
        Ok(())
    });
    debug_assert!(merged.is_ok(), "merging never fails");
    source.chars = totals.chars;
    source.normalized_chars = totals.normalized;
    source.script = totals.script();
    source.windows = ranges.len();
    merge
        .part
        .report(&engine.resources.gazetteer, path.to_string(), source, title)
}

/// What one window adds to the whole text's counts.
struct Size {
    chars: usize,
    normalized: usize,
    conversion: Conversion,
    cjk: bool,
    /// Its raw text ends at a line break (the whole text has one there).
    ends_line: bool,
}

impl Size {
    fn of(doc: &Document, ends_line: bool) -> Size {
        Size {
            chars: doc.source.chars,
            normalized: doc.len_chars(),
            conversion: doc.conversion,
            cjk: doc.source.script != Script::None,
            ends_line,
        }
    }
}

/// The counts of the windows so far, as the whole text would have them: original and
/// normalized chars (a cut at a line break stands for the one line break between two
/// non-empty windows), and t2s counts, which decide the script as for one text.
#[derive(Default)]
struct Totals {
    chars: usize,
    normalized: usize,
    /// The last non-empty window ended at a line break.
    broken: bool,
    conversion: Conversion,
    cjk: bool,
}

impl Totals {
    /// Count the next window; returns where it starts.
    fn add(&mut self, w: Size) -> Offset {
        let gap = usize::from(self.broken && self.normalized > 0 && w.normalized > 0);
        let at = Offset {
            normalized: self.normalized + gap,
            original: self.chars,
        };
        self.chars += w.chars;
        if w.normalized > 0 {
            self.normalized = at.normalized + w.normalized;
            self.broken = w.ends_line;
        }
        self.conversion.add(w.conversion);
        self.cjk |= w.cjk;
        at
    }

    fn script(&self) -> Script {
        if !self.cjk {
            Script::None
        } else if self.conversion.traditional() {
            Script::Traditional
        } else {
            Script::Simplified
        }
    }
}

/// Normalize a string as if it were a file with the given extension (tests, `parse`).
pub fn document_from_str(path: &str, extension: &str, text: &str, engine: &Engine) -> Document {
    engine.document_from_str(path, extension, text)
}

/// One input as the pipeline sees it.
#[derive(Debug)]
pub struct Input {
    /// The source, or why its path could not be expanded.
    pub source: Result<Source, InputError>,
    /// How tables name it: relative to the folder given (`a/plan.txt` for `plans/a/plan.txt`
    /// when `plans/` was given), else the path as given (`-` for standard input).
    pub label: String,
}

/// Expand command-line paths into inputs (folders recursively, sorted; see [`ingest::expand`]).
pub fn inputs(paths: &[PathBuf]) -> Vec<Input> {
    let mut out = Vec::new();
    for p in paths {
        let root = (p.as_os_str() != "-" && p.is_dir()).then_some(p.as_path());
        for source in ingest::expand(std::slice::from_ref(p)) {
            let label = match (&source, root) {
                (Ok(Source::File(f)), Some(root)) => relative(f, root),
                (Ok(s), _) => s.display(),
                (Err(_), _) => p.display().to_string(),
            };
            out.push(Input { source, label });
        }
    }
    out
}

fn relative(file: &Path, root: &Path) -> String {
    file.strip_prefix(root)
        .map_or_else(|_| file.display().to_string(), |r| r.display().to_string())
}

/// One finished input, handed over in input order.
#[derive(Debug)]
pub struct Done<T> {
    /// Its position among the inputs.
    pub index: usize,
    /// [`Input::label`].
    pub label: String,
    /// Bytes of decoded text read (0 when it could not be read).
    pub bytes: usize,
    /// What `f` made of the document, or why it could not be loaded.
    pub result: Result<T, InputError>,
}

/// How many documents may be in flight or waiting ahead of the oldest unfinished one.
pub fn window(threads: usize) -> usize {
    (threads * 8).max(16)
}

/// One worker per core, and at least two: a worker waiting on a stream (a FIFO named on the
/// command line) never holds up every other input. `n` is how many inputs there are
/// (`usize::MAX` when not known).
fn threads_for(n: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
    cores.max(2).min(n).max(1)
}

/// Load every input and apply `f` to each document on all cores; `sink` receives the results
/// in input order as soon as each is ready. An error from `sink` stops the run and is
/// returned (workers finish the document in hand and exit).
pub fn stream<T, S>(inputs: Vec<Input>, engine: &Engine, f: Apply<T>, mut sink: S) -> io::Result<()>
where
    T: Send,
    S: FnMut(Done<T>) -> io::Result<()>,
{
    let threads = threads_for(inputs.len());
    let run = |input: Input| {
        let (bytes, result) = run_one(input.source, engine, f);
        (input.label, bytes, result)
    };
    ordered(
        inputs.into_iter(),
        threads,
        run,
        |index, (label, bytes, result)| {
            sink(Done {
                index,
                label,
                bytes,
                result,
            })
        },
    )
}

/// What a record's result comes with: how the output names and keys it.
#[derive(Debug)]
pub struct RecordInfo {
    /// [`Record::id`]: the output's `id`.
    pub id: serde_json::Value,
    /// [`Record::name`]: the report's `path`.
    pub name: String,
    /// [`Record::meta`]: the fields passed through.
    pub meta: serde_json::Map<String, serde_json::Value>,
}

/// One finished record, handed over in input order.
#[derive(Debug)]
pub struct RecordDone<T> {
    /// Bytes of text analyzed (0 when the record failed).
    pub bytes: usize,
    /// What `f` made of the record's document, or why there is none.
    pub result: Result<(RecordInfo, T), Box<Failure>>,
}

/// Make a record's document. The record's `published` stands in for the metadata date and
/// its `title` for the metadata title, so both come before what the text says: the date
/// is the one relative dates (今年) and the divisions are resolved at, and the report's
/// `published_evidence` reads `record published: …`. A `published` that is no date fails
/// the record.
pub fn load_record(r: Record, engine: &Engine) -> Result<(RecordInfo, Document), Box<Failure>> {
    let grammar = &engine.resources.dates;
    if let Some(p) = r.published.as_deref() {
        if crate::extract::dates::parse_meta_date(grammar, p).is_none() {
            return Err(Box::new(Failure {
                error: RecordError::BadDate(p.to_string()),
                origin: r.origin,
                id: r.id,
            }));
        }
    }
    let decoded = ingest::Decoded {
        text: r.text,
        encoding: "UTF-8",
    };
    let mut doc = engine.document(&r.name, &r.extension, decoded);
    if let Some(p) = r.published {
        doc.meta.date = Some(p);
        doc.meta.date_source = Some("record published".into());
    }
    if let Some(t) = r.title {
        // as a front-matter title is: half-width, simplified
        let folded: String = t.trim().chars().map(crate::normalize::fold_width).collect();
        let c = engine.normalizer.converter();
        let title = if c.needs_conversion(&folded) {
            c.t2s(&folded)
        } else {
            folded
        };
        doc.meta.title = Some(title);
    }
    let info = RecordInfo {
        id: r.id,
        name: r.name,
        meta: r.meta,
    };
    Ok((info, doc))
}

/// [`stream`] for records: parse each record, make its document and apply `f`, on all
/// cores; `sink` receives the results in input order. The records are read as the workers
/// take them ([`ordered`]), so a stream of any length is read in bounded memory.
pub fn stream_records<T, S>(
    records: Reader,
    engine: &Engine,
    f: Apply<T>,
    mut sink: S,
) -> io::Result<()>
where
    T: Send,
    S: FnMut(RecordDone<T>) -> io::Result<()>,
{
    let run = |raw: RawRecord| match raw.parse().and_then(|r| load_record(r, engine)) {
        Ok((info, doc)) => RecordDone {
            bytes: doc.original.len(),
            result: Ok((
                info,
                match f {
                    Apply::Document(f) => f(&doc),
                    Apply::Report(f) => f(engine.analyze(&doc)),
                },
            )),
        },
        Err(e) => RecordDone {
            bytes: 0,
            result: Err(e),
        },
    };
    ordered(records, threads_for(usize::MAX), run, |_, done| sink(done))
}

/// Apply `f` to every job of `jobs` on `threads` workers, and hand each result to `sink`
/// with its position, in the jobs' order, as soon as it and every one before it are done.
///
/// The jobs are taken from the iterator one at a time, only when a worker is free and the
/// [`window`] allows: at most `window(threads)` jobs are taken beyond the results `sink`
/// has had, so a lazy iterator (records read from a stream) is read no further ahead of the
/// output than that, and memory stays bounded. The iterator is advanced under a lock of its
/// own, never the one the output side takes, so a read that waits (a pipe whose writer
/// waits for our output) never holds back results that are ready. An error from `sink`
/// stops the run and is returned.
pub fn ordered<J, T, I, F, S>(jobs: I, threads: usize, f: F, mut sink: S) -> io::Result<()>
where
    I: Iterator<Item = J> + Send,
    J: Send,
    T: Send,
    F: Fn(J) -> T + Sync,
    S: FnMut(usize, T) -> io::Result<()>,
{
    let threads = threads.max(1);
    let gate = Gate::new(window(threads));
    let jobs = Mutex::new(jobs.enumerate());
    let (tx, rx) = mpsc::channel::<(usize, T)>();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let (tx, gate, jobs, f) = (tx.clone(), &gate, &jobs, &f);
            scope.spawn(move || {
                let _stop = StopOnDrop(gate);
                while gate.claim() {
                    let Some((i, job)) = jobs.lock().ok().and_then(|mut j| j.next()) else {
                        // every job is taken: the others stop claiming too
                        gate.stop();
                        break;
                    };
                    if tx.send((i, f(job))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let _stop = StopOnDrop(&gate);
        reorder(rx, &gate, &mut sink)
    })
}

/// Stops the gate when dropped: when a worker or the sink is done, and also when one
/// panics, so that the others do not wait for the window forever and the panic is
/// propagated rather than the run hanging.
struct StopOnDrop<'a>(&'a Gate);

impl Drop for StopOnDrop<'_> {
    fn drop(&mut self) {
        self.0.stop();
    }
}

fn run_one<T>(
    source: Result<Source, InputError>,
    engine: &Engine,
    f: Apply<T>,
) -> (usize, Result<T, InputError>) {
    let source = match source {
        Ok(s) => s,
        Err(e) => return (0, Err(e)),
    };
    let decoded = match read(&source) {
        Ok(d) => d,
        Err(e) => return (0, Err(e)),
    };
    let (path, extension) = (source.display(), source.extension());
    match f {
        Apply::Document(f) => {
            let doc = engine.document(&path, &extension, decoded);
            (doc.original.len(), Ok(f(&doc)))
        }
        Apply::Report(f) => {
            let (bytes, report) = analyze_decoded(&path, &extension, decoded, engine);
            (bytes, Ok(f(report)))
        }
    }
}

/// Hand results to `sink` in order, holding early ones until their turn.
fn reorder<T>(
    rx: mpsc::Receiver<(usize, T)>,
    gate: &Gate,
    sink: &mut impl FnMut(usize, T) -> io::Result<()>,
) -> io::Result<()> {
    let mut waiting = BTreeMap::new();
    let mut next = 0;
    for (i, v) in rx {
        waiting.insert(i, v);
        while let Some(v) = waiting.remove(&next) {
            sink(next, v)?;
            next += 1;
            gate.advance(next);
        }
    }
    Ok(())
}

/// How far ahead of the consumer the workers may take jobs.
struct Gate {
    state: Mutex<GateState>,
    moved: Condvar,
    window: usize,
}

struct GateState {
    /// How many jobs workers have been allowed to take.
    claimed: usize,
    /// How many results the consumer has taken.
    taken: usize,
    stopped: bool,
}

impl Gate {
    fn new(window: usize) -> Gate {
        Gate {
            state: Mutex::new(GateState {
                claimed: 0,
                taken: 0,
                stopped: false,
            }),
            moved: Condvar::new(),
            window,
        }
    }

    /// Wait for room in the window and claim it for one job; false when the run stopped
    /// (every job taken, or the consumer gone). A worker takes a job only after a claim,
    /// and jobs are numbered in the order they are taken, so job `i` is taken only when
    /// `i < claimed <= taken + window`. The job the consumer waits for (`taken`) is always
    /// within the window, so this cannot deadlock.
    fn claim(&self) -> bool {
        let Ok(mut s) = self.state.lock() else {
            return false;
        };
        loop {
            if s.stopped {
                return false;
            }
            if s.claimed < s.taken + self.window {
                s.claimed += 1;
                return true;
            }
            match self.moved.wait(s) {
                Ok(next) => s = next,
                Err(_) => return false,
            }
        }
    }

    fn advance(&self, taken: usize) {
        if let Ok(mut s) = self.state.lock() {
            s.taken = taken;
        }
        self.moved.notify_all();
    }

    fn stop(&self) {
        if let Ok(mut s) = self.state.lock() {
            s.stopped = true;
        }
        self.moved.notify_all();
    }
}

/// Load every source under `paths` and apply `f` to each document, in parallel; results come
/// back in input order, failures as errors naming the path.
pub fn map_documents<T: Send>(
    paths: &[PathBuf],
    engine: &Engine,
    f: impl Fn(&Document) -> T + Sync,
) -> Vec<Result<T, InputError>> {
    collect(paths, engine, Apply::Document(&f))
}

fn collect<T: Send>(paths: &[PathBuf], engine: &Engine, f: Apply<T>) -> Vec<Result<T, InputError>> {
    let mut out = Vec::new();
    let collected = stream(inputs(paths), engine, f, |d| {
        out.push(d.result);
        Ok(())
    });
    debug_assert!(collected.is_ok(), "collecting never fails");
    out
}

/// Analyze every source under `paths` (collected; commands use [`stream`] with
/// [`Apply::Report`]), large texts in windows as the commands do.
pub fn analyze_paths(paths: &[PathBuf], engine: &Engine) -> Vec<Result<DocReport, InputError>> {
    collect(paths, engine, Apply::Report(&|r| r))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_input_order_and_a_stopped_sink_stops_the_run() {
        let engine = Engine::load(None).unwrap();
        let dir = tempfile::tempdir().unwrap();
        for i in 0..60 {
            // uneven sizes, so workers finish out of order
            let text = "到2025年,覆盖率达到95%。".repeat(1 + (i * 7) % 13);
            std::fs::write(dir.path().join(format!("{i:03}.txt")), text).unwrap();
        }
        let mut labels = Vec::new();
        let r = stream(
            inputs(&[dir.path().to_path_buf()]),
            &engine,
            Apply::Document(&|d| d.text.len()),
            |d| {
                assert_eq!(d.index, labels.len());
                labels.push(d.label);
                Ok(())
            },
        );
        assert!(r.is_ok());
        let want: Vec<String> = (0..60).map(|i| format!("{i:03}.txt")).collect();
        assert_eq!(labels, want);
        let mut seen = 0;
        let r = stream(
            inputs(&[dir.path().to_path_buf()]),
            &engine,
            Apply::Document(&|d| d.text.len()),
            |_| {
                seen += 1;
                if seen == 3 {
                    Err(io::Error::from(io::ErrorKind::BrokenPipe))
                } else {
                    Ok(())
                }
            },
        );
        assert!(r.is_err());
        assert_eq!(seen, 3);
    }

    /// The bound on reading ahead, counted rather than timed: every job the iterator gives
    /// is counted, and at each hand-over no more than the window have been taken beyond
    /// those handed over. The first hand-over waits until the workers have filled the
    /// window, so the count also shows that they do read ahead, up to the window and no
    /// further.
    #[test]
    fn ordered_takes_no_more_jobs_than_the_window_ahead_of_the_sink() {
        use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
        for threads in [1, 2, 4] {
            let taken = AtomicUsize::new(0);
            let jobs = (0..400usize).inspect(|_| {
                taken.fetch_add(1, SeqCst);
            });
            let w = window(threads);
            let mut most_ahead = 0;
            let r = ordered(
                jobs,
                threads,
                // uneven work, so that results come back out of order
                |i| (0..(i * 7919) % 5000).fold(i, |a, b| a ^ b) ^ i,
                |k, _| {
                    if k == 0 {
                        while taken.load(SeqCst) < w {
                            std::thread::yield_now();
                        }
                    }
                    let ahead = taken.load(SeqCst) - k;
                    assert!(ahead <= w, "{threads} threads: {ahead} ahead of {k}");
                    most_ahead = most_ahead.max(ahead);
                    Ok(())
                },
            );
            assert!(r.is_ok());
            assert_eq!(most_ahead, w, "{threads} threads");
            assert_eq!(taken.load(SeqCst), 400);
        }
    }

    #[test]
    fn ordered_hands_results_over_in_order() {
        let mut got = Vec::new();
        let r = ordered(
            (0..300u64).rev(),
            3,
            |i| i * i,
            |k, v| {
                got.push((k, v));
                Ok(())
            },
        );
        assert!(r.is_ok());
        let want: Vec<(usize, u64)> = (0..300u64)
            .rev()
            .enumerate()
            .map(|(k, i)| (k, i * i))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn labels_are_relative_to_the_folder_given() {
        let dir = tempfile::tempdir().unwrap();
        for sub in ["a", "b"] {
            std::fs::create_dir(dir.path().join(sub)).unwrap();
            std::fs::write(dir.path().join(sub).join("plan.txt"), "x").unwrap();
        }
        let file = dir.path().join("a/plan.txt");
        let got: Vec<String> = inputs(&[dir.path().to_path_buf(), file.clone()])
            .into_iter()
            .map(|i| i.label)
            .collect();
        assert_eq!(
            got,
            [
                "a/plan.txt".to_string(),
                "b/plan.txt".to_string(),
                file.display().to_string()
            ]
        );
    }
}
