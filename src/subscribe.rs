//! The claim log as the service sees it: extraction calls append their claims, `Subscribe`
//! streams them back. Two backends behind one type: the embedded segment log ([`crate::log`])
//! and the NATS JetStream stream ([`crate::bus`]).
//!
//! **Appending.** A call hands its claims to [`ClaimLog::append`], which puts them on a bounded
//! queue to the one writer (a thread for the embedded log, a task for the bus) and waits for
//! the writer's acknowledgement: the call answers OK only once its claims are durable (synced
//! to disk, or stored by JetStream). The writer takes every batch waiting at once, so that one
//! `fsync` or one round of acknowledgements serves many calls. If the log cannot take them, the
//! call fails with UNAVAILABLE (its client retries; claim ids are stable, so a retry is a
//! duplicate by id at worst), and the failure is logged and counted: nothing is dropped silently.
//!
//! **Subscribing.** Each subscription reads the log at its own pace into a bounded channel to
//! its client: a slow client slows only its own reader, and holds at most `buffer` events plus
//! one read batch in memory.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use prost::Message as _;
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;
use tokio_stream::StreamExt as _;
use tokio_stream::wrappers::ReceiverStream;
use tokio_util::sync::CancellationToken;
use tonic::Status;
use tracing::{Instrument as _, debug, error, info, warn};

use crate::bus::{Bus, Entry};
use crate::error::Error;
use crate::log::{self, Log, Retention, Start};
use crate::proto::{self, ClaimKind, StartPosition, SubscribeRequest, SubscribeResponse};

/// Batches of claims waiting for the writer; past it, appends wait (at most [`ENQUEUE_TIMEOUT`]).
const QUEUE_BATCHES: usize = 1024;
/// How long an append waits for room on a full queue before failing with UNAVAILABLE.
const ENQUEUE_TIMEOUT: Duration = Duration::from_secs(5);
/// Batches the writer takes at once (one fsync or one round of acknowledgements).
const GROUP_BATCHES: usize = 256;
/// Records read from the embedded log per blocking read.
const READ_RECORDS: usize = 256;
/// How often retention runs besides each new segment.
const RETENTION_EVERY: Duration = Duration::from_secs(60);
/// The most entries in one filter of a subscription, and the longest entry.
pub const MAX_FILTER_ENTRIES: usize = 64;
pub const MAX_FILTER_ENTRY_BYTES: usize = 256;

/// Where claims are logged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// The embedded log under this data directory.
    Embedded { data_dir: PathBuf },
    /// A NATS JetStream stream.
    Bus { url: String, stream: String },
}

/// The claim log's configuration. Without a target the server keeps no log: extraction calls
/// log nothing and `Subscribe` is FAILED_PRECONDITION.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub target: Option<Target>,
    pub retention: Retention,
    /// JetStream's duplicate window: a claim published again within it is stored once.
    pub duplicate_window: Duration,
}

impl Default for Config {
    fn default() -> Self {
        Config { target: None, retention: Retention::default(), duplicate_window: Duration::from_secs(120) }
    }
}

/// Claims of one call, on their way to the writer.
struct Batch {
    entries: Vec<Entry>,
    done: oneshot::Sender<Result<(), Error>>,
}

#[derive(Debug, Clone)]
enum Source {
    Embedded(Log),
    Bus(Box<Bus>),
}

/// The open claim log.
#[derive(Debug)]
pub struct ClaimLog {
    source: Source,
    /// Taken on close, so that the writer drains what is queued and stops.
    queue: Mutex<Option<mpsc::Sender<Batch>>>,
    writer: Mutex<Option<JoinHandle<()>>>,
    retention: Option<JoinHandle<()>>,
    failed_appends: Arc<AtomicU64>,
}

