//! The CLI's batch mode: JSONL documents in, JSONL claims or time expressions out, streamed one
//! line at a time.
//!
//! Each input line is a proto3 JSON `Document`. Unknown fields are dropped with one warning per
//! field name (pbjson would reject the whole line). A line that cannot be read is reported with
//! its number and skipped; the other lines are still processed.

use std::collections::HashSet;
use std::fmt;
use std::io::{BufRead, Write};

use anyhow::Context as _;
use claimex_engine::Engine;
use prost::Message as _;
use serde_json::Value;
use tracing::{error, warn};

use crate::convert::{self, Options};
use crate::error::Error;
use crate::proto;

/// What to write for each document.
#[derive(Debug, Clone, Copy)]
pub enum Output {
    /// One `Claim` a line, the claims that pass the options.
    Claims(Options),
    /// One `TimeExpression` a line.
    Times,
}

/// What a run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Documents read and extracted.
    pub documents: usize,
    /// Lines written.
    pub written: usize,
    /// Numbers (1-based) of the lines that could not be read.
    pub failed_lines: Vec<usize>,
}

/// Why one input line was skipped.
#[derive(Debug)]
enum LineError {
    NotUtf8(std::str::Utf8Error),
    Json(serde_json::Error),
    NotAnObject,
    NotADocument(serde_json::Error),
    Rejected(Error),
}

impl fmt::Display for LineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LineError::NotUtf8(err) => write!(f, "not UTF-8: {err}"),
            LineError::Json(err) => write!(f, "invalid JSON: {err}"),
            LineError::NotAnObject => write!(f, "not a JSON object: write one Document object per line"),
            LineError::NotADocument(err) => write!(f, "not a Document: {err}"),
            LineError::Rejected(err) => write!(f, "{err}"),
        }
    }
}

/// Reads documents from `input` and writes `output`'s lines for each. Fails only when the input
/// cannot be read or the output cannot be written; bad lines are counted in the report.
pub fn run(engine: &Engine, output: Output, input: impl BufRead, writer: impl Write) -> anyhow::Result<Report> {
    let mut reader = DocumentReader::new(input)?;
    let mut writer = std::io::BufWriter::new(writer);
    let mut report = Report::default();
    while let Some((number, parsed)) = reader.next_document().context("reading the input")? {
        let document = match parsed {
            Ok(document) => document,
            Err(err) => {
                error!(line = number, error = %err, "skipping line");
                report.failed_lines.push(number);
                continue;
            }
        };
        match write_document(engine, output, &document, &mut writer) {
            Ok(written) => {
                report.documents += 1;
                report.written += written;
            }
            Err(DocumentFailure::Rejected(err)) => {
                error!(line = number, document_id = %document.id, error = %err, "skipping line");
                report.failed_lines.push(number);
            }
            Err(DocumentFailure::Write(err)) => return Err(err).context("writing the output"),
        }
    }
    writer.flush().context("writing the output")?;
    Ok(report)
}

enum DocumentFailure {
    Rejected(LineError),
    Write(std::io::Error),
}

/// Extracts one document and writes its lines; returns how many.
fn write_document(
    engine: &Engine,
    output: Output,
    document: &proto::Document,
    writer: &mut impl Write,
) -> Result<usize, DocumentFailure> {
    let rejected = |err: Error| DocumentFailure::Rejected(LineError::Rejected(err));
    let doc = convert::document(document).map_err(rejected)?;
    let mut written = 0;
    match output {
        Output::Claims(options) => {
            let extraction = engine.extract(&doc).map_err(|err| rejected(err.into()))?;
            for claim in extraction.claims.into_iter().filter(|claim| options.keeps(claim)) {
                write_line(writer, &convert::claim(&doc, claim)).map_err(DocumentFailure::Write)?;
                written += 1;
            }
        }
        Output::Times => {
            let times = engine.times(&doc).map_err(|err| rejected(err.into()))?;
            for time in times {
                write_line(writer, &convert::time_expression(&doc, time)).map_err(DocumentFailure::Write)?;
                written += 1;
            }
        }
    }
    Ok(written)
}

