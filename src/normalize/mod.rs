//! Normalize: decoded text → clean simplified text with an offset map to the original.
//!
//! Steps, each a small function over [`Mapped`] text: front matter (markdown) → HTML
//! stripping → markdown syntax → width folding → whitespace → OpenCC t2s → boilerplate
//! lines → sentence splitting. The resulting [`Document`] is what every extractor reads.

pub mod html;
pub mod mapped;
pub mod markdown;
pub mod script;
mod sentences;

pub use mapped::{MChar, Mapped};
pub use sentences::Sentence;

use crate::dicts::Dicts;
use crate::ingest::Decoded;
use serde::Serialize;
use std::sync::OnceLock;

/// Input format, from the file extension or, failing that, the content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Html,
    Markdown,
}

impl Format {
    /// Decide the format: `.html`/`.htm` → HTML, `.md` → Markdown, else by content
    /// (front matter → Markdown, several common tags → HTML, otherwise plain text).
    pub fn detect(extension: &str, text: &str) -> Format {
        match extension {
            "html" | "htm" | "xhtml" | "shtml" => Format::Html,
            "md" | "markdown" => Format::Markdown,
            _ if markdown::front_matter(text).is_some() => Format::Markdown,
            _ if html::looks_like_html(text) => Format::Html,
            _ => Format::Text,
        }
    }
}

/// What the ingest and normalize steps found out about a source.
#[derive(Debug, Clone, Serialize)]
pub struct SourceInfo {
    pub encoding: String,
    pub format: Format,
    /// "simplified", "traditional" or "none" (no CJK text).
    pub script: String,
    /// Characters in the decoded original.
    pub chars: usize,
    /// Characters in the normalized text.
    pub normalized_chars: usize,
}

/// Metadata from markdown front matter.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Meta {
    pub title: Option<String>,
    pub date: Option<String>,
    /// Where `date` was read: `front matter date`, `<meta name="PubDate">` …
    pub date_source: Option<String>,
}

/// Metadata keys that carry the publication date, in order of preference (front matter
/// fields and HTML `<meta>` names, compared without case).
const DATE_KEYS: &[&str] = &[
    "date",
    "published",
    "pubdate",
    "publish_date",
    "publishDate",
    "publishdate",
    "firstpublishedtime",
    "article:published_time",
    "dc.date",
    "dcterms.issued",
    "created",
];

/// Metadata keys that carry the article title, in order of preference.
const TITLE_KEYS: &[&str] = &["title", "ArticleTitle", "og:title", "dc.title", "<title>"];

impl Meta {
    fn from_fields(fields: &[(String, String)], source: &str) -> Meta {
        let get = |keys: &[&str]| {
            keys.iter().find_map(|k| {
                fields
                    .iter()
                    .find(|(fk, v)| fk.eq_ignore_ascii_case(k) && !v.is_empty())
            })
        };
        let date = get(DATE_KEYS);
        // the title is reported like the body: half-width, simplified
        let title = get(TITLE_KEYS).map(|(_, v)| {
            let folded: String = v.trim().chars().map(fold_width).collect();
            let converter = script::Converter::get();
            if converter.needs_conversion(&folded) {
                converter.t2s(&folded)
            } else {
                folded
            }
        });
        Meta {
            title,
            date: date.map(|(_, v)| v.clone()),
            date_source: date.map(|(k, _)| match source {
                "html" => format!("<meta name=\"{k}\">"),
                _ => format!("front matter {k}"),
            }),
        }
    }
}

/// A jieba token of a sentence, with char offsets into [`Document::text`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Token {
    pub word: String,
    pub tag: String,
    pub start: usize,
    pub end: usize,
}

/// A normalized document: the text every extractor reads, and the way back to the source.
#[derive(Debug)]
pub struct Document {
    /// The path as given (`-` for stdin).
    pub path: String,
    /// The decoded original text.
    pub original: String,
    /// The normalized text (simplified, half-width, no markup, no boilerplate).
    pub text: String,
    /// Per normalized char: the `[start, end)` char range of the original it stands for.
    map: Vec<(u32, u32)>,
    /// Byte offset of every char of `text`, plus `text.len()` at the end.
    char_bytes: Vec<usize>,
    pub meta: Meta,
    pub source: SourceInfo,
    pub sentences: Vec<Sentence>,
    tokens: Vec<OnceLock<Vec<Token>>>,
}

/// Fold full-width ASCII (U+FF01–U+FF5E) to half-width and U+3000 to a space.
pub fn fold_width(c: char) -> char {
    match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        0x3000 | 0x00A0 => ' ',
        _ => c,
    }
}

