//! Windows: where one very large text is cut so that each piece is normalized and analyzed
//! on its own, in bounded memory and on several cores.
//!
//! A text longer than [`Windows::threshold`] bytes is cut into pieces of at most
//! [`Windows::size`] bytes. Each cut is made in the last quarter of the piece, at the best
//! boundary found there, searched in this order:
//!
//! 1. a line that opens a part (第二篇, 第二部分);
//! 2. a line that opens a chapter (第三章);
//! 3. a line that opens a top-level section (三、), in a piece with no part or chapter line
//!    at all (a text that has chapters numbers its sections inside them);
//! 4. a blank line (a paragraph break);
//! 5. any line break;
//! 6. a sentence end (。！？；!?;), for a text on one long line;
//! 7. a character boundary, for a text with no punctuation at all.
//!
//! A cut at a heading line closes the lists and headings below that heading's level, so a
//! cut at the text's top level leaves every piece as the extractors would have seen it in
//! the whole text. What a cut at a lower level loses is the headings above it (a 篇 above
//! the 章 it cuts at, the 章 above a paragraph): their titles in `heading_path`, and what
//! they tell the targets rules (a 发展成就 heading makes its figures facts), as well as any
//! list or paragraph that the cut splits.

use regex::Regex;
use std::ops::Range;

/// How one large text is cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Windows {
    /// Most bytes in one window.
    pub size: usize,
    /// Texts up to this many bytes are one window (0 with `size` 0: never cut).
    pub threshold: usize,
}

/// The default window: 256 KiB, so that texts over 512 KiB are cut: more than almost any
/// single policy document (the longest five-year plans are a few hundred KB), so only
/// compilations and dumps are cut, and small enough that two windows in flight and the
/// decoded text stay under 4 bytes per input byte (a 20 MB file: 3.3 with 256 KiB windows,
/// 4.0 with 512 KiB).
pub const DEFAULT_SIZE: usize = 256 * 1024;

impl Default for Windows {
    fn default() -> Self {
        Windows::of_size(DEFAULT_SIZE)
    }
}

impl Windows {
    /// Windows of `size` bytes for texts longer than twice that; `size` 0 never cuts.
    pub fn of_size(size: usize) -> Windows {
        Windows {
            size,
            threshold: size.saturating_mul(2),
        }
    }

    /// Whether a text of `len` bytes is cut.
    pub fn applies(&self, len: usize) -> bool {
        self.size > 0 && len > self.threshold
    }

    /// The byte ranges of `text`'s windows, in order, covering it exactly. One range when
    /// the text is not cut.
    pub fn cut(&self, text: &str) -> Vec<Range<usize>> {
        if !self.applies(text.len()) {
            return vec![Range {
                start: 0,
                end: text.len(),
            }];
        }
        let marks = Marks::new();
        let mut out = Vec::new();
        let mut start = 0;
        while text.len() - start > self.size {
            let end = floor_boundary(text, start + self.size);
            let from = floor_boundary(text, start + self.size - self.size / 4).max(start + 1);
            let from = ceil_boundary(text, from);
            let cut = marks
                .best(text, start, from, end)
                .unwrap_or(end)
                .max(start + 1);
            let cut = ceil_boundary(text, cut);
            out.push(start..cut);
            start = cut;
        }
        out.push(start..text.len());
        out
    }
}

/// The largest char boundary ≤ `i`.
fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest char boundary ≥ `i`.
fn ceil_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The boundaries a cut looks for, best first.
struct Marks {
    part: Regex,
    chapter: Regex,
    section: Regex,
}

impl Marks {
    fn new() -> Marks {
        // a line's own indent (spaces, full-width spaces, a markdown heading's #) may come
        // before the marker
        let indent = r"(?m)^[ \t\u{3000}#]*";
        let numeral = "[一二三四五六七八九十百零〇]+";
        Marks {
            part: Regex::new(&format!(r"{indent}第{numeral}(?:部分|篇)")).expect("fixed pattern"),
            chapter: Regex::new(&format!(r"{indent}第{numeral}章")).expect("fixed pattern"),
            section: Regex::new(&format!(r"{indent}[一二三四五六七八九十]+、"))
                .expect("fixed pattern"),
        }
    }

