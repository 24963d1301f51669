//! Records: many documents in one stream, as crawls are kept — JSON Lines (one record a
//! line) or CSV (one record a row, under a header row).
//!
//! [`Reader`] reads the records of its inputs one after another and yields each one raw
//! (the line's bytes, the row's cells), reading no further than it is asked: a 1 GB file is
//! never held whole, and the pipeline decides how far ahead of the output it reads.
//! [`RawRecord::parse`] turns a raw record into a [`Record`] on a pipeline worker, so that
//! JSON parsing runs in parallel with the rest. A record that cannot be used is a
//! [`RecordError`] for that record only; an input that cannot be read is one for the input.
//!
//! A record's fields: `text` (required, a string), `id` (a string or a number) or `path`,
//! and optionally `format` (`text`, `html`, `markdown`), `published` and `title`; every
//! other field is kept, in its order, under `meta`. `null` and `""` are the same as a field
//! left out.

use crate::error::InputError;
use crate::ingest::{looks_binary, Source};
use crate::report::SourceFormat;
use serde_json::{Map, Value};
use std::fmt;
use std::io::{self, BufRead, BufReader};
use std::sync::Arc;

/// The size of the read buffer, and of the sample that tells a binary file (a gzip'd crawl)
/// from JSON Lines or CSV.
const BUFFER: usize = 64 * 1024;

/// Why a record, or a whole input of records, could not be used.
#[derive(Debug, thiserror::Error)]
pub enum RecordError {
    /// The line is not UTF-8 (JSON is).
    #[error("not UTF-8 (a bad byte at offset {0} of the line)")]
    NotUtf8(usize),
    /// The line does not parse as JSON.
    #[error("not JSON: {0}")]
    NotJson(String),
    /// The line is JSON, but not an object.
    #[error("not a JSON object")]
    NotObject,
    /// No `text` field (or `null`).
    #[error("no \"text\" field")]
    NoText,
    /// A field that must be a string is not one.
    #[error("\"{0}\" is not a string")]
    NotString(&'static str),
    /// The `id` is neither a string nor a number.
    #[error("\"id\" is not a string or a number")]
    BadId,
    /// The `format` is not one policylens reads.
    #[error("\"format\" is {0:?}; it is text, html or markdown")]
    BadFormat(String),
    /// The `published` field does not read as a day.
    #[error("\"published\" is {0:?}, which is not a date (leave it out, or null, when unknown)")]
    BadDate(String),
    /// A CSV row that cannot be read (a cell that is not UTF-8, a row of the wrong width).
    #[error("{0}")]
    Csv(String),
    /// The input could not be opened or read on (the records before were used).
    #[error(transparent)]
    Input(#[from] InputError),
    /// A CSV input without the column asked for.
    #[error("no column {column:?} (the header has {header})")]
    NoColumn { column: String, header: String },
}

impl RecordError {
    /// Whether this concerns one record, which gets an error record in the output, rather
    /// than the input as a whole (that is only reported on stderr).
    pub fn is_record(&self) -> bool {
        !matches!(self, RecordError::Input(_) | RecordError::NoColumn { .. })
    }

    /// Whether this is only a note: an input left out on purpose (a FIFO met in a folder,
    /// see [`InputError::is_note`]), which does not fail the run.
    pub fn is_note(&self) -> bool {
        matches!(self, RecordError::Input(e) if e.is_note())
    }
}

/// Where a record comes from: its input as given (`-` for standard input) and its line
/// there (the first line of a CSV row; 0 for the input as a whole).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The input's path as text ([`path_text`]).
    pub input: Arc<str>,
    /// 1-based line, or 0.
    pub line: u64,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            0 => f.write_str(&self.input),
            n => write!(f, "{}:{n}", self.input),
        }
    }
}

/// A record, or an input, that failed: where, the record's id when it was read (else
/// `null`), and why.
#[derive(Debug)]
pub struct Failure {
    pub origin: Origin,
    pub id: Value,
    pub error: RecordError,
}

impl fmt::Display for Failure {
    /// The stderr line (without `policylens: `): `crawl.jsonl:17 (id "a1"): reason`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.error, &self.id) {
            (RecordError::Input(e), _) => write!(f, "{e}"),
            (e, Value::Null) => write!(f, "{}: {e}", self.origin),
            (e, id) => write!(f, "{} (id {id}): {e}", self.origin),
        }
    }
}

