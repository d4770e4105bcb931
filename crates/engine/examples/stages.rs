//! The engine's stages, each behind a function that is never inlined, over the documents of a
//! `docs.jsonl` file: a harness for profilers that attribute costs to functions (callgrind's
//! `--toggle-collect`, `perf report`), since link-time optimization inlines the whole pipeline
//! into `Engine::extract`.
//!
//! ```sh
//! cargo build --release -p claimex-engine --example stages
//! valgrind --tool=callgrind --toggle-collect='stages::time_tagging' \
//!     target/release/examples/stages docs.jsonl
//! ```

#[path = "../benches/support/mod.rs"]
#[allow(dead_code)] // shared with the benchmarks; this example uses part of it
mod support;

use std::hint::black_box;
use std::ops::ControlFlow;
use std::path::PathBuf;

use claimex_engine::TimeExpr;
use claimex_engine::attrib::Attributor;
use claimex_engine::text::Layout;
use claimex_engine::time::Tagger;
use support::{OwnedDocument, read_corpus, read_jsonl};

#[inline(never)]
fn segmentation(doc: &OwnedDocument) -> Layout {
    Layout::new(&doc.text)
}

/// The tokenizer alone, which segmentation runs first.
#[inline(never)]
fn tokenization(doc: &OwnedDocument) -> usize {
    claimex_engine::text::tokenize(&doc.text).len()
}

#[inline(never)]
fn time_tagging(tagger: &Tagger, doc: &OwnedDocument) -> Vec<TimeExpr> {
    tagger.tag(&doc.text, doc.published)
}

#[inline(never)]
fn attribution(attributor: &Attributor, doc: &OwnedDocument, layout: &Layout, times: &[TimeExpr]) -> usize {
    let mut claims = 0;
    black_box(attributor.run(&doc.as_document(), layout, times, |claim| {
        black_box(claim);
        claims += 1;
        ControlFlow::Continue(())
    }));
    claims
}

fn main() {
    let files: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let docs: Vec<OwnedDocument> =
        if files.is_empty() { read_corpus("polnear-dev") } else { files.iter().flat_map(|f| read_jsonl(f)).collect() };
    let tagger = Tagger::new();
    let attributor = Attributor::new();
    let mut claims = 0;
    for doc in &docs {
        black_box(tokenization(doc));
        let layout = black_box(segmentation(doc));
        let times = black_box(time_tagging(&tagger, doc));
        claims += attribution(&attributor, doc, &layout, &times);
    }
    println!("{} documents, {claims} claims", docs.len());
}
