//! Attribution: quotes, cues, speakers, sources and the claims they make.
//!
//! Per document: pair the quotation marks ([`quotes`]), collect the names and their variants
//! ([`entities::Names`]), then read paragraph by paragraph. In each sentence every cue (a
//! reporting verb from the [`lexicon`], or "according to") is read by the rules below into a
//! candidate claim: a speaker phrase ([`phrase`]) on one side, the content on the other or on
//! both. Quotes left over become cue-less claims of the paragraph's last speaker, or the
//! second piece of the claim just before them. Candidates are then resolved (pronouns,
//! canonical names, the time and the medium, inherited from the report that carries them) and
//! handed out in text order, paragraph by paragraph.

mod entities;
pub mod lexicon;
pub mod model;
mod phrase;
mod quotes;

use std::ops::ControlFlow;

use crate::id::claim_id;
use crate::text::{Layout, QuoteMark, TokenKind};
use crate::{Claim, ClaimKind, Document, Entity, EntityKind, Source, Span, Speaker, TimeExpr, TimeKind};

use entities::{Names, Registry};
use lexicon::{Cue, CueClass, Form, Lexicon, lower, set, with_lower};
use phrase::{Phrase, Reader};
use quotes::Quotes;

/// The longest content read to the right of a cue, in tokens. Bounds the work per cue, so a
/// document is read in time linear in its length whatever its punctuation.
const MAX_CONTENT: usize = 400;

/// The attribution stage, with its lexicons compiled.
#[derive(Debug, Default)]
pub struct Attributor {
    lex: Lexicon,
    cues: model::Model,
}

/// Who a candidate claim's speaker is, before resolution.
#[derive(Debug, Clone, Copy)]
enum Who {
    /// A phrase in the text.
    Phrase(Phrase),
    /// The speaker of the claim found just before in the same sentence ("…, adding that").
    Previous,
    /// Nobody named: a cue-less quote, spoken by the paragraph's last speaker.
    Implied,
}

/// A candidate claim, as a rule reads it.
#[derive(Debug, Clone)]
struct Found {
    kind: ClaimKind,
    who: Who,
    cue: Option<Span>,
    content: Vec<Span>,
    source: Option<Source>,
    /// The sentences it stands in.
    sentences: (usize, usize),
    confidence: f32,
}

impl Found {
    fn start(&self) -> usize {
        self.content.first().map_or(0, |s| s.start)
    }
}

/// One document's view for the rules.
struct Cx<'a> {
    text: &'a str,
    layout: &'a Layout,
    quotes: Quotes,
    r: Reader<'a>,
    /// `time_at[t]`: token `t` is inside a time expression.
    in_time: Vec<bool>,
    /// The token and buffer of the last features without a reading ([`model::features`]).
    plain_features: std::cell::Cell<Option<(usize, usize)>>,
    /// The token and score of the last features without a reading that the cue model weighed
    /// for its bound ([`model::Model::plain_score`]).
    plain_score: std::cell::Cell<Option<(usize, f32)>>,
}

/// The medium and time of the report whose paragraph we are in ("According to a report by
/// … on December 20, … the ambassador said").
#[derive(Debug, Clone)]
struct Report {
    paragraph: usize,
    when: Option<TimeExpr>,
    source: Option<Source>,
}

impl Attributor {
    pub fn new() -> Self {
        Attributor { lex: Lexicon::new(), cues: model::Model::shipped() }
    }

    /// Uses another cue model (for evaluating a freshly trained one).
    pub fn with_cue_model(mut self, cues: model::Model) -> Self {
        self.cues = cues;
        self
    }

    /// Training examples for the cue model from one document: for every candidate word, its
    /// features and whether it heads one of `cues` (the gold cue spans).
    pub fn cue_examples(&self, doc: &Document<'_>, layout: &Layout, times: &[TimeExpr], cues: &[Span], mut example: impl FnMut(&[u64], bool)) {
        let cx = self.context(doc, layout, times);
        let mut features = Vec::new();
        let mut taken = vec![false; cues.len()];
        for (s, sentence) in layout.sentences.iter().enumerate() {
            let (a, b) = sentence.tokens;
            for t in a..b {
                if !model::candidate(&cx, t, a) {
                    continue;
                }
                let span = layout.tokens[t].span;
                let gold = cues.iter().position(|c| c.contains(span));
                // Only the first candidate of a gold cue is its head; the rest teach nothing.
                if let Some(g) = gold {
                    if taken[g] {
                        continue;
                    }
                    taken[g] = true;
                }
                let reading = self.rule_reading(&cx, s, t).map(|f| reading(&cx, &f));
                model::features(&cx, t, sentence.tokens, reading, &mut features);
                example(&features, gold.is_some());
            }
        }
    }

