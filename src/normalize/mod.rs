//! Normalize: decoded text → clean simplified text with an offset map to the original.
//!
//! Steps, each a small function over [`Mapped`] text: front matter (markdown) → HTML
//! stripping → markdown syntax → width folding → whitespace → OpenCC t2s → boilerplate
//! lines → sentence splitting. The resulting [`Document`] is what every later stage reads.
//! The [`Normalizer`] holds what these steps need (boilerplate patterns, the t2s converter),
//! built once per engine.

pub mod html;
pub mod mapped;
pub mod markdown;
pub mod script;
mod sentences;
mod wrapped;

pub use mapped::{MChar, Mapped, OffsetMap};
pub use sentences::Sentence;

use crate::dicts::{Boilerplate, Dicts};
use crate::ingest::Decoded;
use crate::report::{Script, SourceReport};
use serde::Serialize;

pub use crate::report::SourceFormat as Format;

/// What normalization needs, built once from the dictionaries: the boilerplate line patterns
/// and the OpenCC converter.
pub struct Normalizer {
    boilerplate: Lines,
    converter: script::Converter,
    /// Words of a site's name (`site_names.tsv`), cut with their part from a page title.
    site_names: Vec<String>,
}

impl Normalizer {
    /// Take the boilerplate patterns of `dicts` and load the converter.
    pub fn new(dicts: &Dicts) -> Normalizer {
        Normalizer {
            boilerplate: Lines::new(dicts.boilerplate.clone()),
            converter: script::Converter::new(),
            site_names: dicts
                .site_names
                .rows
                .iter()
                .map(|r| r.get(0).to_string())
                .collect(),
        }
    }

    /// The traditional → simplified converter.
    pub fn converter(&self) -> &script::Converter {
        &self.converter
    }
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

/// A page's `<title>` without the site and channel names that sites append after `_`, `|`
/// or ` - ` (…实施方案_南平市人民政府门户网站 → …实施方案); a part that names no site stays
/// (通知_政策文件). `site_names`: the words of `dicts/site_names.tsv`.
fn without_site_name<'t>(title: &'t str, site_names: &[String]) -> &'t str {
    let mut t = title.trim();
    while let Some((head, tail)) = ["_", "|", " - ", "－"]
        .iter()
        .filter_map(|sep| t.rsplit_once(sep))
        .max_by_key(|(head, _)| head.len())
    {
        let site = site_names.iter().any(|w| tail.contains(w.as_str()));
        if !site || head.trim().chars().count() < 4 {
            break;
        }
        t = head.trim();
    }
    t
}

/// Metadata keys that carry the article title, in order of preference.
const TITLE_KEYS: &[&str] = &["title", "ArticleTitle", "og:title", "dc.title", "<title>"];

