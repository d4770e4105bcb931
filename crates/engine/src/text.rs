//! Text layout: tokens, sentences and paragraphs as byte spans into the original text, and
//! which paragraphs are page furniture (menus, newsletter prompts) rather than article prose.
//!
//! Everything here is one left-to-right pass over the text; nothing is copied or normalized.

use std::sync::LazyLock;

use crate::Span;
use crate::key::{HIGH_BITS, ONES, bytes_in, short_lower_key};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, digits and word-internal `'`, `’`, `-`, `.` ("U.S.", "don't", "well-known").
    Word,
    /// A quotation mark of any style.
    Quote(QuoteMark),
    /// Any other single non-space character: `,` `.` `:` `;` `(` `—` ...
    Punct(char),
}

/// A quotation mark and which way it faces, if its glyph says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteMark {
    /// “ « „ ‘ (as an opening single quote) and friends.
    Open,
    /// ” » ’ (not inside a word).
    Close,
    /// `"`: direction decided by context.
    Straight,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
    /// The first character is an uppercase letter.
    pub capitalized: bool,
}

// The tests below match rather than compare with `==`: `TokenKind` keeps its variant in the
// spare values of `Punct`'s char, and the derived `eq` decodes both sides' variants with
// branches that mispredict (1% of an extraction's instructions and 3% of its mispredicted
// branches, from the rules asking every token), where a match is one comparison.
impl Token {
    pub fn is_word(&self) -> bool {
        matches!(self.kind, TokenKind::Word)
    }

    pub fn is_punct(&self, c: char) -> bool {
        matches!(self.kind, TokenKind::Punct(p) if p == c)
    }

    pub fn is_quote(&self) -> bool {
        matches!(self.kind, TokenKind::Quote(_))
    }
}

/// A sentence: its byte span and its token range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    /// Tokens `tokens.start..tokens.end` of [`Layout::tokens`].
    pub tokens: (usize, usize),
    /// Index into [`Layout::paragraphs`].
    pub paragraph: usize,
}

/// A paragraph: a line (or block of lines) of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paragraph {
    pub span: Span,
    /// Sentences `sentences.start..sentences.end` of [`Layout::sentences`].
    pub sentences: (usize, usize),
    /// Page furniture: a menu item, a newsletter prompt, a byline. Yields no claims.
    pub boilerplate: bool,
}

/// The layout of one text.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    pub paragraphs: Vec<Paragraph>,
}

impl Layout {
    pub fn new(text: &str) -> Self {
        let tokens = tokenize(text);
        let mut layout = Layout { tokens, sentences: Vec::new(), paragraphs: Vec::new() };
        layout.segment(text);
        layout
    }

    /// The tokens of a sentence.
    pub fn sentence_tokens(&self, sentence: &Sentence) -> &[Token] {
        &self.tokens[sentence.tokens.0..sentence.tokens.1]
    }

    /// The index of the sentence holding token `t`.
    pub fn sentence_of_token(&self, t: usize) -> usize {
        self.sentences.partition_point(|s| s.tokens.1 <= t)
    }

    fn segment(&mut self, text: &str) {
        let bytes = text.as_bytes();
        // The lowercase copy of a paragraph that may be boilerplate, one buffer for the text.
        let mut lower = String::new();
        let mut t = 0;
        let mut para_start = 0;
        while para_start < text.len() {
            let para_end = memchr_newline(bytes, para_start);
            let span = trim_span(text, Span::new(para_start, para_end));
            if !span.is_empty() {
                let first_sentence = self.sentences.len();
                let para_index = self.paragraphs.len();
                while t < self.tokens.len() && self.tokens[t].span.start < span.start {
                    t += 1;
                }
                let tok_start = t;
                while t < self.tokens.len() && self.tokens[t].span.end <= span.end {
                    t += 1;
                }
                self.split_sentences(text, tok_start, t, para_index);
                let boilerplate = is_boilerplate(text, span, &self.tokens[tok_start..t], &mut lower);
                self.paragraphs.push(Paragraph {
                    span,
                    sentences: (first_sentence, self.sentences.len()),
                    boilerplate,
                });
            }
            para_start = para_end + 1;
        }
    }

    /// Splits tokens `from..to` (one paragraph) into sentences.
    fn split_sentences(&mut self, text: &str, from: usize, to: usize, paragraph: usize) {
        let mut start = from;
        let mut i = from;
        while i < to {
            if let Some(end) = sentence_end(text, &self.tokens[..to], i) {
                self.push_sentence(start, end + 1, paragraph);
                start = end + 1;
                i = end + 1;
                continue;
            }
            i += 1;
        }
        if start < to {
            self.push_sentence(start, to, paragraph);
        }
    }

