//! Commands about the tool itself: `--version` (with the dictionary data it runs on),
//! `completions`, `man`, and the check that a `--dicts` folder holds only known file names.

use super::{finish, Ctx, Exit};
use crate::cli::{Cli, CompletionsArgs};
use clap::CommandFactory;
use std::io::Write;
use std::path::Path;

/// The date of the Ministry of Civil Affairs' place-name dump the built-in division list
/// was checked against and completed from (README, "Data and licenses").
pub const DIVISIONS_AS_OF: &str = "2026-09-11";

/// `--version`: the version and the loaded dictionary data (counted, not assumed: a
/// `--dicts` folder may add rows).
pub(crate) fn version(ctx: &Ctx, user_dir: Option<&Path>, out: &mut dyn Write) -> Exit {
    let d = &ctx.engine.dicts;
    let t = crate::output::thousands;
    let source = match user_dir {
        Some(dir) => format!("built-in dictionaries extended by {}", dir.display()),
        None => "built-in dictionaries".to_string(),
    };
    let r = writeln!(
        out,
        "policylens {}\ndivision list as of {DIVISIONS_AS_OF}: {} current and {} retired units, {} named areas ({source})",
        env!("CARGO_PKG_VERSION"),
        t(d.divisions.rows.len()),
        t(d.retired.rows.len()),
        t(d.areas.rows.len()),
    );
    finish(r, Exit::Ok)
}

/// `completions SHELL`: a completion script on stdout.
pub(crate) fn completions(a: &CompletionsArgs, out: &mut dyn Write) -> Exit {
    let mut cmd = Cli::command();
    let mut buf = Vec::new();
    clap_complete::generate(a.shell, &mut cmd, "policylens", &mut buf);
    finish(out.write_all(&buf), Exit::Ok)
}

/// `man`: the man page (roff) on stdout.
pub(crate) fn man(out: &mut dyn Write) -> Exit {
    let mut buf = Vec::new();
    let r = clap_mangen::Man::new(Cli::command())
        .render(&mut buf)
        .and_then(|_| out.write_all(&buf));
    finish(r, Exit::Ok)
}

/// No subcommand (only global options): the usage, exit 2.
pub(crate) fn missing_command() -> Exit {
    let err = Cli::command().error(
        clap::error::ErrorKind::MissingSubcommand,
        "a command is needed (policylens --help lists them)",
    );
    // printing the usage can only fail if stderr is gone
    let _ = err.print();
    Exit::Usage
}