/// A record ready to be analyzed.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// The record's `id`, else its `path`, else `null`: what the output is keyed by.
    pub id: Value,
    /// How reports and tables name it (their `path`): the id or path as text, else the
    /// record's [`Origin`] (`crawl.jsonl:17`).
    pub name: String,
    /// The document.
    pub text: String,
    /// What format detection sees as the extension: from `format`, else from `path`.
    pub extension: String,
    /// `published` as given: the publication date, over what the text says.
    pub published: Option<String>,
    /// `title` as given: the title, over what the text says.
    pub title: Option<String>,
    /// Every other field, in the record's order.
    pub meta: Map<String, Value>,
    /// Where it was read.
    pub origin: Origin,
}

/// The fields of a record, sorted by role, before they are checked.
#[derive(Default)]
struct Fields {
    id: Option<Value>,
    path: Option<Value>,
    text: Option<Value>,
    format: Option<Value>,
    published: Option<Value>,
    title: Option<Value>,
    meta: Map<String, Value>,
}

impl Fields {
    /// Sort one field by its name.
    fn put(&mut self, key: String, v: Value) {
        let slot = match key.as_str() {
            "id" => &mut self.id,
            "path" => &mut self.path,
            "text" => &mut self.text,
            "format" => &mut self.format,
            "published" => &mut self.published,
            "title" => &mut self.title,
            _ => {
                self.meta.insert(key, v);
                return;
            }
        };
        *slot = Some(v);
    }
}

/// A field that is left out, `null` or `""` is absent.
fn present(v: Option<Value>) -> Option<Value> {
    v.filter(|v| !v.is_null() && v.as_str() != Some(""))
}

fn string(v: Option<Value>, field: &'static str) -> Result<Option<String>, RecordError> {
    match present(v) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(RecordError::NotString(field)),
    }
}

/// The extension that makes format detection read a text as `format` does.
fn extension(format: Option<String>, path: Option<&str>) -> Result<String, RecordError> {
    match format.as_deref().map(SourceFormat::parse) {
        Some(Some(SourceFormat::Html)) => Ok("html".into()),
        Some(Some(SourceFormat::Markdown)) => Ok("md".into()),
        Some(Some(SourceFormat::Text)) => Ok("txt".into()),
        Some(None) => Err(RecordError::BadFormat(format.unwrap_or_default())),
        None => Ok(path
            .and_then(|p| std::path::Path::new(p).extension())
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase()),
    }
}

impl Record {
    /// Check the fields and make the record; on failure, the id (when it was good) comes
    /// with the error.
    fn new(f: Fields, origin: &Origin) -> Result<Record, Box<Failure>> {
        let fail = |id: &Value, error| {
            Box::new(Failure {
                origin: origin.clone(),
                id: id.clone(),
                error,
            })
        };
        let id = match present(f.id) {
            None => Value::Null,
            Some(v @ (Value::String(_) | Value::Number(_))) => v,
            Some(_) => return Err(fail(&Value::Null, RecordError::BadId)),
        };
        let path = string(f.path, "path").map_err(|e| fail(&id, e))?;
        let mut meta = f.meta;
        let (id, path) = match (id, path) {
            (Value::Null, Some(p)) => (Value::String(p.clone()), Some(p)),
            (id, Some(p)) => {
                meta.insert("path".into(), Value::String(p.clone()));
                (id, Some(p))
            }
            (id, None) => (id, None),
        };
        let text = match f.text {
            None | Some(Value::Null) => return Err(fail(&id, RecordError::NoText)),
            Some(Value::String(s)) => s,
            Some(_) => return Err(fail(&id, RecordError::NotString("text"))),
        };
        let checked = string(f.format, "format")
            .and_then(|fmt| extension(fmt, path.as_deref()))
            .and_then(|ext| Ok((ext, string(f.published, "published")?)))
            .and_then(|(ext, p)| Ok((ext, p, string(f.title, "title")?)));
        let (extension, published, title) = checked.map_err(|e| fail(&id, e))?;
        let name = match &id {
            Value::String(s) => s.clone(),
            Value::Null => origin.to_string(),
            other => other.to_string(),
        };
        Ok(Record {
            id,
            name,
            text,
            extension,
            published,
            title,
            meta,
            origin: origin.clone(),
        })
    }
}

/// The columns of a CSV input: the header, and which column plays which role.
#[derive(Debug)]
pub struct Columns {
    names: Vec<String>,
    text: usize,
    id: Option<usize>,
}