impl ClaimLog {
    /// Opens the configured log; `None` when there is none.
    pub async fn open(config: &Config) -> anyhow::Result<Option<Arc<ClaimLog>>> {
        let Some(target) = &config.target else {
            info!("no claim log: extraction calls log nothing and Subscribe is refused");
            return Ok(None);
        };
        let (queue, batches) = mpsc::channel::<Batch>(QUEUE_BATCHES);
        let failed_appends = Arc::new(AtomicU64::new(0));
        let (source, writer, retention) = match target {
            Target::Embedded { data_dir } => {
                let dir = data_dir.clone();
                let retention_config = config.retention;
                let (log, writer) = tokio::task::spawn_blocking(move || Log::open(&dir, retention_config))
                    .await?
                    .map_err(|err| anyhow::anyhow!("opening the claim log in {}: {err}", data_dir.display()))?;
                let span = tracing::Span::current();
                let task = tokio::task::spawn_blocking(move || {
                    let _entered = span.enter();
                    write_embedded(writer, batches);
                });
                let retention = tokio::spawn(enforce_retention(log.clone()));
                (Source::Embedded(log), task, Some(retention))
            }
            Target::Bus { url, stream } => {
                let bus = Bus::connect(url, stream, config.retention, config.duplicate_window).await?;
                let task = tokio::spawn(write_bus(bus.clone(), batches).in_current_span());
                (Source::Bus(Box::new(bus)), task, None)
            }
        };
        Ok(Some(Arc::new(ClaimLog {
            source,
            queue: Mutex::new(Some(queue)),
            writer: Mutex::new(Some(writer)),
            retention,
            failed_appends,
        })))
    }

    /// Logs the claims of one document and waits until they are durable.
    pub async fn append(&self, outlet: &str, claims: &[proto::Claim]) -> Result<(), Error> {
        if claims.is_empty() {
            return Ok(());
        }
        let entries = claims
            .iter()
            .map(|claim| {
                let event = SubscribeResponse {
                    claim: Some(claim.clone()),
                    document_id: claim.document_id.clone(),
                    outlet: outlet.to_owned(),
                    ..Default::default()
                };
                Entry { id: claim.id.clone(), payload: Bytes::from(event.encode_to_vec()) }
            })
            .collect();
        let result = self.enqueue(entries).await;
        if let Err(err) = &result {
            let failed = self.failed_appends.fetch_add(1, Ordering::Relaxed) + 1;
            warn!(error = %err, claims = claims.len(), failed_appends_total = failed, "claims not logged, the call fails");
        }
        result
    }

    async fn enqueue(&self, entries: Vec<Entry>) -> Result<(), Error> {
        let queue = self.queue.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone();
        let Some(queue) = queue else { return Err(Error::ShuttingDown) };
        let (done, acknowledged) = oneshot::channel();
        queue.send_timeout(Batch { entries, done }, ENQUEUE_TIMEOUT).await.map_err(|err| match err {
            mpsc::error::SendTimeoutError::Timeout(_) => Error::LogUnavailable { reason: "the log writer is behind".into() },
            mpsc::error::SendTimeoutError::Closed(_) => Error::LogUnavailable { reason: "the log writer stopped".into() },
        })?;
        acknowledged.await.map_err(|_| Error::LogUnavailable { reason: "the log writer stopped".into() })?
    }

    /// Stops taking claims, lets the writer finish what is queued (at most `grace`), and stops.
    pub async fn close(&self, grace: Duration) {
        drop(self.queue.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take());
        if let Some(retention) = &self.retention {
            retention.abort();
        }
        let writer = self.writer.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take();
        if let Some(writer) = writer {
            match tokio::time::timeout(grace, writer).await {
                Ok(Ok(())) => info!("claim log closed"),
                Ok(Err(err)) => error!(error = %err, "claim log writer failed"),
                Err(_) => warn!(grace_ms = grace.as_millis() as u64, "claim log writer still busy, leaving it"),
            }
        }
    }

