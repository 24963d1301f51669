//! Segmentation: jieba-rs with its built-in dictionary, `dicts/policy_terms.txt` and the
//! names of every administrative division, built once per process and shared.
//!
//! Segmentation is the costliest step, so documents segment sentence by sentence on demand
//! ([`crate::normalize::Document::tokens`]) rather than whole up front.

use crate::engine::Engine;
use crate::normalize::Token;
use jieba_rs::Jieba;
use std::sync::OnceLock;

/// The process-wide jieba instance with the policy vocabulary added.
pub fn jieba() -> &'static Jieba {
    static J: OnceLock<Jieba> = OnceLock::new();
    J.get_or_init(|| {
        let mut j = Jieba::new();
        let dicts = &Engine::get().dicts;
        for line in dicts.policy_terms.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut it = line.split_whitespace();
            let Some(word) = it.next() else { continue };
            let freq = it.next().and_then(|f| f.parse().ok());
            let tag = it.next();
            j.add_word(word, freq, tag);
        }
        // Division names: full names always, short names when jieba does not know them yet
        // and they are not ordinary words, so that 德清 or 渝北 come out as one token.
        let ordinary: std::collections::HashSet<&str> =
            dicts.ordinary_words.rows.iter().map(|r| r.get(0)).collect();
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
        j
    })
}

/// Tag one sentence; token offsets are shifted by `offset` (the sentence's first char).
pub fn tag(sentence: &str, offset: usize) -> Vec<Token> {
    jieba()
        .tag(sentence, true)
        .into_iter()
        .map(|t| Token {
            word: t.word.to_string(),
            tag: t.tag.to_string(),
            start: t.start + offset,
            end: t.end + offset,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_terms_are_single_tokens() {
        let toks = tag("推动数字经济核心产业发展,建设粤港澳大湾区", 0);
        let words: Vec<&str> = toks.iter().map(|t| t.word.as_str()).collect();
        for w in ["数字经济", "核心产业", "粤港澳大湾区"] {
            assert!(words.contains(&w), "{w} not in {words:?}");
        }
        assert_eq!(toks[0].start, 0);
    }
}
