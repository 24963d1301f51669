//! The whole pipeline for a set of paths: expand → read → decode → normalize → extract.
//!
//! [`stream`] runs the documents on a small pool of threads (one per core) and hands each
//! result to the caller in input order, as soon as it and every one before it are done. A
//! worker may run at most [`window`] documents ahead of the oldest one not yet handed over,
//! so memory stays bounded however large the folder, and a consumer that stops early (a
//! closed pipe) stops the workers too. [`load`] and [`analyze`] are the two steps per
//! document; [`analyze`] is the one place extraction is invoked.

use crate::engine::Engine;
use crate::error::InputError;
use crate::ingest::{self, Source};
use crate::normalize::Document;
use crate::report::DocReport;
use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Condvar, Mutex};

/// Read, decode and normalize one source.
pub fn load(source: &Source, engine: &Engine) -> Result<Document, InputError> {
    let path = source.display();
    let bytes = source.read()?;
    let decoded = ingest::decode(&path, &bytes)?;
    Ok(engine.document(&path, &source.extension(), decoded))
}

/// Run every extractor on a document ([`Engine::analyze`]).
pub fn analyze(doc: &Document, engine: &Engine) -> DocReport {
    engine.analyze(doc)
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
/// command line) never holds up every other input.
fn threads_for(n: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
    cores.max(2).min(n).max(1)
}

/// Load every input and apply `f` to each document on all cores; `sink` receives the results
/// in input order as soon as each is ready. An error from `sink` stops the run and is
/// returned (workers finish the document in hand and exit).
pub fn stream<T, F, S>(inputs: Vec<Input>, engine: &Engine, f: F, mut sink: S) -> io::Result<()>
where
    T: Send,
    F: Fn(&Document) -> T + Sync,
    S: FnMut(Done<T>) -> io::Result<()>,
{
    let n = inputs.len();
    let threads = threads_for(n);
    let (labels, slots): (Vec<String>, Vec<_>) = inputs
        .into_iter()
        .map(|i| (i.label, Mutex::new(Some(i.source))))
        .unzip();
    let gate = Gate::new(n, window(threads));
    let (tx, rx) = mpsc::channel::<(usize, usize, Result<T, InputError>)>();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let (tx, gate, slots, f) = (tx.clone(), &gate, &slots, &f);
            scope.spawn(move || {
                while let Some(i) = gate.claim() {
                    let taken = slots[i].lock().map(|mut s| s.take());
                    let Ok(Some(source)) = taken else { continue };
                    let (bytes, result) = run_one(source, engine, f);
                    if tx.send((i, bytes, result)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let r = reorder(rx, labels, &gate, &mut sink);
        gate.stop();
        r
    })
}

fn run_one<T>(
    source: Result<Source, InputError>,
    engine: &Engine,
    f: &impl Fn(&Document) -> T,
) -> (usize, Result<T, InputError>) {
    match source.and_then(|s| load(&s, engine)) {
        Ok(doc) => (doc.original.len(), Ok(f(&doc))),
        Err(e) => (0, Err(e)),
    }
}

/// Hand results to `sink` in input order, holding early ones until their turn.
fn reorder<T>(
    rx: mpsc::Receiver<(usize, usize, Result<T, InputError>)>,
    mut labels: Vec<String>,
    gate: &Gate,
    sink: &mut impl FnMut(Done<T>) -> io::Result<()>,
) -> io::Result<()> {
    let mut waiting = BTreeMap::new();
    let mut next = 0;
    for (i, bytes, result) in rx {
        waiting.insert(i, (bytes, result));
        while let Some((bytes, result)) = waiting.remove(&next) {
            let label = std::mem::take(&mut labels[next]);
            sink(Done {
                index: next,
                label,
                bytes,
                result,
            })?;
            next += 1;
            gate.advance(next);
        }
    }
    Ok(())
}

/// Which input a worker takes next, and how far ahead of the consumer it may go.
struct Gate {
    state: Mutex<GateState>,
    moved: Condvar,
    total: usize,
    window: usize,
}

struct GateState {
    /// The next input to hand to a worker.
    next: usize,
    /// How many results the consumer has taken.
    taken: usize,
    stopped: bool,
}

impl Gate {
    fn new(total: usize, window: usize) -> Gate {
        Gate {
            state: Mutex::new(GateState {
                next: 0,
                taken: 0,
                stopped: false,
            }),
            moved: Condvar::new(),
            total,
            window,
        }
    }

    /// The next input to process, waiting while the window is full; `None` when all are
    /// taken or the run stopped. The input the consumer waits for is always claimable
    /// (nothing before it is outstanding), so this cannot deadlock.
    fn claim(&self) -> Option<usize> {
        let Ok(mut s) = self.state.lock() else {
            return None;
        };
        loop {
            if s.stopped || s.next >= self.total {
                return None;
            }
            if s.next < s.taken + self.window {
                s.next += 1;
                return Some(s.next - 1);
            }
            s = self.moved.wait(s).ok()?;
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
    let mut out = Vec::new();
    let collected = stream(inputs(paths), engine, f, |d| {
        out.push(d.result);
        Ok(())
    });
    debug_assert!(collected.is_ok(), "collecting never fails");
    out
}

/// Analyze every source under `paths` (collected; commands use [`stream`] with [`analyze`]).
pub fn analyze_paths(paths: &[PathBuf], engine: &Engine) -> Vec<Result<DocReport, InputError>> {
    map_documents(paths, engine, |d| analyze(d, engine))
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
            |d| d.text.len(),
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
            |d| d.text.len(),
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
