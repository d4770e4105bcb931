//! The `claimex.v1.ClaimExtractor` service: validates each request up front, runs the engine
//! (a short document on the async worker that holds the call, anything longer or streamed on
//! tokio's blocking pool), converts its results and maps its errors.
//!
//! Each handler opens a tracing span naming the document and delegates to an `inner_*` function
//! that returns the domain [`Result`]; the one conversion to [`tonic::Status`] is in
//! [`crate::error`].

use std::any::Any;
use std::ops::ControlFlow;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Arc;

use tokio::time::Instant;

use claimex_engine::Engine;
use tokio::sync::{OwnedSemaphorePermit, Semaphore, mpsc};
use tokio::task::JoinSet;
use tokio_stream::wrappers::ReceiverStream;
use tokio_util::sync::CancellationToken;
use tonic::{Request, Response, Status, Streaming};
use tracing::{Instrument, debug, error, info_span};

use bytes::Bytes;

use crate::convert::{self, Options};
use crate::error::{Error, MAX_ID_BYTES};
use crate::metrics;
use crate::limits;
use crate::proto::claim_extractor_server::{ClaimExtractor, ClaimExtractorServer};
use crate::proto::{
    DocumentError, ExtractClaimsRequest, ExtractClaimsResponse, ExtractDocumentsRequest, ExtractDocumentsResponse,
    ExtractOptions, ExtractRequest, ExtractResponse, extract_documents_response::Outcome,
};
use crate::proto;
use crate::proto::{SubscribeRequest, SubscribeResponse};
use crate::subscribe::ClaimLog;
use crate::wire;

/// Room in a request message for everything but the text: id, title, url, outlet, options.
pub const MESSAGE_HEADROOM_BYTES: usize = 256 * 1024;

/// Default for [`Config::inline_max_bytes`].
pub const DEFAULT_INLINE_MAX_BYTES: usize = 8 * 1024;

/// The service's limits.
#[derive(Debug, Clone)]
pub struct Config {
    /// Longest document text accepted, in bytes. At most `u32::MAX`, so that spans fit the
    /// contract's `uint32` offsets.
    pub max_document_bytes: usize,
    /// Documents being extracted at once across all calls; past it, calls get RESOURCE_EXHAUSTED.
    pub max_in_flight: usize,
    /// Documents of one `ExtractDocuments` stream being extracted at once.
    pub batch_concurrency: usize,
    /// Responses buffered per streaming call before the engine waits for the client.
    pub stream_buffer: usize,
    /// Documents one `ExtractDocuments` call may carry; past it, the call ends with
    /// RESOURCE_EXHAUSTED once the documents before it are answered.
    pub max_stream_documents: usize,
    /// Longest text that `Extract` and `ExtractDocuments` read on the async worker holding the
    /// call instead of the blocking pool. The hand-off costs a thread wake-up each way (a tenth
    /// of the server's CPU under a load of 5 KB articles); past this size the worker would be
    /// held too long (the default, 8 KiB, is read in about half a millisecond). 0: always the
    /// blocking pool.
    pub inline_max_bytes: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            max_document_bytes: claimex_engine::DEFAULT_MAX_TEXT_BYTES,
            max_in_flight: 32,
            batch_concurrency: std::thread::available_parallelism().map_or(2, |n| n.get()),
            stream_buffer: 16,
            max_stream_documents: 10_000,
            inline_max_bytes: DEFAULT_INLINE_MAX_BYTES,
        }
    }
}

impl Config {
    /// The largest request message the server decodes: a full-size text plus headroom.
    pub fn max_decoding_message_size(&self) -> usize {
        self.max_document_bytes.saturating_add(MESSAGE_HEADROOM_BYTES)
    }

    /// The largest response message the server encodes. A response copies the texts of its
    /// claims (content, cue, speaker), so it may exceed the document several times over.
    pub fn max_encoding_message_size(&self) -> usize {
        self.max_document_bytes.saturating_mul(8).saturating_add(MESSAGE_HEADROOM_BYTES)
    }
}

/// The gRPC service. Cheap to clone; every clone shares the engine and the in-flight limit.
#[derive(Debug, Clone)]
pub struct ClaimExtractorService {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    engine: Engine,
    permits: Arc<Semaphore>,
    max_in_flight: usize,
    batch_concurrency: usize,
    stream_buffer: usize,
    max_stream_documents: usize,
    inline_max_bytes: usize,
    shutdown: CancellationToken,
    /// Where extraction calls log their claims and Subscribe reads them; `None`: no log.
    claim_log: Option<Arc<ClaimLog>>,
}

