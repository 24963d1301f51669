//! The output of records (`analyze --input jsonl|csv`): one object per record in, in the
//! same order, keyed by the record's `id`.
//!
//! A record's report is [`KeyedReport`]: `id` first, then every field of the report as in
//! [`crate::report::DocReport`] (its `path` is the record's name), then `meta` (the
//! record's other fields, left out when there are none). A record that could not be used is
//! [`ErrorRecord`]: `{"id", "error"}`. Both are documented in the README, and a test reads
//! them back with unknown fields denied.

use crate::ingest::records::Failure;
use crate::pipeline::RecordInfo;
use crate::report::DocReport;
use serde::Serialize;
use serde_json::{Map, Value};

/// A record's report: its id, the report, the fields passed through.
#[derive(Debug, Serialize)]
pub struct KeyedReport<'a> {
    /// The record's `id`, else its `path`, else `null`.
    pub id: &'a Value,
    #[serde(flatten)]
    pub report: &'a DocReport,
    /// The record's other fields, in their order.
    #[serde(skip_serializing_if = "no_meta")]
    pub meta: &'a Map<String, Value>,
}

fn no_meta(m: &&Map<String, Value>) -> bool {
    m.is_empty()
}

impl<'a> KeyedReport<'a> {
    /// The report of the record `info`.
    pub fn new(info: &'a RecordInfo, report: &'a DocReport) -> KeyedReport<'a> {
        KeyedReport {
            id: &info.id,
            report,
            meta: &info.meta,
        }
    }
}

/// The line of a record that could not be used: its id (`null` when it could not be read)
/// and why, without the input and line (those are on stderr), so that the same record
/// gives the same line wherever it is in the input.
#[derive(Debug, Serialize)]
pub struct ErrorRecord<'a> {
    pub id: &'a Value,
    pub error: String,
}

impl<'a> ErrorRecord<'a> {
    /// The error record of a failure.
    pub fn new(f: &'a Failure) -> ErrorRecord<'a> {
        ErrorRecord {
            id: &f.id,
            error: f.error.to_string(),
        }
    }
}
