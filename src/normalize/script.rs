//! Traditional → simplified conversion (OpenCC t2s), keeping the offset map.
//!
//! The default build converts with OpenCC's own t2s dictionaries (`opencc/TSPhrases.txt` and
//! `opencc/TSCharacters.txt`, Apache-2.0, the files `ferrous-opencc` compiles in), applied as
//! OpenCC's t2s does: at each position the longest key of either dictionary (a phrase before
//! a character of the same length), else the character unchanged. Phrases are found by one
//! leftmost-longest char-wise `daachorse` automaton, characters through a table indexed by code
//! point; this is several times faster than `ferrous-opencc`'s per-position dictionary
//! lookups, and a test checks that both give the same text. The `opencc-cpp` feature uses
//! the C++ OpenCC through `opencc-rust` instead. OpenCC converts phrases, so a line could
//! change length; such lines are mapped piece by piece (see [`convert`]).

use super::mapped::{MChar, Mapped};
use crate::charset::CharBits;
#[cfg(feature = "opencc-cpp")]
use std::collections::HashMap;
#[cfg(not(feature = "opencc-cpp"))]
use std::sync::OnceLock;
#[cfg(feature = "opencc-cpp")]
use std::sync::RwLock;

/// OpenCC's phrase dictionary for t2s (`key<TAB>value [value …]`, `#` comments).
const TS_PHRASES: &str = include_str!("opencc/TSPhrases.txt");
/// OpenCC's character dictionary for t2s.
const TS_CHARACTERS: &str = include_str!("opencc/TSCharacters.txt");

/// The converter in use, built once per engine (see [`super::Normalizer`]).
pub struct Converter {
    /// The dictionaries as automaton and table, built on first use (a run that meets no
    /// text, `--version`, never builds them).
    #[cfg(not(feature = "opencc-cpp"))]
    table: OnceLock<Table>,
    /// Per character: does t2s change it on its own? Filled as characters are seen.
    #[cfg(feature = "opencc-cpp")]
    changes: RwLock<HashMap<char, bool>>,
    #[cfg(feature = "opencc-cpp")]
    inner: Option<opencc_rust::OpenCC>,
}

/// OpenCC's t2s dictionaries, ready to apply.
struct Table {
    /// Every phrase key, leftmost-longest, its row number as value (`None` only if the
    /// automaton could not be built, which needs an empty or repeated key and the built-in
    /// dictionary has neither; characters are still converted then).
    phrases: Option<daachorse::CharwiseDoubleArrayAhoCorasick<u32>>,
    /// The first value of each phrase, by row number.
    phrase_values: Vec<&'static str>,
    /// For each BMP code point, 1 + the index of its value in `char_values`, 0 for none.
    bmp: Vec<u16>,
    /// Characters outside the BMP with their values, sorted.
    astral: Vec<(char, &'static str)>,
    /// The character values (first value of each `TSCharacters` key in the BMP).
    char_values: Vec<&'static str>,
    /// The characters t2s changes on their own (their value is another string): one bit
    /// test a char, for the check of simplified text and for converting char by char.
    changed: CharBits,
}

/// The `key<TAB>first value` rows of an OpenCC dictionary text.
fn rows(text: &'static str) -> impl Iterator<Item = (&'static str, &'static str)> {
    text.lines().filter_map(|line| {
        if line.starts_with('#') {
            return None;
        }
        let (key, values) = line.split_once('\t')?;
        let value = values.split(' ').next()?;
        (!key.is_empty() && !value.is_empty()).then_some((key, value))
    })
}

impl Table {
    fn new() -> Table {
        let (keys, phrase_values): (Vec<&str>, Vec<&str>) = rows(TS_PHRASES).unzip();
        let phrases = daachorse::CharwiseDoubleArrayAhoCorasickBuilder::new()
            .match_kind(daachorse::MatchKind::LeftmostLongest)
            .build_with_values(keys.iter().zip(0u32..))
            .ok();
        let mut bmp = vec![0u16; 0x1_0000];
        let mut char_values = Vec::new();
        let mut astral = Vec::new();
        for (key, value) in rows(TS_CHARACTERS) {
            let mut cs = key.chars();
            let (Some(c), None) = (cs.next(), cs.next()) else {
                continue;
            };
            if (c as u32) < 0x1_0000 {
                if bmp[c as usize] == 0 && char_values.len() < u16::MAX as usize {
                    char_values.push(value);
                    bmp[c as usize] = char_values.len() as u16;
                }
            } else {
                astral.push((c, value));
            }
        }
        astral.sort_by_key(|&(c, _)| c);
        astral.dedup_by_key(|&mut (c, _)| c);
        // each char's value as `char_value` gives it: the first of its rows
        let bmp_values = bmp.iter().enumerate().filter_map(|(i, &n)| {
            let c = char::from_u32(i as u32)?;
            Some((c, *char_values.get(usize::from(n).checked_sub(1)?)?))
        });
        let changed = CharBits::new(
            bmp_values
                .chain(astral.iter().copied())
                .filter(|&(c, value)| value != c.encode_utf8(&mut [0u8; 4]))
                .map(|(c, _)| c),
        );
        Table {
            phrases,
            phrase_values,
            bmp,
            astral,
            char_values,
            changed,
        }
    }

