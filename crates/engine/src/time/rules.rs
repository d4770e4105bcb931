//! The recognizers: an ordered list of small rules, each trying to read one kind of expression
//! at a token. The scanner keeps the longest match at each token (the earlier rule on a tie).

use super::lexicon::{Deixis, Holiday, Part, Pod, Shift, Unit, W};
use super::normalize::{ClockDay, Dir, Qty, Sem, YearRef};
use super::token::{Kind, Token};

/// A rule's match: tokens `start..end` and what they mean.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// Where the scan resumes: after `end`, when words read for the value stay outside the
    /// span ("[October] this year").
    pub(crate) resume: usize,
    pub(crate) sem: Sem,
}

/// A recognizer: tries to read an expression starting at token `i`.
pub(crate) type Rule = fn(&Cx<'_>, usize) -> Option<Hit>;

/// Every rule, by name, in priority order (an earlier rule wins a tie on length).
pub(crate) const RULES: &[(&str, Rule)] = &[
    ("numeric_date", numeric_date),
    ("month_date", month_date),
    ("day_month", day_month),
    ("weekday", weekday),
    ("clock", clock),
    ("holiday", holiday),
    ("deixis", deixis),
    ("relative", relative),
    ("ago", ago),
    ("year", year),
    ("season", season),
    ("quarter", quarter),
    ("set", set),
    ("duration", duration),
    ("bare_units", bare_units),
];

/// The tokens, with the text they come from, and small lookups that never go out of bounds.
pub(crate) struct Cx<'a> {
    pub(crate) text: &'a str,
    pub(crate) toks: &'a [Token],
}

impl Cx<'_> {
    pub(crate) fn w(&self, i: usize) -> Option<W> {
        match self.toks.get(i)?.kind {
            Kind::Word(w) => w,
            _ => None,
        }
    }

    fn is(&self, i: usize, w: W) -> bool {
        self.w(i) == Some(w)
    }

    pub(crate) fn punct(&self, i: usize) -> Option<char> {
        match self.toks.get(i)?.kind {
            Kind::Punct(c) => Some(c),
            _ => None,
        }
    }

    pub(crate) fn num(&self, i: usize) -> Option<(u64, u8)> {
        match self.toks.get(i)?.kind {
            Kind::Num { value, digits } => Some((value, digits)),
            _ => None,
        }
    }

    /// Token `i` exists and follows the previous one without space.
    fn tight(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| !t.space_before)
    }

    fn cap(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.cap)
    }

    /// Token `i` is a word spelled `lower` (in any case).
    pub(crate) fn word(&self, i: usize, lower: &str) -> bool {
        self.toks.get(i).is_some_and(|t| {
            matches!(t.kind, Kind::Word(_)) && self.text[t.start..t.end].eq_ignore_ascii_case(lower)
        })
    }

    /// Token `i` is an apostrophe.
    fn apostrophe(&self, i: usize) -> bool {
        matches!(self.punct(i), Some('\'' | '\u{2019}'))
    }

    /// The word before token `i`.
    fn prev_w(&self, i: usize) -> Option<W> {
        i.checked_sub(1).and_then(|p| self.w(p))
    }
}

fn hit(start: usize, end: usize, sem: Sem) -> Option<Hit> {
    debug_assert!(start < end);
    Some(Hit { start, end, resume: end, sem })
}

/// A quantity at `i`: "3", "three", "twenty-five", "a", "a few", "several", "5 1/2", "two and a
/// half"; and the token after it.
fn qty(cx: &Cx<'_>, i: usize) -> Option<(Qty, usize)> {
    let (q, j) = match cx.toks.get(i)?.kind {
        Kind::Num { value, .. } => {
            if matches!(cx.punct(i + 1), Some('.' | ',')) && cx.tight(i + 1) && cx.tight(i + 2) {
                if let Some((frac, 1)) = cx.num(i + 2)
                    && cx.punct(i + 1) == Some('.')
                    && frac == 5
                {
                    return Some((Qty::Half(value), i + 3));
                }
                if cx.num(i + 2).is_some() {
                    return None;
                }
            }
            if cx.num(i + 1) == Some((1, 1))
                && cx.punct(i + 2) == Some('/')
                && cx.tight(i + 2)
                && cx.tight(i + 3)
                && cx.num(i + 3) == Some((2, 1))
            {
                return Some((Qty::Half(value), i + 4));
            }
            (value, i + 1)
        }
        Kind::Word(Some(W::Num(n))) => {
            let mut value = u64::from(n);
            let mut j = i + 1;
            if let Some(W::Num(unit)) = cx.w(j + 1)
                && n >= 20
                && n % 10 == 0
                && unit < 10
                && cx.punct(j) == Some('-')
                && cx.tight(j)
                && cx.tight(j + 1)
            {
                value += u64::from(unit);
                j += 2;
            }
            if cx.is(j, W::Num(100)) && n < 100 {
                value *= 100;
                j += 1;
            }
            (value, j)
        }
        Kind::Word(Some(W::Article)) => match cx.w(i + 1) {
            Some(W::Vague) => {
                let j = if cx.is(i + 2, W::Of) { i + 3 } else { i + 2 };
                return Some((Qty::X, j));
            }
            Some(W::Num(n @ (12 | 100))) => (u64::from(n), i + 2),
            _ => (1, i + 1),
        },
        Kind::Word(Some(W::Vague)) => {
            let j = if cx.is(i + 1, W::Of) { i + 2 } else { i + 1 };
            return Some((Qty::X, j));
        }
        _ => return None,
    };
    if cx.is(j, W::And) && cx.is(j + 1, W::Article) && cx.is(j + 2, W::Half) {
        return Some((Qty::Half(q), j + 3));
    }
    Some((Qty::N(q), j))
}

