//! Time expressions: finding them and normalizing them to TIMEX3 values (TempEval-3 style).
//!
//! Three stages, all linear in the text:
//! 1. [`token`]: words, numbers and punctuation marks with byte offsets; each word classified
//!    once by the [`lexicon`].
//! 2. [`rules`]: at each token, an ordered list of small recognizers ("December 24", "last
//!    week", "three days", ...); the longest match wins and the scan resumes after it. Each
//!    recognizer returns what it read as a [`normalize::Sem`], not yet a value.
//! 3. [`normalize`]: the value, resolved against the anchor (the publication date). Names
//!    without a year or a direction ("Friday", "in April") take the nearest occurrence, leaning
//!    to the past as news does, unless a word before them looks forward ("will", "until").
//!
//! Spans follow TimeML: without a leading preposition ("on", "in", "since"), with the words
//! that change the value ("last", "early", "the past").

mod lexicon;
mod normalize;
mod rules;
mod token;

use chrono::NaiveDate;

use crate::{Span, TimeExpr};
use lexicon::{Deixis, Lexicon, Part, W};
use normalize::{ClockDay, Sem, YearRef};
use rules::{Cx, Hit, RULES};
use token::Kind;

/// How many tokens back a forward-looking word ("will", "until") still sets the tense.
const TENSE_WINDOW: usize = 6;

/// The temporal tagger, with its lexicons compiled.
#[derive(Debug)]
pub struct Tagger {
    lexicon: Lexicon,
}

impl Default for Tagger {
    fn default() -> Self {
        Tagger::new()
    }
}

impl Tagger {
    pub fn new() -> Self {
        Tagger { lexicon: Lexicon::new() }
    }

    /// Every time expression in `text`, in text order, not overlapping, with values resolved
    /// against `anchor` (the publication date) where given.
    pub fn tag(&self, text: &str, anchor: Option<NaiveDate>) -> Vec<TimeExpr> {
        let toks = token::tokenize(text, &self.lexicon);
        let cx = Cx { text, toks: &toks };
        let mut out = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            if !may_start(&cx, i) {
                debug_assert!(longest_match(&cx, i).is_none(), "a rule matches at a token may_start turns away");
                i += 1;
                continue;
            }
            let Some(found) = longest_match(&cx, i) else {
                i += 1;
                continue;
            };
            let future = looks_forward(&cx, found.start);
            out.push(expr(&cx, &found, anchor, future));
            i = found.resume;
            if let Some(second) = second_day(&cx, &found) {
                out.push(expr(&cx, &second, anchor, future));
                i = second.resume;
            }
        }
        debug_assert!(out.windows(2).all(|w| w[0].span.end <= w[1].span.start));
        out
    }
}

/// A cheap gate: only numbers, the words below, "Q" and apostrophes can start an expression.
/// It turns away nine in ten words of news text; the commonest it lets through are looked at
/// once more here, since trying every rule at a token costs about a thousand instructions.
fn may_start(cx: &Cx<'_>, i: usize) -> bool {
    match cx.toks[i].kind {
        Kind::Num { .. } => true,
        // "the past", "the third quarter", "the weekend", "the Q3", "a year", "a few days ago",
        // "a-year": every rule that reads an article first needs a word the lexicon knows, a
        // number, a hyphen or "Q" after it ("the president", "a statement" start nothing).
        Kind::Word(Some(W::The | W::Article)) => {
            matches!(cx.toks.get(i + 1).map(|t| t.kind), Some(Kind::Word(Some(_)) | Kind::Num { .. } | Kind::Punct('-')))
                || cx.word(i + 1, "q")
        }
        Kind::Word(Some(w)) => starts(w),
        // Of the words the lexicon does not know, only the "Q" of "Q3 2023" (not the "s" of a
        // possessive nor the pronoun "I").
        Kind::Word(None) => cx.word(i, "q"),
        // "'90s".
        Kind::Punct(c) => (c == '\'' || c == '\u{2019}') && matches!(cx.num(i + 1), Some((_, 2))),
    }
}

