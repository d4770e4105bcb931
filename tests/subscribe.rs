//! Subscribe end to end: the embedded claim log (in process, and the binary across a kill, a
//! torn tail and a restart) and the NATS JetStream bus shared by three `claimex` processes.
//!
//! The bus tests start a real `nats-server` (from `NATS_SERVER_BIN` or the PATH) on a free
//! 127.0.0.1 port. Without one they are skipped with a message, except under CI=true, where
//! they fail: `.ci/run` installs it.

use std::collections::{BTreeMap, HashSet};
use std::fs::{File, OpenOptions};
use std::io::{BufRead as _, BufReader, Write as _};
use std::net::{SocketAddr, TcpListener as StdListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use claimex::error::OLDEST_SEQUENCE_METADATA;
use claimex::log::Retention;
use claimex::proto::claim_extractor_client::ClaimExtractorClient;
use claimex::proto::{
    ClaimKind, Document, ExtractClaimsRequest, ExtractDocumentsRequest, ExtractOptions, ExtractRequest, StartPosition,
    SubscribeRequest, SubscribeResponse,
};
use claimex::server::{self, Config};
use claimex::subscribe::{self, Target};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use tokio_stream::StreamExt as _;
use tonic::transport::Channel;
use tonic::{Code, Streaming};

/// Every wait in these tests ends by itself.
const WAIT: Duration = Duration::from_secs(30);

fn text(i: usize) -> String {
    format!(
        "\"We will never sign treaty number {i},\" Foreign Minister Anna Petrosyan said on Monday. \
         The ministry said the talks on item {i} would resume in Yerevan."
    )
}

fn document(id: &str, i: usize) -> Document {
    Document {
        id: id.into(),
        text: text(i),
        outlet: if i.is_multiple_of(2) { "Example Wire".into() } else { "Other Post".into() },
        published_at: Some(pbjson_types::Timestamp { seconds: 1_709_294_400, nanos: 0 }),
        ..Default::default()
    }
}

fn subscribe_from(start: StartPosition, start_sequence: u64) -> SubscribeRequest {
    SubscribeRequest { start: start as i32, start_sequence, ..Default::default() }
}

async fn connect(addr: SocketAddr) -> ClaimExtractorClient<Channel> {
    let channel = Channel::from_shared(format!("http://{addr}")).expect("uri").connect().await.expect("connect");
    ClaimExtractorClient::new(channel)
}

/// Extracts one document and returns the ids of its claims (the call answers once they are logged).
async fn extract(client: &mut ClaimExtractorClient<Channel>, doc: Document) -> Vec<String> {
    let response = client.extract(ExtractRequest { document: Some(doc), options: None }).await.expect("extract").into_inner();
    assert!(!response.claims.is_empty(), "the test documents have claims");
    response.claims.into_iter().map(|claim| claim.id).collect()
}

/// Reads events until `done` says so, bounded by [`WAIT`].
async fn read_until(stream: &mut Streaming<SubscribeResponse>, mut done: impl FnMut(&[SubscribeResponse]) -> bool) -> Vec<SubscribeResponse> {
    let mut events = Vec::new();
    tokio::time::timeout(WAIT, async {
        while !done(&events) {
            match stream.message().await {
                Ok(Some(event)) => events.push(event),
                Ok(None) => panic!("the subscription ended after {} events", events.len()),
                Err(status) => panic!("the subscription failed after {} events: {status:?}", events.len()),
            }
        }
    })
    .await
    .unwrap_or_else(|_| panic!("timed out with {} events", events.len()));
    events
}

fn ids(events: &[SubscribeResponse]) -> Vec<String> {
    events.iter().map(|event| event.claim.as_ref().expect("a claim").id.clone()).collect()
}

fn sequences(events: &[SubscribeResponse]) -> Vec<u64> {
    events.iter().map(|event| event.sequence).collect()
}

// ---- the embedded log, in process ------------------------------------------------------------

struct TestServer {
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<anyhow::Result<()>>,
}

impl TestServer {
    async fn start(config: Config) -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(server::serve(config, listener, async {
            let _ = stopped.await;
        }));
        TestServer { addr, stop: Some(stop), task }
    }

    async fn embedded(data_dir: &Path, retention: Retention) -> TestServer {
        let claim_log = subscribe::Config {
            target: Some(Target::Embedded { data_dir: data_dir.to_owned() }),
            retention,
            ..Default::default()
        };
        TestServer::start(Config { claim_log, shutdown_grace: Duration::from_secs(2), ..Default::default() }).await
    }

    fn trigger_stop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }

    async fn stop(mut self) {
        self.trigger_stop();
        tokio::time::timeout(WAIT, self.task).await.expect("stops in time").expect("task").expect("serve returns ok");
    }
}

