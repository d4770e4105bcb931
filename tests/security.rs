//! TLS, mutual TLS, certificate reload, bearer tokens and the reflection switch, on a real
//! server on 127.0.0.1.

mod support;

use std::path::Path;
use std::time::Duration;

use claimex::proto::claim_extractor_client::ClaimExtractorClient;
use claimex::server::{Config, Security};
use claimex::tls::TlsFiles;
use support::{Ca, Leaf, TestServer, extract_request, with_token};
use tonic::Code;
use tonic::transport::Channel;
use tonic_health::pb::HealthCheckRequest;
use tonic_health::pb::health_check_response::ServingStatus;
use tonic_health::pb::health_client::HealthClient;

const TOKEN: &str = "tok-3f9a1c0d8e7b6a5f";

/// Writes `contents` to `path` atomically, as Kubernetes updates a mounted Secret.
fn replace(path: &Path, contents: &str) {
    let staging = path.with_extension("new");
    std::fs::write(&staging, contents).expect("write");
    std::fs::rename(&staging, path).expect("rename");
}

struct Files {
    dir: tempfile::TempDir,
}

impl Files {
    fn new() -> Files {
        Files { dir: tempfile::tempdir().expect("tempdir") }
    }

    fn path(&self, name: &str) -> std::path::PathBuf {
        self.dir.path().join(name)
    }

    /// The server's certificate and key, and optionally the client CA.
    fn tls(&self, server: &Leaf, client_ca: Option<&Ca>) -> TlsFiles {
        replace(&self.path("tls.crt"), &server.cert);
        replace(&self.path("tls.key"), &server.key);
        let client_ca = client_ca.map(|ca| {
            replace(&self.path("ca.crt"), &ca.pem);
            self.path("ca.crt")
        });
        TlsFiles { cert: self.path("tls.crt"), key: self.path("tls.key"), client_ca }
    }

    fn tokens(&self, contents: &str) -> std::path::PathBuf {
        replace(&self.path("tokens"), contents);
        self.path("tokens")
    }
}

fn config(security: Security) -> Config {
    Config { security, ..Config::default() }
}

async fn extract_code(channel: Channel, token: Option<&str>) -> Code {
    let mut client = ClaimExtractorClient::new(channel);
    let result = match token {
        Some(token) => client.extract(with_token(extract_request("doc-1"), token)).await,
        None => client.extract(extract_request("doc-1")).await,
    };
    match result {
        Ok(response) => {
            assert_eq!(response.into_inner().document_id, "doc-1");
            Code::Ok
        }
        Err(status) => status.code(),
    }
}

#[tokio::test]
async fn calls_need_a_listed_token_except_health() {
    let files = Files::new();
    let tokens = files.tokens(&format!("# rotated monthly\n{TOKEN}\nother-token\n"));
    let server = TestServer::start(config(Security { auth_token_file: Some(tokens), ..Security::default() })).await;
    let channel = server.plaintext().await;

    assert_eq!(extract_code(channel.clone(), None).await, Code::Unauthenticated, "no token");
    assert_eq!(extract_code(channel.clone(), Some("wrong-token")).await, Code::Unauthenticated, "wrong token");
    assert_eq!(extract_code(channel.clone(), Some(&TOKEN[..TOKEN.len() - 1])).await, Code::Unauthenticated, "a prefix");
    assert_eq!(extract_code(channel.clone(), Some(TOKEN)).await, Code::Ok, "right token");
    assert_eq!(extract_code(channel.clone(), Some("other-token")).await, Code::Ok, "second token");

    // A malformed scheme is refused as well.
    let mut request = tonic::Request::new(extract_request("doc-1"));
    request.metadata_mut().insert("authorization", format!("Basic {TOKEN}").parse().expect("value"));
    let status = ClaimExtractorClient::new(channel.clone()).extract(request).await.expect_err("basic auth");
    assert_eq!(status.code(), Code::Unauthenticated);
    assert!(!status.message().contains(TOKEN), "{status:?}");

    // Health is open: the kubelet's probes carry no token.
    let health = HealthClient::new(channel.clone()).check(HealthCheckRequest { service: String::new() }).await.expect("health");
    assert_eq!(health.into_inner().status(), ServingStatus::Serving);
    server.stop().await;
}

