//! Chars asked about at every char of a text: a bitmap over the span from a set's first to
//! its last char, so that "is this char in it?" is one bit test, and the small closed sets
//! (ordinal numerals, bullets) that normalization and extraction both ask.

/// 一 to 十: the Chinese numerals of ordinals (outline markers, enumerations, section and
/// row numbers), asked by normalization and extraction alike.
pub fn is_small_cn_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// A list bullet: - * • · ● ○ ■ □ ◆ ◇ ▪.
pub fn is_bullet_char(c: char) -> bool {
    matches!(
        c,
        '-' | '*' | '•' | '·' | '●' | '○' | '■' | '□' | '◆' | '◇' | '▪'
    )
}

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
    fn the_small_sets_hold_exactly_their_chars() {
        for c in (0..=0xFFFFu32).filter_map(char::from_u32) {
            assert_eq!(
                is_small_cn_numeral(c),
                "一二三四五六七八九十".contains(c),
                "{c}"
            );
            assert_eq!(is_bullet_char(c), "-*•·●○■□◆◇▪".contains(c), "{c}");
        }
    }

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