#[tokio::test]
async fn every_extraction_call_logs_its_claims_in_order_and_dry_runs_do_not() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = TestServer::embedded(dir.path(), Retention::default()).await;
    let mut client = connect(server.addr).await;

    let mut expected = extract(&mut client, document("unary", 0)).await;
    let request = ExtractClaimsRequest { document: Some(document("streamed", 1)), options: None };
    let streamed: Vec<String> = client
        .extract_claims(request)
        .await
        .expect("ok")
        .into_inner()
        .map(|message| message.expect("ok").claim.expect("claim").id)
        .collect()
        .await;
    expected.extend(streamed);
    let batch = client
        .extract_documents(tokio_stream::iter([ExtractDocumentsRequest { document: Some(document("batched", 2)), options: None }]))
        .await
        .expect("ok")
        .into_inner()
        .collect::<Result<Vec<_>, _>>()
        .await
        .expect("ok");
    let Some(claimex::proto::extract_documents_response::Outcome::Result(result)) = &batch[0].outcome else {
        panic!("no result: {batch:?}")
    };
    expected.extend(result.claims.iter().map(|claim| claim.id.clone()));
    let dry = ExtractRequest {
        document: Some(document("dry", 3)),
        options: Some(ExtractOptions { dry_run: true, ..Default::default() }),
    };
    client.extract(dry).await.expect("a dry run answers");

    let mut stream = client.subscribe(subscribe_from(StartPosition::Oldest, 0)).await.expect("subscribe").into_inner();
    let events = read_until(&mut stream, |events| events.len() >= expected.len()).await;
    assert_eq!(ids(&events), expected, "every logged claim, in call order");
    assert_eq!(sequences(&events), (1..=expected.len() as u64).collect::<Vec<_>>());
    for event in &events {
        assert_eq!(event.document_id, event.claim.as_ref().expect("claim").document_id);
        assert!(event.logged_at.is_some());
    }
    assert_eq!(events[0].outlet, "Example Wire");

    // Live: a claim logged after the subscriber caught up arrives, and the dry run's never did.
    let live = extract(&mut client, document("live", 4)).await;
    let more = read_until(&mut stream, |events| events.len() >= live.len()).await;
    assert_eq!(ids(&more), live);
    assert!(more.iter().chain(&events).all(|event| event.document_id != "dry"));
    assert_eq!(more[0].sequence, expected.len() as u64 + 1);

    // Resume from a sequence, and filters.
    let mut resumed = client.subscribe(subscribe_from(StartPosition::Sequence, 3)).await.expect("ok").into_inner();
    let tail = read_until(&mut resumed, |events| events.len() >= expected.len() + live.len() - 2).await;
    assert_eq!(tail[0].sequence, 3);
    let filtered = SubscribeRequest {
        start: StartPosition::Oldest as i32,
        document_ids: vec!["batched".into(), "live".into()],
        outlets: vec!["example wire".into()],
        kinds: vec![ClaimKind::Direct as i32],
        ..Default::default()
    };
    let mut filtered = client.subscribe(filtered).await.expect("ok").into_inner();
    let only = read_until(&mut filtered, |events| events.len() >= 2).await;
    for event in &only {
        assert!(["batched", "live"].contains(&event.document_id.as_str()), "{event:?}");
        assert_eq!(event.claim.as_ref().expect("claim").kind(), ClaimKind::Direct);
    }

    // Malformed filters are INVALID_ARGUMENT; shutdown ends open subscriptions with UNAVAILABLE.
    let bad = SubscribeRequest { kinds: vec![ClaimKind::Unspecified as i32], ..Default::default() };
    assert_eq!(client.subscribe(bad).await.expect_err("invalid").code(), Code::InvalidArgument);
    let mut server = server;
    server.trigger_stop();
    let end = tokio::time::timeout(WAIT, async {
        loop {
            match stream.message().await {
                Ok(Some(_)) => {}
                Ok(None) => panic!("ended without a status"),
                Err(status) => return status,
            }
        }
    })
    .await
    .expect("the subscription ends");
    assert_eq!(end.code(), Code::Unavailable, "{end:?}");
    server.stop().await;
}

