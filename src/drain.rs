//! The end of the shutdown grace period: every call still open then ends with UNAVAILABLE.
//!
//! A call whose handler has not answered gets an UNAVAILABLE response; a stream that is still
//! sending gets UNAVAILABLE trailers after its last whole message. Clients thus see a status
//! they retry on rather than a connection reset, and the server's connections close on their
//! own, so the process exits soon after the grace period.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use http_body::{Body, Frame, SizeHint};
use tokio_util::sync::{CancellationToken, WaitForCancellationFutureOwned};

use crate::error::Error;

/// A tower layer that ends open calls with UNAVAILABLE once `deadline` is cancelled.
#[derive(Debug, Clone)]
pub struct DrainLayer {
    deadline: CancellationToken,
}

impl DrainLayer {
    pub fn new(deadline: CancellationToken) -> DrainLayer {
        DrainLayer { deadline }
    }
}

impl<S> tower_layer::Layer<S> for DrainLayer {
    type Service = DrainService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        DrainService { inner, deadline: self.deadline.clone() }
    }
}

/// See [`DrainLayer`].
#[derive(Debug, Clone)]
pub struct DrainService<S> {
    inner: S,
    deadline: CancellationToken,
}

impl<S, ReqBody, ResBody> tower_service::Service<http::Request<ReqBody>> for DrainService<S>
where
    S: tower_service::Service<http::Request<ReqBody>, Response = http::Response<ResBody>>,
    ResBody: Default,
{
    type Response = http::Response<DrainBody<ResBody>>;
    type Error = S::Error;
    type Future = DrainFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: http::Request<ReqBody>) -> Self::Future {
        DrainFuture {
            inner: self.inner.call(request),
            deadline: Box::pin(self.deadline.clone().cancelled_owned()),
            token: self.deadline.clone(),
        }
    }
}

fn unavailable() -> tonic::Status {
    tonic::Status::from(Error::ShuttingDown)
}

pin_project_lite::pin_project! {
    /// The response future of [`DrainService`].
    pub struct DrainFuture<F> {
        #[pin]
        inner: F,
        deadline: Pin<Box<WaitForCancellationFutureOwned>>,
        token: CancellationToken,
    }
}

impl<F, B, E> Future for DrainFuture<F>
where
    F: Future<Output = Result<http::Response<B>, E>>,
    B: Default,
{
    type Output = Result<http::Response<DrainBody<B>>, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        if let Poll::Ready(result) = this.inner.poll(cx) {
            let token = this.token.clone();
            return Poll::Ready(result.map(|response| response.map(|inner| DrainBody::new(inner, token))));
        }
        ready!(this.deadline.as_mut().poll(cx));
        let response: http::Response<B> = unavailable().into_http();
        Poll::Ready(Ok(response.map(|inner| DrainBody::new(inner, this.token.clone()))))
    }
}

pin_project_lite::pin_project! {
    /// A response body that ends with UNAVAILABLE trailers once the deadline passes.
    pub struct DrainBody<B> {
        #[pin]
        inner: B,
        token: CancellationToken,
        // Created the first time the inner body has nothing to send.
        deadline: Option<Pin<Box<WaitForCancellationFutureOwned>>>,
        ended: bool,
    }
}

impl<B> DrainBody<B> {
    fn new(inner: B, token: CancellationToken) -> Self {
        DrainBody { inner, token, deadline: None, ended: false }
    }
}

impl<B: Body> Body for DrainBody<B> {
    type Data = B::Data;
    type Error = B::Error;

    fn poll_frame(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Self::Data>, Self::Error>>> {
        let this = self.project();
        if *this.ended {
            return Poll::Ready(None);
        }
        if let Poll::Ready(frame) = this.inner.poll_frame(cx) {
            match &frame {
                Some(Ok(frame)) if frame.is_trailers() => *this.ended = true,
                None => *this.ended = true,
                Some(_) => {}
            }
            return Poll::Ready(frame);
        }
        let token = this.token;
        let deadline = this.deadline.get_or_insert_with(|| Box::pin(token.clone().cancelled_owned()));
        ready!(deadline.as_mut().poll(cx));
        *this.ended = true;
        let mut trailers = http::HeaderMap::new();
        match unavailable().add_header(&mut trailers) {
            Ok(()) => Poll::Ready(Some(Ok(Frame::trailers(trailers)))),
            // The status holds only our own ASCII message, which always makes valid headers.
            Err(_) => Poll::Ready(None),
        }
    }

    fn is_end_stream(&self) -> bool {
        self.ended || self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        if self.ended { SizeHint::with_exact(0) } else { self.inner.size_hint() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http_body_util::BodyExt as _;
    use std::convert::Infallible;
    use tower_layer::Layer as _;
    use tower_service::Service as _;

    /// A body that never sends anything, like a stream waiting for its next message.
    #[derive(Default)]
    struct Silent;

    impl Body for Silent {
        type Data = bytes::Bytes;
        type Error = Infallible;

        fn poll_frame(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Result<Frame<bytes::Bytes>, Infallible>>> {
            Poll::Pending
        }
    }

    #[tokio::test]
    async fn an_open_stream_ends_with_unavailable_at_the_deadline() {
        let deadline = CancellationToken::new();
        let mut service = DrainLayer::new(deadline.clone())
            .layer(tower_util_service_fn(|| async { Ok::<_, Infallible>(http::Response::new(Silent)) }));
        let response = service.call(http::Request::new(())).await.expect("a response");
        let mut body = response.into_body();
        let waiting = tokio::time::timeout(std::time::Duration::from_millis(50), body.frame()).await;
        assert!(waiting.is_err(), "the stream is open before the deadline");
        deadline.cancel();
        let frame = body.frame().await.expect("a frame").expect("no error");
        let trailers = frame.into_trailers().expect("trailers");
        assert_eq!(trailers.get("grpc-status").map(http::HeaderValue::as_bytes), Some(&b"14"[..]));
        assert!(body.frame().await.is_none());
    }

    #[tokio::test]
    async fn a_handler_still_running_at_the_deadline_gets_unavailable() {
        let deadline = CancellationToken::new();
        let mut service = DrainLayer::new(deadline.clone())
            .layer(tower_util_service_fn(std::future::pending::<Result<http::Response<Silent>, Infallible>>));
        let call = service.call(http::Request::new(()));
        deadline.cancel();
        let response = call.await.expect("a response");
        assert_eq!(response.headers().get("grpc-status").map(http::HeaderValue::as_bytes), Some(&b"14"[..]));
    }

    /// A tower service from a closure, without pulling in tower's util feature.
    fn tower_util_service_fn<F, Fut>(f: F) -> FnService<F>
    where
        F: FnMut() -> Fut,
    {
        FnService(f)
    }

    struct FnService<F>(F);

    impl<F, Fut, R> tower_service::Service<http::Request<()>> for FnService<F>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<R, Infallible>>,
    {
        type Response = R;
        type Error = Infallible;
        type Future = Fut;

        fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
            Poll::Ready(Ok(()))
        }

        fn call(&mut self, _: http::Request<()>) -> Fut {
            (self.0)()
        }
    }
}
