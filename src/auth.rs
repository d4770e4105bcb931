//! Optional bearer-token authentication: every call but the health service's must carry
//! `authorization: Bearer <token>` with a token listed in `--auth-token-file`.
//!
//! The file holds one token a line (blank lines and lines starting with `#` are skipped) and is
//! reloaded while the server runs, so tokens rotate by updating the Secret it is mounted from.
//! Reflection needs a token too: it describes the whole API, and grpcurl's `-H` sends the header
//! with its reflection calls as well. Health stays open because the kubelet's gRPC probes cannot
//! send headers.
//!
//! Tokens are compared in constant time, and none is ever logged: a refusal logs only the method
//! and why (no header, not a bearer token, unknown token).

use std::future::Future;
use std::path::Path;
use std::pin::Pin;
use std::sync::{Arc, RwLock};
use std::task::{Context, Poll};
use std::time::Duration;

use anyhow::bail;
use subtle::ConstantTimeEq as _;
use tokio_util::sync::CancellationToken;
use tracing::{debug, warn};

use crate::reload::Watched;

/// Paths served without a token.
const OPEN_PREFIXES: &[&str] = &["/grpc.health.v1.Health/"];

/// The tokens in force, replaced when the file changes.
#[derive(Clone)]
pub struct Tokens {
    current: Arc<RwLock<Arc<Vec<Vec<u8>>>>>,
}

impl std::fmt::Debug for Tokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tokens").field("count", &self.snapshot().len()).finish_non_exhaustive()
    }
}

impl Tokens {
    /// Reads the token file, failing if it holds no token, and keeps reloading it every
    /// `interval` until `stop` is cancelled. A reloaded file without tokens refuses every call.
    pub async fn start(path: &Path, interval: Duration, stop: CancellationToken) -> anyhow::Result<Tokens> {
        let watched = Watched::read("auth tokens", vec![path.to_owned()]).await?;
        let initial = parse(watched.contents().first().map_or(&[][..], Vec::as_slice));
        if initial.is_empty() {
            bail!("the token file {} holds no token", path.display());
        }
        let tokens = Tokens { current: Arc::new(RwLock::new(Arc::new(initial))) };
        let reloading = tokens.clone();
        tokio::spawn(watched.watch(interval, stop, move |contents| {
            let parsed = parse(contents.first().map_or(&[][..], Vec::as_slice));
            if parsed.is_empty() {
                warn!("the token file holds no token any more: every call but health is refused");
            }
            let mut current = reloading.current.write().unwrap_or_else(std::sync::PoisonError::into_inner);
            *current = Arc::new(parsed);
            Ok(())
        }));
        Ok(tokens)
    }

    /// Tokens from a list, for tests and embedding.
    pub fn fixed(tokens: impl IntoIterator<Item = impl Into<Vec<u8>>>) -> Tokens {
        let tokens = tokens.into_iter().map(Into::into).collect();
        Tokens { current: Arc::new(RwLock::new(Arc::new(tokens))) }
    }

    fn snapshot(&self) -> Arc<Vec<Vec<u8>>> {
        Arc::clone(&self.current.read().unwrap_or_else(std::sync::PoisonError::into_inner))
    }

    /// Whether `candidate` is one of the tokens. Every token is compared, in constant time for
    /// tokens of the candidate's length, so the time taken tells nothing of which one matched.
    fn accepts(&self, candidate: &[u8]) -> bool {
        let tokens = self.snapshot();
        let mut found = subtle::Choice::from(0);
        for token in tokens.iter() {
            found |= token.as_slice().ct_eq(candidate);
        }
        bool::from(found)
    }
}

/// The tokens of a token file: one a line, trimmed; blank lines and `#` comments skipped.
fn parse(contents: &[u8]) -> Vec<Vec<u8>> {
    contents
        .split(|&b| b == b'\n')
        .map(<[u8]>::trim_ascii)
        .filter(|line| !line.is_empty() && !line.starts_with(b"#"))
        .map(<[u8]>::to_vec)
        .collect()
}

/// Why a call was refused; logged, never with the token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Refusal {
    NoHeader,
    NotBearer,
    UnknownToken,
}

impl Refusal {
    fn reason(self) -> &'static str {
        match self {
            Refusal::NoHeader => "no authorization header",
            Refusal::NotBearer => "authorization is not a bearer token",
            Refusal::UnknownToken => "unknown bearer token",
        }
    }
}

fn check(tokens: &Tokens, headers: &http::HeaderMap) -> Result<(), Refusal> {
    let value = headers.get(http::header::AUTHORIZATION).ok_or(Refusal::NoHeader)?;
    let value = value.as_bytes();
    // The scheme is case-insensitive (RFC 9110 §11.1).
    let (scheme, token) = value.split_at_checked(7).ok_or(Refusal::NotBearer)?;
    if !scheme.eq_ignore_ascii_case(b"bearer ") {
        return Err(Refusal::NotBearer);
    }
    let token = token.trim_ascii();
    if token.is_empty() || !tokens.accepts(token) {
        return Err(Refusal::UnknownToken);
    }
    Ok(())
}

/// A tower layer that refuses calls without a valid token with UNAUTHENTICATED. With `None`, it
/// lets every call through.
#[derive(Debug, Clone, Default)]
pub struct AuthLayer {
    tokens: Option<Tokens>,
}

