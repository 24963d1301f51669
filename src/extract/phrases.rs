//! A word list asked "does this text hold one of you?" (and "where is the rightmost of
//! you?") in one pass: one Aho–Corasick automaton over the list instead of one substring
//! search per word. The rules ask such questions of every figure and every paragraph
//! (status and target cues, the words that announce a list).

use aho_corasick::AhoCorasick;

/// A word list with its automaton.
#[derive(Debug, Clone)]
pub struct Phrases {
    ac: AhoCorasick,
}

impl Phrases {
    /// The automaton over `words` (all occurrences, overlapping ones too, can be found).
    pub fn new(words: &[String]) -> Phrases {
        Phrases {
            // a list of a few hundred words at most: the automaton always builds
            ac: AhoCorasick::new(words).expect("a word list builds an automaton"),
        }
    }

    /// True when `s` holds one of the words (as `words.iter().any(|w| s.contains(w))`).
    pub fn any_in(&self, s: &str) -> bool {
        self.ac.is_match(s)
    }

    /// The byte span of the occurrence of a word in `s` that starts last, the longest of
    /// those (as the largest `(start, end)` of every word's `rfind`).
    pub fn rightmost(&self, s: &str) -> Option<(usize, usize)> {
        self.ac
            .find_overlapping_iter(s)
            .map(|m| (m.start(), m.end()))
            .max()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_pass_answers_as_a_search_per_word() {
        let words: Vec<String> = ["重点实施", "实施", "围绕", "包括", "施"]
            .iter()
            .map(|w| w.to_string())
            .collect();
        let p = Phrases::new(&words);
        for s in [
            "",
            "围绕",
            "重点实施A、B",
            "围绕A、B,重点实施C、D",
            "实施重点实施",
            "施施",
            "没有一个",
        ] {
            let any = words.iter().any(|w| s.contains(w.as_str()));
            assert_eq!(p.any_in(s), any, "{s}");
            let rightmost = words
                .iter()
                .filter_map(|w| s.rfind(w.as_str()).map(|i| (i, i + w.len())))
                .max();
            assert_eq!(p.rightmost(s), rightmost, "{s}");
        }
        assert!(!Phrases::new(&[]).any_in("任何"));
    }
}
