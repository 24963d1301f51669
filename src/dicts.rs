//! Every table in `dicts/`, parsed once.
//!
//! The defaults are embedded in the binary (so the tool works from any folder); a user folder
//! given with `--dicts DIR` (or `POLICYLENS_DICTS`) extends them: a file there with the same
//! name adds its rows after the built-in ones. TSV files have a header line and `#` comments;
//! a malformed row is an error naming the file and line. User files are UTF-8, with or
//! without a BOM; a file in the user folder that is none of [`EMBEDDED`] is reported in
//! [`Dicts::warnings`] (a misspelt name would otherwise be ignored without a word).

use crate::error::DictError;
use crate::report::{string_enum, Comparator};
use foldhash::HashSet;
use regex::Regex;
use regex_automata::nfa::thompson::WhichCaptures;
use regex_automata::util::syntax;
use regex_automata::{meta, Input, MatchKind, PatternSet};
use std::path::{Path, PathBuf};

/// The built-in dictionary files, by their name under `dicts/`.
pub const EMBEDDED: &[(&str, &str)] = &[
    ("boilerplate.tsv", include_str!("../dicts/boilerplate.tsv")),
    ("comparators.tsv", include_str!("../dicts/comparators.tsv")),
    ("units.tsv", include_str!("../dicts/units.tsv")),
    (
        "target_rules.tsv",
        include_str!("../dicts/target_rules.tsv"),
    ),
    (
        "policy_terms.txt",
        include_str!("../dicts/policy_terms.txt"),
    ),
    ("synonyms.tsv", include_str!("../dicts/synonyms.tsv")),
    ("measures.tsv", include_str!("../dicts/measures.tsv")),
    (
        "table_headers.tsv",
        include_str!("../dicts/table_headers.tsv"),
    ),
    ("task_rules.tsv", include_str!("../dicts/task_rules.tsv")),
    ("holidays.tsv", include_str!("../dicts/holidays.tsv")),
    (
        "regions/divisions.tsv",
        include_str!("../dicts/regions/divisions.tsv"),
    ),
    (
        "regions/retired.tsv",
        include_str!("../dicts/regions/retired.tsv"),
    ),
    (
        "regions/areas.tsv",
        include_str!("../dicts/regions/areas.tsv"),
    ),
    (
        "regions/aliases.tsv",
        include_str!("../dicts/regions/aliases.tsv"),
    ),
    (
        "regions/ordinary_words.tsv",
        include_str!("../dicts/regions/ordinary_words.tsv"),
    ),
    (
        "regions/not_places.tsv",
        include_str!("../dicts/regions/not_places.tsv"),
    ),
    (
        "regions/abbreviations.tsv",
        include_str!("../dicts/regions/abbreviations.tsv"),
    ),
    (
        "regions/seats.tsv",
        include_str!("../dicts/regions/seats.tsv"),
    ),
    ("site_names.tsv", include_str!("../dicts/site_names.tsv")),
];

/// One data row of a TSV table, with the line it came from.
#[derive(Debug, Clone)]
pub struct Row {
    /// The file the row is in (`dicts/NAME` or the user's path).
    pub file: String,
    /// 1-based line number.
    pub line: usize,
    /// The cells, in header order; missing trailing cells are empty strings.
    pub cols: Vec<String>,
}

impl Row {
    /// Cell `i`, or "" when the row is short.
    pub fn get(&self, i: usize) -> &str {
        self.cols.get(i).map(String::as_str).unwrap_or("")
    }

    /// An error about this row.
    pub fn error(&self, message: impl Into<String>) -> DictError {
        DictError::row(&self.file, self.line, message)
    }
}

/// A parsed TSV table: header plus rows (built-in rows first, then the user's).
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Row>,
}

/// Parse TSV text: `#` lines and blank lines are skipped, the first other line is the header.
pub fn parse_tsv(file: &str, text: &str) -> Result<Table, DictError> {
    let mut table = Table::default();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<String> = line.split('\t').map(|c| c.trim().to_string()).collect();
        if table.header.is_empty() {
            table.header = cols;
            continue;
        }
        if cols.len() > table.header.len() {
            return Err(DictError::row(
                file,
                i + 1,
                format!(
                    "{} cells, but the header has {} ({})",
                    cols.len(),
                    table.header.len(),
                    table.header.join(", ")
                ),
            ));
        }
        table.rows.push(Row {
            file: file.to_string(),
            line: i + 1,
            cols,
        });
    }
    Ok(table)
}

/// The comparator a word sets.
#[derive(Debug, Clone)]
pub struct ComparatorWord {
    pub word: String,
    /// true when the word stands after the number (以上), false before it (不低于).
    pub after: bool,
    pub comparator: Comparator,
    /// The word is also an action verb (突破).
    pub verb: bool,
}