    fn context<'a>(&'a self, doc: &Document<'a>, layout: &'a Layout, times: &[TimeExpr]) -> Cx<'a> {
        Cx {
            text: doc.text,
            layout,
            quotes: Quotes::find(doc.text, layout),
            r: Reader::new(doc.text, &layout.tokens, &self.lex),
            in_time: token_times(layout, times),
            plain_features: std::cell::Cell::new(None),
            plain_score: std::cell::Cell::new(None),
        }
    }

    /// The claim the rule reader makes of token `t` as a cue, if any: with its lexicon class,
    /// or as a stance verb if the lexicon does not know it.
    fn rule_reading(&self, cx: &Cx<'_>, s: usize, t: usize) -> Option<Found> {
        let cue = cx.r.cue(t).unwrap_or(Cue { class: CueClass::Object, form: model::guess_form(cx.r.word(t)) });
        self.cue_verb(cx, s, t, cue, false)
    }

    /// What the cue model makes of a word no rule read: a stance verb the lexicon does not know
    /// ([`Self::learned_cue`]), or else a plain reading ([`Self::learned_reading`]). Words
    /// whose form does not lean towards a cue are never scored in full.
    fn learned(&self, cx: &Cx<'_>, s: usize, t: usize, has_previous: bool, features: &mut Vec<u64>) -> Option<Found> {
        let sentence = cx.layout.sentences[s].tokens;
        // "according to" is the rules' to read, whatever follows it.
        if self.cues.is_empty() || !model::candidate(cx, t, sentence.0) || cx.r.is_word(t, "according") || !self.cues.leans_cue(cx.r.word(t)) {
            return None;
        }
        if cx.r.cue(t).is_none() {
            if let Some(found) = self.learned_cue(cx, s, t, has_previous, features) {
                return Some(found);
            }
        }
        self.learned_reading(cx, s, t, has_previous, features)
    }

    /// The learned reading of a word the lexicon does not know: a stance cue if the model
    /// scores it above its threshold.
    fn learned_cue(&self, cx: &Cx<'_>, s: usize, t: usize, has_previous: bool, features: &mut Vec<u64>) -> Option<Found> {
        let sentence = cx.layout.sentences[s].tokens;
        let cue = Cue { class: CueClass::Object, form: model::guess_form(cx.r.word(t)) };
        // Most words score below the lower threshold whatever the rules would read: not read.
        if !self.cues.may_exceed_with_reading(cx, t, sentence, model::FRAMED_THRESHOLD.min(model::THRESHOLD), features) {
            return None;
        }
        let mut found = self.cue_verb(cx, s, t, cue, has_previous)?;
        // A learned cue needs a speaker the text names or describes ("a clear signal" is none).
        if let Who::Phrase(ph) = found.who {
            if !ph.names_someone() {
                return None;
            }
        }
        model::features(cx, t, sentence, Some(reading(cx, &found)), features);
        let threshold = if framed(cx, &found) { model::FRAMED_THRESHOLD } else { model::THRESHOLD };
        if self.cues.score(features) <= threshold {
            return None;
        }
        found.confidence = 0.5;
        Some(found)
    }

    /// The plain reading of a word the model takes for a cue where no rule could read it: its
    /// speaker found as for a lexicon cue, its content the rest of the sentence ("Trump likened
    /// the refugees to a snake", "The poll rated her higher").
    fn learned_reading(&self, cx: &Cx<'_>, s: usize, t: usize, has_previous: bool, features: &mut Vec<u64>) -> Option<Found> {
        let (a, b) = cx.layout.sentences[s].tokens;
        let tokens = &cx.layout.tokens;
        let l = verb_start(cx, t, a);
        if l + 3 < t {
            return None;
        }
        // "preferred to provide support": an intention, which the rules read for the verbs that
        // report one ("wants to", "vowed to"), not for any verb. A quote after the word is the
        // rules' to read too.
        if cx.r.is_word(t + 1, "to") || tokens.get(t + 1).is_some_and(|n| n.is_quote()) {
            return None;
        }
        // "The manager was asked if …": in a passive the subject is the one spoken to.
        if cx.r.word(t).ends_with("ed") && (l..t).any(|i| is_be(cx.r.word(i))) {
            return None;
        }
        // The checks run cheapest first: most words fail the model's score.
        model::features(cx, t, (a, b), None, features);
        if self.cues.plain_score(cx, t, features) <= model::READING_THRESHOLD {
            return None;
        }
        // "said in a statement", "wrote in 2014 that …": times and media are no content.
        let mut start = t + 1;
        while let Some(next) = (start < b).then(|| time_phrase_end(cx, start, b).or_else(|| self.medium_at(cx, start, b).map(|(_, end)| end))).flatten() {
            start = next;
        }
        if start >= b {
            return None;
        }
        let end = coordinated_verb_end(cx, start, content_end(cx, start, b));
        if count_words(cx, start, end) < 3 {
            return None;
        }
        // The speaker as the rules find it for a lexicon cue: the subject before ("Trump likened
        // …"), past an appositive or a party and state ("Hill, a doctor, described …"), the
        // antecedent of "who" or "which", or the subject of the clause a participle hangs on
        // ("…, citing the release of prisoners").
        let cue = Cue { class: CueClass::Object, form: model::guess_form(cx.r.word(t)) };
        let (who, _, _) = self.reporting_clause(cx, s, t, l, cue, has_previous)?;
        if let Who::Phrase(ph) = who {
            if !plausible_speaker(cx, &ph) || !ph.names_someone() {
                return None;
            }
            // "the help which Armenia expected at the time, did not come": in a relative clause
            // the verb's object is the relative pronoun, and what follows is not its content.
            if ph.first > a && ["which", "that", "whom", "who"].iter().any(|r| cx.r.word(ph.first - 1).eq_ignore_ascii_case(r)) {
                return None;
            }
        }
        let span = tokens[start].span.cover(tokens[end - 1].span);
        let kind = if has_quote_mark(cx, span) { ClaimKind::Mixed } else { ClaimKind::Indirect };
        Some(Found { kind, who, cue: Some(tokens[t].span), content: vec![span], source: None, sentences: (s, s + 1), confidence: 0.4 })
    }

    /// Reads one document, handing each claim to `on_claim` in text order; returns the
    /// speakers as canonical entities.
    pub fn run(
        &self,
        doc: &Document<'_>,
        layout: &Layout,
        times: &[TimeExpr],
        mut on_claim: impl FnMut(Claim) -> ControlFlow<()>,
    ) -> Vec<Entity> {
        let cx = self.context(doc, layout, times);
        let names = Names::collect(&cx.r);
        let mut registry = Registry::default();
        let mut report: Option<Report> = None;
        // Buffers for every paragraph and sentence of the document, which allocate once rather
        // than once per paragraph, sentence and claim.
        let mut found = Vec::new();
        let mut features = Vec::new();
        let mut emitted = Emitted::default();
        // Contents handed out in earlier paragraphs that reach into later ones ("He said:" and
        // the quote in the next paragraph): their quotes are not read again as cue-less.
        let mut spilled: Vec<Span> = Vec::new();
        let mut leftover = LeftoverBuffers::default();
        for (p, para) in layout.paragraphs.iter().enumerate() {
            if para.boilerplate {
                continue;
            }
            found.clear();
            for s in para.sentences.0..para.sentences.1 {
                self.read_sentence(&cx, s, &mut found, &mut features);
            }
            found.extend(self.speaker_label(&cx, p));
            spilled.retain(|c| c.end > para.span.start);
            self.read_leftover_quotes(&cx, p, &mut found, &spilled, &mut leftover);
            found.sort_by_key(Found::start);
            found.dedup_by(|b, a| a.content == b.content);
            split_coordinated(&cx, &mut found);
            let mut previous: Option<Speaker> = None;
            // The claims handed out in this paragraph: their contents and speakers.
            emitted.clear();
            for f in found.drain(..) {
                let Some(speaker) = resolve_speaker(&cx, &names, &mut registry, &f, p, previous.as_ref()) else { continue };
                // A claim inside another's content is part of it: "Trump said he believes the
                // vote is rigged", "Clinton said Trump wants a wall" (Clinton's claim, not
                // Trump's). What someone named said or told stays a report of its own ("…
                // said Putin told him that …"), unless it is the same speaker's. Claims come by
                // content start, and an enclosing content reaches past the start of the one it
                // encloses: the others are dropped from the list, which stays as short as a
                // content is long (linear time on "He said He said …").
                let start = f.start();
                emitted.retain_reaching(start);
                let nested = f.cue.is_some_and(|cue| emitted.holding(cue, &speaker).any(|same_speaker| same_speaker || !named_speech(&cx, &f)));
                if nested {
                    continue;
                }
                emitted.push(&f.content, &speaker);
                spilled.extend(f.content.iter().filter(|c| c.end > para.span.end));
                let claim = finish(&cx, doc, times, f, speaker.clone(), p, &mut report);
                if let Some(e) = speaker.entity {
                    registry.count_claim(e);
                }
                previous = Some(speaker);
                if on_claim(claim).is_break() {
                    return registry.into_speakers();
                }
            }
        }
        registry.into_speakers()
    }

    /// Every cue in sentence `s`, read into candidates.
    /// `features` is a buffer for the cue model's features.
    fn read_sentence(&self, cx: &Cx<'_>, s: usize, out: &mut Vec<Found>, features: &mut Vec<u64>) {
        let (a, b) = cx.layout.sentences[s].tokens;
        let in_sentence = out.len();
        for t in a..b {
            if cx.quotes.inside(t).is_some() || !cx.layout.tokens[t].is_word() {
                continue;
            }
            let word = cx.r.word(t);
            let found = if word.eq_ignore_ascii_case("according") && cx.r.is_word(t + 1, "to") {
                self.according_to(cx, s, t)
            } else if let Some(found) = self.nominal_cue(cx, s, t) {
                Some(found)
            } else if let Some(found) = self.quoted_term(cx, s, t, out.len() > in_sentence) {
                Some(found)
            } else if let Some((last, cue)) = phrasal_cue(cx, t, b) {
                self.cue_phrase(cx, s, t, last, cue, out.len() > in_sentence)
            } else if let Some(cue) = cx.r.cue(t) {
                self.cue_verb(cx, s, t, cue, out.len() > in_sentence)
            } else {
                None
            };
            // (Matched rather than chained: `or_else` and `map` copied the large `Option<Found>`
            // at every token, most of them `None`.)
            let found = match found {
                Some(found) => found,
                None => match self.learned(cx, s, t, out.len() > in_sentence, features) {
                    Some(found) => found,
                    None => continue,
                },
            };
            out.push(close_relative_clause(cx, found, t, b));
        }
        // "In a CNN poll, 38 percent of voters said …": the poll frames the claims inside it too.
        out.extend(self.in_the_poll(cx, s));
    }

    /// "In the poll, Clinton's support has risen …": a sentence that opens with a survey or
    /// study as its frame, and has no other claim (in "In a statement, Husted said …" the
    /// statement is the medium of Husted's claim).
    fn in_the_poll(&self, cx: &Cx<'_>, s: usize) -> Option<Found> {
        let (a, b) = cx.layout.sentences[s].tokens;
        let tokens = &cx.layout.tokens;
        if !cx.r.is_word(a, "in") {
            return None;
        }
        let mut comma = (a + 2..b.min(a + 18)).find(|&i| tokens[i].is_punct(','))?;
        // "In a Des Moines Register poll last month, …": a time may close the frame, and so may
        // a participle's phrase ("In an NBC News poll released Monday, …").
        let closes_frame = |ph: &Phrase| {
            ph.last + 1 == comma || (ph.last + 1..comma).all(|i| cx.in_time[i]) || (past_participle(cx, ph.last + 1) && !(ph.last + 2..comma).any(|i| finite_verb(cx, i) && !cx.in_time[i]))
        };
        let ph = cx.r.right(a + 1, comma).filter(closes_frame)?;
        // ("In the previous poll, conducted in early September, …": and an aside after it.)
        if comma + 1 < b && past_participle(cx, comma + 1) {
            comma = (comma + 2..b.min(comma + 12)).find(|&i| tokens[i].is_punct(','))?;
        }
        let mut ph = ph;
        while ph.last > ph.first && cx.in_time[ph.last] {
            ph.last -= 1;
        }
        let head = cx.r.word(cx.r.head(ph));
        if !SURVEYS.iter().any(|w| head.eq_ignore_ascii_case(w)) {
            return None;
        }
        let end = content_end(cx, comma + 1, b);
        if count_words(cx, comma + 1, end) < 3 {
            return None;
        }
        let content = tokens[comma + 1].span.cover(tokens[end - 1].span);
        Some(Found { kind: ClaimKind::AccordingTo, who: Who::Phrase(ph), cue: Some(tokens[a].span), content: vec![content], source: None, sentences: (s, s + 1), confidence: 0.6 })
    }

    /// Rule: a reporting verb, with its speaker before it ("X said", "X has acknowledged") or
    /// after it ("…," said X), and its content after it ("said that …", "said: “…”"),
    /// before it ("“…,” X said"), or around it ("“…,” X said, “…”").
    fn cue_verb(&self, cx: &Cx<'_>, s: usize, c: usize, cue: Cue, has_previous: bool) -> Option<Found> {
        self.cue_phrase(cx, s, c, c, cue, has_previous)
    }

    /// [`Self::cue_verb`] for a cue of several words, tokens `head..=c`: "made it clear",
    /// "took aim at".
    fn cue_phrase(&self, cx: &Cx<'_>, s: usize, head: usize, c: usize, cue: Cue, has_previous: bool) -> Option<Found> {
        let (a, b) = cx.layout.sentences[s].tokens;
        let tokens = &cx.layout.tokens;
        // "asked the crowd to welcome the governor": "ask" with someone and an infinitive is
        // addressed, as "urged" is.
        let asks_someone = || {
            cx.r.lower(c).starts_with("ask")
                && cx.r.right(c + 1, b).is_some_and(|ph| !ph.pronoun && cx.r.is_word(ph.last + 1, "to"))
        };
        let cue = if cue.class == CueClass::Speech && head == c && asks_someone() { Cue { class: CueClass::Addressed, ..cue } } else { cue };
        // A capitalized cue inside a sentence is a name ("the United States"), except in a
        // headline's title case ("…, Former White House Doctor Says.").
        if tokens[head].capitalized && head > a && !title_case(cx, a, b) {
            return None;
        }
        // "a region claimed by both": a participle, not a report.
        if cx.r.is_word(c + 1, "by") {
            return None;
        }
        // "presidential hopeful Donald Trump", "a certain Mr. Smith": a stance adjective before a
        // name is a noun or modifies it.
        // ("were hopeful Tuesday that …" and headlines' title case are not names.)
        if c + 1 < b
            && tokens[c + 1].capitalized
            && !cx.in_time[c + 1]
            && with_lower(cx.r.word(c), |w| lexicon::STANCE_ADJECTIVES.contains(&w)).unwrap_or(false)
            && !title_case(cx, a, b)
        {
            return None;
        }
        // "most state parties", "Clinton's email set-up": words that are nouns far more often
        // than verbs report only with "that" or a colon after them.
        // ("nine states that will hold contests": a "that" before a verb opens a relative clause.)
        let noun_first = with_lower(cx.r.word(c), |w| NOUN_FIRST_CUES.contains(&w)).unwrap_or(false);
        let relative_that = cx.r.is_word(c + 1, "that") && c + 2 < b && tokens[c + 2].is_word() && (cx.r.is_in(c + 2, set::AUX) || finite_verb(cx, c + 2));
        if noun_first && (relative_that || !(cx.r.is_word(c + 1, "that") || cx.layout.tokens.get(c + 1).is_some_and(|t| t.is_punct(':')))) {
            return None;
        }
        // Auxiliaries and adverbs between subject and cue; a passive is no attribution.
        let mut l = head;
        let mut passive = false;
        // "has also said", "successfully argued": auxiliaries, and manner adverbs before a verb
        // that reports words or thoughts ("bravely defend their homeland" is an act).
        let reports = cue.class != CueClass::Object;
        // "Jeb Bush and Rick Scott have both supported": a quantifier floating after the subject
        // belongs to the verb group (at the clause's start it is the subject: "Both said").
        let floating = |l: usize| l > a + 1 && tokens[l - 2].is_word() && ["both", "all", "each"].iter().any(|q| cx.r.is_word(l - 1, q));
        // ("The experts generally praised", "almost universally expressed": adverbs of degree
        // and frequency go with any cue.)
        let degree = |t: usize| cx.r.is_class(t, lexicon::word::ADVERB_BEFORE_VERB) || DEGREE_ADVERBS.iter().any(|v| cx.r.is_word(t, v));
        while l > a && tokens[l - 1].is_word() && (cx.r.is_in(l - 1, set::AUX) || (reports && is_manner_adverb(cx, l - 1)) || degree(l - 1) || floating(l)) {
            passive |= is_be(cx.r.word(l - 1));
            l -= 1;
        }
        // "An analysis of budgets since Jan. 1, 2015, shows": the comma closing a date written
        // with one is no aside.
        if l >= a + 3 && tokens[l - 1].is_punct(',') && cx.in_time[l - 2] && (a..l - 2).rev().take_while(|&i| cx.in_time[i]).any(|i| tokens[i].is_punct(',')) {
            l -= 1;
        }
        // "Putin on Monday said", "who in 2010 said": a time between the subject and the cue.
        if l > a && cx.in_time[l - 1] && counted_people(cx, a, l - 1).is_none() {
            let mut m = l - 1;
            while m > a && cx.in_time[m - 1] && l - m < 6 {
                m -= 1;
            }
            if m > a && ["on", "in", "at", "during", "since", "until", "by", "from", "earlier", "later"].iter().any(|p| cx.r.is_word(m - 1, p)) {
                m -= 1;
            }
            // "Wells Fargo just this month announced": adverbs before the time too.
            while m > a && tokens[m - 1].is_word() && cx.r.is_in(m - 1, set::AUX) && !is_be(cx.r.word(m - 1)) {
                m -= 1;
            }
            l = m;
        }
        // Asides between subject and cue: "Many speakers at the service — Muslims, Christians,
        // Jews — said", "Will Rogers, for example, said", "Democratic economists, like their
        // Republican counterparts, say".
        // ("Donald Trump - who previously said … - said", "Smith -- a former aide -- said":
        // hyphens standing for a dash too.)
        // ("--" is two tokens: the run of dashes that closes the aside, and the one that opens it.)
        let dash_run = |end: usize| (a + 1..end).rev().take_while(|&i| tokens[i].kind == tokens[end].kind).last().unwrap_or(end);
        let dashed = l >= a + 3 && matches!(tokens[l - 1].kind, TokenKind::Punct('—' | '–' | '-'));
        if dashed
            && let Some(open) = (a + 1..dash_run(l - 1)).rev().take(16).find(|&i| tokens[i].kind == tokens[l - 1].kind)
        {
            l = dash_run(open);
        } else if l >= a + 3 && tokens[l - 1].is_punct(',')
            && let Some(open) = (a + 1..l - 1).rev().take(9).find(|&i| tokens[i].is_punct(','))
        {
            let parenthetical = open + 1 < l - 1 && is_parenthetical(cx, open + 1, l - 1);
            let comparison = open + 2 < l - 1 && ["like", "unlike", "including"].iter().any(|w| cx.r.is_word(open + 1, w)) && (open + 2..l - 1).all(|i| tokens[i].is_word());
            if parenthetical || comparison {
                l = open;
            }
        }
        // "Mary Fallin (R-OK) said", "Sen. Chris Murphy (a Democrat so boyish he …) says": skip a
        // parenthesis of up to 20 tokens after the subject.
        if l > a && tokens[l - 1].is_punct(')') {
            if let Some(open) = (a.max(l.saturating_sub(20))..l - 1).rev().find(|&i| tokens[i].is_punct('(')) {
                if open > a && tokens[open - 1].is_word() {
                    l = open;
                }
            }
        }
        if passive && cue.form == Form::Past {
            return None;
        }
        // "continued to say", "went on to argue", "seemed to suggest": an aspect verb and "to"
        // before the cue belong to its verb group; the subject stands before them.
        if cue.form == Form::Base && l >= a + 2 && cx.r.is_word(l - 1, "to") && tokens[l - 2].is_word() {
            let aspect = with_lower(cx.r.word(l - 2), |w| ASPECT_VERBS.contains(&w)).unwrap_or(false);
            let went_on = cx.r.is_word(l - 2, "on") && l >= a + 3 && ["went", "goes", "go", "going"].iter().any(|g| cx.r.is_word(l - 3, g));
            // ("declined to comment" is the refusal's claim: "declined" reads it.)
            if aspect && cx.r.cue(l - 2).is_some() && (l..b).all(|t| !tokens[t].is_word() || t == c) {
                return None;
            }
            if aspect || went_on {
                l -= if went_on { 3 } else { 2 };
                while l > a && tokens[l - 1].is_word() && cx.r.is_in(l - 1, set::AUX) {
                    l -= 1;
                }
            }
        }
        if l > a && (cx.r.is_word(l - 1, "to") || is_determiner(cx, l - 1)) {
            return None;
        }
        // "Russia’s decline", "Clinton's claim": after a possessive the cue is a noun.
        if l == head && l > a && is_possessive(cx.r.word(l - 1)) {
            return None;
        }
        // "did not express gratitude" states no stance.
        if cue.class == CueClass::Object && (l..head).any(|t| cx.r.is_class(t, lexicon::word::NEGATION)) {
            return None;
        }
        let cue_span = tokens[head].span.cover(tokens[c].span);
        let (who, mut clause_start, clause_end) = self.reporting_clause(cx, s, c, l, cue, has_previous)?;
        if let Who::Phrase(ph) = who {
            if !plausible_speaker(cx, &ph) {
                return None;
            }
        }
        // "The poll shows Clinton leading": "show" reads an object only when a document or a
        // survey shows it; "Armenia has shown signs of …" reports nothing ("… shows that …"
        // still does). "One study found Trump would raise taxes", "A 2014 study found 31
        // incidents": what a study or a panel finds is reported with or without "that" (what
        // the police found is not).
        let mut cue = cue;
        let evidence_verb = with_lower(cx.r.word(c), |w| w.starts_with("show") || (matches!(w, "found" | "finds") && cue.class == CueClass::ThatOnly)).unwrap_or(false);
        let mut who = who;
        if evidence_verb && matches!(cue.class, CueClass::Object | CueClass::ThatOnly) {
            // "A 2014 study by a law professor found …": the study finds, not its author.
            // ("research conducted by the center found": past the participle too.)
            let before_agent = |ph: &Phrase| {
                let by = ph.first - 1;
                let p = by - 1;
                let participle = (is_participle(cx, p) && cx.r.word(p).ends_with("ed")) || PARTICIPLES.iter().any(|v| cx.r.is_word(p, v));
                if participle && p > a { p - 1 } else { p }
            };
            if let Who::Phrase(ph) = who
                && ph.first >= a + 2
                && ["by", "from"].iter().any(|p| cx.r.is_word(ph.first - 1, p))
                && let Some(study) = cx.r.left(before_agent(&ph), a).filter(|st| evidence_phrase(cx, st))
            {
                who = Who::Phrase(Phrase { last: ph.last, kind: EntityKind::Media, ..study });
                // ("…, a study by the council found.": the clause starts with the study.)
                clause_start = clause_start.min(study.first);
            }
            let evidence = matches!(who, Who::Phrase(ph) if evidence_phrase(cx, &ph));
            cue.class = if evidence { CueClass::Object } else { CueClass::ThatOnly };
        }
        // "federal and state law": a base form needs a subject of its own.
        if (cue.class == CueClass::Object || cue.form == Form::Base) && matches!(who, Who::Previous) {
            return None;
        }
        // "a rival whom he described as “volatile”", "what they called a witch hunt": the
        // relative pronoun is what is named, and the name follows the cue.
        if cue.class == CueClass::Naming
            && let Who::Phrase(ph) = who
            && ph.first > a
            && ["whom", "which", "what", "that"].iter().any(|r| cx.r.is_word(ph.first - 1, r))
            && verb_start(cx, c, ph.last + 1) == ph.last + 1
            && c + 1 < b
            && (cx.r.is_word(c + 1, "as") || cx.quotes.opening_at(c + 1).is_some() || is_determiner(cx, c + 1))
            // ("said that Clinton called the deal a disaster", "… described the deal as …": a
            // verb with an object of its own names that, and "that" opened a clause.)
            && !(cx.r.is_word(ph.first - 1, "that") && is_determiner(cx, c + 1) && cx.r.right(c + 1, b).is_some_and(|o| cx.r.is_word(o.last + 1, "as") || is_determiner(cx, o.last + 1) || cx.quotes.opening_at(o.last + 1).is_some()))
        {
            // (A quoted name ends with its quote: "as “volatile,” with Clinton".)
            let name = if cx.r.is_word(c + 1, "as") { c + 2 } else { c + 1 };
            let end = match cx.quotes.opening_at(name) {
                Some(q) => cx.quotes.quotes[q].close + 1,
                None => phrase_end(cx, c + 1, b),
            };
            if count_words(cx, c + 1, end) >= 2 || cx.quotes.opening_at(c + 1).is_some() {
                let pieces = vec![tokens[ph.first - 1].span, tokens[c + 1].span.cover(tokens[end - 1].span)];
                let kind = if has_quote_mark(cx, pieces[1]) { ClaimKind::Mixed } else { ClaimKind::Indirect };
                return Some(Found { kind, who, cue: Some(cue_span), content: pieces, source: None, sentences: (s, s + 1), confidence: 0.75 });
            }
        }
        // "The changes, which officials said will take effect in May, …", "what he said were
        // failures": in a relative clause the reported clause has no subject of its own (the
        // relative pronoun is it); its verb follows the cue at once, and it ends with the
        // relative clause.
        if let Some(span) = self.gapped_content(cx, s, c, who, cue) {
            return Some(Found { kind: ClaimKind::Indirect, who, cue: Some(cue_span), content: vec![span], source: None, sentences: (s, s + 1), confidence: 0.75 });
        }
        let after = self.content_after(cx, s, c, clause_end.max(c + 1), cue);
        let found = |(content, kind, source, marked): (Vec<Span>, ClaimKind, Option<Source>, bool)| Found {
            kind,
            who,
            cue: Some(cue_span),
            content,
            source,
            sentences: (s, s + 1),
            confidence: match (cue.class, marked) {
                (CueClass::Speech | CueClass::Addressed, _) => 0.85,
                (_, true) => 0.75,
                (CueClass::ThatOnly | CueClass::Naming, false) => 0.6,
                (CueClass::Belief, false) => 0.6,
                (CueClass::Object, false) => 0.5,
            },
        };
        if let Some(right) = after.as_ref().filter(|r| r.3) {
            return Some(found(right.clone()));
        }
        // "“…,” he told me." / "…, she told USA Today on Friday.": the addressee is part of the
        // reporting clause.
        let mut clause_end = clause_end;
        // ("“But why?” a reporter asked him.": whom a question was put to, too.)
        // ("…, the director wrote Linick.": a name right after a writing verb, closing the
        // sentence, is whom it was written to.)
        let written_to = cue.class == CueClass::Speech
            && clause_start < c
            && with_lower(cx.r.word(c), |w| matches!(w, "wrote" | "writes" | "emailed" | "texted")).unwrap_or(false)
            && clause_end < b
            && cx.r.right(clause_end, b).is_some_and(|ph| ph.name.is_some() && !cx.in_time[clause_end] && ends_sentence_after(cx, ph.last, b));
        let asked = cue.class == CueClass::Speech && clause_end < b && (written_to || (with_lower(cx.r.word(c), |w| w.starts_with("ask")).unwrap_or(false) && is_object_pronoun(cx.r.word(clause_end))));
        if (matches!(cue.class, CueClass::Addressed) || asked) && clause_end == c + 1 && clause_end < b && tokens[clause_end].is_word() {
            if let Some(obj) = cx.r.right(clause_end, b).or_else(|| is_object_pronoun(cx.r.word(clause_end)).then(|| Phrase { first: clause_end, last: clause_end, name: None, kind: EntityKind::Person, pronoun: true })) {
                clause_end = obj.last + 1;
            }
        }
        // Content before a closed reporting clause: "“…,” she said" / "…, officials said". (In
        // "…, he wants to be engaged" the infinitive is the content, not the clause's end.)
        let infinitive = cue.class == CueClass::Belief && cx.r.is_word(clause_end, "to");
        // "“…,” he told CBS’ Face the Nation on Sunday, saying …", "“…,” Trump said 30 minutes
        // into the debate": a quote closing right before a speech cue's clause is its content,
        // whatever follows the clause.
        let speech = matches!(cue.class, CueClass::Speech | CueClass::Addressed);
        // (A quote that opens the sentence: not a title in the middle, "on CBS’ “Face the
        // Nation,” Ryan said".)
        let quote_before = speech
            && clause_start > a
            && quote_closing_at(cx, clause_start - 1, a).is_some_and(|q| cx.quotes.quotes[q].open <= a && cx.quotes.quotes[q].words >= 3);
        // "endorsed Clinton, saying, “…”": what comes before a participle is the clause it hangs
        // on, never its content.
        let participle = cue.form == Form::Gerund && head > a && tokens[head - 1].is_punct(',');
        // "Hawaii, as one adviser pointed out, rarely gets …": after a comma, "as" makes the
        // reporting clause an aside (with its particle or a phrase: "as Smith noted with a
        // chart,"), and the content stands around it.
        let (clause_start, clause_end) = match as_aside(cx, s, clause_start, c) {
            // ("And, as Smith reported, …": a conjunction before the comma is no content.)
            Some(end)
                if clause_start >= a + 3
                    && tokens[clause_start - 2].is_punct(',')
                    && (clause_start > a + 3 || !["and", "but", "or", "so", "yet", "if", "then", "still", "now", "also"].iter().any(|w| cx.r.is_word(a, w)))
                    // Not inside another report ("he thought that …, as he later explained, …")
                    // nor after a relative pronoun ("a man who, as Clinton speaks, bows").
                    && !(a..clause_start - 2).any(|t| cx.r.cue(t).is_some())
                    && !["who", "which", "that"].iter().any(|w| cx.r.is_word(clause_start - 3, w)) =>
            {
                (clause_start - 1, end)
            }
            _ => (clause_start, clause_end),
        };
        // "When she was booed, Canova wrote to his followers, “…”": a quote after the clause
        // is what was said, unless the content before quotes too.
        let quote_after = after.as_ref().is_some_and(|r| r.1 == ClaimKind::Direct);
        // "“… found.” He added, “In this case …”", "“… ordinary.” The government refused to …":
        // a quote closed by a period in the sentence before is the content of a speech cue
        // whose clause opens this sentence, when no quote follows the clause. (A question is
        // answered: "“Can we win?” he said, “I don't know.”"; "“Why …?” Vitter demanded.")
        let stated = a >= 2 && tokens[a - 2].is_punct('.');
        let earlier = clause_start <= a && stated && (!speech || quote_after);
        if !infinitive
            && !participle
            && !earlier
            && (quote_before || self.clause_closed(cx, clause_end, b))
            && let Some(mut before) = self.content_before(cx, s, clause_start, clause_end, who, cue_span)
        {
            if !(quote_after && before.kind == ClaimKind::Indirect) {
                before.confidence = if before.kind == ClaimKind::Direct { 0.95 } else { 0.8 };
                return Some(before);
            }
        }
        after.map(found)
    }

    /// The content of a report inside a relative clause whose pronoun is the reported clause's
    /// subject: "which officials said will take effect", "that many economists say is the
    /// future". From the verb after the cue to the end of the relative clause.
    fn gapped_content(&self, cx: &Cx<'_>, s: usize, c: usize, who: Who, cue: Cue) -> Option<Span> {
        let (_, b) = cx.layout.sentences[s].tokens;
        let tokens = &cx.layout.tokens;
        let Who::Phrase(ph) = who else { return None };
        if !matches!(cue.class, CueClass::Speech | CueClass::Belief) || cue.form == Form::Gerund || ph.first == 0 || c + 1 >= b {
            return None;
        }
        let relative = tokens[ph.first - 1].is_word() && matches!(cx.r.lower(ph.first - 1), "which" | "that" | "what" | "who");
        let verb = c + 1;
        // The verb: an auxiliary or a finite form ("will", "is", "were", "has"), not a subject.
        let finite = tokens[verb].is_word() && !tokens[verb].capitalized && cx.r.is_in(verb, set::FINITE) && !cx.r.is_pronoun(verb) && !cx.r.is_word(verb, "that");
        // (Only auxiliaries and adverbs between the subject and the cue.)
        if !relative || !finite || verb_start(cx, c, ph.last + 1) != ph.last + 1 {
            return None;
        }
        let end = phrase_end(cx, verb, b);
        // "The man who she says is her father was never found": a relative clause with no comma
        // ends where the main clause's verb begins.
        let end = (verb + 2..end).find(|&t| cx.r.is_in(t, set::FINITE) && !cx.r.is_in(t - 1, set::FINITE | set::AUX) && !tokens[t].capitalized).unwrap_or(end);
        (count_words(cx, verb, end) >= 2).then(|| tokens[verb].span.cover(tokens[end - 1].span))
    }

    /// Who speaks at cue `c` (whose auxiliaries start at `l`), and the reporting clause's
    /// first token and the token after it.
    fn reporting_clause(&self, cx: &Cx<'_>, s: usize, c: usize, l: usize, cue: Cue, has_previous: bool) -> Option<(Who, usize, usize)> {
        let (a, b) = cx.layout.sentences[s].tokens;
        let tokens = &cx.layout.tokens;
        if l == a || is_comma_or_close(cx, l - 1) {
            if cue.form == Form::Gerund {
                // "Hours later, Trump returned the compliment, telling Reuters …": the subject
                // of the main clause, past a fronted adverbial, outweighs the speaker of a claim
                // read inside it ("… provided no details about how he planned …, saying …").
                // "Trump tweaked his promise when he announced his running mate, calling …": the
                // subject of the clause the participle follows, when a pronoun opens it.
                if let Some(ph) = (l > a).then(|| subordinate_subject(cx, a, l - 1)).flatten() {
                    return Some((Who::Phrase(ph), c, c + 1));
                }
                if let Some(ph) = (l > a).then(|| main_subject(cx, a, l - 1)).flatten() {
                    return Some((Who::Phrase(ph), c, c + 1));
                }
                // "…, adding that": the subject of the sentence.
                // "Meanwhile, it attacked Trump, saying …": a speech verb's subject may stand
                // past an opening adverbial.
                let speech = matches!(cue.class, CueClass::Speech | CueClass::Addressed);
                // ("Emboldened by the polls, the mayor attacked …, saying": an opening participle
                // is no subject, and the clause's subject comes after it.)
                let opener = |ph: &Phrase| ph.first == a && ph.last == a && ends_like_participle(cx.r.word(a)) && a + 1 < c && cx.r.is_in(a + 1, set::CONNECTOR | set::BREAKER) && !cx.layout.tokens[a + 1].capitalized;
                let subject = match cx.r.right(past_dateline(cx, a, c), c) {
                    Some(ph) if opener(&ph) => clause_subject(cx, a, l.saturating_sub(1)),
                    Some(ph) => Some(ph),
                    None => speech.then(|| clause_subject(cx, a, l.saturating_sub(1))).flatten(),
                };
                let who = if has_previous { Who::Previous } else { Who::Phrase(subject?) };
                return Some((who, c, c + 1));
            }
            let speech = matches!(cue.class, CueClass::Speech | CueClass::Addressed);
            // The subject before an appositive, looked for at most once, and only when needed.
            let after_comma = l > a && tokens[l - 1].is_punct(',');
            let appositive = std::cell::OnceCell::new();
            let appositive = || *appositive.get_or_init(|| after_comma.then(|| appositive_subject(cx, l - 1, a)).flatten());
            // ("“…,” Bush, a former governor, told CNN": the one told is never the speaker.)
            let inverts = speech && !matches!(cx.r.lower(c), "told" | "tells" | "tell" | "telling");
            let inverted = cx.r.right(c + 1, b).filter(|ph| inverts && !ph.pronoun_object(cx.r.text, tokens));
            if let Some((ph, end)) = inverted.and_then(|ph| inverted_end(cx, ph, b)) {
                // "Hugh Hill, a doctor, said the plan works": after a named subject and its
                // appositive, a phrase that names nobody is the content, not an inverted speaker.
                // "Trump's former campaign manager, Corey Lewandowski, said the staff member who …
                // should go": a named subject before the cue outweighs a role after it.
                let named_before = appositive().is_some_and(|ap| ap.name.is_some()) && !ph.pronoun && ph.name.is_none();
                if (ph.names_someone() && !named_before) || appositive().is_none() {
                    return Some((Who::Phrase(ph), c, end));
                }
            }
            if after_comma {
                // "Just shy of half, 49%, say …", "About two-thirds, 67 percent, say …": a share
                // restated between commas is the subject.
                if l >= a + 3
                    && let Some(first) = counted_people(cx, a, l - 2)
                    && first > a
                    && tokens[first - 1].is_punct(',')
                {
                    let ph = Phrase { first, last: l - 2, name: None, kind: EntityKind::Group, pronoun: false };
                    return Some((Who::Phrase(ph), ph.first, c + 1));
                }
                if let Some(ph) = appositive() {
                    return Some((Who::Phrase(ph), ph.first, c + 1));
                }
                // "…, and Putin praised X, wished him": the subject of the clause before.
                if cue.form != Form::Gerund {
                    if let Some(ph) = shared_subject(cx, l - 1, a) {
                        return Some((Who::Phrase(ph), c, c + 1));
                    }
                    // "Some voters who have listened to him, on television or at rallies,
                    // said …": a long subject that opens the sentence.
                    let ph = sentence_subject(cx, a, l - 1)?;
                    return Some((Who::Phrase(ph), ph.first, c + 1));
                }
            }
            return None;
        }
        let x = l - 1;
        let w = cx.r.lower(x);
        // "is demanding", "He’s claiming": a progressive reads like a finite verb.
        let progressive = cue.form == Form::Gerund && ((l..c).any(|t| is_be(cx.r.word(t))) || phrase::contracted_be(w));
        if matches!(w, "and" | "but" | "or") || (cue.form == Form::Gerund && !progressive) {
            if has_previous {
                return Some((Who::Previous, c, c + 1));
            }
            // "Trump unleashed a series of tweets early Friday saying …", "responded by saying
            // …": a participle's speaker is the subject of the clause it hangs on. After another
            // preposition it is a noun ("incapable of defending its members").
            if cue.form == Form::Gerund {
                if matches!(w, "of" | "for" | "about" | "at" | "in" | "on" | "from" | "without" | "against" | "into" | "than" | "like" | "to") {
                    return None;
                }
                // "…, with three in 10 saying …", "with Fox News and NBC News calling the race":
                // after "with", the phrase before the participle is its subject.
                let with_subject = counted_people(cx, a, x)
                    .map(|first| Phrase { first, last: x, name: None, kind: EntityKind::Group, pronoun: false })
                    .or_else(|| cx.r.left(x, a).map(|ph| coordinated_subject(cx, ph, a)))
                    .filter(|ph| ph.first > a && cx.r.is_word(ph.first - 1, "with") && !ph.pronoun);
                if let Some(ph) = with_subject {
                    return Some((Who::Phrase(ph), ph.first, c + 1));
                }
                let ph = clause_subject(cx, a, x)?;
                return Some((Who::Phrase(ph), c, c + 1));
            }
            // "McConnell embraced him and said …", "…, although Azerbaijan once killed him, and
            // afterwards said …": the named subject of the clause this verb is coordinated with.
            let ph = clause_subject(cx, a, x)?;
            return Some((Who::Phrase(ph), c, c + 1));
        }
        // "family members, many of whom say …": a count of the antecedent's people.
        if matches!(w, "whom" | "which") && x >= a + 3 && cx.r.is_word(x - 1, "of") && counted_people(cx, a, x - 2).is_some() {
            let ph = relative_antecedent(cx, x - 2, a)?;
            let mention = Phrase { first: x - 2, last: x, kind: EntityKind::Group, ..ph };
            return Some((Who::Phrase(mention), ph.first, c + 1));
        }
        if matches!(w, "who" | "which") {
            let ph = relative_antecedent(cx, x, a)?;
            // The mention is the relative pronoun, as for a personal one; the name comes from
            // the phrase it stands for ("the department, which reported …", "liberals who
            // decried …").
            let mention = Phrase { first: x, last: x, ..ph };
            return Some((Who::Phrase(mention), ph.first, c + 1));
        }
        if let Some(first) = counted_people(cx, a, x) {
            let ph = Phrase { first, last: x, name: None, kind: EntityKind::Group, pronoun: false };
            return Some((Who::Phrase(ph), ph.first, c + 1));
        }
        let ph = relative_clause_subject(cx, a, x).or_else(|| cx.r.left(x, a)).or_else(|| reduced_relative_subject(cx, a, x))?;
        let ph = coordinated_subject(cx, ph, a);
        let ph = people_with_complement(cx, a, ph).unwrap_or(ph);
        Some((Who::Phrase(ph), ph.first, c + 1))
    }

    /// One step over what may stand between a cue and its content or the end of its clause: a
    /// time phrase ("on Monday"), a medium ("in an interview", returned), or an adverb. The
    /// token after it, or `None` if token `t` is none of these.
    fn skip_aside(&self, cx: &Cx<'_>, t: usize, b: usize) -> Option<(usize, Option<Source>)> {
        if let Some(end) = time_phrase_end(cx, t, b) {
            return Some((end, None));
        }
        if let Some((medium, end)) = self.medium_at(cx, t, b) {
            return Some((end, Some(medium)));
        }
        let adverb = cx.layout.tokens[t].is_word() && cx.r.is_in(t, set::AUX) && !cx.r.is_word(t, "that");
        adverb.then_some((t + 1, None))
    }

    /// Whether the reporting clause ending before `t` closes its sentence or is followed by a
    /// comma (times, media and adverbs aside): "…,” he said (on Monday)."
    fn clause_closed(&self, cx: &Cx<'_>, mut t: usize, b: usize) -> bool {
        let tokens = &cx.layout.tokens;
        for _ in 0..4 {
            if t >= b {
                return true;
            }
            let Some((end, _)) = self.skip_aside(cx, t, b) else { break };
            t = end;
        }
        if t >= b {
            return true;
        }
        // "…,” he said, introducing her", "… she said and hung up", "… he said at a rally in
        // Ohio": a participle, a conjunction or a place phrase closes the clause too.
        let w = cx.r.lower(t);
        // "…,” Gowdy said sarcastically.": a manner adverb before the clause's end.
        let adverb_ends = w.len() > 4 && w.ends_with("ly") && tokens.get(t + 1).is_none_or(|n| matches!(n.kind, TokenKind::Punct(',' | '.' | '!' | '?' | ';')));
        // "…,” said a strategist who spoke on the condition of anonymity.": a relative clause
        // about the speaker.
        let relative = matches!(w, "who" | "whose");
        let closer = tokens[t].is_word()
            && !tokens[t].capitalized
            && (adverb_ends || relative || w.ends_with("ing") || CLAUSE_CLOSERS.contains(&w));
        closer || matches!(tokens[t].kind, TokenKind::Punct(',' | '.' | '!' | '?' | ';' | '(' | '—'))
    }

    /// The content before a reporting clause that follows a comma or a closing quote, with its
    /// continuation after the clause.
    fn content_before(&self, cx: &Cx<'_>, s: usize, clause_start: usize, clause_end: usize, who: Who, cue: Span) -> Option<Found> {
        let (a, b) = cx.layout.sentences[s].tokens;
        let tokens = &cx.layout.tokens;
        let p = clause_start.checked_sub(1)?;
        // "“Who would have believed it?” Trump said.": a quote that ends with its own question or
        // exclamation mark ends its sentence; the reporting clause opens the next one.
        if clause_start <= a && !quote_ends_sentence_before(cx, a) {
            return None;
        }
        let mut pieces = Vec::new();
        let mut first_sentence = s;
        // One word before the clause is content only if the clause continues it ("That, they
        // say, will be easier"), not alone ("Nonetheless, he sought …").
        let mut one_word = false;
        if let Some(q) = quote_closing_at(cx, p, a) {
            let quote = cx.quotes.quotes[q];
            // "Gore tried …, and in doing so he “made a strategic mistake,” Lichtman said": a quote
            // that opens inside the sentence is the end of a mixed content that starts with it.
            let start = content_start(cx, a, quote.open);
            let inside = quote.open > start + 1 && cx.layout.sentence_of_token(quote.open) == s && quote.words >= 3 && !(start..quote.open).any(|t| tokens[t].is_quote());
            pieces.push(if inside { tokens[start].span.cover(quote.span) } else { quote.span });
            first_sentence = cx.layout.sentence_of_token(quote.open);
        } else if tokens[p].is_punct(',') {
            // "In this regard, Lavrov said, …", "Asked about it, X said, …": an adverbial or
            // participial opener with no verb of its own is no content.
            let start = content_start(cx, a, p);
            let opener = opens_adverbial(cx, start) && !(start + 1..p).any(|t| tokens[t].is_word() && finite_verb(cx, t));
            let participial = tokens[start].capitalized && PARTICIPIAL_OPENERS.contains(&cx.r.lower(start));
            if p > start && !opener && !participial {
                one_word = p == start + 1;
                pieces.push(tokens[start].span.cover(tokens[p - 1].span));
            }
        } else {
            return None;
        }
        // After the clause (and a time or medium: "said late last month"): ", “…”" or ", …"
        // continues the content.
        let mut last_sentence = s + 1;
        let mut clause_end = clause_end;
        // "“…,” she said in an interview": the medium after the clause is the claim's source.
        let mut source = None;
        for _ in 0..3 {
            match (clause_end < b).then(|| self.skip_aside(cx, clause_end, b)).flatten() {
                Some((end, medium)) if end > clause_end => {
                    clause_end = end;
                    source = source.or(medium);
                }
                _ => break,
            }
        }
        if clause_end + 1 < b && tokens[clause_end].is_punct(',') {
            let next = clause_end + 1;
            // "“…,” he said, but “…”": a conjunction may stand before the second quote.
            let conjunction = (cx.r.is_word(next, "but") || cx.r.is_word(next, "and")) && cx.quotes.opening_at(next + 1).is_some();
            if let Some(q) = cx.quotes.opening_at(next).or_else(|| conjunction.then(|| cx.quotes.opening_at(next + 1)).flatten()) {
                let quote = cx.quotes.quotes[q];
                pieces.push(tokens[next].span.cover(quote.span));
                last_sentence = last_sentence.max(cx.layout.sentence_of_token(quote.close) + 1);
            } else if !self.starts_other_clause(cx, next)
                && (incomplete(cx, pieces.last().copied())
                    // "Unless countries act, scientists say, the world could suffer …": after a
                    // piece that is not a quote, a determiner opens the clause it continues, not an
                    // aside about the speaker ("…, the former mayor").
                    || (pieces.len() == 1 && !is_quote_span(cx, pieces[0]) && is_determiner(cx, next) && self.looks_like_clause(cx, next, b))
                    || (!opens_aside(cx, next)
                        // "“…,” said Beau Correll, angered that …": a participle after a quote is
                        // about the speaker.
                        && !(pieces.first().is_some_and(|p| is_quote_span(cx, *p)) && is_participle(cx, next))
                        && (continues_clause(cx, next, pieces.len() == 1 && !is_quote_span(cx, pieces[0])) || (self.can_open_clause(cx, next) && self.looks_like_clause(cx, next, b)))))
            {
                // "But to prevent problems, he said, local officials should be vigilant."
                let end = content_end(cx, next, b);
                if end > next {
                    pieces.push(tokens[next].span.cover(tokens[end - 1].span));
                }
            }
        }
        if pieces.is_empty() || (one_word && pieces.len() == 1) {
            return None;
        }
        let kind = if pieces.iter().all(|p| is_quote_span(cx, *p)) {
            ClaimKind::Direct
        } else if pieces.iter().any(|p| has_quote_mark(cx, *p)) {
            ClaimKind::Mixed
        } else {
            ClaimKind::Indirect
        };
        Some(Found { kind, who, cue: Some(cue), content: pieces, source, sentences: (first_sentence, last_sentence), confidence: 0.0 })
    }

    /// Whether token `t` opens another reporting construction rather than content: "adding",
    /// "according to".
    fn starts_other_clause(&self, cx: &Cx<'_>, t: usize) -> bool {
        let w = cx.r.word(t);
        w.eq_ignore_ascii_case("according") || cx.r.cue(t).is_some_and(|c| c.form == Form::Gerund)
    }

    /// The content after a cue: "said (in an interview) (that) …", "told reporters …",
    /// "said: “…”", "called the move “bold”". Returns the pieces, the kind, any medium named
    /// between cue and content, and whether a "that", a colon or a quote marked the content.
    fn content_after(&self, cx: &Cx<'_>, s: usize, c: usize, from: usize, cue: Cue) -> Option<(Vec<Span>, ClaimKind, Option<Source>, bool)> {
        let (_, b) = cx.layout.sentences[s].tokens;
        let tokens = &cx.layout.tokens;
        let mut k = from;
        let mut source = None;
        let takes_object = matches!(cue.class, CueClass::Addressed | CueClass::Naming);
        // "called the decision “a huge win”": what is named belongs to the content, which says
        // that it is one.
        let mut named: Option<usize> = None;
        // Objects, media, adverbs and times between the cue and its content, in any order.
        for _ in 0..4 {
            if k >= b {
                break;
            }
            // "called himself a moderate": a reflexive is whom it names (not an adverb, as in
            // "said himself").
            if cue.class == CueClass::Naming && k == c + 1 && ["himself", "herself", "themselves", "itself"].iter().any(|r| cx.r.is_word(k, r)) {
                named = Some(k + 1);
                k += 1;
                continue;
            }
            if let Some((end, medium)) = self.skip_aside(cx, k, b) {
                source = medium.or(source);
                k = end;
                continue;
            }
            // "told him that …": an object pronoun is whom it was told; "called him a genius":
            // whom it names, which the content leaves out.
            // ("called her a hero", "called her “a liar”": "her" before an article or a quote is
            // whom it names, not a possessive.)
            let her_object = cx.r.is_word(k, "her") && cue.class == CueClass::Naming && k + 1 < b && (["a", "an", "the"].iter().any(|d| cx.r.is_word(k + 1, d)) || cx.quotes.opening_at(k + 1).is_some());
            if takes_object && k == c + 1 && tokens[k].is_word() && is_object_pronoun(cx.r.word(k)) && (!cx.r.is_word(k, "her") || her_object) {
                if cue.class == CueClass::Naming {
                    named = Some(k + 1);
                }
                k += 1;
                continue;
            }
            if takes_object && k == c + 1 && !cx.r.is_word(k, "that") && tokens[k].is_word() {
                // "called Friday's decision a win": a time in the possessive opens the object.
                let head = if cx.in_time[k] && is_possessive(cx.r.word(k)) { k + 1 } else { k };
                if let Some(obj) = cx.r.right(head, b) {
                    // "urged supporters to vote": the object belongs to the content.
                    if cue.class == CueClass::Addressed && cx.r.is_word(obj.last + 1, "to") {
                        let end = coordinated_verb_end(cx, obj.last + 1, content_end(cx, k, b));
                        if count_words(cx, k, end) >= 3 {
                            let span = tokens[k].span.cover(tokens[end - 1].span);
                            return Some((vec![span], ClaimKind::Indirect, source, true));
                        }
                    }
                    if cue.class == CueClass::Naming {
                        named = Some(k);
                        // "called her vote in favor of the Iraq War a mistake", "called the
                        // citation and the demand for his appearance a ploy": what is named runs
                        // on through its complements and conjuncts to an article that opens the
                        // name.
                        let mut end = obj.last + 1;
                        for _ in 0..4 {
                            let joins = end + 1 < b && (cx.r.is_in(end, set::CONNECTOR) || ["and", "about", "over", "by", "with", "against"].iter().any(|w| cx.r.is_word(end, w))) && !cx.r.is_word(end, "to");
                            let Some(more) = joins.then(|| cx.r.right(end + 1, b)).flatten() else { break };
                            end = more.last + 1;
                        }
                        if end > obj.last + 1 && end < b && (cx.r.is_word(end, "a") || cx.r.is_word(end, "an") || cx.quotes.opening_at(end).is_some()) {
                            k = end;
                            continue;
                        }
                    }
                    k = obj.last + 1;
                    continue;
                }
            }
            // "Said Dorothy Poynter, who grew up with him, “…”": an aside about the speaker.
            if tokens[k].is_punct(',') && k + 1 < b && opens_aside(cx, k + 1) {
                if let Some(close) = (k + 2..b.min(k + 30)).find(|&i| tokens[i].is_punct(',')) {
                    if cx.quotes.opening_at(close + 1).is_some() || cx.r.is_word(close + 1, "that") {
                        k = close;
                        break;
                    }
                }
            }
            // "said — on Twitter, as it happens — that …": an aside between dashes.
            if matches!(tokens[k].kind, TokenKind::Punct('—' | '–')) {
                if let Some(close) = (k + 1..b.min(k + 20)).find(|&i| tokens[i].kind == tokens[k].kind) {
                    k = close + 1;
                    continue;
                }
            }
            // "continues to insist, most recently in an interview, that …": an aside between
            // commas before "that".
            if tokens[k].is_punct(',') && k + 2 < b {
                let aside = (k + 1..b.min(k + 16)).take_while(|&i| (tokens[i].is_word() && cx.r.cue(i).is_none()) || tokens[i].is_punct(',')).find(|&i| tokens[i].is_punct(','));
                if let Some(close) = aside.filter(|&i| i > k + 1 && cx.r.is_word(i + 1, "that")) {
                    k = close + 1;
                    break;
                }
            }
            // "says at a campaign stop in Toledo, Ohio, that …": a place or occasion before "that".
            if cx.layout.tokens[k].is_word() && cx.r.is_in(k, set::CONNECTOR) {
                // Not past another clause: "called her vote a mistake, but she noted that …".
                let same_clause = |i: usize| (tokens[i].is_word() && !coordinator_word(cx, i) && cx.r.cue(i).is_none()) || tokens[i].is_punct(',');
                if let Some(that) = (k + 1..b.min(k + 14)).take_while(|&i| same_clause(i)).find(|&i| cx.r.is_word(i, "that")) {
                    k = that;
                    break;
                }
            }
            // "wrote to his 20,000 Twitter followers, “…”": whom it was said to.
            if cue.class == CueClass::Speech
                && k == c + 1
                && cx.r.is_word(k, "to")
                && k + 1 < b
                && let Some(to) = cx.r.right(k + 1, b).filter(|ph| tokens.get(ph.last + 1).is_some_and(|t| t.is_punct(',') || t.is_punct(':') || t.is_quote() || ["that", "why", "how", "whether"].iter().any(|w| cx.r.is_word(ph.last + 1, w))))
            {
                k = to.last + 1;
                continue;
            }
            // "says of Clinton, “…”": whom it is about.
            if (cx.r.is_word(k, "of") || cx.r.is_word(k, "about")) && k + 1 < b {
                if let Some(about) = cx.r.right(k + 1, b).filter(|ph| tokens.get(ph.last + 1).is_some_and(|t| t.is_punct(',') || t.is_punct(':'))) {
                    k = about.last + 1;
                    continue;
                }
            }
            break;
        }
        // "complained about his mic", "called for new tariffs", "pointed to the decision":
        // a particle, then the object is the content.
        // "to" takes an object only after pointing verbs ("pointed to", "referred to"); after
        // others it is an infinitive.
        // ("called Friday for …": a time may come between the cue and its particle.)
        if k > c && k + 1 < b && (c + 1..k).all(|i| cx.in_time[i]) && takes_particle(cx.r.word(c), cx.r.word(k)) {
            let start = k + 1;
            // "pointed out that …": the particle, then a clause.
            if cx.r.is_word(start, "that") && start + 1 < b {
                let end = content_end(cx, start + 1, b);
                if count_words(cx, start + 1, end) >= 3 {
                    let span = tokens[start + 1].span.cover(tokens[end - 1].span);
                    let kind = if has_quote_mark(cx, span) { ClaimKind::Mixed } else { ClaimKind::Indirect };
                    return Some((vec![span], kind, source, true));
                }
            }
            // ("called for immediately deducting …": a manner adverb before a gerund.)
            let adverb_gerund = phrase::ly_adverb(cx.r.word(start)) && start + 1 < b && cx.r.word(start + 1).ends_with("ing");
            if cx.quotes.opening_at(start).is_none() && (self.can_open_phrase(cx, start) || adverb_gerund) {
                let end = object_end(self, cx, start, b);
                if count_words(cx, start, end) >= 1 {
                    let span = tokens[start].span.cover(tokens[end - 1].span);
                    let kind = if has_quote_mark(cx, span) { ClaimKind::Mixed } else { ClaimKind::Indirect };
                    return Some((vec![span], kind, source, true));
                }
            }
        }
        let mut marked = false;
        // "As one user pointed out on Twitter, …": the frame's particle and phrases end at its comma.
        let sentence_start = cx.layout.sentences[s].tokens.0;
        let opening = if cx.r.is_word(sentence_start, "and") || cx.r.is_word(sentence_start, "but") { sentence_start + 1 } else { sentence_start };
        if k < b
            && cx.r.is_word(opening, "as")
            && (opening + 1..c).all(|t| tokens[t].is_word())
            && let Some(comma) = as_aside(cx, s, opening + 1, c)
        {
            k = k.max(comma);
        }
        if k < b && (cx.r.is_word(k, "that") || tokens[k].is_punct(':') || tokens[k].is_punct(',')) {
            // "As The Washington Post reported, …": after an "as" frame the comma marks the content.
            // (The frame runs from the sentence's start to the cue: no quote or comma on the way.)
            let a = cx.layout.sentences[s].tokens.0;
            // ("And as Menendez pointed out, …": after an opening conjunction too.)
            let a = if cx.r.is_word(a, "and") || cx.r.is_word(a, "but") { a + 1 } else { a };
            let as_frame = tokens[k].is_punct(',') && cx.r.is_word(a, "as") && (a + 1..c).all(|t| tokens[t].is_word());
            marked = !tokens[k].is_punct(',') || as_frame;
            k += 1;
        }
        if (k..b).all(|t| matches!(tokens[t].kind, TokenKind::Punct('.' | '!' | '?'))) {
            // "Limbaugh added:" ending its paragraph: the next paragraph is what was said.
            if k >= b && k > from && tokens[k - 1].is_punct(':') {
                return next_paragraph(cx, s).map(|span| {
                    let kind = if is_quote_span(cx, span) { ClaimKind::Direct } else { ClaimKind::Mixed };
                    (vec![span], kind, source, true)
                });
            }
            // "Officials said in a statement. “The bridge is closed.”": a speech cue with nothing
            // left but its asides reports the quote that makes up the next sentence. Unmarked, so
            // that content before the cue ("“…,” he said. “…”") comes first.
            let speech = matches!(cue.class, CueClass::Speech | CueClass::Addressed);
            return speech.then(|| next_sentence_quote(cx, s)).flatten().map(|span| (vec![span], ClaimKind::Direct, source, false));
        }
        if let Some(q) = cx.quotes.opening_at(k) {
            // A quote after a comma may be the second piece of a split quote ("“…,” she
            // said, “…”"): the reading before the cue gets the first say.
            let after_comma = k > from && tokens[k - 1].is_punct(',');
            let quote = cx.quotes.quotes[q];
            let rest = content_end(cx, quote.close + 1, b);
            // "chanting “No deal,” raising questions …", "said “We’ll see,” when asked …": a quote
            // that closes on its own comma has ended the content.
            let closed = quote.close > quote.open + 1 && tokens[quote.close - 1].is_punct(',');
            if cue.class != CueClass::Naming && !closed && rest > quote.close + 1 && count_words(cx, quote.close + 1, rest) > 0 {
                return Some((vec![quote.span.cover(tokens[rest - 1].span)], ClaimKind::Mixed, source, !after_comma));
            }
            if let Some(object) = named.filter(|_| !after_comma) {
                return Some((vec![tokens[object].span.cover(quote.span)], ClaimKind::Mixed, source, true));
            }
            return Some((vec![quote.span], ClaimKind::Direct, source, !after_comma));
        }
        // "She said, if elected, she would …", "said that, during the campaign, Gates was …": a
        // subordinate clause or an adverbial opens the content, and its main clause follows the
        // comma that closes it.
        if cx.r.is_word(k, "that") || (k > from && tokens[k - 1].is_punct(',')) || (k > from && cx.r.is_word(k - 1, "that")) {
            let k0 = if tokens[k].is_punct(',') { k + 1 } else { k };
            let even_if = cx.r.is_word(k0, "even") && ["if", "though", "as", "when"].iter().any(|w| cx.r.is_word(k0 + 1, w));
            if k0 < b && cue.class != CueClass::Object && tokens[k0].is_word() && (opens_subordinate(cx, k0) || opens_adverbial(cx, k0) || even_if) {
                let comma = (k0 + 1..b.min(k0 + 16)).find(|&i| tokens[i].is_punct(',') && cx.quotes.inside(i).is_none());
                if let Some(m) = comma.filter(|&m| m + 1 < b && self.can_open_clause(cx, m + 1) && self.looks_like_clause(cx, m + 1, b)) {
                    let end = content_end(cx, m + 1, b);
                    if end > m + 1 {
                        let span = tokens[k0].span.cover(tokens[end - 1].span);
                        let kind = if has_quote_mark(cx, span) { ClaimKind::Mixed } else { ClaimKind::Indirect };
                        return Some((vec![span], kind, source, true));
                    }
                }
            }
        }
        // ("declined to comment": two words when the infinitive is a speech verb's.)
        let infinitive = cx.r.is_word(k, "to") && cue.class == CueClass::Belief && {
            let words = count_words(cx, k, content_end(cx, k, b));
            words >= 3 || (words == 2 && cx.r.cue(k + 1).is_some_and(|c| c.class == CueClass::Speech))
        };
        // Verbs whose content may be a noun phrase though their class reads clauses.
        let np_taker = with_lower(cx.r.word(c), |w| {
            matches!(w, "want" | "wants" | "wanted") || (matches!(cue.class, CueClass::Speech | CueClass::Belief) && SPEECH_WITH_OBJECT.iter().any(|stem| has_prefix(w, stem)))
        })
        .unwrap_or(false);
        // "announced it would close": an object verb may report a clause.
        let clause = !marked && cue.class == CueClass::Object && !opens_wh_clause(cx, k) && self.can_open_clause(cx, k) && self.looks_like_clause(cx, k, b);
        // "called his vote an irresponsible one": what is named, then a noun phrase for it (not
        // "called a press conference", "called the police on Monday").
        let complement = !marked && cue.class == CueClass::Naming && named.is_some() && tokens[k].is_word() && self.can_open_phrase(cx, k) && !cx.r.is_in(k, set::CONNECTOR);
        let reads_clause = matches!(cue.class, CueClass::Speech | CueClass::Addressed | CueClass::Belief) && !marked && !infinitive && self.can_open_clause(cx, k) && self.looks_like_clause(cx, k, b);
        // "Democrats want policies that create more revenue", "acknowledged his success".
        let np_object = np_taker && !marked && !infinitive && !reads_clause && self.can_open_phrase(cx, k);
        let accepted = match cue.class {
            CueClass::ThatOnly => marked,
            CueClass::Naming => marked || complement,
            CueClass::Object => marked || clause || self.can_open_phrase(cx, k),
            CueClass::Speech | CueClass::Addressed | CueClass::Belief => marked || infinitive || reads_clause || np_object,
        };
        if !accepted {
            return None;
        }
        // "While Ramos said that journalists …, he appears …": the subordinate clause ends at
        // its comma.
        let subordinate = opens_subordinate(cx, cx.layout.sentences[s].tokens.0);
        let end = if (cue.class == CueClass::Object && !marked && !clause) || np_object {
            object_end(self, cx, k, b)
        } else if complement {
            // "called him divisive and accused him of …".
            coordinated_verb_end(cx, k, content_end(cx, k, b))
        } else if subordinate {
            phrase_end(cx, k, b)
        } else if infinitive {
            coordinated_verb_end(cx, k, content_end(cx, k, b))
        } else {
            content_end(cx, k, b)
        };
        // "endorsed Clinton", "opposes abortion": a stance verb's object may be one word.
        // "called him divisive": a naming's complement may be one word too.
        let min_words = if (cue.class == CueClass::Object && !marked) || complement { 1 } else { 2 };
        if count_words(cx, k, end) < min_words {
            return None;
        }
        let start = if complement { named.unwrap_or(k) } else { k };
        let span = tokens[start].span.cover(tokens[end - 1].span);
        let kind = if has_quote_mark(cx, span) { ClaimKind::Mixed } else { ClaimKind::Indirect };
        Some((vec![span], kind, source, marked))
    }

    /// A bare clause has a finite verb early on: an auxiliary or modal, or a past form, after
    /// its subject ("Russia was informed", "voter fraud would be"), or starts with a pronoun.
    fn looks_like_clause(&self, cx: &Cx<'_>, k: usize, b: usize) -> bool {
        if cx.r.is_pronoun(k) || with_lower(cx.r.word(k), phrase::contracted_pronoun).unwrap_or(false) || cx.r.is_word(k, "there") || opens_wh_clause(cx, k) {
            return true;
        }
        // "said the “central complication” is …": a quote early on marks a mixed content.
        if (k..b.min(k + 6)).any(|t| cx.quotes.opening_at(t).is_some()) {
            return true;
        }
        // A finite verb within the first words, before any punctuation but quote marks.
        // A verb inside a relative clause ("a policy that never surrendered") does not count.
        let tokens = &cx.layout.tokens;
        // A subject may carry an appositive or a relative clause ("the program, run by the
        // department, has brought …", "parents who adopt would not …"): the scan reads through
        // a pair of commas to the verb right after the second, not past a single one ("support at
        // the time, did not act" is the next clause's), and the first two words after a relative
        // pronoun are its own verb.
        let relative = |t: usize| tokens[t].is_word() && cx.r.is_relative(t);
        // ("Clinton Says Russians Hacked DNC": in a headline's title case a verb is capitalized.)
        let headline = std::cell::OnceCell::new();
        let name_like = |t: usize| tokens[t].capitalized && !*headline.get_or_init(|| title_case(cx, k, b));
        let mut commas = 0;
        (k + 1..b.min(k + 16)).take_while(|&t| tokens[t].is_word() || tokens[t].is_quote() || tokens[t].is_punct(',')).any(|t| {
            commas += usize::from(tokens[t].is_punct(','));
            let in_subject = commas == 0 || (commas == 2 && tokens[t - 1].is_punct(','));
            if !tokens[t].is_word() || !in_subject || name_like(t) || relative(t) || relative(t - 1) || (t >= 2 && relative(t - 2)) {
                return false;
            }
            let w = cx.r.word(t);
            // "promised a full inquiry and appointed …": a verb right after "and" is coordinated
            // with the cue, not the verb of a subject.
            if finite_verb(cx, t) {
                return !(cx.r.is_word(t - 1, "and") || cx.r.is_word(t - 1, "but"));
            }
            // "parents still want …", "the rules never allowed …": a plain verb after an adverb
            // of frequency, or a common verb after a plural subject.
            if cx.r.is_class(t, lexicon::word::BASE_VERB) && (cx.r.is_class(t - 1, lexicon::word::ADVERB_BEFORE_VERB) || plural_noun(cx.r.word(t - 1))) {
                return true;
            }
            // "favors the wealthy", not "close ties with": an -s verb before its object.
            let object_follows = tokens.get(t + 1).is_some_and(|n| {
                n.is_word() && (cx.r.is_in(t + 1, set::DETERMINER) || cx.r.is_pronoun(t + 1) || cx.r.is_word(t + 1, "that") || cx.r.is_word(t + 1, "to"))
            });
            w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") && object_follows
        })
    }

    /// An object noun phrase can start here ("the annexation").
    fn can_open_phrase(&self, cx: &Cx<'_>, k: usize) -> bool {
        let tok = cx.layout.tokens[k];
        tok.is_word() && (tok.capitalized || cx.r.is_in(k, set::DETERMINER) || !cx.r.is_in(k, set::BREAKER | set::AUX))
    }

    /// A bare clause can start here: a pronoun, a determiner, a name, a number; not a
    /// preposition or "to".
    fn can_open_clause(&self, cx: &Cx<'_>, k: usize) -> bool {
        let tok = cx.layout.tokens[k];
        if !tok.is_word() {
            return false;
        }
        let w = cx.r.word(k);
        if cx.r.is_pronoun(k) || cx.r.is_in(k, set::DETERMINER) || tok.capitalized || w.eq_ignore_ascii_case("there") || opens_wh_clause(cx, k) {
            return true;
        }
        // "said praise from Putin would …" opens with a noun that is also a cue; "said denying
        // it" does not open a clause.
        if cx.r.is_in(k, set::BREAKER | set::CONNECTOR) || cx.r.cue(k).is_some_and(|c| c.form == Form::Gerund) {
            return false;
        }
        // A lowercase noun phrase: "voter fraud would be…".
        true
    }

    /// A medium phrase at token `k`: "in an interview (with X)", "in a statement", "on
    /// Twitter", "at a news conference". Returns it and the token after it.
    fn medium_at(&self, cx: &Cx<'_>, k: usize, limit: usize) -> Option<(Source, usize)> {
        let tokens = &cx.layout.tokens;
        let prep = cx.r.lower(k);
        if !tokens[k].is_word() || !matches!(prep, "in" | "on" | "at" | "during" | "via" | "through" | "from") {
            return None;
        }
        // "on Fox News", "on ABC's “This Week”": an outlet named after "on".
        if prep == "on" {
            if let Some(ph) = cx.r.right(k + 1, limit).filter(|ph| ph.kind == EntityKind::Media && ph.name.is_some()) {
                let mut end = ph.last + 1;
                if let Some(q) = cx.quotes.opening_at(end) {
                    end = cx.quotes.quotes[q].close + 1;
                }
                let (x, y) = ph.name.unwrap_or((ph.first, ph.last + 1));
                let name = phrase::clean_name(tokens[x].span.cover(tokens[y - 1].span).of(cx.text)).to_string();
                return Some((Source { span: tokens[k].span.cover(tokens[end - 1].span), name }, end));
            }
        }
        let mut t = k + 1;
        let stop = limit.min(k + 6);
        while t < stop && tokens[t].is_word() {
            if cx.r.is_in(t, set::MEDIUM) {
                // "in a video message", "in a phone interview": a compound of media words.
                let mut t = t;
                while t + 1 < stop && tokens[t + 1].is_word() && cx.r.is_in(t + 1, set::MEDIUM) {
                    t += 1;
                }
                let w = cx.r.word(t);
                let mut end = t + 1;
                let mut name = w.to_string();
                if end < limit
                    && tokens[end].is_word()
                    && matches!(cx.r.lower(end), "with" | "by" | "to" | "on" | "for")
                    && let Some(ph) = cx.r.right(end + 1, limit).filter(|ph| ph.name.is_some() || ph.kind == EntityKind::Media)
                {
                    end = ph.last + 1;
                    name = ph.span(tokens).of(cx.text).trim_start_matches("the ").to_string();
                    // ("an interview with Sirius XM's “Breitbart News Daily”": the show's title.)
                    if let Some(q) = cx.quotes.opening_at(end).map(|q| cx.quotes.quotes[q]).filter(|q| q.words <= 6 && q.close < limit && is_possessive(cx.r.word(ph.last))) {
                        end = q.close + 1;
                    }
                }
                // "on the podcast “Here’s the Thing”", "in his book “Crippled America”": a short
                // quote after the medium is its title, not what was said.
                let titled = ["book", "podcast", "show", "program", "programme", "documentary", "column", "op-ed", "essay", "article", "editorial", "memoir", "film", "movie", "blog"].iter().any(|n| w.eq_ignore_ascii_case(n));
                if let Some(q) = cx.quotes.opening_at(end).map(|q| cx.quotes.quotes[q]).filter(|q| titled && end == t + 1 && q.words <= 6 && q.close < limit) {
                    name = q.span.of(cx.text).to_string();
                    end = q.close + 1;
                }
                let span = tokens[k].span.cover(tokens[end - 1].span);
                return Some((Source { span, name }, end));
            }
            // ("during a Friday evening rally", "in a Sunday interview": a time may modify it.)
            if cx.r.is_in(t, set::BREAKER) && !cx.r.is_in(t, set::DETERMINER) || (cx.in_time[t] && t == k + 1) {
                return None;
            }
            t += 1;
        }
        None
    }

    /// Rule: a quoted term put to use: "Turkey even used “one nation, two countries” to
    /// describe the relationship", "she used the word “betrayal” to refer to the deal". The
    /// content is the quote, the speaker whoever used it.
    fn quoted_term(&self, cx: &Cx<'_>, s: usize, t: usize, has_previous: bool) -> Option<Found> {
        let (a, b) = cx.layout.sentences[s].tokens;
        let tokens = &cx.layout.tokens;
        // The cheap test first: this runs at every word of every sentence.
        if !cx.r.is_class(t, lexicon::word::USE_VERB) {
            return None;
        }
        let w = cx.r.word(t);
        let mut k = t + 1;
        // "the phrase", "the term", "the word", "the slogan", "the label".
        if cx.r.is_in(k, set::DETERMINER) && k + 2 < b && ["phrase", "term", "word", "words", "slogan", "label", "expression"].iter().any(|n| cx.r.is_word(k + 1, n)) {
            k += 2;
        }
        let quote = cx.quotes.quotes[cx.quotes.opening_at(k)?];
        let to = quote.close + 1;
        let describes = cx.r.is_word(to, "to") && ["describe", "refer", "characterize", "characterise", "call", "explain", "denote", "portray", "label"].iter().any(|v| cx.r.is_word(to + 1, v));
        if !describes || to + 1 >= b {
            return None;
        }
        let cue = Cue { class: CueClass::Object, form: model::guess_form(w) };
        let l = verb_start(cx, t, a);
        let (who, _, _) = self.reporting_clause(cx, s, t, l, cue, has_previous)?;
        if let Who::Phrase(ph) = who
            && !plausible_speaker(cx, &ph)
        {
            return None;
        }
        Some(Found { kind: ClaimKind::Direct, who, cue: Some(tokens[t].span), content: vec![quote.span], source: None, sentences: (s, s + 1), confidence: 0.6 })
    }

    /// Rule: a claim named by a noun, with its owner: "Clinton's claim that …", "his warning
    /// that …", "the ministry's statement that …".
    fn nominal_cue(&self, cx: &Cx<'_>, s: usize, t: usize) -> Option<Found> {
        let (a, b) = cx.layout.sentences[s].tokens;
        let tokens = &cx.layout.tokens;
        // The cheap tests first: this runs at every word of every sentence, and the word's
        // class is one load (few words are in it).
        if t == a || !cx.r.is_class(t, lexicon::word::NOMINAL_CUE) {
            return None;
        }
        if !(cx.r.is_word(t + 1, "that") || tokens.get(t + 1).is_some_and(|n| n.is_punct(':'))) {
            return None;
        }
        let owner = t - 1;
        let word = cx.r.word(owner);
        let who = match entities::pronoun(word).filter(|_| matches!(lower(word).as_str(), "his" | "her" | "their" | "its")) {
            Some(_) => Phrase { first: owner, last: owner, name: None, kind: EntityKind::Person, pronoun: true },
            // ("a fact-check on Donald Trump's claim": the claim is Trump's; "the head of the
            // agency's claim" is the head's.)
            None if is_possessive(word) => {
                let ph = cx.r.left(owner, a)?;
                match (ph.first..owner).rev().find(|&i| cx.r.is_in(i, set::CONNECTOR) && !cx.r.is_word(i, "of")) {
                    Some(p) => cx.r.left(owner, p + 1)?,
                    None => ph,
                }
            }
            None => return None,
        };
        let start = t + 2;
        let end = content_end(cx, start, b);
        if count_words(cx, start, end) < 3 {
            return None;
        }
        let span = tokens[start].span.cover(tokens[end - 1].span);
        let kind = if has_quote_mark(cx, span) { ClaimKind::Mixed } else { ClaimKind::Indirect };
        Some(Found { kind, who: Who::Phrase(who), cue: Some(tokens[t].span), content: vec![span], source: None, sentences: (s, s + 1), confidence: 0.6 })
    }

    /// Rule: "according to X, …", "…, according to X", "…, according to X, …".
    fn according_to(&self, cx: &Cx<'_>, s: usize, t: usize) -> Option<Found> {
        let (a, b) = cx.layout.sentences[s].tokens;
        let tokens = &cx.layout.tokens;
        // The attribution runs to the next comma or the sentence end, past the commas of a list
        // ("according to his friends, aides and allies, he …").
        let next_break = |from: usize| (from..b.min(t + 30)).find(|&i| tokens[i].is_punct(',') || tokens[i].is_punct('.') || tokens[i].is_punct(':')).unwrap_or(b.min(t + 30));
        let mut attr_end = next_break(t + 2);
        while attr_end < b && tokens[attr_end].is_punct(',') {
            let next = next_break(attr_end + 1);
            let list = (attr_end + 1..next).any(|i| cx.r.is_word(i, "and") || cx.r.is_word(i, "or"))
                && next - attr_end <= 6
                && next < b
                && tokens[next].is_punct(',')
                && (attr_end + 1..next).all(|i| !tokens[i].is_word() || !finite_verb(cx, i));
            if !list {
                break;
            }
            attr_end = next;
        }
        // "according to July's polling", "according to recently hacked documents": a time's
        // possessive or an adverb may open the phrase; "according to some on Twitter": a
        // quantifier alone stands for people.
        let first = t + 2;
        let lead = if first + 1 < attr_end && ((cx.in_time[first] && is_possessive(cx.r.word(first))) || is_manner_adverb(cx, first)) { first + 1 } else { first };
        let head = cx.r.right(lead, attr_end).map(|ph| Phrase { first, ..ph }).or_else(|| {
            let some = ["some", "many", "others", "several", "most"].iter().any(|w| cx.r.is_word(first, w));
            (some && attr_end > first).then(|| Phrase { first, last: attr_end - 1, name: None, kind: EntityKind::Group, pronoun: false })
        }).or_else(|| {
            // "according to a January 2016 study by …", "according to her “clawback” plan": past
            // a time or a quoted word inside the phrase, to the noun that heads it.
            let skipped = |i: usize| cx.in_time[i] || tokens[i].is_quote() || cx.quotes.inside(i).is_some() || is_determiner(cx, i);
            (first + 1..attr_end.min(first + 6))
                .take_while(|&p| skipped(p - 1))
                .find_map(|p| cx.r.right(p, attr_end).filter(|ph| !ph.pronoun && ph.names_someone()))
                .map(|ph| Phrase { first, ..ph })
        })?;
        let (mut who, source) = self.reporter_of(cx, head, attr_end);
        // "according to early returns", "according to someone in attendance": what a claim is
        // according to is its source, whatever the lexicon makes of it.
        if who.kind == EntityKind::Unknown && !who.pronoun {
            who.kind = source_kind(cx, &who);
        }
        let cue = tokens[t].span.cover(tokens[t + 1].span);
        let mut pieces = Vec::new();
        let opens_sentence = (a..t).all(|i| !tokens[i].is_word() || matches!(cx.r.lower(i), "but" | "and" | "so" | "yet" | "however"));
        if !opens_sentence {
            let before_end = if tokens[t - 1].is_punct(',') { t - 1 } else { t };
            let start = content_start(cx, a, before_end);
            // ("That’s according to exit polls.": the demonstrative stands for what came before.)
            let word = cx.r.word(start);
            let that = word.strip_suffix("’s").or_else(|| word.strip_suffix("'s")).filter(|w| w.eq_ignore_ascii_case("that"));
            if before_end == start + 1
                && let Some(that) = that
            {
                // The pronoun without its "’s".
                let start = tokens[start].span.start;
                pieces.push(Span::new(start, start + that.len()));
            } else if count_words(cx, start, before_end) >= 2 {
                pieces.push(tokens[start].span.cover(tokens[before_end - 1].span));
            }
        }
        // ("According to the report: “…”": a colon opens the content too.)
        if attr_end + 1 < b && (tokens[attr_end].is_punct(',') || tokens[attr_end].is_punct(':')) {
            let end = content_end(cx, attr_end + 1, b);
            // "According to X, A held talks, and Putin …": a new clause with its own subject.
            let end = (attr_end + 2..end.saturating_sub(2)).find(|&i| tokens[i].is_punct(',') && coordinator_word(cx, i + 1) && tokens[i + 2].capitalized).unwrap_or(end);
            if count_words(cx, attr_end + 1, end) >= 2 {
                pieces.push(tokens[attr_end + 1].span.cover(tokens[end - 1].span));
            }
        }
        if pieces.is_empty() {
            return None;
        }
        Some(Found { kind: ClaimKind::AccordingTo, who: Who::Phrase(who), cue: Some(cue), content: pieces, source, sentences: (s, s + 1), confidence: 0.85 })
    }

    /// Who reports, in "a report by X" / "a statement from X" / "X": the outlet, with the
    /// whole phrase as the medium when a medium noun heads it.
    fn reporter_of(&self, cx: &Cx<'_>, head: Phrase, limit: usize) -> (Phrase, Option<Source>) {
        let tokens = &cx.layout.tokens;
        let by = head.last + 1;
        let headed_by_medium = cx.r.is_in(head.last, set::MEDIUM);
        if headed_by_medium && by < limit && matches!(cx.r.lower(by), "by" | "from" | "of" | "in") {
            if let Some(outlet) = cx.r.right(by + 1, limit) {
                let span = tokens[head.first].span.cover(tokens[outlet.last].span);
                let name = outlet.name.map_or_else(
                    || outlet.span(tokens).of(cx.text).to_string(),
                    |(x, y)| tokens[x].span.cover(tokens[y - 1].span).of(cx.text).to_string(),
                );
                let mut outlet = outlet;
                if outlet.kind == EntityKind::Unknown || outlet.kind == EntityKind::Person {
                    outlet.kind = EntityKind::Media;
                }
                return (outlet, Some(Source { span, name }));
            }
        }
        (head, None)
    }

    /// Rule: a paragraph that opens with a speaker's name and a colon, as in transcripts and
    /// headlines ("PENCE: Gennifer Flowers will not attend.", "Poll: Voters …").
    fn speaker_label(&self, cx: &Cx<'_>, p: usize) -> Option<Found> {
        let para = cx.layout.paragraphs[p];
        let (s0, s1) = para.sentences;
        let (a, _) = cx.layout.sentences.get(s0)?.tokens;
        let t1 = cx.layout.sentences[s1 - 1].tokens.1;
        let tokens = &cx.layout.tokens;
        // "\"WALLACE: …": transcripts quoted paragraph by paragraph open each with a quote mark.
        let a = if tokens[a].is_quote() && a + 1 < t1 { a + 1 } else { a };
        if !has_label_colon(cx, a, t1) {
            return None;
        }
        let ph = cx.r.right(a, t1.min(a + 7))?;
        let colon = ph.last + 1;
        if colon + 1 >= t1 || !tokens[colon].is_punct(':') || !tokens[a].capitalized || ph.pronoun {
            return None;
        }
        let label = ph.span(tokens).of(cx.text);
        if NOT_SPEAKERS.iter().any(|w| label.eq_ignore_ascii_case(w)) || (ph.name.is_none() && ph.kind == EntityKind::Unknown) {
            return None;
        }
        let mut end = t1;
        while end > colon + 1 && matches!(tokens[end - 1].kind, TokenKind::Punct('.' | '!' | '?' | ',' | ';' | ':')) {
            end -= 1;
        }
        if count_words(cx, colon + 1, end) < 3 {
            return None;
        }
        Some(Found {
            kind: if is_quote_span(cx, tokens[colon + 1].span.cover(tokens[end - 1].span)) { ClaimKind::Direct } else { ClaimKind::Mixed },
            who: Who::Phrase(ph),
            cue: Some(tokens[colon].span),
            content: vec![tokens[colon + 1].span.cover(tokens[end - 1].span)],
            source: None,
            sentences: (s0, s1),
            confidence: 0.6,
        })
    }

    /// Quotes no cue claimed: the second piece of the claim just before ("“…,” she said.
    /// “…”"), or a cue-less claim of the paragraph's last speaker.
    fn read_leftover_quotes(&self, cx: &Cx<'_>, p: usize, found: &mut Vec<Found>, spilled: &[Span], buffers: &mut LeftoverBuffers) {
        let para = cx.layout.paragraphs[p];
        let (s0, s1) = para.sentences;
        if s0 == s1 {
            return;
        }
        let (t0, t1) = (cx.layout.sentences[s0].tokens.0, cx.layout.sentences[s1 - 1].tokens.1);
        let first_q = cx.quotes.quotes.partition_point(|q| q.open < t0);
        // The contents found so far by start, with the furthest end up to each, and the last
        // direct claim ending at each sentence: each quote is checked in log time, not by a walk
        // over every claim of the paragraph. Quotes do not overlap, so what this loop adds
        // needs no entry in `covered`.
        let LeftoverBuffers { covered, reach, last_direct } = buffers;
        covered.clear();
        covered.extend(found.iter().flat_map(|f| f.content.iter().copied()).chain(spilled.iter().copied()));
        covered.sort_unstable_by_key(|c| c.start);
        reach.clear();
        reach.extend(covered.iter().scan(0, |end, c| { *end = (*end).max(c.end); Some(*end) }));
        last_direct.clear();
        for (i, f) in found.iter().enumerate().filter(|(_, f)| f.kind == ClaimKind::Direct) {
            last_direct.insert(f.sentences.1, i);
        }
        for q in first_q..cx.quotes.quotes.len() {
            let quote = cx.quotes.quotes[q];
            if quote.open >= t1 {
                break;
            }
            let before_end = covered.partition_point(|c| c.start < quote.span.end);
            if before_end > 0 && reach[before_end - 1] > quote.span.start {
                continue;
            }
            // A quote that is a sentence of its own, not a phrase in running text.
            let s = cx.layout.sentence_of_token(quote.open);
            let (a, b) = cx.layout.sentences[s].tokens;
            let _ = b;
            let opens = quote.open == a;
            let alone = opens && cx.layout.sentences[cx.layout.sentence_of_token(quote.close)].tokens.1 <= quote.close + 2;
            let last_sentence = cx.layout.sentence_of_token(quote.close) + 1;
            // Right after a direct claim of this paragraph: its continuation.
            if opens && quote.words >= 3 {
                if let Some(i) = last_direct.get(&s).copied() {
                    let prev = &mut found[i];
                    prev.content.push(quote.span);
                    prev.sentences.1 = last_sentence;
                    let last = last_direct.entry(last_sentence).or_insert(i);
                    *last = (*last).max(i);
                    continue;
                }
            }
            // "“…” ― Sonya Herridge": a quote signed with a dash and a name, as testimonials
            // and epigraphs are.
            if let Some((ph, dash)) = dash_byline(cx, quote.close, t1).or_else(|| byline_paragraph(cx, quote.close, t1, p)) {
                found.push(Found {
                    kind: ClaimKind::Direct,
                    who: Who::Phrase(ph),
                    cue: Some(cx.layout.tokens[dash].span),
                    content: vec![quote.span],
                    source: None,
                    sentences: (s, last_sentence),
                    confidence: 0.8,
                });
                continue;
            }
            // (A quote in title case alone is a headline or a title: "'All Bets Are Off.'")
            if !alone || quote.words < 4 || (quote.words <= 10 && title_case(cx, quote.open + 1, quote.close)) {
                continue;
            }
            last_direct.insert(last_sentence, found.len());
            found.push(Found {
                kind: ClaimKind::Direct,
                who: Who::Implied,
                cue: None,
                content: vec![quote.span],
                source: None,
                sentences: (s, last_sentence),
                confidence: 0.5,
            });
        }
    }
}

