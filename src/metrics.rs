//! Prometheus metrics, served as OpenMetrics text on `GET /metrics` from their own port
//! (`--metrics-listen`), away from the gRPC port and its TLS and tokens.
//!
//! - `grpc_server_started_total`, `grpc_server_handled_total` (by `grpc_code`) and the
//!   `grpc_server_handling_seconds` histogram, by `grpc_service` and `grpc_method`, with the
//!   names of go-grpc-prometheus so that existing dashboards apply. Counted by
//!   [`GrpcMetricsLayer`] around every call, the refused ones (UNAUTHENTICATED) included; a
//!   call ends when its last response message is sent, so a stream's time is the stream's.
//! - `claimex_documents_total`, `claimex_claims_total` and `claimex_text_bytes_total`: the work
//!   the engine did, counted by the service through [`record_extraction`].
//!
//! One registry for the process, as the service and the layer are built in several places.
//! Another subsystem (the claim bus, say) adds its families the way this module does: a struct
//! of families registered under its own prefix (`claimex_bus_*`) in [`Metrics::new`], and
//! functions like [`record_extraction`] for the code that counts.

use std::collections::HashMap;
use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::LazyLock;
use std::task::{Context, Poll, ready};
use std::time::Instant;

use bytes::Bytes;
use http_body::{Body, Frame, SizeHint};
use http_body_util::Full;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::{Registry, Unit};
use prost::Message as _;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;
use tracing::{debug, error, info, warn};

/// The process's metrics.
pub struct Metrics {
    registry: Registry,
    grpc: GrpcMetrics,
    documents: Counter,
    claims: Counter,
    text_bytes: Counter,
}

struct GrpcMetrics {
    started: Family<MethodLabels, Counter>,
    handled: Family<CodeLabels, Counter>,
    handling_seconds: Family<MethodLabels, Histogram>,
    /// `/package.Service/Method` → labels, for the methods this server offers. Any other path is
    /// counted as `unknown`, so a client cannot grow the label sets at will.
    methods: HashMap<String, MethodLabels>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EncodeLabelSet)]
struct MethodLabels {
    grpc_service: &'static str,
    grpc_method: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EncodeLabelSet)]
struct CodeLabels {
    grpc_service: &'static str,
    grpc_method: &'static str,
    grpc_code: &'static str,
}

const UNKNOWN_METHOD: MethodLabels = MethodLabels { grpc_service: "unknown", grpc_method: "unknown" };

static METRICS: LazyLock<Metrics> = LazyLock::new(Metrics::new);

/// The process's metrics, created on first use.
pub fn metrics() -> &'static Metrics {
    &METRICS
}

/// Counts one document the engine read through: its text's size and the claims it returned.
pub fn record_extraction(text_bytes: usize, claims: usize) {
    let metrics = metrics();
    metrics.documents.inc();
    metrics.text_bytes.inc_by(text_bytes as u64);
    metrics.claims.inc_by(claims as u64);
}

impl Metrics {
    fn new() -> Metrics {
        let mut registry = Registry::default();
        let grpc = GrpcMetrics {
            started: Family::default(),
            handled: Family::default(),
            // 1 ms to about 33 s; longer calls (streams) land in +Inf.
            handling_seconds: Family::new_with_constructor(|| Histogram::new(exponential_buckets(0.001, 2.0, 16))),
            methods: known_methods(),
        };
        registry.register("grpc_server_started", "gRPC calls started", grpc.started.clone());
        registry.register("grpc_server_handled", "gRPC calls completed, by status code", grpc.handled.clone());
        registry.register_with_unit(
            "grpc_server_handling",
            "Time from a call's start to its last response message",
            Unit::Seconds,
            grpc.handling_seconds.clone(),
        );
        let documents = Counter::default();
        let claims = Counter::default();
        let text_bytes = Counter::default();
        registry.register("claimex_documents", "Documents the engine read through", documents.clone());
        registry.register("claimex_claims", "Claims returned", claims.clone());
        registry.register_with_unit("claimex_text", "Document text read by the engine", Unit::Bytes, text_bytes.clone());
        Metrics { registry, grpc, documents, claims, text_bytes }
    }

