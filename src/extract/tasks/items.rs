//! Items of a list: trimmed of markers and punctuation, and inline lists split into items
//! with shared verbs and heads repaired (推广A、B → 推广A, 推广B; 推进企业、园区数字化转型 →
//! 推进企业数字化转型, 推进园区数字化转型).

use crate::dicts::TaskWords;
use crate::segment::Segmenter;
use foldhash::HashMap;
use std::cell::RefCell;
use std::rc::Rc;

/// What item splitting needs: the segmenter for the pieces' words, the task vocabulary and
/// the pieces tagged so far.
#[derive(Clone, Copy)]
pub struct Ix<'a> {
    pub seg: &'a Segmenter,
    pub v: &'a TaskWords,
    pub memo: &'a TagMemo,
}

/// A piece's words and tags.
type Words = Vec<(String, String)>;

/// The words of the pieces tagged so far in one document, by piece: the list rules look at
/// the same piece more than once (for the verbs and heads pieces share), and jieba tags it
/// once.
#[derive(Default)]
pub struct TagMemo(RefCell<HashMap<String, Rc<Words>>>);

impl Ix<'_> {
    fn words(&self, s: &str) -> Rc<Words> {
        if let Some(w) = self.memo.0.borrow().get(s) {
            return w.clone();
        }
        let w: Rc<Words> = Rc::new(
            self.seg
                .tag(s, 0)
                .into_iter()
                .map(|t| (t.word.to_string(), t.tag.to_string()))
                .collect(),
        );
        self.memo.0.borrow_mut().insert(s.to_string(), w.clone());
        w
    }

    /// The verb a piece opens with, if any (a listed verb, a verb token, or a listed verb
    /// opening an idiom token: 发展壮大 → 发展).
    pub fn starts_with_verb(&self, s: &str) -> Option<String> {
        verb_of(&self.words(s), self.v)
    }

    /// A piece split after its last verb (南昌加快布局VR → 南昌加快布局, VR): the lead of the
    /// sentence and the first item. Without a verb, the whole piece is the item.
    pub fn split_lead(&self, s: &str) -> (String, String) {
        let words = self.words(s);
        let is_verb =
            |(w, t): &(String, String)| self.v.verbs.contains(w) || t.starts_with('v') && t != "vn";
        match words.iter().rposition(is_verb) {
            Some(k) if k + 1 < words.len() => {
                let join = |ws: &[(String, String)]| ws.iter().map(|(w, _)| w.as_str()).collect();
                (join(&words[..=k]), join(&words[k + 1..]))
            }
            _ => (String::new(), s.to_string()),
        }
    }
}

/// An item without markers, dashes and trailing punctuation.
pub fn trim_item(s: &str) -> String {
    s.trim()
        .trim_start_matches(['—', '-', ' ', '、', ':', '：'])
        .trim_end_matches(|c: char| {
            matches!(
                c,
                '。' | ','
                    | '，'
                    | ';'
                    | '；'
                    | ':'
                    | '：'
                    | '、'
                    | '.'
                    | '!'
                    | '！'
                    | '?'
                    | '？'
                    | ' '
            )
        })
        .trim()
        .to_string()
}

fn verb_of(words: &[(String, String)], v: &TaskWords) -> Option<String> {
    let (w, t) = words.first()?;
    if v.verbs.contains(w) || t.starts_with('v') && t != "vn" {
        return Some(w.clone());
    }
    let two: String = w.chars().take(2).collect();
    (w.chars().count() > 2 && v.verbs.contains(&two)).then_some(two)
}

fn has_verb(words: &[(String, String)], v: &TaskWords) -> bool {
    words
        .iter()
        .any(|(w, t)| v.verbs.contains(w) || t == "v" || t == "vn")
}

/// Split an inline list into items, repairing shared verbs and heads, aiming at `declared`.
pub fn split_items(list: &str, declared: Option<u32>, ix: Ix) -> Vec<String> {
    // Shared head after 等领域/等方面: A、B等领域数字化应用 → A数字化应用, B数字化应用.
    let (body, head) = match list.find("等领域").or_else(|| list.find("等方面")) {
        Some(i) => (&list[..i], list[i + "等领域".len()..].to_string()),
        None => (list, String::new()),
    };
    let mut pieces = split_before_verbs(body, ix);
    share_heads(&mut pieces, ix);
    let n_pieces = pieces.len();
    let mut items = share_verbs(&pieces, &head, ix);
    if let Some(d) = declared {
        if (items.len() as u32) < d && n_pieces >= 2 {
            split_remaining_and(&mut items, d as usize, ix);
        }
    }
    items.retain(|i| i.chars().count() >= 2);
    items
}