/// Whether some rule can match from a word of class `w`: the first token each rule in
/// [`RULES`] reads. Words that only ever come later in an expression ("of", "and", "in",
/// "that", "will": a tenth of running text) are turned away before the rules are tried.
/// Tagging checks in debug builds that no rule matches where this says none can.
fn starts(w: W) -> bool {
    match w {
        W::Month { .. }
        | W::Weekday { .. }
        | W::Unit(..)
        | W::Num(_)
        | W::Ordinal(_)
        | W::Article
        | W::The
        | W::Vague
        | W::Shift(_)
        | W::Part(Part::Early | Part::Late | Part::Mid)
        | W::Noon
        | W::Midnight
        | W::Season(_)
        | W::Deixis(_)
        | W::Every1(_)
        | W::Every
        | W::Each
        | W::Per
        | W::Past
        | W::Once
        | W::Twice
        | W::Holiday(_)
        | W::More
        | W::Less
        | W::At
        | W::Over
        | W::Almost
        | W::Not
        | W::Long => true,
        W::Part(Part::Earlier | Part::Later)
        | W::Pod(_)
        | W::Ago
        | W::Of
        | W::And
        | W::Times
        | W::Eve
        | W::FutureCue
        | W::Than
        | W::Least
        | W::In
        | W::So
        | W::Zone
        | W::Half
        | W::Fiscal
        | W::Until
        | W::OClock
        | W::For
        | W::Amount
        | W::Relator => false,
    }
}

/// The longest rule match at token `i` (the earlier rule on a tie).
fn longest_match(cx: &Cx<'_>, i: usize) -> Option<Hit> {
    let mut best: Option<Hit> = None;
    for (_name, rule) in RULES {
        if let Some(found) = rule(cx, i)
            && best.is_none_or(|b| found.resume > b.resume)
        {
            debug_assert!(found.start == i && found.end > i && found.end <= found.resume && found.resume <= cx.toks.len(), "rule {_name}");
            best = Some(found);
        }
    }
    best
}

/// "April 24 and 25": the second day of the month, after a month-day match.
fn second_day(cx: &Cx<'_>, first: &Hit) -> Option<Hit> {
    let Sem::Day { year, month, .. } = first.sem else { return None };
    let j = first.resume;
    if !matches!(cx.w(j), Some(W::And)) && cx.punct(j) != Some('-') {
        return None;
    }
    let (day, 1..=2) = cx.num(j + 1)? else { return None };
    if !(1..=31).contains(&day) || matches!(cx.toks.get(j + 2).map(|t| t.kind), Some(Kind::Word(Some(_)) | Kind::Num { .. })) {
        return None;
    }
    Some(Hit { start: j + 1, end: j + 2, resume: j + 2, sem: Sem::Day { year, month, day: day as u32 } })
}

/// Whether a word just before token `i`, in the same clause, looks forward: "will", "until",
/// "expected", "next".
fn looks_forward(cx: &Cx<'_>, i: usize) -> bool {
    for k in (i.saturating_sub(TENSE_WINDOW)..i).rev() {
        if matches!(cx.punct(k), Some('.' | '!' | '?' | ';' | '"' | '\u{201C}' | '\u{201D}')) || cx.toks[k + 1].line_before {
            return false;
        }
        if matches!(cx.w(k), Some(W::FutureCue | W::Until | W::Deixis(Deixis::Soon))) {
            return true;
        }
        // "as early as Tuesday"
        if matches!(cx.w(k), Some(W::Part(Part::Early))) && cx.word(k.wrapping_sub(1), "as") {
            return true;
        }
    }
    false
}

/// The expression for a match: its byte span and its value.
fn expr(cx: &Cx<'_>, found: &Hit, anchor: Option<NaiveDate>, future: bool) -> TimeExpr {
    let span = Span::new(cx.toks[found.start].start, cx.toks[found.end - 1].end);
    let sem = with_tense(found.sem, future);
    TimeExpr { span, value: sem.value(anchor), kind: sem.kind() }
}

/// The same meaning, looking forward where no word gave a direction.
fn with_tense(sem: Sem, future: bool) -> Sem {
    let ahead = |year: YearRef| match year {
        YearRef::Auto(dir) => YearRef::Auto(dir.with_tense(future)),
        other => other,
    };
    match sem {
        Sem::Day { year, month, day } => Sem::Day { year: ahead(year), month, day },
        Sem::Month { year, month } => Sem::Month { year: ahead(year), month },
        Sem::Weekday { day, dir } => Sem::Weekday { day, dir: dir.with_tense(future) },
        Sem::Season { season, year } => Sem::Season { season, year: ahead(year) },
        Sem::Quarter { quarter, year } => Sem::Quarter { quarter, year: ahead(year) },
        Sem::Holiday { holiday, eve, year } => Sem::Holiday { holiday, eve, year: ahead(year) },
        Sem::Clock { hour, minute, day: ClockDay::Weekday(d, dir) } => {
            Sem::Clock { hour, minute, day: ClockDay::Weekday(d, dir.with_tense(future)) }
        }
        Sem::Clock { hour, minute, day: ClockDay::Date(year, month, d) } => {
            Sem::Clock { hour, minute, day: ClockDay::Date(ahead(year), month, d) }
        }
        other => other,
    }
}
