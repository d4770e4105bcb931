//! Trains the cue model on PolNeAR-style annotations and writes `model/cues.bin`.
//!
//! ```sh
//! cargo run --release -p claimex-engine --example train_cues -- \
//!     ../shared/corpus/polnear-train crates/engine/model/cues.bin
//! ```
//!
//! The corpus folder holds `docs.jsonl` ({"id","text","publishedAt"}) and `gold.jsonl` (one
//! attribution a line with `doc` and `cue_ranges`, character offsets). Training is
//! deterministic: documents in file order, a fixed number of epochs, examples in text order,
//! the document order rotated each epoch; five perceptrons, each starting at its own place in
//! the documents, are averaged into the shipped model.

use std::collections::HashMap;
use std::error::Error;
use std::fs;

use chrono::NaiveDate;
use claimex_engine::attrib::model::{Model, Trainer};
use claimex_engine::{Document, Engine, Span};
use serde_json::Value;

const EPOCHS: usize = 6;
/// Perceptrons in the ensemble.
const MEMBERS: usize = 5;

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, corpus, out] = &args[..] else {
        return Err("usage: train_cues CORPUS_DIR OUT_FILE".into());
    };
    let docs = read_jsonl(&format!("{corpus}/docs.jsonl"))?;
    let gold = read_jsonl(&format!("{corpus}/gold.jsonl"))?;
    let mut cues: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
    for g in &gold {
        let (Some(doc), Some(ranges)) = (g["doc"].as_str(), g["cue_ranges"].as_array()) else { continue };
        for r in ranges {
            if let (Some(s), Some(e)) = (r[0].as_u64(), r[1].as_u64()) {
                cues.entry(doc.to_string()).or_default().push((s as usize, e as usize));
            }
        }
    }
    // An engine without a learned model, so the features never depend on an earlier one.
    let engine = Engine::default().with_cue_model(Default::default());
    let mut examples: Vec<(Vec<u64>, bool)> = Vec::new();
    let mut spans_per_doc = Vec::new();
    for d in &docs {
        let (Some(id), Some(text)) = (d["id"].as_str(), d["text"].as_str()) else { continue };
        let published = d["publishedAt"].as_str().and_then(|p| NaiveDate::parse_from_str(p.get(..10)?, "%Y-%m-%d").ok());
        let boundaries: Vec<usize> = text.char_indices().map(|(b, _)| b).chain(std::iter::once(text.len())).collect();
        let spans: Vec<Span> = cues.get(id).map(|r| r.iter().filter_map(|&(s, e)| byte_span(&boundaries, s, e)).collect()).unwrap_or_default();
        let first = examples.len();
        engine.cue_examples(&Document { id, text, published }, &spans, |f, y| examples.push((f.to_vec(), y)));
        spans_per_doc.push(first..examples.len());
    }
    let positives = examples.iter().filter(|(_, y)| *y).count();
    eprintln!("train_cues: {} documents, {} examples, {} cue heads", spans_per_doc.len(), examples.len(), positives);
    // An ensemble of perceptrons, each seeing the documents in its own rotation, averaged: one
    // perceptron's weights depend on the order it saw the examples in.
    let n = spans_per_doc.len();
    let models: Vec<_> = (0..MEMBERS)
        .map(|member| {
            let mut trainer = Trainer::default();
            for epoch in 0..EPOCHS {
                for i in 0..n {
                    for (f, y) in &examples[spans_per_doc[(i + epoch * 7919 + member * 104_729) % n].clone()] {
                        trainer.learn(f, *y);
                    }
                }
            }
            trainer.finish()
        })
        .collect();
    let model = Model::mean(&models);
    let bytes = model.to_bytes();
    fs::write(out, &bytes)?;
    eprintln!("train_cues: wrote {} bytes to {out}", bytes.len());
    Ok(())
}

fn read_jsonl(path: &str) -> Result<Vec<Value>, Box<dyn Error>> {
    let text = fs::read_to_string(path).map_err(|e| format!("reading {path}: {e}"))?;
    let mut out = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        out.push(serde_json::from_str(line)?);
    }
    Ok(out)
}

/// A character range as a byte span of `text`, given the byte offset of every char boundary.
fn byte_span(boundaries: &[usize], start: usize, end: usize) -> Option<Span> {
    let (s, e) = (*boundaries.get(start)?, *boundaries.get(end)?);
    (s < e).then(|| Span::new(s, e))
}
