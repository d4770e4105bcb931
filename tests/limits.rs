//! Limits, overload, deadlines and cancellation, against the real server on 127.0.0.1:0.
//!
//! Whether work stopped is checked through the in-flight limit: with room for one document, a
//! small call succeeds only once the abandoned extraction has given its slot back. Waits are
//! measured against the time a full extraction of the same slow document takes on this machine,
//! never against a fixed time; the tests run one at a time so that they do not skew each
//! other's timings.

use std::time::{Duration, Instant};

use claimex::proto::claim_extractor_client::ClaimExtractorClient;
use claimex::proto::{ExtractClaimsRequest, ExtractDocumentsRequest, ExtractRequest};
use claimex::server::Config;
use claimex::service;
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;
use tonic::Code;
use tonic::transport::Channel;
use tonic_health::pb::HealthCheckRequest;
use tonic_health::pb::health_check_response::ServingStatus;
use tonic_health::pb::health_client::HealthClient;

mod support;
use support::{TestServer, document};

const CLAIM: &str = "\"We will never sign this treaty,\" Foreign Minister Anna Petrosyan said on Monday. \
                     The talks resumed in Yerevan, officials said, and the ministry warned that costs would rise.\n";

/// A document with a claim every hundred bytes, slow enough to be caught mid-extraction.
fn slow_text() -> String {
    CLAIM.repeat((3 << 19) / CLAIM.len())
}

/// Held by each test: timings are compared within a test, so tests must not compete for cores.
static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// The shared test server with one plaintext channel to it.
struct Server {
    server: TestServer,
    channel: Channel,
}

impl Server {
    /// Starts a server and takes this file's lock for the test's duration.
    async fn start(config: Config) -> (Server, tokio::sync::MutexGuard<'static, ()>) {
        let serial = SERIAL.lock().await;
        let server = TestServer::start(config).await;
        let channel = server.plaintext().await;
        (Server { server, channel }, serial)
    }

    fn client(&self) -> ClaimExtractorClient<Channel> {
        ClaimExtractorClient::new(self.channel.clone()).max_decoding_message_size(64 << 20).max_encoding_message_size(64 << 20)
    }

    async fn stop(self) {
        self.server.stop().await;
    }
}

/// Room for one document in flight and for the slow document.
fn one_slot() -> Config {
    Config {
        service: service::Config { max_in_flight: 1, max_document_bytes: 8 << 20, ..service::Config::default() },
        ..Config::default()
    }
}

fn extract(text: &str) -> ExtractRequest {
    ExtractRequest { document: Some(document("doc", text)), options: None }
}

/// How long a full extraction of the slow document takes here.
async fn full_extraction_time(server: &Server) -> Duration {
    let started = Instant::now();
    server.client().extract(extract(&slow_text())).await.expect("the slow document is read");
    let took = started.elapsed();
    eprintln!("full extraction of the slow document: {} ms", took.as_millis());
    took
}

