//! Subcommands: each turns parsed arguments into output on stdout and messages on stderr,
//! and returns an [`Exit`] code.

mod diff;
mod parse;
mod text;
mod views;

use crate::cli::{Cli, Command};
use crate::engine::Engine;
use crate::error::InputError;
use std::io::{self, Write};

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

/// Print input errors to stderr (`path: reason`) and return the exit code they imply. A
/// note (an input skipped on purpose, see [`InputError::is_note`]) does not fail the run.
pub(crate) fn report_errors<T>(results: &[Result<T, InputError>]) -> Exit {
    let mut exit = Exit::Ok;
    for r in results {
        if let Err(e) = r {
            eprintln!("policylens: {e}");
            if !e.is_note() {
                exit = exit.merge(Exit::Failed);
            }
        }
    }
    exit
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

/// Run a parsed command line.
pub fn run(cli: Cli) -> Exit {
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
    let stdout = io::stdout();
    let mut out = Stdout {
        out: io::BufWriter::new(stdout.lock()),
        failed: false,
    };
    let engine = &engine;
    let exit = match cli.command {
        Command::Analyze(a) => views::analyze(&a, engine, &mut out),
        Command::Targets(a) => views::targets(&a, engine, &mut out),
        Command::Dates(a) => views::dates(&a, engine, &mut out),
        Command::Regions(a) => views::regions(&a, engine, &mut out),
        Command::Tasks(a) => views::tasks(&a, engine, &mut out),
        Command::Normalize(a) => text::normalize(&a, engine, &mut out),
        Command::Segment(a) => text::segment(&a, engine, &mut out),
        Command::Parse(a) => parse::run(&a, engine, &mut out),
        Command::Diff(a) => diff::run(&a, engine, &mut out),
    };
    out.close(exit)
}
