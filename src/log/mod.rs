//! The embedded claim log: an append-only sequence of checksummed records in segment files under
//! `<data dir>/claims/`, each file named by the sequence of its first record
//! (`00000000000000000001.seg`). Sequences start at 1 and have no gaps.
//!
//! - **Durability**: [`Writer::append`] writes a whole batch, then `fsync`s it, and only then
//!   publishes the batch's last sequence as committed. Readers never go past the committed
//!   sequence, so they never serve a record that a crash could take back.
//! - **Recovery**: on open, the last segment is read from its start; the first record that is
//!   short, over the length limit, out of sequence or fails its checksum marks a torn tail, which
//!   is cut (the file truncated and synced) before anything is served. A failed write is cut back
//!   the same way at once, so good records never follow a torn one; if even that fails the
//!   writer refuses further appends.
//! - **Retention**: whole segments go, oldest first, while the log is over its byte budget or
//!   the next segment starts before the age cutoff; the segment being written is never removed.
//! - **Reading**: every subscriber has its own [`Reader`] with its own file handle and position,
//!   reading at its own pace; a reader that falls behind retention gets
//!   [`Error::BeforeRetention`].

mod record;

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufReader, Write as _};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tokio::sync::watch;
use tracing::{debug, info, warn};

use crate::error::Error;
pub use record::{MAX_PAYLOAD_BYTES, Record};
use record::Next;

const SEGMENT_SUFFIX: &str = "seg";

/// How much the log keeps and how it is cut into files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    /// Records older than this may go (whole segments at a time). `None`: no age limit.
    pub max_age: Option<Duration>,
    /// Bytes of records kept at most, the active segment excepted.
    pub max_bytes: u64,
    /// A segment is closed and a new one started once it holds this many bytes.
    pub segment_bytes: u64,
}

impl Default for Retention {
    fn default() -> Self {
        Retention { max_age: Some(Duration::from_secs(7 * 24 * 3600)), max_bytes: 1 << 30, segment_bytes: 16 << 20 }
    }
}

/// Where a reader starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    Oldest,
    Newest,
    Sequence(u64),
    /// The first record logged at or after this instant (unix nanos).
    Time(i64),
}

/// The shared, read side of the log. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Log {
    shared: Arc<Shared>,
}

#[derive(Debug)]
struct Shared {
    dir: PathBuf,
    retention: Retention,
    segments: Mutex<Vec<Segment>>,
    /// The last durable sequence (0 while the log has never held a record).
    committed: watch::Sender<u64>,
}

#[derive(Debug, Clone)]
struct Segment {
    base: u64,
    /// When its first record was logged; `None` while it is empty.
    first_logged_at: Option<i64>,
    bytes: u64,
    path: PathBuf,
}

/// The one appender. Owned by the writer thread.
#[derive(Debug)]
pub struct Writer {
    shared: Arc<Shared>,
    file: File,
    active_bytes: u64,
    next_sequence: u64,
    last_logged_at: i64,
    /// Set when a failed write could not be cut back: appending more could bury a torn record.
    poisoned: Option<String>,
}

impl Log {
    /// Opens (or creates) the log in `data_dir/claims`, cutting a torn tail.
    pub fn open(data_dir: &Path, retention: Retention) -> io::Result<(Log, Writer)> {
        let dir = data_dir.join("claims");
        fs::create_dir_all(&dir)?;
        let mut segments = list_segments(&dir)?;
        if segments.is_empty() {
            segments.push(create_segment(&dir, 1)?);
        }
        let closed = segments.len() - 1;
        for segment in &mut segments[..closed] {
            segment.first_logged_at = first_logged_at(&segment.path)?;
        }
        let last = segments.last_mut().expect("at least one segment");
        let tail = recover_tail(last)?;
        let next_sequence = tail.last_sequence.map_or(last.base, |sequence| sequence + 1);
        let file = OpenOptions::new().append(true).open(&last.path)?;
        let active_bytes = last.bytes;
        let oldest = segments[0].base;
        info!(dir = %dir.display(), segments = segments.len(), oldest, next_sequence, "claim log opened");
        let (committed, _) = watch::channel(next_sequence - 1);
        let shared = Arc::new(Shared { dir, retention, segments: Mutex::new(segments), committed });
        let writer = Writer {
            shared: shared.clone(),
            file,
            active_bytes,
            next_sequence,
            last_logged_at: tail.last_logged_at.unwrap_or(i64::MIN),
            poisoned: None,
        };
        Ok((Log { shared }, writer))
    }

