//! The normalizer: from what a rule recognized ([`Sem`]) to a TIMEX3 value, against the anchor.
//!
//! Every computation on dates is checked: an expression whose value cannot be computed (a year
//! out of range, "February 30") falls back to its underspecified form, never to a panic.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use super::lexicon::{Holiday, Pod, Unit};
use crate::TimeKind;

/// Which occurrence of a named day, month or season is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dir {
    /// No word says: the nearest one, past-leaning (news reports what happened).
    Auto,
    /// The context looks forward ("will", "until"): the next one, the anchor's own included.
    Ahead,
    /// "last": strictly before the anchor.
    Last,
    /// "next", "coming": strictly after the anchor.
    Next,
    /// "this": the one in the anchor's year (or week).
    This,
}

impl Dir {
    /// `Auto` turned into `Ahead` when the context looks forward.
    pub(crate) fn with_tense(self, future: bool) -> Dir {
        if future && self == Dir::Auto { Dir::Ahead } else { self }
    }
}

/// How a year is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum YearRef {
    /// Written out: "2023".
    Abs(i32),
    /// Relative to the anchor's year: "this year" (0), "last year" (-1).
    Rel(i32),
    /// Not given: chosen from the anchor by the [`Dir`].
    Auto(Dir),
}

/// A quantity of units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Qty {
    N(u64),
    /// n and a half.
    Half(u64),
    /// "several", "a few": unknown.
    X,
}

/// What a rule recognized, before resolution against the anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sem {
    /// A day of a month, in a given or an implied year.
    Day { year: YearRef, month: u32, day: u32 },
    /// A month, in a given or an implied year.
    Month { year: YearRef, month: u32 },
    Year(i32),
    /// A decade by its first three digits: 199 for the 1990s.
    Decade(i32),
    /// A day of the week (1 = Monday). "Friday night" is Friday too: TempEval annotates the day.
    Weekday { day: u32, dir: Dir },
    /// The anchor's day, week, month... shifted by `n` units, maybe with a part of the day.
    Rel { unit: Unit, n: i64, pod: Option<Pod> },
    /// 0 = spring .. 3 = winter.
    Season { season: u8, year: YearRef },
    Quarter { quarter: u32, year: YearRef },
    Holiday { holiday: Holiday, eve: bool, year: YearRef },
    /// PAST_REF, PRESENT_REF, FUTURE_REF.
    Ref(&'static str),
    Duration { qty: Qty, unit: Unit },
    Set { qty: Qty, unit: Unit },
    /// A clock time on the anchor's day, on a weekday or a relative day.
    Clock { hour: u32, minute: u32, day: ClockDay },
}

/// The day a clock time falls on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ClockDay {
    Anchor,
    Offset(i64),
    Weekday(u32, Dir),
    Date(YearRef, u32, u32),
}

impl Sem {
    pub(crate) fn kind(&self) -> TimeKind {
        match self {
            Sem::Duration { .. } => TimeKind::Duration,
            Sem::Set { .. } => TimeKind::Set,
            Sem::Clock { .. } => TimeKind::Time,
            Sem::Rel { pod: Some(_), .. } => TimeKind::Time,
            _ => TimeKind::Date,
        }
    }

