//! Speaker phrases: the noun phrase before or after a cue, its name and its kind.
//!
//! There is no part-of-speech model: phrases are read from capitalization, closed word lists
//! (determiners, auxiliaries, prepositions that join a role to its complement) and the
//! lexicons. Every walk is bounded by [`MAX_PHRASE`] tokens, so the cost per cue is constant.

use crate::key::LexiconMemo;
use crate::text::{Token, TokenKind};
use crate::{EntityKind, Span};

use super::lexicon::{self, Cue, Lexicon, Lookup, lower, set, word};

/// The longest speaker phrase, in tokens.
pub const MAX_PHRASE: usize = 14;

/// A speaker phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Phrase {
    /// Tokens `first..=last`.
    pub first: usize,
    pub last: usize,
    /// Tokens `name.0..name.1` are the proper name in it, if any ("Pashinyan" in "Armenian
    /// Prime Minister Pashinyan").
    pub name: Option<(usize, usize)>,
    pub kind: EntityKind,
    /// The phrase is a lone personal pronoun.
    pub pronoun: bool,
}

impl Phrase {
    /// It names or describes someone: a pronoun, a name, or a known kind of speaker ("the
    /// mayor"), not a bare noun the lexicon does not know.
    pub fn names_someone(&self) -> bool {
        self.pronoun || self.name.is_some() || self.kind != EntityKind::Unknown
    }

    /// An object pronoun ("him", "them") is never a subject.
    pub fn pronoun_object(&self, text: &str, tokens: &[Token]) -> bool {
        self.first == self.last && matches!(lower(tokens[self.first].span.of(text)).as_str(), "him" | "her" | "them" | "me" | "us")
    }

    pub fn span(&self, tokens: &[Token]) -> Span {
        tokens[self.first].span.cover(tokens[self.last].span)
    }
}

thread_local! {
    /// The short words' [`Lexicon::lookup`]s this thread has made, and the [`Lexicon::id`] of
    /// the lexicon they are of.
    static LOOKUPS: std::cell::RefCell<LexiconMemo<Lookup>> = std::cell::RefCell::new(LexiconMemo::new());
}

/// Reads phrases over one document's tokens.
pub struct Reader<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    pub lex: &'a Lexicon,
    /// Each token's text, sliced once per document: the rules ask for a token's text about
    /// six times per token, and each slicing checks the bounds and both char boundaries.
    words: Vec<&'a str>,
    /// Each token's [`Lexicon::lookup`], looked up once per document: the phrase walks of
    /// every cue, and the rules, ask about the same tokens again and again.
    lookups: Vec<Lookup>,
    /// The text in ASCII lowercase, which has the text's byte offsets: [`Reader::lower`] slices
    /// a token out of it rather than lowercasing a copy each time a rule asks (some 8,000
    /// times in 20 articles).
    lower_text: String,
}


impl<'a> Reader<'a> {
    pub fn new(text: &'a str, tokens: &'a [Token], lex: &'a Lexicon) -> Self {
        let words: Vec<&'a str> = tokens.iter().map(|tok| tok.span.of(text)).collect();
        // Most tokens are short words and marks that every text repeats ("the", "said", ","):
        // remembered per thread, across documents, for the lexicon they were looked up in
        // (a memo per document looked up each of them again in every document, two thirds of
        // its lookups).
        let lookups = LOOKUPS.with_borrow_mut(|memo| {
            let memo = memo.of(lex.id());
            tokens.iter().zip(&words).map(|(tok, word)| memo.get_in(text.as_bytes(), tok.span.start, tok.span.end, || lex.lookup(word))).collect()
        });
        Reader { text, tokens, lex, words, lookups, lower_text: text.to_ascii_lowercase() }
    }

    /// Token `t`'s text.
    pub fn word(&self, t: usize) -> &'a str {
        self.words[t]
    }
}

