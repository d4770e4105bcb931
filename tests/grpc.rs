//! The real server on 127.0.0.1:0, called through the generated client: every RPC, the error
//! statuses, health, reflection and shutdown.

use std::time::Duration;

use claimex::proto::claim_extractor_client::ClaimExtractorClient;
use claimex::proto::extract_documents_response::Outcome;
use claimex::proto::{
    Document, ExtractClaimsRequest, ExtractDocumentsRequest, ExtractDocumentsResponse, ExtractOptions, ExtractRequest,
};
use claimex::server::{self, Config};
use claimex::service;
use tokio::net::TcpListener;
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;
use tokio_stream::StreamExt as _;
use tokio_stream::wrappers::ReceiverStream;
use tonic::Code;
use tonic::transport::Channel;
use tonic_health::pb::health_check_response::ServingStatus;
use tonic_health::pb::health_client::HealthClient;
use tonic_health::pb::HealthCheckRequest;

const PETROSYAN: &str =
    "\"We will never sign this treaty,\" Foreign Minister Anna Petrosyan said on Monday. The talks resumed in Yerevan.";

/// A running server: its channel, the trigger that stops it and its task.
struct TestServer {
    channel: Channel,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<anyhow::Result<()>>,
}

impl TestServer {
    async fn start(config: Config) -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("local addr");
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(server::serve(config, listener, async {
            let _ = stopped.await;
        }));
        // The listener is bound, so connecting needs no wait.
        let channel = Channel::from_shared(format!("http://{addr}")).expect("uri").connect().await.expect("connect");
        TestServer { channel, stop: Some(stop), task }
    }

    async fn default() -> TestServer {
        TestServer::start(Config::default()).await
    }

    fn client(&self) -> ClaimExtractorClient<Channel> {
        ClaimExtractorClient::new(self.channel.clone())
    }

    /// Begins shutdown without waiting for it.
    fn trigger_stop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }

    /// Stops the server and checks that it returned cleanly.
    async fn stop(mut self) {
        self.trigger_stop();
        let result = tokio::time::timeout(Duration::from_secs(20), self.task).await.expect("server stops in time");
        result.expect("server task").expect("server returns ok");
    }
}

fn document(id: &str, text: &str) -> Document {
    Document {
        id: id.into(),
        text: text.into(),
        published_at: Some(pbjson_types::Timestamp { seconds: 1_709_294_400, nanos: 0 }), // 2024-03-01T12:00:00Z
        ..Default::default()
    }
}

fn extract_request(doc: Document) -> ExtractRequest {
    ExtractRequest { document: Some(doc), options: None }
}

fn batch_request(doc: Document) -> ExtractDocumentsRequest {
    ExtractDocumentsRequest { document: Some(doc), options: None }
}

// ---- mechanics: pass with any engine ----------------------------------------------------------

#[tokio::test]
async fn extract_answers_with_the_document_id() {
    let server = TestServer::default().await;
    let response = server.client().extract(extract_request(document("doc-1", PETROSYAN))).await.expect("ok").into_inner();
    assert_eq!(response.document_id, "doc-1");
    for claim in &response.claims {
        assert_eq!(claim.document_id, "doc-1");
    }
    server.stop().await;
}

#[tokio::test]
async fn extract_claims_stream_ends_ok() {
    let server = TestServer::default().await;
    let request = ExtractClaimsRequest { document: Some(document("doc-1", PETROSYAN)), options: None };
    let mut stream = server.client().extract_claims(request).await.expect("ok").into_inner();
    while let Some(message) = stream.message().await.expect("no error on the stream") {
        let claim = message.claim.expect("every message carries a claim");
        assert_eq!(claim.document_id, "doc-1");
    }
    server.stop().await;
}

#[tokio::test]
async fn extract_documents_answers_each_document_and_goes_on_after_a_bad_one() {
    let server = TestServer::default().await;
    let requests = tokio_stream::iter(vec![
        batch_request(document("good-1", PETROSYAN)),
        batch_request(document("bad", "   ")),
        ExtractDocumentsRequest { document: None, options: None },
        batch_request(document("good-2", "The ministry said the talks would resume.")),
    ]);
    let responses: Vec<ExtractDocumentsResponse> = server
        .client()
        .extract_documents(requests)
        .await
        .expect("ok")
        .into_inner()
        .collect::<Result<_, _>>()
        .await
        .expect("the stream ends ok");
    let mut responses = responses;
    responses.sort_by_key(|response| response.index);
    let indices: Vec<u64> = responses.iter().map(|r| r.index).collect();
    assert_eq!(indices, [0, 1, 2, 3]);
    let ids: Vec<&str> = responses.iter().map(|r| r.document_id.as_str()).collect();
    assert_eq!(ids, ["good-1", "bad", "", "good-2"]);
    for i in [0, 3] {
        let Some(Outcome::Result(result)) = &responses[i].outcome else {
            panic!("document {i} has no result: {:?}", responses[i].outcome);
        };
        assert_eq!(result.document_id, responses[i].document_id);
    }
    for i in [1, 2] {
        let Some(Outcome::Error(error)) = &responses[i].outcome else {
            panic!("document {i} has no error: {:?}", responses[i].outcome);
        };
        assert_eq!(error.code, Code::InvalidArgument as i32);
        assert!(!error.message.is_empty());
    }
    server.stop().await;
}