    /// Starts a subscription: validates the request, positions a reader and streams events into
    /// a channel of `buffer` until the client leaves, `shutdown` is cancelled (UNAVAILABLE) or
    /// the log fails.
    pub async fn subscribe(
        &self,
        request: &SubscribeRequest,
        shutdown: CancellationToken,
        buffer: usize,
    ) -> Result<ReceiverStream<Result<SubscribeResponse, Status>>, Error> {
        let (start, filter) = parse_request(request)?;
        let (tx, rx) = mpsc::channel(buffer.max(1));
        let span = tracing::Span::current();
        match &self.source {
            Source::Embedded(log) => {
                let reader = log.reader(start)?;
                tokio::spawn(stream_embedded(log.clone(), reader, filter, tx, shutdown).instrument(span));
            }
            Source::Bus(bus) => {
                let messages = bus.messages(start).await?;
                let expected = match start {
                    Start::Sequence(sequence) => Some(sequence),
                    Start::Oldest | Start::Newest | Start::Time(_) => None,
                };
                tokio::spawn(stream_bus(messages, expected, filter, tx, shutdown).instrument(span));
            }
        }
        Ok(ReceiverStream::new(rx))
    }
}

/// The embedded log's writer: takes all waiting batches, appends them with one sync, answers each.
fn write_embedded(mut writer: log::Writer, mut batches: mpsc::Receiver<Batch>) {
    while let Some(first) = batches.blocking_recv() {
        let group = take_group(first, &mut batches);
        let payloads: Vec<Vec<u8>> = group.iter().flat_map(|batch| batch.entries.iter().map(|e| e.payload.to_vec())).collect();
        let result = writer.append(&payloads).map(|_| ());
        if let Err(err) = &result {
            error!(error = %err, claims = payloads.len(), "appending to the claim log failed");
        }
        for batch in group {
            let _ = batch.done.send(result.clone());
        }
    }
    debug!("claim log writer stopped");
}

/// The bus's writer: publishes all waiting batches in one round of acknowledgements.
async fn write_bus(bus: Bus, mut batches: mpsc::Receiver<Batch>) {
    while let Some(first) = batches.recv().await {
        let group = take_group(first, &mut batches);
        let entries: Vec<Entry> = group.iter().flat_map(|batch| batch.entries.iter().cloned()).collect();
        let result = bus.publish(&entries).await;
        if let Err(err) = &result {
            error!(error = %err, claims = entries.len(), "publishing to the claim bus failed");
        }
        for batch in group {
            let _ = batch.done.send(result.clone());
        }
    }
    debug!("claim bus writer stopped");
}

fn take_group(first: Batch, batches: &mut mpsc::Receiver<Batch>) -> Vec<Batch> {
    let mut group = vec![first];
    while group.len() < GROUP_BATCHES {
        match batches.try_recv() {
            Ok(batch) => group.push(batch),
            Err(_) => break,
        }
    }
    group
}

async fn enforce_retention(log: Log) {
    let mut every = tokio::time::interval(RETENTION_EVERY);
    loop {
        every.tick().await;
        let log = log.clone();
        match tokio::task::spawn_blocking(move || log.enforce_retention()).await {
            Ok(Ok(())) => {}
            Ok(Err(err)) => warn!(error = %err, "claim log retention failed"),
            Err(err) => warn!(error = %err, "claim log retention task failed"),
        }
    }
}

type Events = mpsc::Sender<Result<SubscribeResponse, Status>>;

async fn stream_embedded(log: Log, mut reader: log::Reader, filter: Filter, tx: Events, shutdown: CancellationToken) {
    let mut committed = log.watch_committed();
    let mut sent = 0u64;
    loop {
        committed.borrow_and_update();
        let read = tokio::task::spawn_blocking(move || {
            let records = reader.read(READ_RECORDS);
            (reader, records)
        })
        .await;
        let records = match read {
            Ok((back, records)) => {
                reader = back;
                records
            }
            Err(err) => {
                error!(error = %err, "claim log read task failed");
                let _ = tx.send(Err(Error::internal().into())).await;
                return;
            }
        };
        let records = match records {
            Ok(records) => records,
            Err(err) => {
                debug!(error = %err, sent, "subscription ends");
                let _ = tx.send(Err(err.into())).await;
                return;
            }
        };
        if records.is_empty() {
            tokio::select! {
                biased;
                () = shutdown.cancelled() => return end_for_shutdown(&tx, sent).await,
                () = tx.closed() => return debug!(sent, "subscriber left"),
                changed = committed.changed() => if changed.is_err() {
                    return end_for_shutdown(&tx, sent).await;
                },
            }
            continue;
        }
        for record in records {
            let event = match decode(&record.payload, record.sequence, record.logged_at) {
                Ok(event) => event,
                Err(err) => {
                    let _ = tx.send(Err(err.into())).await;
                    return;
                }
            };
            if !filter.matches(&event) {
                continue;
            }
            if !send(&tx, event, &shutdown, &mut sent).await {
                return;
            }
        }
    }
}

