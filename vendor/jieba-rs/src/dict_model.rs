//! The default dictionary (`data/dict.txt`) as the segmenter holds it, and its byte form.
//!
//! Parsing 350,000 lines and inserting each word into the trie is most of a segmenter's
//! start-up, so `build.rs` does it once at compile time (this file and `trie.rs` are
//! compiled into the build script too) and [`Jieba::new`](crate::Jieba::new) decodes the
//! bytes it wrote: a few copies of flat arrays instead of a parse.

use super::codec::{Reader, Writer};
use super::trie::CharTrie;
use std::collections::HashMap;

/// A dictionary word's frequency and tag.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Record {
    pub(crate) freq: usize,
    /// Index into `Jieba::tags`.
    pub(crate) tag: u32,
}

/// What loading the default dictionary into an empty segmenter produces.
#[derive(PartialEq, Debug)]
pub(crate) struct DictModel {
    /// Each word's frequency and tag, by word id.
    pub(crate) records: Vec<Record>,
    /// `ln(freq)` of each word, computed once here.
    pub(crate) log_freqs: Vec<f64>,
    /// Distinct tags in order of first use.
    pub(crate) tags: Vec<Box<str>>,
    pub(crate) trie: CharTrie,
}

/// Byte form version; bump it when the layout changes.
const MAGIC: &[u8; 8] = b"JBDICT01";

impl DictModel {
    /// Parse a `word freq tag` list the way an empty segmenter loads it: no duplicate
    /// check, word ids in line order, tags interned in order of first use.
    ///
    /// # Panics
    ///
    /// On a frequency that is not a number: this only ever reads the embedded dictionary.
    #[cfg_attr(not(test), allow(dead_code))] // used by build.rs and the tests
    pub(crate) fn parse(dict: &str) -> DictModel {
        let lines = dict.bytes().filter(|&b| b == b'\n').count() + 1;
        let mut model = DictModel {
            records: Vec::with_capacity(lines),
            log_freqs: Vec::with_capacity(lines),
            tags: Vec::new(),
            trie: CharTrie::new(),
        };
        model.trie.reserve(lines);
        let mut tag_index: HashMap<&str, u32> = HashMap::new();
        for line in dict.lines() {
            let mut iter = line.split_ascii_whitespace();
            let Some(word) = iter.next() else { continue };
            let freq = iter
                .next()
                .map_or(0, |x| x.parse::<usize>().expect("invalid frequency in default dict"));
            let tag = iter.next().unwrap_or("");
            let tag_id = *tag_index.entry(tag).or_insert_with(|| {
                model.tags.push(tag.into());
                (model.tags.len() - 1) as u32
            });
            let word_id = model.records.len() as i32;
            model.records.push(Record { freq, tag: tag_id });
            model.log_freqs.push((freq as f64).ln());
            model.trie.insert(word, word_id);
        }
        model
    }

    /// The byte form.
    #[cfg_attr(not(test), allow(dead_code))] // used by build.rs and the tests
    pub(crate) fn encode(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.buf.extend_from_slice(MAGIC);
        w.len(self.tags.len());
        for tag in &self.tags {
            w.str(tag);
        }
        w.len(self.records.len());
        for (r, &log_freq) in self.records.iter().zip(&self.log_freqs) {
            w.u64(r.freq as u64);
            w.f64(log_freq);
            w.u32(r.tag);
        }
        self.trie.encode(&mut w);
        w.buf
    }