/// The pieces of a list body: split at 、，; and 以及, and on 和/及 where the right side starts
/// with a verb (推进A和强化B).
fn split_before_verbs(body: &str, ix: Ix) -> Vec<String> {
    let pieces = body
        .split(['、', '，', ',', ';', '；'])
        .flat_map(|p| p.split("以及"))
        .map(trim_item)
        .filter(|p| !p.is_empty());
    let mut out: Vec<String> = Vec::new();
    for p in pieces {
        let cut = ["和", "及"].iter().find_map(|conj| {
            let i = p.rfind(conj)?;
            let (l, r) = (&p[..i], &p[i + conj.len()..]);
            (l.chars().count() >= 4 && r.chars().count() >= 4 && ix.starts_with_verb(r).is_some())
                .then(|| (l.to_string(), r.to_string()))
        });
        match cut {
            Some((l, r)) => out.extend([l, r]),
            None => out.push(p),
        }
    }
    out
}

/// A piece that names no work takes the verb of the piece before it; a head shared after
/// 等领域 goes on every piece.
fn share_verbs(pieces: &[String], head: &str, ix: Ix) -> Vec<String> {
    let mut prev_verb: Option<String> = None;
    let mut items = Vec::with_capacity(pieces.len());
    for (k, p) in pieces.iter().enumerate() {
        let w = ix.words(p);
        let verb = verb_of(&w, ix.v);
        let mut item = p.clone();
        if verb.is_none() && (!head.is_empty() || !has_verb(&w, ix.v)) && k > 0 {
            if let Some(pv) = &prev_verb {
                item = format!("{pv}{p}");
            }
        }
        if verb.is_some() {
            prev_verb = verb;
        }
        item.push_str(head);
        items.push(item);
    }
    items
}

/// While items are fewer than declared, split a piece on its last 和 (推进未来社区和数字乡村
/// 建设 → 推进未来社区建设, 推进数字乡村建设).
fn split_remaining_and(items: &mut Vec<String>, declared: usize, ix: Ix) {
    let mut more = Vec::new();
    for it in items.iter() {
        let Some(i) = it.rfind('和') else { continue };
        let (l, r) = (&it[..i], &it[i + '和'.len_utf8()..]);
        if more.len() + items.len() >= declared || l.chars().count() < 4 || r.chars().count() < 2 {
            continue;
        }
        let verb = ix.starts_with_verb(l).unwrap_or_default();
        let rw = ix.words(r);
        let tail = rw
            .last()
            .map(|x| x.0.clone())
            .filter(|t| ix.v.verbs.contains(t) || t == "建设")
            .unwrap_or_default();
        let left = if !tail.is_empty() && !l.ends_with(&tail) {
            format!("{l}{tail}")
        } else {
            l.to_string()
        };
        let right = if verb_of(&rw, ix.v).is_none() && !verb.is_empty() {
            format!("{verb}{r}")
        } else {
            r.to_string()
        };
        more.push((it.clone(), left, right));
    }
    for (orig, l, r) in more {
        if let Some(pos) = items.iter().position(|x| *x == orig) {
            items.splice(pos..=pos, [l, r]);
        }
    }
}

/// 推进企业、园区数字化转型: a piece that is only a verb and a noun takes the head of the
/// next piece, which is a noun and that head; the next piece takes the verb.
fn share_heads(items: &mut [String], ix: Ix) {
    for k in 0..items.len().saturating_sub(1) {
        let a = ix.words(&items[k]);
        let b = ix.words(&items[k + 1]);
        let noun = |t: &str| t.starts_with('n') || t == "j";
        let (Some(verb), [_, (_, at)]) = (verb_of(&a, ix.v), a.as_slice()) else {
            continue;
        };
        if !noun(at) || b.len() < 2 || !noun(&b[0].1) || verb_of(&b, ix.v).is_some() {
            continue;
        }
        let head: String = b[1..].iter().map(|(w, _)| w.as_str()).collect();
        items[k] = format!("{}{head}", items[k]);
        items[k + 1] = format!("{verb}{}", items[k + 1]);
    }
}
