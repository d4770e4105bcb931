//! /metrics on its own port: the call counters, latency histograms and work counters move after
//! calls.

mod support;

use std::time::Duration;

use claimex::proto::ExtractClaimsRequest;
use claimex::proto::claim_extractor_client::ClaimExtractorClient;
use claimex::server::Config;
use support::{PETROSYAN, TestServer, document, extract_request};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::{TcpListener, TcpStream};
use tokio_util::sync::CancellationToken;

/// The status line and body of a plain HTTP/1.1 GET.
async fn get(addr: std::net::SocketAddr, path: &str) -> (String, String) {
    let mut stream = TcpStream::connect(addr).await.expect("connect to the metrics port");
    let request = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.expect("send");
    let mut response = String::new();
    tokio::time::timeout(Duration::from_secs(10), stream.read_to_string(&mut response))
        .await
        .expect("answered in time")
        .expect("read");
    let (head, body) = response.split_once("\r\n\r\n").expect("a head and a body");
    let status = head.lines().next().unwrap_or_default().to_owned();
    (status, body.to_owned())
}

/// The value of the sample whose name and labels start with `prefix`, 0 if absent.
fn sample(text: &str, name: &str, labels: &[(&str, &str)]) -> f64 {
    text.lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| {
            let (series, value) = line.rsplit_once(' ')?;
            let (series_name, rest) = series.split_once('{').unwrap_or((series, ""));
            if series_name != name {
                return None;
            }
            let all = labels.iter().all(|(key, value)| rest.contains(&format!("{key}=\"{value}\"")));
            all.then(|| value.parse::<f64>().ok()).flatten()
        })
        .sum()
}

#[tokio::test]
async fn counters_move_after_calls() {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind metrics");
    let metrics_addr = listener.local_addr().expect("addr");
    let stop_metrics = CancellationToken::new();
    let metrics_task = tokio::spawn(claimex::metrics::serve(listener, stop_metrics.clone()));
    let server = TestServer::start(Config::default()).await;
    let mut client = ClaimExtractorClient::new(server.plaintext().await);

    let (status, before) = get(metrics_addr, "/metrics").await;
    assert!(status.contains("200"), "{status}");
    let extract = [("grpc_service", "claimex.v1.ClaimExtractor"), ("grpc_method", "Extract")];
    let ok = [extract[0], extract[1], ("grpc_code", "OK")];
    let invalid = [extract[0], extract[1], ("grpc_code", "INVALID_ARGUMENT")];
    let stream_ok = [("grpc_method", "ExtractClaims"), ("grpc_code", "OK")];

    client.extract(extract_request("m-1")).await.expect("extract");
    client.extract(claimex::proto::ExtractRequest { document: Some(document("m-2", " ")), options: None }).await.expect_err("blank");
    let request = ExtractClaimsRequest { document: Some(document("m-3", PETROSYAN)), options: None };
    let mut stream = client.extract_claims(request).await.expect("stream").into_inner();
    let mut streamed = 0;
    while stream.message().await.expect("no error").is_some() {
        streamed += 1;
    }
    assert!(streamed > 0, "the stream carried claims");

    let (_, after) = get(metrics_addr, "/metrics").await;
    let moved = |name: &str, labels: &[(&str, &str)]| sample(&after, name, labels) - sample(&before, name, labels);
    assert_eq!(moved("grpc_server_started_total", &extract), 2.0, "{after}");
    assert_eq!(moved("grpc_server_handled_total", &ok), 1.0, "{after}");
    assert_eq!(moved("grpc_server_handled_total", &invalid), 1.0, "{after}");
    assert_eq!(moved("grpc_server_handled_total", &stream_ok), 1.0, "{after}");
    assert_eq!(moved("grpc_server_handling_seconds_count", &extract), 2.0, "{after}");
    assert!(sample(&after, "grpc_server_handling_seconds_bucket", &[extract[1], ("le", "+Inf")]) >= 2.0, "{after}");
    // The two documents that were read (the blank one was refused before the engine).
    assert!(moved("claimex_documents_total", &[]) >= 2.0, "{after}");
    assert!(moved("claimex_claims_total", &[]) >= 1.0 + streamed as f64, "{after}");
    assert!(moved("claimex_text_bytes_total", &[]) >= 2.0 * PETROSYAN.len() as f64, "{after}");
    assert!(after.trim_end().ends_with("# EOF"), "openmetrics ends with # EOF");

    let (status, _) = get(metrics_addr, "/").await;
    assert!(status.contains("404"), "{status}");

    server.stop().await;
    stop_metrics.cancel();
    tokio::time::timeout(Duration::from_secs(10), metrics_task).await.expect("metrics stop").expect("metrics task");
}