/// A request that passed validation.
struct Job {
    document: proto::Document,
    options: Options,
}

impl ClaimExtractorService {
    /// A service with its own engine. Once `shutdown` is cancelled, new calls get UNAVAILABLE
    /// and open `ExtractDocuments` streams stop reading and end with UNAVAILABLE.
    pub fn new(config: &Config, shutdown: CancellationToken) -> Self {
        Self::with_claim_log(config, shutdown, None)
    }

    /// A service whose extraction calls log their claims to `claim_log` (unless a call is a dry
    /// run) and answer only once they are durable; `Subscribe` reads them back.
    pub fn with_claim_log(config: &Config, shutdown: CancellationToken, claim_log: Option<Arc<ClaimLog>>) -> Self {
        debug_assert!(config.max_document_bytes <= u32::MAX as usize, "spans must fit u32");
        let engine = Engine::new(claimex_engine::Config { max_text_bytes: config.max_document_bytes });
        ClaimExtractorService {
            inner: Arc::new(Inner {
                engine,
                permits: Arc::new(Semaphore::new(config.max_in_flight)),
                max_in_flight: config.max_in_flight,
                batch_concurrency: config.batch_concurrency.max(1),
                stream_buffer: config.stream_buffer.max(1),
                max_stream_documents: config.max_stream_documents.max(1),
                inline_max_bytes: config.inline_max_bytes,
                shutdown,
                claim_log,
            }),
        }
    }

    /// The tonic server for this service, with explicit message size limits: `Extract` answered
    /// with its response written straight from the extraction ([`crate::wire`]), every other
    /// method by the generated server.
    pub fn into_server(self, config: &Config) -> ClaimExtractorRoutes {
        let generated = ClaimExtractorServer::new(self.clone())
            .max_decoding_message_size(config.max_decoding_message_size())
            .max_encoding_message_size(config.max_encoding_message_size());
        ClaimExtractorRoutes {
            service: self,
            generated,
            max_decoding_message_size: config.max_decoding_message_size(),
            max_encoding_message_size: config.max_encoding_message_size(),
        }
    }

    /// `Extract`, its response encoded already.
    async fn extract_encoded(&self, request: Request<ExtractRequest>) -> Result<Response<Bytes>, Status> {
        let encoded: Encoded = self.extract_as(request).await?;
        Ok(Response::new(encoded.bytes))
    }

    /// `Extract` under its tracing span, answered as `A`.
    async fn extract_as<A: Answer>(&self, request: Request<ExtractRequest>) -> Result<A, Status> {
        let deadline = limits::deadline(&request);
        let request = request.into_inner();
        let span = info_span!("extract", document_id = %request_document_id(request.document.as_ref()));
        Ok(self.inner_extract(request, deadline).instrument(span.clone()).await.inspect_err(|err| log_refusal(&span, err))?)
    }

    async fn inner_extract<A: Answer>(&self, request: ExtractRequest, deadline: Option<Instant>) -> Result<A, Error> {
        let job = self.inner.validate(request.document, request.options.as_ref())?;
        let permit = self.inner.permit()?;
        // Cancelled when this future is dropped (the client left): the engine stops at its next claim.
        let cancel = CancellationToken::new();
        let _stop_on_drop = cancel.clone().drop_guard();
        let (outlet, dry_run) = (job.document.outlet.clone(), job.options.dry_run);
        // Past the deadline this future is dropped, which cancels the extraction.
        let task = self.inner.run_extract::<A>(job, permit, cancel.clone(), tracing::Span::current());
        let response = match deadline {
            None => task.await?,
            Some(deadline) if Instant::now() >= deadline => return Err(Error::DeadlineExceeded),
            Some(deadline) => tokio::time::timeout_at(deadline, task).await.map_err(|_| Error::DeadlineExceeded)??,
        };
        self.inner.log_claims(&outlet, response.claims(), dry_run).await?;
        Ok(response)
    }

