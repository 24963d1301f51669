//! Command-line interface (clap derive). Doc comments here are the `--help` text; each
//! subcommand's `after_help` holds two or three examples.
//!
//! Every command takes only the output formats it can write: clap rejects the others
//! (`normalize --format csv` is a usage error, exit 2).

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Pull targets, dates, regions and task lists out of Chinese policy documents.
///
/// PATH may be a file, a folder (read recursively, in sorted order, hidden entries skipped)
/// or `-` for standard input; with no PATH, standard input is read when it is a pipe or a
/// file. Encodings: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK. Formats:
/// plain text, HTML, Markdown with YAML front matter.
///
/// Exit codes: 0 every input processed, 1 some input failed (the others were still
/// processed), 2 usage error. `diff`: 0 no differences, 1 differences, 2 trouble.
#[derive(Debug, Parser)]
#[command(
    name = "policylens",
    version,
    about,
    long_about,
    disable_version_flag = true,
    arg_required_else_help = true,
    after_help = EXAMPLES
)]
pub struct Cli {
    /// Folder of dictionary files that extend the built-in ones (same file names as dicts/).
    #[arg(long, global = true, env = "POLICYLENS_DICTS", value_name = "DIR")]
    pub dicts: Option<PathBuf>,

    /// When to colour the output: auto (a terminal, and NO_COLOR unset), always, never.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// No progress bar and no summary line on stderr (errors are still printed).
    #[arg(long, short, global = true)]
    pub quiet: bool,

    /// A text longer than twice this many KiB is analyzed in windows of this size, cut at
    /// chapter, section or paragraph breaks, on all cores and in bounded memory; 0 reads
    /// every text whole.
    #[arg(long, global = true, default_value_t = crate::ingest::windows::DEFAULT_SIZE / 1024, value_name = "KIB")]
    pub window_kib: usize,

    /// Print the version and the dictionary data it runs on (division list date, counts).
    #[arg(long, short = 'V')]
    pub version: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

const EXAMPLES: &str = "\
Examples:
  policylens analyze plans/
  policylens targets --indicator 数字经济核心产业增加值 plans/ --format csv --bom > targets.csv
  cat plan.txt | policylens tasks --mismatch";

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when standard output is a terminal and NO_COLOR is unset or empty.
    Auto,
    /// Always colour, even when piped or with NO_COLOR set.
    Always,
    /// Never colour.
    Never,
}

/// Output formats of `analyze`, the per-kind views and `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DataFormat {
    /// A table for reading in a terminal.
    Table,
    /// One JSON array (of documents; of aligned rows for diff).
    Json,
    /// JSON Lines: one object per item (per document for analyze).
    Jsonl,
    /// Comma-separated values (RFC 4180) with a header row: one row per item.
    Csv,
    /// Tab-separated values with a header row: one row per item.
    Tsv,
}

/// Output formats of `normalize` and `segment`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TextFormat {
    /// Plain text.
    Text,
    /// One JSON array of documents.
    Json,
    /// One JSON object per document and line.
    Jsonl,
}

/// Output formats of `parse`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ParseFormat {
    /// A table of what was read in each phrase.
    Table,
    /// One JSON object per phrase and line.
    Json,
}

/// The paths to read.
#[derive(Debug, Args)]
pub struct Inputs {
    /// Files, folders, or - for standard input (the default when standard input is a pipe
    /// or a file).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

/// Output options of the commands that write tidy data (tables, JSON, CSV).
#[derive(Debug, Args)]
pub struct Output {
    /// Output format [default: table; jsonl with --input jsonl or csv].
    #[arg(long, short, value_enum)]
    pub format: Option<DataFormat>,
    /// Start CSV or TSV output with a UTF-8 byte-order mark, so that Excel reads the Chinese.
    #[arg(long)]
    pub bom: bool,
}

impl Output {
    /// The format asked for, else the default: JSON Lines when the input is records (one
    /// line out per record in), a table otherwise.
    pub fn format(&self, records: bool) -> DataFormat {
        match (self.format, records) {
            (Some(f), _) => f,
            (None, true) => DataFormat::Jsonl,
            (None, false) => DataFormat::Table,
        }
    }
}

/// How PATH is read: as documents, or as records that each hold one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputKind {
    /// Every file is one document.
    Files,
    /// JSON Lines: one record a line, `{"id": …, "text": …}` (also `path`, `format`,
    /// `published`, `title`; other fields are passed through under `meta`).
    Jsonl,
    /// CSV with a header row: one record a row (see --text-column, --id-column).
    Csv,
}

