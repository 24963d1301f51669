//! Section context shared by extractors: which sentences are headings (outline markers,
//! questions, short lead lines), their level, and which heading governs each sentence.

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
            r"^(?:(?P<box>专栏\s*(?P<boxn>\d{1,2}))\s*|(?P<ch>第(?P<chn>[一二三四五六七八九十百]+)(?P<chk>[章节篇]|部分))\s*|(?P<cn>[一二三四五六七八九十]+)、|[(（](?P<pcn>[一二三四五六七八九十]+)[)）]|(?P<ar>\d{1,2})[.、．](?:\s|[^\d])|[(（](?P<par>\d{1,2})[)）]|(?P<circ>[①-⑳]))",
        )
        .expect("valid outline marker regex")
    })
}

/// Read an outline marker at the start of `s`.
pub fn marker(s: &str) -> Option<Marker> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers() {
        let read = |s: &str| marker(s).map(|m| (m.level, m.ordinal));
        assert_eq!(read("第二章 总体要求"), Some((1, 2)));
        assert_eq!(read("第三节 发展目标"), Some((2, 3)));
        assert_eq!(read("一、发展现状"), Some((3, 1)));
        assert_eq!(read("(三)发展目标"), Some((4, 3)));
        assert_eq!(read("（十一）加强"), Some((4, 11)));
        assert_eq!(read("3.推进"), Some((5, 3)));
        assert_eq!(read("(2)完善"), Some((6, 2)));
        assert_eq!(read("②强化"), Some((7, 2)));
        assert_eq!(marker("2.5万项"), None);
        assert_eq!(marker("2020年"), None);
        assert_eq!(marker("十一五"), None);
    }
}
