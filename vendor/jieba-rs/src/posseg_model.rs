//! The compound part-of-speech HMM of `data/posseg.txt` as lookup tables, and their byte
//! form.
//!
//! Parsing the text model takes longer than everything else a tagger does on a short
//! document, so `build.rs` parses it once at compile time (this file is compiled into the
//! build script too, which is why it names nothing outside itself but `super::FxHashMap`
//! and `super::codec`) and the library decodes the bytes it wrote.

use super::FxHashMap;
use super::codec::{Reader, Writer};

pub(crate) const MIN_FLOAT: f64 = -3.14e100;
pub(crate) const NUM_POS: usize = 4; // B=0, M=1, E=2, S=3
pub(crate) const NUM_TAGS: usize = 64;
pub(crate) const NUM_STATES: usize = NUM_POS * NUM_TAGS;

/// Positions that may precede each position: B after {E, S}, M and E after
/// {B, M}, S after {E, S}. The transition table only ever contains these pairs,
/// so restricting the search to them is exact and halves the inner loop.
pub(crate) const PREV_POS: [[usize; 2]; NUM_POS] = [[2, 3], [0, 1], [0, 1], [2, 3]];

#[inline]
pub(crate) fn state_idx(pos: usize, tag: usize) -> usize {
    pos * NUM_TAGS + tag
}

#[inline]
pub(crate) fn state_pos(idx: usize) -> usize {
    idx / NUM_TAGS
}

#[inline]
pub(crate) fn state_tag(idx: usize) -> usize {
    idx % NUM_TAGS
}

/// Candidate states of one character, with the emission log-prob of each,
/// as a range of `PossegData::states`.
///
/// States are sorted ascending, so they are grouped by position;
/// `start + bounds[p]..start + bounds[p + 1]` is the range of states with
/// position `p`.
#[derive(Clone, Copy, PartialEq, Debug)]
pub(crate) struct CharStates {
    pub(crate) start: u32,
    pub(crate) bounds: [u16; NUM_POS + 1],
}

/// Characters with a direct row index.
pub(crate) const CHAR_INDEX_LEN: usize = 0x1_0000;

#[derive(PartialEq, Debug)]
pub(crate) struct PossegData {
    pub(crate) tags: Vec<Box<str>>,
    pub(crate) start_prob: [f64; NUM_STATES],
    /// Dense 256×256 transition matrix, transposed: `trans_prob[to][from]`
    /// is the log-prob, so the Viterbi step, which scans predecessors of one
    /// state, walks a single row.
    pub(crate) trans_prob: Box<[[f64; NUM_STATES]; NUM_STATES]>,
    /// Per character: the states it can take, each paired with its emission
    /// log-prob, so the Viterbi pass does a single lookup per character.
    /// The rows of all characters sit back to back in `states`, with the
    /// emission of each in `emits` at the same index.
    ///
    /// A character with an explicit state list keeps exactly that list (an
    /// emission missing for one of its states is `MIN_FLOAT`). A character
    /// with emissions but no state list may take any state in the original
    /// model; a state without an emission scores `MIN_FLOAT` and so can never
    /// be chosen, so listing only the states that have an emission is exact.
    pub(crate) states: Vec<u16>,
    pub(crate) emits: Vec<f64>,
    /// Row of each BMP character, an index into `rows`; 0 is the empty row,
    /// for characters the model has never seen.
    pub(crate) char_index: Vec<u16>,
    /// Rows of characters outside the BMP.
    pub(crate) extra_index: FxHashMap<char, u16>,
    pub(crate) rows: Vec<CharStates>,
}

impl PossegData {
    /// Append a character's row, given its states in any order.
    fn add_row(&mut self, ch: char, mut states: Vec<(u16, f64)>) {
        states.sort_unstable_by_key(|&(s, _)| s);
        let row = self.rows.len() as u16;
        self.rows.push(CharStates {
            start: self.states.len() as u32,
            bounds: pos_bounds(&states),
        });
        self.states.extend(states.iter().map(|&(s, _)| s));
        self.emits.extend(states.iter().map(|&(_, em)| em));
        if (ch as usize) < CHAR_INDEX_LEN {
            self.char_index[ch as usize] = row;
        } else {
            self.extra_index.insert(ch, row);
        }
    }
}