    fn push_sentence(&mut self, from: usize, to: usize, paragraph: usize) {
        debug_assert!(from < to);
        let span = Span::new(self.tokens[from].span.start, self.tokens[to - 1].span.end);
        self.sentences.push(Sentence { span, tokens: (from, to), paragraph });
    }
}

fn memchr_newline(bytes: &[u8], from: usize) -> usize {
    memchr::memchr(b'\n', &bytes[from..]).map_or(bytes.len(), |p| from + p)
}

/// The span without leading and trailing white space.
pub fn trim_span(text: &str, span: Span) -> Span {
    let s = span.of(text);
    let start = span.start + (s.len() - s.trim_start().len());
    let end = span.end - (s.len() - s.trim_end().len());
    if start >= end { Span::new(start, start) } else { Span::new(start, end) }
}

/// Abbreviations that end in a period without ending the sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "maj", "capt", "sgt",
    "st", "jr", "sr", "rev", "hon", "pres", "vs", "etc", "inc", "corp", "co", "ltd", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "approx",
    "dept", "univ", "gens", "reps", "sens", "adm", "cmdr", "supt", "atty", "ariz", "calif", "colo",
    "conn", "fla", "ill", "ind", "kan", "mass", "mich", "minn", "miss", "nev", "okla", "ore", "penn",
    "tenn", "tex", "va", "wash", "wis", "wyo", "ala", "ark", "del", "ga", "ky", "la", "md", "mo", "mont",
    "neb", "vt",
];

/// [`ABBREVIATIONS`] as [`short_lower_key`]s, sorted, built once: a word is looked up with one
/// load and a binary search, not compared with each of them.
static ABBREVIATION_KEYS: LazyLock<Vec<u64>> = LazyLock::new(|| {
    let mut keys: Vec<u64> = ABBREVIATIONS.iter().map(|a| short_lower_key(a.as_bytes(), 0, a.len()).expect("abbreviations are 1 to 7 bytes")).collect();
    keys.sort_unstable();
    keys
});

/// If token `i` ends a sentence, the index of the sentence's last token (which may be a closing
/// quote or bracket after the terminal punctuation).
fn sentence_end(text: &str, tokens: &[Token], i: usize) -> Option<usize> {
    let tok = tokens[i];
    let terminal = match tok.kind {
        TokenKind::Punct(c) => matches!(c, '.' | '!' | '?' | '…' | ';') && c != ';',
        TokenKind::Word => {
            // "U.S." ends in a period inside the word token.
            let w = tok.span.of(text);
            w.len() > 2 && w.ends_with('.') && ends_sentence_after_abbrev(text, tokens, i)
        }
        TokenKind::Quote(_) => false,
    };
    if !terminal {
        return None;
    }
    if tok.is_punct('.') && i > 0 && is_abbreviation(text, tokens, i - 1) {
        return None;
    }
    // Swallow closing quotes and brackets that follow the terminal mark.
    let mut end = i;
    while end + 1 < tokens.len() {
        let next = tokens[end + 1];
        let closes = match next.kind {
            TokenKind::Quote(QuoteMark::Close) => true,
            TokenKind::Quote(QuoteMark::Straight) => next_is_space_or_end(text, next.span.end),
            TokenKind::Punct(c) => matches!(c, ')' | ']' | '.' | '!' | '?'),
            _ => false,
        };
        if !closes || next.span.start != tokens[end].span.end {
            break;
        }
        end += 1;
    }
    // The next token must start a new sentence: an uppercase letter, a digit, an opening quote,
    // or the end of the paragraph. "...said no." followed by lowercase is not a boundary.
    let Some(next) = tokens.get(end + 1) else { return Some(end) };
    let starts = match next.kind {
        TokenKind::Word => starts_sentence(text, *next),
        TokenKind::Quote(_) => quote_starts_sentence(text, tokens, end + 1),
        TokenKind::Punct(c) => matches!(c, '(' | '[' | '—' | '-' | '*'),
    };
    starts.then_some(end)
}

/// A word after which a sentence may start: capitalized or a number.
fn starts_sentence(text: &str, word: Token) -> bool {
    word.capitalized || word.span.of(text).starts_with(|c: char| c.is_ascii_digit())
}

/// A quote mark at `q` starts a sentence unless a lowercase word follows it directly: in "the
/// U.S. “clearly” needed" the quote opens a word inside the sentence.
fn quote_starts_sentence(text: &str, tokens: &[Token], q: usize) -> bool {
    match tokens.get(q + 1) {
        Some(next) if next.is_word() && next.span.start == tokens[q].span.end => starts_sentence(text, *next),
        _ => true,
    }
}

