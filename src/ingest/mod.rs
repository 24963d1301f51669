//! Ingest: command-line paths → sources (files, folders, stdin) → bytes → decoded text.
//!
//! Folders are walked recursively in sorted order with hidden entries skipped, so a run is
//! deterministic. Decoding tries BOMs, strict UTF-8, then GB18030 (a superset of GBK and
//! GB2312); bytes that look binary or decode in none of these are an [`InputError`].

mod decode;

pub use decode::{decode, Decoded};

use crate::error::InputError;
use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Where a document comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A file on disk.
    File(PathBuf),
    /// Standard input (`-`).
    Stdin,
}

impl Source {
    /// The path as shown in reports and messages (`-` for standard input).
    pub fn display(&self) -> String {
        match self {
            Source::File(p) => p.display().to_string(),
            Source::Stdin => "-".to_string(),
        }
    }

    /// Read the raw bytes.
    pub fn read(&self) -> Result<Vec<u8>, InputError> {
        match self {
            Source::File(p) => std::fs::read(p).map_err(|source| InputError::Read {
                path: self.display(),
                source,
            }),
            Source::Stdin => {
                let mut buf = Vec::new();
                std::io::stdin()
                    .read_to_end(&mut buf)
                    .map_err(|source| InputError::Read {
                        path: "-".into(),
                        source,
                    })?;
                Ok(buf)
            }
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
                path: p.display().to_string(),
                source,
            })),
        }
    }
    out
}

fn is_hidden(p: &Path) -> bool {
    p.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
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
                path: dir.display().to_string(),
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
        if p.is_dir() {
            walk(&p, out, seen);
        } else {
            out.push(Ok(Source::File(p)));
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
}
