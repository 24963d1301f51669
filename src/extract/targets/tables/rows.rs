//! The rows of an indicator table: cells walked in the header's column order, a row number
//! opening each row when the table has one, a category cell only where a group begins
//! (rowspan), a unit that may stand in a cell of its own after its value, several figures in
//! one cell (100%(区管以上河道断面) 100%(市考断面)).

use super::cells::{is_unit, value, Value};
use super::header::{Header, Role};
use crate::extract::cells::Cell;
use crate::extract::numbers::Grammar;
use crate::report::TargetKind;

/// One figure of a row.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub year: i32,
    /// The kind the header gives the column (现状值, 目标值), if it does.
    pub kind: Option<TargetKind>,
    pub value: Value,
    /// A unit in a cell of its own after the value (120.14 / 平方公里).
    pub unit: Option<String>,
}

/// A parsed row.
#[derive(Debug, Clone)]
pub struct Row {
    pub category: Option<String>,
    pub name: String,
    /// The unit column's cell.
    pub unit: Option<String>,
    pub attribute: Option<String>,
    pub figures: Vec<Figure>,
    /// Chars `[start, end)` of the row from its name.
    pub start: usize,
    pub end: usize,
}

/// Cells that end a table: a note, a source line, the next heading.
fn ends_table(t: &str) -> bool {
    let t = t.trim();
    ["注", "备注", "说明", "资料来源", "数据来源", "来源"]
        .iter()
        .any(|w| t.starts_with(w) && t[w.len()..].starts_with([':', '：', ' ', '1', '(']))
        || crate::extract::outline::marker(t).is_some_and(|m| m.level <= 4)
        || t.chars().count() > 80
        || t.ends_with('。')
}

fn is_attribute(t: &str) -> bool {
    matches!(t.trim(), "预期性" | "约束性")
}

fn is_number_cell(t: &str, g: &Grammar) -> bool {
    matches!(value(t, g), Value::Number { .. } | Value::Dash)
}

/// A row number: one or two digits.
fn seq_value(t: &str) -> Option<u32> {
    let t = t.trim();
    (t.len() <= 2 && !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()))
        .then(|| t.parse().ok())
        .flatten()
}

/// Walks a table's cells.
pub struct Walker<'c, 't> {
    cells: &'c [Cell<'t>],
    pub i: usize,
    g: &'c Grammar,
    header: &'c Header,
    next_seq: u32,
    category: Option<String>,
}

