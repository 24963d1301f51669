//! Text that remembers where each character came from.
//!
//! Every normalization step maps a [`Mapped`] to a new one; each character keeps the
//! `[start, end)` range of characters of the decoded original it stands for. An entity
//! `&amp;` becomes one `&` covering five original characters; a tag that turns into a line
//! break covers the whole tag; a converted character covers the character it replaced.
//!
//! The ranges are kept as an [`OffsetMap`] of runs, not one record per character: a run is
//! a stretch of characters whose ranges have the same length and starts that advance by the
//! same step (text copied as it is: length 1, step 1). A line of plain text is one run, so
//! the map takes a few bytes per line where a record per character took 12 per character.

/// One character of processed text and the original characters it stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MChar {
    pub c: char,
    pub start: u32,
    pub end: u32,
}

/// Characters `at..` (up to the next run) have ranges `[start + k·step, start + k·step +
/// len)`, k counted from `at`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    at: u32,
    start: u32,
    len: u32,
    /// `u32::MAX` while the run holds one character (any step fits then).
    step: u32,
}

/// Undetermined step of a one-character run.
const ANY: u32 = u32::MAX;

/// Per character of a text, the `[start, end)` range of the original it stands for, as runs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    runs: Vec<Run>,
    n: u32,
}

impl Run {
    fn start_of(&self, i: u32) -> u32 {
        match self.step {
            ANY => self.start,
            s => self.start + (i - self.at) * s,
        }
    }
}

impl OffsetMap {
    /// Characters `0..n` each standing for itself.
    pub fn identity(n: usize) -> OffsetMap {
        let mut m = OffsetMap::default();
        if n > 0 {
            m.runs.push(Run {
                at: 0,
                start: 0,
                len: 1,
                step: 1,
            });
            m.n = n as u32;
        }
        m
    }

    /// Number of characters mapped.
    pub fn len(&self) -> usize {
        self.n as usize
    }

    /// True when no character is mapped.
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// Append the range of the next character.
    pub fn push(&mut self, start: u32, end: u32) {
        let len = end.saturating_sub(start);
        if let Some(r) = self.runs.last_mut() {
            if r.len == len && start >= r.start {
                let k = self.n - r.at;
                match r.step {
                    ANY => {
                        r.step = start - r.start;
                        self.n += 1;
                        return;
                    }
                    s if r.start as u64 + k as u64 * s as u64 == start as u64 => {
                        self.n += 1;
                        return;
                    }
                    _ => {}
                }
            }
        }
        self.runs.push(Run {
            at: self.n,
            start,
            len,
            step: ANY,
        });
        self.n += 1;
    }

    /// Append the ranges of characters `[from, from + n)` of `src`, a run at a time: the
    /// same runs as pushing them one by one would give.
    pub fn extend_from(&mut self, src: &OffsetMap, from: usize, n: usize) {
        let end = (from + n).min(src.len()) as u32;
        let mut i = from as u32;
        if i >= end {
            return;
        }
        let mut ri = src.run_of(i);
        while i < end {
            let r = src.runs[ri];
            let next = src.runs.get(ri + 1).map_or(src.n, |x| x.at).min(end);
            let s0 = r.start_of(i);
            // the first char may continue this map's last run, as push decides
            self.push(s0, s0 + r.len);
            let rest = next - i - 1;
            if rest > 0 {
                // the run holds more than one char, so its step is known
                self.continue_run(s0, r.len, r.step, rest);
            }
            i = next;
            ri += 1;
        }
    }

    /// After a push of `(s0, s0 + len)`: `rest` more chars whose starts go on by `step`.
    fn continue_run(&mut self, s0: u32, len: u32, step: u32, rest: u32) {
        match self.runs.last_mut() {
            // the pushed char opened a run (one char, step not yet known), or continued
            // one with this step: the others go on in it
            Some(last) if last.step == ANY || last.step == step => {
                last.step = step;
            }
            // it continued a run with another step: the next char opens a new run
            _ => self.runs.push(Run {
                at: self.n,
                start: s0 + step,
                len,
                step: if rest == 1 { ANY } else { step },
            }),
        }
        self.n += rest;
    }

    /// Drop the last character's range.
    pub fn pop(&mut self) {
        if self.n == 0 {
            return;
        }
        self.n -= 1;
        if self.runs.last().is_some_and(|r| r.at == self.n) {
            self.runs.pop();
        }
    }

    /// The index of the run holding character `i` (`i < len`).
    fn run_of(&self, i: u32) -> usize {
        self.runs.partition_point(|r| r.at <= i) - 1
    }

