//! Talk on stderr while a run goes on: a progress bar (`indicatif`: files done, MB/s,
//! errors so far) and a one-line summary at the end (`1,998 documents, 2 failed, 41,230
//! targets in 8.4 s`). Both only when stderr is a terminal and `--quiet` is not given;
//! errors are printed in every case, above the bar.

use super::thousands;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::fmt::Display;
use std::time::Instant;

/// Progress of one run over a set of inputs.
pub struct Progress {
    bar: Option<ProgressBar>,
    talk: bool,
    start: Instant,
    /// Inputs analyzed (failures not included).
    docs: usize,
    failed: usize,
    items: usize,
    bytes: usize,
    noun: Option<&'static str>,
}

impl Progress {
    /// Progress over `total` inputs; `noun` names what the summary counts (`targets`), and
    /// `talk` says whether a bar and a summary may be shown (stderr a terminal, no `--quiet`).
    pub fn new(total: usize, noun: Option<&'static str>, talk: bool) -> Progress {
        let bar = (talk && total > 1).then(|| {
            let bar =
                ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
            let style = ProgressStyle::with_template("{bar:30} {pos}/{len} files  {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
            bar
        });
        Progress {
            bar,
            talk,
            start: Instant::now(),
            docs: 0,
            failed: 0,
            items: 0,
            bytes: 0,
            noun,
        }
    }

    /// Progress over records, whose number is not known before the end: a spinner with the
    /// count so far instead of a bar.
    pub fn records(noun: Option<&'static str>, talk: bool) -> Progress {
        let mut p = Progress::new(0, noun, talk);
        p.bar = talk.then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            let style = ProgressStyle::with_template("{spinner} {pos} records  {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner());
            bar.set_style(style);
            bar
        });
        p
    }

    /// Run `f` (which writes to stdout) with the bar hidden, so that output on the same
    /// terminal does not run into it.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    /// One input done: `bytes` read, `items` counted for the summary.
    pub fn done(&mut self, bytes: usize, items: usize) {
        self.docs += 1;
        self.bytes += bytes;
        self.items += items;
        self.tick();
    }

    /// One input failed: its error is printed (above the bar).
    pub fn failed(&mut self, error: &dyn Display) {
        self.failed += 1;
        self.note(error);
    }

    /// Print a message about an input that is no failure (an input skipped on purpose).
    pub fn note(&mut self, error: &dyn Display) {
        let line = format!("policylens: {error}");
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
        self.tick();
    }

    fn tick(&self) {
        if let Some(bar) = &self.bar {
            let secs = self.start.elapsed().as_secs_f64().max(1e-3);
            let mbps = self.bytes as f64 / 1e6 / secs;
            bar.set_message(format!("{mbps:.1} MB/s, {} errors", self.failed));
            bar.set_position((self.docs + self.failed) as u64);
        }
    }

    /// The summary line, without timing (the caller adds it).
    fn summary(&self) -> String {
        let docs = match self.docs {
            1 => "1 document".to_string(),
            n => format!("{} documents", thousands(n)),
        };
        let mut s = format!("{docs}, {} failed", thousands(self.failed));
        if let Some(noun) = self.noun {
            s.push_str(&format!(", {} {noun}", thousands(self.items)));
        }
        s
    }

    /// Clear the bar and, on a terminal, print the summary.
    pub fn finish(self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        if self.talk {
            let secs = self.start.elapsed().as_secs_f64();
            eprintln!("{} in {secs:.1} s", self.summary());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_reads_as_the_readme_says() {
        let mut p = Progress::new(3, Some("targets"), false);
        for _ in 0..1998 {
            p.done(10, 20);
        }
        p.failed(&"x: cannot read");
        p.failed(&"y: cannot read");
        p.items = 41_230;
        assert_eq!(p.summary(), "1,998 documents, 2 failed, 41,230 targets");
    }
}
