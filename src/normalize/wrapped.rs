//! Hard line breaks inside sentences, as PDF extracts have them: a line of text cut where
//! the page's column ended (`到2025年,全市新建城市绿道` / `600公里,…`).
//!
//! A document is taken to be wrapped when most of its long lines (at least [`LONG`]
//! characters, not headings) end without punctuation and run on into a next line; then
//! each such line is joined to the next. Headings, list items, table rows (cells apart by
//! spaces or pipes) and short lines (table cells laid out one per line, titles, signatures)
//! are never joined, and neither is a line
//! before a blank line or before a heading. A document whose long lines end in punctuation,
//! as typed text does, is left as it is.

use super::Mapped;
use crate::charset::{is_bullet_char, is_small_cn_numeral};

/// A line this long or longer may be a wrapped line of running text.
const LONG: usize = 12;

/// Punctuation that may end a line of typed text (a sentence, a clause or a label), and
/// closing brackets and quotes.
fn ends_line(c: char) -> bool {
    matches!(
        c,
        '。' | '！'
            | '？'
            | '；'
            | '：'
            | '!'
            | '?'
            | ';'
            | ':'
            | ')'
            | '）'
            | '」'
            | '』'
            | '”'
            | '’'
            | '》'
            | '】'
    )
}

/// A heading or list item opening a line: 一、 (一) 1. 1、 (1) ① 第一章 —— bullets 专栏.
fn opens_item(line: &str) -> bool {
    let s = line.trim_start();
    let mut cs = s.chars();
    let Some(first) = cs.next() else {
        return false;
    };
    if is_bullet_char(first) || matches!(first, '①'..='⑩' | '—') || s.starts_with("专栏") {
        return true;
    }
    let body = s.trim_start_matches(['(', '（']);
    let numeral: String = body
        .chars()
        .take_while(|&c| is_small_cn_numeral(c) || c.is_ascii_digit())
        .collect();
    let mut rest = body[numeral.len()..].chars();
    let after = rest.next();
    if !numeral.is_empty() && matches!(after, Some('、' | ')' | '）' | '.' | '﹒' | ' ')) {
        // a decimal at the start of a line of text (1.5万亩) is no marker
        let decimal = after == Some('.') && rest.next().is_some_and(|c| c.is_ascii_digit());
        return !decimal;
    }
    s.starts_with('第')
        && s.chars()
            .nth(2)
            .is_some_and(|c| matches!(c, '章' | '节' | '条' | '部'))
}

/// A row of a table: cells apart by spaces (tabs are spaces by now) or pipes.
fn table_row(line: &str) -> bool {
    memchr::memchr2(b' ', b'|', line.as_bytes()).is_some()
}

/// Whether `line` has at least [`LONG`] characters (counting no further than that).
fn long(line: &str) -> bool {
    line.len() >= LONG && line.chars().nth(LONG - 1).is_some()
}

/// Whether line `i` runs on into line `i + 1`.
fn runs_on(lines: &[&str], i: usize) -> bool {
    let (line, next) = (lines[i], lines.get(i + 1).copied().unwrap_or(""));
    // the cheap tests first: most lines of typed text end in punctuation
    long(line)
        && line.chars().next_back().is_some_and(|c| !ends_line(c))
        && !next.is_empty()
        && !opens_item(line)
        && !opens_item(next)
        && !table_row(line)
        && !table_row(next)
}

/// Join the wrapped lines of a wrapped document (see the module documentation); other
/// documents come back unchanged.
pub fn join_wrapped_lines(input: Mapped) -> Mapped {
    let lines: Vec<&str> = input.as_str().split('\n').collect();
    let joins: Vec<bool> = (0..lines.len()).map(|i| runs_on(&lines, i)).collect();
    let long = lines.iter().filter(|l| long(l) && !opens_item(l)).count();
    let running = joins.iter().filter(|&&j| j).count();
    if running < 3 || running * 2 < long {
        return input;
    }
    let mut out = Mapped::with_capacity(input.as_str().len());
    let mut line = 0;
    for m in input.iter() {
        if m.c == '\n' {
            line += 1;
            if joins[line - 1] {
                continue;
            }
        }
        out.push(m);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn join(text: &str) -> String {
        join_wrapped_lines(Mapped::identity(text)).text()
    }

    #[test]
    fn wrapped_lines_of_a_pdf_extract_are_joined() {
        let text = "一、工作目标\n到2025年,全市新建城市绿道\n600公里,建成区绿道服务半径覆盖\n率达到85%。\n二、主要任务\n经市政府同意,现将行动方案印发\n给你们,请认真贯彻落实,并结合\n实际抓好组织实施。";
        assert_eq!(
            join(text),
            "一、工作目标\n到2025年,全市新建城市绿道600公里,建成区绿道服务半径覆盖率达到85%。\n二、主要任务\n经市政府同意,现将行动方案印发给你们,请认真贯彻落实,并结合实际抓好组织实施。"
        );
    }

    #[test]
    fn typed_text_and_tables_stay_as_they_are() {
        // long lines end in punctuation: not a wrapped document
        let typed = "一、总体要求\n到2025年,全省数字经济增加值达到1万亿元。\n建成一批重点项目,形成示范带动效应。\n发布日期:2021-12-12 来源:省政府办公厅";
        assert_eq!(join(typed), typed);
        // short cells, one per line
        let cells = "指标\n单位\n2025年\n研发投入强度\n%\n3";
        assert_eq!(join(cells), cells);
        // rows of a table laid out with spaces
        let rows = "指标名称 单位 2020年 2025年\n研究与试验发展经费投入强度 % 2.1 2.5\n每万人口高价值发明专利拥有量 件 6.3 12\n数字经济核心产业增加值占比 % 7.8 10";
        assert_eq!(join(rows), rows);
    }

    #[test]
    fn headings_and_blank_lines_end_a_run() {
        let text = "这是一行被截断的很长的正文文字内容\n继续写下去的正文内容还没有结束\n仍然没有结束的一行正文文字\n到这里也还是同一段的正文文字\n\n(一)完善绿道网络建设以及相关设施\n到2025年新建城市绿道六百公里以上";
        assert_eq!(
            join(text),
            "这是一行被截断的很长的正文文字内容继续写下去的正文内容还没有结束仍然没有结束的一行正文文字到这里也还是同一段的正文文字\n\n(一)完善绿道网络建设以及相关设施\n到2025年新建城市绿道六百公里以上"
        );
    }
}
