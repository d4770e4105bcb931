//! The engine's fuzz oracle, shared by the cargo-fuzz target (`fuzz_targets/engine.rs`) and the
//! stable property harness (`crates/engine/tests/fuzz_engine.rs`): any bytes, read as UTF-8
//! with replacement, with and without a publication date taken from the input. No panic; every
//! span inside the text on char boundaries; claims in document order.

use chrono::NaiveDate;
use claimex_engine::{Document, Engine, Error, Span};

/// Runs the engine on `data` and checks what it returns.
pub fn check(engine: &Engine, data: &[u8]) {
    let (date, text) = match data.split_first() {
        // The first byte picks the date (or none); the rest is the text.
        Some((&first, rest)) if first & 1 == 1 => (NaiveDate::from_yo_opt(1900 + i32::from(first), 1 + u32::from(first)), rest),
        Some((_, rest)) => (None, rest),
        None => (None, data),
    };
    let text = String::from_utf8_lossy(text);
    let doc = Document { id: "fuzz", text: &text, published: date };
    let extraction = match engine.extract(&doc) {
        Ok(extraction) => extraction,
        Err(Error::EmptyText) => {
            assert!(text.trim().is_empty(), "EmptyText for a text with content: {text:?}");
            return;
        }
        Err(Error::TextTooLarge { len, limit }) => {
            assert!(len > limit && len == text.len(), "TextTooLarge {len} > {limit} for {} bytes", text.len());
            return;
        }
    };
    let inside = |s: Span| s.start <= s.end && s.end <= text.len() && text.is_char_boundary(s.start) && text.is_char_boundary(s.end);
    for claim in &extraction.claims {
        assert!(!claim.content.is_empty(), "a claim without content in {text:?}");
        assert!(claim.content.iter().all(|&s| inside(s)), "content {:?} in {text:?}", claim.content);
        assert!(claim.content.windows(2).all(|w| w[0].end <= w[1].start), "content pieces out of order {:?}", claim.content);
        assert!(claim.speaker.span.is_none_or(inside), "speaker {:?}", claim.speaker.span);
        assert!(claim.cue.is_none_or(inside), "cue {:?}", claim.cue);
        assert!(inside(claim.sentence), "sentence {:?}", claim.sentence);
        assert!(claim.when.as_ref().is_none_or(|t| inside(t.span)));
        assert!(claim.source.as_ref().is_none_or(|s| inside(s.span)));
        assert!((0.0..=1.0).contains(&claim.confidence), "confidence {}", claim.confidence);
    }
    assert!(extraction.times.iter().all(|t| inside(t.span)), "a time span outside the text");
    assert!(extraction.times.windows(2).all(|w| w[0].span.start <= w[1].span.start), "times out of order");
    assert!(extraction.entities.iter().all(|e| e.mentions.iter().all(|&s| inside(s))), "a mention outside the text");
    // The callback sees the same claims, and stopping after the first stops.
    let mut seen = 0;
    engine
        .extract_with(&doc, |_| {
            seen += 1;
            std::ops::ControlFlow::Break(())
        })
        .expect("read once, read again");
    assert_eq!(seen, extraction.claims.len().min(1));
}