/// An ordinal 1-4 at `i` ("first", "second", "3rd"), and the token after it.
fn ordinal(cx: &Cx<'_>, i: usize) -> Option<(u32, usize)> {
    match cx.w(i) {
        Some(W::Ordinal(n)) => return Some((u32::from(n), i + 1)),
        Some(W::Unit(Unit::Second, false)) => return Some((2, i + 1)),
        _ => {}
    }
    let (n, 1) = cx.num(i)? else { return None };
    let suffix = ["st", "nd", "rd", "th"].iter().any(|s| cx.word(i + 1, s));
    (suffix && cx.tight(i + 1) && (1..=4).contains(&n)).then_some((n as u32, i + 2))
}

/// A four-digit year at `i` (not a decade like "1990s").
fn year_at(cx: &Cx<'_>, i: usize) -> Option<i32> {
    let (value, 4) = cx.num(i)? else { return None };
    if !(1000..=2199).contains(&value) || (cx.tight(i + 1) && (cx.word(i + 1, "s") || cx.num(i + 1).is_some())) {
        return None;
    }
    i32::try_from(value).ok()
}

/// A day of the month at `i`, with an optional ordinal suffix; and the token after it.
fn day_at(cx: &Cx<'_>, i: usize) -> Option<(u32, usize)> {
    let (d, digits) = cx.num(i)?;
    if digits > 2 || !(1..=31).contains(&d) {
        return None;
    }
    // "at 10:30" or "3.5" are not days.
    if matches!(cx.punct(i + 1), Some(':' | '.' | ',' | '/')) && cx.tight(i + 1) && cx.tight(i + 2) && cx.num(i + 2).is_some() {
        return None;
    }
    let mut j = i + 1;
    if cx.tight(j) && ["st", "nd", "rd", "th"].iter().any(|s| cx.word(j, s)) {
        j += 1;
    }
    Some((d as u32, j))
}

fn shift_dir(s: Shift) -> Option<Dir> {
    match s {
        Shift::Last => Some(Dir::Last),
        Shift::Next | Shift::Coming => Some(Dir::Next),
        Shift::This => Some(Dir::This),
        Shift::Recent | Shift::Current => None,
    }
}

fn shift_offset(s: Shift) -> Option<i64> {
    match s {
        Shift::Last => Some(-1),
        Shift::Next | Shift::Coming => Some(1),
        Shift::This | Shift::Current => Some(0),
        Shift::Recent => None,
    }
}

/// "this year", "last year", "next year" at `i`: the year offset and the token after.
fn year_shift(cx: &Cx<'_>, i: usize) -> Option<(i32, usize)> {
    let Some(W::Shift(s)) = cx.w(i) else { return None };
    let n = shift_offset(s)?;
    cx.is(i + 1, W::Unit(Unit::Year, false)).then_some((n as i32, i + 2))
}

/// "early", "late", "mid" before a month, year or season (with a hyphen or not): the token after.
fn part_prefix(cx: &Cx<'_>, i: usize) -> Option<usize> {
    let Some(W::Part(Part::Early | Part::Late | Part::Mid)) = cx.w(i) else { return None };
    if cx.punct(i + 1) == Some('-') && cx.tight(i + 1) && cx.tight(i + 2) {
        return Some(i + 2);
    }
    Some(i + 1)
}

