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

/// Edit distance, for suggesting the file a misnamed one was meant to be.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// The files in a `--dicts` folder (and its `regions/`) whose names no dictionary has,
/// each with the known name it is closest to, if any is close.
pub fn unknown_dict_files(dir: &Path) -> Vec<(String, Option<&'static str>)> {
    let known: Vec<&'static str> = crate::dicts::EMBEDDED.iter().map(|(n, _)| *n).collect();
    let mut found = Vec::new();
    let mut list = |sub: &str| {
        let Ok(entries) = std::fs::read_dir(dir.join(sub)) else {
            return;
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
            if name.starts_with('.')
                || name.starts_with("README")
                || (sub.is_empty() && name == "regions" && is_dir)
            {
                continue;
            }
            let rel = if sub.is_empty() {
                name
            } else {
                format!("{sub}/{name}")
            };
            if !known.contains(&rel.as_str()) {
                found.push(rel);
            }
        }
    };
    list("");
    list("regions");
    found.sort();
    found
        .into_iter()
        .map(|rel| {
            let best = known
                .iter()
                .map(|k| (distance(&rel, k), *k))
                .min()
                .filter(|(d, _)| *d <= 3)
                .map(|(_, k)| k);
            (rel, best)
        })
        .collect()
}

/// Warn (stderr) about every file in a `--dicts` folder that no dictionary reads.
pub(crate) fn warn_unknown_dict_files(dir: &Path) {
    for (rel, best) in unknown_dict_files(dir) {
        let hint = best.map_or(String::new(), |k| format!(" (did you mean {k}?)"));
        eprintln!(
            "policylens: warning: {}: not a dictionary file name, ignored{hint}",
            dir.join(&rel).display()
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn misnamed_files_are_found_with_a_suggestion() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("regions")).unwrap();
        for f in [
            "unit.tsv",
            "units.tsv",
            "README.md",
            "regions/area.tsv",
            "regions/areas.tsv",
        ] {
            std::fs::write(dir.path().join(f), "x\n").unwrap();
        }
        let got = unknown_dict_files(dir.path());
        assert_eq!(
            got,
            [
                ("regions/area.tsv".to_string(), Some("regions/areas.tsv")),
                ("unit.tsv".to_string(), Some("units.tsv")),
            ]
        );
        assert_eq!(distance("kitten", "sitting"), 3);
    }
}