/// What [`Attributor::read_leftover_quotes`] works in, kept from one paragraph to the next.
#[derive(Debug, Default)]
struct LeftoverBuffers {
    /// The contents found so far, by start.
    covered: Vec<Span>,
    /// The furthest end of `covered` up to each of its entries.
    reach: Vec<usize>,
    /// The last direct claim ending at each sentence, by its index in the paragraph's found.
    last_direct: foldhash::HashMap<usize, usize>,
}

/// After the quote closing at `close`, a dash and a name that end the paragraph (`t1`): the
/// name's phrase and the dash.
fn dash_byline(cx: &Cx<'_>, close: usize, t1: usize) -> Option<(Phrase, usize)> {
    let dash = close + 1;
    if dash >= t1 || !byline_dash(cx, dash) {
        return None;
    }
    signed_name(cx, dash, t1, false).map(|ph| (ph, dash))
}

/// The name after the byline dash at `dash` that ends the paragraph at `end` (or, with
/// `comma_ends`, that a comma follows: "-Michelle Marks, Philadelphia.").
fn signed_name(cx: &Cx<'_>, dash: usize, end: usize, comma_ends: bool) -> Option<Phrase> {
    let tokens = &cx.layout.tokens;
    let ph = cx.r.right(dash + 1, end).filter(|ph| ph.name.is_some() && !ph.pronoun)?;
    let after = ph.last + 1;
    let signed = (after..end).all(|i| !tokens[i].is_word()) || (comma_ends && tokens[after].is_punct(','));
    signed.then_some(ph)
}