    /// The range of character `i`.
    pub fn get(&self, i: usize) -> Option<(u32, u32)> {
        if i >= self.len() {
            return None;
        }
        let r = &self.runs[self.run_of(i as u32)];
        let s = r.start_of(i as u32);
        Some((s, s + r.len))
    }

    /// The ranges of characters `from..`, in order.
    pub fn iter_from(&self, from: usize) -> impl Iterator<Item = (u32, u32)> + '_ {
        let from = from.min(self.len()) as u32;
        let mut run = if from < self.n {
            self.run_of(from)
        } else {
            self.runs.len()
        };
        (from..self.n).map(move |i| {
            while run + 1 < self.runs.len() && self.runs[run + 1].at <= i {
                run += 1;
            }
            let r = &self.runs[run];
            let s = r.start_of(i);
            (s, s + r.len)
        })
    }

    /// The ranges of every character, in order.
    pub fn iter(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.iter_from(0)
    }

    /// The smallest start and the largest end over characters `[a, b)` (`a < b <= len`).
    pub fn cover(&self, a: usize, b: usize) -> (u32, u32) {
        let (a, b) = (a as u32, b as u32);
        let mut lo = u32::MAX;
        let mut hi = 0;
        for ri in self.run_of(a)..self.runs.len() {
            let r = &self.runs[ri];
            if r.at >= b {
                break;
            }
            let next = self.runs.get(ri + 1).map_or(self.n, |n| n.at);
            let first = r.at.max(a);
            let last = next.min(b) - 1;
            // within a run starts only grow (step >= 0): the first and last chars bound it
            lo = lo.min(r.start_of(first));
            hi = hi.max(r.start_of(last) + r.len);
        }
        (if lo == u32::MAX { 0 } else { lo }, hi)
    }
}

/// Processed text with its offset map.
#[derive(Debug, Clone, Default)]
pub struct Mapped {
    text: String,
    map: OffsetMap,
}

impl Mapped {
    /// The original text itself, each character mapped to its own position.
    pub fn identity(text: &str) -> Mapped {
        Mapped {
            text: text.to_string(),
            map: OffsetMap::identity(text.chars().count()),
        }
    }

    /// An empty text with room for `bytes` bytes.
    pub fn with_capacity(bytes: usize) -> Mapped {
        Mapped {
            text: String::with_capacity(bytes),
            map: OffsetMap::default(),
        }
    }

    /// The text as a String.
    pub fn text(&self) -> String {
        self.text.clone()
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Number of characters.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True when there is no character.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The text and its map.
    pub fn into_parts(self) -> (String, OffsetMap) {
        (self.text, self.map)
    }

    /// The same offsets with another text of as many characters.
    pub fn with_text(&self, text: String) -> Mapped {
        debug_assert_eq!(text.chars().count(), self.len());
        Mapped {
            text,
            map: self.map.clone(),
        }
    }

    /// Every character with its range.
    pub fn iter(&self) -> impl Iterator<Item = MChar> + '_ {
        self.iter_from(0, 0)
    }

