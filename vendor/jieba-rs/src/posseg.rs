use std::cell::RefCell;
use std::sync::OnceLock;

use crate::posseg_model::{MIN_FLOAT, NUM_STATES, PREV_POS, PossegData, pos_bounds, state_pos, state_tag};

#[cfg(feature = "default-dict")]
static POSSEG: OnceLock<PossegData> = OnceLock::new();

/// The model as `build.rs` parsed it (see [`crate::posseg_model`]).
#[cfg(feature = "default-dict")]
pub(crate) static POSSEG_MODEL: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/posseg.bin"));

#[cfg(feature = "default-dict")]
pub(crate) fn posseg_data() -> &'static PossegData {
    POSSEG.get_or_init(|| PossegData::from_bytes(POSSEG_MODEL).expect("build.rs wrote a well-formed posseg.bin"))
}

/// Reusable Viterbi buffers, so tagging a short OOV word allocates nothing.
#[derive(Default)]
struct Scratch {
    chars: Vec<(usize, char)>,
    /// Backpointers, `c_len × NUM_STATES`.
    prev: Vec<u16>,
    path: Vec<u16>,
    /// States reachable at the previous step, with their scores.
    live: Vec<(u16, f64)>,
    next_live: Vec<(u16, f64)>,
}

impl Scratch {
    fn release_if_huge(&mut self) {
        crate::release_if_huge(&mut self.chars, crate::SCRATCH_BUDGET);
        crate::release_if_huge(&mut self.prev, crate::SCRATCH_BUDGET);
        crate::release_if_huge(&mut self.path, crate::SCRATCH_BUDGET);
        crate::release_if_huge(&mut self.live, crate::SCRATCH_BUDGET);
        crate::release_if_huge(&mut self.next_live, crate::SCRATCH_BUDGET);
    }
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// A word span decoded from the best state path: byte range and tag.
type Span<'a> = (usize, usize, &'a str);

/// Runs Viterbi over `chars` and feeds each decoded span to `emit`, in order.
fn viterbi_posseg<'a>(data: &'a PossegData, scratch: &mut Scratch, mut emit: impl FnMut(Span<'a>)) {
    let chars = &scratch.chars;
    let c_len = chars.len();
    if c_len == 0 {
        return;
    }

    let str_end = chars[c_len - 1].0 + chars[c_len - 1].1.len_utf8();

    // Single character: just pick the best S state
    if c_len == 1 {
        let ch = chars[0].1;
        let mut best: Option<(f64, u16)> = None;
        for (s, em) in data.with_pos(data.char_states(ch), 3) {
            let prob = data.start_prob[s as usize] + em;
            if prob > MIN_FLOAT && best.is_none_or(|(bp, _)| prob >= bp) {
                best = Some((prob, s));
            }
        }
        let tag = match best {
            Some((_, s)) => data.tag_str(state_tag(s as usize)),
            None => "x",
        };
        emit((chars[0].0, str_end, tag));
        return;
    }

    // Only reachable states are carried from one step to the next, ascending
    // by state so that `bounds` delimits their position groups. A state that
    // scores `MIN_FLOAT` can never be chosen later, so dropping it is exact.
    let live = &mut scratch.live;
    let next_live = &mut scratch.next_live;
    live.clear();

    // Initialize t=0
    let first_ch = chars[0].1;
    for (s, em) in data.all(data.char_states(first_ch)) {
        let prob = data.start_prob[s as usize] + em;
        if prob > MIN_FLOAT {
            live.push((s, prob));
        }
    }
    // Once no state is reachable none can become so, and the search below
    // would end with nothing to trace back; give the whole span the
    // fallback tag now, before sizing the backpointer table for it.
    if live.is_empty() {
        emit((chars[0].0, str_end, "x"));
        return;
    }
    let mut bounds = pos_bounds(live);

    // Backpointer table, `c_len × NUM_STATES`. The traceback only reads the
    // entries of live states, which this call writes first, so stale
    // contents from a previous word are never observed.
    let prev = &mut scratch.prev;
    if prev.len() < c_len * NUM_STATES {
        prev.resize(c_len * NUM_STATES, u16::MAX);
    }

    // Recurse
    for t in 1..c_len {
        let ch = chars[t].1;
        let cur_states = data.char_states(ch);
        next_live.clear();

        for (s, em) in data.all(cur_states) {
            let si = s as usize;
            let trans_from = &data.trans_prob[si];
            let mut best_prob = MIN_FLOAT;
            let mut best_prev = u16::MAX;

            for &pp in &PREV_POS[state_pos(si)] {
                for &(ps, pv) in &live[bounds[pp] as usize..bounds[pp + 1] as usize] {
                    let tp = trans_from[ps as usize];
                    if tp <= MIN_FLOAT {
                        continue;
                    }
                    let prob = pv + tp + em;
                    if prob > best_prob {
                        best_prob = prob;
                        best_prev = ps;
                    }
                }
            }

            prev[t * NUM_STATES + si] = best_prev;
            if best_prob > MIN_FLOAT {
                next_live.push((s, best_prob));
            }
        }

        std::mem::swap(live, next_live);
        if live.is_empty() {
            emit((chars[0].0, str_end, "x"));
            return;
        }
        bounds = pos_bounds(live);
    }

    // Terminate: find best E or S state at the last timestep
    let last_t = c_len - 1;
    let mut best_prob = MIN_FLOAT;
    let mut best_state = u16::MAX;
    for pos in [2, 3] {
        for &(s, score) in &live[bounds[pos] as usize..bounds[pos + 1] as usize] {
            if score > best_prob {
                best_prob = score;
                best_state = s;
            }
        }
    }

    // Fallback if no valid E/S state was reachable
    if best_state == u16::MAX || best_prob <= MIN_FLOAT {
        emit((chars[0].0, str_end, "x"));
        return;
    }

    // Traceback
    let path = &mut scratch.path;
    path.clear();
    path.resize(c_len, 0);
    path[last_t] = best_state;
    for t in (1..c_len).rev() {
        let backptr = prev[t * NUM_STATES + path[t] as usize];
        // A live state was reached from a live state.
        debug_assert_ne!(backptr, u16::MAX);
        path[t - 1] = backptr;
    }

    // Decode word boundaries
    let mut word_start = chars[0].0;
    let mut last_end = None;

    for t in 0..c_len {
        let s = path[t] as usize;
        let pos = state_pos(s);
        match pos {
            0 => {
                // B: start of a new word
                word_start = chars[t].0;
            }
            1 => {
                // M: middle, do nothing
            }
            2 => {
                // E: end of word
                let byte_end = if t + 1 < c_len { chars[t + 1].0 } else { str_end };
                let tag = data.tag_str(state_tag(s));
                emit((word_start, byte_end, tag));
                last_end = Some(byte_end);
            }
            3 => {
                // S: single char word
                let byte_end = if t + 1 < c_len { chars[t + 1].0 } else { str_end };
                let tag = data.tag_str(state_tag(s));
                emit((chars[t].0, byte_end, tag));
                last_end = Some(byte_end);
            }
            _ => unreachable!(),
        }
    }

    match last_end {
        // Fallback if decoding produced no words (e.g. all B/M with no E)
        None => emit((chars[0].0, str_end, "x")),
        // Handle incomplete B..M sequence at end
        Some(byte_end) if byte_end < str_end => emit((byte_end, str_end, "x")),
        Some(_) => {}
    }
}

