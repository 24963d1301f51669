//! Output: JSON (one array), JSON Lines, and comfy-table tables sized for the terminal
//! (80 columns when not a terminal). stdout is data; messages go to stderr.

use crate::report::Comparator;
use comfy_table::{presets::UTF8_FULL_CONDENSED, ContentArrangement, Table};
use serde::Serialize;
use std::io::{self, IsTerminal, Write};

/// Serialize values as one JSON array (pretty) or as JSON Lines.
pub fn write_json<T: Serialize>(out: &mut dyn Write, values: &[T], lines: bool) -> io::Result<()> {
    if lines {
        for v in values {
            serde_json::to_writer(&mut *out, v)?;
            out.write_all(b"\n")?;
        }
    } else {
        serde_json::to_writer_pretty(&mut *out, values)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// A new table with the house style, as wide as the terminal (80 when piped).
pub fn table(header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header.to_vec());
    if !io::stdout().is_terminal() {
        let width = std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(80);
        t.set_width(width);
    }
    t
}

/// Whether to colour output: a terminal, and NO_COLOR unset.
pub fn use_color() -> bool {
    io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// A number as people write it: integers without ".0", large values with 万/亿.
pub fn human_number(v: f64) -> String {
    let plain = if v.fract() == 0.0 && v.abs() < 9e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    };
    let exact = |x: f64| ((x * 1e4).round() - x * 1e4).abs() < 1e-6;
    if v.abs() >= 1e12 && exact(v / 1e12) {
        return format!("{}万亿", trim_float(v / 1e12));
    }
    if v.abs() >= 1e8 && exact(v / 1e8) {
        return format!("{}亿", trim_float(v / 1e8));
    }
    if v.abs() >= 1e4 && exact(v / 1e4) {
        return format!("{}万", trim_float(v / 1e4));
    }
    plain
}

fn trim_float(v: f64) -> String {
    let s = format!("{v:.4}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Comparator, value and unit as one cell: `≥ 2.5万 项`, `3–5 个`.
pub fn quantity(comparator: Comparator, value: f64, value_max: Option<f64>, unit: &str) -> String {
    let sym = match comparator {
        Comparator::Ge => "≥ ",
        Comparator::Gt => "> ",
        Comparator::Le => "≤ ",
        Comparator::Lt => "< ",
        Comparator::Approx => "≈ ",
        Comparator::Eq | Comparator::Range => "",
    };
    let v = match value_max {
        Some(m) => format!("{}–{}", human_number(value), human_number(m)),
        None => human_number(value),
    };
    format!("{sym}{v}{unit}")
}