/// "2023-12-24", "12/24/2023", "24/12/2023".
fn numeric_date(cx: &Cx<'_>, i: usize) -> Option<Hit> {
    let (a, da) = cx.num(i)?;
    let sep = cx.punct(i + 1)?;
    if !(sep == '-' || sep == '/') || cx.punct(i + 3) != Some(sep) || !(i + 1..=i + 4).all(|k| cx.tight(k)) {
        return None;
    }
    let (b, db) = cx.num(i + 2)?;
    let (c, dc) = cx.num(i + 4)?;
    let (y, m, d) = match (da, db, dc) {
        (4, 1..=2, 1..=2) if sep == '-' || sep == '/' => (a, b, c),
        (1..=2, 1..=2, 4) if sep == '/' => {
            if a > 12 { (c, b, a) } else { (c, a, b) }
        }
        (1..=2, 1..=2, 2) if sep == '/' => {
            let y = if c >= 50 { 1900 + c } else { 2000 + c };
            if a > 12 { (y, b, a) } else { (y, a, b) }
        }
        _ => return None,
    };
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let year = YearRef::Abs(i32::try_from(y).ok()?);
    hit(i, i + 5, Sem::Day { year, month: m as u32, day: d as u32 })
}

/// "December 24, 2023", "Dec. 24", "September 2023", "September of this year", "late November",
/// "last October", "April".
fn month_date(cx: &Cx<'_>, i: usize) -> Option<Hit> {
    let mut j = i;
    let mut dir = Dir::Auto;
    let mut modified = false;
    if let Some(k) = part_prefix(cx, j) {
        j = k;
        modified = true;
    } else if let Some(W::Shift(s)) = cx.w(j) {
        dir = shift_dir(s)?;
        j += 1;
        modified = true;
    }
    let Some(W::Month { month, abbr }) = cx.w(j) else { return None };
    if !cx.cap(j) {
        return None;
    }
    let month = u32::from(month);
    let mut k = j + 1;
    let dotted = abbr && cx.punct(k) == Some('.') && cx.tight(k);
    if dotted {
        k += 1;
    }
    if let Some((day, e)) = day_at(cx, k) {
        let comma = usize::from(cx.punct(e) == Some(','));
        if let Some(y) = year_at(cx, e + comma) {
            return hit(i, e + comma + 1, Sem::Day { year: YearRef::Abs(y), month, day });
        }
        return hit(i, e, Sem::Day { year: YearRef::Auto(dir), month, day });
    }
    if abbr && !dotted {
        return None;
    }
    let of = usize::from(cx.punct(k) == Some(',') || cx.is(k, W::Of));
    if let Some(y) = year_at(cx, k + of) {
        return hit(i, k + of + 1, Sem::Month { year: YearRef::Abs(y), month });
    }
    let of = usize::from(cx.is(k, W::Of));
    if let Some((n, e)) = year_shift(cx, k + of) {
        // "September of this year" is one expression; TempEval spans "[October] this year".
        let end = if of == 1 { e } else { k };
        return Some(Hit { start: i, end, resume: e, sem: Sem::Month { year: YearRef::Rel(n), month } });
    }
    // "May" and "March" are verbs and nouns too: alone, they need a preposition before them.
    if matches!(month, 3 | 5) && !modified && !abbr {
        let prep = matches!(cx.prev_w(i), Some(W::In | W::Until | W::Relator | W::Of | W::For));
        if !prep {
            return None;
        }
    }
    hit(i, k, Sem::Month { year: YearRef::Auto(dir), month })
}

/// "24 December 2023", "24th of December".
fn day_month(cx: &Cx<'_>, i: usize) -> Option<Hit> {
    let (day, mut k) = day_at(cx, i)?;
    if cx.is(k, W::Of) {
        k += 1;
    }
    let Some(W::Month { month, abbr }) = cx.w(k) else { return None };
    if !cx.cap(k) {
        return None;
    }
    let month = u32::from(month);
    k += 1;
    if abbr && cx.punct(k) == Some('.') && cx.tight(k) {
        k += 1;
    }
    let comma = usize::from(cx.punct(k) == Some(','));
    if let Some(y) = year_at(cx, k + comma) {
        return hit(i, k + comma + 1, Sem::Day { year: YearRef::Abs(y), month, day });
    }
    hit(i, k, Sem::Day { year: YearRef::Auto(Dir::Auto), month, day })
}

