//! `claimex subscribe`: a client of `Subscribe` that prints one proto3 JSON event per line, a
//! `tail -f` for claims.

use std::io::Write;

use anyhow::Context as _;
use tonic::transport::Channel;

use crate::proto::claim_extractor_client::ClaimExtractorClient;
use crate::proto::SubscribeRequest;

/// Streams events to `out` until the server ends the stream or `limit` events were written.
/// Returns how many were written and the last sequence seen (to resume from on failure).
pub async fn run(server: &str, request: SubscribeRequest, limit: Option<u64>, mut out: impl Write) -> anyhow::Result<u64> {
    let channel = Channel::from_shared(server.to_owned())
        .with_context(|| format!("invalid server URL {server:?}"))?
        .connect()
        .await
        .with_context(|| format!("connecting to {server}"))?;
    let mut client = ClaimExtractorClient::new(channel).max_decoding_message_size(usize::MAX);
    let mut stream = client.subscribe(request).await.map_err(|status| anyhow::anyhow!("{}: {}", status.code(), status.message()))?.into_inner();
    let mut written = 0u64;
    let mut last_sequence = None;
    while limit.is_none_or(|limit| written < limit) {
        let event = match stream.message().await {
            Ok(Some(event)) => event,
            Ok(None) => break,
            Err(status) => {
                let resume = last_sequence.map_or(String::new(), |last: u64| format!("; resume with --from-sequence {}", last + 1));
                anyhow::bail!("the subscription ended: {}: {}{resume}", status.code(), status.message());
            }
        };
        last_sequence = Some(event.sequence);
        serde_json::to_writer(&mut out, &event).context("writing an event")?;
        out.write_all(b"\n").and_then(|()| out.flush()).context("writing an event")?;
        written += 1;
    }
    Ok(written)
}
