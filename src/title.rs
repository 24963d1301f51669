//! A document's title when its metadata has none: the first heading line of the normalized
//! text, or a line that is a 《》 title. Runs after extraction, over the first lines only.
//!
//! A heading line is short (6–100 characters, at least 6 of them Chinese), is not a
//! sentence (no 。, no closing ! ? ; or :), and is not a label line (`发布日期:…`, `来源:…`,
//! a date). Site names and account names (`浙江发布`) are too short to count. The search
//! stops at the first line that reads as body text (ends with 。, or is long).

/// How many leading lines are looked at.
const LINES: usize = 6;
/// Longer lines are body text, not headings.
const MAX_CHARS: usize = 100;
/// Fewer Chinese characters than this is a site or account name, not a title.
const MIN_CJK: usize = 6;

/// The title the first lines of `text` give, if any.
pub fn from_text(text: &str) -> Option<String> {
    for line in text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(LINES)
    {
        if is_heading(line) || is_book_title(line) {
            return Some(line.to_string());
        }
        if is_body(line) {
            return None;
        }
    }
    None
}

fn cjk_count(s: &str) -> usize {
    s.chars()
        .filter(|c| matches!(*c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF))
        .count()
}

fn is_body(line: &str) -> bool {
    line.chars().count() > MAX_CHARS || line.ends_with('。')
}

fn is_label(line: &str) -> bool {
    let head: String = line.chars().take(12).collect();
    head.contains(':') || head.starts_with(|c: char| c.is_ascii_digit())
}

fn is_heading(line: &str) -> bool {
    let n = line.chars().count();
    (MIN_CJK..=MAX_CHARS).contains(&n)
        && cjk_count(line) >= MIN_CJK
        && !line.contains('。')
        && !line.ends_with(['!', '?', ';', ':', ',', '、'])
        && !is_label(line)
}

/// A line that is a 《》 title, perhaps with a short tail (《…规划》解读, 《…方案》全文).
fn is_book_title(line: &str) -> bool {
    let Some(rest) = line.strip_prefix('《') else {
        return false;
    };
    match rest.find('》') {
        Some(end) => {
            let tail = &rest[end + '》'.len_utf8()..];
            cjk_count(&rest[..end]) >= 2 && tail.chars().count() <= 8 && !tail.contains('。')
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::from_text;

    #[test]
    fn first_heading_line() {
        assert_eq!(
            from_text("国务院关于印发“十四五”数字经济发展规划的通知\n国发〔2021〕29号").as_deref(),
            Some("国务院关于印发“十四五”数字经济发展规划的通知")
        );
        // an account name and a label line are skipped; a sentence ends the search
        assert_eq!(
            from_text("浙江发布\n发布日期:2021-01-01\n近日,省政府印发了方案。\n二、重点任务安排"),
            None
        );
        assert_eq!(
            from_text("发布日期:2021-01-01\n关于推进数字经济发展的实施意见\n正文。").as_deref(),
            Some("关于推进数字经济发展的实施意见")
        );
        assert_eq!(
            from_text("《重庆市数字经济发展规划》解读!\n正文。").as_deref(),
            Some("《重庆市数字经济发展规划》解读!")
        );
        assert_eq!(from_text("问:规划出台的背景是什么?\n答:……"), None);
        assert_eq!(from_text(""), None);
    }
}
