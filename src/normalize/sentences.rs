//! Sentence splitting that also works on documents flattened onto one line.
//!
//! A sentence ends at 。！？；!? (closing quotes and brackets stay with it) or at a line
//! break. A space between two characters that are not ASCII letters or digits (one of them
//! non-ASCII) is a paragraph break too: Chinese prose
//! has no spaces between words, so in flattened text (one long line) a space marks where a
//! paragraph or heading used to end.
//!
//! No sentence is longer than [`MAX_SENTENCE`] characters: a longer run (a text with no
//! punctuation at all) is cut at its last comma before the limit, or at the limit, so that
//! every later stage works on bounded pieces and stays linear in the input.

use crate::charset::{is_bullet_char, is_small_cn_numeral};
use serde::Serialize;

/// A sentence: `[start, end)` char offsets into the normalized text, its paragraph number,
/// and whether it starts a paragraph (line start or flattened break).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub para: usize,
    pub para_start: bool,
}

/// 第一章 / 第三节 / 第二部分: a marker that its title follows after a space.
fn is_chapter_marker(s: &[char]) -> bool {
    let s: String = s.iter().collect();
    let s = s.trim();
    let Some(rest) = s.strip_prefix('第') else {
        return false;
    };
    let body = rest
        .strip_suffix("部分")
        .or_else(|| rest.strip_suffix(['章', '节', '篇']));
    body.is_some_and(|b| {
        !b.is_empty()
            && b.chars()
                .all(|c| is_small_cn_numeral(c) || matches!(c, '百' | '零' | '〇'))
    })
}

/// A list bullet or an outline marker that its text follows after a space (- item, 一、 总体).
fn is_bullet(s: &[char]) -> bool {
    let s: String = s.iter().collect();
    let s = s.trim();
    let mut cs = s.chars();
    match (cs.next(), cs.next()) {
        (Some(c), None) => is_bullet_char(c),
        _ => {
            let body = s
                .trim_start_matches(['(', '（'])
                .trim_end_matches(['、', ')', '）', '.']);
            body.len() < s.len()
                && !body.is_empty()
                && body
                    .chars()
                    .all(|c| is_small_cn_numeral(c) || c.is_ascii_digit())
        }
    }
}

/// The longest sentence, in characters.
pub const MAX_SENTENCE: usize = 600;

/// Where to cut a run `[a, b)` longer than [`MAX_SENTENCE`]: after the last comma-like
/// delimiter in the last third of the allowed length, else at the limit.
fn cut_point(chars: &[char], a: usize) -> usize {
    let limit = a + MAX_SENTENCE;
    (a + MAX_SENTENCE * 2 / 3..limit)
        .rev()
        .find(|&i| matches!(chars[i - 1], '，' | ',' | '、' | ':' | '：' | ' '))
        .unwrap_or(limit)
}

fn is_terminator(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';')
}

fn is_closer(c: char) -> bool {
    matches!(c, '”' | '’' | '」' | '』' | ')' | '）' | '》' | '"' | '】')
}

/// Split normalized text into sentences.
pub fn split(text: &str) -> Vec<Sentence> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut para = 0usize;
    let mut start = 0usize;
    let mut para_start = true;
    let push = |out: &mut Vec<Sentence>, a: usize, b: usize, para: usize, ps: bool| {
        // trim spaces
        let (mut a, mut b) = (a, b);
        while a < b && chars[a] == ' ' {
            a += 1;
        }
        while b > a && chars[b - 1] == ' ' {
            b -= 1;
        }
        let mut first = ps;
        while b - a > MAX_SENTENCE {
            let cut = cut_point(&chars, a);
            out.push(Sentence {
                start: a,
                end: cut,
                para,
                para_start: first,
            });
            first = false;
            a = cut;
        }
        if a < b {
            out.push(Sentence {
                start: a,
                end: b,
                para,
                para_start: first,
            });
            true
        } else {
            false
        }
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            push(&mut out, start, i, para, para_start);
            para += 1;
            para_start = true;
            start = i + 1;
        } else if c == ' '
            && i > 0
            && i + 1 < chars.len()
            && chars[i + 1] != ' '
            && (start == i || {
                // a space after a finished sentence, or between two non-ASCII characters
                // that are not a marker and its title
                // (10% 以上 goes on: a figure and its comparator)
                !chars[i - 1].is_ascii_alphanumeric()
                    && chars[i - 1] != '%'
                    && !chars[i + 1].is_ascii_alphanumeric()
                    && (!chars[i - 1].is_ascii() || !chars[i + 1].is_ascii())
                    && !(i - start <= 12
                        && (is_chapter_marker(&chars[start..i]) || is_bullet(&chars[start..i])))
            })
        {
            push(&mut out, start, i, para, para_start);
            // a new paragraph, unless nothing has been said in this one yet
            if out.last().is_some_and(|s: &Sentence| s.para == para) {
                para += 1;
            }
            para_start = true;
            start = i + 1;
        } else if is_terminator(c) {
            let mut j = i + 1;
            while j < chars.len() && (is_closer(chars[j]) || is_terminator(chars[j])) {
                j += 1;
            }
            if push(&mut out, start, j, para, para_start) {
                para_start = false;
            }
            start = j;
            i = j;
            continue;
        }
        i += 1;
    }
    push(&mut out, start, chars.len(), para, para_start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<String> {
        let chars: Vec<char> = t.chars().collect();
        split(t)
            .iter()
            .map(|s| chars[s.start..s.end].iter().collect())
            .collect()
    }

    #[test]
    fn long_runs_are_cut_into_bounded_sentences() {
        let run: String = "数字经济".repeat(400) + "，" + &"发展".repeat(300);
        let s = split(&run);
        assert!(s.iter().all(|x| x.end - x.start <= MAX_SENTENCE), "{s:?}");
        assert_eq!(s.first().map(|x| x.start), Some(0));
        assert_eq!(s.last().map(|x| x.end), Some(run.chars().count()));
        assert!(s
            .windows(2)
            .all(|w| w[0].end == w[1].start && !w[1].para_start));
    }

    #[test]
    fn terminators_and_lines() {
        assert_eq!(
            texts("一是推进。二是“加强”!\n三是完善;四是"),
            ["一是推进。", "二是“加强”!", "三是完善;", "四是"]
        );
    }

    #[test]
    fn flattened_text_breaks_at_spaces_between_cjk() {
        let s = split("制定本规划。 一、发展现状 (一)发展现状。 2020年,我国 GDP");
        let chars: Vec<char> = "制定本规划。 一、发展现状 (一)发展现状。 2020年,我国 GDP"
            .chars()
            .collect();
        let t: Vec<String> = s
            .iter()
            .map(|x| chars[x.start..x.end].iter().collect())
            .collect();
        assert_eq!(
            t,
            [
                "制定本规划。",
                "一、发展现状",
                "(一)发展现状。",
                "2020年,我国 GDP"
            ]
        );
        assert!(s[1].para_start && s[2].para_start);
        assert!(s[0].para < s[1].para && s[1].para < s[2].para && s[2].para < s[3].para);
    }
}
