//! The tokenizer: words, numbers and single punctuation marks, with byte offsets.

use super::lexicon::{Lexicon, W};

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

/// Splits `text` into tokens, in one pass.
pub(crate) fn tokenize(text: &str, lexicon: &Lexicon) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 4);
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
        debug_assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
        tokens.push(Token { start, end, kind, space_before, line_before, cap: c.is_uppercase() });
        space_before = false;
        line_before = false;
    }
    tokens
}