fn ends_sentence_after_abbrev(text: &str, tokens: &[Token], i: usize) -> bool {
    // "U.S." ends a sentence only when the next word is capitalized and not a name that
    // usually follows it ("U.S. Senate"): approximated by requiring a following quote or
    // a word after which a sentence plausibly starts (The, He, She, It, But, ...).
    let Some(next) = tokens.get(i + 1) else { return true };
    if next.is_quote() {
        return quote_starts_sentence(text, tokens, i + 1);
    }
    const STARTERS: &[&str] = &["the", "he", "she", "it", "they", "we", "i", "but", "and", "in", "a", "this", "that", "his", "her", "their", "there", "on", "at", "as", "for", "if", "when", "after"];
    next.is_word() && next.capitalized && STARTERS.iter().any(|s| next.span.of(text).eq_ignore_ascii_case(s))
}

fn is_abbreviation(text: &str, tokens: &[Token], i: usize) -> bool {
    let tok = tokens[i];
    if !tok.is_word() || tok.span.end != tokens[i + 1].span.start {
        return false;
    }
    let w = tok.span.of(text);
    // Initials: "J." in "John F. Kennedy".
    if w.chars().count() == 1 && w.chars().all(|c| c.is_uppercase()) {
        return true;
    }
    // "No. 5", but "said no. Then".
    if w == "No" {
        return tokens.get(i + 2).is_some_and(|n| n.span.of(text).starts_with(|c: char| c.is_ascii_digit()));
    }
    is_listed_abbreviation(text.as_bytes(), tok.span.start, tok.span.end)
}

/// The word `text[start..end]` is one of [`ABBREVIATIONS`], ignoring ASCII case.
fn is_listed_abbreviation(text: &[u8], start: usize, end: usize) -> bool {
    short_lower_key(text, start, end).is_some_and(|key| ABBREVIATION_KEYS.binary_search(&key).is_ok())
}

fn next_is_space_or_end(text: &str, at: usize) -> bool {
    text[at..].chars().next().is_none_or(|c| c.is_whitespace() || matches!(c, ')' | ']' | ',' | '.' | ';' | ':'))
}

/// Paragraphs that are page furniture: short lines without sentence punctuation ("LATEST",
/// "back to top", "Related Posts"), and newsletter or sharing prompts.
fn is_boilerplate(text: &str, span: Span, tokens: &[Token], lower: &mut String) -> bool {
    let words = tokens.iter().filter(|t| t.is_word()).count();
    let has_quote = tokens.iter().any(Token::is_quote);
    let last_char = span.of(text).chars().next_back().unwrap_or(' ');
    let punctuated = matches!(last_char, '.' | '!' | '?' | '"' | '”' | '’' | ':' | ')' | '…');
    if words == 0 {
        return true;
    }
    if !punctuated && !has_quote && words <= 8 {
        return true;
    }
    // A site's prompts open their paragraph ("Subscribe to …", "Advertisement"), or speak of
    // the site's newsletter or cookies to the reader. The same words inside a report ("said the
    // advertisement was false", "could sign up voters") do not make it furniture.
    const LEADING: &[&str] = &[
        "advertisement", "subscribe", "sign up", "click here", "read more", "follow us", "share this",
        "related posts", "related articles", "related stories", "log in", "skip to content", "all rights reserved",
    ];
    const SITE: &[&str] = &["newsletter", "inbox", "cookie", "all rights reserved"];
    const READER: &[&str] = &["our ", "your ", "you "];
    // Lowercase (a copy) only the short paragraphs that can be prompts.
    words <= 30 && {
        let lower = lower_for_ascii_patterns(span.of(text).trim_start(), lower);
        LEADING.iter().any(|p| lower.starts_with(p)) || (SITE.iter().any(|p| lower.contains(p)) && READER.iter().any(|p| lower.contains(p)))
    }
}

/// `s` lowercased into `buf`, for finding ASCII patterns in: it has them where
/// `s.to_lowercase()` has them. Only the ASCII letters are lowered, without the Unicode
/// tables (which cost about ten instructions per byte, and an allocation per paragraph), except
/// in the rare text with a char that lowercases to ASCII: the Kelvin sign (to "k") and dotted
/// capital I (to "i" and a combining dot). Every other non-ASCII char lowercases to non-ASCII
/// chars, which no ASCII pattern can match, whether lowered or not.
fn lower_for_ascii_patterns<'b>(s: &str, buf: &'b mut String) -> &'b str {
    buf.clear();
    if s.is_ascii() || !s.contains(['\u{212A}', '\u{130}']) {
        buf.push_str(s);
        buf.make_ascii_lowercase();
    } else {
        buf.push_str(&s.to_lowercase());
    }
    buf
}