/// Records in: many documents in one file or stream (a crawl kept as JSON Lines or CSV).
#[derive(Debug, Args)]
pub struct RecordArgs {
    /// How to read PATH: files (one document each), jsonl or csv (one document per record).
    #[arg(long, value_enum, default_value_t = InputKind::Files, value_name = "KIND")]
    pub input: InputKind,
    /// With --input csv: the column that holds the text [default: text].
    #[arg(long, value_name = "NAME")]
    pub text_column: Option<String>,
    /// With --input csv: the column that names the record [default: id, else path].
    #[arg(long, value_name = "NAME")]
    pub id_column: Option<String>,
}

/// A year or an inclusive range of years: `2025`, `2021..2025`, `2021..`, `..2025`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearRange {
    /// First year, if bounded below.
    pub from: Option<i32>,
    /// Last year (inclusive), if bounded above.
    pub to: Option<i32>,
}

impl YearRange {
    /// Whether the year `y` is in the range.
    pub fn contains(&self, y: i32) -> bool {
        self.from.is_none_or(|f| y >= f) && self.to.is_none_or(|t| y <= t)
    }

    /// Whether the years `a..=b` overlap the range.
    pub fn overlaps(&self, a: i32, b: i32) -> bool {
        self.from.is_none_or(|f| b >= f) && self.to.is_none_or(|t| a <= t)
    }
}

impl std::str::FromStr for YearRange {
    type Err = String;

    fn from_str(s: &str) -> Result<YearRange, String> {
        let year = |p: &str| -> Result<Option<i32>, String> {
            match p.trim() {
                "" => Ok(None),
                p => p
                    .parse::<i32>()
                    .ok()
                    .filter(|y| (1000..=9999).contains(y))
                    .map(Some)
                    .ok_or_else(|| format!("{p:?} is not a four-digit year")),
            }
        };
        let r = match s.split_once("..") {
            Some((a, b)) => YearRange {
                from: year(a)?,
                to: year(b)?,
            },
            None => {
                let y = year(s)?.ok_or("a year is needed: 2025 or 2021..2025")?;
                YearRange {
                    from: Some(y),
                    to: Some(y),
                }
            }
        };
        match (r.from, r.to) {
            (Some(a), Some(b)) if a > b => Err(format!("{a} is after {b}")),
            _ => Ok(r),
        }
    }
}

/// A target's kind, for `--kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindFilter {
    /// A goal.
    Target,
    /// A reported (achieved) figure.
    Status,
}

/// A region's level, for `--level`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LevelFilter {
    /// Provinces, autonomous regions, municipalities, SARs.
    Province,
    /// Prefecture-level units.
    Prefecture,
    /// County-level units.
    County,
    /// Named areas (长三角, 成渝地区双城经济圈 …).
    Area,
    /// Short names that could not be resolved to one unit.
    Ambiguous,
}