string_enum! {
    /// What a unit measures (the `class` column of `dicts/units.tsv`).
    UnitClass {
        /// Measure words of counted things (家, 项, 个, 座).
        Count => "count",
        /// Percent and per-mille signs, 倍.
        Percent => "percent",
        /// 个百分点: a change of a percentage.
        Points => "points",
        /// Currencies (元, 美元, 港元).
        Money => "money",
        /// Physical units (吨, 公里, 平方公里, 千瓦时).
        Physical => "physical",
        /// A rate: one unit per another (立方米/天, 元/人).
        Rate => "rate",
        /// Durations and dates (年, 个月, 周岁): never a target.
        Time => "time",
    }
}

/// A unit or measure word and its class.
#[derive(Debug, Clone)]
pub struct Unit {
    pub unit: String,
    pub class: UnitClass,
}

string_enum! {
    /// What an indicator measures, for `diff`: two indicators of different kinds never align.
    MeasureKind {
        Share => "share",
        Change => "change",
        Rate => "rate",
        Amount => "amount",
    }
}

/// A word that tells what an indicator measures (`dicts/measures.tsv`).
#[derive(Debug, Clone)]
pub struct MeasureWord {
    pub word: String,
    pub kind: MeasureKind,
    /// true: the indicator must end with the word; false: its last four characters contain it.
    pub at_end: bool,
}

/// The line patterns of `boilerplate.tsv`, checked and compiled once, as one set.
#[derive(Debug, Clone)]
pub struct Boilerplate {
    /// All the patterns, in row order (a match names rows by index): what `regex::RegexSet`
    /// builds, without its literal prefilter (see [`line_set`]).
    set: meta::Regex,
    /// The longest line (in chars) each row's pattern applies to, by row.
    pub max_lens: Vec<usize>,
}

impl Boilerplate {
    /// Whether any pattern matches `line`.
    pub fn is_match(&self, line: &str) -> bool {
        self.set.is_match(line)
    }

    /// The rows (indexes into `max_lens`) whose pattern matches `line`, in row order.
    pub fn matching(&self, line: &str) -> Vec<usize> {
        let mut hits = PatternSet::new(self.set.pattern_len());
        self.set
            .which_overlapping_matches(&Input::new(line), &mut hits);
        hits.iter().map(|p| p.as_usize()).collect()
    }
}

/// The boilerplate patterns as one automaton, configured as `regex::RegexSet` configures
/// its own (every pattern's match reported, UTF-8 only, no capture groups, the same size and
/// cache limits) except that no literal prefilter is built. The patterns' literals are
/// many short Chinese byte strings, for which the prefilter is a large Aho-Corasick DFA
/// that took half of the set's compile time at every start, while it does not make the
/// search of a short line faster than the lazy DFA alone (measured on the lines of a corpus
/// made from the seeds: compile 8.1 -> 4.0 ms, search 19 -> 17 ms).
fn line_set(
    patterns: &[&str],
    nfa_size_limit: usize,
) -> Result<meta::Regex, Box<meta::BuildError>> {
    let config = meta::Config::new()
        .nfa_size_limit(Some(nfa_size_limit))
        .hybrid_cache_capacity(2 << 20)
        .match_kind(MatchKind::All)
        .utf8_empty(true)
        .which_captures(WhichCaptures::None)
        .auto_prefilter(false);
    meta::Builder::new()
        .configure(config)
        .syntax(syntax::Config::new().utf8(true))
        .build_many(patterns)
        .map_err(Box::new)
}

/// The word lists of the targets extractor, by role (see `dicts/target_rules.tsv`).
#[derive(Debug, Clone, Default)]
pub struct TargetWords {
    pub lead_verbs: HashSet<String>,
    pub adverbs: HashSet<String>,
    pub tails: Vec<String>,
    /// Verbs dropped from inside an indicator (全省工业实现营业收入 → 全省工业营业收入).
    pub inner_verbs: Vec<String>,
    /// Indicators that only name a measure (总数, 总量): they take the subject of the figure
    /// before them in the sentence.
    pub bare_measures: HashSet<String>,
    pub generic_heads: HashSet<String>,
    pub structural: Vec<String>,
    pub instruments: Vec<String>,
    /// Words that make a figure a head count at an event (500多名代表参加), not a measure.
    pub events: Vec<String>,
    pub status_cues: Vec<String>,
    pub target_cues: Vec<String>,
    pub status_headings: Vec<String>,
    pub target_headings: Vec<String>,
    /// Title words of a plan for one year (2023年…工作要点): its year governs its figures.
    pub annual_plans: Vec<String>,
    /// Words near the top of a press text or Q&A (答记者问, 记者…获悉), where an indicator
    /// stating its figure with no cue reports a fact.
    pub press_cues: Vec<String>,
    /// Words right before a figure a change starts from (由12万吨/天提高到…): with a
    /// `change_to` word after it in its clause, the figure is the present value.
    pub change_from: Vec<String>,
    /// Words after a starting figure that lead to where the change goes (到, 至).
    pub change_to: Vec<String>,
    /// Openings of an indicator that only names a measure of something said before
    /// (年均增长, 占GDP比重): it takes the subject of the figure before it.
    pub elliptical: Vec<String>,
    /// Where a measure starts inside an indicator (…增加值|占GDP比重): the subject an
    /// elliptical indicator borrows is the part before it.
    pub measure_cuts: Vec<String>,
    /// Scope words stripped from an indicator's start (我国).
    pub scope_prefixes: Vec<String>,
    /// Nouns of kinds, not things (产业, 领域): A、B等3个重点产业 counts listed kinds.
    pub categories: Vec<String>,
    /// Verbs of forecast or report (预计, 预测, 显示): inside an indicator, who says it is
    /// cut off with them (IMF预计明年全球经济增速 → 全球经济增速).
    pub attributions: Vec<String>,
    /// Suffixes that close a name (有限公司, 集团): in a list of names before a head noun
    /// they belong to the last name, not to the head.
    pub name_suffixes: Vec<String>,
    /// Words that say only where (全区, 区内, 本市): a number after one measures the noun
    /// that follows it.
    pub scopes: Vec<String>,
    /// Verbs that open a clause after a counted noun (1万名人才开展培训): the noun phrase
    /// ends before them.
    pub predicates: HashSet<String>,
    /// Openings of a sentence that goes on with the data of the one before (其中, 具体来看):
    /// it takes that sentence's time.
    pub continuations: Vec<String>,
    /// Verbs of change right before a number: up (增长) and down (下降).
    pub rise: Vec<String>,
    pub fall: Vec<String>,
}

