//! The header of an indicator table: where it is, how its cells are laid out, and the role
//! of each column (`dicts/table_headers.tsv`).

use crate::dicts::Table;
use crate::error::DictError;
use crate::extract::cells::{cells_from, Cell, Layout};
use crate::extract::Text;
use crate::report::TargetKind;
use foldhash::{HashMap, HashMapExt};
use regex::Regex;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Seq,
    Category,
    Name,
    Unit,
    Attribute,
    /// A year's values, and their kind when the header says it (现状值, 目标值).
    Year(i32, Option<TargetKind>),
    Other,
}

/// The header vocabulary, compiled once.
pub struct Headers {
    words: HashMap<String, &'static str>,
    /// The longest header word, in bytes: a longer cell names no role but a year's.
    longest: usize,
    year: Regex,
}

/// The longest cell a year is read from (目标值(2025年)).
const YEAR_CELL_CHARS: usize = 14;

const ROLES: [&str; 8] = [
    "seq",
    "category",
    "name",
    "unit",
    "attribute",
    "baseline",
    "target",
    "other",
];

impl Headers {
    /// Read `dicts/table_headers.tsv`; an unknown role is an error naming its row.
    pub fn new(table: &Table) -> Result<Headers, DictError> {
        let mut words = HashMap::new();
        for row in &table.rows {
            let Some(role) = ROLES.iter().find(|r| **r == row.get(1)) else {
                return Err(row.error(format!("unknown role {:?}", row.get(1))));
            };
            words.insert(row.get(0).to_string(), *role);
        }
        Ok(Headers {
            longest: words.keys().map(String::len).max().unwrap_or(0),
            words,
            year: Regex::new(r"^[(（]?((?:19|20)[0-9]{2})\s*年?[)）]?$").expect("fixed pattern"),
        })
    }

    /// The role a header cell names, if it is one.
    fn role(&self, cell: &str) -> Option<Role> {
        let t = cell.trim().trim_matches(['|', ' ']);
        // longer than every header word and than any year cell ([`YEAR_CELL_CHARS`], at
        // most 4 bytes a char): no role, and most lines of a text are that long
        if t.len() > self.longest.max(YEAR_CELL_CHARS * 4) {
            return None;
        }
        if let Some(y) = self.year_in(t) {
            let word: String = t
                .chars()
                .filter(|c| {
                    !c.is_ascii_digit() && !matches!(*c, '年' | '(' | ')' | '（' | '）' | ' ')
                })
                .collect();
            let kind = match self.words.get(word.as_str()).copied() {
                Some("baseline") => Some(TargetKind::Status),
                Some("target") => Some(TargetKind::Target),
                None if word.is_empty() => None,
                _ => return None,
            };
            return Some(Role::Year(y, kind));
        }
        Some(match *self.words.get(t)? {
            "seq" => Role::Seq,
            "category" => Role::Category,
            "name" => Role::Name,
            "unit" => Role::Unit,
            "attribute" => Role::Attribute,
            _ => Role::Other,
        })
    }

    /// A year in a header cell: 2025年, (2025年), 目标值(2025年), 2025年目标.
    fn year_in(&self, t: &str) -> Option<i32> {
        if t.chars().count() > YEAR_CELL_CHARS {
            return None;
        }
        let digits: String = t.chars().filter(|c| c.is_ascii_digit()).collect();
        (digits.len() == 4)
            .then(|| digits.parse().ok())
            .flatten()
            .filter(|y| (1990..=2100).contains(y))
    }

    /// A baseline or target word alone (基准值, 目标值).
    fn kind_word(&self, t: &str) -> Option<TargetKind> {
        match self.words.get(t).copied()? {
            "baseline" => Some(TargetKind::Status),
            "target" => Some(TargetKind::Target),
            _ => None,
        }
    }

    /// A cell that only adds the year to the cell before it (基准值 / (2020年)).
    fn is_year_only(&self, t: &str) -> bool {
        self.year.is_match(t.trim())
    }
}

