//! Pairing quotation marks into quotes.
//!
//! Double marks (straight, curly, guillemets) are paired within a paragraph; single marks only
//! in paragraphs with no double marks (the British convention), since a single mark is most
//! often an apostrophe. Unbalanced marks are left unpaired. A quote that opens and does not
//! close in its paragraph continues when the next paragraph opens with a quote mark: the news
//! convention for a quotation over several paragraphs, closed only in the last one.

use crate::Span;
use crate::text::{Layout, QuoteMark, Token, TokenKind};

/// A paired quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quote {
    /// Token index of the opening mark.
    pub open: usize,
    /// Token index of the closing mark, or the last token of the last paragraph it runs to.
    pub close: usize,
    /// From the opening mark to the closing mark, both included.
    pub span: Span,
    /// Words inside.
    pub words: usize,
}

/// All quotes of a document, and for each token the quote it stands inside, if any.
#[derive(Debug, Default)]
pub struct Quotes {
    pub quotes: Vec<Quote>,
    /// `inside[t]` is 1 + the index of the quote token `t` is inside (marks excluded), or 0.
    inside: Vec<u32>,
}

impl Quotes {
    pub fn find(text: &str, layout: &Layout) -> Self {
        let mut quotes = Vec::new();
        let mut carried: Option<usize> = None;
        for (p, para) in layout.paragraphs.iter().enumerate() {
            let (s0, s1) = para.sentences;
            if s0 == s1 {
                continue;
            }
            let (t0, t1) = (layout.sentences[s0].tokens.0, layout.sentences[s1 - 1].tokens.1);
            let tokens = &layout.tokens[t0..t1];
            let double = tokens.iter().any(|t| t.is_quote() && is_double(text, t));
            let mut open = carried.take();
            if open.is_some() && !tokens.first().is_some_and(|t| matches!(t.kind, TokenKind::Quote(QuoteMark::Open | QuoteMark::Straight))) {
                open = None;
            }
            // A carried quote's new paragraph opens with a mark that continues it.
            let mut skip_first = open.is_some();
            for (i, tok) in tokens.iter().enumerate() {
                let TokenKind::Quote(mark) = tok.kind else { continue };
                if skip_first {
                    skip_first = false;
                    continue;
                }
                if is_double(text, tok) != double {
                    continue;
                }
                if !double && !single_can_quote(text, tok, mark) {
                    continue;
                }
                let t = t0 + i;
                match (open, mark) {
                    // "”Mr. Trump embodies …”": a closing glyph typed before a word, after a
                    // space or at the paragraph's start, opens a quote.
                    (None, QuoteMark::Close) if double && faces_word(text, tok) => open = Some(t),
                    (None, QuoteMark::Close) => {}
                    (None, _) => open = Some(t),
                    // "…problems for her here,“ said Jim Clyburn": an opening glyph typed where the
                    // quote closes, after a word or its comma and before a space, closes it.
                    (Some(o), QuoteMark::Open) if double && closes_after_word(text, tok) => {
                        quotes.push(make_quote(text, layout, o, t));
                        open = None;
                    }
                    (Some(_), QuoteMark::Open) => open = Some(t),
                    (Some(o), _) => {
                        quotes.push(make_quote(text, layout, o, t));
                        open = None;
                    }
                }
            }
            if let Some(o) = open {
                let next_opens = layout.paragraphs.get(p + 1).is_some_and(|next| {
                    let first = layout.sentences.get(next.sentences.0).map(|s| layout.tokens[s.tokens.0]);
                    next.sentences.0 < next.sentences.1 && first.is_some_and(|t| matches!(t.kind, TokenKind::Quote(QuoteMark::Open | QuoteMark::Straight)))
                });
                if next_opens {
                    carried = Some(o);
                } else if quotes_from_earlier_paragraph(layout, o, t0) {
                    // A carried quote that never closes ends with its last paragraph.
                    quotes.push(make_quote(text, layout, o, t1 - 1));
                }
            }
        }
        let mut inside = vec![0u32; layout.tokens.len()];
        for (q, quote) in quotes.iter().enumerate() {
            for slot in &mut inside[quote.open + 1..quote.close] {
                *slot = q as u32 + 1;
            }
        }
        Quotes { quotes, inside }
    }

    /// The quote token `t` stands inside (its marks excluded).
    pub fn inside(&self, t: usize) -> Option<usize> {
        self.inside.get(t).and_then(|&q| q.checked_sub(1)).map(|q| q as usize)
    }

    /// The quote whose opening mark is token `t`.
    pub fn opening_at(&self, t: usize) -> Option<usize> {
        self.quotes.binary_search_by_key(&t, |q| q.open).ok()
    }

    /// The quote whose closing mark is token `t`.
    pub fn closing_at(&self, t: usize) -> Option<usize> {
        // Quotes are in order of opening and do not nest, so closings are ordered too.
        self.quotes.binary_search_by_key(&t, |q| q.close).ok()
    }
}

fn quotes_from_earlier_paragraph(layout: &Layout, open: usize, paragraph_first_token: usize) -> bool {
    open < paragraph_first_token && layout.tokens.len() > open
}

