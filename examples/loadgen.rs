//! Load generator: drives a claimex server on this machine through the generated tonic client
//! and reports documents/s, claims/s, latency percentiles and the server's memory.
//!
//! ```sh
//! cargo build --release --bin claimex --example loadgen
//! target/release/examples/loadgen --spawn                             # unary Extract, as fast as answered
//! target/release/examples/loadgen --spawn --rate 3400 --seconds 10    # paced: 3,400 documents/s
//! target/release/examples/loadgen --spawn --mode claims               # ExtractClaims (server streaming)
//! target/release/examples/loadgen --spawn --mode documents            # ExtractDocuments (bidirectional)
//! target/release/examples/loadgen --addr 127.0.0.1:50051 --server-pid "$(pgrep -n claimex)"
//! ```
//!
//! Documents are ~5 KB pieces of the PolNeAR articles read at run time from the shared corpus:
//! sentences taken in order, in their paragraphs, until the next would pass `--doc-bytes`.
//! `--connections` HTTP/2 connections each carry `--in-flight` calls at once. The run stops after
//! `--requests` documents or `--seconds`, whichever comes first. With `--rate`, calls are sent on
//! a fixed schedule and latency counts from the scheduled time, so a server that falls behind
//! shows it in the percentiles. With `--spawn` it starts the server itself and reports the time
//! from spawn to a SERVING health check; with `--spawn` or `--server-pid` it reports the server's
//! resident memory (VmRSS, VmHWM) idle and under load.
//!
//! The client shares the server's machine, so it is kept light, as load tools such as ghz and
//! h2load are: one runtime thread (`--client-threads`), and unary responses read only as far as
//! counting their claims (`--decode count`: the claims stay undecoded slices of the received
//! buffer). `--decode full` decodes every response into the generated types, as an application
//! would.

use std::collections::BTreeMap;
use std::io::{BufRead as _, BufReader};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use claimex::proto::claim_extractor_client::ClaimExtractorClient;
use claimex::proto::extract_documents_response::Outcome;
use claimex::proto::{Document, ExtractClaimsRequest, ExtractDocumentsRequest, ExtractRequest};
use claimex_engine::text::Layout;
use clap::{Parser, ValueEnum};
use hdrhistogram::Histogram;
use tonic::transport::{Channel, Endpoint};
use tonic_health::pb::HealthCheckRequest;
use tonic_health::pb::health_check_response::ServingStatus;
use tonic_health::pb::health_client::HealthClient;

#[derive(Debug, Parser)]
#[command(about = "Drives a claimex server with N connections x M calls in flight and reports throughput, latency and memory")]
struct Args {
    /// Address of a running server (ignored with --spawn)
    #[arg(long, default_value = "127.0.0.1:50051")]
    addr: SocketAddr,
    /// Start `claimex serve --listen 127.0.0.1:0` and time it from spawn to SERVING
    #[arg(long)]
    spawn: bool,
    /// The claimex binary for --spawn [default: `claimex` in the directory above this example's]
    #[arg(long)]
    server_bin: Option<PathBuf>,
    /// An argument for the spawned server, repeatable: --server-arg=--max-in-flight=64
    #[arg(long = "server-arg", allow_hyphen_values = true)]
    server_args: Vec<String>,
    /// Process id of a running server, to read its memory from /proc
    #[arg(long)]
    server_pid: Option<u32>,
    /// Which call to make
    #[arg(long, value_enum, default_value_t = Mode::Unary)]
    mode: Mode,
    /// HTTP/2 connections
    #[arg(long, default_value_t = 2)]
    connections: usize,
    /// Calls in flight on each connection (2 x 16 is the server's default --max-in-flight, 32;
    /// at 2 x 8 a server on the client's two cores sat idle 7.5% of the time, out of work)
    #[arg(long, default_value_t = 16)]
    in_flight: usize,
    /// Documents to send in all
    #[arg(long, default_value_t = 20_000)]
    requests: u64,
    /// Longest run, in seconds
    #[arg(long, default_value_t = 10.0)]
    seconds: f64,
    /// Documents per second to send in all, on a fixed schedule [default: as fast as answered]
    #[arg(long)]
    rate: Option<f64>,
    /// JSONL documents to cut into load documents
    #[arg(long, default_value = "../shared/corpus/polnear-train/docs.jsonl")]
    corpus: PathBuf,
    /// Size of a load document, in bytes
    #[arg(long, default_value_t = 5000)]
    doc_bytes: usize,
    /// Documents per ExtractDocuments stream (--mode documents)
    #[arg(long, default_value_t = 16)]
    batch: u64,
    /// Threads of the client's runtime: 1 is a current-thread runtime
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..))]
    client_threads: u16,
    /// How far to decode unary responses
    #[arg(long, value_enum, default_value_t = Decode::Count)]
    decode: Decode,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Decode {
    /// Count the claims of each response without decoding them
    Count,
    /// Decode each response into the generated `ExtractResponse`
    Full,
}