fn write_line(writer: &mut impl Write, message: &impl serde::Serialize) -> std::io::Result<()> {
    serde_json::to_writer(&mut *writer, message)?;
    writer.write_all(b"\n")
}

/// Reads `Document`s one line at a time.
struct DocumentReader<R> {
    input: R,
    line: Vec<u8>,
    number: usize,
    known_fields: HashSet<String>,
    warned_fields: HashSet<String>,
}

impl<R: BufRead> DocumentReader<R> {
    fn new(input: R) -> anyhow::Result<Self> {
        Ok(DocumentReader {
            input,
            line: Vec::new(),
            number: 0,
            known_fields: document_fields()?,
            warned_fields: HashSet::new(),
        })
    }

    /// The next non-blank line's number and document; `None` at the end of the input.
    fn next_document(&mut self) -> std::io::Result<Option<(usize, Result<proto::Document, LineError>)>> {
        loop {
            self.line.clear();
            if self.input.read_until(b'\n', &mut self.line)? == 0 {
                return Ok(None);
            }
            self.number += 1;
            if self.line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Ok(Some((self.number, self.parse())));
        }
    }

    fn parse(&mut self) -> Result<proto::Document, LineError> {
        let text = std::str::from_utf8(&self.line).map_err(LineError::NotUtf8)?;
        let mut value: Value = serde_json::from_str(text).map_err(LineError::Json)?;
        let Value::Object(fields) = &mut value else {
            return Err(LineError::NotAnObject);
        };
        let number = self.number;
        fields.retain(|name, _| {
            if self.known_fields.contains(name) {
                return true;
            }
            if self.warned_fields.insert(name.clone()) {
                warn!(field = %name, line = number, "ignoring unknown document field (reported once per name)");
            }
            false
        });
        for name in ["publishedAt", "published_at"] {
            if let Some(Value::String(stamp)) = fields.get_mut(name) {
                if let Some(fixed) = complete_timestamp(stamp) {
                    *stamp = fixed;
                }
            }
        }
        serde_json::from_value(value).map_err(LineError::NotADocument)
    }
}

/// Scrapers write publication times loosely: "2023-12-24", "1998-12-05T09:42",
/// "2023-12-24 10:00:00". Proto3 JSON wants RFC 3339, so those are completed as UTC; a stamp
/// that is already RFC 3339 (or not a date at all) is left for the JSON parser to judge.
fn complete_timestamp(stamp: &str) -> Option<String> {
    use chrono::{DateTime, NaiveDate, NaiveDateTime};
    if DateTime::parse_from_rfc3339(stamp).is_ok() {
        return None;
    }
    let trimmed = stamp.trim();
    for format in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%d %H:%M"] {
        if let Ok(time) = NaiveDateTime::parse_from_str(trimmed, format) {
            return Some(time.and_utc().to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true));
        }
    }
    let date = NaiveDate::parse_from_str(trimmed, "%Y-%m-%d").ok()?;
    Some(date.and_hms_opt(0, 0, 0)?.and_utc().to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
}

/// The JSON names of `Document`'s fields, read from the contract's descriptor: each field's
/// lowerCamelCase name and its proto name, both of which proto3 JSON parsers accept.
fn document_fields() -> anyhow::Result<HashSet<String>> {
    let set = pbjson_types::FileDescriptorSet::decode(proto::FILE_DESCRIPTOR_SET).context("decoding the contract's descriptor")?;
    let document = set
        .file
        .iter()
        .filter(|file| file.package() == "claimex.v1")
        .flat_map(|file| file.message_type.iter())
        .find(|message| message.name() == "Document")
        .context("the contract has no claimex.v1.Document")?;
    let mut names = HashSet::new();
    for field in &document.field {
        names.insert(field.name().to_owned());
        names.insert(field.json_name.clone().unwrap_or_else(|| lower_camel(field.name())));
    }
    Ok(names)
}

