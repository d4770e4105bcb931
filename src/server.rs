//! The gRPC server: the claim extractor, `grpc.health.v1` and reflection (v1 and v1alpha, since
//! grpcurl before 1.9 speaks only v1alpha), with graceful shutdown, optional TLS (reloaded),
//! bearer tokens and per-call metrics.

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::pin::Pin;
use std::time::Duration;

use anyhow::Context as _;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;
use tonic::transport::Server;
use tonic::transport::server::TcpIncoming;
use tonic_health::ServingStatus;
use tonic_health::server::HealthReporter;
use tower_layer::Stack;
use tracing::{info, warn};

use crate::auth::{AuthLayer, Tokens};
use crate::drain::DrainLayer;
use crate::metrics::GrpcMetricsLayer;
use crate::limits::CallLimitLayer;
use crate::proto::{self, claim_extractor_server};
use crate::service::{self, ClaimExtractorService};
use crate::subscribe::{self, ClaimLog};
use crate::tls::{ReloadingTls, TlsFiles};

/// How long, after the grace period, the server waits for its connections to close once every
/// open call has been ended with UNAVAILABLE.
const DRAIN_FLUSH: Duration = Duration::from_secs(2);

/// How a server runs.
#[derive(Debug, Clone)]
pub struct Config {
    pub service: service::Config,
    /// How long, once shutdown begins, calls still open may run before they are ended with
    /// UNAVAILABLE (a client watching health or holding a stream open would otherwise keep the
    /// server up forever).
    pub shutdown_grace: Duration,
    /// Where extraction calls log claims for Subscribe (none by default).
    pub claim_log: subscribe::Config,
    /// Whether to offer the reflection services.
    pub reflection: bool,
    pub security: Security,
    /// Calls open at once on the claim extractor (streams count until they end); past it, calls
    /// get RESOURCE_EXHAUSTED at once. Health and reflection are not counted.
    pub max_calls: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            service: service::Config::default(),
            shutdown_grace: Duration::from_secs(10),
            claim_log: subscribe::Config::default(),
            reflection: true,
            security: Security::default(),
            max_calls: 256,
        }
    }
}

/// TLS and bearer tokens; both off by default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Security {
    pub tls: Option<TlsFiles>,
    /// One token a line; every call but health's must carry one (`authorization: Bearer ...`).
    pub auth_token_file: Option<PathBuf>,
    /// How often the TLS files and the token file are re-read.
    pub reload_interval: Duration,
}

impl Default for Security {
    fn default() -> Self {
        Security { tls: None, auth_token_file: None, reload_interval: Duration::from_secs(10) }
    }
}

/// The sockets a server answers on.
#[derive(Debug)]
pub struct Listeners {
    /// Every service, with TLS and tokens when configured.
    pub grpc: TcpListener,
    /// `grpc.health.v1` alone, in plaintext and without tokens: for the kubelet's gRPC probes,
    /// which speak neither TLS nor tokens.
    pub health: Option<TcpListener>,
}

/// Serves on `listener`, see [`serve_with`].
pub async fn serve(config: Config, listener: TcpListener, shutdown: impl Future<Output = ()> + Send) -> anyhow::Result<()> {
    serve_with(config, Listeners { grpc: listener, health: None }, shutdown).await
}