/// An `ExtractResponse` read only as far as a load generator needs: the document id, and the
/// claims (field 2) counted, each left as its encoded bytes, a slice of the received buffer.
/// The times and entities are skipped unread.
#[derive(Clone, PartialEq, prost::Message)]
struct CountedResponse {
    #[prost(string, tag = "1")]
    document_id: String,
    #[prost(bytes = "bytes", repeated, tag = "2")]
    claims: Vec<bytes::Bytes>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Mode {
    /// Unary Extract: one document, one response
    Unary,
    /// ExtractClaims: one document, its claims streamed back
    Claims,
    /// ExtractDocuments: --batch documents per stream, one response each
    Documents,
}

/// What the workers measured.
struct Stats {
    documents: u64,
    claims: u64,
    /// Failed calls or documents, by status code.
    errors: BTreeMap<String, u64>,
    /// Latency per document, in microseconds (1 µs to 60 s, longer ones counted as 60 s).
    latency: Histogram<u64>,
}

impl Stats {
    fn new() -> Self {
        Stats { documents: 0, claims: 0, errors: BTreeMap::new(), latency: Histogram::new_with_bounds(1, 60_000_000, 3).expect("valid bounds: 1 µs to 60 s") }
    }

    fn merge(&mut self, other: Stats) {
        self.documents += other.documents;
        self.claims += other.claims;
        for (code, n) in other.errors {
            *self.errors.entry(code).or_default() += n;
        }
        self.latency.add(other.latency).expect("histograms of the same precision");
    }

    fn record(&mut self, since: Instant) {
        self.documents += 1;
        let micros = u64::try_from(since.elapsed().as_micros()).unwrap_or(u64::MAX);
        self.latency.saturating_record(micros.max(1));
    }

    fn error(&mut self, code: tonic::Code) {
        *self.errors.entry(format!("{code:?}")).or_default() += 1;
    }
}

/// The largest response the client reads.
const MAX_RESPONSE_BYTES: usize = 64 << 20;

/// The shared plan of a run: which document comes next and when it is due.
struct Plan {
    args: Args,
    documents: Vec<Document>,
    next: AtomicU64,
    started: Instant,
    deadline: Instant,
}

impl Plan {
    /// Claims the next `n` documents: their first index and when they are due, or `None` when
    /// the run is over.
    async fn claim(&self, n: u64) -> Option<(u64, Instant)> {
        let first = self.next.fetch_add(n, Ordering::Relaxed);
        if first >= self.args.requests || Instant::now() >= self.deadline {
            return None;
        }
        let due = match self.args.rate {
            Some(rate) => self.started + Duration::from_secs_f64(first as f64 / rate),
            None => Instant::now(),
        };
        tokio::time::sleep_until(due.into()).await;
        Some((first, due))
    }

