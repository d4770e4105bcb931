//! Everything the engine finds in the documents of `docs.jsonl` files, in `Debug` form, one
//! document a line: claims, time expressions and entities. Diffing two builds' dumps checks a
//! change that should not alter behaviour, without the server's build.
//!
//! ```sh
//! cargo run --release -p claimex-engine --example dump -- docs.jsonl ... > dump.txt
//! ```

#[path = "../benches/support/mod.rs"]
#[allow(dead_code)] // shared with the benchmarks; this example uses part of it
mod support;

use std::io::Write;

use claimex_engine::{Config, Engine};

fn main() {
    let engine = Engine::new(Config::default());
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for file in std::env::args().skip(1) {
        for doc in support::read_jsonl(file.as_ref()) {
            let found = engine.extract(&doc.as_document());
            writeln!(out, "{} {found:?}", doc.id).expect("stdout");
        }
    }
}
