//! Subcommands: each turns parsed arguments into output on stdout and messages on stderr,
//! and returns an [`Exit`] code. [`drive`] runs the pipeline for the commands that read
//! documents: output is written (and flushed) document by document, in input order.
//! [`drive_feed`] does the same for the commands that also read records (`--input jsonl`
//! or `csv`): one result per record, in input order.

mod analyze;
mod diff;
mod meta;
mod parse;
mod text;
mod views;

use crate::cli::{Cli, Command, InputKind, RecordArgs};
use crate::engine::{Engine, Segmenting};
use crate::ingest::records::{self, CsvConfig, Failure, Reader};
use crate::ingest::windows::Windows;
use crate::output::progress::Progress;
use crate::pipeline::Apply;
use crate::pipeline::{self, Input, RecordInfo};
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

/// Process exit codes (documented in the README and `--help`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Exit {
    /// Every input processed (diff: no differences).
    Ok = 0,
    /// Some input failed; the others were processed (diff: differences found).
    Failed = 1,
    /// Usage error or trouble (bad dictionary, bad argument).
    Usage = 2,
}

impl Exit {
    /// The worse of two outcomes.
    pub fn merge(self, other: Exit) -> Exit {
        self.max(other)
    }
}

/// What the commands that read documents share: the engine and the talk settings.
pub(crate) struct Ctx<'a> {
    /// Dictionaries and indexes.
    pub engine: &'a Engine,
    /// Colour standard output (`--color`, NO_COLOR).
    pub color: bool,
    /// Progress bar and summary on stderr (a terminal, no `--quiet`).
    pub talk: bool,
}

/// Buffered stdout that remembers whether a write failed. A command reports its own write
/// error through [`finish`]; without this, the final flush in [`run`] would retry the bytes
/// still in the buffer, fail the same way and print the same message a second time.
struct Stdout<W: Write> {
    out: io::BufWriter<W>,
    failed: bool,
}

impl<W: Write> Write for Stdout<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let r = self.out.write(buf);
        self.failed |= r
            .as_ref()
            .is_err_and(|e| e.kind() != io::ErrorKind::Interrupted);
        r
    }

    fn flush(&mut self) -> io::Result<()> {
        let r = self.out.flush();
        self.failed |= r.is_err();
        r
    }
}

impl<W: Write> Stdout<W> {
    /// Flush at the end of the run, unless a write already failed (and was reported): then
    /// the buffered rest is dropped without another try.
    fn close(self, exit: Exit) -> Exit {
        if self.failed {
            let _ = self.out.into_parts();
            return exit;
        }
        let mut out = self.out;
        finish(out.flush(), exit)
    }
}

/// Map a write result: a closed pipe (`| head`) is not an error.
pub(crate) fn finish(r: io::Result<()>, exit: Exit) -> Exit {
    match r {
        Ok(()) => exit,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => exit,
        Err(e) => {
            eprintln!("policylens: cannot write output: {e}");
            exit.merge(Exit::Usage)
        }
    }
}

/// Whether standard input has data to read: a pipe, a file or a socket, not a terminal
/// and not a device such as /dev/null (ripgrep's rule).
fn stdin_is_readable() -> bool {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        use std::os::unix::fs::FileTypeExt;
        let Ok(fd) = io::stdin().as_fd().try_clone_to_owned() else {
            return false;
        };
        std::fs::File::from(fd).metadata().is_ok_and(|m| {
            let t = m.file_type();
            t.is_file() || t.is_fifo() || t.is_socket()
        })
    }
    #[cfg(not(unix))]
    {
        !io::stdin().is_terminal()
    }
}

