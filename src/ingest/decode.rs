//! Bytes → text, with the encoding found. encoding_rs does the decoding; this module only
//! decides which encoding to try, and refuses binary input.
//!
//! The order of the tries:
//!
//! 1. a known binary signature (PDF, ZIP, images …) is refused;
//! 2. a BOM decides the encoding (UTF-8, UTF-16LE, UTF-16BE);
//! 3. bytes with NUL in them are UTF-16 without a BOM if a sample of them reads as text in
//!    one byte order ([`utf16_order`]), and binary otherwise;
//! 4. strict UTF-8;
//! 5. GB18030 (a superset of GBK and GB2312) — but only when the bytes are not *mostly*
//!    UTF-8. A damaged or truncated UTF-8 file (valid multi-byte characters outnumber its
//!    bad sequences at least [`UTF8_MAJORITY`] to one, or its only fault is a character cut
//!    off at the end) is reported as invalid UTF-8 at the offset of its first bad byte:
//!    GBK text read as UTF-8 has about one valid character to four bad sequences, so the
//!    two do not overlap, and a GB18030 decoding of damaged UTF-8 would only be garbage.

use crate::error::InputError;
use encoding_rs::{DecoderResult, Encoding, GB18030, UTF_16BE, UTF_16LE};

/// Decoded text and the name of the encoding it was in.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    /// "UTF-8", "UTF-8 (BOM)", "UTF-16LE", "UTF-16BE", "GB18030".
    pub encoding: &'static str,
}

/// File signatures of common binary formats, to name them in the message.
const MAGIC: &[(&[u8], &str)] = &[
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (docx/xlsx?)"),
    (b"\xD0\xCF\x11\xE0", "OLE document (doc/xls?)"),
    (b"\x89PNG", "PNG image"),
    (b"\xFF\xD8\xFF", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"\x1F\x8B", "gzip archive"),
    (b"\x7FELF", "executable"),
];

/// How many leading bytes are looked at to tell UTF-16 from binary: enough for a few
/// thousand characters, and a stream can be judged before it is read to the end.
pub const SAMPLE: usize = 64 * 1024;

/// Share of a UTF-16 sample that must be ordinary text characters for that byte order.
/// Text in the right order scores close to 1; the wrong order, or binary data, about 0.4.
const UTF16_TEXT_SHARE: f64 = 0.9;

/// Valid multi-byte UTF-8 characters per bad sequence above which bytes count as damaged
/// UTF-8 rather than another encoding (see the module comment).
pub const UTF8_MAJORITY: usize = 2;

/// The first bad byte of a strict decoding: its byte offset and 1-based line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct BadBytes {
    offset: usize,
    line: usize,
}

/// Decode strictly (no BOM handling, no replacement), or say where the first bad byte is.
fn strict(enc: &'static Encoding, bytes: &[u8]) -> Result<String, BadBytes> {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len());
    let mut text = String::with_capacity(capacity);
    let mut pos = 0;
    loop {
        let (result, read) =
            decoder.decode_to_string_without_replacement(&bytes[pos..], &mut text, true);
        pos += read;
        match result {
            DecoderResult::InputEmpty => return Ok(text),
            DecoderResult::OutputFull => text.reserve(bytes.len() - pos + 16),
            DecoderResult::Malformed(bad, after) => {
                return Err(BadBytes {
                    offset: pos.saturating_sub(bad as usize + after as usize),
                    line: text.matches('\n').count() + 1,
                })
            }
        }
    }
}

/// Share of characters that are control characters other than tab, newline, CR, form feed.
///
/// Counted on the bytes, which is several times faster than decoding every char: in UTF-8
/// a char starts at every byte that is not a continuation byte (`10xxxxxx`), the C0 controls
/// and DEL are single bytes, and the C1 controls (U+0080–U+009F) are `C2 80`–`C2 9F`.
fn control_ratio(text: &str) -> f64 {
    let bytes = text.as_bytes();
    let total = count_bytes(bytes, |b| b & 0xC0 != 0x80);
    let c0 = count_bytes(bytes, |b| {
        (b < 0x20 && b != b'\t' && b != b'\n' && b != b'\r' && b != 0x0C) || b == 0x7F
    });
    // C1 controls are U+0080–U+009F, encoded 0xC2 0x80–0x9F: 0xC2 is rare in Chinese text,
    // so finding it with memchr costs far less than looking at every pair of bytes
    let c1 = memchr::memchr_iter(0xC2, bytes)
        .filter(|&i| bytes.get(i + 1).is_some_and(|b| (0x80..=0x9F).contains(b)))
        .count();
    if total == 0 {
        0.0
    } else {
        (c0 + c1) as f64 / total as f64
    }
}