#[tokio::test]
async fn extract_documents_with_an_empty_stream_ends_ok() {
    let server = TestServer::default().await;
    let responses: Vec<_> = server
        .client()
        .extract_documents(tokio_stream::empty())
        .await
        .expect("ok")
        .into_inner()
        .collect::<Result<_, _>>()
        .await
        .expect("ends ok");
    assert!(responses.is_empty());
    server.stop().await;
}

async fn extract_status(server: &TestServer, request: ExtractRequest) -> tonic::Status {
    server.client().extract(request).await.expect_err("an error status")
}

#[tokio::test]
async fn malformed_requests_are_invalid_argument() {
    let server = TestServer::default().await;
    let cases = [
        ("no document", ExtractRequest { document: None, options: None }, "document"),
        ("empty text", extract_request(document("d", "")), "document.text"),
        ("blank text", extract_request(document("d", " \n\t  ")), "document.text"),
        ("language", extract_request(Document { language: "fr".into(), ..document("d", PETROSYAN) }), "document.language"),
        ("long id", extract_request(document(&"x".repeat(257), PETROSYAN)), "document.id"),
        (
            "option",
            ExtractRequest {
                document: Some(document("d", PETROSYAN)),
                options: Some(ExtractOptions { min_confidence: 1.5, ..Default::default() }),
            },
            "options.min_confidence",
        ),
    ];
    for (name, request, field) in cases {
        let status = extract_status(&server, request).await;
        assert_eq!(status.code(), Code::InvalidArgument, "{name}: {status:?}");
        assert!(status.message().contains(field), "{name}: {:?} does not name {field}", status.message());
    }
    // The streaming call validates before it streams.
    let request = ExtractClaimsRequest { document: Some(document("d", "")), options: None };
    let status = server.client().extract_claims(request).await.expect_err("an error status");
    assert_eq!(status.code(), Code::InvalidArgument);
    server.stop().await;
}

#[tokio::test]
async fn oversized_text_is_invalid_argument_naming_the_limit() {
    let config = Config { service: service::Config { max_document_bytes: 1000, ..Default::default() }, ..Default::default() };
    let server = TestServer::start(config).await;
    let status = extract_status(&server, extract_request(document("big", &"word ".repeat(201)))).await;
    assert_eq!(status.code(), Code::InvalidArgument);
    assert!(status.message().contains("1000"), "{:?}", status.message());
    // Exactly at the limit is fine.
    server.client().extract(extract_request(document("edge", &"word ".repeat(200)))).await.expect("at the limit");
    server.stop().await;
}

#[tokio::test]
async fn a_message_far_over_the_limit_is_refused_by_the_transport() {
    let config = Config { service: service::Config { max_document_bytes: 1000, ..Default::default() }, ..Default::default() };
    let limit = config.service.max_decoding_message_size();
    let server = TestServer::start(config).await;
    let status = extract_status(&server, extract_request(document("huge", &"w".repeat(limit + 1)))).await;
    assert_eq!(status.code(), Code::OutOfRange, "{status:?}");
    assert!(status.message().contains(&limit.to_string()), "{:?}", status.message());
    server.stop().await;
}

#[tokio::test]
async fn health_reports_serving() {
    let server = TestServer::default().await;
    let mut health = HealthClient::new(server.channel.clone());
    for service in ["", "claimex.v1.ClaimExtractor"] {
        let response = health.check(HealthCheckRequest { service: service.into() }).await.expect("ok").into_inner();
        assert_eq!(response.status(), ServingStatus::Serving, "{service:?}");
    }
    let status = health.check(HealthCheckRequest { service: "no.such.Service".into() }).await.expect_err("unknown");
    assert_eq!(status.code(), Code::NotFound);
    server.stop().await;
}

#[tokio::test]
async fn shutdown_reports_not_serving_and_ends_open_batches() {
    // The health watch stays open, so the server returns when the grace period is over.
    let config = Config { shutdown_grace: Duration::from_secs(1), ..Default::default() };
    let mut server = TestServer::start(config).await;
    let mut health = HealthClient::new(server.channel.clone());
    let mut watch = health
        .watch(HealthCheckRequest { service: "claimex.v1.ClaimExtractor".into() })
        .await
        .expect("ok")
        .into_inner();
    let first = watch.message().await.expect("ok").expect("a status");
    assert_eq!(first.status(), ServingStatus::Serving);

    let (tx, rx) = mpsc::channel(4);
    let mut batch = server.client().extract_documents(ReceiverStream::new(rx)).await.expect("ok").into_inner();
    tx.send(batch_request(document("before", PETROSYAN))).await.expect("send");
    let answered = batch.message().await.expect("ok").expect("a response");
    assert_eq!(answered.document_id, "before");

    server.trigger_stop();
    let next = watch.message().await.expect("ok").expect("a status");
    assert_eq!(next.status(), ServingStatus::NotServing);
    // The batch stream is still open on the client's side; the server ends it.
    let end = batch.message().await.expect_err("the batch ends with a status");
    assert_eq!(end.code(), Code::Unavailable);
    drop(tx);
    server.stop().await;
}