/// The word lists of the task-list extractor, by role (see `dicts/task_rules.tsv`).
#[derive(Debug, Clone, Default)]
pub struct TaskWords {
    /// What a declared count counts (任务, 方面, 工程), longest first.
    pub count_nouns: Vec<String>,
    /// Phrases that announce a list (以下几方面, 有哪些).
    pub leads: Vec<String>,
    /// Words after which an inline list's items begin (重点实施A、B等6项任务, 围绕A、B等5个方面).
    pub inline_leads: Vec<String>,
    /// Lead words of lists that are not work (附件:, 参考文献:).
    pub not_leads: Vec<String>,
    /// Verbs that coordinated items may share (推广, 推进).
    pub verbs: HashSet<String>,
    /// Interrogatives (有哪些, 是什么): a question titles its list with the text before one.
    pub question_words: Vec<String>,
    /// Openings of a question that do not belong to its topic (如何, 请问).
    pub question_prefixes: Vec<String>,
    /// Words of review, problem and principle headings (成效, 问题, 原则): the lists under
    /// such a sub-heading are not work the plan assigns.
    pub review_headings: Vec<String>,
    /// Openings of a clause that states a condition or means, not the work (除…外, 通过…,
    /// 按照…): a numbered item's work phrase is its first clause without one.
    pub conditions: Vec<String>,
    /// Words that open the clause of an inline list without being part of its first item
    /// (从A、B等5方面着手 → A, B).
    pub clause_openers: Vec<String>,
    /// What a count of a document's parts counts (7个方面, 五个部分): a count of these before
    /// a run of as many top-level headings is the run's declared count.
    pub part_nouns: Vec<String>,
    /// Words of a box title that announce its contents (主要实施内容, 重点任务): its run-in
    /// headings are a list.
    pub box_lists: Vec<String>,
    /// Header cells of a row-number column (序号), which opens a project table.
    pub seq_columns: Vec<String>,
    /// Header cells of a project table's project column (项目名称, 工程名称).
    pub project_columns: Vec<String>,
}

/// Everything loaded from `dicts/`.
#[derive(Debug, Clone)]
pub struct Dicts {
    /// What the user folder holds that was not loaded (files with names that are not
    /// dictionary names), one message each; the command line prints them on stderr.
    pub warnings: Vec<String>,
    pub boilerplate: Boilerplate,
    pub comparators: Vec<ComparatorWord>,
    pub units: Vec<Unit>,
    pub target_words: TargetWords,
    /// jieba user dictionary text (`word [freq] [tag]` lines).
    pub policy_terms: String,
    /// Indicator synonyms for `diff`: (variant, canonical).
    pub synonyms: Vec<(String, String)>,
    /// Words that tell what an indicator measures, for `diff`.
    pub measures: Vec<MeasureWord>,
    /// Header cells of indicator tables and the roles of their columns.
    pub table_headers: Table,
    /// Task-list vocabulary (see `dicts/task_rules.tsv`).
    pub task_words: TaskWords,
    pub divisions: Table,
    pub retired: Table,
    pub areas: Table,
    pub aliases: Table,
    pub ordinary_words: Table,
    pub not_places: Table,
    /// One-character province abbreviations (沪, 皖).
    pub abbreviations: Table,
    /// Words after a place name inside one token that keep it a mention (香港政府).
    pub seats: Table,
    /// Words of a site's name that a page title appends (门户网站, 政府网).
    pub site_names: Table,
    /// `holidays.tsv`, read by the date grammar (`extract/dates/holidays.rs`).
    pub holidays: Table,
}