/// A dash, as bylines use: a long dash, or a hyphen standing alone between spaces (" - ").
fn byline_dash(cx: &Cx<'_>, t: usize) -> bool {
    let tok = cx.layout.tokens[t];
    match tok.kind {
        TokenKind::Punct('―' | '—' | '–') => true,
        TokenKind::Punct('-') => cx.text[..tok.span.start].ends_with(char::is_whitespace) || cx.text[..tok.span.start].ends_with('\n'),
        _ => false,
    }
}

/// A quote that ends its paragraph (`close + 1 == t1`), signed in the next one: "“…”\n\n- Bernie
/// Sanders." or "-President Obama, tweeting after the speech." The name's phrase and the dash.
fn byline_paragraph(cx: &Cx<'_>, close: usize, t1: usize, p: usize) -> Option<(Phrase, usize)> {
    let tokens = &cx.layout.tokens;
    let trailing = (close + 1..t1).all(|i| !tokens[i].is_word());
    let next = cx.layout.paragraphs.get(p + 1)?;
    if !trailing || next.sentences.0 >= next.sentences.1 || next.boilerplate {
        return None;
    }
    let (n0, n1) = (cx.layout.sentences[next.sentences.0].tokens.0, cx.layout.sentences[next.sentences.1 - 1].tokens.1);
    let dash = n0;
    if n1 > n0 + 16 || !matches!(tokens[dash].kind, TokenKind::Punct('―' | '—' | '–' | '-')) {
        return None;
    }
    signed_name(cx, dash, n1, true).map(|ph| (ph, dash))
}