    /// Read back what [`encode`](Self::encode) wrote; `None` if it is malformed or a
    /// word id or tag index points past the end of its table.
    pub(crate) fn decode(bytes: &[u8]) -> Option<DictModel> {
        let mut r = Reader::new(bytes);
        if r.bytes(MAGIC.len())? != MAGIC {
            return None;
        }
        let n = r.len(8)?;
        let tags = (0..n).map(|_| r.str().map(Box::from)).collect::<Option<Vec<_>>>()?;
        let n = r.len(20)?;
        // straight into the two tables, with no list of tuples in between (at this size
        // every intermediate megabyte is page faults)
        let mut records = Vec::with_capacity(n);
        let mut log_freqs = Vec::with_capacity(n);
        r.each::<20>(n, |[f0, f1, f2, f3, f4, f5, f6, f7, log @ .., t0, t1, t2, t3]| {
            let tag = u32::from_le_bytes([t0, t1, t2, t3]);
            ((tag as usize) < tags.len()).then_some(())?;
            let freq = u64::from_le_bytes([f0, f1, f2, f3, f4, f5, f6, f7]);
            records.push(Record {
                freq: usize::try_from(freq).ok()?,
                tag,
            });
            log_freqs.push(f64::from_bits(u64::from_le_bytes(log)));
            Some(())
        })?;
        let trie = CharTrie::decode(&mut r, records.len())?;
        r.is_empty().then_some(DictModel {
            records,
            log_freqs,
            tags,
            trie,
        })
    }
}

#[cfg(all(test, feature = "default-dict"))]
mod tests {
    use super::*;

    const DICT: &str = include_str!("data/dict.txt");

    /// The bytes `build.rs` embedded decode to exactly what parsing the text gives now,
    /// so the compile-time parse and this source cannot have drifted apart.
    #[test]
    fn embedded_model_equals_a_fresh_parse() {
        let parsed = DictModel::parse(DICT);
        let embedded = DictModel::decode(crate::DEFAULT_DICT_MODEL).expect("dict.bin decodes");
        assert_eq!(
            parsed.records.len(),
            DICT.lines().filter(|l| !l.trim().is_empty()).count()
        );
        assert!(parsed == embedded, "dict.bin differs from parsing dict.txt");
    }

    #[test]
    fn round_trip_and_damage() {
        let model = DictModel::parse("一 5 m\n一个 7 m\n我们 3 r\n");
        let bytes = model.encode();
        assert_eq!(DictModel::decode(&bytes), Some(model));
        // Every truncation, and a flipped magic, is refused rather than misread.
        for n in 0..bytes.len() {
            assert_eq!(DictModel::decode(&bytes[..n]), None, "truncated at {n}");
        }
        let mut bad = bytes.clone();
        bad[0] ^= 1;
        assert_eq!(DictModel::decode(&bad), None);
        let mut longer = bytes;
        longer.push(0);
        assert_eq!(DictModel::decode(&longer), None, "trailing bytes");
    }

    /// Independently of `DictModel::parse` (the code build.rs runs): the segmenter
    /// `Jieba::new()` decodes holds what upstream's text loader builds from the same file,
    /// word by word (dict.txt has no duplicate words, so the two assign the same ids).
    #[test]
    fn new_loads_the_same_dictionary_as_parsing_it() {
        let fast = crate::Jieba::new();
        let slow = crate::Jieba::with_dict(&mut DICT.as_bytes()).expect("dict.txt parses");
        assert_eq!(fast.records, slow.records);
        assert_eq!(fast.log_freqs, slow.log_freqs);
        assert_eq!(fast.tags, slow.tags);
        assert_eq!(fast.tag_ids, slow.tag_ids);
        assert_eq!(fast.total, slow.total);
        assert_eq!(fast.log_total.to_bits(), slow.log_total.to_bits());
        for (id, word) in DICT
            .lines()
            .filter_map(|l| l.split_ascii_whitespace().next())
            .enumerate()
        {
            assert_eq!(fast.trie.get(word), Some(id as i32), "{word}");
            assert_eq!(slow.trie.get(word), Some(id as i32), "{word}");
        }
        assert_eq!(fast.trie.get("不存在的词语"), None);
        let text = "我们中出了一个叛徒，到2025年全省地区生产总值达到5.5万亿元，张尧经理吃了北京烤鸭。";
        let words = |j: &crate::Jieba| {
            j.tag(text, true)
                .iter()
                .map(|t| (t.word.to_string(), t.tag.to_string()))
                .collect::<Vec<_>>()
        };
        assert_eq!(words(&fast), words(&slow));
    }
}