impl Reader<'_> {
    /// `lexicon::lower(self.word(t))`: token `t`'s text in ASCII lowercase.
    pub fn lower(&self, t: usize) -> &str {
        let span = self.tokens[t].span;
        &self.lower_text[span.start..span.end]
    }

    /// `lex.bits(self.word(t))`.
    pub fn bits(&self, t: usize) -> u32 {
        self.lookups[t].bits
    }

    /// `lex.is(self.word(t), bits)`.
    pub fn is_in(&self, t: usize, bits: u32) -> bool {
        self.bits(t) & bits != 0
    }

    /// `lex.cue(self.word(t))`.
    pub fn cue(&self, t: usize) -> Option<Cue> {
        self.lookups[t].cue
    }

    /// `lex.words(self.word(t)) & classes != 0`: the token is spelled as a word of one of the
    /// word classes ([`word`]).
    pub fn is_class(&self, t: usize, classes: u32) -> bool {
        self.lookups[t].words & classes != 0
    }

    /// `entities::pronoun(self.word(t)).is_some()`: a personal pronoun, possessive or not.
    pub fn is_pronoun(&self, t: usize) -> bool {
        self.is_in(t, set::PRONOUN)
    }

    /// `is_relative(self.word(t))`.
    pub fn is_relative(&self, t: usize) -> bool {
        self.is_class(t, word::RELATIVE)
    }

    /// A head that counts or measures what its complement names: "half", "most", "a majority",
    /// "four", "the average", "early results" (a count, a hyphenated share, or one of
    /// [`QUANTITIES`]).
    fn is_quantity(&self, t: usize) -> bool {
        self.is_class(t, word::QUANTITY) || self.is_count(t) || is_fraction(self.word(t))
    }

    /// `is_count(self.word(t))`.
    pub fn is_count(&self, t: usize) -> bool {
        let w = self.word(t);
        self.is_class(t, word::COUNT) || !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit())
    }

    #[inline]
    pub fn is_word(&self, t: usize, w: &str) -> bool {
        // The lengths first, as `eq_ignore_ascii_case` does, but before slicing the text: the
        // rules ask this of nearly every token, and most words have another length.
        self.tokens.get(t).is_some_and(|tok| tok.is_word() && self.words[t].len() == w.len() && self.words[t].eq_ignore_ascii_case(w))
    }

    /// A pronoun that may be a speaker (not "her", "him", "them"), possessive or not.
    fn pronoun(&self, t: usize) -> bool {
        self.tokens[t].is_word() && self.is_in(t, set::SUBJECT_PRONOUN)
    }

    /// A word that can stand in a name or noun phrase.
    fn nominal(&self, t: usize) -> bool {
        let tok = self.tokens[t];
        if !tok.is_word() {
            return false;
        }
        let w = self.word(t);
        let bits = self.bits(t);
        if tok.capitalized {
            // Sentence-initial "But", "However", "In" are not names.
            return bits & set::CAP_FUNCTION == 0 || bits & (set::TITLE | set::PLACE | set::MEDIA | set::ORG) != 0;
        }
        if bits & (set::BREAKER | set::AUX) != 0 && bits & (set::PERSON_ROLE | set::GROUP | set::ORG | set::MEDIA) == 0 {
            return false;
        }
        // "-ly" adverbs and "-ing"/"-ed" verb forms rarely head a speaker phrase, and a cue word
        // is a noun only after a determiner or a name ("a Medium post", "the report"); after
        // "according to" each is one ("according to state records", "according to polling").
        // (Membership in the set of finite verbs says nothing of a noun.)
        let noun_bits = bits & !(set::FINITE | set::ACT | set::PRONOUN | set::SUBJECT_PRONOUN);
        // ("conservative-leaning", "state-owned": a hyphenated adjective is no verb.)
        let hyphenated = w.contains('-');
        let verb_like = ly_adverb(w) || (!hyphenated && w.ends_with("ing") && noun_bits == 0) || (!hyphenated && w.ends_with("ed") && noun_bits == 0);
        let cue_word = self.cue(t).is_some() && bits & (set::GROUP | set::PERSON_ROLE | set::ORG) == 0;
        if w.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
        if !verb_like && !cue_word {
            return true;
        }
        let after_according = t >= 2 && self.word(t - 1).eq_ignore_ascii_case("to") && self.word(t - 2).eq_ignore_ascii_case("according");
        if after_according {
            return true;
        }
        // ("secretary of state": after "of" a title is a noun too.)
        let of_title = t > 0 && self.word(t - 1) == "of" && bits & set::TITLE != 0;
        let noun_use = t > 0 && (self.determiner(t - 1) || self.tokens[t - 1].capitalized || of_title);
        // ("the planning says", "the bombing of": after a determiner, an "-ing" form that ends
        // its phrase is a noun; not one before its noun, "the ongoing election".)
        let ends_phrase = || self.tokens.get(t + 1).is_none_or(|n| !n.is_word() || self.is_in(t + 1, set::CONNECTOR) || self.cue(t + 1).is_some());
        let gerund_noun = || self.determiner(t - 1) && w.ends_with("ing") && !ly_adverb(w) && ends_phrase();
        noun_use && (!verb_like || gerund_noun())
    }

    fn determiner(&self, t: usize) -> bool {
        self.tokens[t].is_word() && self.is_in(t, set::DETERMINER)
    }

    fn connector(&self, t: usize) -> bool {
        self.tokens[t].is_word() && !self.tokens[t].capitalized && self.is_in(t, set::CONNECTOR)
    }

    /// The phrase that ends at token `last`, starting no earlier than `floor`.
    pub fn left(&self, last: usize, floor: usize) -> Option<Phrase> {
        // "Chris Collins, R-NY, says": a party and state is said of the name before it.
        if party_and_state(self.word(last)) {
            return None;
        }
        let ph = self.left_of(last, floor);
        // "a source close to him", "an official familiar with the investigation": a noun, an
        // adjective that follows it, and the adjective's complement (an object pronoun too,
        // which is never a speaker of its own).
        let complement = ph.map(|p| p.first).or_else(|| matches!(self.lower(last), "him" | "her" | "them" | "us" | "me").then_some(last));
        let adjective = complement.and_then(|first| first.checked_sub(2)).filter(|&adj| adj > floor && self.postnominal(adj));
        // "people with knowledge of the talks", "an official with the agency": people, then
        // "with" and what they have.
        let with = ph.map(|p| p.first).filter(|&first| first >= floor + 2 && self.word(first - 1).eq_ignore_ascii_case("with"));
        if let Some(people) = with.and_then(|first| self.left_of(first - 2, floor)).filter(|p| !p.pronoun && self.people_noun(p.last)) {
            return Some(self.finish(people.first, last, false));
        }
        match adjective.and_then(|adj| self.left_of(adj - 1, floor)) {
            Some(noun) if !noun.pronoun => Some(self.finish(noun.first, last, false)),
            // "Those close to him", "some familiar with the talks": a determiner alone stands
            // for the people.
            None if adjective.is_some_and(|adj| ["those", "some", "many", "others", "several"].iter().any(|d| self.word(adj - 1).eq_ignore_ascii_case(d))) => {
                let first = adjective? - 1;
                Some(Phrase { kind: EntityKind::Group, ..self.finish(first, last, false) })
            }
            _ => ph,
        }
    }

    /// Token `a` is an apostrophe that makes the word in "s" before it a possessive: written
    /// right after it, with a space and a lowercase word after ("Sanders’ campaign").
    fn plural_possessive(&self, a: usize) -> bool {
        let tok = self.tokens[a];
        a > 0
            && a + 1 < self.tokens.len()
            && tok.is_quote()
            && matches!(self.word(a), "'" | "’")
            && self.tokens[a - 1].is_word()
            && self.tokens[a - 1].span.end == tok.span.start
            && self.word(a - 1).ends_with(['s', 'S'])
            && self.tokens[a + 1].is_word()
            && self.tokens[a + 1].span.start > tok.span.end
            && !self.tokens[a + 1].capitalized
    }

    /// Token `t` names people: "officials", "a spokesman", "several senior Democrats".
    fn people_noun(&self, t: usize) -> bool {
        let w = self.word(t);
        self.bits(t) & (set::PERSON_ROLE | set::GROUP) != 0 || (w.len() > 4 && w.ends_with('s') && self.lex.is(&w[..w.len() - 1], set::PERSON_ROLE))
    }

    /// Token `t` is an adjective that follows its noun, and its preposition comes next: "close
    /// to", "familiar with", "briefed on".
    fn postnominal(&self, t: usize) -> bool {
        self.tokens[t].is_word() && t + 1 < self.tokens.len() && self.is_class(t, word::POSTNOMINAL) && POSTNOMINAL.iter().any(|(a, p)| self.word(t).eq_ignore_ascii_case(a) && self.word(t + 1).eq_ignore_ascii_case(p))
    }

    fn left_of(&self, last: usize, floor: usize) -> Option<Phrase> {
        if last < floor || !self.tokens[last].is_word() {
            return None;
        }
        if self.pronoun(last) {
            return Some(self.finish(last, last, true));
        }
        if !self.nominal(last) || self.determiner(last) {
            return None;
        }
        let mut first = last;
        let mut t = last;
        let stop = floor.max(last.saturating_sub(MAX_PHRASE));
        while t > stop {
            let prev = t - 1;
            // "Sanders’ campaign", "voters' concerns": an apostrophe after a word in "s" and
            // before this noun is that word's possessive, which opens the phrase.
            if prev > stop && self.plural_possessive(prev) && first == t {
                first = prev - 1;
                t = prev - 1;
                continue;
            }
            // "said that Clinton described …": before a name, "that" opens a clause.
            if self.tokens[t].capitalized && self.word(prev).eq_ignore_ascii_case("that") {
                break;
            }
            // "said that experts say": before a plural, "that" and "this" open a clause.
            let plural = self.word(last).len() > 3 && self.word(last).ends_with('s') && !self.word(last).ends_with("ss");
            if plural && (self.word(prev).eq_ignore_ascii_case("that") || self.word(prev).eq_ignore_ascii_case("this")) {
                break;
            }
            if self.determiner(prev) {
                first = prev;
                // "the head of the agency": a connector before the determiner continues.
                if prev > stop && self.connector(prev - 1) && prev - 1 > stop && self.nominal(prev - 2) {
                    t = prev - 1;
                    first = prev - 1;
                    continue;
                }
                break;
            }
            if self.connector(prev) {
                if prev > stop && self.nominal(prev - 1) {
                    t = prev;
                    first = prev;
                    continue;
                }
                break;
            }
            if self.nominal(prev) && !self.pronoun(prev) {
                first = prev;
                t = prev;
                continue;
            }
            // "the tracking poll", "the ruling party": a participle between a determiner and
            // the noun modifies it.
            let participle = !self.tokens[prev].capitalized && (self.word(prev).ends_with("ing") || self.word(prev).ends_with("ed")) && self.cue(prev).is_none();
            // ("the newly filed reports": an "-ly" adverb before the participle.)
            let adverb = participle && prev > stop + 1 && !self.tokens[prev - 1].capitalized && ly_adverb(self.word(prev - 1));
            let before = if adverb { prev - 1 } else { prev };
            if participle && before > stop && self.determiner(before - 1) && !self.word(before - 1).eq_ignore_ascii_case("that") {
                first = before - 1;
                // ("an analysis of the newly filed reports": "of" before it continues.)
                let det = before - 1;
                if det > stop + 1 && self.word(det - 1) == "of" && self.nominal(det - 2) {
                    t = det - 1;
                    first = det - 1;
                    continue;
                }
                break;
            }
            // "an analysis of filed reports": after "of", the phrase goes on before it.
            if participle && before > stop + 1 && self.word(before - 1) == "of" && self.nominal(before - 2) {
                first = before;
                t = before;
                continue;
            }
            // "73 percent", "Another 19 percent", "two officials": a count before the head.
            if self.tokens[prev].is_word() && self.word(prev).bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b',') && self.word(prev).bytes().any(|b| b.is_ascii_digit()) {
                first = prev;
                t = prev;
                continue;
            }
            break;
        }
        // Never start on a connector: "of the agency" without its head is no speaker.
        while first < last && self.connector(first) {
            first += 1;
        }
        Some(self.finish(first, last, false))
    }

    /// The phrase that starts at token `first`, ending before `ceiling`.
    pub fn right(&self, first: usize, ceiling: usize) -> Option<Phrase> {
        if first >= ceiling || !self.tokens[first].is_word() || party_and_state(self.word(first)) {
            return None;
        }
        // "his friends": a possessive before a noun is its determiner.
        let possessive = self.determiner(first) && first + 1 < ceiling && self.nominal(first + 1);
        if self.pronoun(first) && !possessive {
            return Some(self.finish(first, first, true));
        }
        let stop = ceiling.min(first + MAX_PHRASE);
        let mut last = None;
        let mut t = first;
        while t < stop {
            // "called the measure a gift": after a head, a determiner opens another phrase
            // (after a connector it is the complement's: "the head of the agency").
            if self.determiner(t) && last.is_some() && !self.connector(t - 1) {
                break;
            }
            // "Sen. Jim Whelan who represents Atlantic City": a relative clause is no part of it.
            if last.is_some() && self.is_relative(t) {
                break;
            }
            if self.determiner(t) && last.is_none() {
                t += 1;
                // "one of his senior aides", "some of the officials".
                if t + 1 < stop && self.word(t) == "of" && self.determiner(t + 1) {
                    t += 1;
                }
                continue;
            }
            let joins = t + 1 < stop && (self.determiner(t + 1) || self.tokens[t + 1].capitalized || (self.word(t) == "of" && self.nominal(t + 1)));
            if self.connector(t) && last.is_some() && joins {
                t += 1;
                continue;
            }
            if self.nominal(t) && !self.pronoun(t) {
                last = Some(t);
                t += 1;
                continue;
            }
            // "a 2008 Clinton veteran", "two officials", "a January 2016 study": a number before
            // the head.
            if (last.is_none() || self.tokens[t - 1].capitalized) && self.tokens[t].is_word() && self.word(t).bytes().all(|b| b.is_ascii_digit()) && t + 1 < stop && self.nominal(t + 1) && !self.pronoun(t + 1) {
                t += 1;
                continue;
            }
            // A modifier before a noun: "a publishing executive", "early results", "the
            // “Medicare for all” document".
            if let Some(next) = self.modifier_end(t, stop).filter(|_| last.is_none()) {
                t = next;
                continue;
            }
            break;
        }
        let last = last?;
        Some(self.finish(first, last, false))
    }

    /// If token `t` starts a modifier that a noun follows (an -ing, -ed or -ly word, or a
    /// short quoted phrase), the token after the modifier.
    fn modifier_end(&self, t: usize, stop: usize) -> Option<usize> {
        let tok = self.tokens[t];
        let after = match tok.kind {
            TokenKind::Word if !tok.capitalized => {
                let w = self.word(t);
                // "the long lines", "the first debate": after a determiner, a word the auxiliary
                // list holds ("has long said") is an adjective.
                let adjective = t > 0 && self.determiner(t - 1) && self.is_in(t, set::AUX) && !self.is_in(t, set::FINITE);
                (adjective || w.ends_with("ing") || w.ends_with("ed") || w.ends_with("ly")).then_some(t + 1)?
            }
            TokenKind::Quote(_) => (t + 1..stop.min(t + 6)).find(|&i| self.tokens[i].is_quote()).map(|close| close + 1)?,
            _ => return None,
        };
        (after < stop && self.nominal(after) && !self.pronoun(after)).then_some(after)
    }

    fn finish(&self, first: usize, last: usize, pronoun: bool) -> Phrase {
        let name = self.name_in(first, last);
        // The head's words, on the stack for the phrases the walks build (at most MAX_PHRASE
        // tokens); a longer one is collected.
        let mut head_end = self.head_end(first, last);
        // "sources close to the campaign", "people familiar with the matter": an adjective after
        // the noun, before its complement.
        if let Some(adjective) = (first + 1..last).find(|&t| self.postnominal(t)) {
            head_end = head_end.min(adjective - 1);
        }
        // A quantity's kind is its complement's: "half of Vermont Democrats", "four in 10
        // voters", "the average of recent polls".
        let quantity = head_end < last && self.tokens[head_end].is_word() && self.is_quantity(head_end);
        // "58 percent of Latino voters overall": an adverb closing the complement is no head.
        // ("One of the former prosecutors for David Petraeus": the complement's own head.)
        let mut kind_end = if quantity && head_end + 2 <= last { self.head_end(head_end + 2, last) } else if quantity { last } else { head_end };
        while kind_end > first && self.is_class(kind_end, word::TRAILING_ADVERB) {
            kind_end -= 1;
        }
        let head = first..=kind_end;
        // The sets of the last word, the head, are the reader's lookup of its token.
        let head_bits = head.clone().rev().find(|&t| self.tokens[t].is_word()).map_or(0, |t| self.bits(t));
        let kind = if head.clone().count() <= MAX_PHRASE + 1 {
            let mut words = [""; MAX_PHRASE + 1];
            let mut n = 0;
            for t in head.filter(|&t| self.tokens[t].is_word()) {
                words[n] = self.word(t);
                n += 1;
            }
            lexicon::kind_of_words_with(self.lex, &words[..n], head_bits, name.is_some())
        } else {
            let words: Vec<&str> = head.filter(|&t| self.tokens[t].is_word()).map(|t| self.word(t)).collect();
            lexicon::kind_of_words_with(self.lex, &words, head_bits, name.is_some())
        };
        // "a majority said", "half disagreed": a quantity with no complement counts people.
        let kind = if kind == EntityKind::Unknown && self.tokens[kind_end].is_word() && self.is_quantity(kind_end) { EntityKind::Group } else { kind };
        Phrase { first, last, name, kind, pronoun }
    }

    /// The head word of a phrase: its last token before a connector's complement ("poll" in
    /// "the new poll of likely voters").
    pub fn head(&self, ph: Phrase) -> usize {
        self.head_end(ph.first, ph.last)
    }

    /// The last token of the phrase's head: before a connector's complement ("the ambassador"
    /// in "the ambassador to Armenia").
    fn head_end(&self, first: usize, last: usize) -> usize {
        (first + 1..=last).find(|&t| self.connector(t)).map_or(last, |c| c - 1)
    }

    /// The proper name in a phrase: the capitalized run nearest the head that is not a title,
    /// nationality or function word.
    fn name_in(&self, first: usize, last: usize) -> Option<(usize, usize)> {
        let end = self.head_end(first, last);
        // "one Clinton aide", "a Trump spokesman": a name before a lowercase role modifies it;
        // the speaker is the aide, not Clinton ("Clinton's aide" too, but "Trump's campaign" and
        // "an Ipsos poll" speak for Trump and Ipsos).
        let role_head = self.tokens[end].is_word() && !self.tokens[end].capitalized && self.is_in(end, set::PERSON_ROLE);
        if role_head && (first..end).any(|t| self.name_word(t)) {
            return None;
        }
        let mut t = end + 1;
        while t > first {
            t -= 1;
            if self.name_word(t) {
                let run_end = t + 1;
                while t > first && self.name_word(t - 1) {
                    t -= 1;
                }
                return Some((t, run_end));
            }
            if self.tokens[t].capitalized || !self.tokens[t].is_word() {
                continue;
            }
        }
        None
    }

    fn name_word(&self, t: usize) -> bool {
        let tok = self.tokens[t];
        if tok.kind != TokenKind::Word || !tok.capitalized {
            return false;
        }
        // "Six in 10 voters": a count opening a sentence is no name.
        if self.is_count(t) {
            return false;
        }
        let bits = self.bits(t);
        bits & (set::TITLE | set::NATIONALITY | set::CAP_FUNCTION | set::DETERMINER) == 0 || bits & set::PLACE != 0 && bits & set::NATIONALITY == 0
    }
}