/// "Monday", "last Friday", "Wednesday night", "Monday, Oct. 26".
fn weekday(cx: &Cx<'_>, i: usize) -> Option<Hit> {
    let mut j = i;
    let mut dir = Dir::Auto;
    if let Some(W::Shift(s)) = cx.w(j) {
        dir = shift_dir(s)?;
        j += 1;
    }
    let Some(W::Weekday { day, abbr }) = cx.w(j) else { return None };
    let mut k = j + 1;
    if abbr {
        if !(cx.cap(j) && cx.punct(k) == Some('.') && cx.tight(k)) {
            return None;
        }
        k += 1;
    }
    let day = u32::from(day);
    if cx.punct(k) == Some(',')
        && let Some(date) = month_date(cx, k + 1)
        && matches!(date.sem, Sem::Day { .. })
    {
        return hit(i, date.end, date.sem);
    }
    if matches!(cx.w(k), Some(W::Pod(_))) {
        k += 1;
    }
    hit(i, k, Sem::Weekday { day, dir })
}

/// "a.m.", "p.m", "am", "PM" at `i`: whether afternoon, and the token after.
fn am_pm(cx: &Cx<'_>, i: usize) -> Option<(bool, usize)> {
    for (word, pm) in [("am", false), ("pm", true)] {
        if cx.word(i, word) {
            return Some((pm, i + 1));
        }
    }
    let pm = if cx.word(i, "a") {
        false
    } else if cx.word(i, "p") {
        true
    } else {
        return None;
    };
    if !(cx.punct(i + 1) == Some('.') && cx.tight(i + 1) && cx.word(i + 2, "m") && cx.tight(i + 2)) {
        return None;
    }
    let end = if cx.punct(i + 3) == Some('.') && cx.tight(i + 3) { i + 4 } else { i + 3 };
    Some((pm, end))
}

/// "3 p.m.", "10:30 a.m. EST Friday", "14:30", "noon", "midnight", "4 in the morning".
fn clock(cx: &Cx<'_>, i: usize) -> Option<Hit> {
    let (hour, minute, mut k) = match cx.w(i) {
        Some(W::Noon) => (12, 0, i + 1),
        Some(W::Midnight) => (24, 0, i + 1),
        _ => {
            let (h, hd) = cx.num(i)?;
            if hd > 2 || h > 24 {
                return None;
            }
            let mut k = i + 1;
            let mut minute = None;
            if cx.punct(k) == Some(':') && cx.tight(k) && cx.tight(k + 1) {
                let (m, 2) = cx.num(k + 1)? else { return None };
                if m >= 60 {
                    return None;
                }
                minute = Some(m);
                k += 2;
                if cx.punct(k) == Some(':') && cx.tight(k) {
                    return None;
                }
            }
            let preceded = i.checked_sub(1).is_some_and(|p| cx.punct(p).is_some() && cx.tight(i));
            let h = if let Some((pm, e)) = am_pm(cx, k) {
                if !(1..=12).contains(&h) {
                    return None;
                }
                k = e;
                if pm { h % 12 + 12 } else { h % 12 }
            } else if cx.word(k, "o") && cx.apostrophe(k + 1) && cx.is(k + 2, W::OClock) {
                k += 3;
                h
            } else if cx.is(k, W::In)
                && cx.is(k + 1, W::The)
                && let Some(W::Pod(pod)) = cx.w(k + 2)
            {
                k += 3;
                match pod {
                    Pod::Morning => h % 12,
                    Pod::Night if h < 6 || h == 12 => h % 12,
                    _ => h % 12 + 12,
                }
            } else if minute.is_some() && h < 24 && !preceded {
                h
            } else {
                return None;
            };
            (h as u32, minute.unwrap_or(0) as u32, k)
        }
    };
    if cx.is(k, W::Zone) {
        k += 1;
    }
    let day = match cx.w(k) {
        Some(W::Weekday { day, abbr: false }) => ClockDay::Weekday(u32::from(day), Dir::Auto),
        Some(W::Deixis(Deixis::Today | Deixis::Tonight)) => ClockDay::Offset(0),
        Some(W::Deixis(Deixis::Tomorrow)) => ClockDay::Offset(1),
        Some(W::Deixis(Deixis::Yesterday)) => ClockDay::Offset(-1),
        _ => {
            if let Some(day) = day_after_parenthesis(cx, k) {
                return hit(i, k, Sem::Clock { hour, minute, day });
            }
            if cx.punct(k) == Some(',')
                && let Some(date) = month_date(cx, k + 1)
                && let Sem::Day { year, month, day } = date.sem
            {
                return hit(i, date.end, Sem::Clock { hour, minute, day: ClockDay::Date(year, month, day) });
            }
            return hit(i, k, Sem::Clock { hour, minute, day: ClockDay::Anchor });
        }
    };
    hit(i, k + 1, Sem::Clock { hour, minute, day })
}

