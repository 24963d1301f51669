//! Ingest: command-line paths → sources (files, folders, stdin) → bytes → decoded text.
//!
//! Folders are walked recursively in sorted order with hidden entries skipped, so a run is
//! deterministic. Decoding tries BOMs, UTF-16 without a BOM, strict UTF-8, then GB18030 (a
//! superset of GBK and GB2312); bytes that look binary or decode in none of these are an
//! [`InputError`].
//!
//! Only regular files are read from a folder walk: a FIFO, socket or device found there is
//! never opened (opening a FIFO blocks until someone writes to it) and comes back as an
//! [`InputError::NotRegular`] note. Named on the command line (or `-`), such a file is read
//! as a stream, on a thread of its own ([`Source::read`]): the worker that waits for it
//! runs other inputs' work meanwhile, so a slow or silent pipe holds up no other input.
//!
//! [`records`] reads many documents from one input instead: JSON Lines or CSV records.
//! [`windows`] says where one very large text is cut, to be analyzed piece by piece.

mod decode;
pub mod records;
pub mod windows;

pub use decode::{decode, looks_binary, Decoded};

use crate::error::InputError;
use std::collections::HashSet;
use std::fs::Metadata;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::mpsc;

/// Where a document comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A file on disk: a regular file, or a FIFO or device named on the command line.
    File(PathBuf),
    /// Standard input (`-`).
    Stdin,
}

impl Source {
    /// The path as shown in reports and messages (`-` for standard input; see
    /// [`path_text`] for names that are not UTF-8).
    pub fn display(&self) -> String {
        match self {
            Source::File(p) => path_text(p),
            Source::Stdin => "-".to_string(),
        }
    }

    /// Read the raw bytes. A regular file is read at once; anything else (standard input, a
    /// FIFO, a device) as a stream on its own thread, see [`read_stream`].
    pub fn read(&self) -> Result<Vec<u8>, InputError> {
        let path = self.display();
        let err = |source| InputError::Read {
            path: path.clone(),
            source,
        };
        match self {
            Source::File(p) => match std::fs::metadata(p) {
                Ok(m) if m.is_file() || m.is_dir() => std::fs::read(p).map_err(err),
                Ok(_) => {
                    let p = p.clone();
                    read_stream(&path, move || read_sniffed(std::fs::File::open(p)?))
                }
                Err(e) => Err(err(e)),
            },
            // locked for the whole read: with `- -`, the first gets everything, as before
            Source::Stdin => read_stream(&path, || read_sniffed(io::stdin().lock())),
        }
    }

    /// The file name extension, lower-cased ("" for stdin or none).
    pub fn extension(&self) -> String {
        match self {
            Source::File(p) => p
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or("")
                .to_ascii_lowercase(),
            Source::Stdin => String::new(),
        }
    }
}

/// A path as text for reports and messages. A path that is valid UTF-8 is written as it is.
/// In one that is not, each byte that is not part of a valid UTF-8 sequence is written
/// `\xNN` (two upper-case hex digits) and a backslash as `\\`, so that the name is neither
/// lost nor confused with another (like `ls -b` and ripgrep, which write such bytes escaped
/// rather than replaced).
pub fn path_text(p: &Path) -> String {
    let bytes = p.as_os_str().as_encoded_bytes();
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_string();
    }
    let mut out = String::with_capacity(bytes.len() + 8);
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                c => out.push(c),
            }
        }
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02X}"));
        }
    }
    out
}

/// Run `read` (which reads a stream to its end) on a thread of its own, and wait for it
/// without idling a worker: inside the rayon pool, the waiting thread runs other queued work (other inputs)
/// meanwhile, so that even with one worker a pipe that is slow to write holds up nothing
/// else. A stream whose first [`decode::SAMPLE`] bytes are binary is not read further:
/// `/dev/zero` or `/dev/urandom` named by mistake is refused rather than read forever.
fn read_stream<F>(path: &str, read: F) -> Result<Vec<u8>, InputError>
where
    F: FnOnce() -> io::Result<Sniffed> + Send + 'static,
{
    let (tx, rx) = mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("policylens-stream".into())
        .spawn(move || {
            // the receiver is gone only if the waiter panicked: nothing left to tell
            let _ = tx.send(read());
        });
    let read_error = |source| InputError::Read {
        path: path.to_string(),
        source,
    };
    if let Err(e) = spawned {
        return Err(read_error(e));
    }
    match wait(&rx) {
        Some(Ok(Sniffed::Text(bytes))) => Ok(bytes),
        Some(Ok(Sniffed::Binary(reason))) => Err(InputError::Binary {
            path: path.to_string(),
            reason,
        }),
        Some(Err(e)) => Err(read_error(e)),
        None => Err(read_error(io::Error::other("the reading thread stopped"))),
    }
}