impl LevelFilter {
    /// The `level` value of the JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            LevelFilter::Province => "province",
            LevelFilter::Prefecture => "prefecture",
            LevelFilter::County => "county",
            LevelFilter::Area => "area",
            LevelFilter::Ambiguous => "ambiguous",
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Everything: targets, dates, regions, task lists, publication date, source facts.
    #[command(after_help = "\
Examples:
  policylens analyze plans/
  policylens analyze plan.html --format json | jq '.[0].targets'
  policylens analyze plans/ --format csv --bom > documents.csv
  policylens analyze --input jsonl crawl.jsonl > reports.jsonl")]
    Analyze(AnalyzeArgs),
    /// Print the normalized text (simplified, half-width, no markup or site boilerplate).
    #[command(after_help = "\
Examples:
  policylens normalize plan.html | less
  policylens normalize plans/ --format jsonl | jq -r .text")]
    Normalize(TextArgs),
    /// Print jieba tokens of the normalized text (space-separated, or JSON with spans).
    #[command(after_help = "\
Examples:
  policylens segment plan.txt
  policylens segment plan.txt --format json | jq '.[0].tokens[:5]'")]
    Segment(TextArgs),
    /// Quantified goals and reported figures.
    #[command(after_help = "\
Examples:
  policylens targets plans/ --year 2021..2025 --unit %
  policylens targets --indicator 数字经济核心产业增加值 plans/ --format csv > indicator.csv
  policylens targets plan.txt --kind status --evidence")]
    Targets(TargetsArgs),
    /// Dates, planning periods and the publication date.
    #[command(after_help = "\
Examples:
  policylens dates plan.txt
  policylens dates plans/ --year 2025 --format csv")]
    Dates(DatesArgs),
    /// Administrative divisions (with codes) and named areas.
    #[command(after_help = "\
Examples:
  policylens regions plan.txt --level prefecture --level county
  policylens regions plans/ --format tsv > places.tsv")]
    Regions(RegionsArgs),
    /// Task lists and plan outlines, with declared counts checked.
    #[command(after_help = "\
Examples:
  policylens tasks plan.txt
  policylens tasks plans/ --mismatch
  policylens tasks plans/ --format csv --bom > tasks.csv")]
    Tasks(TasksArgs),
    /// Show what the number and date grammar reads in a phrase.
    #[command(after_help = "\
Examples:
  policylens parse 发明专利授权量达到2.5万项以上
  policylens parse 今年5月 --reference 2021-06-01 --format json
  printf '3-5个\\n2021—2025年\\n' | policylens parse -")]
    Parse(ParseArgs),
    /// Compare the targets of two documents (or two folders, files paired by their path
    /// inside the folder, or two reports saved by `analyze --format json|jsonl`).
    #[command(after_help = "\
Examples:
  policylens diff draft.txt final.txt
  policylens diff 2016/ 2021/ --all --format csv > changes.csv
  policylens diff old.json new.txt --format json | jq '.[] | select(.status == \"changed\")'")]
    Diff(DiffArgs),
    /// List the extraction rules: the name every item's `rule` field holds, and what it reads.
    #[command(after_help = "\
Examples:
  policylens rules
  policylens rules --kind target
  policylens rules --format json | jq -r '.[].rule'")]
    Rules(RulesArgs),
    /// Print a shell completion script.
    #[command(after_help = "\
Examples:
  policylens completions bash > /etc/bash_completion.d/policylens
  policylens completions zsh > ~/.zfunc/_policylens
  policylens completions fish > ~/.config/fish/completions/policylens.fish")]
    Completions(CompletionsArgs),
    /// Print the man page (roff).
    #[command(after_help = "\
Examples:
  policylens man > policylens.1 && man ./policylens.1")]
    Man,
}

/// Arguments of `analyze`.
#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    #[command(flatten)]
    pub input: Inputs,
    #[command(flatten)]
    pub records: RecordArgs,
    #[command(flatten)]
    pub output: Output,
}

/// Arguments of `normalize` and `segment`.
#[derive(Debug, Args)]
pub struct TextArgs {
    #[command(flatten)]
    pub input: Inputs,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = TextFormat::Text)]
    pub format: TextFormat,
}

/// Arguments of `targets`.
#[derive(Debug, Args)]
pub struct TargetsArgs {
    #[command(flatten)]
    pub input: Inputs,
    #[command(flatten)]
    pub records: RecordArgs,
    #[command(flatten)]
    pub output: Output,
    /// Add the evidence (the clause each target was read from) to the table.
    #[arg(long)]
    pub evidence: bool,
    /// Show, per item, the rule that read it and the evidence, and under each table what
    /// those rules read (`policylens rules` lists them all; JSON, JSONL and CSV always carry
    /// `rule`).
    #[arg(long)]
    pub explain: bool,
    /// Only goals (target) or only reported figures (status).
    #[arg(long, value_enum)]
    pub kind: Option<KindFilter>,
    /// Only targets of this year or range of years (2025, 2021..2025, 2021.., ..2025).
    #[arg(long, value_name = "YEAR[..YEAR]")]
    pub year: Option<YearRange>,
    /// Only targets in this unit (%, 个百分点, 家, 亿元 …; exact).
    #[arg(long)]
    pub unit: Option<String>,
    /// Only indicators containing TEXT (either script, any width); keeps one target per
    /// document, year, unit and indicator (the first in the text).
    #[arg(long, value_name = "TEXT")]
    pub indicator: Option<String>,
}