    /// The last durable sequence, 0 when there has been none.
    pub fn committed(&self) -> u64 {
        *self.shared.committed.borrow()
    }

    /// Watches the committed sequence.
    pub fn watch_committed(&self) -> watch::Receiver<u64> {
        self.shared.committed.subscribe()
    }

    /// The oldest sequence still retained (the next one to be written when the log is empty).
    pub fn oldest(&self) -> u64 {
        self.shared.segments().first().map_or(1, |segment| segment.base)
    }

    /// Removes the segments that retention no longer keeps. Cheap when there are none.
    pub fn enforce_retention(&self) -> io::Result<()> {
        self.shared.enforce_retention(now_nanos())
    }

    /// A reader positioned at `start`. Positions before retention are [`Error::BeforeRetention`].
    pub fn reader(&self, start: Start) -> Result<Reader, Error> {
        let committed = self.committed();
        let oldest = self.oldest();
        let target = match start {
            Start::Oldest => oldest,
            Start::Newest => committed + 1,
            Start::Sequence(sequence) if sequence < oldest => {
                return Err(Error::BeforeRetention { requested: sequence, oldest });
            }
            Start::Sequence(sequence) => sequence,
            Start::Time(_) => oldest,
        };
        let not_before = match start {
            Start::Time(at) => Some(at),
            Start::Oldest | Start::Newest | Start::Sequence(_) => None,
        };
        let next = match not_before {
            // From the last segment that starts at or before the instant.
            Some(at) => {
                let segments = self.shared.segments();
                segments
                    .iter()
                    .rev()
                    .find(|segment| segment.first_logged_at.is_some_and(|first| first <= at))
                    .map_or(oldest, |segment| segment.base)
            }
            None => target,
        };
        let reader = Reader { shared: self.shared.clone(), file: None, next, not_before };
        Ok(reader)
    }
}

impl Shared {
    fn segments(&self) -> MutexGuard<'_, Vec<Segment>> {
        // A panic while holding the lock leaves the list consistent (every update is one push,
        // one remove or one field store), so a poisoned lock is still usable.
        self.segments.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn enforce_retention(&self, now: i64) -> io::Result<()> {
        let cutoff = self.retention.max_age.map(|age| now.saturating_sub(i64::try_from(age.as_nanos()).unwrap_or(i64::MAX)));
        let mut removed = Vec::new();
        {
            let mut segments = self.segments();
            loop {
                if segments.len() < 2 {
                    break;
                }
                let closed_bytes: u64 = segments[..segments.len() - 1].iter().map(|s| s.bytes).sum();
                let over_budget = closed_bytes > self.retention.max_bytes;
                // Every record of a segment is older than the first record of the next one.
                let expired = match (cutoff, segments[1].first_logged_at) {
                    (Some(cutoff), Some(next_first)) => next_first < cutoff,
                    _ => false,
                };
                if !(over_budget || expired) {
                    break;
                }
                removed.push(segments.remove(0));
            }
        }
        for segment in removed {
            fs::remove_file(&segment.path)?;
            info!(segment = %segment.path.display(), base = segment.base, bytes = segment.bytes, "claim log segment removed by retention");
        }
        Ok(())
    }
}

