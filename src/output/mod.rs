//! Output: JSON (one array, written as documents arrive), JSON Lines, CSV/TSV ([`tidy`],
//! one row per item, columns in [`records`]) and comfy-table tables sized for the terminal
//! (80 columns when not a terminal). stdout is data; messages and the progress bar
//! ([`progress`]) go to stderr. Records in give reports keyed by record ([`keyed`]).

pub mod keyed;
pub mod progress;
pub mod records;
pub mod tidy;

use crate::cli::ColorChoice;
use crate::report::Comparator;
use comfy_table::{presets::UTF8_FULL_CONDENSED, ContentArrangement, Table};
use serde::Serialize;
use std::io::{self, IsTerminal, Write};

/// Serialize values as one JSON array (pretty) or as JSON Lines.
pub fn write_json<T: Serialize>(out: &mut dyn Write, values: &[T], lines: bool) -> io::Result<()> {
    if lines {
        for v in values {
            write_json_line(out, v)?;
        }
    } else {
        serde_json::to_writer_pretty(&mut *out, values)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// One compact JSON value and a newline.
pub fn write_json_line<T: Serialize + ?Sized>(out: &mut dyn Write, v: &T) -> io::Result<()> {
    // serialized into a buffer first: serde_json writes a record in many small pieces, and
    // each through `dyn Write` is a call the compiler cannot inline, where a Vec's write is
    let mut line = serde_json::to_vec(v)?;
    line.push(b'\n');
    out.write_all(&line)
}

/// A pretty JSON array written one element at a time, byte for byte what
/// `serde_json::to_writer_pretty` writes for the whole array, so that a folder's JSON
/// streams like its other formats.
#[derive(Debug, Default)]
pub struct JsonArray {
    written: usize,
}

impl JsonArray {
    /// Write one element.
    pub fn push<T: Serialize>(&mut self, out: &mut dyn Write, v: &T) -> io::Result<()> {
        let text = serde_json::to_string_pretty(v)?;
        out.write_all(if self.written == 0 { b"[\n" } else { b",\n" })?;
        // JSON strings escape their newlines, so every line break here is the printer's
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                out.write_all(b"\n")?;
            }
            write!(out, "  {line}")?;
        }
        self.written += 1;
        Ok(())
    }

    /// Close the array.
    pub fn finish(self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(if self.written == 0 { b"[]\n" } else { b"\n]\n" })
    }
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

/// Keep the columns named `rule` one line wide (a rule name is read as one word).
pub fn keep_whole(t: &mut Table, header: &[&str], name: &str) {
    if let Some(i) = header.iter().position(|h| *h == name) {
        if let Some(c) = t.column_mut(i) {
            c.set_constraint(comfy_table::ColumnConstraint::ContentWidth);
        }
    }
}

/// Whether to colour standard output: `--color always|never`, or for `auto` a terminal with
/// NO_COLOR unset or empty.
pub fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

/// A number as people write it: integers without ".0", large values with 万/亿.
pub fn human_number(v: f64) -> String {
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
    plain_number(v)
}

/// A number as in the JSON: integers without a decimal point (25000, 7.8).
pub fn plain_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 9e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
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

/// The unit a difference of two values in `unit` is stated in: the difference of two
/// percentages is in percentage points (12% → 15% is +3个百分点).
pub fn delta_unit(unit: &str) -> &str {
    match unit {
        "%" => "个百分点",
        "‰" => "个千分点",
        u => u,
    }
}

/// A signed difference with its unit: `+3个百分点`, `-2.5万家`.
pub fn signed_delta(delta: f64, unit: &str) -> String {
    let sign = if delta > 0.0 { "+" } else { "" };
    format!("{sign}{}{}", human_number(delta), delta_unit(unit))
}

/// An integer with thousands separators: `41,230`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_streamed_array_is_the_pretty_array() {
        let values = [
            serde_json::json!({"a": [1, 2], "b": {"c": "x\ny"}, "d": []}),
            serde_json::json!({"e": null}),
        ];
        for n in 0..=values.len() {
            let mut streamed = Vec::new();
            let mut arr = JsonArray::default();
            for v in &values[..n] {
                arr.push(&mut streamed, v).unwrap();
            }
            arr.finish(&mut streamed).unwrap();
            let mut whole = Vec::new();
            write_json(&mut whole, &values[..n], false).unwrap();
            assert_eq!(
                String::from_utf8(streamed).unwrap(),
                String::from_utf8(whole).unwrap()
            );
        }
    }

    #[test]
    fn numbers_and_deltas() {
        assert_eq!(thousands(41230), "41,230");
        assert_eq!(thousands(1998), "1,998");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000_000), "1,000,000");
        assert_eq!(signed_delta(3.0, "%"), "+3个百分点");
        assert_eq!(signed_delta(-0.5, "个百分点"), "-0.5个百分点");
        assert_eq!(signed_delta(20000.0, "家"), "+2万家");
        assert_eq!(plain_number(7.8), "7.8");
        assert_eq!(plain_number(25000.0), "25000");
    }
}
