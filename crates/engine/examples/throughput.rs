//! The engine's single-thread throughput on real text, without criterion: `Engine::extract` over
//! every document of one or more `docs.jsonl` files, pass after pass, for at least a few seconds.
//! `bench/compare.sh` runs it beside the Python peer.
//!
//! ```sh
//! cargo run --release -p claimex-engine --example throughput -- [--seconds 3] [FILE.jsonl ...]
//! ```
//!
//! Without files it reads `polnear-dev` from the shared corpora (`$CLAIMEX_CORPUS`, else
//! `../shared/corpus`). Prints one line: documents, bytes, MB/s, documents/s and what one pass
//! found (claims, time expressions), so that a faster build can be checked to find the same.

#[path = "../benches/support/mod.rs"]
mod support;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use claimex_engine::{Config, Engine};
use support::{OwnedDocument, read_corpus, read_jsonl, total_bytes};

/// What one pass over the documents found.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Found {
    claims: usize,
    times: usize,
}

fn main() -> ExitCode {
    let (seconds, files) = match parse_args(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("throughput: {message}\nusage: throughput [--seconds S] [FILE.jsonl ...]");
            return ExitCode::from(2);
        }
    };
    let docs: Vec<OwnedDocument> =
        if files.is_empty() { read_corpus("polnear-dev") } else { files.iter().flat_map(|f| read_jsonl(f)).collect() };
    let engine = Engine::new(Config::default());
    let first = pass(&engine, &docs);
    let started = Instant::now();
    let mut passes = 0u32;
    while passes == 0 || started.elapsed() < seconds {
        assert_eq!(pass(&engine, &docs), first, "passes over the same documents must find the same");
        passes += 1;
    }
    let elapsed = started.elapsed().as_secs_f64();
    let bytes = total_bytes(&docs);
    let per_second = f64::from(passes) / elapsed;
    println!(
        "claimex engine, 1 thread: {} documents, {bytes} bytes, {passes} passes in {elapsed:.2} s: {:.2} MB/s, {:.0} documents/s; one pass finds {} claims, {} time expressions",
        docs.len(),
        bytes as f64 * per_second / 1e6,
        docs.len() as f64 * per_second,
        first.claims,
        first.times,
    );
    ExitCode::SUCCESS
}

/// `--seconds S` (default 3) and the files.
fn parse_args(mut args: impl Iterator<Item = String>) -> Result<(Duration, Vec<PathBuf>), String> {
    let mut seconds = 3.0;
    let mut files = Vec::new();
    while let Some(arg) = args.next() {
        if arg == "--seconds" {
            let value = args.next().ok_or("--seconds needs a value")?;
            seconds = value.parse::<f64>().map_err(|err| format!("--seconds {value}: {err}"))?;
        } else {
            files.push(PathBuf::from(arg));
        }
    }
    let seconds = Duration::try_from_secs_f64(seconds).map_err(|err| format!("--seconds {seconds}: {err}"))?;
    Ok((seconds, files))
}

/// One extraction of every document.
fn pass(engine: &Engine, docs: &[OwnedDocument]) -> Found {
    docs.iter().fold(Found::default(), |found, doc| {
        let extraction = engine.extract(&doc.as_document()).expect("corpus documents are valid");
        Found { claims: found.claims + extraction.claims.len(), times: found.times + extraction.times.len() }
    })
}