/// What the model is told of a rule reading: who speaks, what kind of content, on which side.
fn reading(cx: &Cx<'_>, f: &Found) -> model::Reading {
    let who = match f.who {
        Who::Phrase(ph) if ph.pronoun => "pronoun",
        Who::Phrase(ph) if ph.name.is_some() => "name",
        Who::Phrase(ph) => match ph.kind {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Government => "government",
            EntityKind::Media => "media",
            EntityKind::Group => "group",
            EntityKind::Unknown => "unknown",
        },
        Who::Previous => "previous",
        Who::Implied => "implied",
    };
    let before = f.cue.zip(f.content.first()).is_some_and(|(cue, content)| content.start < cue.start);
    let words = f.content.iter().map(|span| cx.text[span.start..span.end].split_whitespace().take(9).count()).sum();
    model::Reading { who, kind: f.kind, before, words }
}

/// Resolves a candidate's speaker to a mention, a canonical name and an entity.
fn resolve_speaker(cx: &Cx<'_>, names: &Names, registry: &mut Registry, f: &Found, p: usize, previous: Option<&Speaker>) -> Option<Speaker> {
    let tokens = &cx.layout.tokens;
    match f.who {
        Who::Previous => previous.cloned(),
        Who::Implied => {
            let prev = previous.cloned().or_else(|| {
                let e = registry.latest(p, 1)?;
                Some(Speaker { span: None, name: registry.entities[e].name.clone(), kind: registry.entities[e].kind, entity: Some(e) })
            })?;
            Some(Speaker { span: None, ..prev })
        }
        Who::Phrase(ph) => {
            let span = ph.span(tokens);
            let text = span.of(cx.text);
            if ph.pronoun {
                let kind = entities::pronoun(text)?;
                if let Some(e) = registry.resolve(kind, span, p) {
                    let ent = &registry.entities[e];
                    return Some(Speaker { span: Some(span), name: ent.name.clone(), kind: ent.kind, entity: Some(e) });
                }
                // "Mrs. Clinton has been frank in her acknowledgment that …": no speaker yet the
                // pronoun fits, but the sentence's subject before it is a name that does, one the
                // document's names know, of no other gender than the pronoun's.
                if let Some(ante) = sentence_antecedent(cx, f, &ph, kind)
                    && let Some((_, y)) = ante.name
                    && let Some(name) = names.canonical(tokens[y - 1].span.of(cx.text), cx.r.lex)
                    && !matches!((kind, registry.gender_of_name(&name)), (lexicon::PronounKind::He, Some(entities::Gender::Female)) | (lexicon::PronounKind::She, Some(entities::Gender::Male)))
                    // (The name heads the phrase: not "Recent" in "Recent shipments …".)
                    && y == ante.last + 1
                {
                    let e = registry.named(&name, ante.kind, span, p, text);
                    registry.learn_gender(e, kind);
                    return Some(Speaker { span: Some(span), name, kind: registry.entities[e].kind, entity: Some(e) });
                }
                // (Unresolved, the pronoun still says what kind of speaker it is: "she’s" too.)
                let kind = match kind {
                    lexicon::PronounKind::He | lexicon::PronounKind::She | lexicon::PronounKind::Speaker => EntityKind::Person,
                    lexicon::PronounKind::They => EntityKind::Group,
                    lexicon::PronounKind::It => EntityKind::Organization,
                };
                return Some(Speaker { span: Some(span), name: text.to_string(), kind, entity: None });
            }
            let name = match ph.name {
                Some((x, y)) => {
                    let run = tokens[x].span.cover(tokens[y - 1].span).of(cx.text);
                    names.canonical(tokens[y - 1].span.of(cx.text), cx.r.lex).unwrap_or_else(|| phrase::clean_name(run).to_string())
                }
                // "liberals, who decried …": a relative pronoun is named by its antecedent.
                None if ph.first == ph.last && phrase::is_relative(text) => {
                    let a = cx.layout.sentences[f.sentences.0].tokens.0;
                    relative_antecedent(cx, ph.first, a).map_or_else(|| text.to_string(), |ante| ante.span(tokens).of(cx.text).to_string())
                }
                None => text.to_string(),
            };
            let e = registry.named(&name, ph.kind, span, p, text);
            let kind = registry.entities[e].kind;
            Some(Speaker { span: Some(span), name, kind, entity: Some(e) })
        }
    }
}

/// The named subject that opens the sentence of claim `f` before the pronoun phrase `ph`, if
/// the pronoun can stand for it: a person for "he" and "she" (of no other gender), a group or
/// an organization for "they", an organization for "it".
fn sentence_antecedent(cx: &Cx<'_>, f: &Found, ph: &Phrase, pronoun: lexicon::PronounKind) -> Option<Phrase> {
    use lexicon::PronounKind as P;
    let a = cx.layout.sentences[f.sentences.0].tokens.0;
    if ph.first <= a + 1 {
        return None;
    }
    let subject = main_subject(cx, a, ph.first).filter(|s| s.name.is_some() && !s.pronoun && s.last < ph.first)?;
    let words = subject.span(&cx.layout.tokens).of(cx.text);
    let fits = match pronoun {
        P::He => subject.kind == EntityKind::Person && entities::gender_of(words) != Some(entities::Gender::Female),
        P::She => subject.kind == EntityKind::Person && entities::gender_of(words) != Some(entities::Gender::Male),
        P::They => matches!(subject.kind, EntityKind::Group | EntityKind::Organization | EntityKind::Government),
        P::It => matches!(subject.kind, EntityKind::Organization | EntityKind::Government | EntityKind::Media),
        P::Speaker => false,
    };
    fits.then_some(subject)
}

/// The phrase a relative pronoun at token `x` stands for: "the department" in "the
/// department, which reported …", within the sentence starting at `a`.
fn relative_antecedent(cx: &Cx<'_>, x: usize, a: usize) -> Option<Phrase> {
    let end = if x > a && cx.layout.tokens[x - 1].is_punct(',') { x - 1 } else { x };
    let last = end.checked_sub(1)?;
    // "including 18% who say …": a count or share of people.
    if last >= a && let Some(first) = counted_people(cx, a, last) {
        return Some(Phrase { first, last, name: None, kind: EntityKind::Group, pronoun: false });
    }
    cx.r.left(last, a)
}

/// A claim of speech ("said", "told") by a speaker the text names or describes, not a pronoun.
fn named_speech(cx: &Cx<'_>, f: &Found) -> bool {
    let named = matches!(f.who, Who::Phrase(ph) if !ph.pronoun);
    let speech = f.cue.and_then(|c| cx.r.lex.cue(c.of(cx.text))).is_some_and(|c| matches!(c.class, CueClass::Speech | CueClass::Addressed));
    named && speech
}

/// A reading the text frames as a report: its content is quoted, follows "that" or a colon, or
/// stands before the cue ("“…,” she quipped").
fn framed(cx: &Cx<'_>, f: &Found) -> bool {
    let (Some(cue), Some(first)) = (f.cue, f.content.first()) else { return false };
    if first.start < cue.start || matches!(f.kind, ClaimKind::Direct | ClaimKind::Mixed) {
        return true;
    }
    let t = cx.layout.tokens.partition_point(|tok| tok.span.start < first.start);
    t > 0 && (cx.r.is_word(t - 1, "that") || cx.layout.tokens[t - 1].is_punct(':'))
}

/// "Mr. Trump, who said last week that the judge was biased, issued a statement …": a claim
/// made in a relative clause ends where the clause does, at the comma before the main verb.
fn close_relative_clause(cx: &Cx<'_>, mut f: Found, c: usize, b: usize) -> Found {
    let tokens = &cx.layout.tokens;
    let Who::Phrase(ph) = f.who else { return f };
    // (The mention is the pronoun, or a count of it: "…, many of whom say …".)
    let relative = ph.first > 0 && tokens[ph.first - 1].is_punct(',') && ["who", "whom", "which"].iter().any(|r| cx.r.is_word(ph.last, r));
    if !relative || ph.first > c {
        return f;
    }
    let main_verb = |i: usize| tokens[i].is_word() && !tokens[i].capitalized && (finite_verb(cx, i) || cx.r.is_in(i, set::AUX));
    let Some(comma) = (c + 1..b.min(c + MAX_CONTENT)).find(|&i| tokens[i].is_punct(',') && cx.quotes.inside(i).is_none() && i + 1 < b && main_verb(i + 1)) else { return f };
    let cut = tokens[comma].span.start;
    f.content.retain(|piece| piece.start < cut);
    if let Some(last) = f.content.last_mut().filter(|last| last.end > cut) {
        let end = (c + 1..comma).rev().find(|&i| !matches!(tokens[i].kind, TokenKind::Punct(_))).map_or(cut, |i| tokens[i].span.end);
        *last = Span::new(last.start, end.max(last.start));
    }
    f
}

/// The claims handed out so far in a paragraph that a later claim may stand inside: each one's
/// content and speaker, in buffers kept from one paragraph to the next rather than a copy of
/// both per claim.
#[derive(Debug, Default)]
struct Emitted {
    claims: Vec<EmittedClaim>,
    /// The claims' content pieces end to end.
    pieces: Vec<Span>,
    /// The claims' speaker names end to end.
    names: String,
}

#[derive(Debug)]
struct EmittedClaim {
    /// Its content: a range of `Emitted::pieces`.
    pieces: (usize, usize),
    entity: Option<usize>,
    /// Its speaker's name: a range of `Emitted::names`.
    name: (usize, usize),
}

impl Emitted {
    fn clear(&mut self) {
        self.claims.clear();
        self.pieces.clear();
        self.names.clear();
    }

    fn push(&mut self, content: &[Span], speaker: &Speaker) {
        let pieces = (self.pieces.len(), self.pieces.len() + content.len());
        self.pieces.extend_from_slice(content);
        let name = (self.names.len(), self.names.len() + speaker.name.len());
        self.names.push_str(&speaker.name);
        self.claims.push(EmittedClaim { pieces, entity: speaker.entity, name });
    }

    /// Keeps the claims whose content reaches past `start`.
    fn retain_reaching(&mut self, start: usize) {
        let pieces = &self.pieces;
        self.claims.retain(|c| pieces[c.pieces.0..c.pieces.1].iter().any(|piece| piece.end > start));
    }

    /// For each claim whose content holds `cue`, whether `speaker` is that claim's: the same
    /// entity, or the same name where either has no entity.
    fn holding<'s>(&'s self, cue: Span, speaker: &'s Speaker) -> impl Iterator<Item = bool> + 's {
        self.claims.iter().filter(move |c| self.pieces[c.pieces.0..c.pieces.1].iter().any(|piece| piece.contains(cue))).map(move |c| match (c.entity, speaker.entity) {
            (Some(x), Some(y)) => x == y,
            _ => self.names[c.name.0..c.name.1] == speaker.name,
        })
    }
}

/// Builds the claim: id, time, medium (inherited from the carrying report), sentence span.
fn finish(cx: &Cx<'_>, doc: &Document<'_>, times: &[TimeExpr], f: Found, speaker: Speaker, p: usize, report: &mut Option<Report>) -> Claim {
    let sentences = &cx.layout.sentences;
    let sentence = sentences[f.sentences.0].span.cover(sentences[f.sentences.1.max(f.sentences.0 + 1) - 1].span);
    let anchor = f.cue.or(speaker.span).unwrap_or(sentence);
    // Times are in document order: look only at those starting in the sentence.
    let first = times.partition_point(|t| t.span.start < sentence.start);
    let past = first + times[first..].partition_point(|t| t.span.start < sentence.end);
    let own_when = times[first..past]
        .iter()
        .filter(|t| sentence.contains(t.span) && matches!(t.kind, TimeKind::Date | TimeKind::Time))
        .filter(|t| !f.content.iter().any(|c| c.overlaps(t.span)))
        .min_by_key(|t| t.span.start.abs_diff(anchor.start))
        .cloned();
    if report.as_ref().is_some_and(|r| r.paragraph != p) {
        *report = None;
    }
    // What the claim lacks it takes from the report carrying it, before this claim may become
    // the carrying report itself.
    let own_when = own_when.or_else(|| event_time(cx, &f, sentence));
    let (has_own_when, has_own_source) = (own_when.is_some(), f.source.is_some());
    let carried = report.as_ref();
    let when = own_when.or_else(|| carried.and_then(|r| r.when.clone()));
    let source = f.source.or_else(|| carried.and_then(|r| r.source.clone()));
    if has_own_source || f.kind == ClaimKind::AccordingTo {
        let when = if has_own_when { when.clone() } else { None };
        let source = if has_own_source { source.clone() } else { None };
        *report = Some(Report { paragraph: p, when, source });
    }
    let confidence = if speaker.entity.is_none() { f.confidence * 0.8 } else { f.confidence };
    Claim {
        id: claim_id(doc.id, speaker.span, f.cue, &f.content),
        kind: f.kind,
        speaker,
        cue: f.cue,
        content: f.content,
        when,
        source,
        sentence,
        confidence,
    }
}

/// Ends a claim's content where a coordinated claim begins inside it: in "According to X,
/// A happened, and Putin noted that B", the report's content is "A happened". A claim nested
/// by "that" ("X said that Y told him …") keeps its whole content.
fn split_coordinated(cx: &Cx<'_>, found: &mut [Found]) {
    let tokens = &cx.layout.tokens;
    // (byte offset, index in `found`, first token) of each coordinated phrase claim, by offset,
    // so that each content looks only at the claims starting inside it: linear in a paragraph's
    // claims.
    let mut starts: Vec<(usize, usize, usize)> = found
        .iter()
        .enumerate()
        .filter_map(|(i, f)| {
            let Who::Phrase(ph) = f.who else { return None };
            let first = ph.first.min(f.cue.map_or(usize::MAX, |c| cx.layout.tokens.partition_point(|t| t.span.start < c.start)));
            (first > 0 && coordinator_before(cx, first)).then(|| (tokens[first].span.start, i, first))
        })
        .collect();
    starts.sort_unstable();
    for f in found.iter_mut() {
        let Some(last) = f.content.last_mut() else { continue };
        let inside = &starts[starts.partition_point(|&(at, ..)| at <= last.start)..];
        let inside = &inside[..inside.partition_point(|&(at, ..)| at < last.end)];
        // The first claim in document order, as `found` is sorted.
        let Some(&(_, _, t)) = inside.iter().min_by_key(|&&(_, i, _)| i) else { continue };
        let mut end = t;
        while end > 0 && tokens[end - 1].span.start > last.start && (coordinator_word(cx, end - 1) || matches!(tokens[end - 1].kind, TokenKind::Punct(',' | ';'))) {
            end -= 1;
        }
        if end > 0 && tokens[end - 1].span.end > last.start {
            last.end = tokens[end - 1].span.end;
        }
    }
}

/// "and", "but", "while", "whereas".
fn coordinator_word(cx: &Cx<'_>, t: usize) -> bool {
    cx.layout.tokens[t].is_word() && cx.r.is_class(t, lexicon::word::COORDINATOR)
}

/// A claim starting at token `t` is coordinated with what precedes: ", and X said", "; X said".
fn coordinator_before(cx: &Cx<'_>, t: usize) -> bool {
    let tokens = &cx.layout.tokens;
    tokens[t - 1].is_punct(';') || (coordinator_word(cx, t - 1) && t >= 2 && tokens[t - 2].is_punct(','))
}

/// A time expression at token `t`, with its preposition ("on Monday", "last week"): the token
/// after it.
fn time_phrase_end(cx: &Cx<'_>, t: usize, b: usize) -> Option<usize> {
    let prep = cx.layout.tokens[t].is_word() && matches!(cx.r.lower(t), "on" | "in" | "at" | "during" | "since" | "by" | "until" | "from");
    let mut end = if prep && t + 1 < b && cx.in_time[t + 1] { t + 1 } else { t };
    if !cx.in_time[end] {
        return None;
    }
    while end < b && cx.in_time[end] {
        end += 1;
    }
    // "called Friday's decision a win": a time in the possessive modifies what follows.
    (!is_possessive(cx.r.word(end - 1))).then_some(end)
}

/// A time anchored on an event rather than the calendar, in the attribution part of a claim's
/// sentence: "just after the end of the war, Armenia said", "and afterwards said". Its value
/// is empty: no calendar value follows from the text.
fn event_time(cx: &Cx<'_>, f: &Found, sentence: Span) -> Option<TimeExpr> {
    let tokens = &cx.layout.tokens;
    let cue = f.cue?;
    let c = tokens.partition_point(|t| t.span.start < cue.start);
    let a = tokens.partition_point(|t| t.span.start < sentence.start);
    let outside = |t: usize| !f.content.iter().any(|p| p.overlaps(tokens[t].span));
    // An adverb among the words right before the cue: "afterwards said", "later told".
    for t in (a.max(c.saturating_sub(3))..c).rev() {
        if tokens[t].is_word() && matches!(cx.r.lower(t), "afterwards" | "afterward" | "later" | "subsequently" | "then") && outside(t) {
            return Some(TimeExpr { span: tokens[t].span, value: String::new(), kind: TimeKind::Date });
        }
    }
    // A temporal phrase opening the clause: "(just) after the end of the war, …".
    let mut t = a;
    // ("In fact, just after …": the opener's comma too.)
    while t < c && ((tokens[t].is_word() && matches!(cx.r.lower(t), "in" | "fact" | "but" | "and" | "yet" | "so" | "then")) || (t > a && tokens[t].is_punct(','))) {
        t += 1;
    }
    let first = t;
    if t < c && matches!(cx.r.lower(t), "just" | "shortly" | "soon" | "immediately" | "right" | "long") {
        t += 1;
    }
    if t >= c || !matches!(cx.r.lower(t), "after" | "before" | "during" | "following" | "since" | "amid") {
        return None;
    }
    let comma = (t + 1..c.min(t + 14)).find(|&i| tokens[i].is_punct(','))?;
    (comma > t + 1 && (first..comma).all(outside)).then(|| TimeExpr { span: tokens[first].span.cover(tokens[comma - 1].span), value: String::new(), kind: TimeKind::Date })
}

/// For each token, whether it stands inside a time expression.
fn token_times(layout: &Layout, times: &[TimeExpr]) -> Vec<bool> {
    let mut out = vec![false; layout.tokens.len()];
    let mut i = 0;
    for (t, tok) in layout.tokens.iter().enumerate() {
        while i < times.len() && times[i].span.end <= tok.span.start {
            i += 1;
        }
        out[t] = times.get(i).is_some_and(|x| x.span.overlaps(tok.span));
    }
    out
}

/// A word with the ending of a participle: "Emboldened", "Facing".
fn ends_like_participle(w: &str) -> bool {
    w.len() > 4 && (w.ends_with("ed") || w.ends_with("ing"))
}

fn is_possessive(w: &str) -> bool {
    (w.ends_with("’s") || w.ends_with("'s")) && !phrase::contracted_be(&lower(w))
}

/// A speaker phrase that can make a claim: a pronoun, a name, a known kind of speaker, or a
/// definite description ("the statement", "his campaign"); not "a clear" (before "signal")
/// or "raises" (before "questions").
fn plausible_speaker(cx: &Cx<'_>, ph: &Phrase) -> bool {
    // "These moves indicate that …", "Armenia's willingness to talk suggests that …": an act or
    // a disposition is evidence the writer reads, not a source that asserts.
    // ("Latino Decisions researcher Sylvia Manzano": a capitalized word is part of a name.)
    if !ph.pronoun && (ph.first..=ph.last.min(ph.first + 2)).any(|t| !cx.layout.tokens[t].capitalized && cx.r.is_in(t, set::ACT)) {
        return false;
    }
    // ("Having said that, …": a perfect participle opens the sentence, not a name.)
    if ph.first == ph.last && cx.r.word(ph.first).eq_ignore_ascii_case("having") {
        return false;
    }
    if ph.names_someone() {
        return true;
    }
    let first = cx.r.word(ph.first);
    let is = |w: &str| first.eq_ignore_ascii_case(w);
    let definite = ["the", "this", "these", "those", "his", "her", "their", "its", "our"].iter().any(|w| is(w)) || is_possessive(first);
    definite || (ph.last > ph.first && !is("a") && !is("an"))
}

fn is_object_pronoun(w: &str) -> bool {
    matches!(lower(w).as_str(), "me" | "us" | "him" | "her" | "them" | "you" | "reporters" | "journalists")
}

/// A sentence in title case, as headlines are: short, most of its words capitalized.
fn title_case(cx: &Cx<'_>, a: usize, b: usize) -> bool {
    const HEADLINE_TOKENS: usize = 40;
    if b - a > HEADLINE_TOKENS {
        return false;
    }
    let words = cx.layout.tokens[a..b].iter().filter(|t| t.is_word());
    let (caps, all) = words.fold((0, 0), |(c, n), t| (c + usize::from(t.capitalized), n + 1));
    all >= 4 && caps * 10 >= all * 7
}

