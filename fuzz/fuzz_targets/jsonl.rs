//! `cargo +nightly fuzz run jsonl`: the JSON document reader on arbitrary input (see
//! `checks/jsonl.rs`).
#![no_main]

use std::sync::LazyLock;

use claimex_engine::Engine;
use libfuzzer_sys::fuzz_target;

#[path = "../checks/jsonl.rs"]
mod checks;

static ENGINE: LazyLock<Engine> = LazyLock::new(Engine::default);

fuzz_target!(|data: &[u8]| checks::check(&ENGINE, data));
