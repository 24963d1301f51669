//! Commands about the tool itself: `--version` (with the dictionary data it runs on),
//! `rules`, `completions`, `man`, and the check that a `--dicts` folder holds only known file names.

use super::{finish, Ctx, Exit};
use crate::cli::{Cli, CompletionsArgs, RulesArgs, RulesFormat};
use crate::rules::Rule;
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

/// `rules`: every extraction rule's name, kind and description, in registry order.
pub(crate) fn rules(a: &RulesArgs, out: &mut dyn Write) -> Exit {
    let rules: Vec<Rule> = Rule::ALL
        .iter()
        .copied()
        .filter(|r| a.kind.is_none_or(|k| r.kind() == k.as_str()))
        .collect();
    let text = match a.format {
        RulesFormat::Table => {
            let mut t = crate::output::table(&["rule", "reads"]);
            for r in &rules {
                t.add_row(vec![r.as_str(), r.description()]);
            }
            format!("{t}\n")
        }
        RulesFormat::Json => {
            let rows: Vec<_> = rules
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "rule": r.as_str(),
                        "kind": r.kind(),
                        "description": r.description(),
                    })
                })
                .collect();
            format!("{}\n", serde_json::Value::Array(rows))
        }
        RulesFormat::Tsv => {
            let mut text = String::from("rule\tkind\tdescription\n");
            for r in &rules {
                text.push_str(&format!(
                    "{}\t{}\t{}\n",
                    r.as_str(),
                    r.kind(),
                    r.description()
                ));
            }
            text
        }
    };
    finish(out.write_all(text.as_bytes()), Exit::Ok)
}