    fn document(&self, index: u64) -> Document {
        let mut doc = self.documents[index as usize % self.documents.len()].clone();
        doc.id = format!("load-{index}");
        doc
    }
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let runtime = match args.client_threads {
        1 => tokio::runtime::Builder::new_current_thread().enable_all().build(),
        n => tokio::runtime::Builder::new_multi_thread().worker_threads(n.into()).enable_all().build(),
    };
    runtime.context("starting the client's runtime")?.block_on(drive(args))
}

async fn drive(args: Args) -> anyhow::Result<()> {
    let documents = load_documents(&args.corpus, args.doc_bytes)?;
    let mean_bytes = documents.iter().map(|d| d.text.len()).sum::<usize>() / documents.len();
    let server = if args.spawn { Some(spawn_server(&args).await?) } else { None };
    let addr = server.as_ref().map_or(args.addr, |s| s.addr);
    let pid = server.as_ref().map(|s| s.child.0.id()).or(args.server_pid);
    if let Some(pid) = pid {
        println!("server memory idle: {}", memory(pid)?);
    }
    let channels = connect(addr, args.connections).await?;
    let seconds = Duration::try_from_secs_f64(args.seconds).context("--seconds")?;
    let started = Instant::now();
    let plan = Arc::new(Plan { args, documents, next: AtomicU64::new(0), started, deadline: started + seconds });
    let peak = pid.map(|pid| tokio::spawn(sample_rss(pid, plan.clone())));
    let stats = run(&plan, &channels).await;
    // The connections close, so that a spawned server stopped below has no call left to drain.
    drop(channels);
    let elapsed = started.elapsed().as_secs_f64();
    report(&plan.args, &stats, elapsed, mean_bytes);
    if let (Some(pid), Some(peak)) = (pid, peak) {
        let max_rss = peak.await.context("memory sampler")?;
        println!("server memory under load: VmRSS max {:.1} MB; now {}", max_rss as f64 / 1024.0, memory(pid)?);
    }
    if let Some(server) = server {
        stop(server.child).await?;
    }
    Ok(())
}

/// Stops the spawned server as Kubernetes does, with SIGTERM, and waits for it to drain and
/// exit (an instrumented build writes its profile then: `scripts/pgo.sh`). A server still
/// running after 10 s is killed as `child` drops.
async fn stop(mut child: KillOnDrop) -> anyhow::Result<()> {
    let pid = libc::pid_t::try_from(child.0.id()).context("the server's pid")?;
    // SAFETY: `kill` has no memory effects; `pid` is our child, not yet waited for.
    anyhow::ensure!(unsafe { libc::kill(pid, libc::SIGTERM) } == 0, "sending SIGTERM to the spawned server: {}", std::io::Error::last_os_error());
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if let Some(status) = child.0.try_wait().context("waiting for the spawned server")? {
            anyhow::ensure!(status.success(), "the spawned server exited with {status} after SIGTERM");
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    anyhow::bail!("the spawned server did not exit within 10 s of SIGTERM")
}

/// Load documents: the corpus's sentences in order, in their paragraphs, cut at sentence
/// boundaries into pieces of about `target` bytes.
fn load_documents(corpus: &Path, target: usize) -> anyhow::Result<Vec<Document>> {
    #[derive(serde::Deserialize)]
    struct Line {
        text: String,
    }
    let file = std::fs::File::open(corpus).with_context(|| format!("opening {}", corpus.display()))?;
    let mut out = Vec::new();
    let mut current = String::new();
    for line in BufReader::new(file).lines() {
        let line: Line = serde_json::from_str(&line?).with_context(|| format!("reading {}", corpus.display()))?;
        let layout = Layout::new(&line.text);
        // Each article starts a new paragraph.
        let mut paragraph = usize::MAX;
        for sentence in &layout.sentences {
            let piece = sentence.span.of(&line.text);
            if !current.is_empty() && current.len() + piece.len() + 2 > target {
                out.push(Document { text: std::mem::take(&mut current), ..Document::default() });
                paragraph = usize::MAX;
            }
            if !current.is_empty() {
                current.push_str(if sentence.paragraph == paragraph { " " } else { "\n\n" });
            }
            current.push_str(piece);
            paragraph = sentence.paragraph;
        }
    }
    if out.is_empty() {
        bail!("{} holds no text", corpus.display());
    }
    Ok(out)
}

/// A server started by this run.
struct Spawned {
    child: KillOnDrop,
    addr: SocketAddr,
}

/// A child process that is killed and reaped if it is still running when dropped: a run that
/// ends on an error leaves no server behind.
struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        if let Ok(None) = self.0.try_wait() {
            // Nothing is left to report to: the run is ending on another error already.
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
}

/// Starts the server on a free port, reads its address from stdout and polls health until it
/// answers SERVING; prints both times.
async fn spawn_server(args: &Args) -> anyhow::Result<Spawned> {
    let bin = match &args.server_bin {
        Some(bin) => bin.clone(),
        None => std::env::current_exe()?.parent().and_then(Path::parent).context("locating the claimex binary")?.join("claimex"),
    };
    let spawned_at = Instant::now();
    let mut child = KillOnDrop(
        Command::new(&bin)
            .args(["serve", "--listen", "127.0.0.1:0"])
            .args(&args.server_args)
            .env("CLAIMEX_LOG", "warn")
            .stdout(Stdio::piped())
            .spawn()
            .with_context(|| format!("starting {}", bin.display()))?,
    );
    let stdout = child.0.stdout.take().context("the server's stdout")?;
    let line = tokio::task::spawn_blocking(move || {
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).map(|_| line)
    })
    .await??;
    let listening = spawned_at.elapsed();
    let addr: SocketAddr = line.trim().parse().with_context(|| format!("reading the address from {line:?}"))?;
    wait_serving(addr).await?;
    let serving = spawned_at.elapsed();
    println!(
        "server: {} serving on {addr}: address printed {:.1} ms and health SERVING {:.1} ms after spawn",
        bin.display(),
        listening.as_secs_f64() * 1e3,
        serving.as_secs_f64() * 1e3
    );
    Ok(Spawned { child, addr })
}

/// Polls `grpc.health.v1.Health/Check` every millisecond until it answers SERVING (5 s at most).
async fn wait_serving(addr: SocketAddr) -> anyhow::Result<()> {
    let endpoint = Endpoint::from_shared(format!("http://{addr}"))?;
    let give_up = Instant::now() + Duration::from_secs(5);
    while Instant::now() < give_up {
        if let Ok(channel) = endpoint.connect().await {
            let status = HealthClient::new(channel).check(HealthCheckRequest { service: String::new() }).await;
            if status.is_ok_and(|s| s.into_inner().status == ServingStatus::Serving as i32) {
                return Ok(());
            }
        }
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    bail!("the server at {addr} was not SERVING after 5 s")
}

async fn connect(addr: SocketAddr, connections: usize) -> anyhow::Result<Vec<Channel>> {
    let endpoint = Endpoint::from_shared(format!("http://{addr}"))?.tcp_nodelay(true);
    let mut channels = Vec::with_capacity(connections);
    for _ in 0..connections.max(1) {
        channels.push(endpoint.connect().await.with_context(|| format!("connecting to {addr}"))?);
    }
    Ok(channels)
}

/// Runs `in_flight` workers on each connection until the plan is done.
async fn run(plan: &Arc<Plan>, channels: &[Channel]) -> Stats {
    let mut workers = tokio::task::JoinSet::new();
    for channel in channels {
        for _ in 0..plan.args.in_flight.max(1) {
            workers.spawn(worker(plan.clone(), channel.clone()));
        }
    }
    let mut total = Stats::new();
    while let Some(stats) = workers.join_next().await {
        total.merge(stats.expect("workers do not panic"));
    }
    total
}

async fn worker(plan: Arc<Plan>, channel: Channel) -> Stats {
    let mut client = ClaimExtractorClient::new(channel.clone()).max_decoding_message_size(MAX_RESPONSE_BYTES);
    let mut raw = tonic::client::Grpc::new(channel).max_decoding_message_size(MAX_RESPONSE_BYTES);
    let mut stats = Stats::new();
    let per_call = if plan.args.mode == Mode::Documents { plan.args.batch.max(1) } else { 1 };
    while let Some((first, due)) = plan.claim(per_call).await {
        let result = match plan.args.mode {
            Mode::Unary => unary(&plan, &mut client, &mut raw, first, due, &mut stats).await,
            Mode::Claims => claims(&plan, &mut client, first, due, &mut stats).await,
            Mode::Documents => batch(&plan, &mut client, first, per_call, due, &mut stats).await,
        };
        if let Err(status) = result {
            stats.error(status.code());
        }
    }
    stats
}

async fn unary(
    plan: &Plan,
    client: &mut ClaimExtractorClient<Channel>,
    raw: &mut tonic::client::Grpc<Channel>,
    index: u64,
    due: Instant,
    stats: &mut Stats,
) -> Result<(), tonic::Status> {
    let request = ExtractRequest { document: Some(plan.document(index)), options: None };
    let claims = match plan.args.decode {
        Decode::Full => client.extract(request).await?.into_inner().claims.len(),
        Decode::Count => extract_counted(raw, request).await?.claims.len(),
    };
    stats.record(due);
    stats.claims += claims as u64;
    Ok(())
}

/// `Extract`, its response read as a [`CountedResponse`]: the generated client's call with
/// another message type on the way back.
async fn extract_counted(grpc: &mut tonic::client::Grpc<Channel>, request: ExtractRequest) -> Result<CountedResponse, tonic::Status> {
    grpc.ready().await.map_err(|err| tonic::Status::unavailable(format!("connection not ready: {err}")))?;
    let codec = tonic_prost::ProstCodec::<ExtractRequest, CountedResponse>::default();
    let path = http::uri::PathAndQuery::from_static("/claimex.v1.ClaimExtractor/Extract");
    Ok(grpc.unary(tonic::Request::new(request), path, codec).await?.into_inner())
}

async fn claims(plan: &Plan, client: &mut ClaimExtractorClient<Channel>, index: u64, due: Instant, stats: &mut Stats) -> Result<(), tonic::Status> {
    let request = ExtractClaimsRequest { document: Some(plan.document(index)), options: None };
    let mut stream = client.extract_claims(request).await?.into_inner();
    while stream.message().await?.is_some() {
        stats.claims += 1;
    }
    stats.record(due);
    Ok(())
}

/// One ExtractDocuments stream of `n` documents; each document's latency runs from the stream's
/// start to its response.
async fn batch(plan: &Plan, client: &mut ClaimExtractorClient<Channel>, first: u64, n: u64, due: Instant, stats: &mut Stats) -> Result<(), tonic::Status> {
    let requests: Vec<ExtractDocumentsRequest> =
        (first..first + n).map(|i| ExtractDocumentsRequest { document: Some(plan.document(i)), options: None }).collect();
    let mut stream = client.extract_documents(tokio_stream::iter(requests)).await?.into_inner();
    while let Some(response) = stream.message().await? {
        match response.outcome {
            Some(Outcome::Result(result)) => {
                stats.record(due);
                stats.claims += result.claims.len() as u64;
            }
            Some(Outcome::Error(error)) => stats.error(tonic::Code::from_i32(error.code)),
            None => stats.error(tonic::Code::Unknown),
        }
    }
    Ok(())
}

/// The highest VmRSS seen every 50 ms until the run is over, in kB.
async fn sample_rss(pid: u32, plan: Arc<Plan>) -> u64 {
    let mut max = 0;
    let mut tick = tokio::time::interval(Duration::from_millis(50));
    while Instant::now() < plan.deadline && plan.next.load(Ordering::Relaxed) < plan.args.requests {
        tick.tick().await;
        max = max.max(status_kb(pid, "VmRSS").unwrap_or(0));
    }
    max
}

/// "VmRSS 9.8 MB, VmHWM 10.2 MB" of a process.
fn memory(pid: u32) -> anyhow::Result<String> {
    let mb = |field| status_kb(pid, field).map(|kb| kb as f64 / 1024.0);
    Ok(format!("VmRSS {:.1} MB, VmHWM {:.1} MB", mb("VmRSS")?, mb("VmHWM")?))
}

/// A `kB` field of `/proc/PID/status`.
fn status_kb(pid: u32, field: &str) -> anyhow::Result<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).with_context(|| format!("reading the memory of process {pid}"))?;
    let line = status.lines().find_map(|l| l.strip_prefix(field)?.strip_prefix(':')).with_context(|| format!("no {field} for process {pid}"))?;
    line.trim().trim_end_matches("kB").trim().parse().with_context(|| format!("reading {field} {line:?}"))
}