/// The paths of a command, or `-` when none are given and standard input is readable;
/// else a usage error.
fn paths_or_stdin(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Exit> {
    if !paths.is_empty() {
        return Ok(paths.to_vec());
    }
    if stdin_is_readable() {
        return Ok(vec![PathBuf::from("-")]);
    }
    eprintln!(
        "policylens: no PATH given and nothing on standard input (give a file, a folder, or - to read standard input)"
    );
    Err(Exit::Usage)
}

/// The inputs of a command: its paths, or standard input when none are given and standard
/// input is readable; else a usage error.
pub(crate) fn inputs(paths: &[PathBuf]) -> Result<Vec<Input>, Exit> {
    paths_or_stdin(paths).map(|p| pipeline::inputs(&p))
}

/// What a command reads: documents (a file each) or records (many in a file).
pub(crate) enum Feed {
    /// One document per file.
    Files(Vec<Input>),
    /// One document per record.
    Records(Reader),
}

impl Feed {
    /// The feed of a command: its paths (or standard input) read as `--input` says.
    pub(crate) fn new(paths: &[PathBuf], r: &RecordArgs) -> Result<Feed, Exit> {
        if r.input != InputKind::Csv && (r.text_column.is_some() || r.id_column.is_some()) {
            eprintln!("policylens: --text-column and --id-column go with --input csv");
            return Err(Exit::Usage);
        }
        let kind = match r.input {
            InputKind::Files => return inputs(paths).map(Feed::Files),
            InputKind::Jsonl => records::Kind::Jsonl,
            InputKind::Csv => records::Kind::Csv(CsvConfig {
                text: r.text_column.clone().unwrap_or_else(|| "text".into()),
                id: r.id_column.clone(),
            }),
        };
        let paths = paths_or_stdin(paths)?;
        Ok(Feed::Records(Reader::new(
            crate::ingest::expand(&paths),
            kind,
        )))
    }

    /// Whether the feed is records (the output's default format is then JSON Lines).
    pub(crate) fn is_records(&self) -> bool {
        matches!(self, Feed::Records(_))
    }
}

/// One result for a command's writer.
pub(crate) enum Emit<'a, T> {
    /// What a document gave: its label, and for a record how the output keys it.
    Doc {
        label: &'a str,
        value: T,
        record: Option<&'a RecordInfo>,
    },
    /// A record that could not be used (not an input that could not be read): the formats
    /// that write one object per record write an error record for it.
    Bad(&'a Failure),
}

/// One run over a feed: what it reads and what the summary line counts.
pub(crate) struct Run {
    pub feed: Feed,
    /// `targets`, `dates` … (none: the summary counts documents only).
    pub noun: Option<&'static str>,
}

/// [`drive`] over a feed of files or records. A record that fails is printed on stderr
/// with its input and line, handed to `emit` as [`Emit::Bad`], and makes the exit code 1.
pub(crate) fn drive_feed<T: Send>(
    ctx: &Ctx,
    run: Run,
    out: &mut dyn Write,
    f: Apply<T>,
    mut emit: impl FnMut(&mut dyn Write, Emit<'_, T>) -> io::Result<usize>,
) -> (io::Result<()>, Exit) {
    let reader = match run.feed {
        Feed::Files(inputs) => {
            let job = Job {
                inputs,
                noun: run.noun,
            };
            return drive(ctx, job, out, f, |out, label, value| {
                let record = None;
                emit(
                    out,
                    Emit::Doc {
                        label,
                        value,
                        record,
                    },
                )
            });
        }
        Feed::Records(reader) => reader,
    };
    let mut progress = Progress::records(run.noun, ctx.talk);
    let mut exit = Exit::Ok;
    let r = pipeline::stream_records(reader, ctx.engine, f, |done| {
        match done.result {
            Ok((info, value)) => {
                let doc = Emit::Doc {
                    label: &info.name,
                    value,
                    record: Some(&info),
                };
                written(&mut progress, out, done.bytes, |out| emit(out, doc))?;
            }
            Err(failure) if failure.error.is_note() => progress.note(&failure),
            Err(failure) => {
                if failure.error.is_record() {
                    progress.suspend(|| {
                        emit(out, Emit::Bad(&failure))?;
                        out.flush()
                    })?;
                }
                progress.failed(&failure);
                exit = exit.merge(Exit::Failed);
            }
        }
        Ok(())
    });
    progress.finish();
    (r, exit)
}

/// Write one finished document through `emit` with the progress bar out of the way, flush
/// it (so that `| head` sees it at once), and count it on the bar.
fn written(
    progress: &mut Progress,
    out: &mut dyn Write,
    bytes: usize,
    emit: impl FnOnce(&mut dyn Write) -> io::Result<usize>,
) -> io::Result<()> {
    let items = progress.suspend(|| {
        let items = emit(&mut *out)?;
        out.flush().map(|_| items)
    })?;
    progress.done(bytes, items);
    Ok(())
}

/// One run of the pipeline: the inputs and what the summary line counts.
pub(crate) struct Job {
    pub inputs: Vec<Input>,
    /// `targets`, `dates` … (none: the summary counts documents only).
    pub noun: Option<&'static str>,
}

/// Run `f` on every document of `job` on all cores and hand each result to `emit` with the
/// input's label, in input order; `emit` writes to `out` (flushed after each document) and
/// returns how many items it counted. Failed inputs are printed on stderr and make the exit
/// code 1; the progress bar and the summary follow `ctx.talk`.
pub(crate) fn drive<T: Send>(
    ctx: &Ctx,
    job: Job,
    out: &mut dyn Write,
    f: Apply<T>,
    mut emit: impl FnMut(&mut dyn Write, &str, T) -> io::Result<usize>,
) -> (io::Result<()>, Exit) {
    let mut progress = Progress::new(job.inputs.len(), job.noun, ctx.talk);
    let mut exit = Exit::Ok;
    let r = pipeline::stream(job.inputs, ctx.engine, f, |done| {
        match done.result {
            Ok(v) => written(&mut progress, out, done.bytes, |out| {
                emit(out, &done.label, v)
            })?,
            Err(e) if e.is_note() => progress.note(&e),
            Err(e) => {
                progress.failed(&e);
                exit = exit.merge(Exit::Failed);
            }
        }
        Ok(())
    });
    progress.finish();
    (r, exit)
}

/// Run a parsed command line: the one command of a process (the binary calls it once;
/// the engine it loads lives until the process exits).
pub fn run(cli: Cli) -> Exit {
    let stdout = io::stdout();
    let mut out = Stdout {
        out: io::BufWriter::new(stdout.lock()),
        failed: false,
    };
    let exit = dispatch(cli, &mut out);
    out.close(exit)
}

fn dispatch(cli: Cli, out: &mut dyn Write) -> Exit {
    let command = match cli.command {
        Some(Command::Completions(a)) => return meta::completions(&a, out),
        Some(Command::Man) => return meta::man(out),
        Some(Command::Rules(a)) => return meta::rules(&a, out),
        None if !cli.version => return meta::missing_command(),
        c => c,
    };
    // the commands that segment have jieba built alongside the rest
    let segmenting = match &command {
        // parse reads figures and dates with the grammars alone
        Some(Command::Normalize(_) | Command::Parse(_)) | None => Segmenting::OnFirstUse,
        Some(_) if cli.version => Segmenting::OnFirstUse,
        Some(_) => Segmenting::Now,
    };
    let mut engine = match Engine::load_with(cli.dicts.as_deref(), segmenting) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("policylens: dictionary error: {e}");
            return Exit::Usage;
        }
    };
    engine.windows = Windows::of_size(cli.window_kib.saturating_mul(1024));
    for w in &engine.dicts.warnings {
        eprintln!("policylens: warning: {w}");
    }
    // never freed: taking the dictionaries, automata and jieba model apart at exit cost
    // about 4% of the start-up of a run over one file, for memory the OS takes back anyway
    let engine: &Engine = Box::leak(Box::new(engine));
    let ctx = Ctx {
        engine,
        color: crate::output::use_color(cli.color),
        talk: io::stderr().is_terminal() && !cli.quiet,
    };
    let Some(command) = command.filter(|_| !cli.version) else {
        return meta::version(&ctx, cli.dicts.as_deref(), out);
    };
    match command {
        Command::Analyze(a) => analyze::run(&a, &ctx, out),
        Command::Targets(a) => views::targets(&a, &ctx, out),
        Command::Dates(a) => views::dates(&a, &ctx, out),
        Command::Regions(a) => views::regions(&a, &ctx, out),
        Command::Tasks(a) => views::tasks(&a, &ctx, out),
        Command::Normalize(a) => text::normalize(&a, &ctx, out),
        Command::Segment(a) => text::segment(&a, &ctx, out),
        Command::Parse(a) => parse::run(&a, &ctx, out),
        Command::Diff(a) => diff::run(&a, &ctx, out),
        Command::Completions(_) | Command::Man | Command::Rules(_) => Exit::Ok,
    }
}
