//! TLS and mutual TLS with rustls, from PEM files that are reloaded while the server runs.
//!
//! tonic's `ServerTlsConfig` is fixed once the server starts, so the server accepts TCP
//! connections itself, runs each handshake with the rustls configuration in force at that
//! moment, and hands the finished TLS streams to tonic (`serve_with_incoming_shutdown`). A
//! reload builds a whole new configuration (certificate chain, key and client CAs together) and
//! swaps it in: connections already open keep theirs, new ones get the new one.

use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use anyhow::{Context as _, bail};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::crypto::ring;
use tokio_rustls::rustls::pki_types::pem::PemObject as _;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tokio_rustls::rustls::server::WebPkiClientVerifier;
use tokio_rustls::rustls::{RootCertStore, ServerConfig};
use tokio_rustls::server::TlsStream;
use tokio_stream::wrappers::ReceiverStream;
use tokio_util::sync::CancellationToken;
use tracing::{debug, warn};

use crate::reload::Watched;

/// How long a client may take to complete its handshake.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// Handshaken connections waiting for the server to take them.
const ACCEPTED_BACKLOG: usize = 64;

/// Where the PEM files are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsFiles {
    /// The server's certificate chain, leaf first.
    pub cert: PathBuf,
    /// The server's private key (PKCS#8, PKCS#1 or SEC1).
    pub key: PathBuf,
    /// CA certificates that sign client certificates. When set, every client must present a
    /// certificate signed by one of them (mutual TLS).
    pub client_ca: Option<PathBuf>,
}

impl TlsFiles {
    fn paths(&self) -> Vec<PathBuf> {
        let mut paths = vec![self.cert.clone(), self.key.clone()];
        paths.extend(self.client_ca.clone());
        paths
    }
}

/// The rustls configuration in force, replaced when the files change.
#[derive(Debug, Clone)]
pub struct ReloadingTls {
    current: Arc<RwLock<Arc<ServerConfig>>>,
}

impl ReloadingTls {
    /// Loads the files, failing if they do not make a valid configuration, and keeps reloading
    /// them every `interval` until `stop` is cancelled.
    pub async fn start(files: &TlsFiles, interval: Duration, stop: CancellationToken) -> anyhow::Result<ReloadingTls> {
        let watched = Watched::read("tls certificate", files.paths()).await?;
        let config = server_config(watched.contents()).context("loading the tls files")?;
        let tls = ReloadingTls { current: Arc::new(RwLock::new(Arc::new(config))) };
        let reloading = tls.clone();
        tokio::spawn(watched.watch(interval, stop, move |contents| {
            let config = server_config(contents)?;
            reloading.replace(config);
            Ok(())
        }));
        Ok(tls)
    }

    fn replace(&self, config: ServerConfig) {
        // A poisoned lock only means a writer panicked between two plain assignments.
        let mut current = self.current.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        *current = Arc::new(config);
    }

    fn acceptor(&self) -> TlsAcceptor {
        let current = self.current.read().unwrap_or_else(std::sync::PoisonError::into_inner);
        TlsAcceptor::from(Arc::clone(&current))
    }

    /// Accepts connections on `listener` and runs their handshakes concurrently; yields the
    /// connections that complete one. Failed handshakes are logged (debug) and dropped. The
    /// listener closes when the returned stream is dropped.
    pub fn incoming(&self, listener: TcpListener) -> ReceiverStream<Result<TlsStream<TcpStream>, std::io::Error>> {
        let (tx, rx) = mpsc::channel(ACCEPTED_BACKLOG);
        let tls = self.clone();
        tokio::spawn(async move {
            loop {
                let accepted = tokio::select! {
                    () = tx.closed() => return,
                    accepted = listener.accept() => accepted,
                };
                let (stream, peer) = match accepted {
                    Ok(accepted) => accepted,
                    Err(err) => {
                        // Out of file descriptors, most likely: wait a little rather than spin.
                        warn!(error = %err, "accepting a connection failed");
                        tokio::time::sleep(Duration::from_millis(100)).await;
                        continue;
                    }
                };
                if let Err(err) = stream.set_nodelay(true) {
                    debug!(%peer, error = %err, "cannot set TCP_NODELAY");
                }
                let acceptor = tls.acceptor();
                let tx = tx.clone();
                tokio::spawn(async move {
                    match tokio::time::timeout(HANDSHAKE_TIMEOUT, acceptor.accept(stream)).await {
                        Ok(Ok(stream)) => {
                            let _ = tx.send(Ok(stream)).await;
                        }
                        Ok(Err(err)) => debug!(%peer, error = %err, "tls handshake failed"),
                        Err(_) => debug!(%peer, timeout_secs = HANDSHAKE_TIMEOUT.as_secs(), "tls handshake timed out"),
                    }
                });
            }
        });
        ReceiverStream::new(rx)
    }
}