#[tokio::test]
async fn a_position_older_than_retention_is_out_of_range_with_the_oldest_sequence() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Every append starts a new segment and keeps no closed one: only the newest batch stays.
    let retention = Retention { max_age: None, max_bytes: 1, segment_bytes: 1 };
    let server = TestServer::embedded(dir.path(), retention).await;
    let mut client = connect(server.addr).await;
    let first = extract(&mut client, document("a", 0)).await;
    let second = extract(&mut client, document("b", 1)).await;
    let status = client.subscribe(subscribe_from(StartPosition::Sequence, 1)).await.expect_err("out of range");
    assert_eq!(status.code(), Code::OutOfRange, "{status:?}");
    let oldest = first.len() as u64 + 1;
    assert!(status.message().contains(&format!("oldest available sequence is {oldest}")), "{}", status.message());
    let trailer = status.metadata().get(OLDEST_SEQUENCE_METADATA).expect("trailer").to_str().expect("ascii").to_owned();
    assert_eq!(trailer, oldest.to_string());
    let mut stream = client.subscribe(subscribe_from(StartPosition::Oldest, 0)).await.expect("ok").into_inner();
    let events = read_until(&mut stream, |events| events.len() >= second.len()).await;
    assert_eq!(ids(&events), second);
    assert_eq!(events[0].sequence, oldest);
    server.stop().await;
}

#[tokio::test]
async fn without_a_claim_log_subscribe_is_failed_precondition() {
    let server = TestServer::start(Config::default()).await;
    let mut client = connect(server.addr).await;
    extract(&mut client, document("a", 0)).await;
    let status = client.subscribe(SubscribeRequest::default()).await.expect_err("no log");
    assert_eq!(status.code(), Code::FailedPrecondition);
    assert!(status.message().contains("--data-dir"), "{}", status.message());
    server.stop().await;
}

// ---- the binary: processes, kills, restarts ----------------------------------------------------

/// A `claimex serve` process, killed on drop.
struct Replica {
    child: Child,
    addr: SocketAddr,
    stderr: PathBuf,
}

impl Replica {
    fn start(name: &str, dir: &Path, args: &[&str]) -> Replica {
        let stderr = dir.join(format!("{name}.stderr"));
        let mut child = Command::new(env!("CARGO_BIN_EXE_claimex"))
            .args(["serve", "--listen", "127.0.0.1:0", "--shutdown-grace-secs", "2"])
            .args(args)
            .env_remove("CLAIMEX_LOG")
            .env_remove("RUST_LOG")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::from(File::create(&stderr).expect("stderr file")))
            .spawn()
            .expect("spawn claimex");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        let mut replica = Replica { child, addr: "127.0.0.1:1".parse().expect("addr"), stderr };
        let line = rx.recv_timeout(WAIT).unwrap_or_default();
        replica.addr = line.trim().parse().unwrap_or_else(|_| panic!("{name} did not start: {:?}; {}", line, replica.log()));
        replica
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.stderr).unwrap_or_default()
    }

    /// SIGKILL: no graceful anything.
    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Replica {
    fn drop(&mut self) {
        self.kill();
    }
}

fn last_segment(data_dir: &Path) -> PathBuf {
    let mut segments: Vec<PathBuf> = std::fs::read_dir(data_dir.join("claims"))
        .expect("claims dir")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "seg"))
        .collect();
    segments.sort();
    segments.pop().expect("a segment")
}