impl<'c, 't> Walker<'c, 't> {
    pub fn new(cells: &'c [Cell<'t>], header: &'c Header, g: &'c Grammar) -> Walker<'c, 't> {
        Walker {
            cells,
            i: 0,
            g,
            header,
            next_seq: 1,
            category: None,
        }
    }

    fn text(&self, k: usize) -> Option<&'t str> {
        self.cells.get(k).map(|c| c.text.trim())
    }

    /// A text cell that is no value, unit, attribute or row number.
    fn is_label(&self, k: usize) -> bool {
        self.text(k).is_some_and(|t| {
            !is_number_cell(t, self.g)
                && !is_attribute(t)
                && !is_unit(t, self.g)
                && seq_value(t).is_none()
                && !ends_table(t)
        })
    }

    /// The next row, or None where the table ends.
    pub fn row(&mut self) -> Option<Row> {
        let start_i = self.i;
        let mut row = Row {
            category: None,
            name: String::new(),
            unit: None,
            attribute: None,
            figures: Vec::new(),
            start: 0,
            end: 0,
        };
        let columns = self.header.columns.clone();
        for (k, role) in columns.iter().enumerate() {
            let next = columns.get(k + 1).copied();
            if !self.column(*role, next, &mut row) {
                self.i = start_i;
                return None;
            }
        }
        row.category = row.category.or_else(|| self.category.clone());
        // a row of words only (城市防洪标准: 达到100年一遇) is a row, with no figures to read
        (!row.name.is_empty() && !row.figures.is_empty()).then_some(row)
    }

    /// Read the cells of one column into `row`; false when the row cannot be read.
    fn column(&mut self, role: Role, next: Option<Role>, row: &mut Row) -> bool {
        let Some(t) = self.text(self.i) else {
            // the last row may lack trailing cells
            return !row.name.is_empty() && !row.figures.is_empty();
        };
        match role {
            Role::Seq => {
                if seq_value(t) != Some(self.next_seq) {
                    return false;
                }
                self.next_seq += 1;
                self.i += 1;
            }
            Role::Category => {
                // a group's first row names it; the rows after it leave the cell out
                let named = match next {
                    Some(Role::Seq) => {
                        self.text(self.i + 1).and_then(seq_value) == Some(self.next_seq)
                    }
                    _ => self.is_label(self.i) && self.is_label(self.i + 1),
                };
                if named && self.is_label(self.i) {
                    self.category = Some(t.to_string());
                    self.i += 1;
                }
            }
            Role::Name => return self.name(row),
            Role::Unit => {
                if is_unit(t, self.g) {
                    row.unit = Some(t.to_string());
                    self.i += 1;
                }
            }
            Role::Attribute => {
                if is_attribute(t) {
                    row.attribute = Some(t.to_string());
                    self.i += 1;
                }
            }
            Role::Year(year, kind) => return self.figure(year, kind, row),
            Role::Other => {
                if !is_number_cell(t, self.g) && !is_attribute(t) {
                    self.i += 1;
                }
            }
        }
        true
    }

    /// The name cell, and a bracketed note on a line of its own after it ((国标…)).
    fn name(&mut self, row: &mut Row) -> bool {
        if !self.is_label(self.i) {
            return false;
        }
        let c = self.cells[self.i];
        row.name = c.text.trim().to_string();
        row.start = c.start;
        row.end = c.end;
        self.i += 1;
        while self
            .text(self.i)
            .is_some_and(|t| t.starts_with(['(', '（']) && !is_number_cell(t, self.g))
        {
            row.end = self.cells[self.i].end;
            self.i += 1;
        }
        true
    }

    /// A year column's cell, a unit cell after it, and more figures of the same cell.
    fn figure(&mut self, year: i32, kind: Option<TargetKind>, row: &mut Row) -> bool {
        let Some(c) = self.cells.get(self.i).copied() else {
            return true;
        };
        let t = c.text.trim();
        if is_attribute(t) {
            return true;
        }
        let v = value(t, self.g);
        // a row short of cells: the next row's number, or the end of the table
        if self.is_next_row_start() || matches!(v, Value::Words) && ends_table(t) {
            return true;
        }
        self.i += 1;
        row.end = c.end;
        let unit = self.unit_cell(row);
        let qualified = matches!(
            &v,
            Value::Number {
                qualifier: Some(_),
                ..
            }
        );
        row.figures.push(Figure {
            year,
            kind,
            value: v,
            unit,
        });
        // 100%(区管以上河道断面) / 100%(市考断面): more figures of one cell
        if qualified {
            self.more_figures(year, kind, row);
        }
        true
    }

    /// The further figures of one cell, each with its qualifier.
    fn more_figures(&mut self, year: i32, kind: Option<TargetKind>, row: &mut Row) {
        while let Some(n) = self.cells.get(self.i).copied() {
            match value(n.text, self.g) {
                v @ Value::Number {
                    qualifier: Some(_), ..
                } => {
                    self.i += 1;
                    row.end = n.end;
                    row.figures.push(Figure {
                        year,
                        kind,
                        value: v,
                        unit: None,
                    });
                }
                _ => break,
            }
        }
    }

    /// A unit in a cell of its own right after a figure.
    fn unit_cell(&mut self, row: &mut Row) -> Option<String> {
        let t = self.text(self.i)?;
        if !is_unit(t, self.g) {
            return None;
        }
        row.end = self.cells[self.i].end;
        self.i += 1;
        Some(t.to_string())
    }

    /// Whether the next row starts at the current cell (its row number follows).
    fn is_next_row_start(&self) -> bool {
        self.header.has(|r| *r == Role::Seq)
            && self.text(self.i).and_then(seq_value) == Some(self.next_seq)
    }
}
