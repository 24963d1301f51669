//! A set of chars asked about at every char of a text: a bitmap over the span from its
//! first to its last char, so that "is this char in it?" is one bit test.

/// A set of chars as bits.
#[derive(Debug, Clone, Default)]
pub struct CharBits {
    first: u32,
    bits: Vec<u64>,
}

impl CharBits {
    /// The set of `chars` (in any order; repeats are fine).
    pub fn new(chars: impl IntoIterator<Item = char>) -> CharBits {
        let mut cs: Vec<u32> = chars.into_iter().map(u32::from).collect();
        cs.sort_unstable();
        let (Some(&first), Some(&last)) = (cs.first(), cs.last()) else {
            return CharBits::default();
        };
        let mut bits = vec![0u64; (last - first) as usize / 64 + 1];
        for c in cs {
            let k = (c - first) as usize;
            bits[k / 64] |= 1 << (k % 64);
        }
        CharBits { first, bits }
    }

    /// Whether `c` is in the set.
    pub fn contains(&self, c: char) -> bool {
        let Some(k) = u32::from(c).checked_sub(self.first) else {
            return false;
        };
        let k = k as usize;
        self.bits
            .get(k / 64)
            .is_some_and(|w| w & (1 << (k % 64)) != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_char_is_in_the_set_exactly_when_it_was_given() {
        let given = ['沪', '苏', '浙', '皖', 'a', '𠀋'];
        let set = CharBits::new(given);
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            assert_eq!(set.contains(c), given.contains(&c), "{c:?}");
        }
        assert!(!CharBits::new([]).contains('a'));
    }
}