    /// The value of a single character, if the character dictionary has it.
    fn char_value(&self, c: char) -> Option<&'static str> {
        let i = c as usize;
        if i < 0x1_0000 {
            match self.bmp[i] {
                0 => None,
                n => self.char_values.get(n as usize - 1).copied(),
            }
        } else {
            self.astral
                .binary_search_by_key(&c, |&(k, _)| k)
                .ok()
                .map(|j| self.astral[j].1)
        }
    }

    /// True when t2s changes `c` on its own.
    #[cfg(not(feature = "opencc-cpp"))]
    fn changes(&self, c: char) -> bool {
        self.changed.contains(c)
    }

    /// Characters `s` converted one by one, appended to `out`.
    fn push_chars(&self, s: &str, out: &mut String) {
        let mut plain = 0;
        for (i, c) in s.char_indices() {
            // a char whose value is itself is copied with the text around it
            if c.is_ascii() || !self.changed.contains(c) {
                continue;
            }
            if let Some(v) = self.char_value(c) {
                out.push_str(&s[plain..i]);
                out.push_str(v);
                plain = i + c.len_utf8();
            }
        }
        out.push_str(&s[plain..]);
    }

    fn convert(&self, s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        let mut last = 0;
        for m in self.phrases.iter().flat_map(|p| p.leftmost_find_iter(s)) {
            self.push_chars(&s[last..m.start()], &mut out);
            out.push_str(self.phrase_values.get(m.value() as usize).unwrap_or(&""));
            last = m.end();
        }
        self.push_chars(&s[last..], &mut out);
        out
    }
}

impl Converter {
    /// The t2s converter (the default build loads its dictionaries on first use; with the
    /// `opencc-cpp` feature, a warning on stderr if OpenCC cannot be loaded).
    pub fn new() -> Converter {
        #[cfg(not(feature = "opencc-cpp"))]
        {
            Converter {
                table: OnceLock::new(),
            }
        }
        #[cfg(feature = "opencc-cpp")]
        {
            let inner = opencc_rust::OpenCC::new(opencc_rust::DefaultConfig::T2S).ok();
            if inner.is_none() {
                eprintln!(
                    "policylens: warning: OpenCC t2s could not be loaded; text is not converted"
                );
            }
            Converter {
                changes: RwLock::new(HashMap::new()),
                inner,
            }
        }
    }

    #[cfg(not(feature = "opencc-cpp"))]
    fn table(&self) -> &Table {
        self.table.get_or_init(Table::new)
    }

    /// True when some CJK character of `s` changes under t2s on its own. Text where none
    /// does is already simplified and is not run through the converter (the costliest part
    /// of normalization); phrase rules need at least one traditional character to apply.
    #[cfg(not(feature = "opencc-cpp"))]
    pub fn needs_conversion(&self, s: &str) -> bool {
        self.simplified_cjk(s).is_none()
    }