/// Whitespace: drop '\r', zero-width characters and bidi marks, tabs to spaces, collapse runs
/// of spaces, trim each line, and keep at most one blank line in a row.
pub fn whitespace(input: &Mapped) -> Mapped {
    let mut out: Vec<MChar> = Vec::with_capacity(input.chars.len());
    let mut blank_run = 0;
    for line in input.lines() {
        let mut l: Vec<MChar> = Vec::with_capacity(line.len());
        for m in line {
            let c = match m.c {
                // zero-width and invisible format characters: bidi marks and embeddings
                // (U+200E/F, U+202A–E, U+2066–9), word joiner, soft hyphen
                '\r'
                | '\u{200b}'..='\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2060}'
                | '\u{2066}'..='\u{2069}'
                | '\u{ad}'
                | '\u{feff}' => continue,
                '\t' | '\u{0b}' | '\u{0c}' => ' ',
                c => c,
            };
            if c == ' ' && (l.is_empty() || l.last().is_some_and(|p: &MChar| p.c == ' ')) {
                continue;
            }
            l.push(MChar { c, ..*m });
        }
        while l.last().is_some_and(|p| p.c == ' ') {
            l.pop();
        }
        if l.is_empty() {
            blank_run += 1;
            if blank_run > 1 || out.is_empty() {
                continue;
            }
        } else {
            blank_run = 0;
        }
        if let Some(prev) = out.last().copied() {
            // A line break stands for the original line break(s) after the previous char.
            out.push(MChar {
                c: '\n',
                start: prev.end,
                end: prev.end,
            });
        } else if l.is_empty() {
            continue;
        }
        out.extend(l);
    }
    while out.last().is_some_and(|m| m.c == '\n') {
        out.pop();
    }
    Mapped { chars: out }
}

/// Drop lines that match a boilerplate pattern from `dicts/boilerplate.tsv`.
pub fn remove_boilerplate(input: &Mapped, dicts: &Dicts) -> Mapped {
    let mut out: Vec<MChar> = Vec::with_capacity(input.chars.len());
    for line in input.lines() {
        let s: String = line.iter().map(|m| m.c).collect();
        let n = line.len();
        let drop = dicts
            .boilerplate
            .iter()
            .any(|b| n <= b.max_len && b.pattern.is_match(&s));
        if drop || line.is_empty() && out.last().is_none_or(|m| m.c == '\n') {
            continue;
        }
        out.extend_from_slice(line);
        if let Some(last) = line.last() {
            out.push(MChar {
                c: '\n',
                start: last.end,
                end: last.end,
            });
        } else if let Some(prev) = out.last().copied() {
            out.push(MChar { c: '\n', ..prev });
        }
    }
    while out.last().is_some_and(|m| m.c == '\n') {
        out.pop();
    }
    Mapped { chars: out }
}

/// Normalize `text` in a known format: the steps of [`normalize_text`] without format
/// detection or front matter (used to re-check offsets on a slice of a document).
pub fn normalize_as(text: &str, format: Format, dicts: &Dicts) -> String {
    let mut m = Mapped::identity(text);
    if format != Format::Text {
        m = html::strip(&m);
    }
    if format == Format::Markdown {
        m = markdown::strip_syntax(&m);
    }
    m = m.map_chars(|c| Some(fold_width(c)));
    m = whitespace(&m);
    let (converted, _) = script::convert(&m);
    remove_boilerplate(&converted, dicts).text()
}

/// Run every normalization step up to (not including) sentence splitting.
/// Returns the mapped text, the front matter (if any), the format and the t2s change ratio.
pub fn normalize_text(
    text: &str,
    extension: &str,
    dicts: &Dicts,
) -> (Mapped, Option<markdown::FrontMatter>, Format, f64) {
    let format = Format::detect(extension, text);
    let mut m = Mapped::identity(text);
    let mut fm = None;
    if format == Format::Markdown {
        if let Some(f) = markdown::front_matter(text) {
            m = m.tail(f.body_start);
            fm = Some(f);
        }
    }
    if format == Format::Html || (format == Format::Markdown && html::looks_like_html(text)) {
        m = html::strip(&m);
    }
    if format == Format::Markdown {
        m = markdown::strip_syntax(&m);
    }
    m = m.map_chars(|c| Some(fold_width(c)));
    m = whitespace(&m);
    let (converted, ratio) = script::convert(&m);
    let m = remove_boilerplate(&converted, dicts);
    (m, fm, format, ratio)
}

