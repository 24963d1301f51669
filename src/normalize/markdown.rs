//! Markdown input: YAML front matter becomes metadata; heading marks, emphasis and link
//! syntax are dropped from the body (the link text stays).

use super::mapped::{MChar, Mapped};

/// Front matter fields and where the body starts (a char index into the original).
#[derive(Debug, Clone, Default)]
pub struct FrontMatter {
    /// Top-level scalar fields in order, quotes removed (`title`, `date`, …).
    pub fields: Vec<(String, String)>,
    pub body_start: usize,
}

impl FrontMatter {
    /// The value of a field, if present and not empty.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, v)| k.eq_ignore_ascii_case(key) && !v.is_empty())
            .map(|(_, v)| v.as_str())
    }
}

fn unquote(v: &str) -> String {
    let v = v.trim();
    for q in ['\'', '"'] {
        if v.len() >= 2 && v.starts_with(q) && v.ends_with(q) {
            return v[1..v.len() - 1].to_string();
        }
    }
    v.to_string()
}

/// Split YAML front matter (`---` … `---` at the top, blank lines allowed before it).
pub fn front_matter(text: &str) -> Option<FrontMatter> {
    let mut lines = text.split_inclusive('\n');
    let mut offset = 0usize; // chars consumed
    let mut opened = false;
    let mut fields = Vec::new();
    for line in lines.by_ref() {
        let n = line.chars().count();
        let t = line.trim();
        offset += n;
        if !opened {
            if t.is_empty() {
                continue;
            }
            if t == "---" {
                opened = true;
                continue;
            }
            return None;
        }
        if t == "---" || t == "..." {
            return Some(FrontMatter {
                fields,
                body_start: offset,
            });
        }
        if line.starts_with([' ', '\t', '-']) || t.starts_with('#') {
            continue; // list items, nested maps, comments
        }
        if let Some((k, v)) = t.split_once(':') {
            fields.push((k.trim().to_string(), unquote(v)));
        }
    }
    None
}

/// Drop markdown syntax: `#` heading marks and `>` at line starts, `**`/`__`, images,
/// link targets (`[text](url)` → `text`).
pub fn strip_syntax(input: &Mapped) -> Mapped {
    let c = &input.to_vec();
    let mut out: Vec<MChar> = Vec::with_capacity(c.len());
    let mut i = 0;
    let mut line_start = true;
    while i < c.len() {
        let ch = c[i].c;
        if line_start && (ch == '#' || ch == '>') {
            let mut j = i;
            while j < c.len() && (c[j].c == ch) {
                j += 1;
            }
            if j < c.len() && c[j].c == ' ' {
                i = j + 1;
                line_start = false;
                continue;
            }
        }
        if (ch == '*' || ch == '_') && c.get(i + 1).is_some_and(|n| n.c == ch) {
            i += 2;
            line_start = false;
            continue;
        }
        if ch == '!' && c.get(i + 1).is_some_and(|n| n.c == '[') {
            if let Some(end) = link_end(c, i + 1) {
                i = end;
                continue;
            }
        }
        if ch == '[' {
            if let Some(end) = link_end(c, i) {
                // keep the text between [ and ]
                let close = (i + 1..end).find(|&k| c[k].c == ']').unwrap_or(i);
                out.extend_from_slice(&c[i + 1..close]);
                i = end;
                line_start = false;
                continue;
            }
        }
        line_start = ch == '\n';
        out.push(c[i]);
        i += 1;
    }
    out.into_iter().collect()
}

/// If `[text](url)` starts at `i`, the index after its `)`.
fn link_end(c: &[MChar], i: usize) -> Option<usize> {
    let close = (i + 1..c.len().min(i + 400)).find(|&k| c[k].c == ']' || c[k].c == '\n')?;
    if c[close].c != ']' || c.get(close + 1)?.c != '(' {
        return None;
    }
    let paren = (close + 2..c.len().min(close + 600)).find(|&k| c[k].c == ')' || c[k].c == '\n')?;
    (c[paren].c == ')').then_some(paren + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_fields_and_body() {
        let t = "\n---\ntitle: '规划答记者问'\ncategories:\n - 金融\ndate: Wed, 12 Jan 2022 11:00:52 GMT\n---\n正文";
        let fm = front_matter(t).unwrap();
        assert_eq!(fm.get("title"), Some("规划答记者问"));
        assert_eq!(fm.get("date"), Some("Wed, 12 Jan 2022 11:00:52 GMT"));
        assert_eq!(t.chars().skip(fm.body_start).collect::<String>(), "正文");
        assert!(front_matter("正文\n---\n").is_none());
    }

    #[test]
    fn syntax_is_dropped() {
        let m = strip_syntax(&Mapped::identity(
            "## 一、总体要求\n**加快**推进[数字经济](http://x)![图](a.png)",
        ));
        assert_eq!(m.text(), "一、总体要求\n加快推进数字经济");
    }
}