#[tokio::test]
async fn reflection_needs_a_token_and_can_be_switched_off() {
    use tonic_reflection::pb::v1alpha::ServerReflectionRequest;
    use tonic_reflection::pb::v1alpha::server_reflection_client::ServerReflectionClient;
    use tonic_reflection::pb::v1alpha::server_reflection_request::MessageRequest;

    async fn list(channel: Channel, token: Option<&str>) -> Result<(), tonic::Status> {
        let request = ServerReflectionRequest { host: String::new(), message_request: Some(MessageRequest::ListServices(String::new())) };
        let requests = tokio_stream::iter([request]);
        let mut client = ServerReflectionClient::new(channel);
        let mut responses = match token {
            Some(token) => client.server_reflection_info(with_token(requests, token)).await?,
            None => client.server_reflection_info(requests).await?,
        }
        .into_inner();
        responses.message().await?.expect("a response");
        Ok(())
    }

    let files = Files::new();
    let tokens = files.tokens(TOKEN);
    let security = Security { auth_token_file: Some(tokens), ..Security::default() };
    let server = TestServer::start(config(security.clone())).await;
    let channel = server.plaintext().await;
    assert_eq!(list(channel.clone(), None).await.expect_err("no token").code(), Code::Unauthenticated);
    list(channel, Some(TOKEN)).await.expect("reflection with a token");
    server.stop().await;

    let server = TestServer::start(Config { reflection: false, ..config(security) }).await;
    let status = list(server.plaintext().await, Some(TOKEN)).await.expect_err("no reflection");
    assert_eq!(status.code(), Code::Unimplemented);
    server.stop().await;
}

#[tokio::test]
async fn tls_serves_clients_that_trust_the_server() {
    let ca = Ca::new("claimex test ca");
    let files = Files::new();
    let tls = files.tls(&ca.server(), None);
    let server = TestServer::start(config(Security { tls: Some(tls), ..Security::default() })).await;

    let channel = server.tls(&ca.pem, None).await.expect("connects over tls");
    assert_eq!(extract_code(channel, None).await, Code::Ok);

    // A client that does not trust the server's CA cannot get through.
    let stranger = Ca::new("some other ca");
    match server.tls(&stranger.pem, None).await {
        Err(_) => {}
        Ok(channel) => assert_ne!(extract_code(channel, None).await, Code::Ok, "an untrusted server certificate was accepted"),
    }
    // Nor can a plaintext client.
    let plaintext = Channel::from_shared(format!("http://{}", server.addr)).expect("uri").connect().await;
    if let Ok(channel) = plaintext {
        assert_ne!(extract_code(channel, None).await, Code::Ok, "plaintext was served on the tls port");
    }
    server.stop().await;
}

#[tokio::test]
async fn mutual_tls_refuses_clients_without_a_certificate_from_the_client_ca() {
    let server_ca = Ca::new("server ca");
    let client_ca = Ca::new("client ca");
    let rogue_ca = Ca::new("rogue ca");
    let files = Files::new();
    let tls = files.tls(&server_ca.server(), Some(&client_ca));
    let tokens = files.tokens(TOKEN);
    let security = Security { tls: Some(tls), auth_token_file: Some(tokens), ..Security::default() };
    let server = TestServer::start(config(security)).await;

    let good = client_ca.client("ingest-worker");
    let channel = server.tls(&server_ca.pem, Some(&good)).await.expect("connects with a client certificate");
    assert_eq!(extract_code(channel.clone(), Some(TOKEN)).await, Code::Ok, "certificate and token");
    assert_eq!(extract_code(channel, None).await, Code::Unauthenticated, "certificate without token");

    // With TLS 1.3 the client may finish its side of the handshake before the server refuses
    // it, so the refusal shows either when connecting or on the first call.
    for (name, identity) in [("no certificate", None), ("certificate from another ca", Some(rogue_ca.client("intruder")))] {
        match server.tls(&server_ca.pem, identity.as_ref()).await {
            Err(_) => {}
            Ok(channel) => {
                let code = extract_code(channel, Some(TOKEN)).await;
                assert_ne!(code, Code::Ok, "{name}: served");
                assert_ne!(code, Code::Unauthenticated, "{name}: got past the tls handshake");
            }
        }
    }
    server.stop().await;
}