impl Columns {
    /// Find the roles in a header: the text column (required), the id column (asked for,
    /// else `id`; when not asked for, it may be missing).
    fn new(header: Vec<String>, config: &CsvConfig) -> Result<Columns, RecordError> {
        let find = |name: &str| header.iter().position(|h| h == name);
        let missing = |column: &str| RecordError::NoColumn {
            column: column.to_string(),
            header: header
                .iter()
                .map(|h| format!("{h:?}"))
                .collect::<Vec<_>>()
                .join(", "),
        };
        let text = find(&config.text).ok_or_else(|| missing(&config.text))?;
        let id = match &config.id {
            Some(c) => Some(find(c).ok_or_else(|| missing(c))?),
            None => find("id"),
        };
        Ok(Columns {
            names: header,
            text,
            id,
        })
    }

    /// A row's cells sorted by role: the text and id columns by position, the others by
    /// their names as in JSON Lines (`path`, `format`, `published`, `title`, else `meta`).
    fn fields(&self, row: &csv::ByteRecord) -> Result<Fields, RecordError> {
        let mut f = Fields::default();
        for (i, cell) in row.iter().enumerate() {
            let name = self.names.get(i).map_or("", String::as_str);
            let cell = std::str::from_utf8(cell).map_err(|e| {
                RecordError::Csv(format!(
                    "column {name:?}: not UTF-8 (a bad byte at offset {})",
                    e.valid_up_to()
                ))
            })?;
            let v = Value::String(cell.to_string());
            if i == self.text {
                f.text = Some(v);
            } else if Some(i) == self.id {
                f.id = Some(v);
            } else if name == "text" || name == "id" {
                f.meta.insert(name.to_string(), v);
            } else {
                f.put(name.to_string(), v);
            }
        }
        Ok(f)
    }
}

/// One record as read, not yet parsed.
#[derive(Debug)]
pub struct RawRecord {
    /// Where it was read.
    pub origin: Origin,
    raw: Raw,
}

#[derive(Debug)]
enum Raw {
    /// A JSON Lines line, without its line end.
    Line(Vec<u8>),
    /// A CSV row and its header.
    Row(csv::ByteRecord, Arc<Columns>),
    /// What went wrong reading it (a bad CSV row, or the input as a whole).
    Failed(RecordError),
}

impl RawRecord {
    /// Parse the record (JSON, or the row's cells) and check its fields.
    pub fn parse(self) -> Result<Record, Box<Failure>> {
        let origin = self.origin;
        let fail = |error| {
            Box::new(Failure {
                origin: origin.clone(),
                id: Value::Null,
                error,
            })
        };
        let fields = match self.raw {
            Raw::Line(bytes) => json_fields(&bytes).map_err(fail)?,
            Raw::Row(row, columns) => columns.fields(&row).map_err(fail)?,
            Raw::Failed(e) => return Err(fail(e)),
        };
        Record::new(fields, &origin)
    }
}

fn json_fields(bytes: &[u8]) -> Result<Fields, RecordError> {
    let text = std::str::from_utf8(bytes).map_err(|e| RecordError::NotUtf8(e.valid_up_to()))?;
    let v: Value = serde_json::from_str(text).map_err(|e| RecordError::NotJson(e.to_string()))?;
    let Value::Object(map) = v else {
        return Err(RecordError::NotObject);
    };
    let mut f = Fields::default();
    for (k, v) in map {
        f.put(k, v);
    }
    Ok(f)
}

/// How a CSV input names its roles (`--text-column`, `--id-column`).
#[derive(Debug, Clone)]
pub struct CsvConfig {
    /// The text column's name.
    pub text: String,
    /// The id column's name, if one was asked for.
    pub id: Option<String>,
}

/// The kind of records an input holds.
#[derive(Debug, Clone)]
pub enum Kind {
    /// One JSON object a line.
    Jsonl,
    /// CSV with a header row.
    Csv(CsvConfig),
}

/// One open input.
enum Open {
    Lines {
        r: Box<dyn BufRead + Send>,
        input: Arc<str>,
        line: u64,
    },
    Csv {
        r: Box<csv::Reader<Box<dyn BufRead + Send>>>,
        columns: Arc<Columns>,
        input: Arc<str>,
    },
}

impl Open {
    /// The next record of this input; `None` at its end. A read error ends the input with
    /// a failed record for it.
    fn next(&mut self) -> Option<(RawRecord, bool)> {
        match self {
            Open::Lines { r, input, line } => next_line(r.as_mut(), input, line),
            Open::Csv { r, columns, input } => next_row(r, columns, input),
        }
    }
}

