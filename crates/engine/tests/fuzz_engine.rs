//! The engine's fuzz oracle (`fuzz/checks/engine.rs`, also the cargo-fuzz target's) driven by
//! proptest on stable: arbitrary bytes, and bytes built from the pieces that steer the rules.
//! `CLAIMEX_FUZZ_CASES` sets the cases per property (256 unless told; `.ci/run` runs more).

use std::sync::LazyLock;

use claimex_engine::Engine;
use proptest::prelude::*;

#[path = "../../../fuzz/checks/engine.rs"]
mod checks;

static ENGINE: LazyLock<Engine> = LazyLock::new(Engine::default);

/// Pieces of text, raw bytes included, that make the engine's rules fire in odd combinations.
const PIECES: &[&[u8]] = &[
    b"\"", b"'", "“".as_bytes(), "”".as_bytes(), "‘".as_bytes(), "’".as_bytes(), "«".as_bytes(), "»".as_bytes(),
    "„".as_bytes(), "「".as_bytes(), b",", b".", b":", b";", b"\n", b"\n\n", b" said", b" says", b" told",
    b" according to", b" that", b" He", b" she", b" Mr.", b" Anna Petrosyan", b" officials", b" in an interview",
    b" on Monday", b" last year", b" December 24", b", adding", b" and", b" warned", b" who", b" (", b")",
    b" \xe2\x80\x94", "\u{202e}".as_bytes(), "قال".as_bytes(), b"\x00", b"\x1b", b"\r", b"\xff", b"\xc3", b" 2023",
];

fn cases() -> u32 {
    std::env::var("CLAIMEX_FUZZ_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(256)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes(data in proptest::collection::vec(any::<u8>(), 0..2048)) {
        checks::check(&ENGINE, &data);
    }

    #[test]
    fn bytes_built_from_rule_pieces(first in any::<u8>(), pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..120)) {
        let mut data = vec![first];
        data.extend(pieces.concat());
        checks::check(&ENGINE, &data);
    }
}