    /// The number of CJK characters of `s` when none of them changes under t2s on its own
    /// (the text is simplified already), None when one does: the check and the count that
    /// [`convert`] reports, in one pass.
    #[cfg(not(feature = "opencc-cpp"))]
    fn simplified_cjk(&self, s: &str) -> Option<usize> {
        let table = self.table();
        let mut cjk = 0;
        for c in s.chars().filter(|&c| is_cjk(c)) {
            if table.changes(c) {
                return None;
            }
            cjk += 1;
        }
        Some(cjk)
    }

    /// [`Self::simplified_cjk`] for the C++ converter.
    #[cfg(feature = "opencc-cpp")]
    fn simplified_cjk(&self, s: &str) -> Option<usize> {
        (!self.needs_conversion(s)).then(|| s.chars().filter(|&c| is_cjk(c)).count())
    }

    /// True when some CJK character of `s` changes under t2s on its own. Text where none
    /// does is already simplified and is not run through the converter (the costliest part
    /// of normalization); phrase rules need at least one traditional character to apply.
    #[cfg(feature = "opencc-cpp")]
    pub fn needs_conversion(&self, s: &str) -> bool {
        let mut unknown = Vec::new();
        if let Ok(known) = self.changes.read() {
            for c in s.chars().filter(|&c| is_cjk(c)) {
                match known.get(&c) {
                    Some(true) => return true,
                    Some(false) => {}
                    None => unknown.push(c),
                }
            }
        } else {
            return true;
        }
        if unknown.is_empty() {
            return false;
        }
        unknown.sort_unstable();
        unknown.dedup();
        let mut any = false;
        let answers: Vec<(char, bool)> = unknown
            .into_iter()
            .map(|c| {
                let mut buf = [0u8; 4];
                let one = c.encode_utf8(&mut buf);
                let changed = self.t2s(one) != *one;
                any |= changed;
                (c, changed)
            })
            .collect();
        if let Ok(mut known) = self.changes.write() {
            known.extend(answers);
        }
        any
    }

    /// Convert a string.
    #[cfg(not(feature = "opencc-cpp"))]
    pub fn t2s(&self, s: &str) -> String {
        self.table().convert(s)
    }

    /// Convert a string (identity when the converter could not be loaded).
    #[cfg(feature = "opencc-cpp")]
    pub fn t2s(&self, s: &str) -> String {
        match &self.inner {
            Some(c) => c.convert(s),
            None => s.to_string(),
        }
    }

    /// Which implementation is compiled in.
    pub fn name(&self) -> &'static str {
        if cfg!(feature = "opencc-cpp") {
            "opencc-rust (C++ OpenCC)"
        } else {
            "a double-array automaton over OpenCC's t2s dictionaries"
        }
    }
}

impl Default for Converter {
    fn default() -> Converter {
        Converter::new()
    }
}