    /// Characters from char index `from`, which starts at byte `byte` of the text.
    fn iter_from(&self, from: usize, byte: usize) -> impl Iterator<Item = MChar> + '_ {
        self.text[byte..]
            .chars()
            .zip(self.map.iter_from(from))
            .map(|(c, (start, end))| MChar { c, start, end })
    }

    /// The characters as a vector (for steps that look around, on markup).
    pub fn to_vec(&self) -> Vec<MChar> {
        self.iter().collect()
    }

    /// Append a character.
    pub fn push(&mut self, m: MChar) {
        self.text.push(m.c);
        self.map.push(m.start, m.end);
    }

    /// Remove the last character.
    pub fn pop(&mut self) -> Option<char> {
        let c = self.text.pop()?;
        self.map.pop();
        Some(c)
    }

    /// The last character with its range.
    pub fn last(&self) -> Option<MChar> {
        let c = self.text.chars().next_back()?;
        let (start, end) = self.map.get(self.len() - 1)?;
        Some(MChar { c, start, end })
    }

    /// Characters `from..` only (used to drop front matter).
    pub fn tail(&self, from: usize) -> Mapped {
        let byte = self
            .text
            .char_indices()
            .nth(from)
            .map_or(self.text.len(), |(b, _)| b);
        let mut out = Mapped::with_capacity(self.text.len() - byte);
        for m in self.iter_from(from, byte) {
            out.push(m);
        }
        out
    }

    /// Replace every character by `f` of it, each keeping its range (the map is kept as it
    /// is).
    pub fn map_each(self, f: impl Fn(char) -> char) -> Mapped {
        // the text between changed chars is copied as it is
        let mut text = String::new();
        let mut copied = 0;
        for (i, c) in self.text.char_indices() {
            let d = f(c);
            if d != c {
                if text.capacity() == 0 {
                    text.reserve(self.text.len());
                }
                text.push_str(&self.text[copied..i]);
                text.push(d);
                copied = i + c.len_utf8();
            }
        }
        if copied == 0 {
            // no char changed
            return self;
        }
        text.push_str(&self.text[copied..]);
        Mapped {
            text,
            map: self.map,
        }
    }

    /// Apply a character-wise function that yields zero or more characters per input
    /// character; every output character maps to its input character's range.
    pub fn map_chars(&self, mut f: impl FnMut(char) -> Option<char>) -> Mapped {
        let mut out = Mapped::with_capacity(self.text.len());
        for m in self.iter() {
            if let Some(c) = f(m.c) {
                out.push(MChar { c, ..m });
            }
        }
        out
    }

    /// Append line `l` of `src` as it is: its text in one copy, its ranges a run at a time
    /// ([`OffsetMap::extend_from`]).
    pub fn push_line(&mut self, src: &Mapped, l: &LineSpan) {
        self.text.push_str(l.text);
        self.map.extend_from(&src.map, l.from, l.n);
    }

    /// Append a line break that stands for nothing of the original, placed right after the
    /// last char (nothing when the text is empty).
    pub fn push_break(&mut self) {
        if let Some(prev) = self.last() {
            self.push(MChar {
                c: '\n',
                start: prev.end,
                end: prev.end,
            });
        }
    }

    /// The lines (without the '\n'), each as its text, the char and byte offsets where it
    /// starts, and its number of chars.
    pub fn line_spans(&self) -> impl Iterator<Item = LineSpan<'_>> + '_ {
        let mut from = 0usize;
        self.text.split('\n').scan(0usize, move |byte, line| {
            let (b, c) = (*byte, from);
            *byte += line.len() + 1;
            let n = line.chars().count();
            from += n + 1;
            Some(LineSpan {
                text: line,
                from: c,
                byte: b,
                n,
            })
        })
    }

    /// The characters of a line of [`Mapped::line_spans`].
    pub fn line_chars<'m>(&'m self, l: &LineSpan) -> impl Iterator<Item = MChar> + 'm {
        self.iter_from(l.from, l.byte).take(l.n)
    }
}

/// One line of a [`Mapped`] text: its text, where it starts (char and byte) and its length
/// in chars.
#[derive(Debug, Clone, Copy)]
pub struct LineSpan<'t> {
    pub text: &'t str,
    pub from: usize,
    pub byte: usize,
    pub n: usize,
}