/// How many of `bytes` satisfy `f`, counted in 255-byte chunks with a one-byte counter
/// each, a loop the compiler turns into SIMD compares (a count into a `usize` per byte is
/// not vectorized as well).
fn count_bytes(bytes: &[u8], f: impl Fn(u8) -> bool) -> usize {
    bytes
        .chunks(255)
        .map(|c| c.iter().fold(0u8, |n, &b| n + u8::from(f(b))) as usize)
        .sum()
}

/// `bytes` as UTF-8, checked with SIMD when they are valid (almost always); the standard
/// library's check, which says where the first bad byte is, runs only when they are not.
fn utf8(bytes: &[u8]) -> Result<&str, std::str::Utf8Error> {
    simdutf8::basic::from_utf8(bytes).or_else(|_| std::str::from_utf8(bytes))
}

/// A character that ordinary Chinese or Western text is made of: printable ASCII and
/// whitespace, Latin letters, general punctuation and symbols, CJK punctuation, kana,
/// ideographs, full-width forms, and characters outside the BMP (emoji, rare ideographs).
/// Byte-swapped UTF-16 and binary data are mostly made of other code points.
fn textlike(c: char) -> bool {
    matches!(c as u32,
        0x09 | 0x0A | 0x0D | 0x20..=0x7E
        | 0xA0..=0x24F
        | 0x2000..=0x27BF
        | 0x3000..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFFEF
        | 0x10000..)
}

/// The byte order of UTF-16 text without a BOM, judged from its first [`SAMPLE`] bytes, or
/// None if they are not UTF-16 text.
///
/// ASCII characters in UTF-16 have a NUL high byte: at odd offsets in UTF-16LE, at even
/// ones in UTF-16BE. Chinese text also has NUL low bytes (U+3000, 一 U+4E00), so the NUL
/// pattern alone can mislead; the order it suggests is tried first, and an order is taken
/// only if the sample has NUL high bytes in at least 1% of its code units (a stray NUL in
/// an 8-bit file does not) and then reads as [`textlike`] characters.
fn utf16_order(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(SAMPLE) & !1];
    let units = sample.len() / 2;
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    let orders = if odd >= even {
        [(UTF_16LE, odd), (UTF_16BE, even)]
    } else {
        [(UTF_16BE, even), (UTF_16LE, odd)]
    };
    orders
        .into_iter()
        .filter(|&(_, high_nuls)| high_nuls >= 2 && high_nuls * 100 >= units)
        .map(|(enc, _)| enc)
        .find(|enc| {
            // lenient here: the sample may end inside a surrogate pair
            let (text, _) = enc.decode_without_bom_handling(sample);
            let (mut n, mut good) = (0usize, 0usize);
            for c in text.chars() {
                n += 1;
                good += usize::from(textlike(c));
            }
            n > 0 && good as f64 >= UTF16_TEXT_SHARE * n as f64
        })
}

/// Why the start of a file or stream shows it is binary, if it does: a known signature, or
/// NUL bytes that are not UTF-16 text. `bytes` may be only the first [`SAMPLE`] bytes.
pub fn looks_binary(bytes: &[u8]) -> Option<String> {
    if let Some((_, what)) = MAGIC.iter().find(|(m, _)| bytes.starts_with(m)) {
        return Some((*what).into());
    }
    let bom = [b"\xFF\xFE".as_slice(), b"\xFE\xFF"]
        .iter()
        .any(|b| bytes.starts_with(b));
    if !bom && bytes.contains(&0) && utf16_order(bytes).is_none() {
        return Some("contains NUL bytes".into());
    }
    None
}

/// How UTF-8 bytes are damaged.
struct Utf8Damage {
    /// Offset of the first bad byte.
    first: usize,
    /// Bad sequences in all.
    errors: usize,
    /// Valid non-ASCII characters.
    multibyte: usize,
    /// The only bad sequence is a character cut off at the end.
    truncated: bool,
}

fn utf8_damage(bytes: &[u8], first: usize) -> Utf8Damage {
    let (mut errors, mut multibyte) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        errors += usize::from(!chunk.invalid().is_empty());
    }
    // an incomplete sequence that runs to the end of the input is a truncation
    let truncated =
        errors == 1 && std::str::from_utf8(&bytes[first..]).is_err_and(|e| e.error_len().is_none());
    Utf8Damage {
        first,
        errors,
        multibyte,
        truncated,
    }
}

