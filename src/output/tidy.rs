//! CSV (RFC 4180: comma-separated, fields quoted when they need it, CRLF line ends) and TSV
//! (tab-separated, LF line ends) through the `csv` crate: a header row, then one row per
//! item. Rows are buffered per document and written out when the document is complete, so
//! a folder streams.

use std::io::{self, Write};

/// A CSV or TSV writer with its header already written.
pub struct TidyWriter {
    builder: csv::WriterBuilder,
    w: csv::Writer<Vec<u8>>,
}

impl TidyWriter {
    /// A writer for `header`; `tsv` selects tabs, `bom` starts the output with a UTF-8
    /// byte-order mark (Excel needs it to read UTF-8).
    pub fn new(header: &[&str], tsv: bool, bom: bool) -> io::Result<TidyWriter> {
        let mut buf = Vec::new();
        if bom {
            buf.extend_from_slice("\u{feff}".as_bytes());
        }
        let (delimiter, terminator) = if tsv {
            (b'\t', csv::Terminator::Any(b'\n'))
        } else {
            (b',', csv::Terminator::CRLF)
        };
        let mut builder = csv::WriterBuilder::new();
        builder.delimiter(delimiter).terminator(terminator);
        let mut w = builder.from_writer(buf);
        w.write_record(header)?;
        Ok(TidyWriter { builder, w })
    }

    /// Add one row.
    pub fn row(&mut self, fields: &[String]) -> io::Result<()> {
        Ok(self.w.write_record(fields)?)
    }

    /// Write the buffered rows (and the header, the first time) to `out`.
    pub fn drain(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let fresh = self.builder.from_writer(Vec::new());
        let bytes = std::mem::replace(&mut self.w, fresh)
            .into_inner()
            .map_err(|e| io::Error::other(e.to_string()))?;
        out.write_all(&bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_bom_and_line_ends() {
        let mut w = TidyWriter::new(&["a", "b"], false, true).unwrap();
        w.row(&["x,y".into(), "他说\"好\"".into()]).unwrap();
        let mut out = Vec::new();
        w.drain(&mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\u{feff}a,b\r\n\"x,y\",\"他说\"\"好\"\"\"\r\n"
        );
        let mut w = TidyWriter::new(&["a", "b"], true, false).unwrap();
        w.row(&["x,y".into(), "z".into()]).unwrap();
        let mut out = Vec::new();
        w.drain(&mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "a\tb\nx,y\tz\n");
    }
}