/// What a stream turned out to hold.
enum Sniffed {
    Text(Vec<u8>),
    /// Binary, by its first bytes (the reason); the rest was not read.
    Binary(String),
}

/// Read `r` to its end, unless its first [`decode::SAMPLE`] bytes are binary.
fn read_sniffed(mut r: impl Read) -> io::Result<Sniffed> {
    let mut buf = Vec::new();
    (&mut r).take(decode::SAMPLE as u64).read_to_end(&mut buf)?;
    if let Some(reason) = looks_binary(&buf) {
        return Ok(Sniffed::Binary(reason));
    }
    r.read_to_end(&mut buf)?;
    Ok(Sniffed::Text(buf))
}

/// Receive from `rx`: the stream is read on a thread of its own, so a reader that stalls
/// holds up only the pipeline worker waiting for it, while the other workers go on.
fn wait<T>(rx: &mpsc::Receiver<T>) -> Option<T> {
    rx.recv().ok()
}

/// Expand command-line paths into sources: folders recursively (sorted, hidden entries
/// skipped), `-` as standard input. A path that does not exist is returned as an error for
/// that path, and the others are still expanded.
pub fn expand(paths: &[PathBuf]) -> Vec<Result<Source, InputError>> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Ok(Source::Stdin));
            continue;
        }
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => walk(p, &mut out, &mut HashSet::new()),
            Ok(_) => out.push(Ok(Source::File(p.clone()))),
            Err(source) => out.push(Err(InputError::Read {
                path: path_text(p),
                source,
            })),
        }
    }
    out
}

fn is_hidden(p: &Path) -> bool {
    p.file_name()
        .is_some_and(|n| n.as_encoded_bytes().starts_with(b"."))
}

/// What kind of file a walk skips, for the note.
fn special_kind(m: &Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = m.file_type();
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
    }
    let _ = m;
    "a special file"
}

fn walk(dir: &Path, out: &mut Vec<Result<Source, InputError>>, seen: &mut HashSet<PathBuf>) {
    // a folder reached twice (a symlink loop) is walked once
    if let Ok(real) = std::fs::canonicalize(dir) {
        if !seen.insert(real) {
            return;
        }
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(source) => {
            out.push(Err(InputError::Read {
                path: path_text(dir),
                source,
            }));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| !is_hidden(p))
        .collect();
    paths.sort();
    for p in paths {
        // metadata, not open: it follows links, and never blocks on a FIFO
        match std::fs::metadata(&p) {
            Ok(m) if m.is_dir() => walk(&p, out, seen),
            Ok(m) if !m.is_file() => out.push(Err(InputError::NotRegular {
                path: path_text(&p),
                kind: special_kind(&m),
            })),
            // a regular file, or a dangling link whose read then says why it fails
            _ => out.push(Ok(Source::File(p))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_sorted_hidden_skipped_and_loops_walked_once() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir(d.join("sub")).unwrap();
        std::fs::write(d.join("b.txt"), "b").unwrap();
        std::fs::write(d.join("a.txt"), "a").unwrap();
        std::fs::write(d.join("sub/c.txt"), "c").unwrap();
        std::fs::write(d.join(".hidden.txt"), "h").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(d, d.join("sub/loop")).unwrap();
        let names: Vec<String> = expand(&[d.to_path_buf()])
            .into_iter()
            .map(|s| match s.unwrap() {
                Source::File(p) => p.strip_prefix(d).unwrap().display().to_string(),
                Source::Stdin => "-".into(),
            })
            .collect();
        assert_eq!(names, ["a.txt", "b.txt", "sub/c.txt"]);
    }

    #[cfg(unix)]
    #[test]
    fn names_that_are_not_utf8_are_escaped() {
        use std::os::unix::ffi::OsStrExt;
        let p = Path::new(std::ffi::OsStr::from_bytes(b"d/\xC9\xFA\xB2\xFA\\x.txt"));
        assert_eq!(path_text(p), "d/\\xC9\\xFA\\xB2\\xFA\\\\x.txt");
        assert_eq!(path_text(Path::new("d/数字\\x.txt")), "d/数字\\x.txt");
    }

    #[cfg(unix)]
    #[test]
    fn a_walk_skips_fifos_without_opening_them() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("a.txt"), "a").unwrap();
        let fifo = d.join("p.txt");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            return; // no mkfifo here: the integration test covers it where there is one
        }
        let got = expand(&[d.to_path_buf()]);
        assert_eq!(got.len(), 2);
        assert!(matches!(&got[0], Ok(Source::File(_))));
        match &got[1] {
            Err(e @ InputError::NotRegular { .. }) => {
                assert!(e.is_note() && e.to_string().contains("named pipe"), "{e}")
            }
            other => panic!("{other:?}"),
        }
    }
}
