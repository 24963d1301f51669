//! Segment: jieba-rs with its built-in dictionary, `dicts/policy_terms.txt` and the names of
//! the administrative divisions, built once per engine ([`Segmenter`]) and shared.
//!
//! Rules ask for word boundaries only around the spots they look at, so a document is not
//! segmented up front: [`DocTokens`] segments one *block* at a time, on first use. A block is a
//! maximal run of the characters jieba segments together (CJK, ASCII letters and digits,
//! `+#&._%-`); jieba cuts every other character off as a token of its own and never lets a word
//! cross a block boundary, so the tokens of a block are exactly those jieba gives for the whole
//! sentence (a test checks this on the seeds).

use crate::dicts::Dicts;
use crate::normalize::Document;
use jieba_rs::Jieba;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashSet};
use std::rc::Rc;

/// A jieba token: char offsets into the text it was cut from, its word and its
/// part-of-speech tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub word: &'a str,
    pub tag: &'a str,
    pub start: usize,
    pub end: usize,
}

/// jieba with the policy vocabulary and the division names added.
pub struct Segmenter {
    jieba: Jieba,
}

/// Whether jieba segments `c` together with its neighbours (its `RE_HAN_DEFAULT` class).
pub fn is_block_char(c: char) -> bool {
    matches!(c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
        || c.is_ascii_alphanumeric()
        || matches!(c, '+' | '#' | '&' | '.' | '_' | '%' | '-')
}

impl Segmenter {
    /// Build jieba from its own dictionary plus the user words in `dicts`.
    pub fn new(dicts: &Dicts) -> Segmenter {
        let mut j = Jieba::new();
        for (word, freq, tag) in policy_terms(&dicts.policy_terms) {
            j.add_word(word, freq, tag);
        }
        // Division names: full names always, short names when jieba does not know them yet
        // and they are not ordinary words, so that 德清 or 渝北 come out as one token.
        let ordinary: HashSet<&str> = dicts.ordinary_words.rows.iter().map(|r| r.get(0)).collect();
        for row in &dicts.divisions.rows {
            let (name, short, level) = (row.get(1), row.get(2), row.get(3));
            // County-level names are left to jieba's own dictionary: adding them would make
            // tokens out of ordinary text (新建区县 → 新建区, 改革委会同 → 会同).
            if level == "3" {
                continue;
            }
            if name.chars().count() >= 2 && !j.has_word(name) {
                j.add_word(name, Some(2000), Some("ns"));
            }
            if short.chars().count() >= 2 && !ordinary.contains(short) && !j.has_word(short) {
                j.add_word(short, Some(800), Some("ns"));
            }
        }
        for row in &dicts.areas.rows {
            let name = row.get(0);
            if row.get(2) != "zone" && !j.has_word(name) {
                j.add_word(name, Some(2000), Some("ns"));
            }
        }
        Segmenter { jieba: j }
    }

    /// Tag a whole text; token offsets are shifted by `offset` chars.
    pub fn tag<'a>(&'a self, text: &'a str, offset: usize) -> Vec<Token<'a>> {
        self.jieba
            .tag(text, true)
            .into_iter()
            .map(|t| Token {
                word: t.word,
                tag: t.tag,
                start: t.start + offset,
                end: t.end + offset,
            })
            .collect()
    }

    /// Whether jieba's dictionary has the word.
    pub fn has_word(&self, word: &str) -> bool {
        self.jieba.has_word(word)
    }
}

/// The `word [freq] [tag]` lines of a jieba user dictionary.
fn policy_terms(text: &str) -> impl Iterator<Item = (&str, Option<usize>, Option<&str>)> {
    text.lines().filter_map(|line| {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            return None;
        }
        let mut it = line.split_whitespace();
        let word = it.next()?;
        let freq = it.next().and_then(|f| f.parse().ok());
        Some((word, freq, it.next()))
    })
}

/// One segmented block: where it ends and its tokens.
struct Block<'a> {
    end: usize,
    tokens: Vec<Token<'a>>,
}

/// The tokens of one document, segmented block by block on first use.
pub struct DocTokens<'a> {
    seg: &'a Segmenter,
    doc: &'a Document,
    /// Segmented blocks by their first char.
    blocks: RefCell<BTreeMap<usize, Rc<Block<'a>>>>,
    /// Chars segmented so far (for benchmarks and the scaling tests).
    segmented: std::cell::Cell<usize>,
}