impl FromIterator<MChar> for Mapped {
    fn from_iter<I: IntoIterator<Item = MChar>>(iter: I) -> Mapped {
        let mut out = Mapped::default();
        for m in iter {
            out.push(m);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Record = (char, u32, u32);

    fn records(m: &Mapped) -> Vec<Record> {
        m.iter().map(|m| (m.c, m.start, m.end)).collect()
    }

    #[test]
    fn runs_give_back_every_range_pushed() {
        let ranges: Vec<(u32, u32)> = vec![
            (0, 1),
            (1, 2),
            (2, 3),
            (3, 3),
            (3, 3),
            (5, 6),
            (6, 11),
            (6, 11),
            (11, 12),
            (12, 13),
            (20, 22),
            (22, 24),
            (24, 26),
            (30, 31),
        ];
        let mut map = OffsetMap::default();
        for &(s, e) in &ranges {
            map.push(s, e);
        }
        assert_eq!(map.iter().collect::<Vec<_>>(), ranges);
        for (i, &r) in ranges.iter().enumerate() {
            assert_eq!(map.get(i), Some(r));
            assert_eq!(map.iter_from(i).next(), Some(r));
            for j in i + 1..=ranges.len() {
                let lo = ranges[i..j].iter().map(|r| r.0).min().unwrap();
                let hi = ranges[i..j].iter().map(|r| r.1).max().unwrap();
                assert_eq!(map.cover(i, j), (lo, hi), "{i}..{j}");
            }
        }
        assert!(map.runs.len() < ranges.len());
        map.pop();
        map.pop();
        assert_eq!(map.iter().collect::<Vec<_>>(), ranges[..ranges.len() - 2]);
        map.push(9, 9);
        assert_eq!(map.get(ranges.len() - 2), Some((9, 9)));
    }

    #[test]
    fn runs_copied_a_run_at_a_time_are_the_runs_pushed_one_by_one() {
        // ranges from a fixed pseudo-random walk: copies (step 1), entities (long ranges),
        // repeats (step 0), gaps (steps of 2, 3), so that runs of every kind meet
        let mut x: u64 = 7;
        let mut next = |m: u64| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (x >> 33) % m
        };
        let mut src = OffsetMap::default();
        let mut at = 0u32;
        for _ in 0..400 {
            let (step, len) = match next(6) {
                0..=2 => (1, 1),
                3 => (0, 0),
                4 => (next(4) as u32, 1),
                _ => (1, 1 + next(5) as u32),
            };
            for _ in 0..1 + next(6) {
                src.push(at, at + len);
                at += step;
            }
        }
        for _ in 0..300 {
            let from = next(src.len() as u64) as usize;
            let n = next((src.len() - from + 1) as u64) as usize;
            // the copy lands after a few ranges of its own, which it may continue
            let mut whole = OffsetMap::default();
            let mut by_char = OffsetMap::default();
            let lead = src.get(from.saturating_sub(1)).unwrap_or((0, 0));
            for _ in 0..next(3) {
                whole.push(lead.0, lead.1);
                by_char.push(lead.0, lead.1);
            }
            whole.extend_from(&src, from, n);
            for (a, b) in src.iter_from(from).take(n) {
                by_char.push(a, b);
            }
            assert_eq!(whole, by_char, "from {from}, {n} chars");
        }
    }

    #[test]
    fn map_each_changes_only_the_chars_it_maps() {
        let up = |c: char| if c == 'b' { 'B' } else { c };
        for (text, want) in [("", ""), ("acd", "acd"), ("b", "B"), ("中b文bb", "中B文BB")] {
            let m = Mapped::identity(text).map_each(up);
            assert_eq!(m.as_str(), want);
            assert_eq!(records(&m), records(&Mapped::identity(want)), "{text}");
        }
    }

    #[test]
    fn a_line_copied_whole_keeps_every_range() {
        // ranges of every kind: entities (one char for many), dropped chars (gaps), line
        // breaks standing for nothing, a char outside the BMP
        let mut src = Mapped::default();
        let ranges = [
            (0, 1),
            (1, 6),
            (6, 7),
            (9, 10),
            (10, 10),
            (10, 11),
            (11, 12),
        ];
        for (c, &(a, b)) in "a&b\n𠀋cd".chars().zip(&ranges) {
            src.push(MChar {
                c,
                start: a,
                end: b,
            });
        }
        for l in src.line_spans() {
            let mut whole = Mapped::default();
            whole.push(MChar {
                c: 'x',
                start: 0,
                end: 1,
            });
            whole.push_line(&src, &l);
            let mut by_char = Mapped::default();
            by_char.push(MChar {
                c: 'x',
                start: 0,
                end: 1,
            });
            for m in src.line_chars(&l) {
                by_char.push(m);
            }
            assert_eq!(whole.as_str(), by_char.as_str());
            assert_eq!(records(&whole), records(&by_char));
            assert_eq!(whole.map, by_char.map, "the same runs");
        }
    }

    #[test]
    fn lines_tail_and_map_chars_keep_the_ranges() {
        let m = Mapped::identity("ab\n\ncd\n");
        let lines: Vec<(String, Vec<Record>)> = m
            .line_spans()
            .map(|l| {
                let cs = m.line_chars(&l).map(|m| (m.c, m.start, m.end)).collect();
                (l.text.to_string(), cs)
            })
            .collect();
        assert_eq!(
            lines,
            vec![
                ("ab".into(), vec![('a', 0, 1), ('b', 1, 2)]),
                ("".into(), vec![]),
                ("cd".into(), vec![('c', 4, 5), ('d', 5, 6)]),
                ("".into(), vec![]),
            ]
        );
        assert_eq!(
            records(&m.tail(4)),
            vec![('c', 4, 5), ('d', 5, 6), ('\n', 6, 7)]
        );
        let dropped = m.map_chars(|c| (c != '\n').then_some(c.to_ascii_uppercase()));
        assert_eq!(dropped.as_str(), "ABCD");
        assert_eq!(
            records(&dropped),
            vec![('A', 0, 1), ('B', 1, 2), ('C', 4, 5), ('D', 5, 6)]
        );
        assert_eq!(
            dropped.last(),
            Some(MChar {
                c: 'D',
                start: 5,
                end: 6
            })
        );
    }
}