/// Arguments of `dates`.
#[derive(Debug, Args)]
pub struct DatesArgs {
    #[command(flatten)]
    pub input: Inputs,
    #[command(flatten)]
    pub records: RecordArgs,
    #[command(flatten)]
    pub output: Output,
    /// Accepted for symmetry with the other views: dates always show their evidence.
    #[arg(long)]
    pub evidence: bool,
    /// Show, per item, the rule that read it and the evidence, and under each table what
    /// those rules read (`policylens rules` lists them all; JSON, JSONL and CSV always carry
    /// `rule`).
    #[arg(long)]
    pub explain: bool,
    /// Only dates in this year or range (periods that overlap it).
    #[arg(long, value_name = "YEAR[..YEAR]")]
    pub year: Option<YearRange>,
}

/// Arguments of `regions`.
#[derive(Debug, Args)]
pub struct RegionsArgs {
    #[command(flatten)]
    pub input: Inputs,
    #[command(flatten)]
    pub records: RecordArgs,
    #[command(flatten)]
    pub output: Output,
    /// Add the evidence (the text of the first mention) to the table.
    #[arg(long)]
    pub evidence: bool,
    /// Show, per item, the rule that read it and the evidence, and under each table what
    /// those rules read (`policylens rules` lists them all; JSON, JSONL and CSV always carry
    /// `rule`).
    #[arg(long)]
    pub explain: bool,
    /// Only places of this level (repeat for several).
    #[arg(long, value_enum)]
    pub level: Vec<LevelFilter>,
}

/// Arguments of `tasks`.
#[derive(Debug, Args)]
pub struct TasksArgs {
    #[command(flatten)]
    pub input: Inputs,
    #[command(flatten)]
    pub records: RecordArgs,
    #[command(flatten)]
    pub output: Output,
    /// Show each list's evidence (the text it was read from) under its title.
    #[arg(long)]
    pub evidence: bool,
    /// Show, per item, the rule that read it and the evidence, and under each table what
    /// those rules read (`policylens rules` lists them all; JSON, JSONL and CSV always carry
    /// `rule`).
    #[arg(long)]
    pub explain: bool,
    /// Only lists whose declared count (等6项任务) disagrees with the items found.
    #[arg(long)]
    pub mismatch: bool,
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
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = ParseFormat::Table)]
    pub format: ParseFormat,
}

/// Arguments of `diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The old plan (file or folder; - for standard input).
    pub old: PathBuf,
    /// The new plan (file or folder).
    pub new: PathBuf,
    #[command(flatten)]
    pub output: Output,
    /// Also list indicators that did not change.
    #[arg(long)]
    pub all: bool,
}

/// Arguments of `rules`.
#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Only the rules of one kind of item.
    #[arg(long, value_enum)]
    pub kind: Option<RuleKind>,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = RulesFormat::Table)]
    pub format: RulesFormat,
}

/// The kinds of item a rule produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RuleKind {
    Target,
    Date,
    Region,
    Task,
}

impl RuleKind {
    /// The prefix of the rule names of this kind (`target` in `target.linking`).
    pub fn as_str(self) -> &'static str {
        match self {
            RuleKind::Target => "target",
            RuleKind::Date => "date",
            RuleKind::Region => "region",
            RuleKind::Task => "task",
        }
    }
}

/// Output formats of `rules`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    /// A table for reading in a terminal.
    Table,
    /// One JSON array of `{rule, kind, description}`.
    Json,
    /// Tab-separated `rule`, `kind`, `description` with a header row.
    Tsv,
}

/// Arguments of `completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn year_ranges() {
        let r: YearRange = "2021..2025".parse().unwrap();
        assert!(r.contains(2021) && r.contains(2025) && !r.contains(2026));
        let r: YearRange = "2025".parse().unwrap();
        assert!(r.contains(2025) && !r.contains(2024));
        let r: YearRange = "2021..".parse().unwrap();
        assert!(r.contains(2050) && !r.contains(2020));
        assert!(r.overlaps(2016, 2021));
        assert!("2025..2021".parse::<YearRange>().is_err());
        assert!("25".parse::<YearRange>().is_err());
        assert!("".parse::<YearRange>().is_err());
    }
}
