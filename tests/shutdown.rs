//! SIGTERM as Kubernetes sends it, to the real binary: health turns NOT_SERVING, open streams
//! end with UNAVAILABLE within the grace period, and the process exits 0.

mod support;

use std::io::{BufRead as _, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use claimex::proto::ExtractDocumentsRequest;
use claimex::proto::claim_extractor_client::ClaimExtractorClient;
use support::{PETROSYAN, document};
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;
use tonic::Code;
use tonic::transport::Channel;
use tonic_health::pb::HealthCheckRequest;
use tonic_health::pb::health_check_response::ServingStatus;
use tonic_health::pb::health_client::HealthClient;

const GRACE: Duration = Duration::from_secs(1);
/// What the server may take past the grace period: ending the calls and closing connections.
const MARGIN: Duration = Duration::from_secs(3);

/// Kills the server if the test fails before it exits.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        if matches!(self.0.try_wait(), Ok(None)) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
}

fn sigterm(child: &Child) {
    // SAFETY: kill(2) on the child we spawned; it cannot affect memory safety.
    let sent = unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGTERM) };
    assert_eq!(sent, 0, "SIGTERM");
}

#[tokio::test]
async fn sigterm_during_a_stream_ends_it_cleanly_within_the_grace_period() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimex"))
        .args(["serve", "--listen", "127.0.0.1:0", "--shutdown-grace-secs", &GRACE.as_secs().to_string()])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn claimex");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let server = Server(child);
    let mut addr = String::new();
    stdout.read_line(&mut addr).expect("the address line");
    let channel = Channel::from_shared(format!("http://{}", addr.trim())).expect("uri").connect().await.expect("connect");

    // Two open streams: a health watch, which never ends by itself, and a batch.
    let mut watch = HealthClient::new(channel.clone())
        .watch(HealthCheckRequest { service: "claimex.v1.ClaimExtractor".into() })
        .await
        .expect("watch")
        .into_inner();
    assert_eq!(watch.message().await.expect("ok").expect("a status").status(), ServingStatus::Serving);
    let (documents, requests) = mpsc::channel(4);
    let mut batch = ClaimExtractorClient::new(channel.clone())
        .extract_documents(ReceiverStream::new(requests))
        .await
        .expect("batch")
        .into_inner();
    documents.send(ExtractDocumentsRequest { document: Some(document("before", PETROSYAN)), options: None }).await.expect("send");
    assert_eq!(batch.message().await.expect("ok").expect("an answer").document_id, "before");

    let signalled = Instant::now();
    sigterm(&server.0);

    // Readiness turns first.
    let next = tokio::time::timeout(GRACE, watch.message()).await.expect("NOT_SERVING in time").expect("ok").expect("a status");
    assert_eq!(next.status(), ServingStatus::NotServing);
    // The batch stops taking documents and ends with UNAVAILABLE, so the client retries elsewhere.
    let end = tokio::time::timeout(GRACE + MARGIN, batch.message()).await.expect("the batch ends in time").expect_err("a status");
    assert_eq!(end.code(), Code::Unavailable, "{end:?}");
    // The watch stays open through the grace period, then ends with UNAVAILABLE: a status, not
    // a broken connection.
    let end = tokio::time::timeout(GRACE + MARGIN, watch.message()).await.expect("the watch ends in time").expect_err("a status");
    assert_eq!(end.code(), Code::Unavailable, "{end:?}");
    assert!(end.message().contains("shutting down"), "{end:?}");
    let elapsed = signalled.elapsed();
    assert!(elapsed >= GRACE, "the stream was cut before the grace period: {elapsed:?}");
    assert!(elapsed < GRACE + MARGIN, "the stream outlived the grace period: {elapsed:?}");
    drop(documents);

    // And the process exits, successfully.
    let mut server = server;
    let exited = tokio::time::timeout(MARGIN, async {
        loop {
            if let Some(status) = server.0.try_wait().expect("try_wait") {
                return status;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await
    .expect("the process exits after the grace period");
    assert!(exited.success(), "{exited:?}");
}
