//! The outline of a document, read once and shared by every extractor: outline markers
//! (第X章, 一、, (一), 1., (1), ①, 专栏1), which sentences are headings (markers, questions,
//! short lead lines), their level, and the stack of headings that governs each sentence.

use crate::charset::is_small_cn_numeral;
use crate::normalize::Document;
use regex::Regex;
use std::sync::OnceLock;

/// The outline marker at the start of a heading, its level and its ordinal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    /// 1 = 第X章/篇/部分, 2 = 第X节, 3 = 一、, 4 = (一), 5 = 1. / 1、, 6 = (1), 7 = ①.
    pub level: u8,
    /// The ordinal the marker states (一 → 1).
    pub ordinal: u32,
    /// Byte length of the marker text.
    pub len: usize,
    /// A box (专栏1): a heading whose numbered items are a list, but not itself an item.
    pub boxed: bool,
}

fn marker_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"^(?:(?P<box>专栏\s*(?P<boxn>[0-9]{1,2}))\s*|(?P<ch>第(?P<chn>[一二三四五六七八九十百]+)(?P<chk>[章节篇]|部分))\s*|(?P<cn>[一二三四五六七八九十]+)、|[(（](?P<pcn>[一二三四五六七八九十]+)[)）]|(?P<ar>[0-9]{1,2})[.、．﹒](?:\s|[^0-9])|[(（](?P<par>[0-9]{1,2})[)）]|(?P<circ>[①-⑳]))",
        )
        .expect("valid outline marker regex")
    })
}

/// Whether `c` may open an outline marker: the first char of every alternative of
/// [`marker_re`]. Most sentences open with another char and are answered without running
/// the pattern and allocating its captures.
fn may_open_marker(c: char) -> bool {
    matches!(c, '专' | '第' | '(' | '（' | '0'..='9' | '①'..='⑳') || is_small_cn_numeral(c)
}

/// Read an outline marker at the start of `s`.
pub fn marker(s: &str) -> Option<Marker> {
    if !s.chars().next().is_some_and(may_open_marker) {
        return None;
    }
    let c = marker_re().captures(s)?;
    let whole = c.get(0)?;
    let num = |name: &str| -> Option<u32> {
        let t = c.name(name)?.as_str();
        if t.chars().all(|x| x.is_ascii_digit()) {
            t.parse().ok()
        } else {
            super::numbers::parse_chinese(t).map(|v| v as u32)
        }
    };
    let (level, ordinal, len) = if c.name("box").is_some() {
        (4, num("boxn")?, whole.len())
    } else if c.name("ch").is_some() {
        let level = if c.name("chk").is_some_and(|k| k.as_str() == "节") {
            2
        } else {
            1
        };
        (level, num("chn")?, whole.len())
    } else if c.name("cn").is_some() {
        (3, num("cn")?, whole.len())
    } else if c.name("pcn").is_some() {
        (4, num("pcn")?, whole.len())
    } else if c.name("ar").is_some() {
        // keep the character after "1." out of the marker
        let n = c.name("ar")?;
        let sep = s[n.end()..].chars().next()?;
        (5, num("ar")?, n.end() + sep.len_utf8())
    } else if c.name("par").is_some() {
        (6, num("par")?, whole.len())
    } else {
        let ch = c.name("circ")?.as_str().chars().next()?;
        (7, ch as u32 - '①' as u32 + 1, whole.len())
    };
    (ordinal > 0).then_some(Marker {
        level,
        ordinal,
        len,
        boxed: c.name("box").is_some(),
    })
}

/// True when the sentence is a question (ends with ? or ？, or starts with 问:).
pub fn is_question(s: &str) -> bool {
    let t = s.trim_end();
    t.ends_with('?') || t.ends_with('？') || t.starts_with("问:") || t.starts_with("问：")
}