/// The weekday right after a short parenthesis at `k`: "(0735 GMT) Friday".
fn day_after_parenthesis(cx: &Cx<'_>, k: usize) -> Option<ClockDay> {
    if cx.punct(k) != Some('(') {
        return None;
    }
    let close = (k + 1..k + 6).find(|&c| cx.punct(c) == Some(')'))?;
    match cx.w(close + 1) {
        Some(W::Weekday { day, abbr: false }) => Some(ClockDay::Weekday(u32::from(day), Dir::Auto)),
        _ => None,
    }
}

/// "Christmas", "Christmas Eve", "New Year's Day", "last Thanksgiving", "Election Day".
fn holiday(cx: &Cx<'_>, i: usize) -> Option<Hit> {
    let mut j = i;
    let mut dir = Dir::Auto;
    if let Some(W::Shift(s)) = cx.w(j) {
        dir = shift_dir(s)?;
        j += 1;
    }
    let Some(W::Holiday(h)) = cx.w(j) else { return None };
    if !cx.cap(j) {
        return None;
    }
    let mut k = j + 1;
    let possessive = |k: usize| cx.apostrophe(k) && cx.tight(k) && cx.word(k + 1, "s") && cx.tight(k + 1);
    let day = |k: usize| cx.is(k, W::Unit(Unit::Day, false)) && cx.cap(k);
    let mut eve = false;
    match h {
        Holiday::NewYear => {
            if !(cx.is(k, W::Unit(Unit::Year, false)) && cx.cap(k)) {
                return None;
            }
            k += 1;
            if possessive(k) {
                k += 2;
            }
            if day(k) {
                k += 1;
            } else if cx.is(k, W::Eve) && cx.cap(k) {
                eve = true;
                k += 1;
            }
        }
        Holiday::Election | Holiday::Independence => {
            if !day(k) {
                return None;
            }
            k += 1;
        }
        Holiday::Valentine => {
            if possessive(k) {
                k += 2;
            }
            if !day(k) {
                return None;
            }
            k += 1;
        }
        Holiday::Christmas => {
            if day(k) {
                k += 1;
            } else if cx.is(k, W::Eve) && cx.cap(k) {
                eve = true;
                k += 1;
            }
        }
        Holiday::Thanksgiving | Holiday::Halloween => {
            if day(k) {
                k += 1;
            }
        }
        Holiday::Easter => {
            if cx.is(k, W::Weekday { day: 7, abbr: false }) {
                k += 1;
            }
        }
    }
    if let Some(y) = year_at(cx, k) {
        return hit(i, k + 1, Sem::Holiday { holiday: h, eve, year: YearRef::Abs(y) });
    }
    hit(i, k, Sem::Holiday { holiday: h, eve, year: YearRef::Auto(dir) })
}

/// "today", "tonight", "yesterday morning", "now", "recently", "the future", "in the past",
/// "this morning", "last night", "not so long ago".
fn deixis(cx: &Cx<'_>, i: usize) -> Option<Hit> {
    let pod_after = |k: usize| match cx.w(k) {
        Some(W::Pod(p)) => (Some(p), k + 1),
        _ => (None, k),
    };
    let rel = |n: i64, pod: Option<Pod>| Sem::Rel { unit: Unit::Day, n, pod };
    match cx.w(i)? {
        W::Deixis(d) => {
            let (sem, end) = match d {
                Deixis::Today => (rel(0, None), i + 1),
                Deixis::Tonight => (rel(0, Some(Pod::Night)), i + 1),
                Deixis::Yesterday => {
                    let (pod, k) = pod_after(i + 1);
                    (rel(-1, pod), k)
                }
                Deixis::Tomorrow => {
                    let (pod, k) = pod_after(i + 1);
                    (rel(1, pod), k)
                }
                Deixis::Now | Deixis::Currently => (Sem::Ref("PRESENT_REF"), i + 1),
                Deixis::Recently | Deixis::Formerly => (Sem::Ref("PAST_REF"), i + 1),
                // "as soon as" is a conjunction.
                Deixis::Soon if cx.word(i.wrapping_sub(1), "as") => return None,
                Deixis::Soon | Deixis::Future => (Sem::Ref("FUTURE_REF"), i + 1),
            };
            hit(i, end, sem)
        }
        W::The if cx.is(i + 1, W::Deixis(Deixis::Future)) => hit(i, i + 2, Sem::Ref("FUTURE_REF")),
        W::The if cx.is(i + 1, W::Past) => {
            // "the past" alone, not "the past five years" nor "the past week".
            let next = cx.w(i + 2);
            if matches!(next, Some(W::Num(_) | W::Unit(..) | W::Article | W::Vague | W::Shift(_)))
                || cx.num(i + 2).is_some()
            {
                return None;
            }
            hit(i, i + 2, Sem::Ref("PAST_REF"))
        }
        W::Not if cx.is(i + 1, W::So) && cx.is(i + 2, W::Long) && cx.is(i + 3, W::Ago) => {
            hit(i, i + 4, Sem::Ref("PAST_REF"))
        }
        W::Not if cx.is(i + 1, W::Long) && cx.is(i + 2, W::Ago) => hit(i, i + 3, Sem::Ref("PAST_REF")),
        W::Long if cx.is(i + 1, W::Ago) => hit(i, i + 2, Sem::Ref("PAST_REF")),
        W::Shift(Shift::This) => {
            let Some(W::Pod(pod)) = cx.w(i + 1) else { return None };
            hit(i, i + 2, rel(0, Some(pod)))
        }
        W::Shift(Shift::Last) if matches!(cx.w(i + 1), Some(W::Pod(Pod::Night | Pod::Evening))) => {
            let (pod, k) = pod_after(i + 1);
            hit(i, k, rel(-1, pod))
        }
        _ => None,
    }
}