/// A relative pronoun: "who", "which", "whom", "whose", "that".
pub fn is_relative(word: &str) -> bool {
    lexicon::RELATIVES.iter().any(|r| word.eq_ignore_ascii_case(r))
}

/// "he’s", "it's": a pronoun with a contracted "is" or "has".
pub fn contracted_be(lower: &str) -> bool {
    let stem = lower.strip_suffix("’s").or_else(|| lower.strip_suffix("'s"));
    stem.is_some_and(|s| lexicon::pronoun_kind(s).is_some())
}

/// An "-ly" adverb by its form ("repeatedly", "also only"), not one of the nouns and verbs
/// that end so ("family", "rally", "supply", "reply").
pub fn ly_adverb(w: &str) -> bool {
    const NOT_ADVERBS: &[&str] = &["family", "supply", "reply", "apply", "comply", "rally", "ally", "assembly", "monopoly", "anomaly", "homily", "folly", "tally", "bully", "belly", "jelly", "lily", "weekly", "monthly", "quarterly"];
    w.len() > 4 && w.ends_with("ly") && !NOT_ADVERBS.iter().any(|n| w.eq_ignore_ascii_case(n))
}

/// A count that can stand as a subject: "nine in 10 said", "most disagreed".
pub fn is_count(word: &str) -> bool {
    word.bytes().all(|b| b.is_ascii_digit()) && !word.is_empty() || COUNTS.iter().any(|c| word.eq_ignore_ascii_case(c))
}