/// Calls a small Extract until it gets through; returns how long the slot took to come back.
/// Fails if it is still taken after `within`.
async fn slot_returns_within(server: &Server, within: Duration) -> Duration {
    let started = Instant::now();
    loop {
        match server.client().extract(extract("The ministry said the talks would resume.")).await {
            Ok(_) => return started.elapsed(),
            Err(status) => assert_eq!(status.code(), Code::ResourceExhausted, "{status:?}"),
        }
        assert!(started.elapsed() < within, "the abandoned extraction still held its slot after {within:?}");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

#[tokio::test]
async fn a_full_server_answers_resource_exhausted_at_once() {
    let (server, _serial) = Server::start(one_slot()).await;
    let full = full_extraction_time(&server).await;
    // A stream the client does not read holds the one slot: the engine waits on the full buffer.
    let request = ExtractClaimsRequest { document: Some(document("slow", &slow_text())), options: None };
    let mut held = server.client().extract_claims(request).await.expect("stream opens").into_inner();
    held.message().await.expect("a claim").expect("a message");
    let started = Instant::now();
    let status = server.client().extract(extract("The talks resumed.")).await.expect_err("no slot left");
    let waited = started.elapsed();
    assert_eq!(status.code(), Code::ResourceExhausted, "{status:?}");
    assert!(status.message().contains("documents in flight"), "{}", status.message());
    assert!(waited < full / 4, "refused after {waited:?}, a full extraction takes {full:?}: it queued");
    drop(held);
    slot_returns_within(&server, full / 2).await;
    server.stop().await;
}

#[tokio::test]
async fn a_unary_call_past_its_deadline_gets_deadline_exceeded_and_stops() {
    let (server, _serial) = Server::start(one_slot()).await;
    let full = full_extraction_time(&server).await;
    let mut request = tonic::Request::new(extract(&slow_text()));
    request.set_timeout(full / 10);
    let started = Instant::now();
    let status = server.client().extract(request).await.expect_err("past the deadline");
    // The server answers DEADLINE_EXCEEDED a little before the deadline; tonic's client also
    // keeps the deadline itself and may give up first, with CANCELLED "Timeout expired".
    // Either way the server must stop the work, which the slot shows.
    assert!(
        status.code() == Code::DeadlineExceeded || (status.code() == Code::Cancelled && status.message() == "Timeout expired"),
        "{status:?}"
    );
    assert!(started.elapsed() < full / 2, "answered after {:?}", started.elapsed());
    slot_returns_within(&server, full / 2).await;
    server.stop().await;
}

#[tokio::test]
async fn a_claim_stream_past_its_deadline_ends_with_deadline_exceeded_and_stops() {
    let (server, _serial) = Server::start(one_slot()).await;
    let full = full_extraction_time(&server).await;
    let mut request = tonic::Request::new(ExtractClaimsRequest { document: Some(document("slow", &slow_text())), options: None });
    request.set_timeout(full / 10);
    let mut stream = server.client().extract_claims(request).await.expect("stream opens").into_inner();
    let mut claims = 0;
    let status = loop {
        match stream.message().await {
            Ok(Some(_)) => claims += 1,
            Ok(None) => panic!("the stream ended ok after {claims} claims, past its deadline"),
            Err(status) => break status,
        }
    };
    assert_eq!(status.code(), Code::DeadlineExceeded, "{status:?} after {claims} claims");
    slot_returns_within(&server, full / 2).await;
    server.stop().await;
}

#[tokio::test]
async fn a_batch_past_its_deadline_ends_with_deadline_exceeded() {
    let (server, _serial) = Server::start(one_slot()).await;
    let (requests, rx) = mpsc::channel::<ExtractDocumentsRequest>(4);
    let mut call = tonic::Request::new(ReceiverStream::new(rx));
    call.set_timeout(Duration::from_millis(200));
    let mut responses = server.client().extract_documents(call).await.expect("stream opens").into_inner();
    requests.send(ExtractDocumentsRequest { document: Some(document("a", "The talks resumed.")), options: None }).await.expect("send");
    responses.message().await.expect("an answer").expect("a response");
    // The request stream stays open; only the deadline can end the call.
    let status = responses.message().await.expect_err("the deadline ends the call");
    assert_eq!(status.code(), Code::DeadlineExceeded, "{status:?}");
    drop(requests);
    server.stop().await;
}

#[tokio::test]
async fn a_client_that_cancels_stops_the_work_it_started() {
    let (server, _serial) = Server::start(one_slot()).await;
    let full = full_extraction_time(&server).await;

    // A unary call given up by the client (the future is dropped, the stream reset).
    let mut client = server.client();
    let text = slow_text();
    let gave_up = tokio::time::timeout(full / 10, client.extract(extract(&text))).await;
    assert!(gave_up.is_err(), "the slow extraction finished before the client gave up");
    let back = slot_returns_within(&server, full / 2).await;
    eprintln!("unary: slot back {} ms after the client left", back.as_millis());

    // A claim stream dropped after its first claim.
    let request = ExtractClaimsRequest { document: Some(document("slow", &text)), options: None };
    let mut stream = server.client().extract_claims(request).await.expect("stream opens").into_inner();
    stream.message().await.expect("a claim").expect("a message");
    drop(stream);
    let back = slot_returns_within(&server, full / 2).await;
    eprintln!("stream: slot back {} ms after the client left", back.as_millis());
    server.stop().await;
}

#[tokio::test]
async fn a_stream_over_its_document_limit_ends_with_resource_exhausted() {
    let config = Config { service: service::Config { max_stream_documents: 2, ..service::Config::default() }, ..Config::default() };
    let (server, _serial) = Server::start(config).await;
    let requests = (0..3).map(|i| ExtractDocumentsRequest { document: Some(document(&format!("d{i}"), "The talks resumed.")), options: None });
    let mut responses = server.client().extract_documents(tokio_stream::iter(requests)).await.expect("stream opens").into_inner();
    let mut answered = Vec::new();
    let status = loop {
        match responses.message().await {
            Ok(Some(response)) => answered.push(response.index),
            Ok(None) => panic!("the stream ended ok after {answered:?}"),
            Err(status) => break status,
        }
    };
    answered.sort_unstable();
    assert_eq!(answered, [0, 1]);
    assert_eq!(status.code(), Code::ResourceExhausted, "{status:?}");
    assert!(status.message().contains("limit of 2 documents"), "{}", status.message());
    server.stop().await;
}

#[tokio::test]
async fn calls_over_the_call_limit_are_refused_but_health_answers() {
    let (server, _serial) = Server::start(Config { max_calls: 1, ..Config::default() }).await;
    // An open batch holds the one call slot for as long as its response stream lasts.
    let (requests, rx) = mpsc::channel::<ExtractDocumentsRequest>(1);
    let open = server.client().extract_documents(ReceiverStream::new(rx)).await.expect("stream opens").into_inner();

    let started = Instant::now();
    let status = server.client().extract(extract("The talks resumed.")).await.expect_err("no call slot left");
    assert_eq!(status.code(), Code::ResourceExhausted, "{status:?}");
    assert!(status.message().contains("open calls"), "{}", status.message());
    eprintln!("refused in {} µs", started.elapsed().as_micros());

    let health = HealthClient::new(server.channel.clone())
        .check(HealthCheckRequest { service: String::new() })
        .await
        .expect("health is not limited")
        .into_inner();
    assert_eq!(health.status, ServingStatus::Serving as i32);

    // Ending the batch gives the slot back.
    drop(requests);
    drop(open);
    let mut tries = 0;
    while let Err(status) = server.client().extract(extract("The talks resumed.")).await {
        assert_eq!(status.code(), Code::ResourceExhausted, "{status:?}");
        tries += 1;
        assert!(tries < 200, "the call slot never came back");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    server.stop().await;
}