    async fn inner_extract_claims(
        &self,
        request: ExtractClaimsRequest,
        deadline: Option<Instant>,
    ) -> Result<ReceiverStream<Result<ExtractClaimsResponse, Status>>, Error> {
        let job = self.inner.validate(request.document, request.options.as_ref())?;
        let permit = self.inner.permit()?;
        let (tx, rx) = mpsc::channel(self.inner.stream_buffer);
        let inner = self.inner.clone();
        let span = tracing::Span::current();
        let failures = tx.clone();
        let (outlet, dry_run) = (job.document.outlet.clone(), job.options.dry_run);
        let runtime = tokio::runtime::Handle::current();
        let task = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let _entered = span.enter();
            inner.stream_claims(&job, &Responder { tx, deadline, runtime })
        });
        // The stream's closing status is sent from here, once the extraction has given back its
        // thread and permit: INTERNAL for a panic in the engine rather than a silent, short OK,
        // and OK only once the claims sent are logged.
        let inner = self.inner.clone();
        tokio::spawn(
            async move {
                let end = match task.await {
                    Ok(StreamEnd::Done(claims)) => inner.log_claims(&outlet, &claims, dry_run).await.err().map(Status::from),
                    Ok(StreamEnd::Failed(status)) => Some(status),
                    Ok(StreamEnd::Abandoned) => None,
                    Err(err) => Some(join_error(err).into()),
                };
                if let Some(status) = end {
                    let _ = failures.send(Err(status)).await;
                }
            }
            .in_current_span(),
        );
        Ok(ReceiverStream::new(rx))
    }

    async fn inner_extract_documents(
        &self,
        requests: Streaming<ExtractDocumentsRequest>,
        deadline: Option<Instant>,
    ) -> Result<ReceiverStream<Result<ExtractDocumentsResponse, Status>>, Error> {
        if self.inner.shutdown.is_cancelled() {
            return Err(Error::ShuttingDown);
        }
        let (tx, rx) = mpsc::channel(self.inner.stream_buffer);
        let inner = self.inner.clone();
        tokio::spawn(inner.run_batch(requests, tx, deadline).instrument(tracing::Span::current()));
        Ok(ReceiverStream::new(rx))
    }

    async fn inner_subscribe(&self, request: SubscribeRequest) -> Result<ReceiverStream<Result<SubscribeResponse, Status>>, Error> {
        if self.inner.shutdown.is_cancelled() {
            return Err(Error::ShuttingDown);
        }
        let log = self.inner.claim_log.as_ref().ok_or(Error::NoClaimLog)?;
        log.subscribe(&request, self.inner.shutdown.clone(), self.inner.stream_buffer).await
    }
}

/// What an extraction answers a call with, built from the engine's result.
trait Answer: Send + 'static {
    /// The answer for the claims of `extraction` that pass `options`; `logged`: the claims go
    /// to the claim log as well.
    fn new(doc: &claimex_engine::Document<'_>, extraction: claimex_engine::Extraction, options: Options, logged: bool) -> Self;

    /// The claims for the claim log (all of them when `logged` was asked for).
    fn claims(&self) -> &[proto::Claim];
}

/// The message, for `ExtractDocuments` (and the generated `Extract`).
impl Answer for ExtractResponse {
    fn new(doc: &claimex_engine::Document<'_>, extraction: claimex_engine::Extraction, options: Options, _logged: bool) -> Self {
        convert::extraction(doc, extraction, options)
    }

    fn claims(&self) -> &[proto::Claim] {
        &self.claims
    }
}

/// `Extract`'s response encoded, with its claims converted only for the claim log.
struct Encoded {
    bytes: Bytes,
    logged: Vec<proto::Claim>,
}

impl Answer for Encoded {
    fn new(doc: &claimex_engine::Document<'_>, extraction: claimex_engine::Extraction, options: Options, logged: bool) -> Self {
        let bytes = Bytes::from(wire::extract_response(doc, &extraction, options));
        let logged = if logged { extraction.claims.into_iter().filter(|c| options.keeps(c)).map(|c| convert::claim(doc, c)).collect() } else { Vec::new() };
        Encoded { bytes, logged }
    }

    fn claims(&self) -> &[proto::Claim] {
        &self.logged
    }
}