fn invalid_utf8(path: &str, bytes: &[u8], d: &Utf8Damage, skipped: usize) -> InputError {
    let detail = if d.truncated {
        "; the file ends inside a character".to_string()
    } else if d.errors > 1 {
        format!("; {} bad sequences in all", d.errors)
    } else {
        String::new()
    };
    InputError::InvalidUtf8 {
        path: path.into(),
        offset: d.first + skipped,
        line: bytes[..d.first].iter().filter(|&&b| b == b'\n').count() + 1,
        detail,
    }
}

/// UTF-8, or GB18030 when the bytes are not mostly UTF-8 (see the module comment).
fn utf8_or_gb18030(path: &str, bytes: &[u8]) -> Result<Decoded, InputError> {
    let first = match utf8(bytes) {
        Ok(s) => {
            return Ok(Decoded {
                text: s.to_string(),
                encoding: "UTF-8",
            })
        }
        Err(e) => e.valid_up_to(),
    };
    let damage = utf8_damage(bytes, first);
    if damage.truncated || damage.multibyte >= UTF8_MAJORITY * damage.errors {
        return Err(invalid_utf8(path, bytes, &damage, 0));
    }
    match strict(GB18030, bytes) {
        Ok(text) => Ok(Decoded {
            text,
            encoding: "GB18030",
        }),
        Err(gb) => Err(InputError::Undecodable {
            path: path.into(),
            reason: format!(
                "not UTF-8: bad byte at offset {} (line {}); not GB18030: bad byte at offset {} (line {})",
                first,
                bytes[..first].iter().filter(|&&b| b == b'\n').count() + 1,
                gb.offset,
                gb.line
            ),
        }),
    }
}

/// Decode `rest`, which follows `skipped` bytes (a BOM) of the file, strictly as `enc`.
fn declared(
    path: &str,
    enc: &'static Encoding,
    name: &'static str,
    rest: &[u8],
    skipped: usize,
) -> Result<Decoded, InputError> {
    if enc == encoding_rs::UTF_8 {
        return match utf8(rest) {
            Ok(s) => Ok(Decoded {
                text: s.to_string(),
                encoding: name,
            }),
            Err(e) => {
                let damage = utf8_damage(rest, e.valid_up_to());
                Err(invalid_utf8(path, rest, &damage, skipped))
            }
        };
    }
    strict(enc, rest)
        .map(|text| Decoded {
            text,
            encoding: name,
        })
        .map_err(|bad| InputError::Undecodable {
            path: path.into(),
            reason: format!(
                "invalid {name} at byte offset {} (line {})",
                bad.offset + skipped,
                bad.line
            ),
        })
}

