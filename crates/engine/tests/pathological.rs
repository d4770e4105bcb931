//! Pathological inputs: each returns, without panicking, in time linear in its size.
//!
//! Linearity is checked by a ratio measured inside one test, never by an absolute time: the same
//! kind of input at 1 MB and at 10 MB, the larger within 20× of the smaller (10× is linear; the
//! margin absorbs a noisy, shared machine). Inputs whose 10 MB run is bound by memory bandwidth
//! count the work instead: instructions executed, under valgrind. The engine's default limit is
//! 1 MiB, so these use an engine with a 64 MiB limit.
//!
//! The timed tests take a lock so that they never run side by side, and they run only in an
//! optimized build. Run them on one test thread, as `.ci/run` does, so that the untimed 10 MB
//! cases do not compete for memory bandwidth with a timed one either:
//! `cargo test --release -p claimex-engine --test pathological -- --test-threads=1`.
//! A debug build skips them.

use std::sync::Mutex;
use std::time::Duration;

use chrono::NaiveDate;
use claimex_engine::{Config, Document, Engine, Error, Extraction, Span};

const SMALL: usize = 1 << 20;
const LARGE: usize = 10 << 20;
/// Linear work gives 10×; quadratic work gives 100×.
const MAX_RATIO: f64 = 20.0;

/// Held while timing, so that timed tests do not run side by side.
static TIMING: Mutex<()> = Mutex::new(());

fn engine() -> Engine {
    Engine::new(Config { max_text_bytes: 64 << 20 })
}

/// `unit` repeated to at least `bytes` bytes.
fn repeated(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes.div_ceil(unit.len()))
}

/// Every span of the extraction lies inside `text`, on char boundaries.
fn assert_spans_inside(text: &str, extraction: &Extraction) {
    let inside = |s: Span| s.start <= s.end && s.end <= text.len() && text.is_char_boundary(s.start) && text.is_char_boundary(s.end);
    for claim in &extraction.claims {
        assert!(claim.content.iter().all(|&s| inside(s)), "content {:?}", claim.content);
        assert!(claim.speaker.span.is_none_or(inside), "speaker {:?}", claim.speaker.span);
        assert!(claim.cue.is_none_or(inside), "cue {:?}", claim.cue);
        assert!(inside(claim.sentence), "sentence {:?}", claim.sentence);
    }
    assert!(extraction.times.iter().all(|t| inside(t.span)));
}

/// CPU time of the calling thread: unlike wall time, it does not grow while other processes hold
/// the cores.
fn thread_cpu_time() -> Duration {
    let mut now = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `now` is a valid, writable timespec; CLOCK_THREAD_CPUTIME_ID is always supported on Linux.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) };
    assert_eq!(rc, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
    Duration::new(now.tv_sec as u64, now.tv_nsec as u32)
}

/// More than any last-level cache: written before each timed run.
const CACHE_FLUSH_BYTES: usize = 64 << 20;

/// Starts every timed run with cold caches. A 1 MB document otherwise fits in cache after its
/// first run and reads at twice the speed of a 10 MB one (measured: 60 against 26 MB/s for the
/// same text), which is a property of the machine, not of the engine's complexity.
fn evict_caches(flush: &mut [u8]) {
    for line in flush.chunks_mut(64) {
        line[0] = line[0].wrapping_add(1);
    }
    std::hint::black_box(&*flush);
}

/// Extracts `text` `runs` times, with and without a publication date in turn; returns the CPU
/// time of the fastest run and the mean (see [`assert_linear`]), and the most claims found.
fn time_extraction(engine: &Engine, text: &str, runs: u32) -> (Duration, Duration, usize) {
    let mut fastest = Duration::MAX;
    let mut total = Duration::ZERO;
    let mut claims = 0;
    let mut flush = vec![0u8; CACHE_FLUSH_BYTES];
    for run in 0..runs {
        let published = (run % 2 == 0).then(|| NaiveDate::from_ymd_opt(2024, 3, 1)).flatten();
        let doc = Document { id: "pathological", text, published };
        evict_caches(&mut flush);
        let started = thread_cpu_time();
        let extraction = engine.extract(&doc).expect("a non-blank text under the limit is read");
        let took = thread_cpu_time().saturating_sub(started);
        fastest = fastest.min(took);
        total += took;
        assert_spans_inside(text, &extraction);
        claims = claims.max(extraction.claims.len());
    }
    (fastest, total / runs, claims)
}