/// The `claimex.v1.ClaimExtractor` service as the server routes it: `Extract` by
/// [`ClaimExtractorService::extract_encoded`] with [`wire::EncodedCodec`], the other methods by
/// the generated server (to which `Extract` would go as well: same validation, same errors,
/// the same bytes as [`crate::wire`]'s tests check).
#[derive(Debug, Clone)]
pub struct ClaimExtractorRoutes {
    service: ClaimExtractorService,
    generated: ClaimExtractorServer<ClaimExtractorService>,
    max_decoding_message_size: usize,
    max_encoding_message_size: usize,
}

/// The path of the `Extract` method.
const EXTRACT_PATH: &str = "/claimex.v1.ClaimExtractor/Extract";

impl<B> tower::Service<http::Request<B>> for ClaimExtractorRoutes
where
    B: http_body::Body + Send + 'static,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>> + Send + 'static,
{
    type Response = http::Response<tonic::body::Body>;
    type Error = std::convert::Infallible;
    type Future = tonic::codegen::BoxFuture<Self::Response, Self::Error>;

    fn poll_ready(&mut self, _cx: &mut std::task::Context<'_>) -> std::task::Poll<Result<(), Self::Error>> {
        std::task::Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: http::Request<B>) -> Self::Future {
        if request.uri().path() != EXTRACT_PATH {
            return self.generated.call(request);
        }
        let method = ExtractMethod(self.service.clone());
        let (decoding, encoding) = (self.max_decoding_message_size, self.max_encoding_message_size);
        Box::pin(async move {
            let mut grpc = tonic::server::Grpc::new(wire::EncodedCodec::<ExtractRequest>::default()).apply_max_message_size_config(Some(decoding), Some(encoding));
            Ok(grpc.unary(method, request).await)
        })
    }
}

impl tonic::server::NamedService for ClaimExtractorRoutes {
    const NAME: &'static str = crate::proto::claim_extractor_server::SERVICE_NAME;
}

/// `Extract` as a unary method whose response is encoded already.
struct ExtractMethod(ClaimExtractorService);

impl tonic::server::UnaryService<ExtractRequest> for ExtractMethod {
    type Response = Bytes;
    type Future = tonic::codegen::BoxFuture<Response<Bytes>, Status>;

    fn call(&mut self, request: Request<ExtractRequest>) -> Self::Future {
        let service = self.0.clone();
        Box::pin(async move { service.extract_encoded(request).await })
    }
}

impl Inner {
    fn validate(&self, document: Option<proto::Document>, options: Option<&ExtractOptions>) -> Result<Job, Error> {
        if self.shutdown.is_cancelled() {
            return Err(Error::ShuttingDown);
        }
        let document = document.ok_or(Error::MissingDocument)?;
        let engine_doc = convert::document(&document)?;
        self.engine.validate(&engine_doc)?;
        let options = convert::options(options)?;
        Ok(Job { document, options })
    }

    fn permit(&self) -> Result<OwnedSemaphorePermit, Error> {
        self.permits.clone().try_acquire_owned().map_err(|_| Error::Overloaded { limit: self.max_in_flight })
    }