/// "last week", "this year", "next month", "earlier this year", "early next week",
/// "the last week", "last quarter", "this century".
fn relative(cx: &Cx<'_>, i: usize) -> Option<Hit> {
    let mut j = i;
    let the_last = cx.is(j, W::The) && matches!(cx.w(j + 1), Some(W::Shift(Shift::Last | Shift::Next)));
    // "earlier" and "later" stay outside: TempEval spans "earlier [this week]".
    if matches!(cx.w(j), Some(W::Part(Part::Early | Part::Late | Part::Mid))) || the_last {
        j += 1;
    }
    let Some(W::Shift(s)) = cx.w(j) else { return None };
    let n = shift_offset(s)?;
    let Some(W::Unit(unit, false)) = cx.w(j + 1) else { return None };
    if matches!(unit, Unit::Second | Unit::Minute | Unit::Hour | Unit::Day) {
        return None;
    }
    hit(i, j + 2, Sem::Rel { unit, n, pod: None })
}

/// "two years ago", "almost four years ago", "a decade ago", "11 days ago".
fn ago(cx: &Cx<'_>, i: usize) -> Option<Hit> {
    let mut j = i;
    match cx.w(j) {
        Some(W::Almost) => j += 1,
        Some(W::More | W::Less) if cx.is(j + 1, W::Than) => j += 2,
        _ => {}
    }
    let (q, k) = match qty(cx, j) {
        Some(found) => found,
        None => (Qty::X, j),
    };
    let Some(W::Unit(unit, _)) = cx.w(k) else { return None };
    if !cx.is(k + 1, W::Ago) {
        return None;
    }
    let n = match q {
        Qty::N(n) | Qty::Half(n) => i64::try_from(n).ok(),
        Qty::X => None,
    };
    let (unit, n) = match (unit, n) {
        (Unit::Decade, Some(n)) => (Unit::Year, n.checked_mul(10)),
        (Unit::Century, Some(n)) => (Unit::Year, n.checked_mul(100)),
        (Unit::Weekend, n) => (Unit::Week, n),
        (unit, n) => (unit, n),
    };
    let sem = match n {
        Some(n) if !matches!(unit, Unit::Second | Unit::Minute | Unit::Hour) => Sem::Rel { unit, n: -n, pod: None },
        _ => Sem::Ref("PAST_REF"),
    };
    hit(i, k + 2, sem)
}

/// "1998", "early 1997", "mid-2015", "the 1990s" (without "the"), "'90s".
fn year(cx: &Cx<'_>, i: usize) -> Option<Hit> {
    let j = part_prefix(cx, i).unwrap_or(i);
    if cx.apostrophe(j) {
        let (n, 2) = cx.num(j + 1)? else { return None };
        if !(cx.tight(j + 1) && cx.word(j + 2, "s") && cx.tight(j + 2) && n % 10 == 0) {
            return None;
        }
        let century = if n >= 30 { 190 } else { 200 };
        return hit(i, j + 3, Sem::Decade(century + n as i32 / 10));
    }
    let (value, 4) = cx.num(j)? else { return None };
    if cx.tight(j + 1) && value % 10 == 0 {
        if cx.word(j + 1, "s") {
            return hit(i, j + 2, Sem::Decade(value as i32 / 10));
        }
        if cx.apostrophe(j + 1) && cx.word(j + 2, "s") && cx.tight(j + 2) {
            return hit(i, j + 3, Sem::Decade(value as i32 / 10));
        }
    }
    let y = year_at(cx, j)?;
    if j == i && !plausible_year(cx, j) {
        return None;
    }
    hit(i, j + 1, Sem::Year(y))
}

