//! Shared by the production tests: test certificates (rcgen), an in-process server on
//! 127.0.0.1:0 and clients for it.

#![allow(dead_code)] // Each test binary uses a different part.

use std::net::SocketAddr;
use std::time::Duration;

use claimex::proto::{Document, ExtractRequest};
use claimex::server::{self, Config, Listeners};
use rcgen::{BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use tonic::transport::{Certificate, Channel, ClientTlsConfig, Identity};

pub const PETROSYAN: &str =
    "\"We will never sign this treaty,\" Foreign Minister Anna Petrosyan said on Monday. The talks resumed in Yerevan.";

/// A certificate authority for tests.
pub struct Ca {
    issuer: Issuer<'static, KeyPair>,
    /// The CA certificate, PEM.
    pub pem: String,
}

/// A certificate and its key, PEM.
pub struct Leaf {
    pub cert: String,
    pub key: String,
}

impl Ca {
    pub fn new(name: &str) -> Ca {
        let key = KeyPair::generate().expect("ca key");
        let mut params = CertificateParams::new(Vec::<String>::new()).expect("ca params");
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.distinguished_name.push(DnType::CommonName, name);
        let pem = params.self_signed(&key).expect("ca certificate").pem();
        Ca { issuer: Issuer::new(params, key), pem }
    }

    /// A server certificate for localhost and 127.0.0.1.
    pub fn server(&self) -> Leaf {
        self.leaf(&["localhost", "127.0.0.1"], ExtendedKeyUsagePurpose::ServerAuth)
    }

    /// A client certificate.
    pub fn client(&self, name: &str) -> Leaf {
        self.leaf(&[name], ExtendedKeyUsagePurpose::ClientAuth)
    }

    fn leaf(&self, names: &[&str], usage: ExtendedKeyUsagePurpose) -> Leaf {
        let key = KeyPair::generate().expect("leaf key");
        let names: Vec<String> = names.iter().map(|&name| name.to_owned()).collect();
        let mut params = CertificateParams::new(names).expect("leaf params");
        params.extended_key_usages = vec![usage];
        let cert = params.signed_by(&key, &self.issuer).expect("leaf certificate");
        Leaf { cert: cert.pem(), key: key.serialize_pem() }
    }
}

/// A server running in this process.
pub struct TestServer {
    pub addr: SocketAddr,
    pub health_addr: Option<SocketAddr>,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<anyhow::Result<()>>,
}

impl TestServer {
    pub async fn start(config: Config) -> TestServer {
        TestServer::start_with(config, false).await
    }

    /// With `health_port`, also serves health alone on a second port.
    pub async fn start_with(config: Config, health_port: bool) -> TestServer {
        let grpc = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = grpc.local_addr().expect("local addr");
        let health = match health_port {
            true => Some(TcpListener::bind("127.0.0.1:0").await.expect("bind health")),
            false => None,
        };
        let health_addr = health.as_ref().map(|listener| listener.local_addr().expect("health addr"));
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(server::serve_with(config, Listeners { grpc, health }, async {
            let _ = stopped.await;
        }));
        TestServer { addr, health_addr, stop: Some(stop), task }
    }

    /// A plaintext channel.
    pub async fn plaintext(&self) -> Channel {
        Channel::from_shared(format!("http://{}", self.addr)).expect("uri").connect().await.expect("connect")
    }

    /// A TLS channel that trusts `ca_pem` and presents `identity`; the error if it cannot connect.
    pub async fn tls(&self, ca_pem: &str, identity: Option<&Leaf>) -> Result<Channel, tonic::transport::Error> {
        let mut tls = ClientTlsConfig::new().domain_name("localhost").ca_certificate(Certificate::from_pem(ca_pem));
        if let Some(leaf) = identity {
            tls = tls.identity(Identity::from_pem(&leaf.cert, &leaf.key));
        }
        Channel::from_shared(format!("https://{}", self.addr))
            .expect("uri")
            .tls_config(tls)?
            .connect_timeout(Duration::from_secs(5))
            .connect()
            .await
    }

    /// Stops the server and checks that it returned cleanly.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let result = tokio::time::timeout(Duration::from_secs(20), self.task).await.expect("server stops in time");
        result.expect("server task").expect("server returns ok");
    }
}

pub fn document(id: &str, text: &str) -> Document {
    Document { id: id.into(), text: text.into(), ..Default::default() }
}

pub fn extract_request(id: &str) -> ExtractRequest {
    ExtractRequest { document: Some(document(id, PETROSYAN)), options: None }
}

/// A request with `authorization: Bearer <token>`.
pub fn with_token<T>(message: T, token: &str) -> tonic::Request<T> {
    let mut request = tonic::Request::new(message);
    let value = format!("Bearer {token}").parse().expect("header value");
    request.metadata_mut().insert("authorization", value);
    request
}