/// For each sentence, its heading level if it is a heading: outline markers by their level,
/// questions at level 0 (they open a new topic in a Q&A), short lines without a full stop
/// at level 8.
pub fn headings(doc: &Document) -> Vec<Option<u8>> {
    let n = doc.sentences.len();
    let mut level = vec![None; n];
    for (i, s) in doc.sentences.iter().enumerate() {
        let t = doc.sentence_text(i);
        if !s.para_start {
            continue;
        }
        if is_question(t) {
            level[i] = Some(0);
        } else if let Some(m) = marker(t) {
            level[i] = Some(m.level);
        } else {
            let len = s.end - s.start;
            let ends_para = doc.sentences.get(i + 1).is_none_or(|nx| nx.para_start);
            if len <= 30 && ends_para && !t.ends_with('。') && !t.ends_with(',') {
                level[i] = Some(8);
            }
        }
    }
    level
}

/// The headings of a document and the headings that govern each sentence.
pub struct Outline {
    /// Per sentence: its heading level, if it is a heading (see [`headings`]).
    pub levels: Vec<Option<u8>>,
    /// Per sentence: the heading sentences above it, outermost first (a heading's own entry
    /// ends with itself).
    stacks: Vec<Vec<usize>>,
}

impl Outline {
    /// Read the outline: a question clears the stack (a new topic in a Q&A); any other
    /// heading replaces the headings of its level and below.
    pub fn new(doc: &Document) -> Outline {
        let levels = headings(doc);
        let mut stack: Vec<(u8, usize)> = Vec::new();
        let mut stacks = Vec::with_capacity(levels.len());
        for (i, level) in levels.iter().enumerate() {
            if let Some(l) = *level {
                if l == 0 {
                    stack.clear();
                } else {
                    while stack.last().is_some_and(|(sl, _)| *sl >= l && *sl != 0) {
                        stack.pop();
                    }
                }
                stack.push((l, i));
            }
            stacks.push(stack.iter().map(|(_, s)| *s).collect());
        }
        Outline { levels, stacks }
    }

    /// The heading sentences governing sentence `i`, outermost first.
    pub fn stack(&self, i: usize) -> &[usize] {
        self.stacks.get(i).map_or(&[], |v| v.as_slice())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_chars_may_open_marker_names_open_a_marker() {
        // every char of the BMP and beyond in front of the rests an alternative may go on
        // with: the pattern matches only where the first char passes the check
        let rests = [
            "",
            "1",
            "12",
            "一",
            "十一",
            "、",
            ")",
            "）",
            "一)",
            "一）",
            "1)",
            "1）",
            ".x",
            "、x",
            "．x",
            "﹒x",
            "1.x",
            "章",
            "节",
            "篇",
            "部分",
            "一章",
            "十节",
            "十二部分",
            " 1",
            "栏1",
            "栏 12",
            "一、",
            "二、x",
            "(一)",
            "（1）",
        ];
        let mut opening = 0;
        for c in (0..=0x2FFFFu32).filter_map(char::from_u32) {
            for r in rests {
                let s = format!("{c}{r}");
                if marker_re().is_match(&s) {
                    assert!(may_open_marker(c), "{s:?} opens a marker");
                    opening += 1;
                }
            }
        }
        assert!(opening > 40, "{opening}");
    }

    #[test]
    fn markers() {
        let read = |s: &str| marker(s).map(|m| (m.level, m.ordinal));
        assert_eq!(read("第二章 总体要求"), Some((1, 2)));
        assert_eq!(read("第三节 发展目标"), Some((2, 3)));
        assert_eq!(read("一、发展现状"), Some((3, 1)));
        assert_eq!(read("(三)发展目标"), Some((4, 3)));
        assert_eq!(read("（十一）加强"), Some((4, 11)));
        assert_eq!(read("3.推进"), Some((5, 3)));
        assert_eq!(read("12﹒深化"), Some((5, 12)));
        assert_eq!(read("(2)完善"), Some((6, 2)));
        assert_eq!(read("②强化"), Some((7, 2)));
        assert_eq!(marker("2.5万项"), None);
        assert_eq!(marker("2020年"), None);
        assert_eq!(marker("十一五"), None);
    }
}