/// Whether a four-digit number at `j` reads as a year rather than an amount or a code.
fn plausible_year(cx: &Cx<'_>, j: usize) -> bool {
    if let Some(p) = j.checked_sub(1) {
        if matches!(cx.punct(p), Some('$' | '#' | '£' | '€')) {
            return false;
        }
        if cx.tight(j) && matches!(cx.punct(p), Some('.' | ',' | ':' | '/' | '-')) {
            return false;
        }
        if matches!(cx.w(p), Some(W::In | W::Until | W::Relator | W::Of | W::For)) {
            return true;
        }
    }
    if cx.tight(j + 1) && matches!(cx.punct(j + 1), Some(':' | '%' | '/' | '.')) && cx.num(j + 2).is_some() {
        return false;
    }
    if matches!(cx.punct(j + 1), Some('%')) {
        return false;
    }
    match cx.toks.get(j + 1).map(|t| t.kind) {
        Some(Kind::Word(Some(W::Amount | W::Unit(..)))) => false,
        // "1998 votes": a count before a plural noun.
        Some(Kind::Word(None)) => {
            let t = &cx.toks[j + 1];
            let word = &cx.text[t.start..t.end];
            !(!t.cap && word.len() > 3 && word.ends_with('s'))
        }
        _ => true,
    }
}

/// "last summer", "early spring", "the summer of 2015" (without "the"), "winter 2022".
fn season(cx: &Cx<'_>, i: usize) -> Option<Hit> {
    let mut j = i;
    let mut dir = Dir::Auto;
    let mut modified = false;
    if let Some(k) = part_prefix(cx, j) {
        j = k;
        modified = true;
    } else if let Some(W::Shift(s)) = cx.w(j) {
        dir = shift_dir(s)?;
        j += 1;
        modified = true;
    }
    let Some(W::Season(season)) = cx.w(j) else { return None };
    let k = j + 1;
    let of = usize::from(cx.is(k, W::Of));
    if let Some(y) = year_at(cx, k + of) {
        return hit(i, k + of + 1, Sem::Season { season, year: YearRef::Abs(y) });
    }
    if let Some((n, e)) = year_shift(cx, k + of) {
        return hit(i, e, Sem::Season { season, year: YearRef::Rel(n) });
    }
    if !modified {
        return None;
    }
    hit(i, k, Sem::Season { season, year: YearRef::Auto(dir) })
}

/// "the third quarter", "second-quarter", "Q3 2023", "the fourth quarter of 2022".
fn quarter(cx: &Cx<'_>, i: usize) -> Option<Hit> {
    let j = if cx.is(i, W::The) { i + 1 } else { i };
    let (q, mut k) = if cx.word(j, "q") && cx.tight(j + 1) {
        let (q, 1) = cx.num(j + 1)? else { return None };
        (q as u32, j + 2)
    } else {
        let (q, mut k) = ordinal(cx, j)?;
        if cx.punct(k) == Some('-') && cx.tight(k) {
            k += 1;
        }
        if !cx.is(k, W::Unit(Unit::Quarter, false)) {
            return None;
        }
        (q, k + 1)
    };
    if !(1..=4).contains(&q) {
        return None;
    }
    let of = usize::from(cx.is(k, W::Of));
    if let Some(y) = year_at(cx, k + of) {
        return hit(i, k + of + 1, Sem::Quarter { quarter: q, year: YearRef::Abs(y) });
    }
    if let Some((n, e)) = year_shift(cx, k + of) {
        return hit(i, e, Sem::Quarter { quarter: q, year: YearRef::Rel(n) });
    }
    if cx.punct(k) == Some(',') && year_at(cx, k + 1).is_some() {
        k += 1;
        let y = year_at(cx, k)?;
        return hit(i, k + 1, Sem::Quarter { quarter: q, year: YearRef::Abs(y) });
    }
    hit(i, k, Sem::Quarter { quarter: q, year: YearRef::Auto(Dir::Auto) })
}