/// `expected` is the next sequence due, when known: the stream holds nothing but claims and
/// JetStream numbers them without gaps, so a jump means that retention removed claims before
/// this subscriber read them, and the subscription ends with OUT_OF_RANGE rather than skip them.
async fn stream_bus(
    mut messages: crate::bus::Messages,
    mut expected: Option<u64>,
    filter: Filter,
    tx: Events,
    shutdown: CancellationToken,
) {
    let mut sent = 0u64;
    loop {
        let next = tokio::select! {
            biased;
            () = shutdown.cancelled() => return end_for_shutdown(&tx, sent).await,
            () = tx.closed() => return debug!(sent, "subscriber left"),
            next = messages.next() => next,
        };
        let message = match next {
            Some(Ok(message)) => message,
            Some(Err(err)) => {
                let err = Error::LogUnavailable { reason: format!("reading the NATS stream: {err}") };
                debug!(error = %err, sent, "subscription ends");
                let _ = tx.send(Err(err.into())).await;
                return;
            }
            None => return end_for_shutdown(&tx, sent).await,
        };
        let info = match message.info() {
            Ok(info) => (info.stream_sequence, info.published.timestamp_nanos_opt().unwrap_or(0)),
            Err(err) => {
                let err = Error::LogCorrupt { detail: format!("a NATS message without JetStream metadata: {err}") };
                let _ = tx.send(Err(err.into())).await;
                return;
            }
        };
        if let Some(requested) = expected.filter(|&due| info.0 > due) {
            let err = Error::BeforeRetention { requested, oldest: info.0 };
            debug!(error = %err, sent, "subscription ends");
            let _ = tx.send(Err(err.into())).await;
            return;
        }
        expected = Some(info.0 + 1);
        let event = match decode(&message.payload, info.0, info.1) {
            Ok(event) => event,
            Err(err) => {
                let _ = tx.send(Err(err.into())).await;
                return;
            }
        };
        if filter.matches(&event) && !send(&tx, event, &shutdown, &mut sent).await {
            return;
        }
    }
}

/// Sends one event, waiting for room; false when the subscription is over.
async fn send(tx: &Events, event: SubscribeResponse, shutdown: &CancellationToken, sent: &mut u64) -> bool {
    tokio::select! {
        biased;
        () = shutdown.cancelled() => {
            end_for_shutdown(tx, *sent).await;
            false
        }
        result = tx.send(Ok(event)) => {
            *sent += 1;
            result.is_ok() || { debug!(sent = *sent - 1, "subscriber left"); false }
        }
    }
}

async fn end_for_shutdown(tx: &Events, sent: u64) {
    debug!(sent, "subscription ends for shutdown");
    let _ = tx.send(Err(Error::ShuttingDown.into())).await;
}

fn decode(payload: &[u8], sequence: u64, logged_at: i64) -> Result<SubscribeResponse, Error> {
    let mut event = SubscribeResponse::decode(payload)
        .map_err(|err| Error::LogCorrupt { detail: format!("record {sequence} does not decode: {err}") })?;
    event.sequence = sequence;
    event.logged_at = Some(pbjson_types::Timestamp {
        seconds: logged_at.div_euclid(1_000_000_000),
        nanos: logged_at.rem_euclid(1_000_000_000) as i32,
    });
    Ok(event)
}

/// A subscription's filters, checked. Empty lists match anything.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    speaker_names: Vec<String>,
    kinds: Vec<i32>,
    document_ids: Vec<String>,
    outlets: Vec<String>,
}

