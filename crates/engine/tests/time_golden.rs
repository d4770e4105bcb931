//! The temporal tagger's golden table: sentence, anchor, expected expressions; and a property
//! test that no input panics and every span is in bounds, on char boundaries, in order.

use chrono::NaiveDate;
use claimex_engine::TimeKind::{self, Date, Duration, Set, Time};
use claimex_engine::time::Tagger;
use proptest::prelude::*;

/// A Wednesday, in ISO week 52.
const ANCHOR: &str = "2023-12-27";

/// (text, anchor, expected (span text, value, type)). `None` anchor: no publication date.
type Case = (&'static str, Option<&'static str>, &'static [(&'static str, &'static str, TimeKind)]);

const A: Option<&str> = Some(ANCHOR);

const GOLDEN: &[Case] = &[
    // Absolute dates.
    ("The treaty was signed on December 24, 2023, in Vienna.", A, &[("December 24, 2023", "2023-12-24", Date)]),
    ("Talks resumed Dec. 24 in Geneva.", A, &[("Dec. 24", "2023-12-24", Date)]),
    ("She landed on 24 December after a long trip.", A, &[("24 December", "2023-12-24", Date)]),
    ("The filing is dated 2023-12-24.", A, &[("2023-12-24", "2023-12-24", Date)]),
    ("Payments stopped on 12/24/2023 without notice.", A, &[("12/24/2023", "2023-12-24", Date)]),
    ("The plant closed in September 2023.", A, &[("September 2023", "2023-09", Date)]),
    ("He was first elected in 2018.", A, &[("2018", "2018", Date)]),
    ("Rents doubled in the 1990s.", A, &[("1990s", "199X", Date)]),
    ("Work on the bridge began in mid-2015.", A, &[("mid-2015", "2015", Date)]),
    ("The drought began in late November.", A, &[("late November", "2023-11", Date)]),
    ("The river flooded last summer.", A, &[("last summer", "2023-SU", Date)]),
    ("Exports fell in the third quarter.", A, &[("the third quarter", "2023-Q3", Date)]),
    ("The council met twice last week.", A, &[("last week", "2023-W51", Date)]),
    ("Growth slowed in the fourth quarter of 2022.", A, &[("the fourth quarter of 2022", "2022-Q4", Date)]),
    ("Crowds gathered on Christmas Eve.", A, &[("Christmas Eve", "2023-12-24", Date)]),
    // Relative to the anchor.
    ("The minister spoke on Monday.", A, &[("Monday", "2023-12-25", Date)]),
    ("The vote will take place on Friday.", A, &[("Friday", "2023-12-29", Date)]),
    ("He resigned last Friday.", A, &[("last Friday", "2023-12-22", Date)]),
    ("He will arrive next Tuesday.", A, &[("next Tuesday", "2024-01-02", Date)]),
    ("Protests grew on Sunday night.", A, &[("Sunday night", "2023-12-24", Date)]),
    ("Officials met yesterday, talk today and leave tomorrow.", A, &[
        ("yesterday", "2023-12-26", Date),
        ("today", "2023-12-27", Date),
        ("tomorrow", "2023-12-28", Date),
    ]),
    ("Profits fell last year, rose this year and will rise next month.", A, &[
        ("last year", "2022", Date),
        ("this year", "2023", Date),
        ("next month", "2024-01", Date),
    ]),
    ("The firm was founded two years ago.", A, &[("two years ago", "2021", Date)]),
    ("The mayor moved here 11 days ago.", A, &[("11 days ago", "2023-12-16", Date)]),
    ("Elections were held in September of this year.", A, &[("September of this year", "2023-09", Date)]),
    ("The ceasefire collapsed on December 24.", Some("2023-12-26"), &[("December 24", "2023-12-24", Date)]),
    ("The summit opens on January 5.", A, &[("January 5", "2024-01-05", Date)]),
    ("The archive opened on October 3.", A, &[("October 3", "2023-10-03", Date)]),
    ("Rain fell in April.", A, &[("April", "2023-04", Date)]),
    ("Earlier this year the rules changed.", A, &[("this year", "2023", Date)]),
    ("Exports rose in October this year.", A, &[("October", "2023-10", Date)]),
    ("The mayor will speak tonight.", A, &[("tonight", "2023-12-27TNI", Time)]),
    ("The mayor said this morning that roads were closed.", A, &[("this morning", "2023-12-27TMO", Time)]),
    ("Prices are now falling and wages are currently flat.", A, &[
        ("now", "PRESENT_REF", Date),
        ("currently", "PRESENT_REF", Date),
    ]),
    ("Recently, the pair met in Minsk.", A, &[("Recently", "PAST_REF", Date)]),
    ("Not so long ago, the border was open.", A, &[("Not so long ago", "PAST_REF", Date)]),
    ("Such deals failed in the past.", A, &[("the past", "PAST_REF", Date)]),
    ("The hall was formerly a church.", A, &[("formerly", "PAST_REF", Date)]),
    ("Nobody knows what the future holds.", A, &[("the future", "FUTURE_REF", Date)]),
    ("A decision is expected soon.", A, &[("soon", "FUTURE_REF", Date)]),
    // Durations.
    ("The strike lasted three days.", A, &[("three days", "P3D", Duration)]),
    ("She served two years in office.", A, &[("two years", "P2Y", Duration)]),
    ("It took a decade to rebuild.", A, &[("a decade", "P10Y", Duration)]),
    ("The talks may take several weeks.", A, &[("several weeks", "PXW", Duration)]),
    ("The station was shut for 24 hours.", A, &[("24 hours", "PT24H", Duration)]),
    ("Output tripled over the past five years.", A, &[("past five years", "P5Y", Duration)]),
    ("Traffic stopped over the weekend.", A, &[("the weekend", "P2D", Duration)]),
    ("The blast came at 9:05 a.m. (0605 GMT) Friday.", A, &[("9:05 a.m.", "2023-12-22T09:05", Time), ("Friday", "2023-12-22", Date)]),
    ("The crew rested for 5 1/2 hours.", A, &[("5 1/2 hours", "PT5H30M", Duration)]),
    ("It was a two-day visit.", A, &[("two-day", "P2D", Duration)]),
    ("Nothing changed for weeks.", A, &[("weeks", "PXW", Duration)]),
    // Times.
    ("The blast came at 3 p.m. near the port.", A, &[("3 p.m.", "2023-12-27T15:00", Time)]),
    ("Voting ends at 10:30 a.m. Friday.", Some("1998-08-07"), &[("10:30 a.m. Friday", "1998-08-07T10:30", Time)]),
    ("The curfew starts at midnight.", A, &[("midnight", "2023-12-27T24:00", Time)]),
    // Sets.
    ("The board meets every week.", A, &[("every week", "P1W", Set)]),
    ("The fair is held annually.", A, &[("annually", "P1Y", Set)]),
    ("Buses run daily and the report comes out each year.", A, &[
        ("daily", "P1D", Set),
        ("each year", "P1Y", Set),
    ]),
    // Without an anchor.
    ("The ceasefire collapsed on December 24.", None, &[("December 24", "XXXX-12-24", Date)]),
    ("Officials met yesterday.", None, &[("yesterday", "PAST_REF", Date)]),
    ("The minister spoke on Monday.", None, &[("Monday", "XXXX-WXX-1", Date)]),
    ("Profits fell last year.", None, &[("last year", "PAST_REF", Date)]),
    // Two days of one month.
    ("The summit runs on April 24 and 25.", A, &[("April 24", "2023-04-24", Date), ("25", "2023-04-25", Date)]),
    // Not time expressions.
    ("You may go, said the guard.", A, &[]),
    ("They march to the square.", A, &[]),
    ("Fall colors drew tourists.", A, &[]),
    ("About 2,000 people attended.", A, &[]),
    ("He finished second in the race.", A, &[]),
    ("A 44-year-old man was arrested.", A, &[]),
    ("The Sun reported the story.", A, &[]),
    ("The team scored 1998 points.", A, &[]),
];

fn anchor(s: Option<&str>) -> Option<NaiveDate> {
    s.map(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap())
}

#[test]
fn golden_table() {
    let tagger = Tagger::new();
    let mut failures = Vec::new();
    for &(text, anchor_date, expected) in GOLDEN {
        let got: Vec<(&str, String, TimeKind)> = tagger
            .tag(text, anchor(anchor_date))
            .into_iter()
            .map(|t| (t.span.of(text), t.value, t.kind))
            .collect();
        let want: Vec<(&str, String, TimeKind)> =
            expected.iter().map(|&(span, value, kind)| (span, value.to_owned(), kind)).collect();
        if got != want {
            failures.push(format!("{text:?} (anchor {anchor_date:?})\n   want {want:?}\n    got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{} golden cases failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn huge_and_invalid_numbers_do_not_panic() {
    let tagger = Tagger::new();
    let anchor = anchor(A);
    for text in [
        "99999999999 days ago",
        "18446744073709551615 years ago and 99999999999999999999999 weeks",
        "February 30, 2023 and February 30",
        "in 0000 and year 0 and 9999",
        "every 99999999999999999 centuries",
        "on 2023-02-31 and 13/45/2020",
        "Christmas 2199 and Easter 1000",
    ] {
        for t in tagger.tag(text, anchor) {
            assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
        }
    }
    let far = NaiveDate::MAX;
    for t in tagger.tag("last week, next year, two centuries ago, tomorrow, Friday", Some(far)) {
        assert!(!t.value.is_empty());
    }
}

/// Words the rules look at, to build inputs that reach deep into them.
const VOCAB: &[&str] = &[
    "last", "next", "this", "the", "past", "a", "an", "of", "and", "ago", "early", "late", "mid", "-", ",", ".",
    "'", "’", "/", ":", "s", "May", "March", "December", "Dec", "Friday", "Tues", "night", "morning", "year",
    "years", "week", "weekend", "quarter", "third", "second", "decade", "1990", "2023", "24", "12", "1", "2",
    "5", "99999999999999999999", "p", "m", "a.m.", "EST", "every", "other", "daily", "New", "Year", "Day",
    "Christmas", "Eve", "summer", "in", "for", "more", "than", "at", "least", "will", "today", "now", "é", "日",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}", days in -800_000i64..800_000) {
        check(&text, NaiveDate::from_num_days_from_ce_opt(days as i32));
    }

    #[test]
    fn time_words_never_panic(words in prop::collection::vec(prop::sample::select(VOCAB), 0..24), glue in "[ \n]{0,1}") {
        let sep = if glue.is_empty() { " " } else { glue.as_str() };
        let text = words.join(sep);
        check(&text, NaiveDate::from_ymd_opt(2023, 12, 27));
        check(&text, None);
    }
}

fn check(text: &str, anchor: Option<NaiveDate>) {
    let tagger = Tagger::new();
    let mut last_end = 0;
    for t in tagger.tag(text, anchor) {
        assert!(t.span.start < t.span.end && t.span.end <= text.len(), "{:?} out of bounds", t.span);
        assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
        assert!(t.span.start >= last_end, "overlap or disorder at {:?}", t.span);
        assert!(!t.value.is_empty());
        last_end = t.span.end;
    }
}