/// Segment and POS-tag a Chinese character string using the compound HMM.
///
/// Returns `(word_slice, pos_tag_str)` pairs where `pos_tag_str` has `'static`
/// lifetime because it references the lazily-initialized static data.
#[cfg(all(test, feature = "default-dict"))]
fn cut_with_pos(sentence: &str) -> Vec<(&str, &'static str)> {
    let mut spans = Vec::new();
    for_each_span(sentence, |(start, end, tag)| spans.push((&sentence[start..end], tag)));
    spans
}

/// Runs the compound HMM over `text` on this thread's scratch and feeds
/// each decoded span to `emit`, in order.
#[cfg(feature = "default-dict")]
fn for_each_span(text: &str, emit: impl FnMut(Span<'static>)) {
    let data = posseg_data();
    SCRATCH.with(|scratch| {
        let mut scratch = scratch.borrow_mut();
        scratch.chars.clear();
        scratch.chars.extend(text.char_indices());
        viterbi_posseg(data, &mut scratch, emit);
        scratch.release_if_huge();
    });
}

/// The tag for an OOV word: the tag of the longest span the compound HMM
/// finds in it (the last such span on ties), or `"x"` for an empty word.
#[cfg(feature = "default-dict")]
pub(crate) fn guess_tag(word: &str) -> &'static str {
    let mut best: Option<(usize, &'static str)> = None;
    for_each_span(word, |(start, end, tag)| {
        let len = end - start;
        if best.is_none_or(|(best_len, _)| len >= best_len) {
            best = Some((len, tag));
        }
    });
    best.map_or("x", |(_, tag)| tag)
}

#[cfg(all(test, feature = "default-dict"))]
mod tests {
    use super::*;
    use expect_test::expect;

    #[test]
    fn test_posseg_basic() {
        let results = cut_with_pos("我来到北京清华大学");
        let formatted: Vec<String> = results.iter().map(|(w, t)| format!("{}/{}", w, t)).collect();
        expect![[r#"["我/r", "来/v", "到/v", "北京/ns", "清华大学/nt"]"#]].assert_eq(&format!("{:?}", formatted));
    }

    #[test]
    fn test_posseg_person_name() {
        let results = cut_with_pos("小明硕士毕业于中国科学院计算所");
        let formatted: Vec<String> = results.iter().map(|(w, t)| format!("{}/{}", w, t)).collect();
        expect![[r#"["小明/nr", "硕士/n", "毕业/n", "于/p", "中国科学院/nt", "计算/v", "所/u"]"#]]
            .assert_eq(&format!("{:?}", formatted));
    }

    #[test]
    fn test_posseg_single_char() {
        let results = cut_with_pos("我");
        assert_eq!(results.len(), 1);
        assert_eq!(results[0].0, "我");
        assert_eq!(results[0].1, "r"); // pronoun
    }

    #[test]
    fn test_posseg_oov_name() {
        let results = cut_with_pos("张尧");
        let formatted: Vec<String> = results.iter().map(|(w, t)| format!("{}/{}", w, t)).collect();
        assert!(
            results.iter().any(|(_, t)| *t == "nr"),
            "Expected person name tag for 张尧, got: {:?}",
            formatted
        );
    }

    #[test]
    fn test_posseg_empty() {
        let results = cut_with_pos("");
        assert!(results.is_empty());
    }

    #[test]
    fn test_guess_tag_matches_longest_span() {
        for word in [
            "张尧",
            "小明硕士毕业于中国科学院计算所",
            "云计算",
            "我",
            "创新办",
            "龘齉",
        ] {
            let spans = cut_with_pos(word);
            let expected = spans.iter().max_by_key(|(w, _)| w.len()).map_or("x", |(_, t)| t);
            assert_eq!(guess_tag(word), expected, "{word}");
        }
    }
}