/// "daily", "every week", "each year", "every other month", "twice a week", "$5 billion a year"
/// (as "a year").
fn set(cx: &Cx<'_>, i: usize) -> Option<Hit> {
    match cx.w(i)? {
        W::Every1(unit) => hit(i, i + 1, Sem::Set { qty: Qty::N(1), unit }),
        W::Every | W::Each => {
            let mut j = i + 1;
            let mut step = 1;
            if cx.word(j, "other") {
                step = 2;
                j += 1;
            }
            let (q, k) = match qty(cx, j) {
                Some((Qty::N(n), k)) => (n, k),
                _ => (1, j),
            };
            let Some(W::Unit(unit, _)) = cx.w(k) else { return None };
            hit(i, k + 1, Sem::Set { qty: Qty::N(q.saturating_mul(step)), unit })
        }
        W::Once | W::Twice => {
            let Some(W::Unit(unit, false)) = cx.w(i + 2) else { return None };
            if !matches!(cx.w(i + 1), Some(W::Article | W::Per)) {
                return None;
            }
            hit(i, i + 3, Sem::Set { qty: Qty::N(1), unit })
        }
        W::Article | W::Per => {
            let Some(W::Unit(unit, false)) = cx.w(i + 1) else { return None };
            let rate = cx.is(i, W::Per)
                || i.checked_sub(1).is_some_and(|p| {
                    cx.num(p).is_some()
                        || matches!(cx.w(p), Some(W::Amount | W::Times | W::Unit(_, true) | W::Once | W::Twice))
                });
            if !rate {
                return None;
            }
            hit(i, i + 2, Sem::Set { qty: Qty::N(1), unit })
        }
        _ => None,
    }
}

/// "three days", "24 hours", "past five years", "a decade", "16-hour", "5 1/2 hours",
/// "more than four decades", "recent days", "the coming years", "past decade", "the weekend".
fn duration(cx: &Cx<'_>, i: usize) -> Option<Hit> {
    let mut j = i;
    let lead = |k: usize| matches!(cx.w(k), Some(W::Past | W::Shift(Shift::Last | Shift::Next | Shift::Coming | Shift::Recent) | W::Ordinal(1)));
    // "the" stays outside ("over the [past 20 years]"), except in "the weekend".
    if cx.is(j, W::The) {
        if cx.is(j + 1, W::Unit(Unit::Weekend, false)) {
            return hit(i, j + 2, Sem::Duration { qty: Qty::N(1), unit: Unit::Weekend });
        }
        return None;
    }
    let led = lead(j);
    let past = cx.is(j, W::Past);
    if led {
        j += 1;
    }
    match cx.w(j) {
        Some(W::More | W::Less) if cx.is(j + 1, W::Than) => j += 2,
        Some(W::At) if cx.is(j + 1, W::Least) => j += 2,
        Some(W::Over) if !cx.is(j + 1, W::The) => j += 1,
        _ => {}
    }
    let Some((q, mut k)) = qty(cx, j) else {
        // No number: "recent days", "the coming years", "past decade".
        let Some(W::Unit(unit, plural)) = cx.w(j) else { return None };
        if !led {
            return None;
        }
        if plural {
            return hit(i, j + 1, Sem::Duration { qty: Qty::X, unit });
        }
        return past.then(|| Hit { start: i, end: j + 1, resume: j + 1, sem: Sem::Duration { qty: Qty::N(1), unit } });
    };
    let hyphen = cx.punct(k) == Some('-') && cx.tight(k) && cx.tight(k + 1);
    if hyphen || cx.is(k, W::More) {
        k += 1;
    }
    let Some(W::Unit(unit, _)) = cx.w(k) else { return None };
    // "a second time" is an ordinal.
    if unit == Unit::Second && cx.is(j, W::Article) {
        return None;
    }
    let mut end = k + 1;
    if hyphen && cx.punct(end) == Some('-') && cx.tight(end) {
        // "a 44-year-old": an age, not a period.
        if cx.word(end + 1, "old") {
            return None;
        }
        if cx.word(end + 1, "long") {
            end += 2;
        }
    }
    // "60 Minutes" is a title.
    if cx.cap(k) && !cx.cap(j) {
        return None;
    }
    hit(i, end, Sem::Duration { qty: q, unit })
}

/// A plural unit alone where it names a period: "for weeks", "in the days before", "for years",
/// "decades-long".
fn bare_units(cx: &Cx<'_>, i: usize) -> Option<Hit> {
    let Some(W::Unit(unit, plural)) = cx.w(i) else { return None };
    if cx.punct(i + 1) == Some('-') && cx.tight(i + 1) && cx.word(i + 2, "long") && cx.tight(i + 2) {
        let qty = if plural { Qty::X } else { Qty::N(1) };
        return hit(i, i + 3, Sem::Duration { qty, unit });
    }
    if !plural {
        return None;
    }
    let named = match cx.prev_w(i) {
        Some(W::For) => true,
        Some(W::The) => matches!(cx.w(i + 1), Some(W::Relator | W::Shift(Shift::Next))),
        _ => false,
    };
    named.then(|| Hit { start: i, end: i + 1, resume: i + 1, sem: Sem::Duration { qty: Qty::X, unit } })
}