impl Writer {
    /// Appends the payloads as consecutive records, durably; returns the sequence of the first.
    pub fn append(&mut self, payloads: &[Vec<u8>]) -> Result<u64, Error> {
        if let Some(reason) = &self.poisoned {
            return Err(Error::LogUnavailable { reason: reason.clone() });
        }
        if payloads.is_empty() {
            return Ok(self.next_sequence);
        }
        if self.active_bytes >= self.shared.retention.segment_bytes {
            self.roll().map_err(|err| unavailable("starting a new segment", &err))?;
        }
        let logged_at = now_nanos().max(self.last_logged_at);
        let first = self.next_sequence;
        let mut buf = Vec::with_capacity(payloads.iter().map(|p| p.len() + 24).sum());
        for (i, payload) in payloads.iter().enumerate() {
            if payload.len() > MAX_PAYLOAD_BYTES as usize {
                return Err(Error::LogUnavailable { reason: format!("a record of {} bytes is over the limit", payload.len()) });
            }
            record::encode(first + i as u64, logged_at, payload, &mut buf);
        }
        if let Err(err) = self.file.write_all(&buf).and_then(|()| self.file.sync_data()) {
            self.cut_back();
            return Err(unavailable("writing", &err));
        }
        let last = first + payloads.len() as u64 - 1;
        self.active_bytes += buf.len() as u64;
        self.next_sequence = last + 1;
        self.last_logged_at = logged_at;
        {
            let mut segments = self.shared.segments();
            let active = segments.last_mut().expect("the active segment is listed");
            active.bytes = self.active_bytes;
            active.first_logged_at.get_or_insert(logged_at);
        }
        self.shared.committed.send_replace(last);
        Ok(first)
    }

    /// Truncates the active segment back to its last good record after a failed write.
    fn cut_back(&mut self) {
        let cut = self.file.set_len(self.active_bytes).and_then(|()| self.file.sync_data());
        if let Err(err) = cut {
            let reason = format!("a failed write could not be cut back: {err}");
            warn!(error = %err, "claim log refuses further appends");
            self.poisoned = Some(reason);
        }
    }

    fn roll(&mut self) -> io::Result<()> {
        let segment = create_segment(&self.shared.dir, self.next_sequence)?;
        self.file = OpenOptions::new().append(true).open(&segment.path)?;
        self.active_bytes = 0;
        debug!(segment = %segment.path.display(), base = segment.base, "claim log segment started");
        self.shared.segments().push(segment);
        self.shared.enforce_retention(now_nanos())
    }
}

/// A subscriber's cursor: its own file handle and the next sequence it returns.
#[derive(Debug)]
pub struct Reader {
    shared: Arc<Shared>,
    /// The segment being read (its base) and the handle, positioned at or before record `next`.
    /// Opened lazily, once `next` is committed, so that a position past the newest works.
    file: Option<(u64, BufReader<File>)>,
    next: u64,
    /// For a start by time: records logged before this are read past, not returned.
    not_before: Option<i64>,
}

impl Reader {
    /// Up to `max_records` committed records from the current position (none when caught up).
    /// Blocking file I/O: call it off the async workers.
    pub fn read(&mut self, max_records: usize) -> Result<Vec<Record>, Error> {
        let committed = *self.shared.committed.borrow();
        let mut records = Vec::new();
        while records.len() < max_records && self.next <= committed {
            if self.file.is_none() {
                self.open_segment_for(self.next)?;
            }
            let (base, file) = self.file.as_mut().expect("opened above");
            let base = *base;
            match record::read(file).map_err(|err| unavailable("reading", &err))? {
                // Before the position: a segment is read from its start.
                Next::Record(record) if record.sequence < self.next => {}
                Next::Record(record) if record.sequence == self.next => {
                    self.next += 1;
                    if self.not_before.is_some_and(|at| record.logged_at < at) {
                        continue;
                    }
                    self.not_before = None;
                    records.push(record);
                }
                Next::Record(record) => {
                    return Err(corrupt(base, format!("record {} where {} was expected", record.sequence, self.next)));
                }
                // The segment ends: the next record is in a later segment.
                Next::End => {
                    self.file = None;
                    if self.segment_base_for(self.next)? == base {
                        return Err(corrupt(base, format!("record {} is missing", self.next)));
                    }
                }
                Next::Invalid { reason } => return Err(corrupt(base, format!("record {}: {reason}", self.next))),
            }
        }
        Ok(records)
    }