#[tokio::test]
async fn the_embedded_log_survives_a_kill_and_a_torn_tail() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data_dir = dir.path().join("data");
    let data = data_dir.to_str().expect("utf-8 path");
    let mut expected = Vec::new();
    {
        let mut replica = Replica::start("first", dir.path(), &["--data-dir", data]);
        let mut client = connect(replica.addr).await;
        for i in 0..5 {
            expected.extend(extract(&mut client, document(&format!("doc-{i}"), i)).await);
        }
        replica.kill();
    }
    // A crash mid-write: half of a record's header and payload, then garbage.
    let segment = last_segment(&data_dir);
    let good_len = std::fs::metadata(&segment).expect("stat").len();
    let mut file = OpenOptions::new().append(true).open(&segment).expect("open segment");
    let mut torn = Vec::new();
    torn.extend_from_slice(&200u32.to_le_bytes());
    torn.extend_from_slice(&[0x5A; 4]);
    torn.extend_from_slice(&(expected.len() as u64 + 1).to_le_bytes());
    torn.extend_from_slice(&[0xC3; 60]);
    file.write_all(&torn).expect("write the torn record");
    drop(file);

    let replica = Replica::start("second", dir.path(), &["--data-dir", data]);

    // `claimex subscribe` prints every claim logged before the kill, in order, as JSON lines.
    let output = Command::new(env!("CARGO_BIN_EXE_claimex"))
        .args(["subscribe", "--server", &format!("http://{}", replica.addr), "--from-start", "--limit"])
        .arg(expected.len().to_string())
        .output()
        .expect("run claimex subscribe");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is JSON"))
        .collect();
    let printed: Vec<&str> = lines.iter().map(|line| line["claim"]["id"].as_str().expect("claim.id")).collect();
    assert_eq!(printed, expected);
    let printed_sequences: Vec<String> = lines.iter().map(|line| line["sequence"].as_str().expect("uint64 as a string").to_owned()).collect();
    assert_eq!(printed_sequences, (1..=expected.len()).map(|n| n.to_string()).collect::<Vec<_>>());
    // The server opened its log before answering: the torn tail is cut, and said so.
    assert_eq!(std::fs::metadata(&segment).expect("stat").len(), good_len, "the torn tail is cut");
    assert!(replica.log().contains("cutting a torn tail"), "{}", replica.log());

    // New claims continue the sequence where the good records ended.
    let mut client = connect(replica.addr).await;
    let after = extract(&mut client, document("after", 9)).await;
    let mut stream = client.subscribe(subscribe_from(StartPosition::Sequence, expected.len() as u64 + 1)).await.expect("ok").into_inner();
    let events = read_until(&mut stream, |events| events.len() >= after.len()).await;
    assert_eq!(ids(&events), after);
    assert_eq!(events[0].sequence, expected.len() as u64 + 1);
}

// ---- NATS JetStream: three replicas on one stream ---------------------------------------------

/// A `nats-server -js` on a free port with its store in a temporary directory, killed on drop.
struct Nats {
    child: Child,
    url: String,
    _store: tempfile::TempDir,
}

impl Drop for Nats {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn nats_binary() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("NATS_SERVER_BIN") {
        return Some(path.into());
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).chain([PathBuf::from("/usr/sbin")]).map(|dir| dir.join("nats-server")).find(|bin| bin.is_file())
}

/// Starts nats-server, or returns `None` (after saying so) when it is not installed outside CI.
fn start_nats() -> Option<Nats> {
    let Some(binary) = nats_binary() else {
        assert!(std::env::var_os("CI").is_none(), "nats-server is not installed: CI must install it (.ci/run does)");
        eprintln!("SKIPPED: nats-server is not installed (apt-get install nats-server, or set NATS_SERVER_BIN)");
        return None;
    };
    let port = StdListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port();
    let store = tempfile::tempdir().expect("tempdir");
    let child = Command::new(&binary)
        .args(["-a", "127.0.0.1", "-p", &port.to_string(), "-js", "-sd"])
        .arg(store.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|err| panic!("starting {}: {err}", binary.display()));
    let nats = Nats { child, url: format!("nats://127.0.0.1:{port}"), _store: store };
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(started.elapsed() < WAIT, "nats-server did not listen on {port}");
        std::thread::sleep(Duration::from_millis(20));
    }
    Some(nats)
}