#[cfg_attr(not(test), allow(dead_code))] // used by build.rs and the tests
pub(crate) fn parse_posseg_data(data: &str) -> PossegData {
    let mut tags: Vec<Box<str>> = Vec::new();
    let mut start_prob = [MIN_FLOAT; NUM_STATES];
    let mut trans_prob: Box<[[f64; NUM_STATES]; NUM_STATES]> = vec![[MIN_FLOAT; NUM_STATES]; NUM_STATES]
        .into_boxed_slice()
        .try_into()
        .unwrap();
    let mut emit_prob: FxHashMap<char, Vec<(u16, f64)>> = FxHashMap::default();
    let mut char_state_tab: FxHashMap<char, Vec<u16>> = FxHashMap::default();

    let mut section = "";

    for line in data.lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if line.starts_with('@') {
            section = match line {
                "@TAGS" => "tags",
                "@START" => "start",
                "@TRANS" => "trans",
                "@EMIT" => "emit",
                "@CHAR_STATE" => "char_state",
                _ => "",
            };
            continue;
        }

        match section {
            "tags" => {
                tags = line.split(',').map(|s| s.trim().into()).collect();
                assert_eq!(tags.len(), NUM_TAGS, "expected {NUM_TAGS} POS tags, got {}", tags.len());
            }
            "start" => {
                let mut parts = line.splitn(3, ',');
                let pos: usize = parts.next().unwrap().parse().unwrap();
                let tag: usize = parts.next().unwrap().parse().unwrap();
                let prob: f64 = parts.next().unwrap().parse().unwrap();
                start_prob[state_idx(pos, tag)] = prob;
            }
            "trans" => {
                let mut segments = line.split('|');
                let from_part = segments.next().unwrap();
                let mut from_iter = from_part.splitn(2, ',');
                let from_pos: usize = from_iter.next().unwrap().parse().unwrap();
                let from_tag: usize = from_iter.next().unwrap().parse().unwrap();
                let from = state_idx(from_pos, from_tag);

                for seg in segments {
                    let seg = seg.trim();
                    if seg.is_empty() {
                        continue;
                    }
                    let mut parts = seg.splitn(3, ',');
                    let to_pos: usize = parts.next().unwrap().parse().unwrap();
                    let to_tag: usize = parts.next().unwrap().parse().unwrap();
                    let prob: f64 = parts.next().unwrap().parse().unwrap();
                    trans_prob[state_idx(to_pos, to_tag)][from] = prob;
                }
            }
            "emit" => {
                let mut segments = line.split('|');
                let state_part = segments.next().unwrap();
                let mut state_iter = state_part.splitn(2, ',');
                let pos: usize = state_iter.next().unwrap().parse().unwrap();
                let tag: usize = state_iter.next().unwrap().parse().unwrap();
                let si = state_idx(pos, tag) as u16;

                for seg in segments {
                    let seg = seg.trim();
                    if seg.is_empty() {
                        continue;
                    }
                    let mut parts = seg.rsplitn(2, ',');
                    let prob: f64 = parts.next().unwrap().parse().unwrap();
                    let ch_str = parts.next().unwrap();
                    let ch = ch_str.chars().next().unwrap();
                    let entries = emit_prob.entry(ch).or_default();
                    match entries.iter_mut().find(|(s, _)| *s == si) {
                        Some(entry) => entry.1 = prob,
                        None => entries.push((si, prob)),
                    }
                }
            }
            "char_state" => {
                let mut segments = line.split('|');
                let ch_str = segments.next().unwrap();
                let ch = ch_str.chars().next().unwrap();
                let mut states = Vec::new();
                for seg in segments {
                    let seg = seg.trim();
                    if seg.is_empty() {
                        continue;
                    }
                    let mut parts = seg.splitn(2, ',');
                    let pos: usize = parts.next().unwrap().parse().unwrap();
                    let tag: usize = parts.next().unwrap().parse().unwrap();
                    states.push(state_idx(pos, tag) as u16);
                }
                // An empty list means "no restriction", the same as no list at all.
                if states.is_empty() {
                    char_state_tab.remove(&ch);
                } else {
                    char_state_tab.insert(ch, states);
                }
            }
            _ => {}
        }
    }

    let mut data = PossegData {
        tags,
        start_prob,
        trans_prob,
        states: Vec::new(),
        emits: Vec::new(),
        char_index: vec![0; CHAR_INDEX_LEN],
        extra_index: FxHashMap::default(),
        rows: vec![CharStates {
            start: 0,
            bounds: [0; NUM_POS + 1],
        }],
    };
    for (ch, states) in char_state_tab {
        let emits = emit_prob.remove(&ch).unwrap_or_default();
        let states = states
            .into_iter()
            .map(|s| {
                let prob = emits.iter().find(|(es, _)| *es == s).map_or(MIN_FLOAT, |&(_, p)| p);
                (s, prob)
            })
            .collect();
        data.add_row(ch, states);
    }
    for (ch, emits) in emit_prob {
        data.add_row(ch, emits);
    }
    data
}

