//! `cargo +nightly fuzz run engine`: the engine on arbitrary bytes (see `checks/engine.rs`).
#![no_main]

use std::sync::LazyLock;

use claimex_engine::Engine;
use libfuzzer_sys::fuzz_target;

#[path = "../checks/engine.rs"]
mod checks;

static ENGINE: LazyLock<Engine> = LazyLock::new(Engine::default);

fuzz_target!(|data: &[u8]| checks::check(&ENGINE, data));
