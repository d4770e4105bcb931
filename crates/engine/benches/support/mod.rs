//! Corpus loading for the engine's benchmarks and throughput example: documents are read at run
//! time from the shared corpora (`docs.jsonl`, one proto3 JSON `Document` a line), never copied
//! into the repository.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use claimex_engine::Document;

/// A document read from a corpus, owning its text.
pub struct OwnedDocument {
    pub id: String,
    pub text: String,
    pub published: Option<NaiveDate>,
}

impl OwnedDocument {
    /// The engine's borrowed view of this document.
    pub fn as_document(&self) -> Document<'_> {
        Document { id: &self.id, text: &self.text, published: self.published }
    }
}

/// The fields of a `docs.jsonl` line that the engine reads.
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct Line {
    #[serde(default)]
    id: String,
    text: String,
    published_at: Option<String>,
}

/// The shared corpora: `$CLAIMEX_CORPUS`, else `../shared/corpus` beside the repository root.
pub fn corpus_root() -> PathBuf {
    std::env::var_os("CLAIMEX_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus"))
}

/// The documents of a JSONL file; panics with the path and line number on a bad line, since a
/// benchmark over a different set of documents would measure something else.
pub fn read_jsonl(path: &Path) -> Vec<OwnedDocument> {
    let content = std::fs::read_to_string(path).unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()));
    content
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(n, line)| {
            let doc: Line = serde_json::from_str(line).unwrap_or_else(|err| panic!("{}:{}: {err}", path.display(), n + 1));
            OwnedDocument { id: doc.id, text: doc.text, published: doc.published_at.as_deref().and_then(utc_date) }
        })
        .collect()
}

/// The documents of the named corpus (`polnear-dev`, `seeds`, ...).
pub fn read_corpus(name: &str) -> Vec<OwnedDocument> {
    read_jsonl(&corpus_root().join(name).join("docs.jsonl"))
}

/// The UTC calendar date of an RFC 3339 timestamp, as the service reads `publishedAt`.
fn utc_date(timestamp: &str) -> Option<NaiveDate> {
    DateTime::parse_from_rfc3339(timestamp).ok().map(|at| at.with_timezone(&Utc).date_naive())
}

/// Total text bytes of some documents.
pub fn total_bytes(docs: &[OwnedDocument]) -> u64 {
    docs.iter().map(|doc| doc.text.len() as u64).sum()
}