fn read_user(dir: Option<&Path>, name: &str) -> Result<Option<(String, String)>, DictError> {
    let Some(dir) = dir else { return Ok(None) };
    let path: PathBuf = dir.join(name);
    if !path.exists() {
        return Ok(None);
    }
    let bytes = std::fs::read(&path).map_err(|source| DictError::Read {
        path: path.clone(),
        source,
    })?;
    let file = path.display().to_string();
    let text = user_text(&file, bytes)?;
    Ok(Some((file, text)))
}

/// A user file's bytes as text: UTF-8, a leading BOM dropped (editors on Windows write
/// one, and it would otherwise become part of the header's first name).
fn user_text(file: &str, mut bytes: Vec<u8>) -> Result<String, DictError> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| {
        let bad = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let line = bytes[..bad].iter().filter(|&&b| b == b'\n').count() + 1;
        DictError::row(
            file,
            line,
            format!(
                "not UTF-8 (bad byte 0x{:02X} at byte offset {bad})",
                bytes[bad]
            ),
        )
    })
}

/// The names a user folder may hold besides [`EMBEDDED`]: the README that documents them.
const NOT_DICTIONARIES: &[&str] = &["README.md"];

/// Files and folders in the user folder that are no dictionary: a warning each, naming the
/// known names. Hidden entries (`.git`, editors' files) are passed over.
fn unknown_files(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    list_files(dir, "", &mut found);
    found.sort();
    let known: Vec<&str> = EMBEDDED.iter().map(|(n, _)| *n).collect();
    found
        .into_iter()
        .filter(|n| !known.contains(&n.as_str()) && !NOT_DICTIONARIES.contains(&n.as_str()))
        .map(|n| {
            format!(
                "{}: not a dictionary file name, ignored (known names: {})",
                dir.join(&n).display(),
                known.join(", ")
            )
        })
        .collect()
}

/// Relative names of the entries under `dir`: files, and the files of `regions/`; any other
/// folder is listed by its name with a trailing `/`.
fn list_files(dir: &Path, prefix: &str, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let rel = format!("{prefix}{name}");
        if !e.path().is_dir() {
            out.push(rel);
        } else if prefix.is_empty() && name == "regions" {
            list_files(&e.path(), "regions/", out);
        } else {
            out.push(format!("{rel}/"));
        }
    }
}

fn embedded(name: &str) -> &'static str {
    EMBEDDED
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| *t)
        .unwrap_or("")
}

/// Load one table: the built-in rows, then the user's rows (same header required).
fn table(dir: Option<&Path>, name: &str) -> Result<Table, DictError> {
    let mut t = parse_tsv(&format!("dicts/{name}"), embedded(name))?;
    if let Some((file, text)) = read_user(dir, name)? {
        let u = parse_tsv(&file, &text)?;
        if !u.header.is_empty() && u.header != t.header {
            return Err(DictError::row(
                &file,
                1,
                format!("header must be: {}", t.header.join("\t")),
            ));
        }
        t.rows.extend(u.rows);
    }
    check_region_rows(name, &t.rows)?;
    Ok(t)
}

/// A GB/T 2260 division code: six ASCII digits.
fn is_code(s: &str) -> bool {
    s.len() == 6 && s.bytes().all(|b| b.is_ascii_digit())
}

/// The region tables' codes and levels, checked once here so that the index builder can
/// rely on them: a bad row is an error naming its line, not a unit silently taken as a
/// county. Columns: `code` and the optional `parent`, `successor` are codes; `level` is 1, 2
/// or 3; `members` of an area are `|`-separated codes.
fn check_region_rows(name: &str, rows: &[Row]) -> Result<(), DictError> {
    // (column, what, may be empty)
    let codes: &[(usize, &str, bool)] = match name {
        "regions/divisions.tsv" => &[(0, "code", false), (4, "parent", true)],
        "regions/retired.tsv" => &[
            (0, "code", false),
            (4, "parent", true),
            (6, "successor", true),
        ],
        "regions/aliases.tsv" => &[(1, "code", false)],
        "regions/abbreviations.tsv" => &[(1, "code", false)],
        "regions/areas.tsv" => {
            for row in rows {
                if let Some(m) = row.get(3).split('|').find(|m| !is_code(m)) {
                    return Err(row.error(format!("member {m:?} is not a six-digit code")));
                }
            }
            return Ok(());
        }
        _ => return Ok(()),
    };
    let has_level = matches!(name, "regions/divisions.tsv" | "regions/retired.tsv");
    for row in rows {
        for &(col, what, optional) in codes {
            let v = row.get(col);
            if !(is_code(v) || optional && v.is_empty()) {
                return Err(row.error(format!("{what} {v:?} is not a six-digit code")));
            }
        }
        if has_level && !matches!(row.get(3), "1" | "2" | "3") {
            return Err(row.error(format!(
                "level {:?} must be 1 (province), 2 (prefecture) or 3 (county)",
                row.get(3)
            )));
        }
    }
    Ok(())
}