#[tokio::test]
async fn new_connections_see_a_replaced_certificate() {
    let old_ca = Ca::new("old ca");
    let new_ca = Ca::new("new ca");
    let files = Files::new();
    let tls = files.tls(&old_ca.server(), None);
    let security = Security { tls: Some(tls), reload_interval: Duration::from_millis(50), ..Security::default() };
    let server = TestServer::start(config(security)).await;
    let before = server.tls(&old_ca.pem, None).await.expect("the old certificate is served");
    assert_eq!(extract_code(before.clone(), None).await, Code::Ok);

    let renewed = new_ca.server();
    replace(&files.path("tls.crt"), &renewed.cert);
    replace(&files.path("tls.key"), &renewed.key);
    let after = tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            if let Ok(channel) = server.tls(&new_ca.pem, None).await
                && extract_code(channel.clone(), None).await == Code::Ok
            {
                return channel;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await
    .expect("the new certificate is served within the reload interval");
    assert_eq!(extract_code(after, None).await, Code::Ok);

    // New connections no longer get the old certificate; the open one goes on.
    match server.tls(&old_ca.pem, None).await {
        Err(_) => {}
        Ok(channel) => assert_ne!(extract_code(channel, None).await, Code::Ok, "the old certificate is still served"),
    }
    assert_eq!(extract_code(before, None).await, Code::Ok);
    server.stop().await;
}

#[tokio::test]
async fn a_broken_replacement_keeps_the_loaded_certificate() {
    let ca = Ca::new("ca");
    let files = Files::new();
    let tls = files.tls(&ca.server(), None);
    let security = Security { tls: Some(tls), reload_interval: Duration::from_millis(20), ..Security::default() };
    let server = TestServer::start(config(security)).await;
    let channel = server.tls(&ca.pem, None).await.expect("served");
    assert_eq!(extract_code(channel, None).await, Code::Ok, "the certificate is loaded");
    replace(&files.path("tls.crt"), "not a certificate");
    // Several reload intervals pass; the loaded certificate stays in force.
    for _ in 0..5 {
        tokio::time::sleep(Duration::from_millis(30)).await;
        let channel = server.tls(&ca.pem, None).await.expect("still served");
        assert_eq!(extract_code(channel, None).await, Code::Ok);
    }
    server.stop().await;
}

#[tokio::test]
async fn the_health_port_answers_in_plaintext_beside_tls_and_serves_only_health() {
    let ca = Ca::new("ca");
    let files = Files::new();
    let tls = files.tls(&ca.server(), Some(&ca));
    let server = TestServer::start_with(config(Security { tls: Some(tls), ..Security::default() }), true).await;
    let health_addr = server.health_addr.expect("health port");
    let channel = Channel::from_shared(format!("http://{health_addr}")).expect("uri").connect().await.expect("connect");
    for service in ["", "claimex.v1.ClaimExtractor"] {
        let response = HealthClient::new(channel.clone()).check(HealthCheckRequest { service: service.into() }).await.expect("health");
        assert_eq!(response.into_inner().status(), ServingStatus::Serving, "{service:?}");
    }
    assert_eq!(extract_code(channel.clone(), None).await, Code::Unimplemented, "the extractor is not on the health port");
    // Reflection there describes health alone.
    use tonic_reflection::pb::v1alpha::ServerReflectionRequest;
    use tonic_reflection::pb::v1alpha::server_reflection_client::ServerReflectionClient;
    use tonic_reflection::pb::v1alpha::server_reflection_request::MessageRequest;
    use tonic_reflection::pb::v1alpha::server_reflection_response::MessageResponse;
    let request = ServerReflectionRequest { host: String::new(), message_request: Some(MessageRequest::ListServices(String::new())) };
    let mut responses =
        ServerReflectionClient::new(channel).server_reflection_info(tokio_stream::iter([request])).await.expect("reflection").into_inner();
    let response = responses.message().await.expect("ok").expect("a response");
    let Some(MessageResponse::ListServicesResponse(list)) = response.message_response else {
        panic!("not a service list: {response:?}");
    };
    let services: Vec<String> = list.service.into_iter().map(|service| service.name).collect();
    assert!(services.iter().any(|s| s == "grpc.health.v1.Health"), "{services:?}");
    assert!(!services.iter().any(|s| s.starts_with("claimex.")), "{services:?}");
    server.stop().await;
}

#[test]
fn the_token_never_reaches_the_logs() {
    use std::io::{BufRead as _, BufReader, Read as _};
    use std::process::{Command, Stdio};

    let files = Files::new();
    let tokens = files.tokens(&format!("{TOKEN}\n"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimex"))
        .args(["--log", "trace", "--log-format", "json", "serve", "--listen", "127.0.0.1:0", "--shutdown-grace-secs", "1"])
        .arg("--auth-token-file")
        .arg(&tokens)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn claimex");
    // Read the logs as they come, or the server blocks on a full pipe.
    let mut stderr = child.stderr.take().expect("stderr");
    let logs = std::thread::spawn(move || {
        let mut logs = String::new();
        stderr.read_to_string(&mut logs).map(|_| logs)
    });
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut addr = String::new();
    stdout.read_line(&mut addr).expect("the address line");
    let addr = addr.trim().to_owned();
    assert!(!addr.is_empty(), "no address on stdout");

    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(async {
        let channel = Channel::from_shared(format!("http://{addr}")).expect("uri").connect().await.expect("connect");
        assert_eq!(extract_code(channel.clone(), Some(TOKEN)).await, Code::Ok);
        assert_eq!(extract_code(channel.clone(), Some("wrong-secret-value")).await, Code::Unauthenticated);
        assert_eq!(extract_code(channel, None).await, Code::Unauthenticated);
    });
    // SAFETY: kill(2) on the child we spawned; it cannot affect memory safety.
    let sent = unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGTERM) };
    assert_eq!(sent, 0, "SIGTERM");
    let status = child.wait().expect("wait");
    let logs = logs.join().expect("log reader").expect("read logs");
    assert!(status.success(), "{status:?}\n{logs}");
    assert!(logs.contains("call refused"), "the refusals are logged:\n{logs}");
    assert!(!logs.contains(TOKEN), "the token is in the logs");
    assert!(!logs.contains("wrong-secret-value"), "a presented token is in the logs");
}