/// Where the verb group of the word at `t` starts: before the auxiliaries, negations and
/// adverbs between it and its subject ("has not yet said"), no earlier than `a`.
fn verb_start(cx: &Cx<'_>, t: usize, a: usize) -> usize {
    let tokens = &cx.layout.tokens;
    let mut l = t;
    while l > a && tokens[l - 1].is_word() && {
        cx.r.is_in(l - 1, set::AUX) || cx.r.is_class(l - 1, lexicon::word::NEGATION | lexicon::word::ADVERB_BEFORE_VERB) || phrase::ly_adverb(cx.r.word(l - 1))
    } {
        l -= 1;
    }
    l
}

/// The pronouns a count of people may be of: "most of them" ([`lexicon::word::COUNTED_PRONOUN`]).
const COUNTED_PRONOUNS: &[&str] = &["them", "us", "those", "these"];

/// Words that count people alone: "most said" ([`lexicon::word::PEOPLE_COUNT`]).
const PEOPLE_COUNTS: &[&str] = &["most", "many", "some", "another", "others", "both", "all", "few", "several"];

/// Negations before a verb ([`lexicon::word::NEGATION`]).
const NEGATIONS: &[&str] = &["not", "never", "didn't", "didn’t", "doesn't", "doesn’t", "don't", "don’t", "won't", "won’t"];

fn is_be(w: &str) -> bool {
    matches!(lower(w).as_str(), "is" | "was" | "are" | "were" | "been" | "being" | "be")
}

/// "the said agreement", "a call": a cue word after a determiner is an adjective or a noun.
fn is_determiner(cx: &Cx<'_>, t: usize) -> bool {
    matches!(cx.r.lower(t), "the" | "a" | "an" | "this" | "his" | "her" | "their" | "its" | "whose")
}

fn is_comma_or_close(cx: &Cx<'_>, t: usize) -> bool {
    let tok = cx.layout.tokens[t];
    tok.is_punct(',') || matches!(tok.kind, TokenKind::Quote(QuoteMark::Close | QuoteMark::Straight)) && cx.quotes.closing_at(t).is_some()
}

fn closing_quote_at(cx: &Cx<'_>, t: usize) -> Option<usize> {
    cx.quotes.closing_at(t)
}

/// The quote that closes at token `p`, or just before a comma at `p` ("“…”, she said"), within
/// the sentence starting at `a`.
fn quote_closing_at(cx: &Cx<'_>, p: usize, a: usize) -> Option<usize> {
    closing_quote_at(cx, p).or_else(|| (cx.layout.tokens[p].is_punct(',') && p > a).then(|| closing_quote_at(cx, p - 1)).flatten())
}

/// The comma at `t` opens an aside that a second comma closes right before a verb: "the
/// program, run by the ministry, has …".
fn aside_before_verb(cx: &Cx<'_>, t: usize, limit: usize) -> bool {
    let tokens = &cx.layout.tokens;
    let Some(close) = (t + 2..limit.min(t + 14)).find(|&i| !tokens[i].is_word()) else { return false };
    let verb = close + 1;
    tokens[close].is_punct(',') && verb < limit && tokens[verb].is_word() && !tokens[verb].capitalized && (finite_verb(cx, verb) || cx.r.is_in(verb, set::AUX))
}

/// A participle opens at token `t`, perhaps after an adverb: "putting", "implicitly putting".
/// Participles that work as prepositions ("including", "regarding") do not count.
fn participle_follows(cx: &Cx<'_>, t: usize, limit: usize) -> bool {
    let tokens = &cx.layout.tokens;
    let lower_word = |i: usize| i < limit && tokens[i].is_word() && !tokens[i].capitalized;
    let t = if lower_word(t) && cx.r.word(t).len() > 4 && cx.r.word(t).ends_with("ly") { t + 1 } else { t };
    if !lower_word(t) {
        return false;
    }
    let w = cx.r.word(t);
    w.len() > 5 && w.ends_with("ing") && !PREPOSITIONAL_PARTICIPLES.iter().any(|p| w.eq_ignore_ascii_case(p))
}

const PREPOSITIONAL_PARTICIPLES: &[&str] = &[
    "including", "excluding", "regarding", "concerning", "considering", "following", "during", "notwithstanding", "barring", "pending", "something", "nothing", "anything", "everything", "morning", "evening", "spring", "building", "funding", "meeting", "thing", "spending", "ruling", "hearing", "briefing", "bombing", "shooting", "training", "polling", "rating",
    // Adjectives in "-ing" ("real, lasting impact"), which continue a list, not a report.
    "lasting", "growing", "rising", "ongoing", "leading", "increasing", "continuing", "remaining", "existing", "outstanding", "sweeping", "damning", "troubling", "alarming", "devastating", "surprising", "stunning", "shocking", "disturbing", "compelling", "striking", "booming", "declining", "emerging", "competing", "underlying", "prevailing",
];

/// The quote that makes up the sentence after `s` in the same paragraph, if one does: it opens
/// the sentence, and nothing but punctuation follows it there.
fn next_sentence_quote(cx: &Cx<'_>, s: usize) -> Option<Span> {
    let next = cx.layout.sentences.get(s + 1).filter(|n| n.paragraph == cx.layout.sentences[s].paragraph)?;
    // After a sentence with a quote of its own, the next quote continues that one.
    let (a0, b0) = cx.layout.sentences[s].tokens;
    if cx.layout.tokens[a0..b0].iter().any(|t| t.is_quote()) {
        return None;
    }
    let (a, b) = next.tokens;
    let quote = cx.quotes.quotes[cx.quotes.opening_at(a)?];
    let after = cx.layout.sentence_of_token(quote.close);
    let end = cx.layout.sentences[after].tokens.1;
    let tokens = &cx.layout.tokens;
    let rest_is_punct = (quote.close + 1..end).all(|t| matches!(tokens[t].kind, TokenKind::Punct(_)));
    (quote.close >= a && b > a && rest_is_punct).then_some(quote.span)
}

/// The paragraph after the one that sentence `s` ends, as content: its text up to
/// [`MAX_CONTENT`] tokens, without final punctuation. None if `s` does not end its paragraph or
/// the next paragraph is page furniture.
fn next_paragraph(cx: &Cx<'_>, s: usize) -> Option<Span> {
    let paragraphs = &cx.layout.paragraphs;
    let p = paragraphs.partition_point(|para| para.sentences.1 <= s);
    if paragraphs.get(p)?.sentences.1 != s + 1 {
        return None;
    }
    let next = paragraphs.get(p + 1).filter(|para| !para.boilerplate && para.sentences.0 < para.sentences.1)?;
    let first = cx.layout.sentences[next.sentences.0].tokens.0;
    let end = cx.layout.sentences[next.sentences.1 - 1].tokens.1.min(first + MAX_CONTENT);
    let tokens = &cx.layout.tokens;
    let mut last = end.checked_sub(1)?;
    while last > first && matches!(tokens[last].kind, TokenKind::Punct('.' | '!' | '?' | ',' | ';' | ':')) {
        last -= 1;
    }
    (last > first).then(|| tokens[first].span.cover(tokens[last].span))
}

/// The sentence starting at token `a` follows a closing quote in the same paragraph, with only
/// spaces between: "“… ?” Trump said."
fn quote_ends_sentence_before(cx: &Cx<'_>, a: usize) -> bool {
    let Some(p) = a.checked_sub(1) else { return false };
    closing_quote_at(cx, p).is_some() && !cx.text[cx.layout.tokens[p].span.end..cx.layout.tokens[a].span.start].contains('\n')
}

/// After an inverted speaker ("said Smith"), the clause must end: the sentence ends, or a
/// comma, colon or quote follows, perhaps after a phrase about the speaker ("said a Democrat
/// familiar with the campaign's plans"). The speaker, and where the reporting clause ends.
fn inverted_end(cx: &Cx<'_>, ph: Phrase, b: usize) -> Option<(Phrase, usize)> {
    let tokens = &cx.layout.tokens;
    let words = |i: usize, ws: &[&str]| ws.iter().enumerate().all(|(k, w)| cx.r.is_word(i + k, w));
    let about_speaker = [&["familiar", "with"][..], &["close", "to"], &["with", "knowledge", "of"], &["with", "direct", "knowledge"], &["involved", "in"], &["briefed", "on"], &["knowledgeable", "about"], &["with", "ties", "to"]];
    // The phrase reader may have taken it in: "an aide close to the senator" is an aide.
    let start = (ph.first + 1..=ph.last + 1).find(|&i| about_speaker.iter().any(|ws| words(i, ws)));
    let Some(start) = start else {
        // "said Doyle and others", "said Smith and two aides": a coordinated inverted speaker.
        if cx.r.is_word(ph.last + 1, "and") && ph.last + 2 < b
            && let Some(other) = cx.r.right(ph.last + 2, b).filter(|o| !o.pronoun && inverted_ends(cx, o.last + 1, b))
        {
            let group = Phrase { last: other.last, kind: EntityKind::Group, ..ph };
            return Some((group, other.last + 1));
        }
        // "said North Korea's latest “provocation cannot …”": a possessive phrase run into a
        // quote is where the content starts, not who speaks.
        let into_quote = cx.quotes.opening_at(ph.last + 1).is_some() && (ph.first..=ph.last).any(|t| is_possessive(cx.r.word(t)));
        return (inverted_ends(cx, ph.last + 1, b) && !into_quote).then_some((ph, ph.last + 1));
    };
    // The phrase runs to the clause's end: a comma, the sentence's end or a quote, with no verb
    // on the way ("said an aide close to the senator, who …").
    let end = (start + 1..b.min(start + 16)).find(|&i| !tokens[i].is_word() || finite_verb(cx, i)).unwrap_or(b);
    if !inverted_ends(cx, end, b) {
        return None;
    }
    let ph = if start <= ph.last { cx.r.right(ph.first, start)? } else { ph };
    Some((ph, end))
}

fn inverted_ends(cx: &Cx<'_>, after: usize, b: usize) -> bool {
    // "said Sen. Amy Klobuchar (D-Minn.)": a party and state, or another short parenthesis;
    // "said a strategist who spoke on the condition of anonymity": a relative clause about them.
    after >= b
        || matches!(cx.layout.tokens[after].kind, TokenKind::Punct(',' | '.' | ':' | ';' | '!' | '?' | '('))
        // A quote that closes (or one that opens after the clause, "said Smith “…”"), but not
        // a quoted word that goes on the phrase, "said North Korea's latest “provocation” …",
        // nor a quote that goes on in lowercase: "said the Trump “train may have left …”".
        || (matches!(cx.layout.tokens[after].kind, TokenKind::Quote(_))
            && !cx.quotes.opening_at(after).is_some_and(|q| {
                let q = cx.quotes.quotes[q];
                let lowercase = cx.layout.tokens.get(after + 1).is_some_and(|t| t.is_word() && !t.capitalized && !t.span.of(cx.text).starts_with(|c: char| c.is_ascii_digit()));
                (q.words <= 3 && !ends_sentence_after(cx, q.close, b)) || lowercase
            }))
        || (cx.layout.tokens[after].is_word() && ["who", "whose"].iter().any(|r| cx.r.word(after).eq_ignore_ascii_case(r)))
        // "…,” said Trump in his speech.", "…,” said Smith on Monday.": a short phrase of medium,
        // place or time that ends the sentence.
        || (cx.layout.tokens[after].is_word() && ["in", "on", "at", "during", "from"].iter().any(|p| cx.r.word(after).eq_ignore_ascii_case(p)) && {
            let tokens = &cx.layout.tokens;
            let end = (after..b.min(after + 9)).find(|&t| !tokens[t].is_word()).unwrap_or(b);
            (end >= b || matches!(tokens[end].kind, TokenKind::Punct('.' | '!' | '?'))) && !(after..end).any(|t| finite_verb(cx, t))
        })
        // "…,” said Dan Golvach when asked about it": a clause about when it was said.
        || (cx.layout.tokens[after].is_word() && ["when", "as", "after", "while", "before", "because", "though", "although"].iter().any(|r| cx.r.word(after).eq_ignore_ascii_case(r)))
}

/// A phrase naming evidence that shows or finds something: a survey, a study, a document, a
/// medium, a panel that rules ("the poll", "a USA TODAY analysis of super PACs", "video of the
/// incident", "POLITICO's average").
fn evidence_phrase(cx: &Cx<'_>, ph: &Phrase) -> bool {
    const EVIDENCE: &[&str] = &["average", "averages", "research", "panel", "commission", "tally", "count", "model", "slide", "chart", "map", "video", "footage", "photo", "photos", "image", "images", "records", "data"];
    let is_evidence = |t: usize| {
        cx.r.is_in(t, set::DOCUMENT) || with_lower(cx.r.word(t), |h| SURVEYS.iter().chain(EVIDENCE).any(|s| h.strip_suffix('s').unwrap_or(h) == *s || h == *s)).unwrap_or(false)
    };
    // (The head, or the noun before "of": "an analysis of newly filed reports".)
    let head = cx.r.head(*ph);
    let before_of = (ph.first..ph.last).find(|&t| cx.r.is_word(t + 1, "of")).filter(|&t| t > ph.first || !cx.r.is_in(t, set::DETERMINER));
    ph.kind == EntityKind::Media || is_evidence(head) || before_of.is_some_and(is_evidence)
}

/// The kind of a source the lexicon does not know: people for "anyone" or a plural ("three
/// networks", "early returns"), else an organization ("one global index").
fn source_kind(cx: &Cx<'_>, ph: &Phrase) -> EntityKind {
    let head = cx.r.word(cx.r.head(*ph));
    // ("someone" and "somebody" are people in the lexicon already.)
    if ["person", "one", "anyone"].iter().any(|w| head.eq_ignore_ascii_case(w)) {
        EntityKind::Person
    } else if plural_noun(head) {
        EntityKind::Group
    } else {
        EntityKind::Organization
    }
}

/// Whether the sentence ends (or a comma follows) right after token `t`.
fn ends_sentence_after(cx: &Cx<'_>, t: usize, b: usize) -> bool {
    t + 1 >= b || matches!(cx.layout.tokens[t + 1].kind, TokenKind::Punct(',' | '.' | '!' | '?'))
}

/// "Hugh Hill, a doctor, said": the subject before an appositive that ends at the comma `t`;
/// or in "The union's lawyer, Mark Ellis, said" the name that is the appositive.
fn appositive_subject(cx: &Cx<'_>, t: usize, a: usize) -> Option<Phrase> {
    let tokens = &cx.layout.tokens;
    if let Some(open) = (a.max(t.saturating_sub(phrase::MAX_PHRASE + 1))..t).rev().find(|&i| tokens[i].is_punct(',')) {
        // (The name heads the appositive: not "Pyongyang's only ally".)
        let name = cx.r.right(open + 1, t).filter(|ph| ph.last + 1 == t && ph.name.is_some_and(|(_, end)| !is_possessive(cx.r.word(end - 1))) && !ph.pronoun);
        // Before the name, a description with no verb of its own opens the sentence: "One
        // delegate not on the Cruz slate, Kelly Smith, told …".
        let described = open > a && (a..open).all(|i| !tokens[i].is_word() || tokens[i].capitalized || !finite_verb(cx, i)) && !opens_adverbial(cx, a);
        if let (Some(name), true) = (name, described) {
            return Some(name);
        }
    }
    // "Marco Rubio, R-Fla., appearing on Fox News, said": up to three commas back.
    (a.max(t.saturating_sub(30))..t).rev().filter(|&i| tokens[i].is_punct(',')).take(3).find_map(|open| {
        // "Rep. Gregory W. Meeks (D-N.Y.), chairman of …, said": past the parenthesis.
        let mut end = open.checked_sub(1)?;
        if tokens[end].is_punct(')') {
            end = (a.max(end.saturating_sub(10))..end).rev().find(|&i| tokens[i].is_punct('('))?.checked_sub(1)?;
        }
        let ph = cx.r.left(end, a)?;
        // ("Even Rendell, a supporter, said", "But Smith, …": past function words at the start.)
        let opener = (a..ph.first).all(|t| tokens[t].is_word() && (cx.r.is_in(t, set::CAP_FUNCTION) || cx.r.is_word(t, "even")));
        // ("… since Clinton, at Monday's debate, cited …": after a subordinator too.)
        let starts_clause = opener || !tokens[ph.first - 1].is_word() || coordinator_word(cx, ph.first - 1) || opens_subordinate(cx, ph.first - 1);
        // "One attendee, who like others spoke on the condition of anonymity, said": a relative
        // "who" after the comma says the phrase is people.
        if starts_clause && !ph.names_someone() && cx.r.is_word(open + 1, "who") && open == end + 1 {
            return Some(Phrase { kind: people_kind(cx, ph.last), ..ph });
        }
        (starts_clause && ph.names_someone() && !ph.pronoun).then_some(ph)
    })
}

/// "Experts on North Korea and nuclear nonproliferation said", "Political observers in
/// Virginia and around the country say": when the phrase before the cue names nobody, the
/// people whose complement it ends (a role or group, then a preposition), in the same clause.
fn people_with_complement(cx: &Cx<'_>, a: usize, ph: Phrase) -> Option<Phrase> {
    if ph.names_someone() {
        return None;
    }
    let tokens = &cx.layout.tokens;
    let floor = a.max(ph.first.saturating_sub(12));
    let mut i = ph.first;
    while i > floor {
        i -= 1;
        if !tokens[i].is_word() || (finite_verb(cx, i) && !cx.r.is_in(i, set::PERSON_ROLE | set::GROUP)) {
            return None;
        }
        let lowercase = !tokens[i].capitalized || i == a;
        if lowercase && cx.r.is_in(i, set::PERSON_ROLE | set::GROUP) && cx.r.is_in(i + 1, set::CONNECTOR) && !cx.r.is_word(i + 1, "that") {
            let people = cx.r.left(i, a)?;
            return Some(Phrase { last: ph.last, ..people });
        }
    }
    None
}

/// The kind of people a phrase headed at token `last` names when its head is unknown: a group
/// for a plural, else a person ("One attendee, who …", "One of the doctors who …").
fn people_kind(cx: &Cx<'_>, last: usize) -> EntityKind {
    if plural_noun(cx.r.word(last)) { EntityKind::Group } else { EntityKind::Person }
}

/// "Smith and Allen said", "he and Mr. Allen said": a subject coordinated with the name or
/// pronoun before it speaks as one group.
fn coordinated_subject(cx: &Cx<'_>, ph: Phrase, a: usize) -> Phrase {
    // ("teachers and union officials said": people of a known kind, in the plural, too.)
    let people = |p: &Phrase| matches!(p.kind, EntityKind::Group | EntityKind::Person) && p.name.is_none() && !p.pronoun && plural_noun(cx.r.word(p.last));
    let named = |p: &Phrase| p.pronoun || p.name.is_some() || people(p);
    if !named(&ph) || ph.first < a + 2 || !cx.r.is_word(ph.first - 1, "and") {
        return ph;
    }
    // The other ends in its name or is a pronoun: not "Clinton won and Trump said"; or both
    // are plural people: "teachers and union officials".
    let ends_named = |p: &Phrase| p.pronoun || p.name.is_some_and(|(_, end)| end == p.last + 1) || (people(&ph) && p.first + 1 >= p.last && plural_noun(cx.r.word(p.last)) && p.name.is_none());
    match cx.r.left(ph.first - 2, a).filter(ends_named) {
        Some(other) => Phrase { first: other.first, kind: EntityKind::Group, pronoun: false, ..ph },
        None => ph,
    }
}

/// "Democrats in Iowa who watched the debate said …": the subject before a relative clause that
/// ends at token `x` (the token before the cue), with no punctuation inside it.
fn relative_clause_subject(cx: &Cx<'_>, a: usize, x: usize) -> Option<Phrase> {
    let tokens = &cx.layout.tokens;
    // ("The officials whose laws were struck down say …": "whose" too.)
    let find_who = |from: usize, to: usize| (from..to).rev().take_while(|&i| tokens[i].is_word()).find(|&i| cx.r.is_word(i, "who") || cx.r.is_word(i, "whose"));
    let mut who = find_who(a.max(x.saturating_sub(12)) + 1, x)?;
    // "Another worshiper who prayed there and who did not want to be named said": the first of
    // coordinated relative clauses.
    if who > a + 1 && cx.r.is_word(who - 1, "and") {
        who = find_who(a.max(who.saturating_sub(12)) + 1, who - 1)?;
    }
    // "The man who she says is her father": "who" is no subject when one follows it.
    if tokens[who + 1].capitalized || cx.r.is_pronoun(who + 1) {
        return None;
    }
    // After "whose" and its noun, the relative clause has a verb of its own before the cue
    // ("whose protests could provide": the cue is the relative clause's verb).
    if cx.r.is_word(who, "whose") && !(who + 2..=x).any(|i| finite_verb(cx, i) || is_participle(cx, i)) {
        return None;
    }
    let ph = cx.r.left(who - 1, a)?;
    if ph.pronoun {
        return None;
    }
    // "One of the doctors who signed the letter called …": "who" says the phrase is people.
    let kind = match ph.kind {
        EntityKind::Unknown if ph.name.is_none() => people_kind(cx, ph.last),
        kind => kind,
    };
    Some(Phrase { kind, ..ph })
}

/// "The latest poll released Friday shows …", "The average of polls taken over the past two
/// weeks shows …": a subject, then a past participle and a time phrase, ending at token `x`
/// (the token before the cue). The subject must name someone or be a known kind of source.
fn reduced_relative_subject(cx: &Cx<'_>, a: usize, x: usize) -> Option<Phrase> {
    let tokens = &cx.layout.tokens;
    // Only a time between the participle and the cue: in "remarks Trump had made about
    // Machado" or "failed as predicted" the "-ed" word is a finite verb.
    let mut p = x;
    while p > a && p + 6 > x && (cx.in_time[p] || matches!(cx.r.lower(p), "over" | "in" | "on" | "during" | "at" | "since")) {
        p -= 1;
    }
    let w = cx.r.word(p);
    // "those surveyed say", "the voters polled said": a participle of asking names the
    // respondents, with or without a time after it.
    let asked = ["surveyed", "polled", "questioned", "interviewed", "asked", "contacted"].iter().any(|v| w.eq_ignore_ascii_case(v));
    // (A time the cue's own reading already stepped over counts: "released Friday shows".)
    // ("taken over the past two weeks shows": a time's preposition too.)
    let time_after = cx.in_time[x + 1] || (x + 2 < cx.in_time.len() && cx.in_time[x + 2] && cx.r.is_in(x + 1, set::CONNECTOR));
    let participle = (p < x || time_after || asked) && tokens[p].is_word() && !tokens[p].capitalized && (w.ends_with("ed") || PARTICIPLES.iter().any(|v| w.eq_ignore_ascii_case(v)));
    if !participle || p == a {
        return None;
    }
    // "those surveyed": a determiner alone stands for the people.
    if asked && ["those", "many", "most", "some", "all", "others", "these"].iter().any(|d| cx.r.is_word(p - 1, d)) {
        return Some(Phrase { first: p - 1, last: p, name: None, kind: EntityKind::Group, pronoun: false });
    }
    // "all the experts I interviewed said": a relative clause with a pronoun for its subject.
    let subject_pronoun = p >= a + 2 && ["i", "we", "he", "she", "they", "you"].iter().any(|w| cx.r.is_word(p - 1, w));
    let ph = cx.r.left(if subject_pronoun { p - 2 } else { p - 1 }, a)?;
    (!ph.pronoun && ph.names_someone()).then_some(ph)
}

