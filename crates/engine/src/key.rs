//! Fixed-size keys for the word lists: a word's ASCII-lowercased bytes packed in three
//! machine words, so that looking a token up hashes one `u64` and compares three, with no
//! lowercase copy, byte loop or memcmp call. Both the attribution and the time lexicons use it.

/// The longest key of any lexicon table, in bytes; checked when the tables are built.
pub(crate) const MAX_KEY: usize = 23;

/// A word of up to [`MAX_KEY`] bytes, ASCII-lowercased and zero-padded, with its length in the
/// last byte: a probe lowercases it on the stack, and hashing and comparing it take a few
/// word-sized operations (a `&[u8]` key took a byte loop, a hash of a variable length and a
/// call to memcmp, at every word of the text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Key([u64; 3]);

impl Key {
    /// The key of a word, or `None` if it is longer than any key. Inlined into its callers,
    /// the lexicons' lookups, which run at nearly every word (forced: the compiler kept it out
    /// of line in the time lexicon's lookup, a call more per word of the text).
    #[inline(always)]
    pub(crate) fn new(word: &[u8]) -> Option<Key> {
        if word.len() > MAX_KEY {
            return None;
        }
        // Byte j of the word is byte j % 8 (little-endian) of chunk j / 8; the length is the last
        // byte. The chunks are loaded as words, at most one of them short: a byte loop cost a
        // shift and an or per byte (a third of a lookup), and a copy into a zeroed buffer costs
        // two calls into libc. Chunks past the word stay zero and need no lowercasing.
        let len = (word.len() as u64) << 56;
        // The length byte is below b'A', so lowercasing leaves it alone.
        Some(Key(match word.len() {
            0..=8 => [lower_ascii_u64(load(word)), 0, len],
            9..=16 => [lower_ascii_u64(load8(word)), lower_ascii_u64(load(&word[8..])), len],
            _ => [lower_ascii_u64(load8(word)), lower_ascii_u64(load8(&word[8..])), lower_ascii_u64(load(&word[16..]) | len)],
        }))
    }

    /// The key of a table word, which must be stored as it is looked up: lowercase.
    pub(crate) fn of_entry(word: &str) -> Key {
        assert!(!word.bytes().any(|b| b.is_ascii_uppercase()), "lexicon word {word:?} is not lowercase");
        Key::new(word.as_bytes()).unwrap_or_else(|| panic!("lexicon word {word:?} is longer than MAX_KEY"))
    }
}

impl std::hash::Hash for Key {
    /// One word for the hasher to mix, not 24 bytes: most keys fit in the first.
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        let [a, b, c] = self.0;
        state.write_u64(a ^ b.rotate_left(21) ^ c.rotate_left(42));
    }
}

/// Answers of a pure function of words, remembered for words of up to 7 bytes in a small
/// direct-mapped table (a new word takes the slot of the one before it): news text repeats
/// its short words ("the", "said", "of", ",") so often that most lookups of one are answered
/// here with a load, a multiplication and a comparison, rather than by hashing it into a
/// lexicon. The phrase reader keeps one per thread, across documents.
pub(crate) struct ShortMemo<V> {
    /// The word's bytes and its length in the top byte (0 for an empty slot: no word is
    /// empty), and its answer.
    slots: [(u64, V); MEMO_SLOTS],
}

const MEMO_SLOTS: usize = 1024;

impl<V: Copy + Default> ShortMemo<V> {
    pub(crate) fn new() -> Self {
        ShortMemo { slots: [(0, V::default()); MEMO_SLOTS] }
    }

    /// `answer(word)` for the word `text[start..end]`, from the table when that word was asked
    /// before and still has its slot.
    #[inline]
    pub(crate) fn get_in(&mut self, text: &[u8], start: usize, end: usize, answer: impl FnOnce() -> V) -> V {
        match short_key(text, start, end) {
            Some(key) => self.get_keyed(key, answer),
            None => answer(),
        }
    }