/// A rustls server configuration from the PEM contents: certificate chain, key and, optionally,
/// client CAs. Offers HTTP/2 only, as gRPC needs.
fn server_config(contents: &[Vec<u8>]) -> anyhow::Result<ServerConfig> {
    let [cert_pem, key_pem, rest @ ..] = contents else {
        bail!("expected a certificate and a key");
    };
    let chain = CertificateDer::pem_slice_iter(cert_pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|err| anyhow::anyhow!("reading the certificate chain: {err}"))?;
    if chain.is_empty() {
        bail!("the certificate file holds no PEM certificate");
    }
    // The key's error names no key material: rustls' PEM errors carry only the section kind.
    let key = PrivateKeyDer::from_pem_slice(key_pem).map_err(|err| anyhow::anyhow!("reading the private key: {err}"))?;
    let provider = Arc::new(ring::default_provider());
    let builder = ServerConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .context("choosing the tls versions")?;
    let builder = match rest {
        [] => builder.with_no_client_auth(),
        [ca_pem] => {
            let mut roots = RootCertStore::empty();
            for cert in CertificateDer::pem_slice_iter(ca_pem) {
                let cert = cert.map_err(|err| anyhow::anyhow!("reading the client ca certificates: {err}"))?;
                roots.add(cert).context("adding a client ca certificate")?;
            }
            if roots.is_empty() {
                bail!("the client ca file holds no PEM certificate");
            }
            let verifier = WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider)
                .build()
                .context("building the client certificate verifier")?;
            builder.with_client_cert_verifier(verifier)
        }
        _ => bail!("expected at most one client ca file"),
    };
    let mut config = builder.with_single_cert(chain, key).context("pairing the certificate with the key")?;
    config.alpn_protocols = vec![b"h2".to_vec()];
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn self_signed() -> (Vec<u8>, Vec<u8>) {
        let rcgen::CertifiedKey { cert, signing_key } =
            rcgen::generate_simple_self_signed(vec!["localhost".to_owned()]).expect("certificate");
        (cert.pem().into_bytes(), signing_key.serialize_pem().into_bytes())
    }

    #[test]
    fn a_matching_pair_loads_and_offers_h2() {
        let (cert, key) = self_signed();
        let config = server_config(&[cert, key]).expect("loads");
        assert_eq!(config.alpn_protocols, [b"h2".to_vec()]);
    }

    #[test]
    fn a_key_of_another_certificate_is_refused() {
        let (cert, _) = self_signed();
        let (_, other_key) = self_signed();
        let err = server_config(&[cert, other_key]).expect_err("mismatch");
        assert!(format!("{err:#}").contains("pairing"), "{err:#}");
    }

    #[test]
    fn files_without_pem_are_refused() {
        let (cert, key) = self_signed();
        assert!(server_config(&[b"not pem".to_vec(), key.clone()]).is_err());
        assert!(server_config(&[cert.clone(), b"not pem".to_vec()]).is_err());
        let err = server_config(&[cert, key, b"no ca here".to_vec()]).expect_err("no ca");
        assert!(format!("{err:#}").contains("client ca"), "{err:#}");
    }

    #[test]
    fn errors_do_not_quote_the_key() {
        let (cert, key) = self_signed();
        let mut broken = key.clone();
        let middle = broken.len() / 2;
        broken[middle] = b'!';
        let message = format!("{:#}", server_config(&[cert, broken]).expect_err("broken key"));
        let body = String::from_utf8_lossy(&key).lines().nth(1).unwrap_or_default().to_owned();
        assert!(!body.is_empty() && !message.contains(&body), "{message}");
    }
}