    /// The OpenMetrics text of every metric.
    pub fn encode(&self) -> String {
        let mut text = String::new();
        if let Err(err) = prometheus_client::encoding::text::encode(&mut text, &self.registry) {
            // Writing to a String cannot fail; a failure here is a bug in a metric's encoder.
            error!(error = %err, "encoding the metrics failed");
        }
        text
    }

    fn method(&self, path: &str) -> MethodLabels {
        self.grpc.methods.get(path).copied().unwrap_or(UNKNOWN_METHOD)
    }
}

/// The methods of every service this server registers, read from their descriptors.
fn known_methods() -> HashMap<String, MethodLabels> {
    let sets = [
        crate::proto::FILE_DESCRIPTOR_SET,
        tonic_health::pb::FILE_DESCRIPTOR_SET,
        tonic_reflection::pb::v1::FILE_DESCRIPTOR_SET,
        tonic_reflection::pb::v1alpha::FILE_DESCRIPTOR_SET,
    ];
    let mut methods = HashMap::new();
    for encoded in sets {
        let set = match prost_types::FileDescriptorSet::decode(encoded) {
            Ok(set) => set,
            Err(err) => {
                // The sets are compiled in; a failure is a build problem, not a reason to stop serving.
                error!(error = %err, "decoding a compiled-in descriptor set failed, its methods count as unknown");
                continue;
            }
        };
        for file in &set.file {
            for service in &file.service {
                let full_name = match file.package() {
                    "" => service.name().to_owned(),
                    package => format!("{package}.{}", service.name()),
                };
                // Leaked once per method when the metrics are created: label values live as long as the process.
                let service_label: &'static str = full_name.clone().leak();
                for method in &service.method {
                    let path = format!("/{full_name}/{}", method.name());
                    let method_label: &'static str = method.name().to_owned().leak();
                    methods.insert(path, MethodLabels { grpc_service: service_label, grpc_method: method_label });
                }
            }
        }
    }
    methods
}

/// Serves `GET /metrics` on `listener` until `shutdown` is cancelled.
pub async fn serve(listener: TcpListener, shutdown: CancellationToken) {
    match listener.local_addr() {
        Ok(addr) => info!(%addr, "serving metrics on /metrics"),
        Err(err) => warn!(error = %err, "serving metrics on an unknown address"),
    }
    loop {
        let stream = tokio::select! {
            () = shutdown.cancelled() => return,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(err) => {
                    // Out of file descriptors, most likely: wait a little rather than spin.
                    warn!(error = %err, "accepting a metrics connection failed");
                    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                    continue;
                }
            },
        };
        let shutdown = shutdown.clone();
        tokio::spawn(async move {
            let connection = http1::Builder::new().serve_connection(TokioIo::new(stream), service_fn(answer));
            tokio::select! {
                result = connection => if let Err(err) = result {
                    debug!(error = %err, "metrics connection failed");
                },
                () = shutdown.cancelled() => {}
            }
        });
    }
}

async fn answer(request: http::Request<hyper::body::Incoming>) -> Result<http::Response<Full<Bytes>>, Infallible> {
    let response = if request.uri().path() != "/metrics" {
        plain(http::StatusCode::NOT_FOUND, "not found: the metrics are on /metrics\n")
    } else if request.method() != http::Method::GET && request.method() != http::Method::HEAD {
        plain(http::StatusCode::METHOD_NOT_ALLOWED, "method not allowed: use GET\n")
    } else {
        let mut response = http::Response::new(Full::new(Bytes::from(metrics().encode())));
        response.headers_mut().insert(
            http::header::CONTENT_TYPE,
            http::HeaderValue::from_static("application/openmetrics-text; version=1.0.0; charset=utf-8"),
        );
        response
    };
    Ok(response)
}

