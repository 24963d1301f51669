//! Error types. Every error that concerns an input names the input; dictionary errors name
//! the file and line, so a user who extended `dicts/` can find the row at fault.

use std::path::PathBuf;

/// Why one input could not be analyzed. The run goes on with the other inputs.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// The file could not be read (missing, permission, a folder that vanished).
    #[error("{path}: cannot read: {source}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// The bytes are not text in any encoding we read.
    #[error("{path}: not a text file ({reason})")]
    Binary { path: String, reason: String },
    /// The bytes look like text but decode in no supported encoding.
    #[error("{path}: cannot decode as UTF-8, UTF-16 or GB18030 ({reason})")]
    Undecodable { path: String, reason: String },
    /// Mostly valid UTF-8 with a bad byte sequence: a truncated or damaged UTF-8 file, not
    /// another encoding, so the message says where the bad bytes are.
    #[error("{path}: invalid UTF-8 at byte offset {offset} (line {line}){detail}")]
    InvalidUtf8 {
        path: String,
        /// Byte offset of the first bad byte in the file.
        offset: usize,
        /// 1-based line of that byte.
        line: usize,
        /// More about the damage ("", "; the file ends inside a character", "; 3 bad
        /// sequences in all").
        detail: String,
    },
    /// A FIFO, socket or device met while walking a folder: never opened (reading it could
    /// block the run forever), only reported. Not a failure of the run.
    #[error(
        "{path}: skipped: {kind}, not a regular file (name it on the command line to read it as a stream)"
    )]
    NotRegular { path: String, kind: &'static str },
    /// A file `diff` reads as a saved report (`.json`, `.jsonl`, or JSON that names a
    /// schema) that is not one this version can read.
    #[error("{path}: not a policylens report: {reason}")]
    NotAReport { path: String, reason: String },
}

impl InputError {
    /// Whether this is a note about an input that was left out on purpose (see
    /// [`InputError::NotRegular`]) rather than a failure: it is printed but does not change
    /// the exit code.
    pub fn is_note(&self) -> bool {
        matches!(self, InputError::NotRegular { .. })
    }
}

/// A problem in a dictionary file (embedded default or user extension).
#[derive(Debug, thiserror::Error)]
pub enum DictError {
    #[error("{file}:{line}: {message}")]
    Row {
        file: String,
        line: usize,
        message: String,
    },
    /// A problem of a whole file rather than of one row.
    #[error("{file}: {message}")]
    File { file: String, message: String },
    #[error("{}: not a dictionary folder (it does not exist or is not a directory)", path.display())]
    NotAFolder { path: PathBuf },
    #[error("{}: cannot read: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl DictError {
    pub(crate) fn row(file: &str, line: usize, message: impl Into<String>) -> Self {
        DictError::Row {
            file: file.to_string(),
            line,
            message: message.into(),
        }
    }
}
