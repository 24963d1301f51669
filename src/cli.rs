//! Command-line interface (clap derive). Doc comments here are the `--help` text.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Pull targets, dates, regions and task lists out of Chinese policy documents.
///
/// PATH may be a file, a folder (read recursively, in sorted order, hidden entries skipped)
/// or `-` for standard input. Encodings: UTF-8 (with or without BOM), UTF-16 with BOM,
/// GB18030/GBK. Formats: plain text, HTML, Markdown with YAML front matter.
///
/// Exit codes: 0 every input processed, 1 some input failed (the others were still
/// processed), 2 usage error. `diff`: 0 no differences, 1 differences, 2 trouble.
#[derive(Debug, Parser)]
#[command(name = "policylens", version, about, long_about)]
pub struct Cli {
    /// Folder of dictionary files that extend the built-in ones (same file names as dicts/).
    #[arg(long, global = true, env = "POLICYLENS_DICTS", value_name = "DIR")]
    pub dicts: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A table for reading in a terminal.
    Table,
    /// Plain text (normalize, segment).
    Text,
    /// One JSON array.
    Json,
    /// One JSON object per line.
    Jsonl,
}

/// Paths and an output format.
#[derive(Debug, Args)]
pub struct PathsArgs {
    /// Files, folders, or - for standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format (default: table; text for normalize and segment).
    #[arg(long, short, value_enum)]
    pub format: Option<Format>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Everything: targets, dates, regions, task lists, publication date, source facts.
    Analyze(PathsArgs),
    /// Print the normalized text (simplified, half-width, no markup or site boilerplate).
    Normalize(PathsArgs),
    /// Print jieba tokens of the normalized text (space-separated, or JSON with spans).
    Segment(PathsArgs),
    /// Quantified goals and reported figures.
    Targets(PathsArgs),
    /// Dates, planning periods and the publication date.
    Dates(PathsArgs),
    /// Administrative divisions (with codes) and named areas.
    Regions(PathsArgs),
    /// Task lists and plan outlines, with declared counts checked.
    Tasks(PathsArgs),
    /// Show what the number and date grammar reads in a phrase (one JSON line per phrase).
    Parse(ParseArgs),
    /// Compare the targets of two documents (or two folders, files paired by name, or two
    /// reports saved by `analyze --format json|jsonl`).
    Diff(DiffArgs),
}

/// Arguments of `parse`.
#[derive(Debug, Args)]
pub struct ParseArgs {
    /// Phrases to read; - reads one phrase per line from standard input.
    #[arg(required = true, value_name = "TEXT")]
    pub texts: Vec<String>,
    /// Stands in for the publication date when resolving 今年, 明年 and month–days.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub reference: Option<String>,
}

/// Arguments of `diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The old plan (file or folder; - for standard input).
    pub old: PathBuf,
    /// The new plan (file or folder).
    pub new: PathBuf,
    /// Output format.
    #[arg(long, short, value_enum)]
    pub format: Option<Format>,
    /// Also list indicators that did not change.
    #[arg(long)]
    pub all: bool,
}