/// `unit` repeated to 1 MB and to 10 MB on one line: the larger takes at most 20× as long.
/// Returns the claims found in the larger document.
///
/// Measured in three rounds, each the mean of three 1 MB runs followed by one 10 MB run; the
/// ratio is the lowest of the three rounds. Noise from a shared machine (a neighbour's burst, a
/// moment descheduled) only ever raises a round's ratio, and it rarely lasts three rounds, while
/// superlinear work raises every round alike: a quadratic path shows 100× in all three.
fn assert_linear(kind: &str, unit: &str) -> usize {
    const ROUNDS: usize = 3;
    let _serial = TIMING.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let engine = engine();
    let small = repeated(unit, SMALL);
    let large = repeated(unit, LARGE);
    let mut ratios = [0.0; ROUNDS];
    let mut claims = (0, 0);
    let mut times = (Duration::ZERO, Duration::ZERO);
    for ratio in &mut ratios {
        let (_, small_time, small_claims) = time_extraction(&engine, &small, 3);
        let (large_time, _, large_claims) = time_extraction(&engine, &large, 1);
        *ratio = large_time.as_secs_f64() / small_time.as_secs_f64().max(1e-6);
        claims = (small_claims, large_claims);
        times = (small_time, large_time);
    }
    let ratio = ratios.iter().copied().fold(f64::INFINITY, f64::min);
    eprintln!(
        "{kind}: 1 MB {:.3} s ({} claims), 10 MB {:.3} s ({} claims), ratios {ratios:.1?}, lowest {ratio:.1}",
        times.0.as_secs_f64(),
        claims.0,
        times.1.as_secs_f64(),
        claims.1
    );
    assert!(ratio <= MAX_RATIO, "{kind}: 10 MB took {ratio:.1}× as long as 1 MB in every round (at most {MAX_RATIO}× expected)");
    claims.1
}

#[test]
#[cfg_attr(debug_assertions, ignore = "times 10 MB documents: run with --release")]
fn one_line_of_prose_with_quotes_and_times() {
    // The case that was quadratic: every claim of a paragraph compared with every other.
    let unit = "\"We will never sign this treaty,\" Foreign Minister Anna Petrosyan said on Monday. \
                The talks resumed in Yerevan, officials said, and the ministry warned that costs would rise. ";
    let claims = assert_linear("one line of prose", unit);
    assert!(claims > 0, "the prose has claims");
}

#[test]
#[cfg_attr(debug_assertions, ignore = "times 10 MB documents: run with --release")]
fn one_hundred_thousand_quote_marks() {
    let engine = engine();
    for text in ["\"".repeat(100_000), "\" ".repeat(100_000), "“”".repeat(50_000), "\"a\" ".repeat(100_000)] {
        let doc = Document { id: "quotes", text: &text, published: None };
        let extraction = engine.extract(&doc).expect("read");
        assert_spans_inside(&text, &extraction);
    }
    assert_linear("straight quote marks", "\"");
    assert_linear("quoted words", "\"a\" ");
}

#[test]
#[cfg_attr(debug_assertions, ignore = "times 10 MB documents: run with --release")]
fn only_opening_quotes() {
    assert_linear("opening quotes between words", "“ he said ");
    // Only quote marks: every two or three bytes are a 32-byte token, so 10 MB of them make a
    // 110–160 MB token array where 1 MB makes 11–16 MB that stays in the 32 MB cache. The 10 MB
    // run is then bound by memory bandwidth (measured 17–24× the 1 MB time), which a time ratio
    // cannot tell from complexity: these count the work instead.
    assert_linear_work("only opening curly quotes", "“");
    assert_linear_work("only guillemets", "«");
}

/// Runs one extraction of `unit` repeated to `bytes`, when this test binary is started by
/// [`instructions`] under valgrind; otherwise does nothing.
#[test]
fn probe() {
    let (Ok(unit), Ok(bytes)) = (std::env::var("CLAIMEX_PROBE_UNIT"), std::env::var("CLAIMEX_PROBE_BYTES")) else { return };
    let text = repeated(&unit, bytes.parse().expect("CLAIMEX_PROBE_BYTES is a byte count"));
    let doc = Document { id: "probe", text: &text, published: None };
    let extraction = engine().extract(&doc).expect("a non-blank text under the limit is read");
    assert_spans_inside(&text, &extraction);
}