fn make_quote(text: &str, layout: &Layout, open: usize, close: usize) -> Quote {
    let span = Span::new(layout.tokens[open].span.start, layout.tokens[close].span.end);
    let words = layout.tokens[open..=close].iter().filter(|t| t.is_word()).count();
    debug_assert!(span.end <= text.len());
    Quote { open, close, span, words }
}

fn is_double(text: &str, tok: &Token) -> bool {
    !matches!(tok.span.of(text), "'" | "‘" | "’" | "‚" | "‹" | "›")
}

#[cfg(test)]
mod newswire {
    use super::*;

    #[test]
    fn two_apostrophes_pair_as_a_double_quote() {
        let text = "''We won,'' she said, and the team's coach agreed.";
        let layout = Layout::new(text);
        let quotes: Vec<&str> = Quotes::find(text, &layout).quotes.iter().map(|q| q.span.of(text)).collect();
        assert_eq!(quotes, vec!["''We won,''"]);
    }
}

/// Whether a mark stands before a word with a space or nothing before it: where a quote opens.
/// An ellipsis may stand between the mark and the word: "” … he delivered".
fn faces_word(text: &str, tok: &Token) -> bool {
    // (Invisible formatting marks count as nothing: "\u{202A}”Isis declares …” wrote Pete …".)
    let before = text[..tok.span.start].trim_end_matches(is_format_mark).chars().next_back();
    let rest = &text[tok.span.end..];
    let elided = rest.trim_start_matches(' ');
    let elided = elided.strip_prefix('…').or_else(|| elided.strip_prefix("...")).map_or(rest, |r| r.trim_start_matches(' '));
    before.is_none_or(char::is_whitespace) && elided.chars().next().is_some_and(char::is_alphanumeric)
}

/// Whether a mark stands right after a word or its punctuation, with a space or the end after
/// it: where a quote closes.
fn closes_after_word(text: &str, tok: &Token) -> bool {
    let before = text[..tok.span.start].chars().next_back();
    let after = text[tok.span.end..].chars().next();
    before.is_some_and(|c| c.is_alphanumeric() || matches!(c, ',' | '.' | '!' | '?')) && after.is_none_or(char::is_whitespace)
}

/// Zero-width and direction marks that web copy leaves between words.
fn is_format_mark(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// A single mark quotes only at a word edge: opening before a word, closing after one.
fn single_can_quote(text: &str, tok: &Token, mark: QuoteMark) -> bool {
    let before = text[..tok.span.start].chars().next_back();
    let after = text[tok.span.end..].chars().next();
    let space_or_edge = |c: Option<char>| c.is_none_or(|c| c.is_whitespace() || "([{—-".contains(c));
    match mark {
        QuoteMark::Open => space_or_edge(before),
        QuoteMark::Close => after.is_none_or(|c| !c.is_alphanumeric()),
        QuoteMark::Straight => space_or_edge(before) || after.is_none_or(|c| !c.is_alphanumeric()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str) -> Vec<&str> {
        let layout = Layout::new(text);
        Quotes::find(text, &layout).quotes.iter().map(|q| q.span.of(text)).collect()
    }

    #[test]
    fn pairs_marks_of_every_style() {
        assert_eq!(quoted("“We won,” he said."), vec!["“We won,”"]);
        assert_eq!(quoted("\"We won,\" he said. \"Now rest.\""), vec!["\"We won,\"", "\"Now rest.\""]);
        assert_eq!(quoted("«Nous avons gagné», dit-il."), vec!["«Nous avons gagné»"]);
        // A closing glyph typed where the quote opens, before a word.
        assert_eq!(quoted("”We won,” he said. Then ”we rested.”"), vec!["”We won,”", "”we rested.”"]);
        // … and before an ellipsis that elides the quote's start, but not after a word.
        assert_eq!(quoted("He wrote: ” … we rested,” he said."), vec!["” … we rested,”"]);
        assert_eq!(quoted("He rested.” … we rested."), Vec::<&str>::new());
        assert_eq!(quoted("\u{202A}”We rested,” he said."), vec!["”We rested,”"]);
        // … and an opening glyph typed where the quote closes, before a space.
        assert_eq!(quoted("“We rested,“ he said. “Then we left.”"), vec!["“We rested,“", "“Then we left.”"]);
        assert_eq!(quoted("He called it 'a disgrace' today."), vec!["'a disgrace'"]);
    }

    #[test]
    fn apostrophes_and_unbalanced_marks_are_left_alone() {
        assert_eq!(quoted("Clinton’s aides and the Joneses’ house"), Vec::<&str>::new());
        assert_eq!(quoted("He said “we will never sign and left."), Vec::<&str>::new());
        assert_eq!(quoted("A stray ” mark, then “a quote”."), vec!["“a quote”"]);
    }

    #[test]
    fn a_quote_runs_over_paragraphs_that_open_with_a_mark() {
        let text = "“The first part,” she said. “The second part.\n“The third part.”\nAfter.";
        assert_eq!(quoted(text), vec!["“The first part,”", "“The second part.\n“The third part.”"]);
    }
}