    /// Runs [`Self::extract`] for a job under `span`, holding its permit: on this async worker
    /// when the text is at most `inline_max_bytes` long, else on the blocking pool. Either way a
    /// panic in the engine comes back as INTERNAL with an incident id.
    async fn run_extract<A: Answer>(
        self: &Arc<Self>,
        job: Job,
        permit: OwnedSemaphorePermit,
        cancel: CancellationToken,
        span: tracing::Span,
    ) -> Result<A, Error> {
        if job.document.text.len() <= self.inline_max_bytes {
            let _permit = permit;
            let _entered = span.enter();
            return panic::catch_unwind(AssertUnwindSafe(|| self.extract(&job, &cancel)))
                .unwrap_or_else(|payload| Err(panicked(panic_message(payload.as_ref()))));
        }
        let inner = self.clone();
        let task = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let _entered = span.enter();
            inner.extract(&job, &cancel)
        });
        task.await.map_err(join_error)?
    }

    /// The whole extraction of one document, run by [`Self::run_extract`].
    fn extract<A: Answer>(&self, job: &Job, cancel: &CancellationToken) -> Result<A, Error> {
        let started = Instant::now();
        let doc = convert::document(&job.document)?;
        let extraction = self.engine.extract_with(&doc, |_| {
            if cancel.is_cancelled() { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
        })?;
        if cancel.is_cancelled() {
            debug!("client left, extraction stopped");
        }
        let claims = extraction.claims.iter().filter(|c| job.options.keeps(c)).count();
        let times = extraction.times.len();
        let logged = self.claim_log.is_some() && !job.options.dry_run;
        let answer = A::new(&doc, extraction, job.options, logged);
        metrics::record_extraction(job.document.text.len(), claims);
        debug!(claims, times, elapsed_ms = elapsed_ms(started), "extracted");
        Ok(answer)
    }

    /// Sends each claim as it is found; stops when the client is gone or the deadline passes.
    /// Runs on the blocking pool.
    fn stream_claims(&self, job: &Job, out: &Responder) -> StreamEnd {
        let started = Instant::now();
        let doc = match convert::document(&job.document) {
            Ok(doc) => doc,
            Err(err) => return StreamEnd::Failed(err.into()),
        };
        let mut claims = Vec::new();
        let mut sent = 0usize;
        let mut stopped: Option<Stop> = None;
        let result = self.engine.extract_with(&doc, |claim| {
            if !job.options.keeps(claim) {
                return ControlFlow::Continue(());
            }
            let claim = convert::claim(&doc, claim.clone());
            if self.claim_log.is_some() && !job.options.dry_run {
                claims.push(claim.clone());
            }
            if let Err(stop) = out.send(Ok(ExtractClaimsResponse { claim: Some(claim) })) {
                stopped = Some(stop);
                return ControlFlow::Break(());
            }
            sent += 1;
            ControlFlow::Continue(())
        });
        if let Err(err) = result {
            return StreamEnd::Failed(Error::from(err).into());
        }
        match stopped {
            None => {
                metrics::record_extraction(job.document.text.len(), sent);
                debug!(claims = sent, elapsed_ms = elapsed_ms(started), "extracted");
                StreamEnd::Done(claims)
            }
            Some(Stop::ClientLeft) => {
                debug!(claims = sent, "client left, extraction stopped");
                StreamEnd::Abandoned
            }
            Some(Stop::DeadlinePassed) => {
                debug!(claims = sent, "deadline passed, extraction stopped");
                StreamEnd::Failed(Error::DeadlineExceeded.into())
            }
        }
    }

    /// Logs a call's claims and waits until they are durable; nothing to do for a dry run or
    /// without a log.
    async fn log_claims(&self, outlet: &str, claims: &[proto::Claim], dry_run: bool) -> Result<(), Error> {
        match &self.claim_log {
            Some(log) if !dry_run => log.append(outlet, claims).await,
            Some(_) | None => Ok(()),
        }
    }

    /// Reads a stream of documents, extracts up to `batch_concurrency` at once and answers each,
    /// in the order they finish. Ends early, with a status, on shutdown, overload or a broken
    /// request stream; returns at once when the client is gone.
    async fn run_batch(
        self: Arc<Self>,
        mut requests: Streaming<ExtractDocumentsRequest>,
        tx: mpsc::Sender<Result<ExtractDocumentsResponse, Status>>,
        deadline: Option<Instant>,
    ) {
        // Cancelled when this function returns, so that abandoned documents stop early.
        let cancel = CancellationToken::new();
        let _stop_on_return = cancel.clone().drop_guard();
        let mut running: JoinSet<ExtractDocumentsResponse> = JoinSet::new();
        let mut next_index = 0u64;
        let mut reading = true;
        let mut end: Option<Status> = None;
        let expired = async {
            match deadline {
                Some(deadline) => tokio::time::sleep_until(deadline).await,
                None => std::future::pending().await,
            }
        };
        tokio::pin!(expired);
        while reading || !running.is_empty() {
            tokio::select! {
                biased;
                () = tx.closed() => {
                    debug!(documents = next_index, "client left, batch stopped");
                    return;
                }
                () = &mut expired => {
                    debug!(documents = next_index, running = running.len(), "deadline passed, batch stopped");
                    cancel.cancel();
                    running.abort_all();
                    let _ = tx.send(Err(Error::DeadlineExceeded.into())).await;
                    return;
                }
                () = self.shutdown.cancelled(), if reading => {
                    reading = false;
                    end = Some(Error::ShuttingDown.into());
                }
                Some(done) = running.join_next() => {
                    let response = match done {
                        Ok(response) => response,
                        // The task only awaits the blocking job and builds a response; it cannot panic.
                        Err(err) => {
                            error!(error = %err, "batch task failed");
                            continue;
                        }
                    };
                    if tx.send(Ok(response)).await.is_err() {
                        return;
                    }
                }
                next = requests.message(), if reading && running.len() < self.batch_concurrency => {
                    let request = match next {
                        Ok(Some(request)) => request,
                        Ok(None) => {
                            reading = false;
                            continue;
                        }
                        Err(status) => {
                            debug!(%status, "request stream failed");
                            reading = false;
                            end = Some(status);
                            continue;
                        }
                    };
                    if next_index == self.max_stream_documents as u64 {
                        debug!(limit = self.max_stream_documents, "stream over its document limit");
                        reading = false;
                        end = Some(Error::StreamDocumentLimit { limit: self.max_stream_documents }.into());
                        continue;
                    }
                    let index = next_index;
                    next_index += 1;
                    // An id over the limit is answered cut to the limit; `index` still names it.
                    let document_id = request_document_id(request.document.as_ref()).to_owned();
                    let span = info_span!("document", document_id = %document_id, index);
                    match self.start_document(request, index, span.clone(), &cancel, &mut running) {
                        Ok(()) => {}
                        // Stream-level problems end the call once the running documents are answered.
                        Err(err @ (Error::Overloaded { .. } | Error::ShuttingDown)) => {
                            reading = false;
                            end = Some(err.into());
                        }
                        Err(err) => {
                            debug!(parent: &span, error = %err, "document rejected");
                            let outcome = Some(Outcome::Error(document_error(err)));
                            if tx.send(Ok(ExtractDocumentsResponse { document_id, index, outcome })).await.is_err() {
                                return;
                            }
                        }
                    }
                }
            }
        }
        if let Some(status) = end {
            let _ = tx.send(Err(status)).await;
        }
    }

    /// Validates one document of a batch and starts its extraction.
    fn start_document(
        self: &Arc<Self>,
        request: ExtractDocumentsRequest,
        index: u64,
        span: tracing::Span,
        cancel: &CancellationToken,
        running: &mut JoinSet<ExtractDocumentsResponse>,
    ) -> Result<(), Error> {
        let job = self.validate(request.document, request.options.as_ref())?;
        let permit = self.permit()?;
        let inner = self.clone();
        let cancel = cancel.clone();
        let document_id = job.document.id.clone();
        let (outlet, dry_run) = (job.document.outlet.clone(), job.options.dry_run);
        running.spawn(async move {
            let outcome = match inner.run_extract::<ExtractResponse>(job, permit, cancel, span).await {
                Ok(result) => match inner.log_claims(&outlet, &result.claims, dry_run).await {
                    Ok(()) => Outcome::Result(result),
                    Err(err) => Outcome::Error(document_error(err)),
                },
                Err(err) => Outcome::Error(document_error(err)),
            };
            ExtractDocumentsResponse { document_id, index, outcome: Some(outcome) }
        });
        Ok(())
    }
}