impl Filter {
    pub fn matches(&self, event: &SubscribeResponse) -> bool {
        let Some(claim) = &event.claim else { return false };
        let speaker = claim.speaker.as_ref().map_or("", |speaker| speaker.name.as_str());
        (self.speaker_names.is_empty() || self.speaker_names.iter().any(|name| name.eq_ignore_ascii_case(speaker)))
            && (self.kinds.is_empty() || self.kinds.contains(&claim.kind))
            && (self.document_ids.is_empty() || self.document_ids.contains(&event.document_id))
            && (self.outlets.is_empty() || self.outlets.iter().any(|outlet| outlet.eq_ignore_ascii_case(&event.outlet)))
    }
}

/// Checks a request: its start position and its filters.
pub fn parse_request(request: &SubscribeRequest) -> Result<(Start, Filter), Error> {
    let invalid = |field: &'static str, reason: String| Error::InvalidSubscription { field, reason };
    let position = StartPosition::try_from(request.start)
        .map_err(|_| invalid("start", format!("is {}, not a StartPosition", request.start)))?;
    if request.start_sequence != 0 && position != StartPosition::Sequence {
        return Err(invalid("start_sequence", "is set but `start` is not START_POSITION_SEQUENCE".into()));
    }
    if request.start_time.is_some() && position != StartPosition::Time {
        return Err(invalid("start_time", "is set but `start` is not START_POSITION_TIME".into()));
    }
    let start = match position {
        StartPosition::Unspecified | StartPosition::Newest => Start::Newest,
        StartPosition::Oldest => Start::Oldest,
        StartPosition::Sequence if request.start_sequence == 0 => {
            return Err(invalid("start_sequence", "is 0: sequences start at 1".into()));
        }
        StartPosition::Sequence => Start::Sequence(request.start_sequence),
        StartPosition::Time => {
            let time = request.start_time.ok_or_else(|| invalid("start_time", "is missing: START_POSITION_TIME needs it".into()))?;
            let at: chrono::DateTime<chrono::Utc> =
                time.try_into().map_err(|_| invalid("start_time", "is not a valid timestamp".into()))?;
            Start::Time(at.timestamp_nanos_opt().unwrap_or(if at.timestamp() < 0 { i64::MIN } else { i64::MAX }))
        }
    };
    let kinds = checked_list("kinds", &request.kinds, |&kind| match ClaimKind::try_from(kind) {
        Ok(ClaimKind::Unspecified) => Err("has CLAIM_KIND_UNSPECIFIED: name the kinds wanted".into()),
        Ok(_) => Ok(kind),
        Err(_) => Err(format!("has {kind}, not a ClaimKind")),
    })?;
    let text = |value: &String| {
        if value.trim().is_empty() {
            Err("has an empty entry".to_owned())
        } else if value.len() > MAX_FILTER_ENTRY_BYTES {
            Err(format!("has an entry of {} bytes, over the limit of {MAX_FILTER_ENTRY_BYTES}", value.len()))
        } else {
            Ok(value.clone())
        }
    };
    Ok((
        start,
        Filter {
            speaker_names: checked_list("speaker_names", &request.speaker_names, text)?,
            kinds,
            document_ids: checked_list("document_ids", &request.document_ids, text)?,
            outlets: checked_list("outlets", &request.outlets, text)?,
        },
    ))
}