    /// The TIMEX3 value, resolved against `anchor` where there is one.
    pub(crate) fn value(&self, anchor: Option<NaiveDate>) -> String {
        match *self {
            Sem::Day { year, month, day } => match resolve_day(year, month, day, anchor) {
                Some(date) => ymd(date),
                None => match fixed_year(year, anchor) {
                    Some(y) => format!("{y:04}-{month:02}-{day:02}"),
                    None => format!("XXXX-{month:02}-{day:02}"),
                },
            },
            Sem::Month { year, month } => match resolve_month(year, month, anchor) {
                Some(y) => year_month(i64::from(y), month),
                None => format!("XXXX-{month:02}"),
            },
            Sem::Year(y) => year4(i64::from(y)),
            Sem::Decade(d) => format!("{d:03}X"),
            Sem::Weekday { day, dir } => match anchor.and_then(|a| weekday(a, day, dir)) {
                Some(date) => ymd(date),
                None => format!("XXXX-WXX-{day}"),
            },
            Sem::Rel { unit, n, pod } => match anchor.and_then(|a| relative(a, unit, n)) {
                Some(v) => with_pod(v, pod),
                None => deictic_ref(n).to_owned(),
            },
            Sem::Season { season, year } => {
                let code = ["SP", "SU", "FA", "WI"][usize::from(season.min(3))];
                match resolve_season(season, year, anchor) {
                    Some(y) => format!("{y:04}-{code}"),
                    None => format!("XXXX-{code}"),
                }
            }
            Sem::Quarter { quarter, year } => match resolve_quarter(quarter, year, anchor) {
                Some(y) => format!("{y:04}-Q{quarter}"),
                None => format!("XXXX-Q{quarter}"),
            },
            Sem::Holiday { holiday, eve, year } => match resolve_holiday(holiday, eve, year, anchor) {
                Some(date) => ymd(date),
                None => "XXXX-XX-XX".to_owned(),
            },
            Sem::Ref(r) => r.to_owned(),
            Sem::Duration { qty, unit } | Sem::Set { qty, unit } => duration(qty, unit),
            Sem::Clock { hour, minute, day } => {
                let date = anchor.and_then(|a| clock_day(a, day));
                let mut value = match date {
                    Some(date) => ymd(date),
                    None => "XXXX-XX-XX".to_owned(),
                };
                value.push('T');
                push_2(&mut value, hour);
                value.push(':');
                push_2(&mut value, minute);
                value
            }
        }
    }
}

/// `format!("{:04}-{:02}-{:02}", …)` of a date, the commonest value: digit by digit for the
/// years of four digits, without the formatting machinery.
fn ymd(date: NaiveDate) -> String {
    let mut value = year_month(i64::from(date.year()), date.month());
    value.push('-');
    push_2(&mut value, date.day());
    value
}

/// `format!("{year:04}")`: digit by digit for the years of four digits (the formatting
/// machinery cost some 700 instructions a value, the commonest after dates).
fn year4(year: i64) -> String {
    let Ok(y @ 0..=9999) = u32::try_from(year) else {
        return format!("{year:04}");
    };
    let mut value = String::with_capacity(10);
    for d in [y / 1000, y / 100, y / 10, y] {
        value.push(char::from(b'0' + (d % 10) as u8));
    }
    value
}

/// `format!("{year:04}-{month:02}")`.
fn year_month(year: i64, month: u32) -> String {
    let mut value = year4(year);
    value.push('-');
    push_2(&mut value, month);
    value
}

/// `write!(value, "{n:02}")`.
fn push_2(value: &mut String, n: u32) {
    if n < 10 {
        value.push('0');
    }
    push_number(value, u64::from(n));
}

/// `write!(value, "{n}")`.
fn push_number(value: &mut String, n: u64) {
    if n >= 10 {
        push_number(value, n / 10);
    }
    value.push(char::from(b'0' + (n % 10) as u8));
}

fn with_pod(value: String, pod: Option<Pod>) -> String {
    match pod {
        Some(pod) => format!("{value}T{}", pod.code()),
        None => value,
    }
}

fn deictic_ref(n: i64) -> &'static str {
    match n.signum() {
        -1 => "PAST_REF",
        0 => "PRESENT_REF",
        _ => "FUTURE_REF",
    }
}

/// The year a [`YearRef`] names without looking at month or day.
fn fixed_year(year: YearRef, anchor: Option<NaiveDate>) -> Option<i32> {
    match year {
        YearRef::Abs(y) => Some(y),
        YearRef::Rel(n) => anchor?.year().checked_add(n),
        YearRef::Auto(_) => None,
    }
}

/// How far ahead (in days) a date without a year may be read as coming rather than past.
const AHEAD_DAYS: i64 = 90;
/// How far ahead (in months) a month without a year may be read as coming rather than past.
const AHEAD_MONTHS: i64 = 2;