/// A reflection client's service list, for one version of the reflection protocol (v1 and
/// v1alpha have the same messages in different packages).
macro_rules! list_services {
    ($name:ident, $version:ident) => {
        async fn $name(channel: Channel) -> Vec<String> {
            use tonic_reflection::pb::$version::server_reflection_client::ServerReflectionClient;
            use tonic_reflection::pb::$version::server_reflection_request::MessageRequest;
            use tonic_reflection::pb::$version::server_reflection_response::MessageResponse;
            use tonic_reflection::pb::$version::ServerReflectionRequest;

            let request = ServerReflectionRequest { host: String::new(), message_request: Some(MessageRequest::ListServices(String::new())) };
            let mut client = ServerReflectionClient::new(channel);
            let mut responses = client.server_reflection_info(tokio_stream::iter([request])).await.expect("ok").into_inner();
            let response = responses.message().await.expect("ok").expect("a response");
            let Some(MessageResponse::ListServicesResponse(list)) = response.message_response else {
                panic!("not a service list: {response:?}");
            };
            list.service.into_iter().map(|s| s.name).collect()
        }
    };
}

list_services!(list_services_v1, v1);
list_services!(list_services_v1alpha, v1alpha);

#[tokio::test]
async fn reflection_lists_the_service_in_v1_and_v1alpha() {
    let server = TestServer::default().await;
    for services in [list_services_v1(server.channel.clone()).await, list_services_v1alpha(server.channel.clone()).await] {
        assert!(services.iter().any(|s| s == "claimex.v1.ClaimExtractor"), "{services:?}");
        assert!(services.iter().any(|s| s == "grpc.health.v1.Health"), "{services:?}");
    }
    server.stop().await;
}

// ---- claims: need the engine's attribution ----------------------------------------------------

#[tokio::test]
async fn extract_claims_streams_the_claim() {
    let server = TestServer::default().await;
    let request = ExtractClaimsRequest { document: Some(document("doc-1", PETROSYAN)), options: None };
    let claims: Vec<_> = server
        .client()
        .extract_claims(request)
        .await
        .expect("ok")
        .into_inner()
        .map(|message| message.expect("no error").claim.expect("a claim"))
        .collect()
        .await;
    let claim = claims
        .iter()
        .find(|c| c.speaker.as_ref().is_some_and(|s| s.text.contains("Petrosyan")))
        .unwrap_or_else(|| panic!("no claim by Petrosyan in {claims:?}"));
    let content = claim.content.as_ref().expect("content");
    assert!(content.text.contains("never sign"), "{content:?}");
    let span = content.span.expect("span");
    assert_eq!(&PETROSYAN[span.start as usize..span.end as usize], content.text);
    server.stop().await;
}

#[tokio::test]
async fn extract_returns_claims_and_entities() {
    let server = TestServer::default().await;
    let response = server.client().extract(extract_request(document("doc-1", PETROSYAN))).await.expect("ok").into_inner();
    assert!(
        response.claims.iter().any(|c| c.speaker.as_ref().is_some_and(|s| s.text.contains("Petrosyan"))),
        "{response:?}"
    );
    assert!(response.entities.iter().any(|e| e.name.contains("Petrosyan")), "{response:?}");
    server.stop().await;
}

#[tokio::test]
async fn a_client_that_leaves_does_not_stop_the_server() {
    let config = Config { service: service::Config { max_in_flight: 1, stream_buffer: 1, ..Default::default() }, ..Default::default() };
    let server = TestServer::start(config).await;
    let text = PETROSYAN.repeat(200);
    for _ in 0..3 {
        // Each call waits (bounded) for the previous abandoned call to give its permit back.
        let mut stream = tokio::time::timeout(Duration::from_secs(10), async {
            loop {
                let request = ExtractClaimsRequest { document: Some(document("long", &text)), options: None };
                match server.client().extract_claims(request).await {
                    Ok(response) => return response.into_inner(),
                    Err(status) if status.code() == Code::ResourceExhausted => tokio::time::sleep(Duration::from_millis(10)).await,
                    Err(status) => panic!("{status:?}"),
                }
            }
        })
        .await
        .expect("the slot frees up");
        let first = stream.message().await.expect("ok");
        assert!(first.is_some());
        drop(stream);
    }
    // The permit of each abandoned call comes back once its extraction stops.
    let response = tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            match server.client().extract(extract_request(document("after", PETROSYAN))).await {
                Ok(response) => return response.into_inner(),
                Err(status) if status.code() == Code::ResourceExhausted => tokio::time::sleep(Duration::from_millis(10)).await,
                Err(status) => panic!("{status:?}"),
            }
        }
    })
    .await
    .expect("the slot frees up");
    assert_eq!(response.document_id, "after");
    server.stop().await;
}