fn plain(status: http::StatusCode, text: &'static str) -> http::Response<Full<Bytes>> {
    let mut response = http::Response::new(Full::new(Bytes::from_static(text.as_bytes())));
    *response.status_mut() = status;
    response.headers_mut().insert(http::header::CONTENT_TYPE, http::HeaderValue::from_static("text/plain; charset=utf-8"));
    response
}

/// A tower layer that counts every gRPC call by method and status code and times it.
#[derive(Debug, Clone, Copy, Default)]
pub struct GrpcMetricsLayer;

impl<S> tower_layer::Layer<S> for GrpcMetricsLayer {
    type Service = GrpcMetricsService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        GrpcMetricsService { inner }
    }
}

/// See [`GrpcMetricsLayer`].
#[derive(Debug, Clone)]
pub struct GrpcMetricsService<S> {
    inner: S,
}

impl<S, ReqBody, ResBody> tower_service::Service<http::Request<ReqBody>> for GrpcMetricsService<S>
where
    S: tower_service::Service<http::Request<ReqBody>, Response = http::Response<ResBody>>,
{
    type Response = http::Response<MetricsBody<ResBody>>;
    type Error = S::Error;
    type Future = MetricsFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: http::Request<ReqBody>) -> Self::Future {
        let method = metrics().method(request.uri().path());
        metrics().grpc.started.get_or_create(&method).inc();
        MetricsFuture { inner: self.inner.call(request), call: Some(Call { method, started: Instant::now() }) }
    }
}

/// A call being counted. Dropped before it was finished, it counts as CANCELLED: the client left
/// or the connection closed before the status was sent.
#[derive(Debug)]
struct Call {
    method: MethodLabels,
    started: Instant,
}

impl Call {
    fn finish(self, code: tonic::Code) {
        let grpc = &metrics().grpc;
        let labels = CodeLabels { grpc_service: self.method.grpc_service, grpc_method: self.method.grpc_method, grpc_code: code_name(code) };
        grpc.handled.get_or_create(&labels).inc();
        grpc.handling_seconds.get_or_create(&self.method).observe(self.started.elapsed().as_secs_f64());
    }
}

/// Holds a [`Call`] and finishes it as CANCELLED if dropped unfinished.
#[derive(Debug, Default)]
struct Pending(Option<Call>);

impl Pending {
    fn finish(&mut self, code: tonic::Code) {
        if let Some(call) = self.0.take() {
            call.finish(code);
        }
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        self.finish(tonic::Code::Cancelled);
    }
}

pin_project_lite::pin_project! {
    /// The response future of [`GrpcMetricsService`].
    pub struct MetricsFuture<F> {
        #[pin]
        inner: F,
        call: Option<Call>,
    }
}

impl<F, ResBody, E> Future for MetricsFuture<F>
where
    F: Future<Output = Result<http::Response<ResBody>, E>>,
{
    type Output = Result<http::Response<MetricsBody<ResBody>>, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let result = ready!(this.inner.poll(cx));
        let mut pending = Pending(this.call.take());
        match result {
            Ok(response) => {
                // A call refused up front carries its status in the headers ("trailers-only").
                if let Some(code) = grpc_status(response.headers()) {
                    pending.finish(code);
                }
                Poll::Ready(Ok(response.map(|inner| MetricsBody { inner, pending })))
            }
            Err(err) => {
                pending.finish(tonic::Code::Unknown);
                Poll::Ready(Err(err))
            }
        }
    }
}

pin_project_lite::pin_project! {
    /// A response body that finishes its call's count when the status trailers go out.
    pub struct MetricsBody<B> {
        #[pin]
        inner: B,
        pending: Pending,
    }
}

impl<B: Body> Body for MetricsBody<B> {
    type Data = B::Data;
    type Error = B::Error;