impl PossegData {
    /// The candidate states of `ch`, with their emission log-probs.
    #[inline]
    pub(crate) fn char_states(&self, ch: char) -> CharStates {
        let row = if (ch as usize) < CHAR_INDEX_LEN {
            self.char_index[ch as usize]
        } else {
            self.extra_index.get(&ch).copied().unwrap_or(0)
        };
        self.rows[row as usize]
    }

    /// All states of a row, each with its emission log-prob.
    #[inline]
    pub(crate) fn all(&self, row: CharStates) -> impl Iterator<Item = (u16, f64)> + '_ {
        let start = row.start as usize;
        let end = start + row.bounds[NUM_POS] as usize;
        self.states[start..end]
            .iter()
            .copied()
            .zip(self.emits[start..end].iter().copied())
    }

    /// The states of a row with position `pos`, each with its emission log-prob.
    #[inline]
    pub(crate) fn with_pos(&self, row: CharStates, pos: usize) -> impl Iterator<Item = (u16, f64)> + '_ {
        let start = row.start as usize + row.bounds[pos] as usize;
        let end = row.start as usize + row.bounds[pos + 1] as usize;
        self.states[start..end]
            .iter()
            .copied()
            .zip(self.emits[start..end].iter().copied())
    }

    pub(crate) fn tag_str(&self, tag_idx: usize) -> &str {
        &self.tags[tag_idx]
    }
}

/// Position-group boundaries of a state list sorted ascending by state.
pub(crate) fn pos_bounds(states: &[(u16, f64)]) -> [u16; NUM_POS + 1] {
    let mut bounds = [0u16; NUM_POS + 1];
    for pos in 0..NUM_POS {
        bounds[pos + 1] = states.partition_point(|&(s, _)| state_pos(s as usize) <= pos) as u16;
    }
    bounds
}

/// Byte form version; bump it when the layout changes.
const MAGIC: &[u8; 8] = b"JBPOS001";