fn input_failed(input: &Arc<str>, source: io::Error) -> RawRecord {
    RawRecord {
        origin: Origin {
            input: input.clone(),
            line: 0,
        },
        raw: Raw::Failed(RecordError::Input(InputError::Read {
            path: input.to_string(),
            source,
        })),
    }
}

/// The next line that is not blank, and whether the input goes on after it.
fn next_line(r: &mut dyn BufRead, input: &Arc<str>, line: &mut u64) -> Option<(RawRecord, bool)> {
    loop {
        let mut buf = Vec::new();
        match r.read_until(b'\n', &mut buf) {
            Ok(0) => return None,
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Some((input_failed(input, e), false)),
        }
        *line += 1;
        while buf.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
            buf.pop();
        }
        if buf.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let origin = Origin {
            input: input.clone(),
            line: *line,
        };
        return Some((
            RawRecord {
                origin,
                raw: Raw::Line(buf),
            },
            true,
        ));
    }
}

/// The next CSV row, and whether the input goes on after it.
fn next_row(
    r: &mut csv::Reader<Box<dyn BufRead + Send>>,
    columns: &Arc<Columns>,
    input: &Arc<str>,
) -> Option<(RawRecord, bool)> {
    let mut row = csv::ByteRecord::new();
    let read = r.read_byte_record(&mut row);
    let line = row.position().map_or(0, |p| p.line());
    let origin = |line| Origin {
        input: input.clone(),
        line,
    };
    match read {
        Ok(false) => None,
        Ok(true) => Some((
            RawRecord {
                origin: origin(line),
                raw: Raw::Row(row, columns.clone()),
            },
            true,
        )),
        Err(e) => {
            let line = e.position().map_or(line, |p| p.line());
            let message = e.to_string();
            match e.into_kind() {
                csv::ErrorKind::Io(e) => Some((input_failed(input, e), false)),
                _ => Some((
                    RawRecord {
                        origin: origin(line),
                        raw: Raw::Failed(RecordError::Csv(message)),
                    },
                    true,
                )),
            }
        }
    }
}

/// The records of a list of inputs, one input after another, read as they are asked for.
pub struct Reader {
    kind: Kind,
    sources: std::vec::IntoIter<Result<Source, InputError>>,
    current: Option<Open>,
}

impl Reader {
    /// A reader over `sources` (as [`crate::ingest::expand`] gives them: a folder's files
    /// in sorted order, `-` for standard input).
    pub fn new(sources: Vec<Result<Source, InputError>>, kind: Kind) -> Reader {
        Reader {
            kind,
            sources: sources.into_iter(),
            current: None,
        }
    }

    /// Open a source: a buffered reader, checked not to be binary, and for CSV its header.
    fn open(&self, source: Source) -> Result<Open, RawRecord> {
        let input: Arc<str> = source.display().into();
        let failed = |error: RecordError| RawRecord {
            origin: Origin {
                input: input.clone(),
                line: 0,
            },
            raw: Raw::Failed(error),
        };
        let mut r: Box<dyn BufRead + Send> = match &source {
            Source::Stdin => Box::new(BufReader::with_capacity(BUFFER, io::stdin())),
            Source::File(p) => match std::fs::File::open(p) {
                Ok(f) => Box::new(BufReader::with_capacity(BUFFER, f)),
                Err(e) => return Err(input_failed(&input, e)),
            },
        };
        let sample = match r.fill_buf() {
            Ok(b) => looks_binary(b),
            Err(e) => return Err(input_failed(&input, e)),
        };
        if let Some(reason) = sample {
            let path = input.to_string();
            return Err(failed(InputError::Binary { path, reason }.into()));
        }
        match &self.kind {
            Kind::Jsonl => Ok(Open::Lines { r, input, line: 0 }),
            Kind::Csv(config) => {
                let mut csv = csv::ReaderBuilder::new().from_reader(r);
                let header = match csv.byte_headers() {
                    Ok(h) => h
                        .iter()
                        .map(|c| String::from_utf8_lossy(c).into())
                        .collect(),
                    Err(e) => return Err(failed(RecordError::Csv(e.to_string()))),
                };
                let columns = Columns::new(header, config).map_err(failed)?;
                Ok(Open::Csv {
                    r: Box::new(csv),
                    columns: Arc::new(columns),
                    input,
                })
            }
        }
    }
}

impl Iterator for Reader {
    type Item = RawRecord;

