//! Criterion benchmarks of the engine alone, on one thread, over the shared corpora read at run
//! time (`$CLAIMEX_CORPUS`, else `../shared/corpus`): the whole extraction per corpus, and its
//! stages on PolNeAR dev (news text): segmentation ([`Layout::new`]), time tagging
//! ([`Tagger::tag`]) and attribution (the rest: quotes, names, cues, speakers, claims).
//!
//! ```sh
//! cargo bench -p claimex-engine --bench engine            # about a minute
//! cargo bench -p claimex-engine --bench engine -- stages  # one group
//! ```
//!
//! Each iteration reads a whole corpus, so criterion reports both documents/s and MB/s.

mod support;

use std::hint::black_box;
use std::ops::ControlFlow;
use std::time::Duration;

use claimex_engine::attrib::Attributor;
use claimex_engine::text::Layout;
use claimex_engine::time::Tagger;
use claimex_engine::{Config, Engine, TimeExpr};
use criterion::{BenchmarkGroup, Criterion, Throughput, criterion_group, criterion_main, measurement::WallTime};
use support::{OwnedDocument, read_corpus, total_bytes};

/// The corpora of the whole-extraction benchmark: wire and translated news, US political news,
/// and TempEval's newswire.
const CORPORA: &[&str] = &["seeds", "polnear-dev", "tempeval3-aquaint"];

/// The corpus the stages are measured on.
const STAGE_CORPUS: &str = "polnear-dev";

/// Short runs: each iteration is a whole corpus (tens of milliseconds), and the machine is shared.
fn configure<'a>(c: &'a mut Criterion, name: &str) -> BenchmarkGroup<'a, WallTime> {
    let mut group = c.benchmark_group(name);
    group.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3));
    group
}

fn throughput(docs: &[OwnedDocument]) -> Throughput {
    Throughput::ElementsAndBytes { elements: docs.len() as u64, bytes: total_bytes(docs) }
}

/// `Engine::extract` over each corpus.
fn extract(c: &mut Criterion) {
    let engine = Engine::new(Config::default());
    let mut group = configure(c, "extract");
    for &name in CORPORA {
        let docs = read_corpus(name);
        group.throughput(throughput(&docs));
        group.bench_function(name, |b| {
            b.iter(|| {
                for doc in &docs {
                    black_box(engine.extract(&doc.as_document()).expect("corpus documents are valid"));
                }
            });
        });
    }
    group.finish();
}

/// The pipeline's stages, each over the whole corpus, with the earlier stages' results computed
/// outside the measurement.
fn stages(c: &mut Criterion) {
    let docs = read_corpus(STAGE_CORPUS);
    let tagger = Tagger::new();
    let attributor = Attributor::new();
    let layouts: Vec<Layout> = docs.iter().map(|doc| Layout::new(&doc.text)).collect();
    let times: Vec<Vec<TimeExpr>> = docs.iter().map(|doc| tagger.tag(&doc.text, doc.published)).collect();
    let mut group = configure(c, "stages");
    group.throughput(throughput(&docs));
    group.bench_function("segmentation", |b| {
        b.iter(|| docs.iter().map(|doc| black_box(Layout::new(&doc.text)).tokens.len()).sum::<usize>());
    });
    group.bench_function("time_tagging", |b| {
        b.iter(|| docs.iter().map(|doc| black_box(tagger.tag(&doc.text, doc.published)).len()).sum::<usize>());
    });
    group.bench_function("attribution", |b| {
        b.iter(|| {
            let mut claims = 0usize;
            for ((doc, layout), times) in docs.iter().zip(&layouts).zip(&times) {
                black_box(attributor.run(&doc.as_document(), layout, times, |claim| {
                    black_box(claim);
                    claims += 1;
                    ControlFlow::Continue(())
                }));
            }
            claims
        });
    });
    group.finish();
}

criterion_group!(benches, extract, stages);
criterion_main!(benches);
