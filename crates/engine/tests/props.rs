//! Property tests: no input panics the engine, and every span it returns lies inside the text
//! on char boundaries, with content pieces in order.

use std::sync::OnceLock;

use chrono::NaiveDate;
use claimex_engine::{Document, Engine, Span};
use proptest::prelude::*;

/// Pieces that make the attribution rules fire in odd combinations.
const PIECES: &[&str] = &[
    "“", "”", "\"", "'", "‘", "’", "«", "»", ",", ".", ":", ";", "\n", "\n\n", " said", " says", " told",
    " according to", " that", " He", " she", " they", " Mr.", " Sen.", " Anna Petrosyan", " Pashnyan",
    " the ministry", " officials", " in an interview", " on Monday", " last year", " adding", " and",
    " warned", " believes", " who", " which", " The", " U.S.", " 3.5", " —", " (", ")", " é", " 北京",
    " שלום", "\u{200f}", "\u{0}", "\t", " 2023", " December 24", " ago", " is", " was", " expressed",
];

/// One engine for every case: building it (lexicons, the cue model) is the slow part.
fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(Engine::default)
}

fn check(text: &str) {
    let engine = engine();
    let doc = Document { id: "p", text, published: NaiveDate::from_ymd_opt(2023, 12, 26) };
    let Ok(ex) = engine.extract(&doc) else { return };
    let in_text = |s: Span| s.start <= s.end && s.end <= text.len() && text.is_char_boundary(s.start) && text.is_char_boundary(s.end);
    for c in &ex.claims {
        assert!(!c.content.is_empty());
        assert!(c.content.iter().all(|&s| in_text(s) && !s.is_empty()), "content {:?} in {text:?}", c.content);
        assert!(c.content.windows(2).all(|w| w[0].end <= w[1].start), "pieces out of order {:?} in {text:?}", c.content);
        assert!(c.speaker.span.is_none_or(in_text));
        assert!(c.cue.is_none_or(in_text));
        assert!(in_text(c.sentence));
        assert!(c.when.as_ref().is_none_or(|t| in_text(t.span)));
        assert!(c.source.as_ref().is_none_or(|s| in_text(s.span)));
        assert!((0.0..=1.0).contains(&c.confidence));
    }
    for t in &ex.times {
        assert!(in_text(t.span));
    }
    for e in &ex.entities {
        assert!(e.mentions.iter().all(|&s| in_text(s)));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
        check(&text);
    }

    #[test]
    fn attribution_shaped_text_never_panics(pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..80)) {
        check(&pieces.concat());
    }
}