/// The sending end of an `ExtractClaims` stream, used from the blocking pool.
struct Responder {
    tx: mpsc::Sender<Result<ExtractClaimsResponse, Status>>,
    deadline: Option<Instant>,
    runtime: tokio::runtime::Handle,
}

/// How the extraction behind an `ExtractClaims` stream ended.
enum StreamEnd {
    /// Every claim was sent; these are to be logged (none without a log or on a dry run).
    Done(Vec<proto::Claim>),
    /// The stream ends with this status: a bad document, a passed deadline.
    Failed(Status),
    /// The client left: nothing more to send or log.
    Abandoned,
}

/// Why a stream stopped before the engine was done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stop {
    ClientLeft,
    DeadlinePassed,
}

impl Responder {
    /// Sends one message, waiting for room in the buffer at most until the deadline.
    fn send(&self, message: Result<ExtractClaimsResponse, Status>) -> Result<(), Stop> {
        let Some(deadline) = self.deadline else {
            return self.tx.blocking_send(message).map_err(|_| Stop::ClientLeft);
        };
        if Instant::now() >= deadline {
            return Err(Stop::DeadlinePassed);
        }
        match self.runtime.block_on(tokio::time::timeout_at(deadline, self.tx.send(message))) {
            Ok(Ok(())) => Ok(()),
            Ok(Err(_)) => Err(Stop::ClientLeft),
            Err(_) => Err(Stop::DeadlinePassed),
        }
    }
}