impl AuthLayer {
    pub fn new(tokens: Option<Tokens>) -> AuthLayer {
        AuthLayer { tokens }
    }
}

impl<S> tower_layer::Layer<S> for AuthLayer {
    type Service = AuthService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        AuthService { inner, tokens: self.tokens.clone() }
    }
}

/// See [`AuthLayer`].
#[derive(Debug, Clone)]
pub struct AuthService<S> {
    inner: S,
    tokens: Option<Tokens>,
}

impl<S, ReqBody, ResBody> tower_service::Service<http::Request<ReqBody>> for AuthService<S>
where
    S: tower_service::Service<http::Request<ReqBody>, Response = http::Response<ResBody>>,
    ResBody: Default,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = AuthFuture<S::Future, ResBody>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: http::Request<ReqBody>) -> Self::Future {
        let Some(tokens) = &self.tokens else {
            return AuthFuture::Inner { inner: self.inner.call(request) };
        };
        let path = request.uri().path();
        if OPEN_PREFIXES.iter().any(|prefix| path.starts_with(prefix)) {
            return AuthFuture::Inner { inner: self.inner.call(request) };
        }
        match check(tokens, request.headers()) {
            Ok(()) => AuthFuture::Inner { inner: self.inner.call(request) },
            Err(refusal) => {
                debug!(method = path, reason = refusal.reason(), "call refused");
                let status = tonic::Status::unauthenticated(
                    "missing or unknown bearer token: send the header `authorization: Bearer <token>`",
                );
                AuthFuture::Refused { response: Some(status.into_http()) }
            }
        }
    }
}

pin_project_lite::pin_project! {
    /// The response future of [`AuthService`].
    #[project = AuthFutureProj]
    pub enum AuthFuture<F, B> {
        Inner { #[pin] inner: F },
        Refused { response: Option<http::Response<B>> },
    }
}

impl<F, B, E> Future for AuthFuture<F, B>
where
    F: Future<Output = Result<http::Response<B>, E>>,
{
    type Output = Result<http::Response<B>, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.project() {
            AuthFutureProj::Inner { inner } => inner.poll(cx),
            AuthFutureProj::Refused { response } => match response.take() {
                Some(response) => Poll::Ready(Ok(response)),
                None => panic!("AuthFuture polled after completion"),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(authorization: &str) -> http::HeaderMap {
        let mut headers = http::HeaderMap::new();
        headers.insert(http::header::AUTHORIZATION, http::HeaderValue::from_str(authorization).expect("header"));
        headers
    }

    #[test]
    fn token_files_skip_blanks_and_comments() {
        let parsed = parse(b"# rotated 2024-05\nalpha\n\n  beta  \r\n#gamma\n");
        assert_eq!(parsed, [b"alpha".to_vec(), b"beta".to_vec()]);
        assert!(parse(b"\n# none\n").is_empty());
    }

    #[test]
    fn only_listed_bearer_tokens_pass() {
        let tokens = Tokens::fixed(["alpha", "beta"]);
        assert_eq!(check(&tokens, &headers("Bearer alpha")), Ok(()));
        assert_eq!(check(&tokens, &headers("bearer beta")), Ok(()));
        assert_eq!(check(&tokens, &http::HeaderMap::new()), Err(Refusal::NoHeader));
        assert_eq!(check(&tokens, &headers("Basic YWxwaGE=")), Err(Refusal::NotBearer));
        assert_eq!(check(&tokens, &headers("Bearer")), Err(Refusal::NotBearer));
        assert_eq!(check(&tokens, &headers("Bearer ")), Err(Refusal::UnknownToken));
        assert_eq!(check(&tokens, &headers("Bearer alph")), Err(Refusal::UnknownToken));
        assert_eq!(check(&tokens, &headers("Bearer alphaa")), Err(Refusal::UnknownToken));
    }

    #[test]
    fn an_empty_token_list_refuses_everything() {
        let tokens = Tokens::fixed(Vec::<Vec<u8>>::new());
        assert_eq!(check(&tokens, &headers("Bearer anything")), Err(Refusal::UnknownToken));
    }

    #[test]
    fn debug_output_shows_no_token() {
        let tokens = Tokens::fixed(["s3cret-token"]);
        let shown = format!("{tokens:?} {:?}", AuthLayer::new(Some(tokens.clone())));
        assert!(!shown.contains("s3cret"), "{shown}");
    }

    #[tokio::test]
    async fn the_file_is_reloaded() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("tokens");
        std::fs::write(&path, "first\n").expect("write");
        let stop = CancellationToken::new();
        let _stop = stop.clone().drop_guard();
        let tokens = Tokens::start(&path, Duration::from_millis(20), stop).await.expect("starts");
        assert!(tokens.accepts(b"first"));
        std::fs::write(&path, "second\n").expect("write");
        tokio::time::timeout(Duration::from_secs(10), async {
            while !tokens.accepts(b"second") {
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        })
        .await
        .expect("the new token is loaded");
        assert!(!tokens.accepts(b"first"));
    }

    #[tokio::test]
    async fn a_file_without_tokens_does_not_start() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("tokens");
        std::fs::write(&path, "# nothing yet\n").expect("write");
        let err = Tokens::start(&path, Duration::from_secs(1), CancellationToken::new()).await.expect_err("no token");
        assert!(err.to_string().contains("no token"), "{err}");
    }
}