/// A table header: its columns and where its rows begin.
#[derive(Debug, Clone)]
pub struct Header {
    pub columns: Vec<Role>,
    pub layout: Layout,
    /// Char where the header starts (its first cell).
    pub start: usize,
    /// Char where the rows begin.
    pub rows_from: usize,
}

impl Header {
    /// Whether a column of this role is there.
    pub fn has(&self, role: fn(&Role) -> bool) -> bool {
        self.columns.iter().any(role)
    }
}

/// The roles of a run of header cells: a baseline or target word alone (基准值) takes the
/// year of the cell after it ((2020年)); two cells that make one header word (指标 / 属性)
/// are one, unless the first is the only name cell. Stops at the first cell that is no
/// header cell; returns the roles and how many cells they took.
fn roles_of(h: &Headers, cells: &[Cell]) -> (Vec<Role>, usize) {
    let mut roles: Vec<Role> = Vec::new();
    // a kind word waiting for its year: (index in roles, kind)
    let mut pending: Option<(usize, TargetKind)> = None;
    let mut i = 0;
    while i < cells.len() {
        let t = cells[i].text.trim();
        if let (true, Some((at, kind))) = (h.is_year_only(t), pending) {
            if let Some(Role::Year(y, _)) = h.role(t) {
                roles[at] = Role::Year(y, Some(kind));
                pending = None;
                i += 1;
                continue;
            }
        }
        let joined = cells.get(i + 1).map(|n| format!("{t}{}", n.text.trim()));
        // 指标 / 属性 as two cells is a name column and an attribute column when no name
        // column came before: a header without a name column is no header
        let splits_name = h.role(t) == Some(Role::Name) && !roles.contains(&Role::Name);
        if let Some(role) = joined
            .as_deref()
            .and_then(|j| h.words.get(j).map(|_| h.role(j)))
            .filter(|r| !splits_name || *r == Some(Role::Name))
        {
            roles.extend(role);
            i += 2;
            continue;
        }
        if let Some(kind) = h.kind_word(t) {
            roles.push(Role::Other);
            pending = Some((roles.len() - 1, kind));
            i += 1;
            continue;
        }
        match h.role(t) {
            Some(r) => roles.push(r),
            None => break,
        }
        pending = None;
        i += 1;
    }
    (roles, i)
}

/// The header that starts at a name cell (指标, 指标名称) at char `at` in `layout`: the
/// header cells before it on the same run (序号, 类别) and after it, with at least two year
/// columns.
pub fn header_at(tx: &Text, h: &Headers, at: usize, layout: Layout) -> Option<Header> {
    let cells = cells_from(tx, at, layout, 24);
    let (roles, used) = roles_of(h, &cells);
    let years = roles.iter().filter(|r| matches!(r, Role::Year(..))).count();
    if years < 1 || !roles.contains(&Role::Name) || used == 0 {
        return None;
    }
    let rows_from = cells.get(used - 1).map_or(at, |c| c.end);
    Some(Header {
        columns: roles,
        layout,
        start: at,
        rows_from,
    })
}

/// Where a header could begin: the char of every line opening with a header cell of a name
/// or a leading column (序号, 类别, 指标, 指标名称), and its layout.
pub fn candidates(tx: &Text, h: &Headers) -> Vec<(usize, Layout)> {
    let doc = tx.doc;
    let mut out = Vec::new();
    let mut pos = 0;
    for line in doc.text.split('\n') {
        let n = line.chars().count();
        let t = line.trim().trim_start_matches('|').trim();
        // the text before the first space, tab or pipe (a byte search: these are ASCII)
        let first = &t[..memchr::memchr3(b' ', b'\t', b'|', t.as_bytes()).unwrap_or(t.len())];
        let lead = matches!(h.role(first), Some(Role::Seq | Role::Category | Role::Name));
        if lead && !t.is_empty() {
            let skip = line
                .chars()
                .take_while(|c| c.is_whitespace() || *c == '|')
                .count();
            let layout = if first.len() == t.len() {
                Layout::Lines
            } else {
                Layout::Split
            };
            out.push((pos + skip, layout));
        }
        pos += n + 1;
    }
    out
}
