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
