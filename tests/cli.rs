//! The `claimex` binary's batch commands on small JSONL files.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const PETROSYAN: &str =
    r#"\"We will never sign this treaty,\" Foreign Minister Anna Petrosyan said on Monday. The talks resumed in Yerevan."#;

fn good_line(id: &str) -> String {
    format!(r#"{{"id":"{id}","text":"{PETROSYAN}","publishedAt":"2024-03-01T12:00:00Z","outlet":"Example Wire"}}"#)
}

struct Run {
    output: Output,
    written: String,
}

impl Run {
    fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }

    fn lines(&self) -> Vec<serde_json::Value> {
        self.written.lines().map(|line| serde_json::from_str(line).expect("each output line is JSON")).collect()
    }
}

fn write_input(dir: &Path, lines: &[String]) -> PathBuf {
    let path = dir.join("docs.jsonl");
    std::fs::write(&path, lines.join("\n") + "\n").expect("write input");
    path
}

fn claimex(command: &str, input: &Path, dir: &Path, envs: &[(&str, &str)]) -> Run {
    let out = dir.join(format!("{command}.jsonl"));
    let output = Command::new(env!("CARGO_BIN_EXE_claimex"))
        .args([command, "--input"])
        .arg(input)
        .arg("--output")
        .arg(&out)
        .env_remove("CLAIMEX_LOG")
        .env_remove("RUST_LOG")
        .envs(envs.iter().copied())
        .output()
        .expect("run claimex");
    let written = std::fs::read_to_string(&out).unwrap_or_default();
    Run { output, written }
}

// ---- mechanics: pass with any engine ----------------------------------------------------------

#[test]
fn good_input_exits_zero() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = write_input(dir.path(), &[good_line("a"), String::new(), good_line("b")]);
    for command in ["extract", "times"] {
        let run = claimex(command, &input, dir.path(), &[]);
        assert!(run.output.status.success(), "{command}: {}", run.stderr());
        assert!(run.stderr().contains("documents=2"), "{command}: {}", run.stderr());
    }
}

#[test]
fn a_bad_line_is_reported_with_its_number_and_the_rest_still_runs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let lines = [good_line("a"), r#"{"id":"broken","text": "#.to_owned(), r#"{"id":"blank","text":"  "}"#.to_owned(), good_line("d")];
    let input = write_input(dir.path(), &lines);
    for command in ["extract", "times"] {
        let run = claimex(command, &input, dir.path(), &[]);
        assert!(!run.output.status.success(), "{command} must fail");
        let stderr = run.stderr();
        assert!(stderr.contains("line=2") && stderr.contains("invalid JSON"), "{command}: {stderr}");
        assert!(stderr.contains("line=3") && stderr.contains("document.text"), "{command}: {stderr}");
        assert!(!stderr.contains("line=1 ") && !stderr.contains("line=4 "), "{command}: {stderr}");
        assert!(stderr.contains("documents=2"), "{command}: the good lines are still read: {stderr}");
    }
}

#[test]
fn unknown_fields_are_warned_about_once_per_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let with_extra = |id: &str| format!(r#"{{"id":"{id}","text":"{PETROSYAN}","sentiment":"grim","lang_guess":"en"}}"#);
    let input = write_input(dir.path(), &[with_extra("a"), with_extra("b"), with_extra("c")]);
    let run = claimex("extract", &input, dir.path(), &[]);
    assert!(run.output.status.success(), "{}", run.stderr());
    let stderr = run.stderr();
    assert_eq!(stderr.matches("field=sentiment").count(), 1, "{stderr}");
    assert_eq!(stderr.matches("field=lang_guess").count(), 1, "{stderr}");
}

#[test]
fn the_size_limit_is_read_from_the_environment() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = write_input(dir.path(), &[good_line("a")]);
    let run = claimex("extract", &input, dir.path(), &[("CLAIMEX_MAX_DOCUMENT_BYTES", "20")]);
    assert!(!run.output.status.success());
    assert!(run.stderr().contains("limit of 20 bytes"), "{}", run.stderr());
}

#[test]
fn stdin_to_stdout_by_default() {
    use std::io::Write as _;
    use std::process::Stdio;

    let mut child = Command::new(env!("CARGO_BIN_EXE_claimex"))
        .args(["times", "--log-format", "json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn claimex");
    let mut stdin = child.stdin.take().expect("stdin");
    writeln!(stdin, "{}", good_line("a")).expect("write");
    writeln!(stdin, "not json").expect("write");
    drop(stdin);
    let output = child.wait_with_output().expect("wait");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    // --log-format json: one JSON object per log line, with the line number as a field.
    let events: Vec<serde_json::Value> = stderr.lines().map(|l| serde_json::from_str(l).expect("json log line")).collect();
    assert!(events.iter().any(|e| e["fields"]["line"] == 2), "{stderr}");
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let time: serde_json::Value = serde_json::from_str(line).expect("json");
        assert_eq!(time["documentId"], "a");
    }
}

// ---- output lines: need the engine's time tagger (landed) and attribution ---------------------

#[test]
fn extract_writes_one_claim_per_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = write_input(dir.path(), &[good_line("a"), "oops".to_owned(), good_line("c")]);
    let run = claimex("extract", &input, dir.path(), &[]);
    assert!(!run.output.status.success(), "line 2 is bad");
    let claims = run.lines();
    for id in ["a", "c"] {
        assert!(
            claims.iter().any(|c| c["documentId"] == id && c["speaker"]["text"].as_str().is_some_and(|s| s.contains("Petrosyan"))),
            "no claim by Petrosyan in {id}: {claims:?}"
        );
    }
    assert!(claims.iter().all(|c| c["kind"].as_str().is_some_and(|k| k.starts_with("CLAIM_KIND_"))), "{claims:?}");
}

#[test]
fn times_writes_one_expression_per_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = write_input(dir.path(), &[good_line("a"), "oops".to_owned(), good_line("c")]);
    let run = claimex("times", &input, dir.path(), &[]);
    assert!(!run.output.status.success(), "line 2 is bad");
    let times = run.lines();
    for id in ["a", "c"] {
        let monday = times.iter().find(|t| t["documentId"] == id && t["text"].as_str().is_some_and(|s| s.contains("Monday")));
        let monday = monday.unwrap_or_else(|| panic!("no \"Monday\" in {id}: {times:?}"));
        assert_eq!(monday["type"], "TIME_TYPE_DATE", "{monday}");
    }
}