/// Irregular past participles that open a reduced relative clause ("the poll taken …").
const PARTICIPLES: &[&str] = &["taken", "done", "given", "written", "held", "seen", "shown", "known", "run", "made", "released", "published", "conducted", "commissioned", "sponsored", "funded", "led", "issued", "surveyed", "polled", "questioned", "interviewed", "asked", "contacted"];

/// The named subject that opens the clause ending at the comma `t`: right after the sentence
/// start or after ", and", within a bounded distance.
fn shared_subject(cx: &Cx<'_>, t: usize, a: usize) -> Option<Phrase> {
    let tokens = &cx.layout.tokens;
    let floor = a.max(t.saturating_sub(30));
    let open = (floor..t).rev().find(|&i| i == a || (i >= a + 2 && coordinator_word(cx, i - 1) && tokens[i - 2].is_punct(',')))?;
    let ph = cx.r.right(open, t)?;
    let verb = ph.last + 1;
    let followed_by_verb = verb < t && (tokens[verb].is_quote() || tokens[verb].is_word() && !tokens[verb].capitalized);
    (ph.name.is_some() && followed_by_verb).then_some(ph)
}

/// The subject of the nearest clause before token `x`: after the sentence start, a punctuation
/// mark or a subordinator, a name, a pronoun or a known kind of speaker ("the mayor") followed
/// by a lowercase word.
fn clause_subject(cx: &Cx<'_>, a: usize, x: usize) -> Option<Phrase> {
    let tokens = &cx.layout.tokens;
    let start = past_openers(cx, a, x);
    let opens_clause = |i: usize| {
        i == a || i == start || matches!(tokens[i - 1].kind, TokenKind::Punct(',' | ';' | ':'))
            || (tokens[i - 1].is_word() && matches!(cx.r.lower(i - 1), "although" | "though" | "while" | "because" | "since" | "when" | "after" | "before" | "as" | "if" | "whereas"))
    };
    (a.max(x.saturating_sub(30))..x).rev().filter(|&i| opens_clause(i)).take(4).find_map(|i| {
        let ph = cx.r.right(i, x)?;
        let mut verb = ph.last + 1;
        // "Dean, a medical doctor, then appeared …": past an appositive.
        if verb < x
            && tokens[verb].is_punct(',')
            && (ph.name.is_some() || ph.pronoun)
            && let Some(close) = (verb + 1..x.min(verb + 12)).find(|&t| !tokens[t].is_word()).filter(|&t| tokens[t].is_punct(','))
        {
            verb = close + 1;
        }
        // "Chuck Grassley (R-Iowa) downplayed …": past a short parenthesis.
        if verb < x
            && tokens[verb].is_punct('(')
            && let Some(close) = (verb + 1..x.min(verb + 8)).find(|&t| tokens[t].is_punct(')'))
        {
            verb = close + 1;
        }
        let followed_by_verb = verb < x && tokens[verb].is_word() && !tokens[verb].capitalized;
        // "…, painting others as weak and suggesting …": a participle phrase is no subject.
        let participial = is_participle(cx, ph.first) && cx.r.word(ph.first).ends_with("ing");
        (ph.names_someone() && followed_by_verb && !participial).then_some(ph)
    })
}

/// The subject of the sentence's main clause, when the clause before the comma `x` opens with it
/// and its verb follows at once: "Trump attacked Romney", "Hours later, Trump returned …",
/// "Early in his campaign, Trump attacked …" (past one fronted adverbial or subordinate clause).
fn main_subject(cx: &Cx<'_>, a: usize, x: usize) -> Option<Phrase> {
    let tokens = &cx.layout.tokens;
    let a = past_openers(cx, a, x);
    let mut first = a;
    // ("Hours later," "Two days after the vote,": a quantity of time opens it too.)
    let time_after = a + 1 < x && matches!(cx.r.lower(a + 1), "later" | "earlier" | "ago" | "after" | "before");
    if tokens.get(a).is_some_and(|t| t.is_word()) && (opens_adverbial(cx, a) || opens_subordinate(cx, a) || time_after) {
        first = (a..x).find(|&i| tokens[i].is_punct(','))? + 1;
    }
    let ph = cx.r.right(first, x)?;
    let verb = ph.last + 1;
    let followed_by_verb = verb < x && tokens[verb].is_word() && !tokens[verb].capitalized && (finite_verb(cx, verb) || cx.r.is_class(verb, lexicon::word::ADVERB_BEFORE_VERB));
    (followed_by_verb && !cx.in_time[ph.first] && ph.names_someone()).then_some(ph)
}

/// The pronoun subject of a subordinate clause ("when he announced …", "even as she
/// defended …") that ends at the comma `comma`, with no comma inside it, within the sentence
/// starting at `a`.
fn subordinate_subject(cx: &Cx<'_>, a: usize, comma: usize) -> Option<Phrase> {
    let tokens = &cx.layout.tokens;
    // (", but he refused …, saying": a coordinated clause after its comma too.)
    let coordinated = |i: usize| i > a && tokens[i - 1].is_punct(',') && ["but", "and", "yet"].iter().any(|w| cx.r.is_word(i, w));
    let open = (a.max(comma.saturating_sub(20))..comma).rev().take_while(|&i| !tokens[i].is_punct(',') && cx.quotes.inside(i).is_none()).find(|&i| opens_subordinate(cx, i) || cx.r.is_word(i, "as") || coordinated(i))?;
    let subject = open + 1;
    let pronoun = subject + 1 < comma && tokens[subject].is_word() && cx.r.is_in(subject, set::SUBJECT_PRONOUN) && !matches!(cx.r.lower(subject), "i" | "we" | "you" | "it");
    let verb = subject + 1;
    if !pronoun || !tokens[verb].is_word() || tokens[verb].capitalized {
        return None;
    }
    let kind = if cx.r.is_word(subject, "they") { EntityKind::Group } else { EntityKind::Person };
    Some(Phrase { first: subject, last: subject, name: None, kind, pronoun: true })
}

/// Past the conjunctions and adverbs that open a sentence before its subject: "And then Trump
/// …", "But the court …", "Even so, …" is not one (its comma opens the clause).
fn past_openers(cx: &Cx<'_>, a: usize, x: usize) -> usize {
    let mut first = past_dateline(cx, a, x);
    while first < x && first < a + 3 && cx.layout.tokens[first].is_word() && ["and", "but", "or", "then", "so", "yet", "still", "now"].iter().any(|w| cx.r.is_word(first, w)) {
        first += 1;
    }
    first
}

/// Past a wire dateline that opens the sentence: "Washington (AFP) –", "WASHINGTON, D.C. —",
/// "BEIRUT (Reuters) -". A place in capitals or with an agency in parentheses, then a dash.
fn past_dateline(cx: &Cx<'_>, a: usize, x: usize) -> usize {
    let tokens = &cx.layout.tokens;
    let mut t = a;
    let mut capitals = false;
    while t < x && t < a + 4 && (tokens[t].capitalized || tokens[t].is_punct(',')) {
        let w = cx.r.word(t);
        capitals |= w.len() >= 3 && w.bytes().all(|b| b.is_ascii_uppercase() || b == b'.');
        t += 1;
    }
    if t == a {
        return a;
    }
    let mut agency = false;
    if t < x && tokens[t].is_punct('(') {
        let Some(close) = (t + 1..x.min(t + 5)).find(|&i| tokens[i].is_punct(')')) else { return a };
        agency = close > t + 1;
        t = close + 1;
    }
    let dash = t < x && matches!(tokens[t].kind, TokenKind::Punct('-' | '–' | '—'));
    if dash && (capitals || agency) { t + 1 } else { a }
}

/// The noun phrase that opens a sentence (after "Yet", "But", …), when a relative clause
/// follows it: the subject of a cue far to its right.
fn sentence_subject(cx: &Cx<'_>, a: usize, before: usize) -> Option<Phrase> {
    let mut first = a;
    while first < before && cx.layout.tokens[first].is_word() && cx.r.is_in(first, set::CAP_FUNCTION) && !cx.r.is_in(first, set::DETERMINER) {
        first += 1;
    }
    let ph = cx.r.right(first, before)?;
    let next = ph.last + 1;
    let relative = next < before && matches!(cx.r.lower(next), "who" | "which" | "that");
    (relative && !ph.pronoun && ph.names_someone()).then_some(ph)
}

/// Cues of several words, by the stem of their verb and the words after it: "made it clear
/// that …", "took aim at …", "weighed in on …".
/// The words some phrase of [`PHRASAL_CUES`] goes on with after its verb
/// ([`lexicon::word::PHRASAL_NEXT`]): [`phrasal_cue`] tests the word after every word.
const PHRASAL_NEXT: &[&str] = &["it", "clear", "the", "aim", "out", "in", "back", "down"];

const PHRASAL_CUES: &[(&str, &[&str], CueClass)] = &[
    ("mad", &["it", "clear"], CueClass::ThatOnly),
    ("mak", &["it", "clear"], CueClass::ThatOnly),
    ("mad", &["clear"], CueClass::ThatOnly),
    ("mak", &["clear"], CueClass::ThatOnly),
    ("mad", &["the", "case"], CueClass::ThatOnly),
    ("mak", &["the", "case"], CueClass::ThatOnly),
    ("took", &["aim", "at"], CueClass::Object),
    ("tak", &["aim", "at"], CueClass::Object),
    ("lash", &["out", "at"], CueClass::Object),
    ("weigh", &["in", "on"], CueClass::Object),
    ("spok", &["out", "against"], CueClass::Object),
    ("speak", &["out", "against"], CueClass::Object),
    ("fir", &["back", "at"], CueClass::Object),
    ("push", &["back", "against"], CueClass::Object),
    ("push", &["back", "on"], CueClass::Object),
    ("doubl", &["down", "on"], CueClass::Object),
    ("call", &["out"], CueClass::Object),
    ("came", &["out", "against"], CueClass::Object),
    ("put", &["it"], CueClass::Speech),
    ("com", &["out", "against"], CueClass::Object),
];

/// Bit `second - b'a'` of `PHRASAL_STARTS[first - b'a']` is set when some stem of
/// [`PHRASAL_CUES`] begins with the lowercase letters `first` and `second`.
const PHRASAL_STARTS: [u32; 26] = {
    let mut starts = [0u32; 26];
    let mut i = 0;
    while i < PHRASAL_CUES.len() {
        let stem = PHRASAL_CUES[i].0.as_bytes();
        assert!(stem.len() >= 2 && stem[0].is_ascii_lowercase() && stem[1].is_ascii_lowercase(), "a phrasal stem begins with two lowercase letters");
        starts[(stem[0] - b'a') as usize] |= 1 << (stem[1] - b'a');
        i += 1;
    }
    starts
};

/// Whether a lowercased word may begin with some stem of [`PHRASAL_CUES`]: `false` means
/// it begins with none.
fn may_begin_phrasal_stem(word: &[u8]) -> bool {
    match word {
        [first @ b'a'..=b'z', second @ b'a'..=b'z', ..] => PHRASAL_STARTS[usize::from(first - b'a')] >> (second - b'a') & 1 == 1,
        _ => false,
    }
}

/// A phrasal cue whose verb is token `t`: its last token and how it reads.
fn phrasal_cue(cx: &Cx<'_>, t: usize, b: usize) -> Option<(usize, Cue)> {
    let tokens = &cx.layout.tokens;
    // The cheap test first: the word after the verb is one that some phrase goes on with.
    if t + 1 >= b || !tokens[t + 1].is_word() || !cx.r.is_class(t + 1, lexicon::word::PHRASAL_NEXT) {
        return None;
    }
    let verb = cx.r.lower(t);
    // And the verb's first two letters begin some stem: most words are turned away here, before
    // a walk of the stems.
    if !may_begin_phrasal_stem(verb.as_bytes()) {
        return None;
    }
    let (_, rest, class) = PHRASAL_CUES.iter().find(|(stem, rest, _)| has_prefix(verb, stem) && t + rest.len() < b && rest.iter().enumerate().all(|(i, w)| cx.r.is_word(t + 1 + i, w)))?;
    // "made", "took", "came": an irregular past, which the ending does not show.
    let form = if cx.r.is_in(t, set::FINITE) { Form::Past } else { model::guess_form(verb) };
    Some((t + rest.len(), Cue { class: *class, form }))
}

/// A count or share of people ending at token `x`, which the phrase reader does not read as a
/// noun phrase: "one in five", "nearly three in five", "most", "another", "all but two",
/// "42%". Where it starts.
fn counted_people(cx: &Cx<'_>, a: usize, x: usize) -> Option<usize> {
    let count = |t: usize| cx.r.is_count(t);
    // "most of them", "two of us", "many of those": a count of the people a pronoun names.
    let pronoun = |t: usize| cx.layout.tokens[t].is_word() && cx.r.is_class(t, lexicon::word::COUNTED_PRONOUN);
    // (One step back only: "them of them of …" recurses no further.)
    if x >= a + 2 && pronoun(x) && cx.r.is_word(x - 1, "of") && !pronoun(x - 2) {
        return counted_people(cx, a, x - 2);
    }
    // "one in five", "nearly nine out of 10": a count per count, with its hedge.
    let per = if x >= a + 2 && count(x) && cx.r.is_word(x - 1, "in") {
        Some(x - 2)
    } else if x >= a + 3 && count(x) && cx.r.is_word(x - 1, "of") && cx.r.is_word(x - 2, "out") {
        Some(x - 3)
    } else {
        None
    };
    if let Some(first) = per.filter(|&first| count(first)) {
        let hedged = first > a && ["nearly", "about", "almost", "roughly", "some", "only", "just", "over"].iter().any(|w| cx.r.is_word(first - 1, w));
        return Some(if hedged { first - 1 } else { first });
    }
    if x >= a + 2 && count(x) && cx.r.is_word(x - 2, "all") && cx.r.is_word(x - 1, "but") {
        return Some(x - 2);
    }
    if cx.layout.tokens[x].is_word() && cx.r.is_class(x, lexicon::word::PEOPLE_COUNT) {
        return Some(x);
    }
    // "half", "a quarter", "nearly a third", "about two-thirds".
    let fraction = with_lower(cx.r.word(x), |w| ["half", "quarter", "third", "fourth", "fifth"].iter().any(|f| w == *f || w.strip_suffix('s').is_some_and(|w| w.ends_with(f) && w.contains('-')))).unwrap_or(false);
    if fraction {
        let mut first = x;
        if first > a && (cx.r.is_word(first - 1, "a") || cx.r.is_word(first - 1, "one")) {
            first -= 1;
        }
        if first > a && ["nearly", "about", "almost", "roughly", "only", "just", "over", "fully", "more", "less"].iter().any(|w| cx.r.is_word(first - 1, w)) {
            first -= 1;
        }
        // ("more than half": the comparison's "than" too.)
        if first > a + 1 && cx.r.is_word(first - 1, "than") && ["more", "less", "fewer"].iter().any(|w| cx.r.is_word(first - 2, w)) {
            first -= 2;
        }
        return Some(first);
    }
    let percent = cx.layout.tokens[x].is_punct('%') && x > a && cx.r.word(x - 1).bytes().all(|b| b.is_ascii_digit() || b == b'.');
    if percent {
        return Some(x - 1);
    }
    // "at least 21,000", "more than 200": a hedged number of people.
    let number = cx.layout.tokens[x].is_word() && cx.r.word(x).bytes().all(|b| b.is_ascii_digit() || b == b',') && cx.r.word(x).bytes().any(|b| b.is_ascii_digit());
    let hedge = x >= a + 2 && ((cx.r.is_word(x - 2, "at") && ["least", "most"].iter().any(|w| cx.r.is_word(x - 1, w))) || (["more", "fewer", "less"].iter().any(|w| cx.r.is_word(x - 2, w)) && cx.r.is_word(x - 1, "than")));
    (number && hedge).then(|| x - 2)
}

/// Tokens `from..to` are a parenthetical adverb: "for example", "however", "in turn", "too".
fn is_parenthetical(cx: &Cx<'_>, from: usize, to: usize) -> bool {
    const ASIDES: &[&[&str]] = &[
        &["for", "example"], &["for", "instance"], &["however"], &["meanwhile"], &["too"], &["in", "turn"],
        &["of", "course"], &["in", "particular"], &["though"], &["in", "fact"], &["at", "least"],
        &["moreover"], &["also"], &["instead"], &["nonetheless"], &["nevertheless"], &["likewise"],
        &["by", "contrast"], &["in", "contrast"], &["in", "response"], &["then"],
    ];
    ASIDES.iter().any(|words| words.len() == to - from && words.iter().enumerate().all(|(i, w)| cx.r.is_word(from + i, w)))
}

/// Verbs of aspect and attempt that take a cue as their infinitive: "continued to say",
/// "seemed to suggest", "tried to argue".
const ASPECT_VERBS: &[&str] = &[
    "continue", "continues", "continued", "continuing", "begin", "begins", "began", "start", "starts",
    "started", "seem", "seems", "seemed", "appear", "appears", "appeared", "try", "tries", "tried",
    "proceeded", "hastened", "rushed", "dared", "declined", "refused", "sought", "moved",
];

/// Participles that open a sentence before its reporting clause: "Asked about it, X said, …".
const PARTICIPIAL_OPENERS: &[&str] = &["asked", "speaking", "responding", "pressed", "reached", "interviewed", "questioned", "writing", "referring", "commenting", "addressing"];

/// Words after a reporting clause that show it is complete.
const CLAUSE_CLOSERS: &[&str] = &[
    "and", "but", "though", "although", "as", "while", "before", "after", "when", "because", "since",
    "at", "in", "during", "on", "to", "from", "with", "outside", "inside", "near", "for", "of",
    "shortly", "just", "later", "earlier", "then", "afterward", "afterwards", "recently", "last",
    "aboard", "amid", "ahead", "upon", "via", "across", "throughout", "behind", "despite", "without",
    "against", "toward", "towards", "alongside", "through", "over", "following",
];

/// An aside about the speaker starts here: ", who …", ", a Syrian engineer …".
fn opens_aside(cx: &Cx<'_>, t: usize) -> bool {
    cx.layout.tokens[t].is_word() && matches!(cx.r.lower(t), "who" | "whose" | "which" | "a" | "an" | "the" | "though" | "although" | "just" | "whom")
}

/// "whatever you want", "what happened next", "how it works": a clause of its own.
fn opens_wh_clause(cx: &Cx<'_>, t: usize) -> bool {
    matches!(cx.r.lower(t), "whatever" | "what" | "how" | "why" | "whether" | "where" | "when" | "whoever")
}

/// An adverbial that opens a sentence: "In this regard", "For example", "Meanwhile".
fn opens_adverbial(cx: &Cx<'_>, t: usize) -> bool {
    let w = cx.r.lower(t);
    cx.in_time[t] || w.ends_with("ly") || cx.r.lex.is(w, set::CONNECTOR) || matches!(w, "earlier" | "later" | "first" | "second" | "finally" | "also" | "again" | "separately" | "meanwhile" | "however" | "moreover" | "still" | "yet" | "indeed" | "instead" | "now" | "then" | "thus" | "therefore" | "furthermore" | "besides" | "nevertheless" | "after" | "before" | "as" | "by" | "with" | "during" | "under")
}

/// A continuation after a mid-sentence reporting clause that goes on the clause before it:
/// "so …", "and …", a verb whose subject stands before the clause ("Trump, Sexton said,
/// has created …"), or a preposition that completes it ("He has a model, he said, for how
/// …"); not a subordinate clause about the report ("…, he said, as he left").
fn continues_clause(cx: &Cx<'_>, t: usize, has_left: bool) -> bool {
    let w = cx.r.lower(t);
    let completes = cx.r.is_in(t, set::CONNECTOR) && !matches!(w, "as" | "while" | "when" | "before" | "after" | "because" | "although" | "though" | "since" | "until" | "if");
    // ("Any attempt to debunk it, he said, becomes hopeless": an -s verb too.)
    let s_verb = w.len() > 4 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !cx.r.is_in(t, set::BREAKER | set::CONNECTOR | set::DETERMINER);
    has_left && cx.layout.tokens[t].is_word() && !cx.layout.tokens[t].capitalized && (matches!(w, "so" | "and" | "but" | "yet" | "or") || finite_verb(cx, t) || completes || s_verb)
}

/// A content piece that cannot end there: its last word is a verb or a preposition ("It was,
/// he said, one of the bitterest failures").
fn incomplete(cx: &Cx<'_>, piece: Option<Span>) -> bool {
    let Some(piece) = piece else { return false };
    let t = cx.layout.tokens.partition_point(|tok| tok.span.end < piece.end);
    t < cx.layout.tokens.len() && cx.layout.tokens[t].is_word() && cx.layout.tokens[t].span.end == piece.end && (cx.r.is_in(t, set::FINITE) || cx.r.is_in(t, set::CONNECTOR))
}

/// A new main clause starts at `t`: a name or personal pronoun, then at once a finite verb
/// ("Putin cannot", "he added").
fn starts_main_clause(cx: &Cx<'_>, t: usize) -> bool {
    let tokens = &cx.layout.tokens;
    let subject = tokens[t];
    if !subject.is_word() || !(subject.capitalized || cx.r.is_pronoun(t)) || cx.r.is_in(t, set::CAP_FUNCTION) && !cx.r.is_pronoun(t) {
        return false;
    }
    let verb = t + 1;
    verb < tokens.len() && tokens[verb].is_word() && !tokens[verb].capitalized && finite_verb(cx, verb)
}

/// A finite verb or auxiliary at token `t`: "is", "would", "broke", "decided" (the lexicon's
/// set, looked up once per token, or an "-ed" form).
fn finite_verb(cx: &Cx<'_>, t: usize) -> bool {
    let w = cx.r.word(t);
    cx.r.is_in(t, set::FINITE) || (w.len() > 4 && w.ends_with("ed"))
}

/// Token `t` is a cue that reports a claim as a main verb does: past or third person, and not
/// one of the object cues ("criticized"), which need no content clause.
fn reports(cx: &Cx<'_>, t: usize) -> bool {
    cx.r.cue(t).is_some_and(|c| matches!(c.form, Form::Past | Form::ThirdPerson) && c.class != CueClass::Object)
}


/// A lowercase past participle: "released", "conducted", "taken".
fn past_participle(cx: &Cx<'_>, t: usize) -> bool {
    is_participle(cx, t) && cx.r.word(t).ends_with("ed") || PARTICIPLES.iter().any(|p| cx.r.is_word(t, p))
}

/// A lowercase "-ed" or "-ing" word: a participle, or the past tense it shares a form with.
fn is_participle(cx: &Cx<'_>, t: usize) -> bool {
    let w = cx.r.word(t);
    cx.layout.tokens[t].is_word() && !cx.layout.tokens[t].capitalized && w.len() > 4 && (w.ends_with("ed") || w.ends_with("ing"))
}

/// A lowercase "-ly" adverb of manner ("successfully", "repeatedly"); not "only", "early",
/// "family" or a verb ("supply", "reply", "apply").
fn is_manner_adverb(cx: &Cx<'_>, t: usize) -> bool {
    let w = cx.r.word(t);
    !cx.layout.tokens[t].capitalized && w.len() > 5 && phrase::ly_adverb(w)
}

