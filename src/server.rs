//! The gRPC server: the claim extractor, `grpc.health.v1` and reflection (v1 and v1alpha, since
//! grpcurl before 1.9 speaks only v1alpha), with graceful shutdown.

use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;

use anyhow::Context as _;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;
use tonic::transport::Server;
use tonic::transport::server::TcpIncoming;
use tonic_health::ServingStatus;
use tonic_health::server::HealthReporter;
use tracing::{info, warn};

use crate::limits::CallLimitLayer;
use crate::proto::{self, claim_extractor_server};
use crate::service::{self, ClaimExtractorService};

/// How a server runs.
#[derive(Debug, Clone)]
pub struct Config {
    pub service: service::Config,
    /// How long, once shutdown begins, calls still open may run before their connections are
    /// closed (a client watching health or holding a stream open would otherwise keep the
    /// server up forever).
    pub shutdown_grace: Duration,
    /// Calls open at once on the claim extractor (streams count until they end); past it, calls
    /// get RESOURCE_EXHAUSTED at once. Health and reflection are not counted.
    pub max_calls: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config { service: service::Config::default(), shutdown_grace: Duration::from_secs(10), max_calls: 256 }
    }
}

/// Serves on `listener` until `shutdown` completes, then stops taking calls, reports
/// NOT_SERVING, lets open calls finish within the grace period, and returns.
pub async fn serve(config: Config, listener: TcpListener, shutdown: impl Future<Output = ()> + Send) -> anyhow::Result<()> {
    let addr: SocketAddr = listener.local_addr().context("reading the listener's address")?;
    let stopping = CancellationToken::new();

    let (health, health_service) = tonic_health::server::health_reporter();
    set_health(&health, ServingStatus::Serving).await;

    let reflection_v1 = reflection().build_v1().context("building the v1 reflection service")?;
    let reflection_v1alpha = reflection().build_v1alpha().context("building the v1alpha reflection service")?;
    let claims = ClaimExtractorService::new(&config.service, stopping.clone()).into_server(&config.service);

    let signal = {
        let stopping = stopping.clone();
        async move {
            shutdown.await;
            info!("shutting down");
            set_health(&health, ServingStatus::NotServing).await;
            stopping.cancel();
        }
    };
    let incoming = TcpIncoming::from(listener).with_nodelay(Some(true));
    let server = Server::builder()
        .layer(CallLimitLayer::new(claim_extractor_server::SERVICE_NAME, config.max_calls))
        .add_service(health_service)
        .add_service(reflection_v1)
        .add_service(reflection_v1alpha)
        .add_service(claims)
        .serve_with_incoming_shutdown(incoming, signal);

    info!(%addr, max_document_bytes = config.service.max_document_bytes, max_in_flight = config.service.max_in_flight, max_calls = config.max_calls, "listening");
    let grace_over = async {
        stopping.cancelled().await;
        tokio::time::sleep(config.shutdown_grace).await;
    };
    tokio::select! {
        result = server => result.context("serving gRPC")?,
        () = grace_over => warn!(grace_ms = config.shutdown_grace.as_millis() as u64, "calls still open after the grace period, closing them"),
    }
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