/// Decode `bytes` read from `path` (used in messages).
pub fn decode(path: &str, bytes: &[u8]) -> Result<Decoded, InputError> {
    if let Some(reason) = looks_binary(bytes) {
        return Err(InputError::Binary {
            path: path.into(),
            reason,
        });
    }
    let decoded = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        declared(path, encoding_rs::UTF_8, "UTF-8 (BOM)", rest, 3)?
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        declared(path, UTF_16LE, "UTF-16LE", rest, 2)?
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        declared(path, UTF_16BE, "UTF-16BE", rest, 2)?
    } else if bytes.contains(&0) {
        // looks_binary found the sample to be UTF-16 text
        match utf16_order(bytes) {
            Some(enc) if enc == UTF_16BE => declared(path, enc, "UTF-16BE", bytes, 0)?,
            Some(enc) => declared(path, enc, "UTF-16LE", bytes, 0)?,
            None => {
                return Err(InputError::Binary {
                    path: path.into(),
                    reason: "contains NUL bytes".into(),
                })
            }
        }
    } else {
        utf8_or_gb18030(path, bytes)?
    };
    if control_ratio(&decoded.text) > 0.01 {
        return Err(InputError::Binary {
            path: path.into(),
            reason: format!("{} text with many control characters", decoded.encoding),
        });
    }
    Ok(decoded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_ratio_on_bytes_counts_what_char_is_control_counts() {
        let by_chars = |t: &str| {
            let n = t.chars().count();
            let ctrl = t
                .chars()
                .filter(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c'))
                .count();
            if n == 0 {
                0.0
            } else {
                ctrl as f64 / n as f64
            }
        };
        for t in [
            "",
            "纯文本,没有控制字符。\n\t第二行\r\n",
            "a\x00b\x01\x7f\x0c",
            "C1:\u{80}\u{85}\u{9f} 以及 \u{a0}\u{c2}\u{ff} 不是",
            "\u{1b}[31m红色\u{1b}[0m😀",
        ] {
            assert_eq!(control_ratio(t), by_chars(t), "{t:?}");
        }
        // texts longer than a counting chunk, controls on either side of chunk edges
        for n in [85, 86, 255, 300, 1000] {
            let t = "中\u{1}ab\u{85}\t".repeat(n);
            assert_eq!(control_ratio(&t), by_chars(&t), "{n}");
            let t = format!("{}\u{7f}", "x".repeat(n));
            assert_eq!(control_ratio(&t), by_chars(&t), "{n}");
        }
    }

    fn utf16(s: &str, le: bool) -> Vec<u8> {
        s.encode_utf16()
            .flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() })
            .collect()
    }

    #[test]
    fn utf8_gbk_utf16_give_the_same_text() {
        let s = "数字经济核心产业增加值占GDP比重达到10%";
        let (gbk, _, _) = GB18030.encode(s);
        assert_eq!(decode("x", &gbk).unwrap().text, s);
        assert_eq!(decode("x", &gbk).unwrap().encoding, "GB18030");
        let mut le = vec![0xFF, 0xFE];
        le.extend(utf16(s, true));
        assert_eq!(decode("x", &le).unwrap().text, s);
        let mut be = vec![0xFE, 0xFF];
        be.extend(utf16(s, false));
        assert_eq!(decode("x", &be).unwrap().encoding, "UTF-16BE");
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(s.as_bytes());
        assert_eq!(decode("x", &bom).unwrap().text, s);
    }

    #[test]
    fn utf16_without_bom_is_read_in_either_order() {
        // indented Chinese: NUL low bytes (U+3000, 一) as well as NUL high bytes (ASCII)
        let s = "\u{3000}\u{3000}一、到2025年,数字经济核心产业增加值占GDP比重达到10%。\n\
                 \u{3000}\u{3000}二、培育一批(30家)高水平研发机构。\n";
        for le in [true, false] {
            let d = decode("x", &utf16(s, le)).unwrap();
            assert_eq!(d.text, s);
            assert_eq!(d.encoding, if le { "UTF-16LE" } else { "UTF-16BE" });
        }
        let ascii = "Plan for 2025: 10% more.\n".repeat(5);
        assert_eq!(decode("x", &utf16(&ascii, true)).unwrap().text, ascii);
    }

    #[test]
    fn binary_is_refused_with_a_reason() {
        let e = decode("a.pdf", b"%PDF-1.7 ...").unwrap_err().to_string();
        assert!(e.contains("a.pdf") && e.contains("PDF"), "{e}");
        let e = decode("b.bin", &[1, 2, 0, 3]).unwrap_err().to_string();
        assert!(e.contains("NUL"), "{e}");
        // a stray NUL in UTF-8 or ASCII text does not make it UTF-16
        let mut t = "数字经济 digital economy plan 2025\n"
            .repeat(20)
            .into_bytes();
        t.insert(100, 0);
        let e = decode("c.txt", &t).unwrap_err().to_string();
        assert!(e.contains("NUL"), "{e}");
    }

    #[test]
    fn invalid_everywhere_is_undecodable() {
        // 0xFF is invalid in both UTF-8 and GB18030.
        let e = decode("c.txt", b"abc\xFF").unwrap_err();
        assert!(matches!(e, InputError::Undecodable { .. }), "{e}");
        assert!(e.to_string().contains("offset 3"), "{e}");
    }

    #[test]
    fn damaged_utf8_is_reported_where_it_is_bad() {
        let s = "数字经济核心产业\n增加值占比达到10%。\n".repeat(3);
        let cut = &s.as_bytes()[..s.len() - 2];
        let e = decode("t.txt", cut).unwrap_err().to_string();
        assert!(e.contains("invalid UTF-8 at byte offset"), "{e}");
        assert!(e.contains("line 6") && e.contains("ends inside"), "{e}");
        let mut bad = s.clone().into_bytes();
        bad[30] = 0xFF;
        let e = decode("b.txt", &bad).unwrap_err();
        assert!(matches!(e, InputError::InvalidUtf8 { line: 2, .. }), "{e}");
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(cut);
        let e = decode("bom.txt", &bom).unwrap_err().to_string();
        assert!(e.contains(&format!("offset {}", cut.len() + 1)), "{e}");
    }
}