impl<'a> DocTokens<'a> {
    /// No block is segmented until a rule asks.
    pub fn new(seg: &'a Segmenter, doc: &'a Document) -> DocTokens<'a> {
        DocTokens {
            seg,
            doc,
            blocks: RefCell::new(BTreeMap::new()),
            segmented: std::cell::Cell::new(0),
        }
    }

    /// The segmenter, for text that is not part of the document (list items).
    pub fn segmenter(&self) -> &'a Segmenter {
        self.seg
    }

    /// How many chars have been segmented.
    pub fn segmented_chars(&self) -> usize {
        self.segmented.get()
    }

    /// The block holding char `c`, segmented if it was not yet.
    fn block_at(&self, c: usize) -> Option<(usize, Rc<Block<'a>>)> {
        if c >= self.doc.len_chars() {
            return None;
        }
        if let Some((&s, b)) = self.blocks.borrow().range(..=c).next_back() {
            if c < b.end {
                return Some((s, b.clone()));
            }
        }
        let (start, end) = self.bounds(c);
        let text = self.doc.slice(start, end);
        let tokens = self.seg.tag(text, start);
        self.segmented.set(self.segmented.get() + (end - start));
        let block = Rc::new(Block { end, tokens });
        self.blocks.borrow_mut().insert(start, block.clone());
        Some((start, block))
    }

    /// The block around char `c`: its run of block chars inside its sentence, or `c` alone.
    /// Sentences are bounded in length (see `normalize`), so a run is too, and each run is
    /// walked and segmented once.
    fn bounds(&self, c: usize) -> (usize, usize) {
        let alone = (c, c + 1);
        let Some(i) = self.doc.sentence_at(c) else {
            return alone;
        };
        // walk the sentence's text from `c`, both ways, as chars
        let text = self.doc.sentence_text(i);
        let at = self.doc.byte(c) - self.doc.byte(self.doc.sentences[i].start);
        let Some(here) = text[at..].chars().next().filter(|&ch| is_block_char(ch)) else {
            return alone;
        };
        let before = text[..at]
            .chars()
            .rev()
            .take_while(|&ch| is_block_char(ch))
            .count();
        let after = text[at + here.len_utf8()..]
            .chars()
            .take_while(|&ch| is_block_char(ch))
            .count();
        (c - before, c + 1 + after)
    }

    /// The tokens overlapping chars `[a, b)`, in order.
    pub fn tokens_in(&self, a: usize, b: usize) -> Vec<Token<'a>> {
        let mut out = Vec::new();
        let mut p = a;
        while p < b {
            let Some((_, block)) = self.block_at(p) else {
                break;
            };
            // a block's tokens are in order: those that overlap [a, b) are one slice
            let from = block.tokens.partition_point(|t| t.end <= a);
            let to = from + block.tokens[from..].partition_point(|t| t.start < b);
            out.extend_from_slice(&block.tokens[from..to]);
            p = block.end;
        }
        out
    }

    /// The token that starts at char `a`, if one does.
    pub fn token_at(&self, a: usize) -> Option<Token<'a>> {
        let (_, block) = self.block_at(a)?;
        let i = block.tokens.binary_search_by_key(&a, |t| t.start).ok()?;
        Some(block.tokens[i])
    }

    /// True when a token starts at char `c` (the start and end of the text count).
    pub fn starts_word(&self, c: usize) -> bool {
        match self.block_at(c) {
            None => true,
            Some((s, block)) => {
                c == s || block.tokens.binary_search_by_key(&c, |t| t.start).is_ok()
            }
        }
    }

    /// True when a token ends at char `c` (the start and end of the text count).
    pub fn ends_word(&self, c: usize) -> bool {
        if c == 0 {
            return true;
        }
        match self.block_at(c - 1) {
            None => true,
            Some((_, block)) => {
                c == block.end || block.tokens.binary_search_by_key(&c, |t| t.end).is_ok()
            }
        }
    }

    /// True when chars `a` and `b` fall on token boundaries.
    pub fn on_word_boundaries(&self, a: usize, b: usize) -> bool {
        self.starts_word(a) && self.ends_word(b)
    }
}