fn document_error(err: Error) -> DocumentError {
    let status = Status::from(err);
    DocumentError { code: status.code() as i32, message: status.message().to_owned() }
}

/// A failed blocking task: a panic in the engine is a bug, reported with an incident id.
fn join_error(err: tokio::task::JoinError) -> Error {
    if err.is_cancelled() {
        return Error::ShuttingDown;
    }
    panicked(&err.to_string())
}

/// A panic in the engine: logged with a new incident id, which the client gets in INTERNAL.
fn panicked(detail: &str) -> Error {
    let internal = Error::internal();
    if let Error::Internal { id } = &internal {
        error!(incident = %id, error = %detail, "extraction panicked");
    }
    internal
}

/// The message a panic was raised with, if it was a string.
fn panic_message(payload: &(dyn Any + Send)) -> &str {
    payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("a panic without a message")
}

/// The id as logged: cut to the contract's limit, so an oversized id cannot flood the logs.
fn loggable_id(id: &str) -> &str {
    if id.len() <= MAX_ID_BYTES {
        return id;
    }
    let mut end = MAX_ID_BYTES;
    while !id.is_char_boundary(end) {
        end -= 1;
    }
    &id[..end]
}

fn request_document_id(document: Option<&proto::Document>) -> &str {
    document.map_or("", |doc| loggable_id(&doc.id))
}

fn elapsed_ms(started: Instant) -> u64 {
    u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX)
}

#[tonic::async_trait]
impl ClaimExtractor for ClaimExtractorService {
    type ExtractClaimsStream = ReceiverStream<Result<ExtractClaimsResponse, Status>>;
    type ExtractDocumentsStream = ReceiverStream<Result<ExtractDocumentsResponse, Status>>;
    type SubscribeStream = ReceiverStream<Result<SubscribeResponse, Status>>;

    async fn extract_claims(
        &self,
        request: Request<ExtractClaimsRequest>,
    ) -> Result<Response<Self::ExtractClaimsStream>, Status> {
        let deadline = limits::deadline(&request);
        let request = request.into_inner();
        let span = info_span!("extract_claims", document_id = %request_document_id(request.document.as_ref()));
        let stream = self.inner_extract_claims(request, deadline).instrument(span.clone()).await.inspect_err(|err| log_refusal(&span, err))?;
        Ok(Response::new(stream))
    }

    async fn extract(&self, request: Request<ExtractRequest>) -> Result<Response<ExtractResponse>, Status> {
        let response: ExtractResponse = self.extract_as(request).await?;
        Ok(Response::new(response))
    }

    async fn extract_documents(
        &self,
        request: Request<Streaming<ExtractDocumentsRequest>>,
    ) -> Result<Response<Self::ExtractDocumentsStream>, Status> {
        let deadline = limits::deadline(&request);
        let span = info_span!("extract_documents");
        let stream = self.inner_extract_documents(request.into_inner(), deadline).instrument(span.clone()).await.inspect_err(|err| log_refusal(&span, err))?;
        Ok(Response::new(stream))
    }

    async fn subscribe(&self, request: Request<SubscribeRequest>) -> Result<Response<Self::SubscribeStream>, Status> {
        let request = request.into_inner();
        let span = info_span!("subscribe", start = request.start, start_sequence = request.start_sequence);
        let stream = self.inner_subscribe(request).instrument(span.clone()).await.inspect_err(|err| log_refusal(&span, err))?;
        Ok(Response::new(stream))
    }
}