/// The instructions this test binary executes to run [`probe`] on `unit` repeated to `bytes`,
/// counted by valgrind's callgrind: a count of the work done, the same on every run and on any
/// load, unlike a time. None if valgrind is not installed (`.ci/run` installs it).
fn instructions(unit: &str, bytes: usize) -> Option<u64> {
    let exe = std::env::current_exe().expect("the test binary's path");
    let output = std::process::Command::new("valgrind")
        .args(["--tool=callgrind", "--callgrind-out-file=/dev/null"])
        .arg(exe)
        .args(["--exact", "probe", "--test-threads=1", "--quiet"])
        .env("CLAIMEX_PROBE_UNIT", unit)
        .env("CLAIMEX_PROBE_BYTES", bytes.to_string())
        .output()
        .ok()?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "the probe failed under valgrind:\n{stderr}");
    // "==123== Collected : 4567890"
    let collected = stderr.lines().find_map(|line| line.split_once("Collected :").map(|(_, n)| n.trim().to_string()));
    Some(collected.and_then(|n| n.parse().ok()).unwrap_or_else(|| panic!("no instruction count in valgrind's output:\n{stderr}")))
}

/// `unit` repeated to 1 MB and to 10 MB: the larger executes at most 20× the instructions.
/// Under `CI=true` a missing valgrind fails the test; elsewhere it skips it with a note.
fn assert_linear_work(kind: &str, unit: &str) {
    let Some(small) = instructions(unit, SMALL) else {
        assert!(std::env::var_os("CI").is_none(), "valgrind is needed to count the work of {kind:?} (apt-get install valgrind)");
        eprintln!("{kind}: skipped, valgrind is not installed");
        return;
    };
    let large = instructions(unit, LARGE).expect("valgrind ran for the 1 MB input");
    let ratio = large as f64 / small as f64;
    eprintln!("{kind}: 1 MB {small} instructions, 10 MB {large}, ratio {ratio:.1}");
    assert!(ratio <= MAX_RATIO, "{kind}: 10 MB took {ratio:.1}× the instructions of 1 MB (at most {MAX_RATIO}× expected)");
}

#[test]
#[cfg_attr(debug_assertions, ignore = "times 10 MB documents: run with --release")]
fn deeply_repeated_cue_verbs() {
    assert_linear("said said said", "said ");
    assert_linear("he said he said", "He said ");
    assert_linear("according to according to", "according to ");
    assert_linear("mixed cues", "told warned claimed says added, adding ");
}

#[test]
#[cfg_attr(debug_assertions, ignore = "times 10 MB documents: run with --release")]
fn control_characters() {
    assert_linear("control characters", "\u{0}\u{1}\u{7}\u{8}\u{b}\u{c}\u{1b}\u{7f}\r\u{85}\u{2028}\u{2029}x");
    assert_linear("control characters in a claim", "\u{0}\"We will\u{7} act,\"\u{1b} he said\u{0}.\r\n");
}

#[test]
#[cfg_attr(debug_assertions, ignore = "times 10 MB documents: run with --release")]
fn every_unicode_quote_style() {
    let styles = "\"straight\" 'single' “curly” ‘curly single’ «guillemets» ‹single guillemets› „low“ ‚low single‘ \
                  「corner」 『white corner』 〝double prime〞 ＂fullwidth＂ ❝ornament❞ ❛ornament single❜ ⹂reversed \
                  »inverted« ›inverted single‹ ";
    // A line of quote marks runs through the engine at several hundred MB/s, so the 10 MB run
    // is bound by memory bandwidth (ratios of 15–25× on a shared machine): count the work.
    assert_linear_work("every quote style", styles);
    assert_linear_work("every quote style as claims", &format!("{styles} the minister said. "));
}

#[test]
#[cfg_attr(debug_assertions, ignore = "times 10 MB documents: run with --release")]
fn right_to_left_text() {
    assert_linear("arabic and hebrew", "قال الوزير \"لن نوقع هذه المعاهدة\" يوم الاثنين. אמר השר ״לא נחתום״. ");
    assert_linear("bidi overrides", "\u{202e}\"We will never sign,\" he said.\u{202c} \u{200f}\u{2067}said\u{2069} ");
}

#[test]
fn only_white_space_is_an_empty_text() {
    let engine = engine();
    for unit in [" ", "\n", "\t", "\r\n", "\u{a0}", "\u{3000}", "\u{2028}", " \u{2003}\u{205f}\n"] {
        for bytes in [1, SMALL, LARGE] {
            let text = repeated(unit, bytes);
            let doc = Document { id: "blank", text: &text, published: None };
            assert_eq!(engine.extract(&doc).expect_err("blank"), Error::EmptyText, "{unit:?} × {bytes}");
        }
    }
}

#[test]
fn over_the_limit_is_refused_before_any_work() {
    let engine = Engine::default();
    let text = repeated("He said ", 2 * SMALL);
    let doc = Document { id: "big", text: &text, published: None };
    assert!(matches!(engine.extract(&doc), Err(Error::TextTooLarge { .. })));
}
