//! Subcommands: each turns parsed arguments into output on stdout and messages on stderr,
//! and returns an [`Exit`] code. [`drive`] runs the pipeline for the commands that read
//! documents: output is written (and flushed) document by document, in input order.

mod analyze;
mod diff;
mod meta;
mod parse;
mod text;
mod views;

use crate::cli::{Cli, Command};
use crate::engine::Engine;
use crate::normalize::Document;
use crate::output::progress::Progress;
use crate::pipeline::{self, Input};
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

/// The inputs of a command: its paths, or standard input when none are given and standard
/// input is readable; else a usage error.
pub(crate) fn inputs(paths: &[PathBuf]) -> Result<Vec<Input>, Exit> {
    if !paths.is_empty() {
        return Ok(pipeline::inputs(paths));
    }
    if stdin_is_readable() {
        return Ok(pipeline::inputs(&[PathBuf::from("-")]));
    }
    eprintln!(
        "policylens: no PATH given and nothing on standard input (give a file, a folder, or - to read standard input)"
    );
    Err(Exit::Usage)
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
    f: impl Fn(&Document) -> T + Sync,
    mut emit: impl FnMut(&mut dyn Write, &str, T) -> io::Result<usize>,
) -> (io::Result<()>, Exit) {
    let mut progress = Progress::new(job.inputs.len(), job.noun, ctx.talk);
    let mut exit = Exit::Ok;
    let r = pipeline::stream(job.inputs, ctx.engine, f, |done| {
        match done.result {
            Ok(v) => {
                let items = progress.suspend(|| {
                    let items = emit(out, &done.label, v)?;
                    out.flush().map(|_| items)
                })?;
                progress.done(done.bytes, items);
            }
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

/// Run a parsed command line.
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
        None if !cli.version => return meta::missing_command(),
        c => c,
    };
    let engine = match Engine::load(cli.dicts.as_deref()) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("policylens: dictionary error: {e}");
            return Exit::Usage;
        }
    };
    for w in &engine.dicts.warnings {
        eprintln!("policylens: warning: {w}");
    }
    let engine = &engine;
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
        Command::Completions(_) | Command::Man => Exit::Ok,
    }
}
