//! Bytes → text, with the encoding found. encoding_rs does the decoding; this module only
//! decides which encoding to try, and refuses binary input.

use crate::error::InputError;
use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};

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

fn strict(enc: &'static Encoding, bytes: &[u8]) -> Option<String> {
    enc.decode_without_bom_handling_and_without_replacement(bytes)
        .map(|c| c.into_owned())
}

/// Share of characters that are control characters other than tab, newline, CR, form feed.
fn control_ratio(text: &str) -> f64 {
    let mut total = 0usize;
    let mut ctrl = 0usize;
    for c in text.chars() {
        total += 1;
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c') {
            ctrl += 1;
        }
    }
    if total == 0 {
        0.0
    } else {
        ctrl as f64 / total as f64
    }
}

/// Decode `bytes` read from `path` (used in messages).
pub fn decode(path: &str, bytes: &[u8]) -> Result<Decoded, InputError> {
    for (magic, what) in MAGIC {
        if bytes.starts_with(magic) {
            return Err(InputError::Binary {
                path: path.into(),
                reason: (*what).into(),
            });
        }
    }
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        (strict(UTF_8, rest), "UTF-8 (BOM)")
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        (strict(UTF_16LE, rest), "UTF-16LE")
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        (strict(UTF_16BE, rest), "UTF-16BE")
    } else if bytes.contains(&0) {
        return Err(InputError::Binary {
            path: path.into(),
            reason: "contains NUL bytes".into(),
        });
    } else if let Some(t) = strict(UTF_8, bytes) {
        (Some(t), "UTF-8")
    } else {
        (strict(GB18030, bytes), "GB18030")
    };
    let Some(text) = text else {
        return Err(InputError::Undecodable {
            path: path.into(),
            reason: format!("invalid byte sequence for {encoding}"),
        });
    };
    if control_ratio(&text) > 0.01 {
        return Err(InputError::Binary {
            path: path.into(),
            reason: format!("{encoding} text with many control characters"),
        });
    }
    Ok(Decoded { text, encoding })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_gbk_utf16_give_the_same_text() {
        let s = "数字经济核心产业增加值占GDP比重达到10%";
        let (gbk, _, _) = GB18030.encode(s);
        assert_eq!(decode("x", &gbk).unwrap().text, s);
        assert_eq!(decode("x", &gbk).unwrap().encoding, "GB18030");
        let mut le = vec![0xFF, 0xFE];
        for u in s.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode("x", &le).unwrap().text, s);
        let mut be = vec![0xFE, 0xFF];
        for u in s.encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode("x", &be).unwrap().encoding, "UTF-16BE");
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(s.as_bytes());
        assert_eq!(decode("x", &bom).unwrap().text, s);
    }

    #[test]
    fn binary_is_refused_with_a_reason() {
        let e = decode("a.pdf", b"%PDF-1.7 ...").unwrap_err().to_string();
        assert!(e.contains("a.pdf") && e.contains("PDF"), "{e}");
        let e = decode("b.bin", &[1, 2, 0, 3]).unwrap_err().to_string();
        assert!(e.contains("NUL"), "{e}");
    }

    #[test]
    fn invalid_everywhere_is_undecodable() {
        // 0xFF is invalid in both UTF-8 and GB18030.
        let e = decode("c.txt", b"abc\xFF").unwrap_err();
        assert!(matches!(e, InputError::Undecodable { .. }), "{e}");
    }
}
