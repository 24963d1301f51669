//! Streaming and talk: a folder's output comes document by document while later files are
//! still unread, and stderr carries nothing but errors when it is not a terminal.

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};

/// A folder of `n` small plans, each giving a JSON line of about a kilobyte.
fn corpus(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..n {
        let text = format!(
            "到2025年,研发投入强度达到3%,数字经济核心产业增加值占GDP比重达到{}%,培育{}家龙头企业。\n",
            i % 20,
            i + 1
        );
        std::fs::write(dir.path().join(format!("{i:04}.txt")), text).unwrap();
    }
    dir
}

/// The first line arrives before the last files are read: the test reads one line, then
/// deletes every file from `first_unread` on. A run that read everything before printing
/// would report them; a streaming run finds them gone. Correct code passes whatever the
/// timing: once the pipe (64 KiB, about 60 lines here) is full the tool blocks on writing,
/// and its window (8 documents a core, at least 16) lets it read only that far ahead of
/// what it has written. The pause only gives a reader without that bound time to run
/// ahead, so that losing the bound fails the test too.
#[test]
fn the_first_jsonl_line_of_2000_files_comes_before_the_last_file_is_read() {
    let dir = corpus(2000);
    let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
    let first_unread = (200 + 16 * cores).min(1500);
    let mut child = Command::new(env!("CARGO_BIN_EXE_policylens"))
        .args(["analyze", "--format", "jsonl"])
        .arg(dir.path())
        .env_remove("POLICYLENS_DICTS")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // stderr is read beside stdout, so that neither pipe can fill up and block the tool
    let mut stderr = child.stderr.take().unwrap();
    let errors = std::thread::spawn(move || {
        let mut err = String::new();
        stderr.read_to_string(&mut err).map(|_| err)
    });
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    out.read_line(&mut first).unwrap();
    assert!(first.contains("0000.txt"), "{first}");
    std::thread::sleep(std::time::Duration::from_millis(500));
    for i in first_unread..2000 {
        std::fs::remove_file(dir.path().join(format!("{i:04}.txt"))).unwrap();
    }
    let rest: Vec<String> = out.lines().map(|l| l.unwrap()).collect();
    let err = errors.join().unwrap().unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(1), "the deleted files are failures");
    assert_eq!(
        1 + rest.len(),
        first_unread,
        "the files deleted after the first line had not been read"
    );
    assert!(
        err.contains("1999.txt") && err.contains("cannot read"),
        "{}",
        &err[..err.len().min(500)]
    );
    assert_eq!(err.lines().count(), 2000 - first_unread);
    let last = format!("{:04}.txt", first_unread - 1);
    assert!(rest.last().is_some_and(|l| l.contains(&last)));
}

#[test]
fn stderr_gets_no_progress_when_it_is_not_a_terminal() {
    let dir = corpus(40);
    std::fs::write(dir.path().join("bad.pdf"), b"%PDF-1.7 binary").unwrap();
    for view in ["analyze", "targets", "tasks", "normalize"] {
        let out = crate::bin().arg(view).arg(dir.path()).output().unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        // the one error line, and nothing else: no bar, no summary, no escape codes
        assert_eq!(err.lines().count(), 1, "{view}: {err}");
        assert!(err.contains("bad.pdf"), "{view}: {err}");
        assert!(!err.contains('\r') && !err.contains('\x1b') && !err.contains("documents"));
    }
    let out = crate::bin()
        .args(["analyze", "--quiet"])
        .arg(crate::root().join("seeds"))
        .output()
        .unwrap();
    assert!(out.stderr.is_empty());
}

#[test]
fn a_closed_pipe_stops_the_run_quietly() {
    let dir = corpus(300);
    let mut child = Command::new(env!("CARGO_BIN_EXE_policylens"))
        .args(["targets", "--format", "csv"])
        .arg(dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut header = String::new();
    out.read_line(&mut header).unwrap();
    assert!(header.starts_with("path,published,title,indicator"));
    drop(out);
    let status = child.wait().unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert_eq!(status.code(), Some(0), "{err}");
    assert!(err.is_empty(), "{err}");
}