    /// The best cut in `text[from..end]` of the piece `text[start..end]`: the start of the
    /// last line of the best kind, or after the last sentence end. None when there is
    /// neither.
    fn best(&self, text: &str, start: usize, from: usize, end: usize) -> Option<usize> {
        let part = &text[from..end];
        let line_start = |re: &Regex| {
            re.find_iter(part)
                .map(|m| from + m.start())
                .filter(|&i| i > from && text.as_bytes()[i - 1] == b'\n')
                .last()
        };
        let opens_line = |re: &Regex| {
            re.find_iter(&text[start..end])
                .any(|m| m.start() == 0 || text.as_bytes()[start + m.start() - 1] == b'\n')
        };
        let has_chapters = || opens_line(&self.part) || opens_line(&self.chapter);
        line_start(&self.part)
            .or_else(|| line_start(&self.chapter))
            .or_else(|| {
                (!has_chapters())
                    .then(|| line_start(&self.section))
                    .flatten()
            })
            .or_else(|| last_blank_line(part).map(|i| from + i))
            .or_else(|| part.rfind('\n').map(|i| from + i + 1))
            .or_else(|| {
                part.char_indices()
                    .rev()
                    .find(|(_, c)| matches!(*c, '。' | '！' | '？' | '；' | '!' | '?' | ';'))
                    .map(|(i, c)| from + i + c.len_utf8())
            })
            .filter(|&i| i < end)
    }
}

/// The byte after the last blank line (a line break, optional spaces, a line break).
fn last_blank_line(part: &str) -> Option<usize> {
    let b = part.as_bytes();
    let mut i = b.len();
    while let Some(nl) = part[..i].rfind('\n') {
        let before = part[..nl].trim_end_matches([' ', '\t', '\r']);
        if before.ends_with('\n') {
            return Some(nl + 1);
        }
        i = nl;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces<'a>(w: &Windows, text: &'a str) -> Vec<&'a str> {
        w.cut(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn a_short_text_is_one_window_and_size_zero_never_cuts() {
        let w = Windows::of_size(100);
        assert_eq!(w.cut("短文。"), vec![0.."短文。".len()]);
        let long = "一句话。".repeat(1000);
        assert_eq!(Windows::of_size(0).cut(&long).len(), 1);
    }

    #[test]
    fn windows_cover_the_text_exactly_and_stay_within_the_size() {
        let w = Windows::of_size(300);
        for text in [
            "这是一句话，没有句号".repeat(500),
            "第一句。第二句！".repeat(300),
            "段落一。\n\n段落二。\n".repeat(200),
            "无标点文字".repeat(400),
        ] {
            let ps = pieces(&w, &text);
            assert!(ps.len() > 1);
            assert_eq!(ps.concat(), text);
            assert!(ps.iter().all(|p| !p.is_empty() && p.len() <= 300));
        }
    }

    #[test]
    fn a_cut_prefers_a_chapter_then_a_section_then_a_paragraph() {
        // the cut is looked for in bytes 300..400 of the first window
        let w = Windows::of_size(400);
        let p = |n: usize| "加强建设。".repeat(n); // 15 bytes each
        let text = format!(
            "{}\n\n{}\n第二章 保障\n{}\n三、任务\n{}",
            p(20),
            p(2),
            p(1),
            p(40)
        );
        assert!(pieces(&w, &text)[1].starts_with("第二章"));
        let text = format!("{}\n\n{}\n三、任务\n{}", p(20), p(2), p(40));
        assert!(pieces(&w, &text)[1].starts_with("三、"));
        let text = format!("{}\n{}\n\n{}\n{}", p(20), p(1), p(1), p(40));
        assert!(pieces(&w, &text)[0].ends_with("\n\n"));
        let text = format!("{}\n{}", p(21), p(40));
        assert!(pieces(&w, &text)[0].ends_with("。\n"));
    }

    #[test]
    fn a_part_beats_a_chapter_and_sections_are_no_cut_in_a_text_with_chapters() {
        let w = Windows::of_size(400);
        let p = |n: usize| "加强建设。".repeat(n); // 15 bytes each
        let text = format!("{}\n第三章 任务\n{}\n第二篇 保障\n{}", p(20), p(1), p(40));
        assert!(pieces(&w, &text)[1].starts_with("第二篇"));
        // 三、 under a chapter that opened the piece: the cut falls at a line break instead
        let text = format!("第一章 总则\n{}\n{}\n三、任务\n{}", p(19), p(1), p(40));
        let ps = pieces(&w, &text);
        assert!(!ps[1].starts_with("三、"), "{ps:?}");
    }

    #[test]
    fn one_long_line_is_cut_after_a_sentence_end() {
        let w = Windows::of_size(200);
        let text = "推进改革，完善制度。".repeat(40);
        let ps = pieces(&w, &text);
        assert!(
            ps[..ps.len() - 1].iter().all(|p| p.ends_with('。')),
            "{ps:?}"
        );
    }
}
