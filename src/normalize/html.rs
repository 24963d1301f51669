//! HTML → text with offsets: tags dropped, `<script>`/`<style>` content and comments
//! dropped, entities decoded (html-escape), block elements turned into line breaks.
//!
//! A hand-written scanner rather than a DOM parser: we need each text character's
//! position in the source, which DOM parsers do not keep.

use super::mapped::{MChar, Mapped};

const BLOCK: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "tr",
    "td",
    "th",
    "table",
    "thead",
    "tbody",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "hr",
    "dd",
    "dt",
    "dl",
    "title",
    "caption",
    "nav",
    "aside",
    "main",
    "figure",
    "figcaption",
    "form",
];
const SKIP_CONTENT: &[&str] = &["script", "style", "noscript", "template", "iframe", "svg"];

/// The `<meta>` fields of a page (`name`/`property`/`itemprop` → `content`, entities
/// decoded) and its `<title>` (as field `<title>`), read from the first 64 KB: government
/// sites put the publication date and the article title there (PubDate,
/// firstpublishedtime, ArticleTitle, og:title …).
pub fn meta_fields(text: &str) -> Vec<(String, String)> {
    use regex::Regex;
    use std::sync::OnceLock;
    static RE: OnceLock<(Regex, Regex, Regex, Regex)> = OnceLock::new();
    let (tag, key, content, title) = RE.get_or_init(|| {
        let re = |p: &str| Regex::new(p).expect("valid meta pattern");
        (
            re(r"(?is)<meta\s[^>]*>"),
            re(r#"(?is)\b(?:name|property|itemprop)\s*=\s*["']([^"']*)["']"#),
            re(r#"(?is)\bcontent\s*=\s*["']([^"']*)["']"#),
            re(r"(?is)<title[^>]*>(.*?)</title>"),
        )
    });
    let mut end = text.len().min(64 * 1024);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    let decode = |s: &str| html_escape::decode_html_entities(s.trim()).into_owned();
    let mut out: Vec<(String, String)> = tag
        .find_iter(head)
        .filter_map(|m| {
            let t = m.as_str();
            let k = key.captures(t)?.get(1)?.as_str();
            let v = content.captures(t)?.get(1)?.as_str();
            Some((k.to_string(), decode(v)))
        })
        .filter(|(_, v)| !v.is_empty())
        .collect();
    if let Some(t) = title.captures(head).and_then(|c| c.get(1)) {
        let t = decode(t.as_str());
        if !t.is_empty() {
            out.push(("<title>".to_string(), t));
        }
    }
    out
}

fn starts_with_at(chars: &[MChar], i: usize, pat: &str) -> bool {
    let mut j = i;
    for p in pat.chars() {
        match chars.get(j) {
            Some(m) if m.c.eq_ignore_ascii_case(&p) => j += 1,
            _ => return false,
        }
    }
    true
}

fn find_from(chars: &[MChar], from: usize, pat: &str) -> Option<usize> {
    (from..chars.len()).find(|&i| starts_with_at(chars, i, pat))
}

/// True when the text looks like HTML (has a few common tags).
pub fn looks_like_html(text: &str) -> bool {
    const TAGS: [&[u8]; 9] = [
        b"p", b"div", b"br", b"span", b"html", b"body", b"table", b"font", b"a ",
    ];
    let b = text.as_bytes();
    let mut hits = 0;
    for i in memchr::memchr_iter(b'<', b) {
        let rest = &b[i + 1..];
        let is_tag = TAGS.iter().any(|t| {
            rest.len() >= t.len()
                && rest[..t.len()].eq_ignore_ascii_case(t)
                && (t.ends_with(b" ")
                    || rest.get(t.len()).is_none_or(|c| !c.is_ascii_alphanumeric()))
        });
        if is_tag {
            hits += 1;
            if hits >= 2 {
                return true;
            }
        }
    }
    false
}

/// Strip tags, comments, script/style content; decode entities; blocks → '\n'.
pub fn strip(input: &Mapped) -> Mapped {
    let chars = &input.to_vec();
    let mut out: Vec<MChar> = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let m = chars[i];
        if m.c == '<' {
            if starts_with_at(chars, i, "<!--") {
                i = find_from(chars, i + 4, "-->").map_or(chars.len(), |j| j + 3);
                continue;
            }
            let next = chars.get(i + 1).map(|n| n.c);
            if matches!(next, Some(c) if c.is_ascii_alphabetic() || c == '/' || c == '!' || c == '?')
            {
                let Some(close) = (i + 1..chars.len()).find(|&j| chars[j].c == '>') else {
                    out.push(m);
                    i += 1;
                    continue;
                };
                let inner: String = chars[i + 1..close].iter().map(|m| m.c).collect();
                let name: String = inner
                    .trim_start_matches('/')
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect::<String>()
                    .to_ascii_lowercase();
                let closing = inner.starts_with('/');
                let mut end = close + 1;
                if !closing && SKIP_CONTENT.contains(&name.as_str()) {
                    end = find_from(chars, end, &format!("</{name}"))
                        .and_then(|j| (j..chars.len()).find(|&k| chars[k].c == '>'))
                        .map_or(chars.len(), |k| k + 1);
                }
                if BLOCK.contains(&name.as_str()) {
                    out.push(MChar {
                        c: '\n',
                        start: m.start,
                        end: chars[end - 1].end,
                    });
                }
                i = end;
                continue;
            }
        }
        if m.c == '&' {
            let stop = (i + 1..chars.len().min(i + 12)).find(|&j| chars[j].c == ';');
            if let Some(j) = stop {
                let ent: String = chars[i..=j].iter().map(|m| m.c).collect();
                let dec = html_escape::decode_html_entities(&ent);
                if dec != ent {
                    for c in dec.chars() {
                        out.push(MChar {
                            c,
                            start: m.start,
                            end: chars[j].end,
                        });
                    }
                    i = j + 1;
                    continue;
                }
            }
        }
        out.push(m);
        i += 1;
    }
    out.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> String {
        strip(&Mapped::identity(s)).text()
    }

    #[test]
    fn tags_comments_scripts_entities() {
        assert_eq!(run("<p>数字&amp;经济</p>"), "\n数字&经济\n");
        assert_eq!(run("a<!-- x -->b<script>var a=1<2;</script>c"), "abc");
        assert_eq!(run("<style>.a&#123;&#125;</style>x"), "x");
        assert_eq!(run("<font class=\"b\">一是</font>推进"), "一是推进");
        assert_eq!(run("10 &lt; 20&nbsp;%"), "10 < 20\u{a0}%");
    }

    #[test]
    fn meta_fields_and_title() {
        let page = r#"<html><head><META NAME="PubDate" content="2022-01-12 10:30">
<meta property="og:title" content="关于&ldquo;数字经济&rdquo;的通知"><meta charset="utf-8">
<title> 通知_政策文件 </title></head><body>x</body></html>"#;
        let f = meta_fields(page);
        assert_eq!(
            f,
            vec![
                ("PubDate".to_string(), "2022-01-12 10:30".to_string()),
                ("og:title".to_string(), "关于“数字经济”的通知".to_string()),
                ("<title>".to_string(), "通知_政策文件".to_string()),
            ]
        );
    }

    #[test]
    fn offsets_cover_entities() {
        let m = strip(&Mapped::identity("x&amp;y")).to_vec();
        assert_eq!(m[1].c, '&');
        assert_eq!((m[1].start, m[1].end), (1, 6));
        assert_eq!(m[2].start, 6);
    }
}