/// Check `policy_terms.txt` lines (`word [freq] [tag]`): a frequency that is not a whole
/// non-negative number would be dropped by jieba without a word, and the tag after it
/// with it.
fn check_policy_terms(file: &str, text: &str) -> Result<(), DictError> {
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split_whitespace().collect();
        if fields.len() > 3 {
            return Err(DictError::row(
                file,
                i + 1,
                format!("{} fields; the format is: word [freq] [tag]", fields.len()),
            ));
        }
        if let Some(f) = fields.get(1).filter(|f| f.parse::<usize>().is_err()) {
            return Err(DictError::row(
                file,
                i + 1,
                format!("frequency {f:?} is not a whole number ≥ 0 (format: word [freq] [tag])"),
            ));
        }
    }
    Ok(())
}

/// Load `boilerplate.tsv`: every pattern compiled once, into the set the normalizer runs.
/// A pattern that is empty or can match an empty string would match every line, and so
/// drop the whole document; it is refused, as is one that does not compile (each named by
/// its file and line).
fn load_boilerplate(user_dir: Option<&Path>) -> Result<Boilerplate, DictError> {
    let rows = table(user_dir, "boilerplate.tsv")?.rows;
    let mut max_lens = Vec::with_capacity(rows.len());
    for row in &rows {
        if row.get(0).trim().is_empty() {
            return Err(row.error("empty pattern (it would drop every line)"));
        }
        max_lens.push(match row.get(1) {
            "" => 300,
            s => s
                .parse()
                .map_err(|_| row.error(format!("max_len is not a number: {s}")))?,
        });
    }
    let patterns: Vec<&str> = rows.iter().map(|r| r.get(0)).collect();
    let set = match line_set(&patterns, 10 << 20) {
        Ok(set) => set,
        // name the row that does not compile; only if each compiles alone is the set
        // merely too large, and then it gets more room
        Err(_) => {
            for row in &rows {
                Regex::new(row.get(0)).map_err(|e| row.error(format!("bad pattern: {e}")))?;
            }
            line_set(&patterns, 1 << 30).map_err(|e| DictError::File {
                // the user's file, when there is one: its rows come last
                file: rows
                    .last()
                    .map_or("boilerplate.tsv", |r| r.file.as_str())
                    .to_string(),
                message: format!("the patterns together are too large for one set: {e}"),
            })?
        }
    };
    let boilerplate = Boilerplate { set, max_lens };
    if let Some(row) = boilerplate.matching("").first().map(|&i| &rows[i]) {
        return Err(row.error(format!(
            "pattern {:?} matches the empty string, so it would drop every line",
            row.get(0)
        )));
    }
    Ok(boilerplate)
}

/// Load `comparators.tsv`.
fn load_comparators(user_dir: Option<&Path>) -> Result<Vec<ComparatorWord>, DictError> {
    let mut comparators = Vec::new();
    for row in table(user_dir, "comparators.tsv")?.rows {
        let after = match row.get(1) {
            "after" => true,
            "before" => false,
            other => {
                return Err(row.error(format!("position must be before or after, not {other:?}")))
            }
        };
        let comparator = match Comparator::parse(row.get(2)) {
            Some(c) if c != Comparator::Range => c,
            _ => return Err(row.error(format!("unknown comparator {:?}", row.get(2)))),
        };
        if row.get(0).is_empty() {
            return Err(row.error("empty comparator word (it would fit every number)"));
        }
        comparators.push(ComparatorWord {
            word: row.get(0).to_string(),
            after,
            comparator,
            verb: row.get(3) == "yes",
        });
    }
    // Longest first, so 不超过 is tried before 超过 and 超.
    comparators.sort_by_key(|c| std::cmp::Reverse(c.word.chars().count()));
    Ok(comparators)
}

/// Load `units.tsv`.
fn load_units(user_dir: Option<&Path>) -> Result<Vec<Unit>, DictError> {
    let mut units = Vec::new();
    for row in table(user_dir, "units.tsv")?.rows {
        let Some(class) = UnitClass::parse(row.get(1)) else {
            return Err(row.error(format!("unknown unit class {:?}", row.get(1))));
        };
        units.push(Unit {
            unit: row.get(0).to_string(),
            class,
        });
    }
    units.sort_by_key(|u| std::cmp::Reverse(u.unit.chars().count()));
    Ok(units)
}

/// Load `target_rules.tsv`; an unknown role is an error naming its row.
fn load_target_words(user_dir: Option<&Path>) -> Result<TargetWords, DictError> {
    let mut tw = TargetWords::default();
    for row in table(user_dir, "target_rules.tsv")?.rows {
        if !tw.add(row.get(1), row.get(0).to_string()) {
            return Err(row.error(format!("unknown role {:?}", row.get(1))));
        }
    }
    tw.structural
        .sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    Ok(tw)
}