/// t2s with the built-in converter over OpenCC's dictionaries, whatever the build uses
/// (for parity checks; builds the tables on every call).
pub fn dictionary_t2s(s: &str) -> String {
    Table::new().convert(s)
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// Map the converted text of `piece` back onto it: 1:1 when lengths agree, else every
/// output character covers the whole piece.
fn align(piece: &[MChar], converted: &str, out: &mut Mapped) {
    let n = converted.chars().count();
    if n == piece.len() {
        for (m, c) in piece.iter().zip(converted.chars()) {
            out.push(MChar { c, ..*m });
        }
    } else if let (Some(first), Some(last)) = (piece.first(), piece.last()) {
        for c in converted.chars() {
            out.push(MChar {
                c,
                start: first.start,
                end: last.end,
            });
        }
    }
}

/// Convert to simplified script. Returns the converted text and how many of its CJK
/// characters changed (used to report the script detected).
pub fn convert(input: Mapped, conv: &Converter) -> (Mapped, Conversion) {
    let text = input.as_str();
    if let Some(cjk) = conv.simplified_cjk(text) {
        return (input, Conversion { cjk, changed: 0 });
    }
    let whole = conv.t2s(text);
    let out = if whole.chars().count() == input.len() {
        // as many characters: each converted one keeps its original's range
        input.with_text(whole)
    } else {
        // Lengths differ somewhere: convert piece by piece, a piece ending at punctuation.
        let mut out = Mapped::with_capacity(whole.len());
        let mut piece: Vec<MChar> = Vec::new();
        let flush = |piece: &mut Vec<MChar>, out: &mut Mapped| {
            if !piece.is_empty() {
                let s: String = piece.iter().map(|m| m.c).collect();
                align(piece, &conv.t2s(&s), out);
                piece.clear();
            }
        };
        for m in input.iter() {
            if is_cjk(m.c) {
                piece.push(m);
            } else {
                flush(&mut piece, &mut out);
                out.push(m);
            }
        }
        flush(&mut piece, &mut out);
        out
    };
    let mut cjk = 0usize;
    let mut changed = 0usize;
    for (a, b) in input.as_str().chars().zip(out.as_str().chars()) {
        if is_cjk(a) {
            cjk += 1;
            if a != b {
                changed += 1;
            }
        }
    }
    (out, Conversion { cjk, changed })
}

/// How much of a text t2s changed: its CJK characters, and how many of them changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Conversion {
    pub cjk: usize,
    pub changed: usize,
}

impl Conversion {
    /// The share of CJK characters changed (0 without any).
    pub fn ratio(&self) -> f64 {
        if self.cjk == 0 {
            0.0
        } else {
            self.changed as f64 / self.cjk as f64
        }
    }

    /// A text is traditional when t2s changed at least 2% of its CJK characters.
    pub fn traditional(&self) -> bool {
        self.ratio() >= 0.02
    }

    /// The two texts' counts together (the windows of one text).
    pub fn add(&mut self, other: Conversion) {
        self.cjk += other.cjk;
        self.changed += other.changed;
    }
}

/// True when the text has CJK characters at all.
pub fn has_cjk(text: &str) -> bool {
    text.chars().any(is_cjk)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skipping_simplified_text_changes_nothing() {
        let conv = &Converter::new();
        for s in [
            "数字经济核心产业增加值",
            "乾隆年间的干燥天气",
            "著名的著作",
            "发展规划和后续",
            "數字經濟",
        ] {
            let (m, _) = convert(Mapped::identity(s), conv);
            assert_eq!(m.text(), conv.t2s(s), "{s}");
        }
    }

    #[test]
    fn traditional_becomes_simplified() {
        let conv = &Converter::new();
        let (m, c) = convert(Mapped::identity("區域經濟發展綱要"), conv);
        let ratio = c.ratio();
        assert_eq!(m.text(), "区域经济发展纲要");
        assert!(ratio > 0.5);
        let (m, c) = convert(Mapped::identity("区域经济发展纲要"), conv);
        let ratio = c.ratio();
        assert_eq!(m.text(), "区域经济发展纲要");
        assert_eq!(ratio, 0.0);
    }

    #[test]
    fn every_dictionary_key_converts_as_ferrous_opencc_does() {
        // Each key alone, and all keys run together (so that phrases meet and overlap at
        // their edges), against ferrous-opencc's t2s over the same files.
        let ferrous =
            ferrous_opencc::OpenCC::from_config(ferrous_opencc::config::BuiltinConfig::T2s)
                .unwrap();
        let table = Table::new();
        let keys: Vec<&str> = rows(TS_PHRASES)
            .chain(rows(TS_CHARACTERS))
            .map(|(k, _)| k)
            .collect();
        for k in &keys {
            assert_eq!(table.convert(k), ferrous.convert(k), "{k}");
        }
        let all: String = keys.concat();
        assert_eq!(table.convert(&all), ferrous.convert(&all));
        let mixed: String = keys.iter().map(|k| format!("{k}a的")).collect();
        assert_eq!(table.convert(&mixed), ferrous.convert(&mixed));
    }
}
