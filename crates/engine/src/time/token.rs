//! The tokenizer: words, numbers and single punctuation marks, with byte offsets.

use super::lexicon::{Lexicon, W};
use crate::key::{LexiconMemo, ShortMemo};
use crate::text::{ascii_alphabetic_run, is_alphabetic, is_uppercase};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A run of letters, with its class when the lexicon knows it.
    Word(Option<W>),
    /// A run of ASCII digits: its value (saturated) and its number of digits (saturated).
    Num { value: u64, digits: u8 },
    /// Any other character that is not white space.
    Punct(char),
}

/// One token: a byte range of the text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) kind: Kind,
    /// White space comes right before it.
    pub(crate) space_before: bool,
    /// A line break comes right before it (or it starts the text).
    pub(crate) line_before: bool,
    /// It starts with an uppercase letter.
    pub(crate) cap: bool,
}

thread_local! {
    /// The short words' [`Lexicon::get`]s this thread has made, and the [`Lexicon::id`] of the
    /// lexicon they are of: every text repeats its short words ("the", "on", "last"), and most
    /// of a text's lookups are of words an earlier text had (a memo per text, tried before,
    /// gained nothing: its first lookup of each word was the costly one).
    static CLASSES: std::cell::RefCell<LexiconMemo<Option<W>>> = std::cell::RefCell::new(LexiconMemo::new());
}

/// Splits `text` into tokens, in one pass.
///
/// News text is nearly all ASCII: bytes below 0x80 are classified directly, and only the
/// others are decoded as chars (with the same tests `char` gives ASCII bytes).
pub(crate) fn tokenize(text: &str, lexicon: &Lexicon) -> Vec<Token> {
    CLASSES.with_borrow_mut(|memo| tokenize_with(text, lexicon, memo.of(lexicon.id())))
}

fn tokenize_with(text: &str, lexicon: &Lexicon, memo: &mut ShortMemo<Option<W>>) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::with_capacity(text.len() / 4);
    let mut space_before = true;
    let mut line_before = true;
    let mut start = 0;
    while start < bytes.len() {
        // The commonest bytes first, answered as the tests below answer them: a space is white
        // space, an ASCII letter starts a word.
        let b = bytes[start];
        if b == b' ' {
            space_before = true;
            start += 1;
            continue;
        }
        if b.is_ascii_alphabetic() {
            // The run of ASCII letters, here: only a non-ASCII byte after it (a letter, or
            // not) needs `word_end`'s decoding, which ends the word at any ASCII byte.
            let mut end = start + 1 + ascii_alphabetic_run(&bytes[start + 1..]);
            if bytes.get(end).is_some_and(|b| !b.is_ascii()) {
                end = word_end(text, end);
            }
            let word = &text[start..end];
            let kind = Kind::Word(memo.get_in(bytes, start, end, || lexicon.get(word)));
            tokens.push(Token { start, end, kind, space_before, line_before, cap: b.is_ascii_uppercase() });
            space_before = false;
            line_before = false;
            start = end;
            continue;
        }
        let c = char_at(text, start);
        if c.is_whitespace() {
            space_before = true;
            line_before |= c == '\n' || c == '\r';
            start += c.len_utf8();
            continue;
        }
        let (end, kind) = if c.is_ascii_digit() {
            number(bytes, start)
        } else if is_alphabetic(c) {
            let end = word_end(text, start + c.len_utf8());
            (end, Kind::Word(lexicon.get(&text[start..end])))
        } else {
            (start + c.len_utf8(), Kind::Punct(c))
        };
        debug_assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
        tokens.push(Token { start, end, kind, space_before, line_before, cap: is_uppercase(c) });
        space_before = false;
        line_before = false;
        start = end;
    }
    tokens
}

/// The char at byte `i`, a char boundary: an ASCII byte without decoding.
fn char_at(text: &str, i: usize) -> char {
    let b = text.as_bytes()[i];
    if b.is_ascii() { char::from(b) } else { text[i..].chars().next().unwrap_or_default() }
}