impl Meta {
    fn from_fields(fields: &[(String, String)], source: &str, n: &Normalizer) -> Meta {
        let converter = &n.converter;
        let get = |keys: &[&str]| {
            keys.iter().find_map(|k| {
                fields
                    .iter()
                    .find(|(fk, v)| fk.eq_ignore_ascii_case(k) && !v.is_empty())
            })
        };
        let date = get(DATE_KEYS);
        // the title is reported like the body: half-width, simplified
        let title = get(TITLE_KEYS).map(|(k, v)| {
            let v = if k == "<title>" {
                without_site_name(v, &n.site_names)
            } else {
                v
            };
            let folded: String = v.trim().chars().map(fold_width).collect();
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

/// Every how many chars [`Document`] notes a byte offset (char ↔ byte lookups walk at most
/// this many chars from the nearest note).
const BYTE_STRIDE: usize = 8;

/// Whether a byte of UTF-8 starts a char (is no continuation byte, 0x80–0xBF).
fn is_char_start(b: u8) -> bool {
    (b as i8) >= -0x40
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
    map: OffsetMap,
    /// Byte offset in `text` of every [`BYTE_STRIDE`]-th char.
    char_bytes: Vec<usize>,
    pub meta: Meta,
    pub source: SourceReport,
    pub sentences: Vec<Sentence>,
    /// How much of the text t2s changed (what `source.script` is decided by).
    pub conversion: script::Conversion,
    /// Byte range in `text` of each sentence (every rule reads sentences by their text).
    sentence_bytes: Vec<(usize, usize)>,
}

/// Fold full-width ASCII (U+FF01–U+FF5E) to half-width and U+3000 to a space.
pub fn fold_width(c: char) -> char {
    match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        0x3000 | 0x00A0 => ' ',
        _ => c,
    }
}

/// What [`whitespace`] makes of a char: None for one it drops ('\r', zero-width and
/// invisible format characters: bidi marks and embeddings (U+200E/F, U+202A–E, U+2066–9),
/// word joiner, soft hyphen, BOM), a space for a tab, vertical tab or form feed, else the
/// char itself.
fn space_class(c: char) -> Option<char> {
    match c {
        '\r'
        | '\u{200b}'..='\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2060}'
        | '\u{2066}'..='\u{2069}'
        | '\u{ad}'
        | '\u{feff}' => None,
        '\t' | '\u{0b}' | '\u{0c}' => Some(' '),
        c => Some(c),
    }
}

/// Whitespace: drop '\r', zero-width characters and bidi marks, tabs to spaces, collapse runs
/// of spaces, trim each line, and keep at most one blank line in a row.
pub fn whitespace(input: &Mapped) -> Mapped {
    let mut out = Mapped::with_capacity(input.as_str().len());
    let mut blank_run = 0;
    for l in input.line_spans() {
        let as_is = |c: char| c != ' ' && space_class(c) == Some(c);
        if l.n > 0 && l.text.chars().all(as_is) {
            // nothing to drop or collapse: the line as it is
            blank_run = 0;
            out.push_break();
            out.push_line(input, &l);
            continue;
        }
        // the first space after a character of the line, written only when another
        // character follows (so that runs collapse and the line is trimmed)
        let mut pending: Option<MChar> = None;
        let mut started = false;
        for m in input.line_chars(&l) {
            let Some(c) = space_class(m.c) else { continue };
            if c == ' ' {
                if started && pending.is_none() {
                    pending = Some(MChar { c, ..m });
                }
                continue;
            }
            if !started {
                started = true;
                blank_run = 0;
                // a line break stands for the original line break(s) after the previous char
                out.push_break();
            }
            if let Some(p) = pending.take() {
                out.push(p);
            }
            out.push(MChar { c, ..m });
        }
        if !started {
            blank_run += 1;
            if blank_run > 1 {
                continue;
            }
            out.push_break();
        }
    }
    while out.last().is_some_and(|m| m.c == '\n') {
        out.pop();
    }
    out
}

/// The boilerplate line patterns as one set, so that a line is matched against all of them
/// in one pass.
pub struct Lines {
    patterns: Boilerplate,
    /// The longest line any pattern applies to.
    longest: usize,
}

impl Lines {
    /// Take the patterns of `dicts/boilerplate.tsv`.
    pub fn new(patterns: Boilerplate) -> Lines {
        let longest = patterns.max_lens.iter().copied().max().unwrap_or(0);
        Lines { patterns, longest }
    }

    /// Whether a line of `n` chars is boilerplate.
    fn matches(&self, line: &str, n: usize) -> bool {
        if n > self.longest {
            return false;
        }
        let p = &self.patterns;
        // most lines match none: one pass says so, and only a line that matches one is
        // asked which
        p.is_match(line) && p.matching(line).iter().any(|&i| n <= p.max_lens[i])
    }
}

/// Drop lines that match a boilerplate pattern from `dicts/boilerplate.tsv`.
pub fn remove_boilerplate(input: &Mapped, patterns: &Lines) -> Mapped {
    let mut out = Mapped::with_capacity(input.as_str().len());
    for l in input.line_spans() {
        let (s, n) = (l.text, l.n);
        let drop = patterns.matches(s, n);
        if drop || s.is_empty() && out.last().is_none_or(|m| m.c == '\n') {
            continue;
        }
        out.push_line(input, &l);
        if n > 0 {
            out.push_break();
        } else if let Some(prev) = out.last() {
            // a kept blank line takes the range of the char before it
            out.push(MChar { c: '\n', ..prev });
        }
    }
    while out.last().is_some_and(|m| m.c == '\n') {
        out.pop();
    }
    out
}

/// Normalize `text` in a known format: the steps of [`normalize_text`] without format
/// detection or front matter (used to re-check offsets on a slice of a document).
pub fn normalize_as(text: &str, format: Format, n: &Normalizer) -> String {
    let mut m = Mapped::identity(text);
    if format != Format::Text {
        m = html::strip(&m);
    }
    if format == Format::Markdown {
        m = markdown::strip_syntax(&m);
    }
    m = m.map_each(fold_width);
    m = whitespace(&m);
    let (converted, _) = script::convert(m, &n.converter);
    remove_boilerplate(&converted, &n.boilerplate).text()
}

/// Run every normalization step up to (not including) sentence splitting.
/// Returns the mapped text, the front matter (if any), the format and the t2s change ratio.
pub fn normalize_text(
    text: &str,
    extension: &str,
    n: &Normalizer,
) -> (Mapped, Option<markdown::FrontMatter>, Format, f64) {
    let format = Format::detect(extension, text);
    let (m, fm, conversion) = normalize_in(text, format, true, n);
    (m, fm, format, conversion.ratio())
}

/// [`normalize_text`] in a known format; `front_matter`: whether the text may open with
/// front matter (not so for a window after the first, [`Document::with_format`]).
fn normalize_in(
    text: &str,
    format: Format,
    front_matter: bool,
    n: &Normalizer,
) -> (Mapped, Option<markdown::FrontMatter>, script::Conversion) {
    let mut m = Mapped::identity(text);
    let mut fm = None;
    if format == Format::Markdown && front_matter {
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
    m = m.map_each(fold_width);
    m = whitespace(&m);
    let (converted, ratio) = script::convert(m, &n.converter);
    let m = remove_boilerplate(&converted, &n.boilerplate);
    // PDF extracts: lines cut where the page's column ended are one line again
    let m = if format == Format::Text {
        wrapped::join_wrapped_lines(m)
    } else {
        m
    };
    (m, fm, ratio)
}

/// The byte range of each sentence, in one walk over the text (sentences are in order).
fn sentence_bytes(text: &str, sentences: &[Sentence]) -> Vec<(usize, usize)> {
    // step from char to char by the length its lead byte gives (the text is valid UTF-8),
    // which costs less than decoding each char
    let bytes = text.as_bytes();
    let (mut at_char, mut at_byte) = (0, 0);
    let mut to = |c: usize| {
        if c < at_char {
            // not in order (never so for split sentences): count from the start
            return text.char_indices().nth(c).map_or(text.len(), |(b, _)| b);
        }
        while at_char < c && at_byte < bytes.len() {
            at_byte += match bytes[at_byte] {
                0..=0x7F => 1,
                0x80..=0xDF => 2,
                0xE0..=0xEF => 3,
                _ => 4,
            };
            at_char += 1;
        }
        at_char = c;
        at_byte.min(bytes.len())
    };
    sentences
        .iter()
        .map(|s| {
            let a = to(s.start);
            (a, to(s.end.max(s.start)))
        })
        .collect()
}

impl Document {
    /// Normalize a decoded source into a document.
    pub fn new(path: &str, extension: &str, decoded: Decoded, n: &Normalizer) -> Document {
        let format = Format::detect(extension, &decoded.text);
        Document::with_format(path, format, decoded, n, true)
    }

    /// Normalize a decoded source in a format already found; `front_matter`: whether it
    /// may open with front matter (not so for a window after the first of a large text,
    /// [`crate::ingest::windows`], which is read in the whole text's format).
    pub fn with_format(
        path: &str,
        format: Format,
        decoded: Decoded,
        n: &Normalizer,
        front_matter: bool,
    ) -> Document {
        let original = decoded.text;
        let (m, fm, conversion) = normalize_in(&original, format, front_matter, n);
        let (text, map) = m.into_parts();
        let char_bytes: Vec<usize> = text
            .char_indices()
            .step_by(BYTE_STRIDE)
            .map(|(b, _)| b)
            .collect();
        let script = if !script::has_cjk(&original) {
            Script::None
        } else if conversion.traditional() {
            Script::Traditional
        } else {
            Script::Simplified
        };
        let meta = match (fm, format) {
            (Some(f), _) => Meta::from_fields(&f.fields, "front matter", n),
            (None, Format::Html) => Meta::from_fields(&html::meta_fields(&original), "html", n),
            _ => Meta::default(),
        };
        let sentences = sentences::split(&text);
        let sentence_bytes = sentence_bytes(&text, &sentences);
        Document {
            path: path.to_string(),
            source: SourceReport {
                encoding: decoded.encoding.to_string(),
                format,
                script,
                chars: original.chars().count(),
                normalized_chars: map.len(),
                windows: 1,
            },
            original,
            text,
            map,
            char_bytes,
            meta,
            sentences,
            conversion,
            sentence_bytes,
        }
    }

    /// Number of characters in the normalized text.
    pub fn len_chars(&self) -> usize {
        self.map.len()
    }

    /// Byte offset of char index `c` in [`Document::text`] (clamped).
    pub fn byte(&self, c: usize) -> usize {
        let c = c.min(self.map.len());
        let Some(&at) = self.char_bytes.get(c / BYTE_STRIDE) else {
            return self.text.len();
        };
        // the (c % stride)-th char start after `at`: count the bytes that start a char
        let mut k = c % BYTE_STRIDE;
        for (i, &x) in self.text.as_bytes()[at..].iter().enumerate() {
            if is_char_start(x) {
                if k == 0 {
                    return at + i;
                }
                k -= 1;
            }
        }
        self.text.len()
    }

    /// Char index of byte offset `b` in [`Document::text`] (must be a char boundary).
    pub fn char_at(&self, b: usize) -> usize {
        if b > self.text.len() {
            return self.map.len() + 1;
        }
        let k = self.char_bytes.partition_point(|&x| x < b);
        if k == 0 {
            return 0;
        }
        let at = self.char_bytes[k - 1];
        // chars of the block that start before `b`
        let before = self.text.as_bytes()[at..b]
            .iter()
            .filter(|&&x| is_char_start(x))
            .count();
        (k - 1) * BYTE_STRIDE + before
    }

    /// The normalized text of chars `[a, b)`.
    pub fn slice(&self, a: usize, b: usize) -> &str {
        &self.text[self.byte(a)..self.byte(b.max(a))]
    }

    /// The `[start, end)` char span in the original text of normalized chars `[a, b)`.
    pub fn span(&self, a: usize, b: usize) -> [usize; 2] {
        let n = self.map.len();
        if a >= b || a >= n {
            let p = self
                .map
                .get(a.min(n.saturating_sub(1)))
                .map_or(0, |m| m.0 as usize);
            return [p, p];
        }
        let (start, end) = self.map.cover(a, b.min(n));
        [start as usize, end as usize]
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
        let (a, b) = self.sentence_bytes[i];
        &self.text[a..b]
    }
}

#[cfg(test)]
mod tests {
    use crate::dicts::Dicts;

    fn without_site_name(title: &str) -> String {
        let d = Dicts::load(None).unwrap();
        let words: Vec<String> = d
            .site_names
            .rows
            .iter()
            .map(|r| r.get(0).to_string())
            .collect();
        super::without_site_name(title, &words).to_string()
    }

    #[test]
    fn sentence_bytes_are_the_byte_offsets_of_the_sentence_chars() {
        // one-, two-, three- and four-byte chars, sentences that touch, overlap the end, are
        // empty, and one out of order
        let text = "ab。é中文😀x\n第二句。Ω末";
        let byte = |c: usize| text.char_indices().nth(c).map_or(text.len(), |(b, _)| b);
        let n = text.chars().count();
        let mut spans = vec![(0, 3), (3, 3), (3, 7), (7, 9), (9, n), (n, n + 4), (2, 5)];
        spans.extend((0..n).map(|i| (i, i + 1)));
        let sentences: Vec<super::Sentence> = spans
            .iter()
            .map(|&(start, end)| super::Sentence {
                start,
                end,
                para: 0,
                para_start: false,
            })
            .collect();
        let want: Vec<(usize, usize)> = spans.iter().map(|&(a, b)| (byte(a), byte(b))).collect();
        assert_eq!(super::sentence_bytes(text, &sentences), want);
    }

    #[test]
    fn a_page_title_loses_the_site_names_appended_to_it() {
        assert_eq!(
            without_site_name("南平市推进茶产业高质量发展实施方案_南平市人民政府门户网站"),
            "南平市推进茶产业高质量发展实施方案"
        );
        assert_eq!(
            without_site_name("关于印发某某方案的通知_政策文件_中国政府网"),
            "关于印发某某方案的通知_政策文件"
        );
        assert_eq!(
            without_site_name("某市智慧城市建设纲要 - 某市人民政府 | 政务公开"),
            "某市智慧城市建设纲要"
        );
        // a part that names no site stays, and so does a title that is all site name
        assert_eq!(without_site_name("通知_政策文件"), "通知_政策文件");
        assert_eq!(without_site_name("首页_某网"), "首页_某网");
    }
}