    /// The answer under a [`short_key`].
    #[inline]
    fn get_keyed(&mut self, key: u64, answer: impl FnOnce() -> V) -> V {
        // Fibonacci hashing: the top byte of the product depends on every byte of the key.
        let slot = &mut self.slots[(key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - MEMO_SLOTS.trailing_zeros())) as usize];
        if slot.0 != key {
            *slot = (key, answer());
        }
        slot.1
    }
}

/// A [`ShortMemo`] of one lexicon's answers, kept past one document (in a thread-local): the
/// words a text repeats, every text repeats. Asked for another lexicon, it starts over.
pub(crate) struct LexiconMemo<V> {
    /// The id of the lexicon whose answers `memo` holds (each lexicon type numbers its own).
    lexicon: Option<u64>,
    memo: Box<ShortMemo<V>>,
}

impl<V: Copy + Default> LexiconMemo<V> {
    pub(crate) fn new() -> Self {
        LexiconMemo { lexicon: None, memo: Box::new(ShortMemo::new()) }
    }

    /// The memo of the lexicon numbered `lexicon`, emptied if it held another's answers.
    pub(crate) fn of(&mut self, lexicon: u64) -> &mut ShortMemo<V> {
        if self.lexicon != Some(lexicon) {
            self.lexicon = Some(lexicon);
            *self.memo = ShortMemo::new();
        }
        &mut self.memo
    }
}

/// The first 8 bytes of `b` as a little-endian `u64`.
fn load8(b: &[u8]) -> u64 {
    u64::from_le_bytes(*b.first_chunk::<8>().expect("a chunk of 8 bytes"))
}

/// The 0 to 8 bytes of `b` as a little-endian `u64`, zero above them, without a byte loop: a
/// short word is read with two or three loads that overlap where it is shorter than their sum
/// (an overlapping byte is the same in both, so or-ing them is exact).
fn load(b: &[u8]) -> u64 {
    let n = b.len();
    debug_assert!(n <= 8);
    match n {
        8 => load8(b),
        4..=7 => {
            let lo = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
            let hi = u32::from_le_bytes([b[n - 4], b[n - 3], b[n - 2], b[n - 1]]);
            u64::from(lo) | (u64::from(hi) << (8 * (n - 4)))
        }
        // Bytes 0, n / 2 and n - 1 are every byte of a word of 1 to 3 bytes.
        1..=3 => u64::from(b[0]) | (u64::from(b[n / 2]) << (8 * (n / 2))) | (u64::from(b[n - 1]) << (8 * (n - 1))),
        _ => 0,
    }
}

/// `load(&text[start..end])` for a word of up to 8 bytes, read as one 8-byte word and masked
/// wherever the text has 8 bytes from `start` (all but its last seven bytes). [`load`]
/// branches on the word's length, which changes from word to word: cachegrind's branch
/// simulation put a tenth of the engine's mispredicted branches in it and in its callers.
#[inline(always)]
pub(crate) fn load_in(text: &[u8], start: usize, end: usize) -> u64 {
    let len = end - start;
    debug_assert!(len <= 8);
    match text.get(start..).and_then(<[u8]>::first_chunk::<8>) {
        // The low `len` bytes: a shift by 64 (an empty word) leaves none.
        Some(chunk) => u64::from_le_bytes(*chunk) & u64::MAX.checked_shr(64 - 8 * len as u32).unwrap_or(0),
        None => load(&text[start..end]),
    }
}

/// The word `text[start..end]` of 1 to 7 bytes as one `u64`: its bytes and, in the top byte,
/// its length, which identify it (with the length, zero padding is not mistaken for zero
/// bytes). `None` for an empty or longer word. The memos' keys.
#[inline]
pub(crate) fn short_key(text: &[u8], start: usize, end: usize) -> Option<u64> {
    let len = end - start;
    (1..=7).contains(&len).then(|| load_in(text, start, end) | ((len as u64) << 56))
}

/// [`short_key`] with the word's ASCII letters lowercased, to compare with another word's
/// ignoring ASCII case. (The length byte is below `b'A'`: lowercasing leaves it alone.)
#[inline]
pub(crate) fn short_lower_key(text: &[u8], start: usize, end: usize) -> Option<u64> {
    short_key(text, start, end).map(lower_ascii_u64)
}

pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;
/// Bit 7 of each of the eight bytes of a `u64`.
pub(crate) const HIGH_BITS: u64 = 0x80 * ONES;

/// Bit 7 of each of the eight bytes of `x` set where that byte is in `lo..=hi` (both below
/// 0x80), and clear where it is not or is not ASCII: additions to a byte's low seven bits that
/// stay below 0x100, so that none carries into the next byte.
#[inline(always)]
pub(crate) fn bytes_in(x: u64, lo: u8, hi: u8) -> u64 {
    let low7 = x & (0x7f * ONES);
    let at_least_lo = low7 + u64::from(0x80 - lo) * ONES;
    let above_hi = low7 + u64::from(0x7f - hi) * ONES;
    at_least_lo & !above_hi & !x & HIGH_BITS
}

/// `u8::to_ascii_lowercase` on each of the eight bytes of `x` at once: a byte gets bit 0x20
/// when it is in `b'A'..=b'Z'` ([`bytes_in`]).
fn lower_ascii_u64(x: u64) -> u64 {
    x | (bytes_in(x, b'A', b'Z') >> 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_ascii_u64_is_to_ascii_lowercase_bytewise() {
        for b in 0..=255u8 {
            for shift in [0, 8, 24, 56] {
                let x = (u64::from(b) << shift) | 0x4100_7a5a_0000_005b_u64.rotate_left(shift);
                let expected = u64::from_le_bytes(x.to_le_bytes().map(|c| c.to_ascii_lowercase()));
                assert_eq!(lower_ascii_u64(x), expected, "byte {b:#x} at {shift}");
            }
        }
    }

    /// The key as first written: each byte shifted into place, then lowercased.
    fn reference(word: &[u8]) -> Option<Key> {
        if word.len() > MAX_KEY {
            return None;
        }
        let mut chunks = [0u64, 0, (word.len() as u64) << 56];
        for (j, &b) in word.iter().enumerate() {
            chunks[j / 8] |= u64::from(b) << (8 * (j % 8));
        }
        Some(Key(chunks.map(lower_ascii_u64)))
    }

    #[test]
    fn keys_agree_with_the_byte_loop_at_every_length() {
        let bytes: Vec<u8> = (0..=255u8).rev().chain(0..=255).collect();
        for len in 0..=MAX_KEY + 2 {
            for start in 0..bytes.len() - len {
                let word = &bytes[start..start + len];
                assert_eq!(Key::new(word), reference(word), "for {word:?}");
            }
        }
    }

    #[test]
    fn load_in_reads_as_load() {
        let text: Vec<u8> = (0..=255u8).chain(0..=40).collect();
        for start in 0..=text.len() {
            for end in start..=(start + 8).min(text.len()) {
                assert_eq!(load_in(&text, start, end), load(&text[start..end]), "{start}..{end}");
            }
        }
    }

    #[test]
    fn the_memo_answers_as_the_function() {
        let mut memo = ShortMemo::new();
        let words: Vec<String> = (0..2000).map(|i| format!("{}", i * 7919 % 100_000)).chain(["said", "Said", "a\0", "a", "longer words"].map(String::from)).collect();
        // The words one after another in a text, as the tokenizers see them (the last ones
        // within eight bytes of its end, where `load_in` reads byte by byte).
        let text = words.concat();
        for _ in 0..3 {
            let mut start = 0;
            for word in &words {
                let expected = word.bytes().map(u64::from).sum::<u64>() + word.len() as u64;
                assert_eq!(memo.get_in(text.as_bytes(), start, start + word.len(), || expected), expected, "for {word:?}");
                start += word.len();
            }
        }
    }

    #[test]
    fn keys_match_in_any_case_and_only_at_the_same_length() {
        let key = |w: &str| Key::new(w.as_bytes());
        assert_eq!(key("SAID"), key("said"));
        assert_eq!(key("Élysée"), key("Élysée"));
        assert_ne!(key("Élysée"), key("élysée"));
        assert_ne!(key("a\0"), key("a"));
        assert_ne!(key("a@"), key("a`"));
        assert_eq!(key(&"x".repeat(MAX_KEY + 1)), None);
    }
}