/// Splits a text into tokens in one pass.
pub fn tokenize(text: &str) -> Vec<Token> {
    // At most one token per character and at least one byte per character: reserving for
    // text.len() / 2 avoids regrowing (and copying) the vector for all but punctuation-only
    // text, and capacity that no token uses is never touched, so costs no memory.
    let mut tokens = Vec::with_capacity(text.len() / 2);
    let mut pos = 0;
    while pos < text.len() {
        let start = pos;
        // The commonest bytes first, answered as the tests below answer them: a space is
        // skipped, an ASCII letter or digit starts a word.
        let b = text.as_bytes()[start];
        if b == b' ' {
            pos += 1;
            continue;
        }
        if b.is_ascii_alphanumeric() {
            // The run of ASCII letters and digits, here; most words end at an ASCII byte that
            // joins nothing (a space, a comma before a space), and only the others need
            // `word_end`'s tests, which would find the same end for these.
            pos = start + 1 + ascii_alphanumeric_run(&text.as_bytes()[start + 1..]);
            if text.as_bytes().get(pos).is_some_and(|&d| may_join(d)) {
                pos = word_end(text, start, pos);
            }
            tokens.push(Token { span: Span::new(start, pos), kind: TokenKind::Word, capitalized: b.is_ascii_uppercase() });
            continue;
        }
        let c = char_at(text, start);
        pos += c.len_utf8();
        if c.is_whitespace() || c.is_control() {
            continue;
        }
        // Two apostrophes stand for a double quote in some newswires: ''Yes,'' he said.
        if c == '\'' && text.as_bytes().get(pos) == Some(&b'\'') {
            pos += 1;
            tokens.push(Token { span: Span::new(start, start + 2), kind: TokenKind::Quote(QuoteMark::Straight), capitalized: false });
            continue;
        }
        if let Some(mark) = quote_mark(c) {
            let kind = TokenKind::Quote(resolve_apostrophe(text, start, c, mark));
            tokens.push(Token { span: Span::new(start, pos), kind, capitalized: false });
            continue;
        }
        if !is_alphanumeric(c) {
            tokens.push(Token { span: Span::new(start, pos), kind: TokenKind::Punct(c), capitalized: false });
            continue;
        }
        pos = word_end(text, start, pos);
        tokens.push(Token { span: Span::new(start, pos), kind: TokenKind::Word, capitalized: is_uppercase(c) });
    }
    tokens
}

/// The char at byte `i`, a char boundary: an ASCII byte without decoding (news text is nearly
/// all ASCII).
fn char_at(text: &str, i: usize) -> char {
    let b = text.as_bytes()[i];
    if b.is_ascii() { char::from(b) } else { text[i..].chars().next().unwrap_or_default() }
}

/// U+2000 to U+206F, General Punctuation: the dashes, curly quotes and ellipsis of news text,
/// its commonest non-ASCII chars (and spaces, which the tokenizers test for first).
fn is_general_punctuation(c: char) -> bool {
    ('\u{2000}'..='\u{206F}').contains(&c)
}

// `char`'s Unicode property tests, answered without the Unicode tables for ASCII and General
// Punctuation, which has no letter, digit or uppercase char (a test checks every one): a table
// search costs a few hundred instructions, and the tokenizers asked one for every curly quote.

/// [`char::is_alphanumeric`].
pub(crate) fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() { c.is_ascii_alphanumeric() } else { !is_general_punctuation(c) && c.is_alphanumeric() }
}

/// [`char::is_alphabetic`].
pub(crate) fn is_alphabetic(c: char) -> bool {
    if c.is_ascii() { c.is_ascii_alphabetic() } else { !is_general_punctuation(c) && c.is_alphabetic() }
}

/// [`char::is_uppercase`].
pub(crate) fn is_uppercase(c: char) -> bool {
    if c.is_ascii() { c.is_ascii_uppercase() } else { !is_general_punctuation(c) && c.is_uppercase() }
}

/// The number of ASCII letters and digits `bytes` starts with.
pub(crate) fn ascii_alphanumeric_run(bytes: &[u8]) -> usize {
    ascii_run(bytes, ascii_alphanumeric_bytes, u8::is_ascii_alphanumeric)
}

/// The number of ASCII letters `bytes` starts with.
pub(crate) fn ascii_alphabetic_run(bytes: &[u8]) -> usize {
    ascii_run(bytes, ascii_alphabetic_bytes, u8::is_ascii_alphabetic)
}