/// Picks among the candidates `(year, distance from the anchor)` by `dir`. Auto takes the
/// nearest, but a future candidate only within `ahead` (news reports what happened).
fn pick(candidates: impl Iterator<Item = (i32, i64)>, dir: Dir, ahead: i64) -> Option<i32> {
    let mut best: Option<(i32, i64)> = None;
    for (y, dist) in candidates {
        let score = match dir {
            Dir::Auto if dist > 0 && dist <= ahead => dist,
            Dir::Auto if dist <= 0 => -dist,
            Dir::Ahead if dist >= 0 => dist,
            Dir::Next if dist > 0 => dist,
            Dir::Last if dist < 0 => -dist,
            _ => continue,
        };
        if best.is_none_or(|(_, s)| score < s) {
            best = Some((y, score));
        }
    }
    best.map(|(y, _)| y)
}

fn resolve_day(year: YearRef, month: u32, day: u32, anchor: Option<NaiveDate>) -> Option<NaiveDate> {
    match year {
        YearRef::Auto(Dir::This) | YearRef::Abs(_) | YearRef::Rel(_) => {
            let y = fixed_year(year, anchor).or_else(|| anchor.map(|a| a.year()))?;
            NaiveDate::from_ymd_opt(y, month, day)
        }
        YearRef::Auto(dir) => {
            let a = anchor?;
            let candidates = (-1..=1).filter_map(|k| {
                let y = a.year().checked_add(k)?;
                let d = NaiveDate::from_ymd_opt(y, month, day)?;
                Some((y, d.signed_duration_since(a).num_days()))
            });
            let y = pick(candidates, dir, AHEAD_DAYS)?;
            NaiveDate::from_ymd_opt(y, month, day)
        }
    }
}

fn resolve_month(year: YearRef, month: u32, anchor: Option<NaiveDate>) -> Option<i32> {
    match year {
        YearRef::Auto(Dir::This) => anchor.map(|a| a.year()),
        YearRef::Abs(_) | YearRef::Rel(_) => fixed_year(year, anchor),
        YearRef::Auto(dir) => {
            let a = anchor?;
            let candidates = (-1..=1).filter_map(|k| {
                let y = a.year().checked_add(k)?;
                Some((y, i64::from(k) * 12 + i64::from(month) - i64::from(a.month())))
            });
            pick(candidates, dir, AHEAD_MONTHS)
        }
    }
}

/// The season a month falls in, and the year the season is named by (December starts winter).
fn season_of(date: NaiveDate) -> (i32, u8) {
    match date.month() {
        3..=5 => (date.year(), 0),
        6..=8 => (date.year(), 1),
        9..=11 => (date.year(), 2),
        12 => (date.year(), 3),
        _ => (date.year().saturating_sub(1), 3),
    }
}

fn resolve_season(season: u8, year: YearRef, anchor: Option<NaiveDate>) -> Option<i32> {
    match year {
        YearRef::Abs(_) | YearRef::Rel(_) => fixed_year(year, anchor),
        YearRef::Auto(dir) => {
            let (ay, now) = season_of(anchor?);
            let candidates = (-1..=1).filter_map(|k| {
                let y = ay.checked_add(k)?;
                Some((y, i64::from(k) * 4 + i64::from(season) - i64::from(now)))
            });
            match dir {
                Dir::This => Some(ay),
                Dir::Auto => pick(candidates, Dir::Auto, 0),
                _ => pick(candidates, dir, 0),
            }
        }
    }
}

fn resolve_quarter(quarter: u32, year: YearRef, anchor: Option<NaiveDate>) -> Option<i32> {
    match year {
        YearRef::Abs(_) | YearRef::Rel(_) => fixed_year(year, anchor),
        YearRef::Auto(dir) => {
            let a = anchor?;
            let now = (a.month() - 1) / 3 + 1;
            let candidates = (-1..=1).filter_map(|k| {
                let y = a.year().checked_add(k)?;
                Some((y, i64::from(k) * 4 + i64::from(quarter) - i64::from(now)))
            });
            match dir {
                Dir::This => Some(a.year()),
                Dir::Auto => pick(candidates, Dir::Auto, 0),
                _ => pick(candidates, dir, 0),
            }
        }
    }
}

/// The `n`th `weekday` (1 = Monday) of a month.
fn nth_weekday(year: i32, month: u32, weekday: Weekday, n: u8) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(year, month, weekday, n)
}

