//! Traditional → simplified conversion (OpenCC t2s), keeping the offset map.
//!
//! The default build uses the pure-Rust `ferrous-opencc`; the `opencc-cpp` feature uses the
//! C++ OpenCC through `opencc-rust`. OpenCC converts phrases, so a line can change length; such
//! lines are mapped piece by piece (see [`convert`]).

use super::mapped::{MChar, Mapped};
use std::collections::HashMap;
use std::sync::RwLock;

/// The converter in use, built once per engine (see [`super::Normalizer`]).
pub struct Converter {
    /// Per character: does t2s change it on its own? Filled as characters are seen.
    changes: RwLock<HashMap<char, bool>>,
    #[cfg(not(feature = "opencc-cpp"))]
    inner: Option<ferrous_opencc::OpenCC>,
    #[cfg(feature = "opencc-cpp")]
    inner: Option<opencc_rust::OpenCC>,
}

impl Converter {
    /// Load OpenCC's t2s configuration (a warning on stderr if it cannot be loaded).
    pub fn new() -> Converter {
        #[cfg(not(feature = "opencc-cpp"))]
        let inner =
            ferrous_opencc::OpenCC::from_config(ferrous_opencc::config::BuiltinConfig::T2s).ok();
        #[cfg(feature = "opencc-cpp")]
        let inner = opencc_rust::OpenCC::new(opencc_rust::DefaultConfig::T2S).ok();
        if inner.is_none() {
            eprintln!("policylens: warning: OpenCC t2s could not be loaded; text is not converted");
        }
        Converter {
            changes: RwLock::new(HashMap::new()),
            inner,
        }
    }

    /// True when some CJK character of `s` changes under t2s on its own. Text where none
    /// does is already simplified and is not run through the converter (the costliest part
    /// of normalization); phrase rules need at least one traditional character to apply.
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

    /// Convert a string (identity when the converter could not be loaded).
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
            "ferrous-opencc"
        }
    }
}

impl Default for Converter {
    fn default() -> Converter {
        Converter::new()
    }
}

/// t2s with the pure-Rust converter, whatever the build uses (for parity checks).
pub fn ferrous_t2s(s: &str) -> String {
    ferrous_opencc::OpenCC::from_config(ferrous_opencc::config::BuiltinConfig::T2s)
        .map(|c| c.convert(s))
        .unwrap_or_else(|_| s.to_string())
}

/// s2t with the pure-Rust converter (tests build traditional copies with it).
pub fn ferrous_s2t(s: &str) -> String {
    ferrous_opencc::OpenCC::from_config(ferrous_opencc::config::BuiltinConfig::S2t)
        .map(|c| c.convert(s))
        .unwrap_or_else(|_| s.to_string())
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// Map the converted text of `piece` back onto it: 1:1 when lengths agree, else every
/// output character covers the whole piece.
fn align(piece: &[MChar], converted: &str, out: &mut Vec<MChar>) {
    let n = converted.chars().count();
    if n == piece.len() {
        out.extend(
            piece
                .iter()
                .zip(converted.chars())
                .map(|(m, c)| MChar { c, ..*m }),
        );
    } else if let (Some(first), Some(last)) = (piece.first(), piece.last()) {
        out.extend(converted.chars().map(|c| MChar {
            c,
            start: first.start,
            end: last.end,
        }));
    }
}

/// Convert to simplified script. Returns the converted text and the share of CJK characters
/// that changed (used to report the script detected).
pub fn convert(input: &Mapped, conv: &Converter) -> (Mapped, f64) {
    let text = input.text();
    if !conv.needs_conversion(&text) {
        return (input.clone(), 0.0);
    }
    let whole = conv.t2s(&text);
    let mut out = Vec::with_capacity(input.chars.len());
    if whole.chars().count() == input.chars.len() {
        align(&input.chars, &whole, &mut out);
    } else {
        // Lengths differ somewhere: convert piece by piece, a piece ending at punctuation.
        let mut start = 0;
        for i in 0..=input.chars.len() {
            let boundary = i == input.chars.len() || !is_cjk(input.chars[i].c);
            if boundary {
                let piece = &input.chars[start..i];
                if !piece.is_empty() {
                    let s: String = piece.iter().map(|m| m.c).collect();
                    align(piece, &conv.t2s(&s), &mut out);
                }
                if i < input.chars.len() {
                    out.push(input.chars[i]);
                }
                start = i + 1;
            }
        }
    }
    let mut cjk = 0usize;
    let mut changed = 0usize;
    for (a, b) in input.chars.iter().zip(out.iter()) {
        if is_cjk(a.c) {
            cjk += 1;
            if a.c != b.c {
                changed += 1;
            }
        }
    }
    let ratio = if cjk == 0 {
        0.0
    } else {
        changed as f64 / cjk as f64
    };
    (Mapped { chars: out }, ratio)
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
            let (m, _) = convert(&Mapped::identity(s), conv);
            assert_eq!(m.text(), conv.t2s(s), "{s}");
        }
    }

    #[test]
    fn traditional_becomes_simplified() {
        let conv = &Converter::new();
        let (m, ratio) = convert(&Mapped::identity("數字經濟發展規劃"), conv);
        assert_eq!(m.text(), "数字经济发展规划");
        assert!(ratio > 0.5);
        let (m, ratio) = convert(&Mapped::identity("数字经济发展规划"), conv);
        assert_eq!(m.text(), "数字经济发展规划");
        assert_eq!(ratio, 0.0);
    }
}