/// The length of the run of bytes that `class` marks, eight at a time, and then byte by byte
/// (`is` is `class` for one byte) in the last seven bytes of the text. A byte loop's exit
/// branch, taken after a run of any length, was mispredicted about once a word in both
/// tokenizers (cachegrind's branch simulation: a tenth of the engine's mispredicted branches);
/// here a word of up to seven bytes takes one well-predicted branch.
#[inline(always)]
fn ascii_run(bytes: &[u8], class: fn(u64) -> u64, is: fn(&u8) -> bool) -> usize {
    let mut i = 0;
    while let Some(chunk) = bytes.get(i..).and_then(|rest| rest.first_chunk::<8>()) {
        let outside = !class(u64::from_le_bytes(*chunk)) & HIGH_BITS;
        if outside != 0 {
            return i + (outside.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    i + bytes[i..].iter().position(|b| !is(b)).unwrap_or(bytes.len() - i)
}

/// [`u8::is_ascii_alphabetic`] of each byte, in its bit 7: a letter with bit 0x20 set is
/// lowercase, and no other ASCII byte with it set falls in `a..=z`.
#[inline(always)]
fn ascii_alphabetic_bytes(x: u64) -> u64 {
    bytes_in(x | (0x20 * ONES), b'a', b'z')
}

/// [`u8::is_ascii_alphanumeric`] of each byte, in its bit 7.
#[inline(always)]
fn ascii_alphanumeric_bytes(x: u64) -> u64 {
    ascii_alphabetic_bytes(x) | bytes_in(x, b'0', b'9')
}

/// Where the word that starts at byte `start` and goes on at byte `end` ends: over letters,
/// digits and the joiners between them.
fn word_end(text: &str, start: usize, mut end: usize) -> usize {
    let bytes = text.as_bytes();
    loop {
        // The run of ASCII letters and digits, without decoding.
        end += ascii_alphanumeric_run(&bytes[end..]);
        if end == bytes.len() {
            break;
        }
        let d = char_at(text, end);
        if is_alphanumeric(d) {
            end += d.len_utf8();
            continue;
        }
        // Word-internal joiners: "don't", "Clinton’s", "well-known", "U.S.", "3.5", "1,000", "9/11".
        if matches!(d, '\'' | '’' | '-' | '.' | ',' | '&' | '/') {
            let (so_far, after) = (&text[start..end], text[end + d.len_utf8()..].chars().next());
            let joins = match d {
                '.' => after.is_some_and(is_alphanumeric) && is_dotted_word(so_far, after),
                ',' => after.is_some_and(|a| a.is_ascii_digit()) && so_far.bytes().all(|b| b.is_ascii_digit()),
                '/' => after.is_some_and(|a| a.is_ascii_digit()) && digits_between_slashes(so_far),
                '&' => after.is_some_and(is_uppercase) && so_far.len() <= 2,
                _ => after.is_some_and(is_alphanumeric),
            };
            if joins {
                end += d.len_utf8();
                continue;
            }
            // The period closing an acronym or a title: "U.S.", "Sen." keep their dot.
            if d == '.' && (is_acronym(so_far) || is_title_abbreviation(so_far)) {
                end += 1;
            }
            break;
        }
        // "José" written with a combining accent (U+0301) is one word; so is "FranÃÂ§ois", whose
        // symbols between letters are mis-decoded text (mojibake), not breaks ("§ 501" and
        // "50 ¢" stand apart).
        let inside = |c: char| !c.is_ascii() && !is_general_punctuation(c) && quote_mark(c).is_none() && !c.is_whitespace();
        let combining = ('\u{0300}'..='\u{036F}').contains(&d);
        if combining || (inside(d) && text[end + d.len_utf8()..].chars().next().is_some_and(|a| is_alphanumeric(a) || inside(a))) {
            end += d.len_utf8();
            continue;
        }
        break;
    }
    end
}

/// Whether the byte after a run of ASCII letters and digits may continue the word, as
/// [`word_end`] decides: a joiner (`'` `-` `.` `,` `&`) or the first byte of a non-ASCII char
/// (a letter, or `’`).
fn may_join(b: u8) -> bool {
    !b.is_ascii() || matches!(b, b'\'' | b'-' | b'.' | b',' | b'&' | b'/')
}

/// "9", "24", "9/11": digits, perhaps joined by slashes, before a slash that joins more digits
/// ("9/11", "24/7"; not "and/or").
fn digits_between_slashes(so_far: &str) -> bool {
    !so_far.is_empty() && so_far.bytes().all(|b| b.is_ascii_digit() || b == b'/')
}

/// "U.S", "p.m", "3.5", "R-S.C": a period followed by a letter or digit continues the word when
/// the part so far is a single letter (after any period or hyphen), digits, or already dotted.
fn is_dotted_word(so_far: &str, after: Option<char>) -> bool {
    let last_seg = so_far.rsplit(['.', '-']).next().unwrap_or(so_far);
    let digits = so_far.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    (digits && after.is_some_and(|a| a.is_ascii_digit())) || last_seg.chars().count() == 1
}

/// "Mr", "Sen", "Gov": abbreviations whose period belongs to the word.
fn is_title_abbreviation(word: &str) -> bool {
    let initial = word.len() == 1 && word.bytes().all(|b| b.is_ascii_uppercase());
    initial || (word.chars().next().is_some_and(char::is_uppercase) && is_listed_abbreviation(word.as_bytes(), 0, word.len()))
}

/// "U.S", "a.m", "R-S.C" (a party and a state): single letters joined by periods.
fn is_acronym(so_far: &str) -> bool {
    so_far.contains('.') && so_far.split(['.', '-']).all(|seg| seg.chars().count() == 1)
}

fn quote_mark(c: char) -> Option<QuoteMark> {
    match c {
        '"' | '＂' => Some(QuoteMark::Straight),
        '“' | '«' | '„' | '‟' | '「' | '『' | '‹' | '‚' => Some(QuoteMark::Open),
        '”' | '»' | '」' | '』' | '›' => Some(QuoteMark::Close),
        '‘' => Some(QuoteMark::Open),
        '’' => Some(QuoteMark::Close),
        '\'' => Some(QuoteMark::Straight),
        _ => None,
    }
}

/// Single quotes double as apostrophes: "Clinton’s" is handled by the word joiner; a ’ or '
/// after a word ("the Joneses’ house") is an apostrophe, reported here as a closing mark that
/// the quote pairer will leave unpaired; `'` before a letter opens.
fn resolve_apostrophe(text: &str, at: usize, c: char, mark: QuoteMark) -> QuoteMark {
    if c != '\'' {
        return mark;
    }
    let before = text[..at].chars().next_back();
    let after = text[at + 1..].chars().next();
    match (before.is_some_and(is_alphanumeric), after.is_some_and(is_alphanumeric)) {
        (false, true) => QuoteMark::Open,
        (true, false) => QuoteMark::Close,
        _ => QuoteMark::Straight,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.span.of(text)).collect()
    }

    fn sentences(text: &str) -> Vec<&str> {
        Layout::new(text).sentences.iter().map(|s| s.span.of(text)).collect()
    }

    /// The tokenizer as first written, over `char_indices`: the byte-wise one must agree.
    fn reference(text: &str) -> Vec<Token> {
        let mut tokens = Vec::new();
        let mut chars = text.char_indices().peekable();
        while let Some((start, c)) = chars.next() {
            if c.is_whitespace() || c.is_control() {
                continue;
            }
            // Two apostrophes stand for a double quote in some newswires: ''Yes,'' he said.
            if c == '\'' && chars.peek().is_some_and(|&(_, d)| d == '\'') {
                chars.next();
                tokens.push(Token { span: Span::new(start, start + 2), kind: TokenKind::Quote(QuoteMark::Straight), capitalized: false });
                continue;
            }
            if let Some(mark) = quote_mark(c) {
                let kind = TokenKind::Quote(resolve_apostrophe(text, start, c, mark));
                tokens.push(Token { span: Span::new(start, start + c.len_utf8()), kind, capitalized: false });
                continue;
            }
            if !c.is_alphanumeric() {
                tokens.push(Token { span: Span::new(start, start + c.len_utf8()), kind: TokenKind::Punct(c), capitalized: false });
                continue;
            }
            let mut end = start + c.len_utf8();
            while let Some(&(i, d)) = chars.peek() {
                if d.is_alphanumeric() {
                    chars.next();
                    end = i + d.len_utf8();
                    continue;
                }
                // Word-internal joiners: "don't", "Clinton’s", "well-known", "U.S.", "3.5", "1,000", "9/11".
                if matches!(d, '\'' | '’' | '-' | '.' | ',' | '&' | '/') {
                    let after = text[i + d.len_utf8()..].chars().next();
                    let joins = match d {
                        '.' => after.is_some_and(|a| a.is_alphanumeric()) && is_dotted_word(&text[start..i], after),
                        ',' => after.is_some_and(|a| a.is_ascii_digit()) && text[start..i].bytes().all(|b| b.is_ascii_digit()),
                        '/' => after.is_some_and(|a| a.is_ascii_digit()) && !text[start..i].is_empty() && text[start..i].bytes().all(|b| b.is_ascii_digit() || b == b'/'),
                        '&' => after.is_some_and(|a| a.is_uppercase()) && text[start..i].len() <= 2,
                        _ => after.is_some_and(char::is_alphanumeric),
                    };
                    if joins {
                        chars.next();
                        end = i + d.len_utf8();
                        continue;
                    }
                    // The period closing an acronym or a title: "U.S.", "Sen." keep their dot.
                    if d == '.' && (is_acronym(&text[start..i]) || is_title_abbreviation(&text[start..i])) {
                        chars.next();
                        end = i + 1;
                    }
                    break;
                }
                // A combining mark, or a symbol before a letter or another such char, is inside.
                let inside = |c: char| !c.is_ascii() && !('\u{2000}'..='\u{206F}').contains(&c) && quote_mark(c).is_none() && !c.is_whitespace();
                let combining = ('\u{0300}'..='\u{036F}').contains(&d);
                if combining || (inside(d) && text[i + d.len_utf8()..].chars().next().is_some_and(|a| a.is_alphanumeric() || inside(a))) {
                    chars.next();
                    end = i + d.len_utf8();
                    continue;
                }
                break;
            }
            tokens.push(Token { span: Span::new(start, end), kind: TokenKind::Word, capitalized: c.is_uppercase() });
        }
        tokens
    }

    fn same(text: &str) {
        assert_eq!(tokenize(text), reference(text), "for {text:?}");
    }

    #[test]
    fn agrees_with_the_reference_on_news_text() {
        same("Clinton’s U.S. well-known 1,000 3.5 don't. ''Yes,'' AT&T a.m. Sen. Rubio J. Smith \u{1}x é\u{a0}ü 北京 Straße N.Y., 2,5 A&b AB&C 'tis ’90s '' ' U.S.A mr. no.5 9/11 24/7 and/or 1/ /2 9/11/2001");
        same("");
        same("'");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        #[test]
        fn agrees_with_the_reference(text in "\\PC{0,200}") {
            same(&text);
        }

        #[test]
        fn agrees_with_the_reference_on_joiners(text in "[a-zA-Z0-9 .,'’&/\\-\\n“”\"éÉß²½§\u{a0}\u{1}\u{301}\u{83}]{0,200}") {
            same(&text);
        }
    }

    #[test]
    fn ascii_runs_agree_with_the_byte_loop() {
        // Every byte value at every place in and past the first eight-byte chunk, after runs
        // of letters and digits of every length up to two chunks.
        for b in 0..=255u8 {
            for len in 0..=17 {
                for at in 0..len {
                    let mut letters: Vec<u8> = (0..len).map(|i| if i % 2 == 0 { b'q' } else { b'Q' }).collect();
                    letters[at] = b;
                    let alpha = letters.iter().position(|c| !c.is_ascii_alphabetic()).unwrap_or(len);
                    assert_eq!(ascii_alphabetic_run(&letters), alpha, "{letters:?}");
                    let mut mixed: Vec<u8> = (0..len).map(|i| if i % 3 == 0 { b'7' } else { letters[i] }).collect();
                    mixed[at] = b;
                    let alnum = mixed.iter().position(|c| !c.is_ascii_alphanumeric()).unwrap_or(len);
                    assert_eq!(ascii_alphanumeric_run(&mixed), alnum, "{mixed:?}");
                }
            }
        }
    }

    #[test]
    fn property_shortcuts_agree_with_char() {
        for c in (0..=0x3000).chain(0x1_0000..0x1_0400).filter_map(char::from_u32) {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_uppercase(c), c.is_uppercase(), "{c:?}");
        }
    }

    #[test]
    fn combining_marks_and_mojibake_stay_inside_words() {
        assert_eq!(words("Jose\u{301} said"), vec!["Jose\u{301}", "said"]);
        assert_eq!(words("Fran\u{c3}\u{83}\u{c2}\u{a7}ois Hollande"), vec!["Fran\u{c3}\u{83}\u{c2}\u{a7}ois", "Hollande"]);
        assert_eq!(words("§ 501 and 50 ¢"), vec!["§", "501", "and", "50", "¢"]);
    }

    #[test]
    fn tokens_keep_word_internal_marks() {
        assert_eq!(words("Clinton’s U.S. well-known 1,000 3.5 don't."), vec!["Clinton’s", "U.S.", "well-known", "1,000", "3.5", "don't", "."]);
        assert_eq!(words("the 9/11 families, 24/7 and/or 1/"), vec!["the", "9/11", "families", ",", "24/7", "and", "/", "or", "1", "/"]);
        assert_eq!(words("“Yes,” he said"), vec!["“", "Yes", ",", "”", "he", "said"]);
        assert_eq!(words("''Yes,'' he said"), vec!["''", "Yes", ",", "''", "he", "said"]);
        assert_eq!(words("AT&T a.m. end."), vec!["AT&T", "a.m.", "end", "."]);
        assert_eq!(words("Sen. Rubio and Mr. Smith."), vec!["Sen.", "Rubio", "and", "Mr.", "Smith", "."]);
        assert_eq!(words("Vann R. Newkirk"), vec!["Vann", "R.", "Newkirk"]);
        assert_eq!(words("Gowdy (R-S.C.) said"), vec!["Gowdy", "(", "R-S.C.", ")", "said"]);
        assert_eq!(words("a well-known man."), vec!["a", "well-known", "man", "."]);
    }

    #[test]
    fn sentences_split_on_terminal_punctuation() {
        let golden: &[(&str, &[&str])] = &[
            ("He left. She stayed.", &["He left.", "She stayed."]),
            ("Mr. Smith said no. Dr. Jones agreed.", &["Mr. Smith said no.", "Dr. Jones agreed."]),
            ("“We won,” he said. “Now we rest.”", &["“We won,” he said.", "“Now we rest.”"]),
            ("\"We won.\" He smiled.", &["\"We won.\"", "He smiled."]),
            ("John F. Kennedy spoke.", &["John F. Kennedy spoke."]),
            ("It was 3.5 percent. Really?", &["It was 3.5 percent.", "Really?"]),
            ("He lives in the U.S. The rest is history.", &["He lives in the U.S.", "The rest is history."]),
            ("The U.S. Senate voted.", &["The U.S. Senate voted."]),
            ("Gowdy (R-S.C.) said no. He left.", &["Gowdy (R-S.C.) said no.", "He left."]),
            ("The U.S. “clearly” needs a plan, he said.", &["The U.S. “clearly” needs a plan, he said."]),
            ("He left the U.S. “We won,” he said.", &["He left the U.S.", "“We won,” he said."]),
            ("He said no. “a trap,” she said.", &["He said no. “a trap,” she said."]),
            ("no period here", &["no period here"]),
        ];
        for (text, expected) in golden {
            assert_eq!(&sentences(text), expected, "for {text:?}");
        }
    }

    #[test]
    fn abbreviations_are_found_as_by_comparing_with_each() {
        let mut words: Vec<String> = ABBREVIATIONS.iter().flat_map(|a| [a.to_string(), a.to_uppercase(), a[..1].to_uppercase() + &a[1..]]).collect();
        words.extend(["m", "M", "mrx", "mr.", "approxi", "approximately", "St\u{e9}", "\u{e9}t", "calif", "CaLiF", "Calif\u{301}", "\u{212A}y"].map(String::from));
        for word in &words {
            let text = format!("{word} x");
            let compared = ABBREVIATIONS.iter().any(|a| word.eq_ignore_ascii_case(a));
            assert_eq!(is_listed_abbreviation(text.as_bytes(), 0, word.len()), compared, "{word:?} at the start");
            assert_eq!(is_listed_abbreviation(word.as_bytes(), 0, word.len()), compared, "{word:?} at the end of the text");
        }
    }

    #[test]
    fn paragraphs_and_boilerplate() {
        let text = "LATEST\n\nThe minister said the talks would resume.\nSign up for our newsletter to get the news in your inbox.\nRelated Posts";
        let layout = Layout::new(text);
        let flags: Vec<(&str, bool)> = layout.paragraphs.iter().map(|p| (p.span.of(text), p.boilerplate)).collect();
        assert_eq!(
            flags,
            vec![
                ("LATEST", true),
                ("The minister said the talks would resume.", false),
                ("Sign up for our newsletter to get the news in your inbox.", true),
                ("Related Posts", true),
            ]
        );
    }

    #[test]
    fn ascii_patterns_are_found_as_in_the_full_lowercase() {
        let mut buf = String::new();
        for text in ["Sign Up for OUR Newsletter", "ÉLAN’s “Inbox”", "\u{212A}EEP \u{130}NBOX", "Ünïcödé ΣΑΣ cookie"] {
            let full = text.to_lowercase();
            let fast = lower_for_ascii_patterns(text, &mut buf);
            for pattern in ["sign up", "newsletter", "our ", "inbox", "keep", "i", "cookie", "s"] {
                assert_eq!(fast.contains(pattern), full.contains(pattern), "{pattern:?} in {text:?}");
                assert_eq!(fast.starts_with(pattern), full.starts_with(pattern), "{pattern:?} in {text:?}");
            }
        }
    }

    #[test]
    fn apostrophes_are_not_opening_quotes() {
        let text = "the Joneses' house and 'quoted' word";
        let kinds: Vec<TokenKind> = tokenize(text).iter().map(|t| t.kind).collect();
        assert!(kinds.contains(&TokenKind::Quote(QuoteMark::Close)));
        assert!(kinds.contains(&TokenKind::Quote(QuoteMark::Open)));
    }
}