/// Easter Sunday (the anonymous Gregorian algorithm).
fn easter(year: i32) -> Option<NaiveDate> {
    let y = year;
    let a = y.rem_euclid(19);
    let b = y.div_euclid(100);
    let c = y.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c.div_euclid(4);
    let k = c.rem_euclid(4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let month = (h + l - 7 * m + 114).div_euclid(31);
    let day = (h + l - 7 * m + 114).rem_euclid(31) + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

fn holiday_in(holiday: Holiday, eve: bool, year: i32) -> Option<NaiveDate> {
    let date = match holiday {
        Holiday::Christmas => NaiveDate::from_ymd_opt(year, 12, 25),
        Holiday::NewYear if eve => return NaiveDate::from_ymd_opt(year, 12, 31),
        Holiday::NewYear => NaiveDate::from_ymd_opt(year, 1, 1),
        Holiday::Thanksgiving => nth_weekday(year, 11, Weekday::Thu, 4),
        Holiday::Easter => easter(year),
        Holiday::Halloween => NaiveDate::from_ymd_opt(year, 10, 31),
        Holiday::Election => nth_weekday(year, 11, Weekday::Mon, 1).and_then(|d| d.succ_opt()),
        Holiday::Independence => NaiveDate::from_ymd_opt(year, 7, 4),
        Holiday::Valentine => NaiveDate::from_ymd_opt(year, 2, 14),
    }?;
    if eve { date.pred_opt() } else { Some(date) }
}

fn resolve_holiday(holiday: Holiday, eve: bool, year: YearRef, anchor: Option<NaiveDate>) -> Option<NaiveDate> {
    let y = match year {
        YearRef::Abs(_) | YearRef::Rel(_) => fixed_year(year, anchor)?,
        YearRef::Auto(Dir::This) => anchor?.year(),
        YearRef::Auto(dir) => {
            let a = anchor?;
            let candidates = (-1..=1).filter_map(|k| {
                let y = a.year().checked_add(k)?;
                let d = holiday_in(holiday, eve, y)?;
                Some((y, d.signed_duration_since(a).num_days()))
            });
            pick(candidates, dir, AHEAD_DAYS)?
        }
    };
    holiday_in(holiday, eve, y)
}

/// The weekday `day` (1 = Monday) nearest the anchor in the direction `dir`.
fn weekday(anchor: NaiveDate, day: u32, dir: Dir) -> Option<NaiveDate> {
    let today = i64::from(anchor.weekday().number_from_monday());
    let day = i64::from(day);
    let back = (today - day).rem_euclid(7);
    let ahead = (day - today).rem_euclid(7);
    let offset = match dir {
        Dir::Auto => -back,
        Dir::Ahead => ahead,
        Dir::Last => -(if back == 0 { 7 } else { back }),
        Dir::Next => if ahead == 0 { 7 } else { ahead },
        Dir::This => day - today,
    };
    shift_days(anchor, offset)
}

fn shift_days(date: NaiveDate, n: i64) -> Option<NaiveDate> {
    let days = Days::new(n.unsigned_abs());
    if n >= 0 { date.checked_add_days(days) } else { date.checked_sub_days(days) }
}

fn shift_months(date: NaiveDate, n: i64) -> Option<NaiveDate> {
    let months = Months::new(u32::try_from(n.unsigned_abs()).ok()?);
    if n >= 0 { date.checked_add_months(months) } else { date.checked_sub_months(months) }
}

/// The anchor's `unit` shifted by `n`, as a TIMEX3 value.
fn relative(anchor: NaiveDate, unit: Unit, n: i64) -> Option<String> {
    let year = |k: i64| -> Option<i32> { i32::try_from(i64::from(anchor.year()).checked_add(k)?).ok() };
    Some(match unit {
        Unit::Second | Unit::Minute | Unit::Hour => return None,
        Unit::Day => ymd(shift_days(anchor, n)?),
        Unit::Week | Unit::Weekend => {
            let week = shift_days(anchor, n.checked_mul(7)?)?.iso_week();
            let suffix = if unit == Unit::Weekend { "-WE" } else { "" };
            let mut value = year4(i64::from(week.year()));
            value.push_str("-W");
            push_number(&mut value, u64::from(week.week()));
            value.push_str(suffix);
            value
        }
        Unit::Month => {
            let d = shift_months(anchor, n)?;
            year_month(i64::from(d.year()), d.month())
        }
        Unit::Quarter => {
            let index = i64::from(anchor.year()).checked_mul(4)? + i64::from((anchor.month() - 1) / 3) + n;
            format!("{:04}-Q{}", index.div_euclid(4), index.rem_euclid(4) + 1)
        }
        Unit::Year => year4(i64::from(year(n)?)),
        Unit::Decade => format!("{:03}X", i64::from(anchor.year()).div_euclid(10).checked_add(n)?),
        Unit::Century => format!("{:02}", i64::from(anchor.year()).div_euclid(100).checked_add(n)?),
    })
}

fn clock_day(anchor: NaiveDate, day: ClockDay) -> Option<NaiveDate> {
    match day {
        ClockDay::Anchor => Some(anchor),
        ClockDay::Offset(n) => shift_days(anchor, n),
        ClockDay::Weekday(d, dir) => weekday(anchor, d, dir),
        ClockDay::Date(year, month, day) => resolve_day(year, month, day, Some(anchor)),
    }
}

/// A TIMEX3 duration: P3D, PT5H30M, PXY, P10Y for a decade.
fn duration(qty: Qty, unit: Unit) -> String {
    let (scale, code, time) = match unit {
        Unit::Second => (1, 'S', true),
        Unit::Minute => (1, 'M', true),
        Unit::Hour => (1, 'H', true),
        Unit::Day => (1, 'D', false),
        Unit::Week => (1, 'W', false),
        Unit::Weekend => (2, 'D', false),
        Unit::Month => (1, 'M', false),
        Unit::Quarter => (3, 'M', false),
        Unit::Year => (1, 'Y', false),
        Unit::Decade => (10, 'Y', false),
        Unit::Century => (100, 'Y', false),
    };
    let t = if time { "T" } else { "" };
    match qty {
        Qty::X => format!("P{t}X{code}"),
        Qty::N(n) => {
            // The commonest durations ("P3Y", "P2D"): pushed rather than formatted.
            let mut value = String::with_capacity(8);
            value.push('P');
            value.push_str(t);
            push_number(&mut value, n.saturating_mul(scale));
            value.push(code);
            value
        }
        Qty::Half(n) => {
            let n = n.saturating_mul(scale);
            match unit {
                Unit::Hour => format!("PT{n}H30M"),
                Unit::Minute => format!("PT{n}M30S"),
                Unit::Day => format!("P{n}DT12H"),
                Unit::Month => format!("P{n}M15D"),
                Unit::Year => format!("P{n}Y6M"),
                _ => format!("P{t}{n}.5{code}"),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_as_format_writes_them() {
        for (y, m, d) in [(2016, 10, 5), (1999, 12, 31), (0, 1, 1), (9999, 12, 31), (10000, 1, 1), (-1, 3, 9), (987, 7, 20)] {
            let date = NaiveDate::from_ymd_opt(y, m, d).expect("a valid date");
            assert_eq!(ymd(date), format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day()), "for {date}");
        }
    }

    #[test]
    fn years_and_numbers_are_written_as_format_writes_them() {
        for n in [0, 1, 3, 10, 99, 100, 12_345, u64::MAX] {
            for unit in [Unit::Second, Unit::Hour, Unit::Day, Unit::Weekend, Unit::Quarter, Unit::Year, Unit::Century] {
                let (scale, code, t) = match unit {
                    Unit::Second => (1, 'S', "T"),
                    Unit::Hour => (1, 'H', "T"),
                    Unit::Day => (1, 'D', ""),
                    Unit::Weekend => (2, 'D', ""),
                    Unit::Quarter => (3, 'M', ""),
                    Unit::Year => (1, 'Y', ""),
                    _ => (100, 'Y', ""),
                };
                assert_eq!(duration(Qty::N(n), unit), format!("P{t}{}{code}", n.saturating_mul(scale)));
            }
        }
        for year in [-10_000i64, -1, 0, 7, 42, 999, 1000, 2016, 9999, 10_000, 123_456] {
            assert_eq!(year4(year), format!("{year:04}"));
            for month in [0, 1, 9, 10, 12, 99, 100, 12_345] {
                assert_eq!(year_month(year, month), format!("{year:04}-{month:02}"));
                let mut v = String::new();
                push_number(&mut v, u64::from(month));
                assert_eq!(v, month.to_string());
            }
        }
    }
}