fn checked_list<T, U>(field: &'static str, values: &[T], check: impl Fn(&T) -> Result<U, String>) -> Result<Vec<U>, Error> {
    if values.len() > MAX_FILTER_ENTRIES {
        return Err(Error::InvalidSubscription {
            field,
            reason: format!("has {} entries, over the limit of {MAX_FILTER_ENTRIES}", values.len()),
        });
    }
    values.iter().map(|value| check(value).map_err(|reason| Error::InvalidSubscription { field, reason })).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(speaker: &str, kind: ClaimKind, document_id: &str, outlet: &str) -> SubscribeResponse {
        SubscribeResponse {
            claim: Some(proto::Claim {
                kind: kind as i32,
                speaker: Some(proto::Speaker { name: speaker.into(), ..Default::default() }),
                document_id: document_id.into(),
                ..Default::default()
            }),
            document_id: document_id.into(),
            outlet: outlet.into(),
            ..Default::default()
        }
    }

    fn field_of(result: Result<(Start, Filter), Error>) -> &'static str {
        match result {
            Err(Error::InvalidSubscription { field, .. }) => field,
            other => panic!("not an invalid subscription: {other:?}"),
        }
    }

    #[test]
    fn start_positions() {
        let parse = |request: SubscribeRequest| parse_request(&request).map(|(start, _)| start);
        assert_eq!(parse(SubscribeRequest::default()), Ok(Start::Newest));
        assert_eq!(parse(SubscribeRequest { start: StartPosition::Oldest as i32, ..Default::default() }), Ok(Start::Oldest));
        let resume = SubscribeRequest { start: StartPosition::Sequence as i32, start_sequence: 42, ..Default::default() };
        assert_eq!(parse(resume), Ok(Start::Sequence(42)));
        let at = SubscribeRequest {
            start: StartPosition::Time as i32,
            start_time: Some(pbjson_types::Timestamp { seconds: 2, nanos: 5 }),
            ..Default::default()
        };
        assert_eq!(parse(at), Ok(Start::Time(2_000_000_005)));
    }

    #[test]
    fn bad_requests_name_their_field() {
        let cases = [
            (SubscribeRequest { start: 99, ..Default::default() }, "start"),
            (SubscribeRequest { start: StartPosition::Sequence as i32, ..Default::default() }, "start_sequence"),
            (SubscribeRequest { start_sequence: 3, ..Default::default() }, "start_sequence"),
            (SubscribeRequest { start: StartPosition::Time as i32, ..Default::default() }, "start_time"),
            (SubscribeRequest { kinds: vec![0], ..Default::default() }, "kinds"),
            (SubscribeRequest { kinds: vec![17], ..Default::default() }, "kinds"),
            (SubscribeRequest { speaker_names: vec![" ".into()], ..Default::default() }, "speaker_names"),
            (SubscribeRequest { outlets: vec!["x".into(); MAX_FILTER_ENTRIES + 1], ..Default::default() }, "outlets"),
            (SubscribeRequest { document_ids: vec!["d".repeat(MAX_FILTER_ENTRY_BYTES + 1)], ..Default::default() }, "document_ids"),
        ];
        for (request, field) in cases {
            assert_eq!(field_of(parse_request(&request)), field, "{request:?}");
            let status = Status::from(parse_request(&request).expect_err("invalid"));
            assert_eq!(status.code(), tonic::Code::InvalidArgument);
        }
    }

    #[test]
    fn filters_combine_with_and_entries_with_or() {
        let request = SubscribeRequest {
            speaker_names: vec!["anna petrosyan".into(), "The ministry".into()],
            kinds: vec![ClaimKind::Direct as i32],
            outlets: vec!["example wire".into()],
            ..Default::default()
        };
        let (_, filter) = parse_request(&request).expect("valid");
        assert!(filter.matches(&event("Anna Petrosyan", ClaimKind::Direct, "d1", "Example Wire")));
        assert!(filter.matches(&event("the ministry", ClaimKind::Direct, "d2", "EXAMPLE WIRE")));
        assert!(!filter.matches(&event("Anna Petrosyan", ClaimKind::Indirect, "d1", "Example Wire")));
        assert!(!filter.matches(&event("Someone Else", ClaimKind::Direct, "d1", "Example Wire")));
        assert!(!filter.matches(&event("Anna Petrosyan", ClaimKind::Direct, "d1", "Other Outlet")));
        let (_, by_document) = parse_request(&SubscribeRequest { document_ids: vec!["d1".into()], ..Default::default() }).expect("valid");
        assert!(by_document.matches(&event("x", ClaimKind::Mixed, "d1", "")));
        assert!(!by_document.matches(&event("x", ClaimKind::Mixed, "D1", "")));
        assert!(Filter::default().matches(&event("", ClaimKind::Unspecified, "", "")));
    }
}