impl PossegData {
    /// The byte form.
    #[cfg_attr(not(test), allow(dead_code))] // used by build.rs and the tests
    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.buf.extend_from_slice(MAGIC);
        self.encode(&mut w);
        w.buf
    }

    /// Read back what [`to_bytes`](Self::to_bytes) wrote; `None` if it is malformed.
    pub(crate) fn from_bytes(bytes: &[u8]) -> Option<PossegData> {
        let mut r = Reader::new(bytes);
        if r.bytes(MAGIC.len())? != MAGIC {
            return None;
        }
        let data = Self::decode(&mut r)?;
        r.is_empty().then_some(data)
    }

    #[cfg_attr(not(test), allow(dead_code))] // used by build.rs and the tests
    fn encode(&self, w: &mut Writer) {
        w.len(self.tags.len());
        for tag in &self.tags {
            w.str(tag);
        }
        for &p in &self.start_prob {
            w.f64(p);
        }
        for row in self.trans_prob.iter() {
            for &p in row {
                w.f64(p);
            }
        }
        w.len(self.states.len());
        for (&s, &e) in self.states.iter().zip(&self.emits) {
            w.u16(s);
            w.f64(e);
        }
        for &row in &self.char_index {
            w.u16(row);
        }
        let mut extra: Vec<(char, u16)> = self.extra_index.iter().map(|(&c, &r)| (c, r)).collect();
        extra.sort_unstable();
        w.len(extra.len());
        for (c, row) in extra {
            w.u32(c as u32);
            w.u16(row);
        }
        w.len(self.rows.len());
        for row in &self.rows {
            w.u32(row.start);
            for &b in &row.bounds {
                w.u16(b);
            }
        }
    }

    fn decode(r: &mut Reader) -> Option<PossegData> {
        let n = r.len(8)?;
        let tags = (0..n).map(|_| r.str().map(Box::from)).collect::<Option<Vec<_>>>()?;
        let mut start_prob = [MIN_FLOAT; NUM_STATES];
        for p in &mut start_prob {
            *p = r.f64()?;
        }
        let mut trans_prob: Box<[[f64; NUM_STATES]; NUM_STATES]> = vec![[MIN_FLOAT; NUM_STATES]; NUM_STATES]
            .into_boxed_slice()
            .try_into()
            .ok()?;
        for row in trans_prob.iter_mut() {
            let bytes = r.bytes(NUM_STATES * 8)?;
            for (p, b) in row.iter_mut().zip(bytes.chunks_exact(8)) {
                *p = f64::from_bits(u64::from_le_bytes(b.try_into().ok()?));
            }
        }
        let n = r.len(10)?;
        let pairs = r.records::<10, _>(n, |[s0, s1, e @ ..]| {
            (u16::from_le_bytes([s0, s1]), f64::from_bits(u64::from_le_bytes(e)))
        })?;
        let (states, emits): (Vec<u16>, Vec<f64>) = pairs.into_iter().unzip();
        let char_index = r.records::<2, _>(CHAR_INDEX_LEN, u16::from_le_bytes)?;
        let n = r.len(6)?;
        let mut extra_index = FxHashMap::default();
        for (c, row) in r.records::<6, _>(n, |[c0, c1, c2, c3, r0, r1]| {
            (u32::from_le_bytes([c0, c1, c2, c3]), u16::from_le_bytes([r0, r1]))
        })? {
            extra_index.insert(char::from_u32(c)?, row);
        }
        let n = r.len(4 + 2 * (NUM_POS + 1))?;
        let mut rows = Vec::with_capacity(n);
        for _ in 0..n {
            let start = r.u32()?;
            let mut bounds = [0u16; NUM_POS + 1];
            for b in &mut bounds {
                *b = r.u16()?;
            }
            rows.push(CharStates { start, bounds });
        }
        let row_ok = |row: &CharStates| {
            row.bounds.windows(2).all(|w| w[0] <= w[1])
                && row.start as usize + row.bounds[NUM_POS] as usize <= states.len()
        };
        if tags.len() != NUM_TAGS
            || states.iter().any(|&s| s as usize >= NUM_STATES)
            || !rows.iter().all(row_ok)
            || char_index
                .iter()
                .chain(extra_index.values())
                .any(|&i| i as usize >= rows.len())
        {
            return None;
        }
        Some(PossegData {
            tags,
            start_prob,
            trans_prob,
            states,
            emits,
            char_index,
            extra_index,
            rows,
        })
    }
}

#[cfg(all(test, feature = "default-dict"))]
mod tests {
    use super::*;

    /// The bytes `build.rs` embedded decode to exactly what parsing the text model gives.
    #[test]
    fn embedded_model_equals_a_fresh_parse() {
        let parsed = parse_posseg_data(include_str!("data/posseg.txt"));
        let embedded = PossegData::from_bytes(crate::posseg::POSSEG_MODEL).expect("posseg.bin decodes");
        assert!(parsed == embedded, "posseg.bin differs from parsing posseg.txt");
        let bytes = parsed.to_bytes();
        assert!(PossegData::from_bytes(&bytes[..bytes.len() - 1]).is_none());
        assert!(PossegData::from_bytes(&bytes[1..]).is_none());
    }
}