    fn next(&mut self) -> Option<RawRecord> {
        loop {
            if let Some(open) = &mut self.current {
                match open.next() {
                    Some((record, goes_on)) => {
                        if !goes_on {
                            self.current = None;
                        }
                        return Some(record);
                    }
                    None => self.current = None,
                }
            }
            match self.sources.next()? {
                Ok(source) => match self.open(source) {
                    Ok(open) => self.current = Some(open),
                    Err(failed) => return Some(failed),
                },
                Err(e) => {
                    let input = match &e {
                        InputError::Read { path, .. } => path.as_str().into(),
                        _ => "".into(),
                    };
                    return Some(RawRecord {
                        origin: Origin { input, line: 0 },
                        raw: Raw::Failed(e.into()),
                    });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin() -> Origin {
        Origin {
            input: "-".into(),
            line: 3,
        }
    }

    fn parse(line: &str) -> Result<Record, Box<Failure>> {
        RawRecord {
            origin: origin(),
            raw: Raw::Line(line.as_bytes().to_vec()),
        }
        .parse()
    }

    #[test]
    fn a_record_names_itself_by_id_else_path_else_its_line() {
        let r =
            parse(r#"{"id": "a1", "text": "x", "source": "gov", "path": "p/plan.html"}"#).unwrap();
        assert_eq!((r.id.as_str(), r.name.as_str()), (Some("a1"), "a1"));
        assert_eq!(r.extension, "html");
        assert_eq!(r.meta["source"], "gov");
        assert_eq!(r.meta["path"], "p/plan.html");
        let r = parse(r#"{"path": "p/plan.md", "text": "x"}"#).unwrap();
        assert_eq!(
            (r.id.as_str(), r.name.as_str()),
            (Some("p/plan.md"), "p/plan.md")
        );
        assert!(r.meta.is_empty());
        let r = parse(r#"{"id": 17, "text": "x", "format": "markdown"}"#).unwrap();
        assert_eq!((r.name.as_str(), r.extension.as_str()), ("17", "md"));
        let r = parse(r#"{"text": "x", "id": null, "published": ""}"#).unwrap();
        assert_eq!((r.id.clone(), r.name.as_str()), (Value::Null, "-:3"));
        assert_eq!(r.published, None);
    }

    #[test]
    fn bad_records_say_why_and_keep_their_id() {
        let cases = [
            ("not json", "not JSON", Value::Null),
            ("[1, 2]", "not a JSON object", Value::Null),
            (r#"{"id": "a"}"#, "no \"text\" field", "a".into()),
            (
                r#"{"id": "a", "text": 5}"#,
                "\"text\" is not a string",
                "a".into(),
            ),
            (
                r#"{"id": [1], "text": "x"}"#,
                "not a string or a number",
                Value::Null,
            ),
            (
                r#"{"id": 2, "text": "x", "format": "pdf"}"#,
                "\"pdf\"",
                2.into(),
            ),
            (
                r#"{"id": "a", "text": "x", "title": 1}"#,
                "\"title\"",
                "a".into(),
            ),
        ];
        for (line, why, id) in cases {
            let f = parse(line).unwrap_err();
            assert!(f.error.is_record(), "{line}");
            assert!(f.error.to_string().contains(why), "{line}: {}", f.error);
            assert_eq!(f.id, id, "{line}");
            assert!(f.to_string().starts_with("-:3"), "{f}");
        }
        let f = RawRecord {
            origin: origin(),
            raw: Raw::Line(b"{\"text\": \"\xff\"}".to_vec()),
        }
        .parse()
        .unwrap_err();
        assert!(f.error.to_string().contains("not UTF-8"), "{f}");
    }

    #[test]
    fn csv_rows_take_their_roles_from_the_header() {
        let config = CsvConfig {
            text: "body".into(),
            id: None,
        };
        let header = ["id", "body", "text", "published", "site"].map(String::from);
        let columns = Arc::new(Columns::new(header.to_vec(), &config).unwrap());
        let row = csv::ByteRecord::from(vec!["7", "正文", "other", "2021-12-12", "gov.cn"]);
        let r = RawRecord {
            origin: origin(),
            raw: Raw::Row(row, columns),
        }
        .parse()
        .unwrap();
        assert_eq!((r.name.as_str(), r.text.as_str()), ("7", "正文"));
        assert_eq!(r.published.as_deref(), Some("2021-12-12"));
        assert_eq!(r.meta["text"], "other");
        assert_eq!(r.meta["site"], "gov.cn");
        let missing = CsvConfig {
            text: "content".into(),
            id: None,
        };
        let e = Columns::new(header.to_vec(), &missing).unwrap_err();
        assert!(!e.is_record());
        assert!(e.to_string().contains("\"content\""), "{e}");
    }
}