fn log_refusal(span: &tracing::Span, err: &Error) {
    match err {
        Error::Internal { .. } => error!(parent: span, error = %err, "call failed"),
        _ => debug!(parent: span, error = %err, "call refused"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(text: &str) -> proto::Document {
        proto::Document { id: "doc-1".into(), text: text.into(), ..Default::default() }
    }

    fn service(config: Config) -> ClaimExtractorService {
        ClaimExtractorService::new(&config, CancellationToken::new())
    }

    #[tokio::test]
    async fn full_server_is_overloaded() {
        let service = service(Config { max_in_flight: 1, ..Config::default() });
        let _held = service.inner.permit().expect("one permit");
        let request = ExtractRequest { document: Some(document("Hello there.")), options: None };
        let err = service.inner_extract::<ExtractResponse>(request, None).await.expect_err("no permit left");
        assert_eq!(err, Error::Overloaded { limit: 1 });
    }

    #[tokio::test]
    async fn a_call_past_its_deadline_is_deadline_exceeded_and_gives_its_permit_back() {
        let config = Config { max_in_flight: 1, max_document_bytes: 8 << 20, ..Config::default() };
        let service = service(config);
        let text = "\"We will never sign,\" the minister said on Monday. The talks resumed, officials said.\n".repeat(20_000);
        let request = || ExtractRequest { document: Some(document(&text)), options: None };
        let started = Instant::now();
        service.inner_extract::<ExtractResponse>(request(), None).await.expect("read in full");
        let full = started.elapsed();

        let deadline = Instant::now() + full / 10;
        assert_eq!(service.inner_extract::<ExtractResponse>(request(), Some(deadline)).await.expect_err("past the deadline"), Error::DeadlineExceeded);
        // The extraction was cancelled with the call: its permit comes back long before the
        // document would have been read to the end.
        let answered = Instant::now();
        while service.inner.permits.available_permits() == 0 {
            assert!(answered.elapsed() < full / 2, "the cancelled extraction kept its permit (a full read takes {full:?})");
            tokio::time::sleep(std::time::Duration::from_millis(1)).await;
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_short_document_read_inline_is_answered_as_on_the_blocking_pool() {
        let text = "\"We will never sign,\" the minister said on Monday. The talks resumed, officials said.";
        let request = || ExtractRequest { document: Some(document(text)), options: None };
        let inline = service(Config::default()).inner_extract::<ExtractResponse>(request(), None).await.expect("read inline");
        let pooled = service(Config { inline_max_bytes: 0, ..Config::default() }).inner_extract::<ExtractResponse>(request(), None).await.expect("read on the pool");
        assert!(!inline.claims.is_empty(), "{inline:?}");
        assert_eq!(inline, pooled);
    }

    #[tokio::test]
    async fn a_short_document_past_its_deadline_is_not_read() {
        let service = service(Config { max_in_flight: 1, ..Config::default() });
        let request = ExtractRequest { document: Some(document("Hello there.")), options: None };
        let deadline = Instant::now() - std::time::Duration::from_millis(1);
        assert_eq!(service.inner_extract::<ExtractResponse>(request, Some(deadline)).await.expect_err("past the deadline"), Error::DeadlineExceeded);
        assert_eq!(service.inner.permits.available_permits(), 1);
    }

    #[tokio::test]
    async fn permits_come_back_after_each_call() {
        let service = service(Config { max_in_flight: 1, ..Config::default() });
        for _ in 0..3 {
            let request = ExtractRequest { document: Some(document("Hello there.")), options: None };
            let response = service.inner_extract::<ExtractResponse>(request, None).await.expect("a permit is free");
            assert_eq!(response.document_id, "doc-1");
        }
        assert_eq!(service.inner.permits.available_permits(), 1);
    }

    #[tokio::test]
    async fn shutting_down_refuses_new_calls() {
        let shutdown = CancellationToken::new();
        let service = ClaimExtractorService::new(&Config::default(), shutdown.clone());
        shutdown.cancel();
        let request = ExtractRequest { document: Some(document("Hello there.")), options: None };
        assert_eq!(service.inner_extract::<ExtractResponse>(request, None).await.expect_err("shutting down"), Error::ShuttingDown);
    }

    #[test]
    fn validation_comes_first() {
        let service = service(Config { max_document_bytes: 8, ..Config::default() });
        assert!(matches!(service.inner.validate(None, None), Err(Error::MissingDocument)));
        assert!(matches!(
            service.inner.validate(Some(document("far too long a text")), None),
            Err(Error::Engine(claimex_engine::Error::TextTooLarge { limit: 8, .. }))
        ));
        assert!(matches!(
            service.inner.validate(Some(document(" \n\t ")), None),
            Err(Error::Engine(claimex_engine::Error::EmptyText))
        ));
    }

    #[test]
    fn loggable_id_cuts_on_a_char_boundary() {
        let id = "é".repeat(MAX_ID_BYTES);
        let cut = loggable_id(&id);
        assert!(cut.len() <= MAX_ID_BYTES);
        assert_eq!(loggable_id("short"), "short");
    }
}