/// The words for counts that [`is_count`] takes ([`word::COUNT`]).
pub(super) const COUNTS: &[&str] = &["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "most", "many", "some", "few", "half", "several", "none"];

/// Adverbs that may close a speaker phrase: "voters overall", "Republicans nationwide".
pub(super) const TRAILING_ADVERBS: &[&str] = &["overall", "nationwide", "statewide", "alike", "too", "themselves", "combined", "generally"];

/// Adjectives that follow the noun they describe, before their complement.
pub(super) const POSTNOMINAL: &[(&str, &str)] = &[
    ("close", "to"), ("familiar", "with"), ("involved", "in"), ("knowledgeable", "about"), ("loyal", "to"),
    ("opposed", "to"), ("sympathetic", "to"), ("briefed", "on"), ("allied", "with"), ("aligned", "with"),
    ("connected", "to"), ("connected", "with"), ("tied", "to"), ("linked", "to"), ("affiliated", "with"),
];

/// The heads of [`Reader::is_quantity`] that are no counts ([`word::QUANTITY`]).
pub(super) const QUANTITIES: &[&str] = &[
    "majority", "minority", "share", "percent", "third", "thirds", "quarter", "number", "average", "plurality", "results", "all", "both",
    "each", "any", "array", "handful", "host", "slew", "range", "variety", "couple", "dozen", "dozens", "hundreds", "thousands", "millions", "scores",
];

/// "two-thirds", "one-quarter", "60-percent": a hyphenated share.
fn is_fraction(word: &str) -> bool {
    const SHARES: &[&str] = &["majority", "minority", "share", "percent", "third", "thirds", "quarter"];
    word.rsplit_once('-').is_some_and(|(n, f)| is_count(n) && SHARES.iter().any(|q| f.eq_ignore_ascii_case(q)))
}

/// A personal pronoun with a verb contracted onto it: "they're", "we’ll", "I've", "she'd",
/// "he's". The text of a clause's start, lowercase.
pub fn contracted_pronoun(lower: &str) -> bool {
    let stem = ["'re", "’re", "'ll", "’ll", "'ve", "’ve", "'d", "’d", "'m", "’m"].iter().find_map(|c| lower.strip_suffix(c));
    contracted_be(lower) || stem.is_some_and(|s| lexicon::pronoun_kind(s).is_some())
}

/// A name's words with titles and possessive endings removed: the form used for canonical
/// names ("Prime Minister Pashinyan’s" → "Pashinyan").
pub fn clean_name(name: &str) -> &str {
    let name = name.strip_suffix("’s").or_else(|| name.strip_suffix("'s")).unwrap_or(name);
    name.strip_suffix('’').or_else(|| name.strip_suffix('\'')).unwrap_or(name)
}

/// "R-NY", "D-Mo.", "R-S.C.", "I-Vt": a party's initial, a hyphen and a state's abbreviation.
pub(super) fn party_and_state(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() >= 4
        && b.len() <= 9
        && matches!(b[0], b'R' | b'D' | b'I')
        && b[1] == b'-'
        && b[2].is_ascii_uppercase()
        && b[3..].iter().all(|&c| c.is_ascii_alphabetic() || c == b'.')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn left(text: &str, cue: &str) -> (String, Option<String>, EntityKind) {
        let tokens = tokenize(text);
        let lex = Lexicon::new();
        let r = Reader::new(text, &tokens, &lex);
        let c = tokens.iter().position(|t| t.span.of(text) == cue).unwrap();
        let p = r.left(c - 1, 0).unwrap();
        let name = p.name.map(|(a, b)| tokens[a].span.cover(tokens[b - 1].span).of(text).to_string());
        (p.span(&tokens).of(text).to_string(), name, p.kind)
    }

    #[test]
    fn speaker_phrases_before_the_cue() {
        let golden: &[(&str, &str, &str, Option<&str>, EntityKind)] = &[
            ("Armenian Prime Minister Pashinyan said it.", "said", "Armenian Prime Minister Pashinyan", Some("Pashinyan"), EntityKind::Person),
            ("In this regard, the Russian ambassador to Armenia said so.", "said", "the Russian ambassador to Armenia", None, EntityKind::Person),
            ("But officials said no.", "said", "officials", None, EntityKind::Group),
            ("The Kremlin said no.", "said", "The Kremlin", Some("Kremlin"), EntityKind::Government),
            ("After that he said no.", "said", "he", None, EntityKind::Person),
            ("The head of the agency said no.", "said", "The head of the agency", None, EntityKind::Person),
            ("Reuters reported it.", "reported", "Reuters", Some("Reuters"), EntityKind::Media),
            ("Then Sen. Marco Rubio said no.", "said", "Sen. Marco Rubio", Some("Marco Rubio"), EntityKind::Person),
            ("They noted that Clinton described it.", "described", "Clinton", Some("Clinton"), EntityKind::Person),
        ];
        for &(text, cue, phrase, name, kind) in golden {
            let (p, n, k) = left(text, cue);
            assert_eq!((p.as_str(), n.as_deref(), k), (phrase, name, kind), "in {text:?}");
        }
    }
}