/// Serves until `shutdown` completes, then reports NOT_SERVING, stops taking connections and
/// calls, lets open calls finish within the grace period, ends the ones still open with
/// UNAVAILABLE, and returns.
pub async fn serve_with(config: Config, listeners: Listeners, shutdown: impl Future<Output = ()> + Send) -> anyhow::Result<()> {
    let addr: SocketAddr = listeners.grpc.local_addr().context("reading the listener's address")?;
    // Shutdown has begun.
    let stopping = CancellationToken::new();
    // The grace period is over: open calls end now.
    let drain = CancellationToken::new();
    // The server has returned: file reloads and the health port stop.
    let finished = CancellationToken::new();
    let _finish = finished.clone().drop_guard();

    let security = &config.security;
    let tls = match &security.tls {
        Some(files) => Some(ReloadingTls::start(files, security.reload_interval, finished.clone()).await?),
        None => None,
    };
    let tokens = match &security.auth_token_file {
        Some(path) => Some(
            Tokens::start(path, security.reload_interval, finished.clone())
                .await
                .with_context(|| format!("loading the auth tokens from {}", path.display()))?,
        ),
        None => None,
    };

    let (health, health_service) = tonic_health::server::health_reporter();
    set_health(&health, ServingStatus::Serving).await;

    let reflection_v1 =
        config.reflection.then(|| reflection().build_v1()).transpose().context("building the v1 reflection service")?;
    let reflection_v1alpha =
        config.reflection.then(|| reflection().build_v1alpha()).transpose().context("building the v1alpha reflection service")?;
    let claim_log = ClaimLog::open(&config.claim_log).await.context("opening the claim log")?;
    let claims = ClaimExtractorService::with_claim_log(&config.service, stopping.clone(), claim_log.clone())
        .into_server(&config.service);

    // Reflection on the health port describes health alone, so that grpcurl works there too.
    let health_reflection = match (&listeners.health, config.reflection) {
        (Some(_), true) => Some(
            tonic_reflection::server::Builder::configure()
                .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
                .build_v1alpha()
                .context("building the health port's reflection service")?,
        ),
        _ => None,
    };
    let health_port = listeners.health.map(|listener| {
        let server = Server::builder()
            .layer(Stack::new(DrainLayer::new(drain.clone()), GrpcMetricsLayer))
            .add_service(health_service.clone())
            .add_optional_service(health_reflection)
            .serve_with_incoming_shutdown(TcpIncoming::from(listener).with_nodelay(Some(true)), finished.clone().cancelled_owned());
        tokio::spawn(server)
    });

    let signal = {
        let stopping = stopping.clone();
        async move {
            shutdown.await;
            info!("shutting down");
            set_health(&health, ServingStatus::NotServing).await;
            stopping.cancel();
        }
    };
    // Around each call, outermost first: metrics (every call counted, the refused ones too),
    // drain (UNAVAILABLE once the grace period is over), auth, the call limit
    // (RESOURCE_EXHAUSTED past it; only authenticated calls take a place), then tonic's router.
    let layers = Stack::new(
        CallLimitLayer::new(claim_extractor_server::SERVICE_NAME, config.max_calls),
        Stack::new(AuthLayer::new(tokens.clone()), Stack::new(DrainLayer::new(drain.clone()), GrpcMetricsLayer)),
    );
    let router = Server::builder()
        .layer(layers)
        .add_service(health_service)
        .add_optional_service(reflection_v1)
        .add_optional_service(reflection_v1alpha)
        .add_service(claims);
    let server: Pin<Box<dyn Future<Output = Result<(), tonic::transport::Error>> + Send>> = match &tls {
        Some(tls) => Box::pin(router.serve_with_incoming_shutdown(tls.incoming(listeners.grpc), signal)),
        None => Box::pin(router.serve_with_incoming_shutdown(TcpIncoming::from(listeners.grpc).with_nodelay(Some(true)), signal)),
    };

    info!(
        %addr,
        tls = tls.is_some(),
        client_certificates = security.tls.as_ref().is_some_and(|files| files.client_ca.is_some()),
        auth_tokens = tokens.is_some(),
        reflection = config.reflection,
        max_document_bytes = config.service.max_document_bytes,
        max_in_flight = config.service.max_in_flight,
        max_calls = config.max_calls,
        "listening"
    );
    let grace_over = async {
        stopping.cancelled().await;
        tokio::time::sleep(config.shutdown_grace).await;
        warn!(grace_ms = config.shutdown_grace.as_millis() as u64, "calls still open after the grace period, ending them with UNAVAILABLE");
        drain.cancel();
        tokio::time::sleep(DRAIN_FLUSH).await;
    };
    let served = tokio::select! {
        result = server => result.context("serving gRPC"),
        () = grace_over => {
            warn!(wait_ms = DRAIN_FLUSH.as_millis() as u64, "connections still open after their calls ended, closing them");
            Ok(())
        }
    };
    finished.cancel();
    if let Some(task) = health_port {
        match tokio::time::timeout(DRAIN_FLUSH, task).await {
            Ok(Ok(Ok(()))) => {}
            Ok(Ok(Err(err))) => warn!(error = %err, "the health port failed"),
            Ok(Err(err)) => warn!(error = %err, "the health port's task failed"),
            Err(_) => warn!("the health port did not close in time"),
        }
    }
    // Claims already queued are written before the process exits.
    if let Some(claim_log) = claim_log {
        claim_log.close(config.shutdown_grace).await;
    }
    served?;
    info!("stopped");
    Ok(())
}

fn reflection() -> tonic_reflection::server::Builder<'static> {
    tonic_reflection::server::Builder::configure()
        .register_encoded_file_descriptor_set(proto::FILE_DESCRIPTOR_SET)
        .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
}

/// Sets both the overall status ("") and the claim extractor's.
async fn set_health(health: &HealthReporter, status: ServingStatus) {
    health.set_service_status("", status).await;
    health.set_service_status(claim_extractor_server::SERVICE_NAME, status).await;
}
