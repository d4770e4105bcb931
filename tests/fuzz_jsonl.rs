//! The JSON document reader's fuzz oracle (`fuzz/checks/jsonl.rs`, also the cargo-fuzz
//! target's) driven by proptest on stable: arbitrary bytes, and lines built from JSON pieces.
//! `CLAIMEX_FUZZ_CASES` sets the cases per property (256 unless told; `.ci/run` runs more).

use std::sync::LazyLock;

use claimex_engine::Engine;
use proptest::prelude::*;

#[path = "../fuzz/checks/jsonl.rs"]
mod checks;

static ENGINE: LazyLock<Engine> = LazyLock::new(Engine::default);

/// Pieces of JSON documents, valid and not.
const PIECES: &[&[u8]] = &[
    b"{", b"}", b"[", b"]", b",", b":", b"\n", b" ", b"\"id\"", b"\"text\"", b"\"publishedAt\"", b"\"published_at\"",
    b"\"title\"", b"\"language\"", b"\"en\"", b"\"fr\"", b"\"mood\"", b"null", b"42", b"-1e999", b"true",
    b"\"2023-12-24\"", b"\"1998-12-05T09:42\"", b"\"2023-12-24 10:00:00\"", b"\"2024-03-01T12:00:00Z\"", b"\"yesterday\"",
    b"\"\\\"We will never sign,\\\" the minister said on Monday.\"", b"\"  \"", b"\"\"", b"\"\\u0000\\ud800\"", b"\"\xff\"",
    b"{\"id\":\"a\",\"text\":\"The mayor said on Tuesday that the bridge would reopen.\"}\n",
];

fn cases() -> u32 {
    std::env::var("CLAIMEX_FUZZ_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(256)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes(data in proptest::collection::vec(any::<u8>(), 0..1024)) {
        checks::check(&ENGINE, &data);
    }

    #[test]
    fn lines_built_from_json_pieces(first in any::<u8>(), pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..60)) {
        let mut data = vec![first];
        data.extend(pieces.concat());
        checks::check(&ENGINE, &data);
    }
}
