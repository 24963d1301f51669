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
                exit = Exit::Failed;
            }
        }
    }
    exit
}

/// Map a write result: a closed pipe (`| head`) is not an error.
pub(crate) fn finish(r: io::Result<()>, exit: Exit) -> Exit {
    match r {
        Ok(()) => exit,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => exit,
        Err(e) => {
            eprintln!("policylens: cannot write output: {e}");
            Exit::Usage
        }
    }
}

/// Run a parsed command line.
pub fn run(cli: Cli) -> Exit {
    crate::dicts::set_user_dir(cli.dicts.clone());
    let engine = match Engine::init() {
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
    let mut out = io::BufWriter::new(stdout.lock());
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
    finish(out.flush(), exit)
}