impl TargetWords {
    /// File a word under its role; false for an unknown role.
    fn add(&mut self, role: &str, w: String) -> bool {
        let list = match role {
            "lead_verb" => {
                self.lead_verbs.insert(w);
                return true;
            }
            "adverb" => {
                self.adverbs.insert(w);
                return true;
            }
            "bare_measure" => {
                self.bare_measures.insert(w);
                return true;
            }
            "generic_head" => {
                self.generic_heads.insert(w);
                return true;
            }
            "predicate" => {
                self.predicates.insert(w);
                return true;
            }
            "tail" => &mut self.tails,
            "inner_verb" => &mut self.inner_verbs,
            "annual_plan" => &mut self.annual_plans,
            "structural" => &mut self.structural,
            "instrument" => &mut self.instruments,
            "event" => &mut self.events,
            "status_cue" => &mut self.status_cues,
            "target_cue" => &mut self.target_cues,
            "status_heading" => &mut self.status_headings,
            "target_heading" => &mut self.target_headings,
            "press_cue" => &mut self.press_cues,
            "change_from" => &mut self.change_from,
            "change_to" => &mut self.change_to,
            "elliptical" => &mut self.elliptical,
            "measure_cut" => &mut self.measure_cuts,
            "scope_prefix" => &mut self.scope_prefixes,
            "rise" => &mut self.rise,
            "fall" => &mut self.fall,
            "continuation" => &mut self.continuations,
            "scope" => &mut self.scopes,
            "category" => &mut self.categories,
            "attribution" => &mut self.attributions,
            "name_suffix" => &mut self.name_suffixes,
            _ => return false,
        };
        list.push(w);
        true
    }
}

/// Load `task_rules.tsv`.
fn load_task_words(user_dir: Option<&Path>) -> Result<TaskWords, DictError> {
    let mut task_words = TaskWords::default();
    for row in table(user_dir, "task_rules.tsv")?.rows {
        let w = row.get(0).to_string();
        match row.get(1) {
            "count_noun" => task_words.count_nouns.push(w),
            "lead" => task_words.leads.push(w),
            "inline_lead" => task_words.inline_leads.push(w),
            "not_lead" => task_words.not_leads.push(w),
            "verb" => {
                task_words.verbs.insert(w);
            }
            "question_word" => task_words.question_words.push(w),
            "question_prefix" => task_words.question_prefixes.push(w),
            "review_heading" => task_words.review_headings.push(w),
            "condition" => task_words.conditions.push(w),
            "clause_opener" => task_words.clause_openers.push(w),
            "part_noun" => task_words.part_nouns.push(w),
            "box_list" => task_words.box_lists.push(w),
            "seq_column" => task_words.seq_columns.push(w),
            "project_column" => task_words.project_columns.push(w),
            other => return Err(row.error(format!("unknown role {other:?}"))),
        }
    }
    task_words
        .count_nouns
        .sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    task_words
        .question_words
        .sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    Ok(task_words)
}

/// Load `policy_terms.txt`.
fn load_policy_terms(user_dir: Option<&Path>) -> Result<String, DictError> {
    let mut policy_terms = embedded("policy_terms.txt").to_string();
    if let Some((file, text)) = read_user(user_dir, "policy_terms.txt")? {
        check_policy_terms(&file, &text)?;
        policy_terms.push('\n');
        policy_terms.push_str(&text);
    }
    Ok(policy_terms)
}

/// Load `synonyms.tsv`.
fn load_synonyms(user_dir: Option<&Path>) -> Result<Vec<(String, String)>, DictError> {
    let mut synonyms = Vec::new();
    for row in table(user_dir, "synonyms.tsv")?.rows {
        synonyms.push((row.get(1).to_string(), row.get(0).to_string()));
    }
    synonyms.sort_by_key(|(v, _)| std::cmp::Reverse(v.chars().count()));
    Ok(synonyms)
}

/// Load `measures.tsv`.
fn load_measures(user_dir: Option<&Path>) -> Result<Vec<MeasureWord>, DictError> {
    let mut measures = Vec::new();
    for row in table(user_dir, "measures.tsv")?.rows {
        let Some(kind) = MeasureKind::parse(row.get(1)) else {
            return Err(row.error(format!("unknown measure kind {:?}", row.get(1))));
        };
        let at_end = match row.get(2) {
            "end" => true,
            "tail" => false,
            other => return Err(row.error(format!("position must be end or tail, not {other:?}"))),
        };
        measures.push(MeasureWord {
            word: row.get(0).to_string(),
            kind,
            at_end,
        });
    }
    Ok(measures)
}

