//! The tagger's word list: every word a rule looks at, classified once.
//!
//! Lookup packs the word into a fixed-size lowercase [`Key`], so classifying a token never
//! allocates.

use foldhash::HashMap;

use crate::key::Key;

/// A calendar or clock unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Weekend,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

/// A part of the day, with its TIMEX3 code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pod {
    Morning,
    Afternoon,
    Evening,
    Night,
}

impl Pod {
    pub(crate) const fn code(self) -> &'static str {
        match self {
            Pod::Morning => "MO",
            Pod::Afternoon => "AF",
            Pod::Evening => "EV",
            Pod::Night => "NI",
        }
    }
}

/// A word that shifts a unit or a named day: "last", "next", "this", ...
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shift {
    Last,
    Next,
    This,
    Coming,
    Recent,
    Current,
}

/// A word that narrows a period without changing its value: "early", "late", "mid".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    Early,
    Late,
    Mid,
    Earlier,
    Later,
}

/// Named days with a fixed or computed date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Holiday {
    Christmas,
    NewYear,
    Thanksgiving,
    Easter,
    Halloween,
    Election,
    Independence,
    Valentine,
}

/// Words that point at the present, past or future by themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Deixis {
    Today,
    Tonight,
    Yesterday,
    Tomorrow,
    Now,
    Currently,
    Recently,
    Formerly,
    Soon,
    Future,
}

/// The class of a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum W {
    /// A month name, 1-12; `abbr` when only its abbreviation.
    Month { month: u8, abbr: bool },
    /// A weekday, 1 = Monday .. 7 = Sunday; `abbr` for "Tues" and the like.
    Weekday { day: u8, abbr: bool },
    /// A unit, and whether the word is plural.
    Unit(Unit, bool),
    /// A cardinal number word.
    Num(u32),
    /// An ordinal word, "first" = 1.
    Ordinal(u8),
    /// "a", "an".
    Article,
    The,
    /// "several", "few", "many", "some", "couple": a vague quantity.
    Vague,
    Shift(Shift),
    Part(Part),
    Pod(Pod),
    Noon,
    Midnight,
    Season(u8),
    Deixis(Deixis),
    /// "daily", "weekly", ...: a set by itself.
    Every1(Unit),
    Every,
    Each,
    Ago,
    Of,
    And,
    Per,
    Past,
    Times,
    Once,
    Twice,
    Holiday(Holiday),
    Eve,
    /// Words that look forward when they come before a weekday or a month: "will", "until".
    FutureCue,
    /// "more", "less", "least", "over", "almost", "nearly", "than", "at", "about".
    More,
    Less,
    Than,
    At,
    Least,
    Over,
    Almost,
    In,
    Not,
    So,
    Long,
    Zone,
    Half,
    Fiscal,
    Until,
    OClock,
    For,
    /// "million", "percent", "dollars": an amount before "a year" makes it a rate.
    Amount,
    /// Words after a bare plural unit that make it a period: "the weeks before", "the years that followed".
    Relator,
}