fn report(args: &Args, stats: &Stats, elapsed: f64, mean_bytes: usize) {
    let call = match args.mode {
        Mode::Unary => "unary Extract".to_string(),
        Mode::Claims => "ExtractClaims".to_string(),
        Mode::Documents => format!("ExtractDocuments, {} documents a stream", args.batch),
    };
    let pace = args.rate.map_or_else(|| "as fast as answered".to_string(), |rate| format!("paced at {rate:.0} documents/s"));
    println!(
        "load: {call}, {} connections x {} in flight, {pace}: {} documents of {mean_bytes} bytes on average in {elapsed:.2} s",
        args.connections, args.in_flight, stats.documents
    );
    println!(
        "  {:.0} documents/s, {:.0} claims/s, {:.1} MB/s of text",
        stats.documents as f64 / elapsed,
        stats.claims as f64 / elapsed,
        (stats.documents * mean_bytes as u64) as f64 / elapsed / 1e6
    );
    let ms = |q: f64| stats.latency.value_at_quantile(q) as f64 / 1e3;
    println!(
        "  latency ms: p50 {:.2}, p99 {:.2}, p99.9 {:.2}, max {:.2}",
        ms(0.5),
        ms(0.99),
        ms(0.999),
        stats.latency.max() as f64 / 1e3
    );
    if stats.errors.is_empty() {
        println!("  errors: none");
    } else {
        println!("  errors: {:?}", stats.errors);
    }
}
