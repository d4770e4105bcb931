//! The JSON document reader's fuzz oracle, shared by the cargo-fuzz target
//! (`fuzz_targets/jsonl.rs`) and the stable property harness (`tests/fuzz_jsonl.rs`): any bytes
//! as the input of `claimex extract` or `claimex times`. No panic, no error for bad lines (they
//! are counted), every non-blank line either read or reported, every output line valid JSON
//! of the right message.

use claimex::convert::Options;
use claimex::jsonl::{self, Output};
use claimex::proto;
use claimex_engine::Engine;

/// Runs the reader on `data` and checks its report and output.
pub fn check(engine: &Engine, data: &[u8]) {
    let (times, input) = match data.split_first() {
        Some((&first, rest)) => (first & 1 == 1, rest),
        None => (false, data),
    };
    let output = if times { Output::Times } else { Output::Claims(Options::default()) };
    let mut out = Vec::new();
    let report = jsonl::run(engine, output, input, &mut out).expect("reading memory and writing memory cannot fail");
    let lines = input.split(|&b| b == b'\n').filter(|line| !line.iter().all(u8::is_ascii_whitespace)).count();
    assert_eq!(report.documents + report.failed_lines.len(), lines, "every non-blank line is read or reported: {report:?}");
    assert!(report.failed_lines.windows(2).all(|w| w[0] < w[1]), "failed lines in order: {:?}", report.failed_lines);
    let out = String::from_utf8(out).expect("the output is UTF-8");
    assert_eq!(out.lines().count(), report.written, "one output line per item written");
    for line in out.lines() {
        if times {
            serde_json::from_str::<proto::TimeExpression>(line).expect("a TimeExpression line");
        } else {
            serde_json::from_str::<proto::Claim>(line).expect("a Claim line");
        }
    }
}
