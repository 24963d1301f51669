//! Text that remembers where each character came from.
//!
//! Every normalization step maps a [`Mapped`] to a new one; each character keeps the
//! `[start, end)` range of characters of the decoded original it stands for. An entity
//! `&amp;` becomes one `&` covering five original characters; a tag that turns into a line
//! break covers the whole tag; a converted character covers the character it replaced.

/// One character of processed text and the original characters it stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MChar {
    pub c: char,
    pub start: u32,
    pub end: u32,
}

/// Processed text with its offset map.
#[derive(Debug, Clone, Default)]
pub struct Mapped {
    pub chars: Vec<MChar>,
}

impl Mapped {
    /// The original text itself, each character mapped to its own position.
    pub fn identity(text: &str) -> Mapped {
        Mapped {
            chars: text
                .chars()
                .enumerate()
                .map(|(i, c)| MChar {
                    c,
                    start: i as u32,
                    end: i as u32 + 1,
                })
                .collect(),
        }
    }

    /// The text as a String.
    pub fn text(&self) -> String {
        self.chars.iter().map(|m| m.c).collect()
    }

    /// Characters `from..` only (used to drop front matter).
    pub fn tail(&self, from: usize) -> Mapped {
        Mapped {
            chars: self.chars.get(from..).unwrap_or(&[]).to_vec(),
        }
    }

    /// Apply a character-wise function that yields zero or more characters per input
    /// character; every output character maps to its input character's range.
    pub fn map_chars(&self, mut f: impl FnMut(char) -> Option<char>) -> Mapped {
        Mapped {
            chars: self
                .chars
                .iter()
                .filter_map(|m| f(m.c).map(|c| MChar { c, ..*m }))
                .collect(),
        }
    }

    /// Split into lines (without the '\n').
    pub fn lines(&self) -> Vec<&[MChar]> {
        self.chars.split(|m| m.c == '\n').collect()
    }
}