impl Dicts {
    /// Load the built-in dictionaries, extended by the files in `user_dir` if given.
    pub fn load(user_dir: Option<&Path>) -> Result<Dicts, DictError> {
        // a mistyped --dicts must not silently fall back to the built-in rules
        if let Some(dir) = user_dir.filter(|d| !d.is_dir()) {
            return Err(DictError::NotAFolder {
                path: dir.to_path_buf(),
            });
        }
        Ok(Dicts {
            warnings: user_dir.map(unknown_files).unwrap_or_default(),
            boilerplate: load_boilerplate(user_dir)?,
            comparators: load_comparators(user_dir)?,
            units: load_units(user_dir)?,
            target_words: load_target_words(user_dir)?,
            policy_terms: load_policy_terms(user_dir)?,
            synonyms: load_synonyms(user_dir)?,
            measures: load_measures(user_dir)?,
            table_headers: table(user_dir, "table_headers.tsv")?,
            task_words: load_task_words(user_dir)?,
            divisions: table(user_dir, "regions/divisions.tsv")?,
            retired: table(user_dir, "regions/retired.tsv")?,
            areas: table(user_dir, "regions/areas.tsv")?,
            aliases: table(user_dir, "regions/aliases.tsv")?,
            ordinary_words: table(user_dir, "regions/ordinary_words.tsv")?,
            not_places: table(user_dir, "regions/not_places.tsv")?,
            abbreviations: table(user_dir, "regions/abbreviations.tsv")?,
            seats: table(user_dir, "regions/seats.tsv")?,
            site_names: table(user_dir, "site_names.tsv")?,
            holidays: table(user_dir, "holidays.tsv")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_dictionaries_load() {
        let d = Dicts::load(None).expect("built-in dictionaries are valid");
        assert!(d.task_words.verbs.contains("推进"));
        assert!(d
            .task_words
            .count_nouns
            .windows(2)
            .all(|w| w[0].chars().count() >= w[1].chars().count()));
    }

    #[test]
    fn built_in_tables_have_no_repeated_rows() {
        for (name, text) in EMBEDDED.iter().filter(|(n, _)| n.ends_with(".tsv")) {
            let t = parse_tsv(name, text).expect("valid table");
            let mut seen = std::collections::HashSet::new();
            for row in &t.rows {
                let key = (row.get(0).to_string(), row.get(1).to_string());
                assert!(
                    seen.insert(key.clone()),
                    "{name}:{}: {key:?} repeated",
                    row.line
                );
            }
        }
    }

    #[test]
    fn a_missing_user_folder_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("no-such-folder");
        let e = Dicts::load(Some(&missing)).unwrap_err().to_string();
        assert!(
            e.contains("no-such-folder") && e.contains("not a dictionary folder"),
            "{e}"
        );
    }

    #[test]
    fn a_bad_task_role_names_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("task_rules.tsv"),
            "word\trole\tnote\n# c\n部署\tverbb\t\n",
        )
        .unwrap();
        let e = Dicts::load(Some(dir.path())).unwrap_err().to_string();
        assert!(e.contains("task_rules.tsv:3") && e.contains("verbb"), "{e}");
    }

    /// Load a user folder holding one file, and give the error message.
    fn load_error(name: &str, contents: &[u8]) -> String {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, contents).unwrap();
        match Dicts::load(Some(dir.path())) {
            Ok(_) => "loaded".into(),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn an_empty_comparator_word_is_refused_by_line() {
        let e = load_error(
            "comparators.tsv",
            "word\tposition\tcomparator\tverb\tnote\n以上\tafter\t>=\tno\t\n\tbefore\t>=\tno\t\n"
                .as_bytes(),
        );
        assert!(
            e.contains("comparators.tsv:3") && e.contains("empty comparator"),
            "{e}"
        );
    }

    #[test]
    fn built_in_policy_terms_are_valid() {
        check_policy_terms("dicts/policy_terms.txt", embedded("policy_terms.txt")).unwrap();
    }

    #[test]
    fn boilerplate_that_matches_every_line_is_refused() {
        for pattern in ["\\s*", " ", "x*", "^", "(主办单位)?"] {
            let e = load_error(
                "boilerplate.tsv",
                format!("pattern\tmax_len\tnote\n# c\n{pattern}\t40\t\n").as_bytes(),
            );
            assert!(e.contains("boilerplate.tsv:3"), "{pattern:?}: {e}");
        }
        // an empty first cell: the row parses with an empty pattern
        let e = load_error("boilerplate.tsv", b"pattern\tmax_len\tnote\n\t40\tx\n");
        assert!(
            e.contains("boilerplate.tsv:2") && e.contains("empty"),
            "{e}"
        );
    }

    #[test]
    fn a_boilerplate_pattern_that_does_not_compile_is_named_by_line() {
        let e = load_error(
            "boilerplate.tsv",
            "pattern\tmax_len\tnote\n^主办单位\t40\t\n^(版权所有\t40\t\n".as_bytes(),
        );
        assert!(
            e.contains("boilerplate.tsv:3") && e.contains("bad pattern"),
            "{e}"
        );
        // the set keeps row order: a user row matches as the line's own row, with its max_len
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("boilerplate.tsv"),
            "pattern\tmax_len\tnote\n^本站说明\t6\t\n",
        )
        .unwrap();
        let d = Dicts::load(Some(dir.path())).unwrap();
        let last = d.boilerplate.max_lens.len() - 1;
        assert_eq!(d.boilerplate.max_lens[last], 6);
        let hits = d.boilerplate.matching("本站说明");
        assert_eq!(hits, vec![last]);
    }