    /// The base of the segment that holds `sequence`.
    fn segment_base_for(&self, sequence: u64) -> Result<u64, Error> {
        let segments = self.shared.segments();
        let oldest = segments.first().map_or(1, |segment| segment.base);
        segments
            .iter()
            .rev()
            .find(|segment| segment.base <= sequence)
            .map(|segment| segment.base)
            .ok_or(Error::BeforeRetention { requested: sequence, oldest })
    }

    fn open_segment_for(&mut self, sequence: u64) -> Result<(), Error> {
        let base = self.segment_base_for(sequence)?;
        let file = match File::open(segment_path(&self.shared.dir, base)) {
            Ok(file) => file,
            // Removed by retention between the lookup and the open.
            Err(err) if err.kind() == io::ErrorKind::NotFound => {
                let oldest = self.shared.segments().first().map_or(1, |segment| segment.base);
                return Err(Error::BeforeRetention { requested: sequence, oldest });
            }
            Err(err) => return Err(unavailable("opening a segment of", &err)),
        };
        self.file = Some((base, BufReader::with_capacity(64 * 1024, file)));
        Ok(())
    }
}

struct Tail {
    last_sequence: Option<u64>,
    last_logged_at: Option<i64>,
}

/// Reads the last segment whole; cuts it at the first invalid record.
fn recover_tail(segment: &mut Segment) -> io::Result<Tail> {
    let file = File::open(&segment.path)?;
    let len = file.metadata()?.len();
    let mut reader = BufReader::new(file);
    let mut tail = Tail { last_sequence: None, last_logged_at: None };
    let mut valid_bytes = 0u64;
    let mut expected = segment.base;
    let cut_reason = loop {
        match record::read(&mut reader)? {
            Next::End => break None,
            Next::Invalid { reason } => break Some(reason),
            Next::Record(record) if record.sequence != expected => break Some("out of sequence"),
            Next::Record(record) => {
                valid_bytes += record::encoded_len(record.payload.len());
                expected += 1;
                segment.first_logged_at.get_or_insert(record.logged_at);
                tail.last_sequence = Some(record.sequence);
                tail.last_logged_at = Some(record.logged_at);
            }
        }
    };
    if let Some(reason) = cut_reason {
        warn!(
            segment = %segment.path.display(),
            offset = valid_bytes,
            cut_bytes = len - valid_bytes,
            reason,
            "claim log: cutting a torn tail"
        );
        let file = OpenOptions::new().write(true).open(&segment.path)?;
        file.set_len(valid_bytes)?;
        file.sync_all()?;
    }
    segment.bytes = valid_bytes;
    Ok(tail)
}

fn first_logged_at(path: &Path) -> io::Result<Option<i64>> {
    let mut reader = BufReader::new(File::open(path)?);
    Ok(match record::read(&mut reader)? {
        Next::Record(record) => Some(record.logged_at),
        Next::End | Next::Invalid { .. } => None,
    })
}

fn list_segments(dir: &Path) -> io::Result<Vec<Segment>> {
    let mut segments = Vec::new();
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().is_none_or(|ext| ext != SEGMENT_SUFFIX) {
            continue;
        }
        let Some(base) = path.file_stem().and_then(|stem| stem.to_str()).and_then(|stem| stem.parse::<u64>().ok()) else {
            warn!(file = %path.display(), "ignoring a file that is not a claim log segment");
            continue;
        };
        let bytes = fs::metadata(&path)?.len();
        segments.push(Segment { base, first_logged_at: None, bytes, path });
    }
    segments.sort_by_key(|segment| segment.base);
    Ok(segments)
}

fn segment_path(dir: &Path, base: u64) -> PathBuf {
    dir.join(format!("{base:020}.{SEGMENT_SUFFIX}"))
}

/// Creates an empty segment and makes its directory entry durable.
fn create_segment(dir: &Path, base: u64) -> io::Result<Segment> {
    let path = segment_path(dir, base);
    let file = OpenOptions::new().create(true).append(true).open(&path)?;
    file.sync_all()?;
    File::open(dir)?.sync_all()?;
    Ok(Segment { base, first_logged_at: None, bytes: 0, path })
}