    fn poll_frame(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Self::Data>, Self::Error>>> {
        let this = self.project();
        let frame = ready!(this.inner.poll_frame(cx));
        match &frame {
            Some(Ok(frame)) => {
                if let Some(trailers) = frame.trailers_ref() {
                    this.pending.finish(grpc_status(trailers).unwrap_or(tonic::Code::Unknown));
                }
            }
            // The stream broke; the client sees an error that is not a status of ours.
            Some(Err(_)) => this.pending.finish(tonic::Code::Unknown),
            // A gRPC response ends with trailers; one that ends without is not OK either.
            None => this.pending.finish(tonic::Code::Unknown),
        }
        Poll::Ready(frame)
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

fn grpc_status(headers: &http::HeaderMap) -> Option<tonic::Code> {
    let value = headers.get("grpc-status")?;
    Some(tonic::Code::from_bytes(value.as_bytes()))
}

/// The canonical name of a status code, as the gRPC spec and grpcurl write it.
pub fn code_name(code: tonic::Code) -> &'static str {
    match code {
        tonic::Code::Ok => "OK",
        tonic::Code::Cancelled => "CANCELLED",
        tonic::Code::Unknown => "UNKNOWN",
        tonic::Code::InvalidArgument => "INVALID_ARGUMENT",
        tonic::Code::DeadlineExceeded => "DEADLINE_EXCEEDED",
        tonic::Code::NotFound => "NOT_FOUND",
        tonic::Code::AlreadyExists => "ALREADY_EXISTS",
        tonic::Code::PermissionDenied => "PERMISSION_DENIED",
        tonic::Code::ResourceExhausted => "RESOURCE_EXHAUSTED",
        tonic::Code::FailedPrecondition => "FAILED_PRECONDITION",
        tonic::Code::Aborted => "ABORTED",
        tonic::Code::OutOfRange => "OUT_OF_RANGE",
        tonic::Code::Unimplemented => "UNIMPLEMENTED",
        tonic::Code::Internal => "INTERNAL",
        tonic::Code::Unavailable => "UNAVAILABLE",
        tonic::Code::DataLoss => "DATA_LOSS",
        tonic::Code::Unauthenticated => "UNAUTHENTICATED",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_served_methods_are_known() {
        let metrics = metrics();
        let extract = metrics.method("/claimex.v1.ClaimExtractor/Extract");
        assert_eq!(extract, MethodLabels { grpc_service: "claimex.v1.ClaimExtractor", grpc_method: "Extract" });
        assert_eq!(metrics.method("/grpc.health.v1.Health/Check").grpc_method, "Check");
        assert_eq!(metrics.method("/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo").grpc_method, "ServerReflectionInfo");
        assert_eq!(metrics.method("/claimex.v1.ClaimExtractor/NoSuchMethod"), UNKNOWN_METHOD);
        assert_eq!(metrics.method("/../../etc/passwd"), UNKNOWN_METHOD);
    }

    #[test]
    fn status_headers_are_read() {
        let mut headers = http::HeaderMap::new();
        assert_eq!(grpc_status(&headers), None);
        headers.insert("grpc-status", http::HeaderValue::from_static("16"));
        assert_eq!(grpc_status(&headers), Some(tonic::Code::Unauthenticated));
        assert_eq!(code_name(tonic::Code::Unauthenticated), "UNAUTHENTICATED");
    }

    #[test]
    fn a_dropped_call_counts_as_cancelled() {
        let method = metrics().method("/grpc.health.v1.Health/Watch");
        let labels = CodeLabels { grpc_service: method.grpc_service, grpc_method: method.grpc_method, grpc_code: "CANCELLED" };
        let before = metrics().grpc.handled.get_or_create(&labels).get();
        drop(Pending(Some(Call { method, started: Instant::now() })));
        assert_eq!(metrics().grpc.handled.get_or_create(&labels).get(), before + 1);
    }

    #[test]
    fn extractions_are_counted() {
        let before = metrics().encode();
        record_extraction(100, 2);
        let after = metrics().encode();
        assert_ne!(before, after);
        assert!(after.contains("claimex_text_bytes_total"), "{after}");
        assert!(after.contains("# EOF"), "{after}");
    }
}