/// The run of ASCII digits from `start`: where it ends, its value (saturated) and its number
/// of digits (saturated).
fn number(bytes: &[u8], start: usize) -> (usize, Kind) {
    let mut value = 0u64;
    let mut digits: u8 = 0;
    let mut end = start;
    while let Some(&d) = bytes.get(end).filter(|d| d.is_ascii_digit()) {
        value = value.saturating_mul(10).saturating_add(u64::from(d - b'0'));
        digits = digits.saturating_add(1);
        end += 1;
    }
    (end, Kind::Num { value, digits })
}

/// Where the run of letters that continues at byte `from` ends.
fn word_end(text: &str, from: usize) -> usize {
    let bytes = text.as_bytes();
    let mut end = from;
    loop {
        // The run of ASCII letters, without decoding.
        end += ascii_alphabetic_run(&bytes[end..]);
        if end == bytes.len() {
            break;
        }
        // ASCII non-letters end the word; other chars are decoded and tested.
        let c = char_at(text, end);
        if c.is_ascii() || !is_alphabetic(c) {
            break;
        }
        end += c.len_utf8();
    }
    end
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The tokenizer as first written, char by char: the fast one must agree with it.
    fn reference(text: &str, lexicon: &Lexicon) -> Vec<Token> {
        let mut tokens = Vec::new();
        let mut chars = text.char_indices().peekable();
        let mut space_before = true;
        let mut line_before = true;
        while let Some((start, c)) = chars.next() {
            if c.is_whitespace() {
                space_before = true;
                line_before |= c == '\n' || c == '\r';
                continue;
            }
            let mut end = start + c.len_utf8();
            let kind = if c.is_ascii_digit() {
                let mut value = u64::from(c as u8 - b'0');
                let mut digits: u8 = 1;
                while let Some(&(i, d)) = chars.peek() {
                    if !d.is_ascii_digit() {
                        break;
                    }
                    value = value.saturating_mul(10).saturating_add(u64::from(d as u8 - b'0'));
                    digits = digits.saturating_add(1);
                    end = i + 1;
                    chars.next();
                }
                Kind::Num { value, digits }
            } else if c.is_alphabetic() {
                while let Some(&(i, d)) = chars.peek() {
                    if !d.is_alphabetic() {
                        break;
                    }
                    end = i + d.len_utf8();
                    chars.next();
                }
                Kind::Word(lexicon.get(&text[start..end]))
            } else {
                Kind::Punct(c)
            };
            tokens.push(Token { start, end, kind, space_before, line_before, cap: c.is_uppercase() });
            space_before = false;
            line_before = false;
        }
        tokens
    }

    fn same(text: &str) {
        let lexicon = Lexicon::new();
        let key = |t: &Token| (t.start, t.end, t.kind, t.space_before, t.line_before, t.cap);
        let fast: Vec<_> = tokenize(text, &lexicon).iter().map(key).collect();
        let slow: Vec<_> = reference(text, &lexicon).iter().map(key).collect();
        assert_eq!(fast, slow, "for {text:?}");
    }

    #[test]
    fn agrees_with_the_reference_on_news_text() {
        same("On Dec. 24, 2023, at 10:30 a.m. EST, the café’s owner said: “Mañana.”\r\n\tÉLAN 99999999999999999999999 x\u{b}y\u{85}z\u{a0}2½ Straße 北京 1990s");
        same("");
        same("   ");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn agrees_with_the_reference(text in "\\PC{0,200}") {
            same(&text);
        }

        #[test]
        fn agrees_with_the_reference_on_mixed_scripts(text in "[a-zA-Z0-9 \\n\\r\\t.,'’é北ß²½\u{85}\u{a0}\u{b}\u{c}]{0,200}") {
            same(&text);
        }
    }
}