#[tokio::test]
async fn replicas_share_the_bus_and_a_consumer_resumes_on_another_replica_after_a_kill() {
    let Some(nats) = start_nats() else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    let bus = ["--bus", nats.url.as_str()];
    let mut a = Replica::start("a", dir.path(), &bus);
    let b = Replica::start("b", dir.path(), &bus);
    let c = Replica::start("c", dir.path(), &bus);

    // Extraction on B and C, in the background, while the consumer reads from A.
    const DOCUMENTS: usize = 40;
    let (b_addr, c_addr) = (b.addr, c.addr);
    let producer = tokio::spawn(async move {
        let (mut on_b, mut on_c) = (connect(b_addr).await, connect(c_addr).await);
        let mut ids = Vec::new();
        for i in 0..DOCUMENTS {
            let client = if i.is_multiple_of(2) { &mut on_b } else { &mut on_c };
            ids.extend(extract(client, document(&format!("doc-{i}"), i)).await);
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        ids
    });

    let mut on_a = connect(a.addr).await;
    let mut stream = on_a.subscribe(subscribe_from(StartPosition::Oldest, 0)).await.expect("subscribe on a").into_inner();
    let mut events = read_until(&mut stream, |events| events.len() >= 10).await;
    // A dies mid-stream; the consumer resumes on B from the last sequence it saw + 1.
    a.kill();
    let failure = tokio::time::timeout(WAIT, async {
        loop {
            match stream.message().await {
                Ok(Some(event)) => events.push(event),
                Ok(None) => return None,
                Err(status) => return Some(status),
            }
        }
    })
    .await
    .expect("the stream from the killed replica ends");
    assert!(failure.is_some(), "a killed replica's stream ends with an error, not OK");
    let expected: Vec<String> = tokio::time::timeout(WAIT, producer).await.expect("producer finishes").expect("producer");
    let resume_at = events.last().expect("events").sequence + 1;
    let mut on_b = connect(b.addr).await;
    let mut resumed = on_b.subscribe(subscribe_from(StartPosition::Sequence, resume_at)).await.expect("resume on b").into_inner();
    let unique: HashSet<String> = expected.iter().cloned().collect();
    let mut seen: HashSet<String> = ids(&events).into_iter().collect();
    let rest = read_until(&mut resumed, |more| {
        seen.extend(ids(more.last().map(std::slice::from_ref).unwrap_or_default()));
        unique.iter().all(|id| seen.contains(id))
    })
    .await;
    assert_eq!(rest[0].sequence, resume_at, "no gap at the resume point");
    events.extend(rest);

    // Every claim extracted on B and C arrived through A then B; a sequence is one claim, and
    // sequences increase without gaps (the stream holds nothing else).
    let mut by_sequence = BTreeMap::new();
    for event in &events {
        let id = event.claim.as_ref().expect("claim").id.clone();
        assert!(unique.contains(&id), "an unexpected claim {id}");
        assert_eq!(by_sequence.insert(event.sequence, id.clone()).unwrap_or(id.clone()), id, "sequence {}", event.sequence);
    }
    let sequences: Vec<u64> = by_sequence.keys().copied().collect();
    assert_eq!(sequences, (1..=sequences.len() as u64).collect::<Vec<_>>());
    assert_eq!(by_sequence.len(), unique.len(), "each claim stored once");

    // Publishing the same claims again within the duplicate window stores nothing new.
    let mut on_c = connect(c.addr).await;
    extract(&mut on_c, document("doc-0", 0)).await;
    let sentinel = extract(&mut on_c, document("sentinel", 1000)).await;
    let next = by_sequence.len() as u64 + 1;
    let mut after = on_c.subscribe(subscribe_from(StartPosition::Sequence, next)).await.expect("ok").into_inner();
    let first = read_until(&mut after, |events| !events.is_empty()).await;
    assert_eq!(ids(&first)[0], sentinel[0], "the re-published claims were deduplicated by Nats-Msg-Id");

    let status = on_c.subscribe(subscribe_from(StartPosition::Sequence, 0)).await.expect_err("sequence 0");
    assert_eq!(status.code(), Code::InvalidArgument);
    drop((b, c, nats));
}

#[tokio::test]
async fn a_position_older_than_the_bus_retention_is_out_of_range() {
    let Some(nats) = start_nats() else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    // A stream this small keeps only the last few claims.
    let replica = Replica::start("small", dir.path(), &["--bus", nats.url.as_str(), "--bus-stream", "SMALL", "--claims-max-bytes", "1500"]);
    let mut client = connect(replica.addr).await;
    let mut last = Vec::new();
    for i in 0..20 {
        last = extract(&mut client, document(&format!("doc-{i}"), i)).await;
    }
    let status = client.subscribe(subscribe_from(StartPosition::Sequence, 1)).await.expect_err("out of range");
    assert_eq!(status.code(), Code::OutOfRange, "{status:?}");
    let oldest: u64 = status.metadata().get(OLDEST_SEQUENCE_METADATA).expect("trailer").to_str().expect("ascii").parse().expect("a number");
    assert!(oldest > 1, "{status:?}");
    let mut stream = client.subscribe(subscribe_from(StartPosition::Sequence, oldest)).await.expect("ok").into_inner();
    let kept = read_until(&mut stream, |events| events.last().is_some_and(|event| ids(std::slice::from_ref(event)) == last[last.len() - 1..])).await;
    assert_eq!(kept[0].sequence, oldest);
    drop((replica, nats));
}

// ---- throughput (measured, not asserted) ------------------------------------------------------

/// Fills a log with `documents` documents' claims, then times one subscriber reading them all.
async fn measure(name: &str, client: &mut ClaimExtractorClient<Channel>, documents: usize) {
    let requests: Vec<ExtractDocumentsRequest> = (0..documents)
        .map(|i| ExtractDocumentsRequest { document: Some(document(&format!("{name}-{i}"), i)), options: None })
        .collect();
    let responses = client.extract_documents(tokio_stream::iter(requests)).await.expect("ok").into_inner();
    let responses: Vec<_> = responses.collect::<Result<_, _>>().await.expect("batch ok");
    assert_eq!(responses.len(), documents);
    let started = Instant::now();
    let mut stream = client.subscribe(subscribe_from(StartPosition::Oldest, 0)).await.expect("ok").into_inner();
    let first = read_until(&mut stream, |events| !events.is_empty()).await;
    let total = first[0].sequence - 1 + sequences_total(&responses);
    let mut received = first.len() as u64;
    tokio::time::timeout(WAIT, async {
        while received < total {
            stream.message().await.expect("ok").expect("an event");
            received += 1;
        }
    })
    .await
    .expect("all claims read in time");
    let elapsed = started.elapsed();
    println!(
        "subscribe throughput ({name}): {received} claims in {:.1} ms = {:.0} claims/s",
        elapsed.as_secs_f64() * 1000.0,
        received as f64 / elapsed.as_secs_f64()
    );
}

fn sequences_total(responses: &[claimex::proto::ExtractDocumentsResponse]) -> u64 {
    responses
        .iter()
        .map(|response| match &response.outcome {
            Some(claimex::proto::extract_documents_response::Outcome::Result(result)) => result.claims.len() as u64,
            other => panic!("a document failed: {other:?}"),
        })
        .sum()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn subscribe_throughput() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = TestServer::embedded(dir.path(), Retention::default()).await;
    measure("embedded", &mut connect(server.addr).await, 2000).await;
    server.stop().await;
    if let Some(nats) = start_nats() {
        let replica = Replica::start("throughput", dir.path(), &["--bus", nats.url.as_str()]);
        measure("nats", &mut connect(replica.addr).await, 2000).await;
        drop((replica, nats));
    }
}