/// Every classified word.
const WORDS: &[(&str, W)] = &[
    ("january", W::Month { month: 1, abbr: false }),
    ("february", W::Month { month: 2, abbr: false }),
    ("march", W::Month { month: 3, abbr: false }),
    ("april", W::Month { month: 4, abbr: false }),
    ("may", W::Month { month: 5, abbr: false }),
    ("june", W::Month { month: 6, abbr: false }),
    ("july", W::Month { month: 7, abbr: false }),
    ("august", W::Month { month: 8, abbr: false }),
    ("september", W::Month { month: 9, abbr: false }),
    ("october", W::Month { month: 10, abbr: false }),
    ("november", W::Month { month: 11, abbr: false }),
    ("december", W::Month { month: 12, abbr: false }),
    ("jan", W::Month { month: 1, abbr: true }),
    ("feb", W::Month { month: 2, abbr: true }),
    ("mar", W::Month { month: 3, abbr: true }),
    ("apr", W::Month { month: 4, abbr: true }),
    ("jun", W::Month { month: 6, abbr: true }),
    ("jul", W::Month { month: 7, abbr: true }),
    ("aug", W::Month { month: 8, abbr: true }),
    ("sep", W::Month { month: 9, abbr: true }),
    ("sept", W::Month { month: 9, abbr: true }),
    ("oct", W::Month { month: 10, abbr: true }),
    ("nov", W::Month { month: 11, abbr: true }),
    ("dec", W::Month { month: 12, abbr: true }),
    ("monday", W::Weekday { day: 1, abbr: false }),
    ("tuesday", W::Weekday { day: 2, abbr: false }),
    ("wednesday", W::Weekday { day: 3, abbr: false }),
    ("thursday", W::Weekday { day: 4, abbr: false }),
    ("friday", W::Weekday { day: 5, abbr: false }),
    ("saturday", W::Weekday { day: 6, abbr: false }),
    ("sunday", W::Weekday { day: 7, abbr: false }),
    ("tues", W::Weekday { day: 2, abbr: true }),
    ("thur", W::Weekday { day: 4, abbr: true }),
    ("thurs", W::Weekday { day: 4, abbr: true }),
    ("fri", W::Weekday { day: 5, abbr: true }),
    ("second", W::Unit(Unit::Second, false)),
    ("seconds", W::Unit(Unit::Second, true)),
    ("minute", W::Unit(Unit::Minute, false)),
    ("minutes", W::Unit(Unit::Minute, true)),
    ("hour", W::Unit(Unit::Hour, false)),
    ("hours", W::Unit(Unit::Hour, true)),
    ("day", W::Unit(Unit::Day, false)),
    ("days", W::Unit(Unit::Day, true)),
    ("week", W::Unit(Unit::Week, false)),
    ("weeks", W::Unit(Unit::Week, true)),
    ("weekend", W::Unit(Unit::Weekend, false)),
    ("weekends", W::Unit(Unit::Weekend, true)),
    ("month", W::Unit(Unit::Month, false)),
    ("months", W::Unit(Unit::Month, true)),
    ("quarter", W::Unit(Unit::Quarter, false)),
    ("quarters", W::Unit(Unit::Quarter, true)),
    ("year", W::Unit(Unit::Year, false)),
    ("years", W::Unit(Unit::Year, true)),
    ("decade", W::Unit(Unit::Decade, false)),
    ("decades", W::Unit(Unit::Decade, true)),
    ("century", W::Unit(Unit::Century, false)),
    ("centuries", W::Unit(Unit::Century, true)),
    ("one", W::Num(1)),
    ("two", W::Num(2)),
    ("three", W::Num(3)),
    ("four", W::Num(4)),
    ("five", W::Num(5)),
    ("six", W::Num(6)),
    ("seven", W::Num(7)),
    ("eight", W::Num(8)),
    ("nine", W::Num(9)),
    ("ten", W::Num(10)),
    ("eleven", W::Num(11)),
    ("twelve", W::Num(12)),
    ("thirteen", W::Num(13)),
    ("fourteen", W::Num(14)),
    ("fifteen", W::Num(15)),
    ("sixteen", W::Num(16)),
    ("seventeen", W::Num(17)),
    ("eighteen", W::Num(18)),
    ("nineteen", W::Num(19)),
    ("twenty", W::Num(20)),
    ("thirty", W::Num(30)),
    ("forty", W::Num(40)),
    ("fifty", W::Num(50)),
    ("sixty", W::Num(60)),
    ("seventy", W::Num(70)),
    ("eighty", W::Num(80)),
    ("ninety", W::Num(90)),
    ("hundred", W::Num(100)),
    ("dozen", W::Num(12)),
    ("first", W::Ordinal(1)),
    ("second", W::Ordinal(2)),
    ("third", W::Ordinal(3)),
    ("fourth", W::Ordinal(4)),
    ("a", W::Article),
    ("an", W::Article),
    ("the", W::The),
    ("several", W::Vague),
    ("few", W::Vague),
    ("many", W::Vague),
    ("some", W::Vague),
    ("couple", W::Vague),
    ("last", W::Shift(Shift::Last)),
    ("previous", W::Shift(Shift::Last)),
    ("past", W::Past),
    ("next", W::Shift(Shift::Next)),
    ("following", W::Shift(Shift::Next)),
    ("this", W::Shift(Shift::This)),
    ("coming", W::Shift(Shift::Coming)),
    ("upcoming", W::Shift(Shift::Coming)),
    ("recent", W::Shift(Shift::Recent)),
    ("current", W::Shift(Shift::Current)),
    ("early", W::Part(Part::Early)),
    ("late", W::Part(Part::Late)),
    ("mid", W::Part(Part::Mid)),
    ("earlier", W::Part(Part::Earlier)),
    ("later", W::Part(Part::Later)),
    ("morning", W::Pod(Pod::Morning)),
    ("afternoon", W::Pod(Pod::Afternoon)),
    ("evening", W::Pod(Pod::Evening)),
    ("night", W::Pod(Pod::Night)),
    ("noon", W::Noon),
    ("midday", W::Noon),
    ("midnight", W::Midnight),
    ("spring", W::Season(0)),
    ("summer", W::Season(1)),
    ("fall", W::Season(2)),
    ("autumn", W::Season(2)),
    ("winter", W::Season(3)),
    ("today", W::Deixis(Deixis::Today)),
    ("tonight", W::Deixis(Deixis::Tonight)),
    ("yesterday", W::Deixis(Deixis::Yesterday)),
    ("tomorrow", W::Deixis(Deixis::Tomorrow)),
    ("now", W::Deixis(Deixis::Now)),
    ("currently", W::Deixis(Deixis::Currently)),
    ("nowadays", W::Deixis(Deixis::Currently)),
    ("recently", W::Deixis(Deixis::Recently)),
    ("lately", W::Deixis(Deixis::Recently)),
    ("formerly", W::Deixis(Deixis::Formerly)),
    ("soon", W::Deixis(Deixis::Soon)),
    ("future", W::Deixis(Deixis::Future)),
    ("hourly", W::Every1(Unit::Hour)),
    ("daily", W::Every1(Unit::Day)),
    ("nightly", W::Every1(Unit::Day)),
    ("weekly", W::Every1(Unit::Week)),
    ("monthly", W::Every1(Unit::Month)),
    ("quarterly", W::Every1(Unit::Quarter)),
    ("annually", W::Every1(Unit::Year)),
    ("yearly", W::Every1(Unit::Year)),
    ("every", W::Every),
    ("each", W::Each),
    ("ago", W::Ago),
    ("of", W::Of),
    ("and", W::And),
    ("per", W::Per),
    ("times", W::Times),
    ("once", W::Once),
    ("twice", W::Twice),
    ("christmas", W::Holiday(Holiday::Christmas)),
    ("thanksgiving", W::Holiday(Holiday::Thanksgiving)),
    ("easter", W::Holiday(Holiday::Easter)),
    ("halloween", W::Holiday(Holiday::Halloween)),
    ("election", W::Holiday(Holiday::Election)),
    ("independence", W::Holiday(Holiday::Independence)),
    ("valentine", W::Holiday(Holiday::Valentine)),
    ("new", W::Holiday(Holiday::NewYear)),
    ("eve", W::Eve),
    ("will", W::FutureCue),
    ("shall", W::FutureCue),
    ("ll", W::FutureCue),
    ("scheduled", W::FutureCue),
    ("expected", W::FutureCue),
    ("planned", W::FutureCue),
    ("plans", W::FutureCue),
    ("plan", W::FutureCue),
    ("planning", W::FutureCue),
    ("due", W::FutureCue),
    ("until", W::Until),
    ("till", W::Until),
    ("more", W::More),
    ("less", W::Less),
    ("fewer", W::Less),
    ("than", W::Than),
    ("at", W::At),
    ("least", W::Least),
    ("over", W::Over),
    ("almost", W::Almost),
    ("nearly", W::Almost),
    ("about", W::Almost),
    ("around", W::Almost),
    ("roughly", W::Almost),
    ("approximately", W::Almost),
    ("in", W::In),
    ("not", W::Not),
    ("so", W::So),
    ("long", W::Long),
    ("half", W::Half),
    ("fiscal", W::Fiscal),
    ("clock", W::OClock),
    ("for", W::For),
    ("thousand", W::Amount),
    ("million", W::Amount),
    ("billion", W::Amount),
    ("trillion", W::Amount),
    ("percent", W::Amount),
    ("dollars", W::Amount),
    ("euros", W::Amount),
    ("cents", W::Amount),
    ("before", W::Relator),
    ("after", W::Relator),
    ("since", W::Relator),
    ("that", W::Relator),
    ("ahead", W::Relator),
    ("leading", W::Relator),
    ("est", W::Zone),
    ("edt", W::Zone),
    ("cst", W::Zone),
    ("cdt", W::Zone),
    ("mst", W::Zone),
    ("mdt", W::Zone),
    ("pst", W::Zone),
    ("pdt", W::Zone),
    ("gmt", W::Zone),
    ("utc", W::Zone),
    ("bst", W::Zone),
    ("cet", W::Zone),
    ("cest", W::Zone),
    ("msk", W::Zone),
];

