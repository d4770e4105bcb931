//! Overload protection and deadlines, shared by the server and the service.
//!
//! - [`CallLimitLayer`]: a tower layer that bounds the calls open at once on one gRPC service,
//!   across all connections. A call holds its slot until its response body ends (a tower
//!   `ConcurrencyLimit` would free it as soon as a streaming call returns its headers), and a
//!   call over the limit is answered RESOURCE_EXHAUSTED at once instead of waiting in a queue.
//! - [`deadline`]: the instant a call must be answered by, from its `grpc-timeout` header.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use http_body::{Frame, SizeHint};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;

/// How much earlier than the client's deadline the service gives up. tonic's transport answers a
/// unary call that outlives its `grpc-timeout` with CANCELLED; stopping a little before that lets
/// the service answer DEADLINE_EXCEEDED itself.
pub const DEADLINE_LEAD: Duration = Duration::from_millis(5);

/// When a call arrived, stamped by [`CallLimit`] before its message is decoded: the client's
/// deadline counts from there, as tonic's does.
#[derive(Debug, Clone, Copy)]
pub struct Received(pub Instant);

/// The instant by which a call must be answered: `grpc-timeout` from its arrival, less
/// [`DEADLINE_LEAD`]. `None` when the call has no deadline, or one this server cannot read (tonic
/// ignores it too).
pub fn deadline<T>(request: &tonic::Request<T>) -> Option<Instant> {
    let timeout = parse_grpc_timeout(request.metadata().get("grpc-timeout")?.to_str().ok()?)?;
    let received = request.extensions().get::<Received>().map_or_else(Instant::now, |received| received.0);
    Some(received + timeout.saturating_sub(DEADLINE_LEAD))
}

/// `grpc-timeout` as the gRPC HTTP/2 protocol defines it: at most 8 ASCII digits and a unit
/// (H, M, S, m, u, n).
fn parse_grpc_timeout(value: &str) -> Option<Duration> {
    let unit_at = value.len().checked_sub(1)?;
    let (digits, unit) = value.split_at(unit_at);
    if digits.is_empty() || digits.len() > 8 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let amount: u64 = digits.parse().ok()?;
    let duration = match unit {
        "H" => Duration::from_secs(amount * 3600),
        "M" => Duration::from_secs(amount * 60),
        "S" => Duration::from_secs(amount),
        "m" => Duration::from_millis(amount),
        "u" => Duration::from_micros(amount),
        "n" => Duration::from_nanos(amount),
        _ => return None,
    };
    Some(duration)
}

/// Bounds the calls open at once on the gRPC service whose name is `service` (other services,
/// health and reflection, are not counted, so that probes still answer under load).
#[derive(Debug, Clone)]
pub struct CallLimitLayer {
    prefix: Arc<str>,
    permits: Arc<Semaphore>,
    limit: usize,
}

impl CallLimitLayer {
    /// At most `limit` calls open at once on `service` (a full name: "claimex.v1.ClaimExtractor").
    pub fn new(service: &str, limit: usize) -> Self {
        CallLimitLayer { prefix: format!("/{service}/").into(), permits: Arc::new(Semaphore::new(limit)), limit }
    }

    /// Calls that could start now.
    pub fn available(&self) -> usize {
        self.permits.available_permits()
    }
}

impl<S> tower::Layer<S> for CallLimitLayer {
    type Service = CallLimit<S>;

    fn layer(&self, inner: S) -> Self::Service {
        CallLimit { inner, limits: self.clone() }
    }
}

/// The service made by [`CallLimitLayer`].
#[derive(Debug, Clone)]
pub struct CallLimit<S> {
    inner: S,
    limits: CallLimitLayer,
}

impl<S, ReqBody> tower::Service<http::Request<ReqBody>> for CallLimit<S>
where
    S: tower::Service<http::Request<ReqBody>, Response = http::Response<tonic::body::Body>>,
    S::Future: Send + 'static,
    S::Error: Send + 'static,
{
    type Response = http::Response<tonic::body::Body>;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, S::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: http::Request<ReqBody>) -> Self::Future {
        request.extensions_mut().insert(Received(Instant::now()));
        if !request.uri().path().starts_with(&*self.limits.prefix) {
            let call = self.inner.call(request);
            return Box::pin(call);
        }
        let Ok(permit) = self.limits.permits.clone().try_acquire_owned() else {
            tracing::debug!(limit = self.limits.limit, path = request.uri().path(), "call refused, at the call limit");
            let status = crate::Error::TooManyCalls { limit: self.limits.limit };
            return Box::pin(std::future::ready(Ok(tonic::Status::from(status).into_http())));
        };
        let call = self.inner.call(request);
        Box::pin(async move {
            let response = call.await?;
            Ok(response.map(|body| tonic::body::Body::new(HoldPermit { inner: body, _permit: permit })))
        })
    }
}

/// A response body that holds its call's slot until it ends or is dropped.
struct HoldPermit {
    inner: tonic::body::Body,
    _permit: OwnedSemaphorePermit,
}

impl http_body::Body for HoldPermit {
    type Data = bytes::Bytes;
    type Error = tonic::Status;

    fn poll_frame(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Self::Data>, Self::Error>>> {
        Pin::new(&mut self.inner).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grpc_timeouts_parse_in_every_unit() {
        assert_eq!(parse_grpc_timeout("2H"), Some(Duration::from_secs(7200)));
        assert_eq!(parse_grpc_timeout("3M"), Some(Duration::from_secs(180)));
        assert_eq!(parse_grpc_timeout("10S"), Some(Duration::from_secs(10)));
        assert_eq!(parse_grpc_timeout("250m"), Some(Duration::from_millis(250)));
        assert_eq!(parse_grpc_timeout("99999999u"), Some(Duration::from_micros(99_999_999)));
        assert_eq!(parse_grpc_timeout("0n"), Some(Duration::ZERO));
    }

    #[test]
    fn malformed_grpc_timeouts_are_ignored() {
        for value in ["", "S", "10", "123456789S", "-1S", "1.5S", "10s", "10 S", "１S"] {
            assert_eq!(parse_grpc_timeout(value), None, "{value:?}");
        }
    }

    #[test]
    fn deadline_is_ahead_of_the_client_by_the_lead() {
        let mut request = tonic::Request::new(());
        assert_eq!(deadline(&request), None);
        request.metadata_mut().insert("grpc-timeout", "10S".parse().expect("ascii"));
        let left = deadline(&request).expect("a deadline").saturating_duration_since(Instant::now());
        assert!(left <= Duration::from_secs(10) - DEADLINE_LEAD, "{left:?}");
        assert!(left > Duration::from_secs(9), "{left:?}");
    }
}