impl Document {
    /// Normalize a decoded source into a document.
    pub fn new(path: &str, extension: &str, decoded: Decoded, dicts: &Dicts) -> Document {
        let original = decoded.text;
        let (m, fm, format, ratio) = normalize_text(&original, extension, dicts);
        let text = m.text();
        let map: Vec<(u32, u32)> = m.chars.iter().map(|c| (c.start, c.end)).collect();
        let mut char_bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        char_bytes.push(text.len());
        let script = if !script::has_cjk(&original) {
            "none"
        } else if ratio >= 0.02 {
            "traditional"
        } else {
            "simplified"
        };
        let meta = match (fm, format) {
            (Some(f), _) => Meta::from_fields(&f.fields, "front matter"),
            (None, Format::Html) => Meta::from_fields(&html::meta_fields(&original), "html"),
            _ => Meta::default(),
        };
        let sentences = sentences::split(&text);
        let tokens = (0..sentences.len()).map(|_| OnceLock::new()).collect();
        Document {
            path: path.to_string(),
            source: SourceInfo {
                encoding: decoded.encoding.to_string(),
                format,
                script: script.to_string(),
                chars: original.chars().count(),
                normalized_chars: map.len(),
            },
            original,
            text,
            map,
            char_bytes,
            meta,
            sentences,
            tokens,
        }
    }

    /// Number of characters in the normalized text.
    pub fn len_chars(&self) -> usize {
        self.map.len()
    }

    /// Byte offset of char index `c` in [`Document::text`] (clamped).
    pub fn byte(&self, c: usize) -> usize {
        self.char_bytes[c.min(self.char_bytes.len() - 1)]
    }

    /// Char index of byte offset `b` in [`Document::text`] (must be a char boundary).
    pub fn char_at(&self, b: usize) -> usize {
        self.char_bytes.partition_point(|&x| x < b)
    }

    /// The normalized text of chars `[a, b)`.
    pub fn slice(&self, a: usize, b: usize) -> &str {
        &self.text[self.byte(a)..self.byte(b.max(a))]
    }

    /// The `[start, end)` char span in the original text of normalized chars `[a, b)`.
    pub fn span(&self, a: usize, b: usize) -> [usize; 2] {
        if a >= b || a >= self.map.len() {
            let p = self
                .map
                .get(a.min(self.map.len().saturating_sub(1)))
                .map_or(0, |m| m.0 as usize);
            return [p, p];
        }
        let b = b.min(self.map.len());
        let start = self.map[a..b].iter().map(|m| m.0).min().unwrap_or(0) as usize;
        let end = self.map[a..b].iter().map(|m| m.1).max().unwrap_or(0) as usize;
        [start, end]
    }

    /// The original text of an original char span.
    pub fn original_slice(&self, span: [usize; 2]) -> String {
        self.original
            .chars()
            .skip(span[0])
            .take(span[1].saturating_sub(span[0]))
            .collect()
    }

    /// The index of the sentence that contains char `c`.
    pub fn sentence_at(&self, c: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.end <= c);
        (i < self.sentences.len() && self.sentences[i].start <= c).then_some(i)
    }

    /// The text of sentence `i`.
    pub fn sentence_text(&self, i: usize) -> &str {
        let s = &self.sentences[i];
        self.slice(s.start, s.end)
    }

    /// The jieba tokens (with part-of-speech tags) of sentence `i`, segmented on first use.
    pub fn tokens(&self, i: usize) -> &[Token] {
        self.tokens[i].get_or_init(|| {
            let s = &self.sentences[i];
            crate::segment::tag(self.slice(s.start, s.end), s.start)
        })
    }

    /// The tokens covering chars `[a, b)` (a range inside one or more sentences).
    pub fn tokens_in(&self, a: usize, b: usize) -> Vec<&Token> {
        let mut out = Vec::new();
        let Some(first) = self.sentence_at(a) else {
            return out;
        };
        let mut i = first;
        while i < self.sentences.len() && self.sentences[i].start < b {
            let toks = self.tokens(i);
            // tokens are in order: skip to the first that ends after `a`
            let from = toks.partition_point(|t| t.end <= a);
            out.extend(toks[from..].iter().take_while(|t| t.start < b));
            i += 1;
        }
        out
    }

    /// True when chars `a` and `b` fall on token boundaries of their sentences.
    pub fn on_word_boundaries(&self, a: usize, b: usize) -> bool {
        let ok = |c: usize, start: bool| -> bool {
            let Some(i) = self.sentence_at(if start { c } else { c.saturating_sub(1) }) else {
                return true;
            };
            let s = &self.sentences[i];
            if c == s.start || c == s.end {
                return true;
            }
            let toks = self.tokens(i);
            if start {
                toks.binary_search_by_key(&c, |t| t.start).is_ok()
            } else {
                toks.binary_search_by_key(&c, |t| t.end).is_ok()
            }
        };
        ok(a, true) && ok(b, false)
    }
}