/// Adverbs that sit between a subject and its verb ("still want", "never said").
const ADVERBS_BEFORE_VERB: &[&str] = &["still", "also", "never", "often", "always", "now", "already", "just", "only", "really", "actually", "generally", "usually", "simply", "largely", "increasingly"];

/// Common verbs in their plain form, which after a plural subject make a present tense ("voters
/// want", "officials expect"). Nouns that share the form ("plans", "cuts") are left out.
const BASE_VERBS: &[&str] = &[
    "want", "need", "know", "think", "believe", "expect", "hope", "feel", "fear", "agree", "support",
    "oppose", "like", "prefer", "plan", "intend", "deserve", "understand", "see", "say", "tell", "get",
    "go", "come", "make", "take", "give", "keep", "hold", "pay", "help", "remain", "seem", "appear",
    "continue", "face", "favor", "favour", "lack", "live", "vote", "win", "lose", "own", "spend", "send",
    "worry", "doubt", "trust", "accept", "reject", "refuse", "include", "represent", "mean", "cause",
    "lead", "create", "allow", "require", "receive", "earn", "owe", "risk", "rely", "depend", "tend",
    "wish", "try", "become", "outnumber", "exceed", "account", "share", "view", "consider",
];

/// A plural noun by its ending ("parents", "voters"), not "is", "was", "his" or "news".
fn plural_noun(w: &str) -> bool {
    w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") && !w.eq_ignore_ascii_case("news")
}

/// The sentence opens with a subordinate clause ("While …", "Although …").
fn opens_subordinate(cx: &Cx<'_>, a: usize) -> bool {
    cx.layout.tokens.get(a).is_some_and(|t| t.is_word())
        && matches!(cx.r.lower(a), "while" | "although" | "though" | "because" | "if" | "when" | "since" | "after" | "before" | "whereas" | "unless")
}

/// Where content before a reporting clause that ends at `end` starts: the sentence start, at
/// most [`MAX_CONTENT`] tokens back, like a content read to the right, so that the work per cue
/// stays constant.
fn content_start(_cx: &Cx<'_>, a: usize, end: usize) -> usize {
    a.max(end.saturating_sub(MAX_CONTENT))
}

/// Where content running right from `from` ends (exclusive): the sentence end without its
/// final punctuation, or before ", according to" or ", adding …".
fn content_end(cx: &Cx<'_>, from: usize, b: usize) -> usize {
    let tokens = &cx.layout.tokens;
    // A quote that opens in the content and closes after the sentence carries it along (the
    // look-back is bounded like the content itself, so the cost per cue stays constant).
    let b = match (from..b.min(from + MAX_CONTENT)).rev().find_map(|t| cx.quotes.inside(t)).map(|q| cx.quotes.quotes[q]) {
        Some(q) if q.close >= b && q.open >= from && q.close < from + MAX_CONTENT => q.close + 1,
        _ => b,
    };
    let limit = b.min(from + MAX_CONTENT);
    let mut end = limit;
    let mut t = from;
    // "promised that if voters backed him, he would fight", "said that even after he steps
    // down, he will …": a content that opens with a subordinate clause goes on past its comma
    // to the main clause.
    let lead = if cx.r.is_word(from, "that") { from + 1 } else { from };
    let lead = if cx.r.is_word(lead, "even") { lead + 1 } else { lead };
    let mut fronted = opens_subordinate(cx, lead) || cx.r.is_word(lead, "despite");
    while t + 1 < limit {
        // "said the move was his and said, “…”": a second report by the same speaker.
        if coordinator_word(cx, t) && cx.quotes.inside(t).is_none() && tokens[t + 1].is_word() && cx.r.cue(t + 1).is_some_and(|c| matches!(c.form, Form::Past | Form::ThirdPerson)) {
            end = t;
            break;
        }
        // "…, but Putin did not …", "… — and he noted …": a coordinated clause with a
        // subject of its own.
        // "…,’’ and he reiterated …": a quote closed on its own comma breaks there too.
        let closed_quote = t > from && tokens[t - 1].is_punct(',') && closing_quote_at(cx, t).is_some();
        let breaks = tokens[t].is_punct(',') || matches!(tokens[t].kind, TokenKind::Punct('—' | '–')) || closed_quote;
        // "…, though she noted clients are …": a concession that reports again is a claim of
        // its own.
        if breaks && cx.quotes.inside(t).is_none() && t + 3 < limit && (cx.r.is_word(t + 1, "though") || cx.r.is_word(t + 1, "although")) {
            let subject = t + 2;
            let named = tokens[subject].is_word() && (tokens[subject].capitalized || cx.r.is_pronoun(subject));
            // The verb: past a second word of the name and any auxiliaries.
            let skipped = |u: usize| tokens[u].is_word() && ((tokens[u].capitalized && u == subject + 1) || cx.r.is_in(u, set::AUX));
            let verb = (subject + 1..limit.min(subject + 5)).find(|&u| !skipped(u));
            // (A plural subject's present is the base form: "…, although they say …".)
            if named && verb.is_some_and(|v| tokens[v].is_word() && cx.r.cue(v).is_some_and(|c| matches!(c.form, Form::Past | Form::ThirdPerson | Form::Base) && c.class != CueClass::Object)) {
                end = if closed_quote { t + 1 } else { t };
                break;
            }
        }
        // (", and that …" coordinates a second clause of the same report.)
        if breaks && (closed_quote || cx.quotes.inside(t).is_none()) && t + 2 < limit && coordinator_word(cx, t + 1) && !cx.r.is_word(t + 2, "that") {
            // Adverbs may stand before the subject: ", but now he", ", but in fact they".
            let mut u = t + 2;
            while u + 1 < limit && u < t + 5 && tokens[u].is_word() && (cx.r.is_in(u, set::AUX) || matches!(cx.r.word(u), "in" | "fact" | "then" | "instead")) {
                u += 1;
            }
            // The subject: a name, a pronoun, or a count ("while nine in 10 said").
            let subject = tokens[u];
            // (A count that reports is a claim of its own, "while nine in 10 said …"; one that
            // does not goes on with the finding: "…, while 23 percent backed Cruz".)
            let reporting_count = || (u + 1..limit.min(u + 8)).any(|v| cx.r.cue(v).is_some_and(|c| matches!(c.form, Form::Past | Form::ThirdPerson | Form::Base)));
            if subject.is_word() && (subject.capitalized || cx.r.is_pronoun(u) || (cx.r.is_count(u) && reporting_count())) {
                end = if closed_quote { t + 1 } else { t };
                break;
            }
            // "…, and when pressed on why, the mother of three replied, “…”": a subordinate
            // clause that opens another report.
            let main_clause = || (u + 1..limit).find(|&v| tokens[v].is_punct(',')).map_or(limit, |v| v + 1);
            if opens_subordinate(cx, u) && (main_clause()..limit).any(|v| tokens[v].is_word() && cx.quotes.inside(v).is_none() && reports(cx, v) && tokens[v - 1].is_word() && !cx.r.is_in(v - 1, set::CONNECTOR)) {
                end = if closed_quote { t + 1 } else { t };
                break;
            }
            // "joked Brooklyn was his answer, but went on to say …": a verb with no subject after
            // the comma is the speaker's, coordinated with the cue.
            if subject.is_word() && !subject.capitalized && u == t + 2 && GOING_ON.iter().any(|v| cx.r.is_word(u, v)) {
                end = if closed_quote { t + 1 } else { t };
                break;
            }
        }
        // "…, Putin cannot …": a new main clause after a comma.
        if tokens[t].is_punct(',') && cx.quotes.inside(t).is_none() && t + 2 < limit && starts_main_clause(cx, t + 1) {
            if fronted {
                fronted = false;
                t += 1;
                continue;
            }
            end = t;
            break;
        }
        // "…understood a legislative push would be fruitless, told his advisers to …": a cue
        // right after a comma, with no subject of its own, is the main clause's verb resuming.
        if tokens[t].is_punct(',') && cx.quotes.inside(t).is_none() && tokens[t + 1].is_word() && !tokens[t + 1].capitalized
            && reports(cx, t + 1)
            && !cx.r.is_word(t + 1, "said")
        {
            end = t;
            break;
        }
        // "…; they only learned …": a semicolon joins another clause.
        if tokens[t].is_punct(';') && cx.quotes.inside(t).is_none() {
            end = t;
            break;
        }
        // "…, implicitly putting his name on the line": a participial phrase about the report
        // (not an aside in the content's subject: "Millennials, numbering 75 million, surpassed").
        if tokens[t].is_punct(',') && cx.quotes.inside(t).is_none() && participle_follows(cx, t + 1, limit) && !aside_before_verb(cx, t, limit) {
            end = t;
            break;
        }
        // "… by Cleveland,” referring to the convention": the same after a quote that closes
        // with its comma.
        if t > from && tokens[t - 1].is_punct(',') && closing_quote_at(cx, t).is_some() && participle_follows(cx, t + 1, limit) {
            end = t + 1;
            break;
        }
        if tokens[t].is_punct(',') && cx.quotes.inside(t).is_none() {
            let w = cx.r.word(t + 1);
            if tokens[t + 1].is_word() && (w.eq_ignore_ascii_case("according") || cx.r.cue(t + 1).is_some_and(|c| c.form == Form::Gerund && c.class != CueClass::Belief)) {
                end = t;
                break;
            }
        }
        t += 1;
    }
    // Drop final sentence punctuation that is not a closing quote.
    while end > from && matches!(tokens[end - 1].kind, TokenKind::Punct('.' | '!' | '?' | ',' | ';' | ':')) {
        end -= 1;
    }
    end
}

/// Verbs of going on to another act, which after ", but" or ", and" are the speaker's: "…, but
/// went on to say", "…, and then added".
const GOING_ON: &[&str] = &["went", "goes", "later", "then", "also", "quickly", "immediately", "eventually", "subsequently", "declined", "refused", "did"];

/// Speech and belief verbs that also take a noun phrase for what is said or promised:
/// "acknowledged his success", "denied the report", "announced a plan", "promised a vote".
const SPEECH_WITH_OBJECT: &[&str] = &["acknowledg", "deni", "deny", "confirm", "admit", "announc", "reiterat", "predict", "propos", "recommend", "demand", "suggest", "promis", "pledg", "vow"];

/// Adverbs of degree that, besides [`ADVERBS_BEFORE_VERB`], stand before any cue ("almost
/// universally expressed").
const DEGREE_ADVERBS: &[&str] = &["almost", "universally", "mostly", "broadly", "nearly", "together", "jointly"];

/// Cue forms that are nouns far more often than verbs in news: "state", "email".
const NOUN_FIRST_CUES: &[&str] = &["state", "states", "email", "emails"];

/// The verbs of a quoted term put to use ([`Attributor::quoted_term`]; the lexicon's class
/// [`lexicon::word::USE_VERB`]).
const USE_VERBS: &[&str] = &["use", "uses", "used", "using"];

/// Nouns that name a claim: "Clinton's claim that …" (the lexicon's class
/// [`lexicon::word::NOMINAL_CUE`]).
const NOMINAL_CUES: &[&str] = &[
    "claim", "claims", "statement", "warning", "assertion", "argument", "belief", "view", "promise",
    "pledge", "suggestion", "allegation", "allegations", "accusation", "insistence", "contention",
    "fear", "fears", "hope", "expectation", "prediction", "assessment", "conclusion", "admission",
    "acknowledgment", "denial", "charge", "vow", "threat", "demand", "remark", "comment",
    "announcement", "declaration", "assurance", "argument", "theory", "insinuation", "boast",
];


/// Heads of the phrases that frame a finding: "In the poll, …".
const SURVEYS: &[&str] = &["poll", "polls", "survey", "surveys", "study", "studies", "analysis", "report", "filing", "filings", "census", "audit", "review", "ranking", "rankings", "index", "data"];

/// Labels before a colon that introduce no speaker.
const NOT_SPEAKERS: &[&str] = &[
    "note", "update", "updated", "editor's note", "editor’s note", "photo", "photos", "source", "sources",
    "watch", "related", "read more", "correction", "disclaimer", "video", "image", "caption", "credit",
    "tags", "share", "advertisement", "warning", "breaking", "exclusive", "analysis", "opinion",
    "question", "answer", "q", "a", "bottom line", "background", "context", "summary", "details",
    "the latest", "latest", "full text", "abstract", "transcript", "live updates", "key points",
    "clarification", "corrections", "editor's note:", "programming note",
];

/// Where an object from `from` ends: at the first comma or sentence end, or before a medium
/// or time phrase ("denounced the annexation in an on-air diatribe").
fn object_end(attributor: &Attributor, cx: &Cx<'_>, from: usize, b: usize) -> usize {
    let tokens = &cx.layout.tokens;
    let end = phrase_end(cx, from, b);
    // "condemned the unrest and said …": the object ends at a second report.
    let end = (from + 1..end)
        .find(|&t| coordinator_word(cx, t) && cx.layout.tokens.get(t + 1).is_some_and(|n| n.is_word() && cx.r.cue(t + 1).is_some_and(|c| matches!(c.form, Form::Past | Form::ThirdPerson))))
        .unwrap_or(end);
    // A time that modifies a noun stays in the object: "criticized Obama's 2011 intervention".
    let modifier = |t: usize| {
        let after = (t..end).find(|&u| !cx.in_time[u]).unwrap_or(end);
        // ("announced plans this week to give …": the object's infinitive goes on past the time.)
        let infinitive = cx.r.is_word(after, "to") && after + 1 < end && tokens[after + 1].is_word() && !tokens[after + 1].capitalized && !cx.r.is_in(after + 1, set::DETERMINER);
        after < end && tokens[after].is_word() && !tokens[after].capitalized && (infinitive || !cx.r.is_in(after, set::CONNECTOR | set::BREAKER | set::AUX))
    };
    let end = (from + 1..end).find(|&t| attributor.medium_at(cx, t, end).is_some() || (cx.in_time[t] && !cx.in_time[t - 1] && !modifier(t))).unwrap_or(end);
    // "endorsed the senator on Monday": the time's preposition goes with it.
    let time_preposition = |t: usize| ["on", "in", "at", "during", "since", "by", "until", "from", "for", "over", "throughout", "within", "before", "after"].iter().any(|p| cx.r.is_word(t, p));
    let end = if end > from + 1 && end < b && cx.in_time[end] && time_preposition(end - 1) { end - 1 } else { end };
    coordinated_verb_end(cx, from, end)
}

/// "promised a veto and attempted to …", "encouraged allies to spend more but has said …",
/// "welcoming the plan, and calling for …": a content with no subject of its own (an object,
/// an infinitive) ends where a verb coordinated with the cue begins, since that verb can only
/// be the speaker's. Where such a content from `from` ends, at most `end`.
fn coordinated_verb_end(cx: &Cx<'_>, from: usize, end: usize) -> usize {
    let tokens = &cx.layout.tokens;
    let Some(t) = (from + 1..end).find(|&t| {
        if !(cx.r.is_word(t, "and") || cx.r.is_word(t, "but")) || cx.quotes.inside(t).is_some() {
            return false;
        }
        // Adverbs and auxiliaries before the verb: "and has since said", "but then stopped".
        let mut u = t + 1;
        while u + 1 < end && u < t + 4 && tokens[u].is_word() && cx.r.is_in(u, set::AUX) && !finite_verb(cx, u) {
            u += 1;
        }
        if u >= end || !tokens[u].is_word() || tokens[u].capitalized {
            return false;
        }
        let w = cx.r.word(u);
        // "unsubstantiated and fabricated by former employees": a participle with its agent.
        if w.ends_with("ed") && cx.r.is_word(u + 1, "by") {
            return false;
        }
        let gerund = w.len() > 5 && w.ends_with("ing") && !PREPOSITIONAL_PARTICIPLES.iter().any(|p| w.eq_ignore_ascii_case(p));
        gerund || finite_verb(cx, u) || cx.r.cue(u).is_some_and(|c| matches!(c.form, Form::Past | Form::ThirdPerson))
    }) else {
        return end;
    };
    if tokens[t - 1].is_punct(',') { t - 1 } else { t }
}

/// Cues that report through a particle and its object, by the cue's stem: "called for new
/// tariffs", "complained about his mic", "pointed to the decision".
const PARTICLE_CUES: &[(&str, &[&str])] = &[
    ("call", &["for", "on"]),
    ("talk", &["about"]),
    ("spok", &["about", "of"]),
    ("speak", &["about", "of"]),
    ("complain", &["about", "of"]),
    ("warn", &["of", "against", "about"]),
    ("point", &["to", "out"]),
    ("agree", &["with"]),
    ("refer", &["to"]),
    ("argu", &["for", "against"]),
    ("worr", &["about"]),
    ("ask", &["about", "for"]),
    ("wr", &["about"]),
    ("testif", &["about"]),
    ("comment", &["on"]),
    ("boast", &["about", "of"]),
    ("brag", &["about"]),
    ("joke", &["about"]),
    ("joking", &["about"]),
    ("lament", &["about"]),
    ("rail", &["against"]),
    ("allud", &["to"]),
    ("balk", &["at"]),
];

/// Whether `cue` reports through `particle` ("complained" + "about").
/// Where an "as" reporting clause ends, at the comma after its cue `c`, its particle and at most
/// a short phrase ("as one adviser pointed out,", "as Smith noted with a chart,"); `None` if
/// token `subject - 1` is no "as" or no comma comes.
fn as_aside(cx: &Cx<'_>, s: usize, subject: usize, c: usize) -> Option<usize> {
    let (a, b) = cx.layout.sentences[s].tokens;
    let tokens = &cx.layout.tokens;
    if subject <= a || !cx.r.is_word(subject - 1, "as") {
        return None;
    }
    let mut k = c + 1;
    if k < b && takes_particle(cx.r.word(c), cx.r.word(k)) {
        k += 1;
    }
    // A short phrase with no verb of its own: "on Twitter", "with a telling side-by-side".
    if k < b && tokens[k].is_word() && ["on", "in", "at", "with", "during", "after", "before", "to", "for", "from", "under", "through", "last", "this", "earlier"].iter().any(|p| cx.r.is_word(k, p)) {
        let end = (k..b.min(k + 8)).find(|&i| !tokens[i].is_word() || cx.r.cue(i).is_some())?;
        k = end;
    }
    (k < b && tokens[k].is_punct(',')).then_some(k)
}

fn takes_particle(cue: &str, particle: &str) -> bool {
    let cue = lower(cue);
    PARTICLE_CUES.iter().any(|(stem, particles)| has_prefix(&cue, stem) && particles.contains(&particle))
}


/// `word.starts_with(stem)`, with the first bytes compared before the rest: the rules test a
/// word against lists of stems, and a `starts_with` of a length known only at run time is a
/// call to memcmp (some 15,000 of them on 20 articles, nearly all failing at the first byte).
fn has_prefix(word: &str, stem: &str) -> bool {
    stem.as_bytes().first().is_none_or(|first| word.as_bytes().first() == Some(first)) && word.starts_with(stem)
}

/// Where an object noun phrase from `from` ends: at the first comma, semicolon or sentence end.
fn phrase_end(cx: &Cx<'_>, from: usize, b: usize) -> usize {
    let tokens = &cx.layout.tokens;
    let limit = b.min(from + MAX_CONTENT);
    // ("cited several factors, including …", "…, such as …": the list goes on past its comma.)
    // ("shows Trump leading Clinton 44 percent to 37 percent, with 13 percent undecided": a
    // share after "with" goes on with the finding.)
    let share = |t: usize| cx.r.is_word(t + 1, "with") && (cx.r.is_count(t + 2) || cx.r.word(t + 2).starts_with(|c: char| c.is_ascii_digit()));
    let list_goes_on = |t: usize| tokens[t].is_punct(',') && (cx.r.is_word(t + 1, "including") || (cx.r.is_word(t + 1, "such") && cx.r.is_word(t + 2, "as")) || share(t));
    let end = (from..limit).find(|&t| cx.quotes.inside(t).is_none() && matches!(tokens[t].kind, TokenKind::Punct(',' | ';' | '.' | '!' | '?' | '(' | '—')) && !list_goes_on(t)).unwrap_or(limit);
    end.max(from)
}

/// A cheap gate for [`Attributor::speaker_label`]: its label phrase ends within 7 tokens of the
/// paragraph's start `a`, so the colon after it stands before token `a + 8` (and `t1`).
fn has_label_colon(cx: &Cx<'_>, a: usize, t1: usize) -> bool {
    cx.layout.tokens[a..t1.clamp(a, a + 8)].iter().any(|t| t.is_punct(':'))
}

fn count_words(cx: &Cx<'_>, from: usize, to: usize) -> usize {
    cx.layout.tokens[from.min(to)..to].iter().filter(|t| t.is_word()).count()
}

fn is_quote_span(cx: &Cx<'_>, span: Span) -> bool {
    // Quotes are in document order and do not overlap: a binary search, not a walk over all.
    let i = cx.quotes.quotes.partition_point(|q| q.span.start < span.start);
    cx.quotes.quotes.get(i).is_some_and(|q| q.span == span)
}

fn has_quote_mark(cx: &Cx<'_>, span: Span) -> bool {
    let i = cx.quotes.quotes.partition_point(|q| q.span.end <= span.start);
    cx.quotes.quotes.get(i).is_some_and(|q| q.span.overlaps(span))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// `quoted_term`'s first test as it was written before the lexicon had the class.
    fn is_use_verb(w: &str) -> bool {
        ((3..=4).contains(&w.len()) && matches!(w.to_ascii_lowercase().as_str(), "used" | "uses" | "use")) || w.eq_ignore_ascii_case("using")
    }

    /// The words of the lists, in three cases and with endings, and near misses.
    fn listed_words() -> Vec<String> {
        let stems = PHRASAL_CUES.iter().map(|(stem, _, _)| *stem);
        let listed = NOMINAL_CUES.iter().chain(USE_VERBS).copied().chain(stems).chain(["Putin", "committee", "user", "us", "claimed", "views", "", "x", "é", "Élan"]);
        listed.flat_map(|w| [w.to_string(), w.to_ascii_uppercase(), format!("{w}s"), format!("{w}’s"), format!("{w}ed"), w.chars().skip(1).collect()]).collect()
    }

    fn agree_with_the_lists(lex: &Lexicon, w: &str) {
        let lower = w.to_ascii_lowercase();
        assert_eq!(lex.words(w) & lexicon::word::NOMINAL_CUE != 0, NOMINAL_CUES.contains(&lower.as_str()), "{w:?}");
        assert_eq!(lex.words(w) & lexicon::word::USE_VERB != 0, is_use_verb(w), "{w:?}");
        // The filter may let a word through that begins no stem, never turn one away that does.
        if PHRASAL_CUES.iter().any(|(stem, _, _)| has_prefix(&lower, stem)) {
            assert!(may_begin_phrasal_stem(lower.as_bytes()), "{w:?}");
        }
    }

    #[test]
    fn first_tests_by_word_class_answer_as_the_lists() {
        let lex = Lexicon::new();
        for w in listed_words() {
            agree_with_the_lists(&lex, &w);
        }
        // And the phrasal filter turns most words away.
        for w in ["the", "said", "of", "and", "president", "reported"] {
            assert!(!may_begin_phrasal_stem(w.as_bytes()), "{w:?}");
        }
    }

    proptest! {
        #[test]
        fn first_tests_by_word_class_answer_as_the_lists_on_any_word(w in "(use|using|claim|mak|took|com|[a-zA-Z’'é]){0,6}") {
            agree_with_the_lists(&Lexicon::new(), &w);
        }
    }
}
