//! Every table in `dicts/`, parsed once.
//!
//! The defaults are embedded in the binary (so the tool works from any folder); a user folder
//! given with `--dicts DIR` (or `POLICYLENS_DICTS`) extends them: a file there with the same
//! name adds its rows after the built-in ones. TSV files have a header line and `#` comments;
//! a malformed row is an error naming the file and line.

use crate::error::DictError;
use crate::report::{string_enum, Comparator};
use regex::Regex;
use std::collections::HashSet;
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

/// A boilerplate line pattern.
#[derive(Debug, Clone)]
pub struct Boilerplate {
    pub pattern: Regex,
    pub max_len: usize,
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
    /// Openings of an indicator that only names a measure of something said before
    /// (年均增长, 占GDP比重): it takes the subject of the figure before it.
    pub elliptical: Vec<String>,
    /// Where a measure starts inside an indicator (…增加值|占GDP比重): the subject an
    /// elliptical indicator borrows is the part before it.
    pub measure_cuts: Vec<String>,
    /// Scope words stripped from an indicator's start (我国).
    pub scope_prefixes: Vec<String>,
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
}

/// Everything loaded from `dicts/`.
#[derive(Debug, Clone)]
pub struct Dicts {
    pub boilerplate: Vec<Boilerplate>,
    pub comparators: Vec<ComparatorWord>,
    pub units: Vec<Unit>,
    pub target_words: TargetWords,
    /// jieba user dictionary text (`word [freq] [tag]` lines).
    pub policy_terms: String,
    /// Indicator synonyms for `diff`: (variant, canonical).
    pub synonyms: Vec<(String, String)>,
    /// Words that tell what an indicator measures, for `diff`.
    pub measures: Vec<MeasureWord>,
    /// Task-list vocabulary (see `dicts/task_rules.tsv`).
    pub task_words: TaskWords,
    pub divisions: Table,
    pub retired: Table,
    pub areas: Table,
    pub aliases: Table,
    pub ordinary_words: Table,
    pub not_places: Table,
    /// `holidays.tsv`, read by the date grammar (`extract/dates/holidays.rs`).
    pub holidays: Table,
}

fn read_user(dir: Option<&Path>, name: &str) -> Result<Option<(String, String)>, DictError> {
    let Some(dir) = dir else { return Ok(None) };
    let path: PathBuf = dir.join(name);
    if !path.exists() {
        return Ok(None);
    }
    let text = std::fs::read_to_string(&path).map_err(|source| DictError::Read {
        path: path.clone(),
        source,
    })?;
    Ok(Some((path.display().to_string(), text)))
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
    Ok(t)
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
        let mut boilerplate = Vec::new();
        for row in table(user_dir, "boilerplate.tsv")?.rows {
            let pattern =
                Regex::new(row.get(0)).map_err(|e| row.error(format!("bad pattern: {e}")))?;
            let max_len = match row.get(1) {
                "" => 300,
                s => s
                    .parse()
                    .map_err(|_| row.error(format!("max_len is not a number: {s}")))?,
            };
            boilerplate.push(Boilerplate { pattern, max_len });
        }

        let mut comparators = Vec::new();
        for row in table(user_dir, "comparators.tsv")?.rows {
            let after = match row.get(1) {
                "after" => true,
                "before" => false,
                other => {
                    return Err(
                        row.error(format!("position must be before or after, not {other:?}"))
                    )
                }
            };
            let comparator = match Comparator::parse(row.get(2)) {
                Some(c) if c != Comparator::Range => c,
                _ => return Err(row.error(format!("unknown comparator {:?}", row.get(2)))),
            };
            comparators.push(ComparatorWord {
                word: row.get(0).to_string(),
                after,
                comparator,
                verb: row.get(3) == "yes",
            });
        }
        // Longest first, so 不超过 is tried before 超过 and 超.
        comparators.sort_by_key(|c| std::cmp::Reverse(c.word.chars().count()));

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

        let mut tw = TargetWords::default();
        for row in table(user_dir, "target_rules.tsv")?.rows {
            let w = row.get(0).to_string();
            match row.get(1) {
                "lead_verb" => {
                    tw.lead_verbs.insert(w);
                }
                "adverb" => {
                    tw.adverbs.insert(w);
                }
                "tail" => tw.tails.push(w),
                "inner_verb" => tw.inner_verbs.push(w),
                "annual_plan" => tw.annual_plans.push(w),
                "bare_measure" => {
                    tw.bare_measures.insert(w);
                }
                "generic_head" => {
                    tw.generic_heads.insert(w);
                }
                "structural" => tw.structural.push(w),
                "instrument" => tw.instruments.push(w),
                "event" => tw.events.push(w),
                "status_cue" => tw.status_cues.push(w),
                "target_cue" => tw.target_cues.push(w),
                "status_heading" => tw.status_headings.push(w),
                "target_heading" => tw.target_headings.push(w),
                "press_cue" => tw.press_cues.push(w),
                "elliptical" => tw.elliptical.push(w),
                "measure_cut" => tw.measure_cuts.push(w),
                "scope_prefix" => tw.scope_prefixes.push(w),
                other => return Err(row.error(format!("unknown role {other:?}"))),
            }
        }
        tw.structural
            .sort_by_key(|w| std::cmp::Reverse(w.chars().count()));

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
                other => return Err(row.error(format!("unknown role {other:?}"))),
            }
        }
        task_words
            .count_nouns
            .sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
        task_words
            .question_words
            .sort_by_key(|w| std::cmp::Reverse(w.chars().count()));

        let mut policy_terms = embedded("policy_terms.txt").to_string();
        if let Some((_, text)) = read_user(user_dir, "policy_terms.txt")? {
            policy_terms.push('\n');
            policy_terms.push_str(&text);
        }

        let mut synonyms = Vec::new();
        for row in table(user_dir, "synonyms.tsv")?.rows {
            synonyms.push((row.get(1).to_string(), row.get(0).to_string()));
        }
        synonyms.sort_by_key(|(v, _)| std::cmp::Reverse(v.chars().count()));

        let mut measures = Vec::new();
        for row in table(user_dir, "measures.tsv")?.rows {
            let Some(kind) = MeasureKind::parse(row.get(1)) else {
                return Err(row.error(format!("unknown measure kind {:?}", row.get(1))));
            };
            let at_end = match row.get(2) {
                "end" => true,
                "tail" => false,
                other => {
                    return Err(row.error(format!("position must be end or tail, not {other:?}")))
                }
            };
            measures.push(MeasureWord {
                word: row.get(0).to_string(),
                kind,
                at_end,
            });
        }

        Ok(Dicts {
            boilerplate,
            comparators,
            units,
            target_words: tw,
            policy_terms,
            synonyms,
            measures,
            task_words,
            divisions: table(user_dir, "regions/divisions.tsv")?,
            retired: table(user_dir, "regions/retired.tsv")?,
            areas: table(user_dir, "regions/areas.tsv")?,
            aliases: table(user_dir, "regions/aliases.tsv")?,
            ordinary_words: table(user_dir, "regions/ordinary_words.tsv")?,
            not_places: table(user_dir, "regions/not_places.tsv")?,
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
            let mut seen = HashSet::new();
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
}