/// The longest word in [`WORDS`], in bytes.
const MAX_WORD: usize = 16;

/// Word classes by lowercase spelling.
#[derive(Debug)]
pub(crate) struct Lexicon {
    words: HashMap<Key, W>,
    /// `initials[len]` has bit `b - b'a'` set when some word of `len` bytes starts with byte
    /// `b`: a gate that turns most words of running text away before hashing.
    initials: [u32; MAX_WORD + 1],
    /// The same for the last byte: `finals[len]` has bit `b - b'a'` set when some word of `len`
    /// bytes ends with `b`. Of the long words of running text the initials let through
    /// ("statement" for "september"), most end otherwise than any word of their length.
    finals: [u32; MAX_WORD + 1],
    /// Tells this lexicon from every other built in the process, for memos of [`Lexicon::get`]
    /// that outlive a document.
    id: u64,
}

impl Lexicon {
    pub(crate) fn new() -> Self {
        let mut words = HashMap::with_capacity_and_hasher(WORDS.len(), Default::default());
        let mut initials = [0u32; MAX_WORD + 1];
        let mut finals = [0u32; MAX_WORD + 1];
        for &(word, class) in WORDS {
            debug_assert!(word.len() <= MAX_WORD, "{word} is longer than MAX_WORD");
            // "second" is both a unit and an ordinal: the unit wins, rules check the ordinal.
            words.entry(Key::of_entry(word)).or_insert(class);
            initials[word.len()] |= initial_bit(word.as_bytes()[0]);
            finals[word.len()] |= initial_bit(word.as_bytes()[word.len() - 1]);
        }
        static LEXICONS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let id = LEXICONS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Lexicon { words, initials, finals, id }
    }

    /// A number no other lexicon of the process has: [`Lexicon::get`] is a pure function of the
    /// lexicon and the word, so answers remembered under this number stay true.
    pub(crate) fn id(&self) -> u64 {
        self.id
    }

    /// The class of an ASCII word, in any case.
    pub(crate) fn get(&self, word: &str) -> Option<W> {
        let &first = word.as_bytes().first()?;
        if word.len() > MAX_WORD || self.initials[word.len()] & initial_bit(first.to_ascii_lowercase()) == 0 {
            return None;
        }
        let last = word.as_bytes()[word.len() - 1];
        if self.finals[word.len()] & initial_bit(last.to_ascii_lowercase()) == 0 {
            return None;
        }
        // Words with other than ASCII letters need no turning away: keys are all ASCII, and
        // the key of such a word keeps its other bytes, so it equals none.
        self.words.get(&Key::new(word.as_bytes())?).copied()
    }
}

/// A lowercase ASCII letter's bit in [`Lexicon::initials`] and [`Lexicon::finals`]; every other
/// byte shares bit 31.
fn initial_bit(byte: u8) -> u32 {
    if byte.is_ascii_lowercase() { 1 << (byte - b'a') } else { 1 << 31 }
}