fn now_nanos() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
}

fn unavailable(what: &str, err: &io::Error) -> Error {
    Error::LogUnavailable { reason: format!("{what} the embedded log: {err}") }
}

fn corrupt(segment_base: u64, detail: String) -> Error {
    Error::LogCorrupt { detail: format!("segment {segment_base:020}: {detail}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn payloads(range: std::ops::Range<u64>) -> Vec<Vec<u8>> {
        range.map(|i| format!("claim {i}").into_bytes()).collect()
    }

    fn read_all(log: &Log, start: Start) -> Vec<Record> {
        let mut reader = log.reader(start).expect("reader");
        let mut all = Vec::new();
        loop {
            let batch = reader.read(7).expect("read");
            if batch.is_empty() {
                return all;
            }
            all.extend(batch);
        }
    }

    fn sequences(records: &[Record]) -> Vec<u64> {
        records.iter().map(|r| r.sequence).collect()
    }

    fn small(segment_bytes: u64) -> Retention {
        Retention { max_age: None, max_bytes: u64::MAX, segment_bytes }
    }

    #[test]
    fn appends_read_back_in_order_across_segments() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (log, mut writer) = Log::open(dir.path(), small(100)).expect("open");
        assert_eq!(writer.append(&payloads(1..4)).expect("append"), 1);
        assert_eq!(writer.append(&payloads(4..20)).expect("append"), 4);
        assert_eq!(writer.append(&payloads(20..21)).expect("append"), 20);
        assert!(log.shared.segments().len() > 1, "rolled");
        let all = read_all(&log, Start::Oldest);
        assert_eq!(sequences(&all), (1..21).collect::<Vec<_>>());
        assert_eq!(all[4].payload, b"claim 5");
        assert_eq!(sequences(&read_all(&log, Start::Sequence(17))), [17, 18, 19, 20]);
        assert!(read_all(&log, Start::Newest).is_empty());
    }

    #[test]
    fn reopening_continues_the_sequence() {
        let dir = tempfile::tempdir().expect("tempdir");
        {
            let (_, mut writer) = Log::open(dir.path(), small(64)).expect("open");
            writer.append(&payloads(1..6)).expect("append");
        }
        let (log, mut writer) = Log::open(dir.path(), small(64)).expect("reopen");
        assert_eq!(log.committed(), 5);
        assert_eq!(writer.append(&payloads(6..8)).expect("append"), 6);
        assert_eq!(sequences(&read_all(&log, Start::Oldest)), (1..8).collect::<Vec<_>>());
    }

    #[test]
    fn a_torn_tail_is_cut_at_every_length() {
        let dir = tempfile::tempdir().expect("tempdir");
        {
            let (_, mut writer) = Log::open(dir.path(), small(u64::MAX)).expect("open");
            writer.append(&payloads(1..4)).expect("append");
        }
        let path = segment_path(&dir.path().join("claims"), 1);
        let whole = fs::read(&path).expect("read");
        let last_len = record::encoded_len(b"claim 3".len()) as usize;
        let good = whole.len() - last_len;
        for cut in good..whole.len() {
            fs::write(&path, &whole[..cut]).expect("truncate");
            let (log, mut writer) = Log::open(dir.path(), small(u64::MAX)).expect("reopen");
            assert_eq!(fs::metadata(&path).expect("stat").len() as usize, good, "cut at {cut}");
            assert_eq!(sequences(&read_all(&log, Start::Oldest)), [1, 2], "cut at {cut}");
            assert_eq!(writer.append(&payloads(3..4)).expect("append"), 3);
            drop((log, writer));
        }
    }

    #[test]
    fn garbage_after_the_last_record_is_cut() {
        let dir = tempfile::tempdir().expect("tempdir");
        {
            let (_, mut writer) = Log::open(dir.path(), small(u64::MAX)).expect("open");
            writer.append(&payloads(1..3)).expect("append");
        }
        let path = segment_path(&dir.path().join("claims"), 1);
        let good = fs::metadata(&path).expect("stat").len();
        let mut file = OpenOptions::new().append(true).open(&path).expect("open");
        file.write_all(&[0xAB; 1000]).expect("garbage");
        drop(file);
        let (log, _writer) = Log::open(dir.path(), small(u64::MAX)).expect("reopen");
        assert_eq!(fs::metadata(&path).expect("stat").len(), good);
        assert_eq!(sequences(&read_all(&log, Start::Oldest)), [1, 2]);
    }

    #[test]
    fn corruption_before_the_tail_is_reported_not_skipped() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (log, mut writer) = Log::open(dir.path(), small(u64::MAX)).expect("open");
        writer.append(&payloads(1..4)).expect("append");
        let path = segment_path(&dir.path().join("claims"), 1);
        let mut bytes = fs::read(&path).expect("read");
        bytes[record::HEADER_BYTES + 2] ^= 0xFF; // inside the first payload
        fs::write(&path, bytes).expect("write");
        let mut reader = log.reader(Start::Oldest).expect("reader");
        assert!(matches!(reader.read(10), Err(Error::LogCorrupt { .. })));
    }

    #[test]
    fn retention_by_size_drops_old_segments_and_refuses_old_positions() {
        let dir = tempfile::tempdir().expect("tempdir");
        let retention = Retention { max_age: None, max_bytes: 200, segment_bytes: 100 };
        let (log, mut writer) = Log::open(dir.path(), retention).expect("open");
        for i in 1..=40 {
            writer.append(&payloads(i..i + 1)).expect("append");
        }
        let oldest = log.oldest();
        assert!(oldest > 1, "old segments are gone");
        let closed: u64 = log.shared.segments().iter().rev().skip(1).map(|s| s.bytes).sum();
        assert!(closed <= 200, "{closed} bytes kept");
        assert_eq!(log.reader(Start::Sequence(1)).err(), Some(Error::BeforeRetention { requested: 1, oldest }));
        assert_eq!(sequences(&read_all(&log, Start::Oldest)), (oldest..41).collect::<Vec<_>>());
    }

    #[test]
    fn retention_by_age_keeps_the_active_segment() {
        let dir = tempfile::tempdir().expect("tempdir");
        let retention = Retention { max_age: Some(Duration::from_secs(60)), max_bytes: u64::MAX, segment_bytes: 10 };
        let (log, mut writer) = Log::open(dir.path(), retention).expect("open");
        for i in 1..=5 {
            writer.append(&payloads(i..i + 1)).expect("append");
        }
        log.shared.enforce_retention(now_nanos() + 3600 * 1_000_000_000).expect("retention");
        assert_eq!(log.shared.segments().len(), 1);
        assert_eq!(sequences(&read_all(&log, Start::Oldest)), [5]);
    }

    #[test]
    fn time_positions_find_the_first_record_at_or_after() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (log, mut writer) = Log::open(dir.path(), small(60)).expect("open");
        writer.append(&payloads(1..4)).expect("append");
        std::thread::sleep(Duration::from_millis(5));
        let between = now_nanos();
        writer.append(&payloads(4..7)).expect("append");
        assert_eq!(sequences(&read_all(&log, Start::Time(between))), [4, 5, 6]);
        assert_eq!(sequences(&read_all(&log, Start::Time(0))), [1, 2, 3, 4, 5, 6]);
        assert!(read_all(&log, Start::Time(i64::MAX)).is_empty());
    }

    #[test]
    fn a_reader_sees_records_appended_after_it_caught_up() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (log, mut writer) = Log::open(dir.path(), small(50)).expect("open");
        let mut reader = log.reader(Start::Newest).expect("reader");
        assert!(reader.read(10).expect("read").is_empty());
        writer.append(&payloads(1..5)).expect("append");
        assert_eq!(sequences(&reader.read(10).expect("read")), [1, 2, 3, 4]);
        let mut from_future = log.reader(Start::Sequence(6)).expect("a position past the newest waits");
        writer.append(&payloads(5..8)).expect("append");
        assert_eq!(sequences(&from_future.read(10).expect("read")), [6, 7]);
    }
}