    #[test]
    fn the_boilerplate_set_answers_as_regex_set_does() {
        // the set is built without a prefilter; it must still say which rows match exactly
        // as regex::RegexSet with the same patterns does, for every line of the seeds and
        // for lines made to hit each pattern's words in and out of place
        let rows = table(None, "boilerplate.tsv").unwrap().rows;
        let patterns: Vec<&str> = rows.iter().map(|r| r.get(0)).collect();
        let reference = regex::RegexSet::new(&patterns).unwrap();
        let ours = load_boilerplate(None).unwrap();
        let mut lines: Vec<String> = Vec::new();
        for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds")).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            lines.extend(text.lines().map(str::to_string));
        }
        for p in &patterns {
            // the pattern's own text, with and without its regex syntax, alone and in a line
            let bare: String = p
                .chars()
                .filter(|c| !"^$()|?*+[]{}\\.".contains(*c))
                .collect();
            lines.extend([
                p.to_string(),
                bare.clone(),
                format!("本市{bare}"),
                format!("{bare}:2026年"),
            ]);
        }
        let mut hit = 0;
        for line in &lines {
            let want: Vec<usize> = reference.matches(line).iter().collect();
            let got = ours.matching(line);
            assert_eq!(got, want, "{line:?}");
            assert_eq!(ours.is_match(line), reference.is_match(line), "{line:?}");
            hit += usize::from(!want.is_empty());
        }
        assert!(hit > 20, "the lines hit the patterns ({hit})");
    }

    #[test]
    fn a_bom_is_accepted_and_bad_utf8_named_by_line() {
        let bom = load_error(
            "units.tsv",
            b"\xEF\xBB\xBFunit\tclass\tnote\n\xE5\x9D\x97\tcount\t\n",
        );
        assert_eq!(bom, "loaded");
        let e = load_error("units.tsv", b"unit\tclass\tnote\n# ok\n\xBF\xE9\tcount\t\n");
        assert!(e.contains("units.tsv:3") && e.contains("UTF-8"), "{e}");
    }

    #[test]
    fn policy_term_frequencies_must_be_numbers() {
        for line in [
            "新质生产力 -5 n",
            "新质生产力 n",
            "新质生产力 1.5",
            "a 1 n x",
        ] {
            let e = load_error("policy_terms.txt", format!("# c\n{line}\n").as_bytes());
            assert!(e.contains("policy_terms.txt:2"), "{line}: {e}");
        }
        assert_eq!(
            load_error("policy_terms.txt", "新质生产力 300 n\n".as_bytes()),
            "loaded"
        );
    }

    #[test]
    fn region_rows_need_codes_and_levels() {
        let header = "code\tname\tshort\tlevel\tparent\ttype\n";
        for (row, what) in [
            ("330100\t杭州市\t杭州\t4\t330000\t地级市", "level"),
            ("33010\t杭州市\t杭州\t2\t330000\t地级市", "code"),
            ("330100\t杭州市\t杭州\t2\t3300\t地级市", "parent"),
        ] {
            let e = load_error(
                "regions/divisions.tsv",
                format!("{header}{row}\n").as_bytes(),
            );
            assert!(
                e.contains("divisions.tsv:2") && e.contains(what),
                "{row}: {e}"
            );
        }
        let e = load_error(
            "regions/aliases.tsv",
            "alias\tcode\tnote\n杭城\tx\t\n".as_bytes(),
        );
        assert!(e.contains("aliases.tsv:2"), "{e}");
        let e = load_error(
            "regions/areas.tsv",
            "name\taliases\tkind\tmembers\tnote\n某区\t\tregion\t330000|33\t\n".as_bytes(),
        );
        assert!(e.contains("areas.tsv:2") && e.contains("member"), "{e}");
    }

    #[test]
    fn misnamed_user_files_are_warnings() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("unit.tsv"), "unit\tclass\tnote\n").unwrap();
        std::fs::write(dir.path().join("README.md"), "mine").unwrap();
        std::fs::write(dir.path().join(".hidden"), "").unwrap();
        std::fs::create_dir(dir.path().join("regions")).unwrap();
        std::fs::write(dir.path().join("regions/alias.tsv"), "").unwrap();
        let d = Dicts::load(Some(dir.path())).unwrap();
        assert_eq!(d.warnings.len(), 2, "{:?}", d.warnings);
        assert!(
            d.warnings[0].contains("regions/alias.tsv"),
            "{:?}",
            d.warnings
        );
        assert!(
            d.warnings[1].contains("unit.tsv") && d.warnings[1].contains("units.tsv"),
            "{:?}",
            d.warnings
        );
        assert!(Dicts::load(None).unwrap().warnings.is_empty());
    }
}
