//! Table cells: the text a table is read from, cut into cells — one per line (HTML table
//! cells after stripping) or several per line (spaces, tabs, Markdown pipes). Shared by the
//! extractors that read tables (indicator tables, project lists).

use crate::extract::Text;

/// One cell: its text and its char range in the normalized text.
#[derive(Debug, Clone, Copy)]
pub struct Cell<'t> {
    pub text: &'t str,
    pub start: usize,
    pub end: usize,
}

/// How a table's cells are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// One cell per line (HTML table cells after stripping).
    Lines,
    /// Several cells per line, separated by spaces, tabs or Markdown pipes.
    Split,
}

/// The cells of the text from char `from` on, in the given layout; the alignment rows of
/// Markdown tables (|---|---|) are left out. Stops after `max` cells.
pub fn cells_from<'t>(tx: &'t Text, from: usize, layout: Layout, max: usize) -> Vec<Cell<'t>> {
    let doc = tx.doc;
    let text = doc.slice(from, doc.len_chars());
    let mut out = Vec::new();
    let mut pos = from;
    for line in text.split('\n') {
        let n = line.chars().count();
        match layout {
            Layout::Lines => {
                let t = line.trim();
                if !t.is_empty() && !alignment(t) {
                    let lead = line.chars().take_while(|c| c.is_whitespace()).count();
                    let len = t.chars().count();
                    out.push(Cell {
                        text: doc.slice(pos + lead, pos + lead + len),
                        start: pos + lead,
                        end: pos + lead + len,
                    });
                }
            }
            Layout::Split => split_line(tx, line, pos, &mut out),
        }
        if out.len() >= max {
            break;
        }
        pos += n + 1;
    }
    out
}

/// |---|:---:|: a Markdown alignment row.
fn alignment(t: &str) -> bool {
    t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')) && t.contains('-')
}

/// The cells of one line split at white space and pipes.
fn split_line<'t>(tx: &'t Text, line: &str, pos: usize, out: &mut Vec<Cell<'t>>) {
    if alignment(line.trim()) {
        return;
    }
    let mut start: Option<usize> = None;
    for (k, c) in line.chars().chain(std::iter::once(' ')).enumerate() {
        let sep = c.is_whitespace() || c == '|';
        match (sep, start) {
            (true, Some(s)) => {
                out.push(Cell {
                    text: tx.doc.slice(pos + s, pos + k),
                    start: pos + s,
                    end: pos + k,
                });
                start = None;
            }
            (false, None) => start = Some(k),
            _ => {}
        }
    }
}