fn lower_camel(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
            continue;
        }
        out.extend(if upper { c.to_uppercase().collect::<Vec<_>>() } else { vec![c] });
        upper = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_on(input: &str, output: Output) -> (Report, String) {
        let mut out = Vec::new();
        let report = run(&Engine::default(), output, input.as_bytes(), &mut out).expect("runs");
        (report, String::from_utf8(out).expect("utf-8 output"))
    }

    #[test]
    fn document_fields_come_from_the_contract() {
        let fields = document_fields().expect("descriptor");
        for name in ["id", "text", "publishedAt", "published_at", "title", "url", "outlet", "language"] {
            assert!(fields.contains(name), "{name}");
        }
        assert!(!fields.contains("body"));
    }

    #[test]
    fn loose_timestamps_are_completed_as_utc() {
        assert_eq!(complete_timestamp("1998-12-05T09:42").as_deref(), Some("1998-12-05T09:42:00Z"));
        assert_eq!(complete_timestamp("2023-12-24").as_deref(), Some("2023-12-24T00:00:00Z"));
        assert_eq!(complete_timestamp("2023-12-24 10:00:00").as_deref(), Some("2023-12-24T10:00:00Z"));
        assert_eq!(complete_timestamp("2023-12-24T10:00:00+02:00"), None);
        assert_eq!(complete_timestamp("yesterday"), None);
        let (report, out) = run_on("{\"id\":\"a\",\"text\":\"It rained on Monday.\",\"publishedAt\":\"2023-12-27T09:42\"}\n", Output::Times);
        assert_eq!(report.failed_lines, Vec::<usize>::new());
        assert!(out.contains("2023-12-25"), "{out}");
    }

    #[test]
    fn lower_camel_joins_words() {
        assert_eq!(lower_camel("published_at"), "publishedAt");
        assert_eq!(lower_camel("id"), "id");
    }

    #[test]
    fn bad_lines_are_counted_and_skipped() {
        let input = concat!(
            "{\"id\":\"a\",\"text\":\"The talks resumed.\"}\n",
            "\n",
            "{not json\n",
            "[1,2]\n",
            "{\"id\":\"b\",\"text\":\"  \"}\n",
            "{\"id\":\"c\",\"text\":42}\n",
            "{\"id\":\"d\",\"text\":\"Fine.\",\"publishedAt\":\"2023-12-27T12:00:00Z\",\"mood\":\"calm\"}\n",
        );
        let (report, _) = run_on(input, Output::Times);
        assert_eq!(report.documents, 2);
        assert_eq!(report.failed_lines, vec![3, 4, 5, 6]);
    }

    #[test]
    fn invalid_utf8_is_one_bad_line() {
        let mut input = b"{\"id\":\"a\",\"text\":\"\xff\"}\n".to_vec();
        input.extend_from_slice(b"{\"id\":\"b\",\"text\":\"Fine.\"}\n");
        let mut out = Vec::new();
        let report = run(&Engine::default(), Output::Times, input.as_slice(), &mut out).expect("runs");
        assert_eq!(report.failed_lines, vec![1]);
        assert_eq!(report.documents, 1);
    }

    #[test]
    fn oversized_text_is_rejected_by_line() {
        let engine = Engine::new(claimex_engine::Config { max_text_bytes: 4 });
        let mut out = Vec::new();
        let report = run(&engine, Output::Claims(Options::default()), "{\"text\":\"too long\"}\n".as_bytes(), &mut out)
            .expect("runs");
        assert_eq!(report.failed_lines, vec![1]);
    }

    #[test]
        fn claims_are_written_one_per_line() {
        let input = "{\"id\":\"d1\",\"text\":\"\\\"We will never sign this treaty,\\\" Foreign Minister Anna Petrosyan said on Monday.\",\"publishedAt\":\"2024-03-01T12:00:00Z\"}\n";
        let (report, out) = run_on(input, Output::Claims(Options::default()));
        assert!(report.written >= 1);
        let claim: proto::Claim = serde_json::from_str(out.lines().next().expect("a line")).expect("a Claim");
        assert_eq!(claim.document_id, "d1");
        assert!(claim.speaker.expect("speaker").text.contains("Petrosyan"));
    }
}
