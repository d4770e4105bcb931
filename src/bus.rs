//! The distributed claim log: a NATS JetStream stream shared by every replica.
//!
//! Each claim is one message on `<stream>.claims`, its payload an encoded `SubscribeResponse`
//! (claim, document id, outlet) and its `Nats-Msg-Id` the claim id, so that a retried publish
//! within the stream's duplicate window is stored once. The stream sequence is the claim's
//! sequence and the stream's timestamp its `logged_at`. Subscriptions read through ordered
//! consumers (ephemeral, flow controlled, pulled in bounded batches), so every replica serves
//! every replica's claims.

use std::time::Duration;

use async_nats::jetstream::{self, consumer, context::PublishAckFuture, stream};
use bytes::Bytes;
use tracing::{info, warn};

use crate::error::Error;
use crate::log::{Retention, Start};

/// Publish attempts per claim before the extraction call fails with UNAVAILABLE.
const PUBLISH_ATTEMPTS: u32 = 3;
/// How long one publish waits for JetStream's acknowledgement.
const ACK_TIMEOUT: Duration = Duration::from_secs(2);
/// Messages pulled per request by a subscription: the most a slow consumer holds in memory.
const PULL_BATCH: i64 = 256;

/// One claim to publish: its id (the dedupe key) and its encoded payload.
#[derive(Debug, Clone)]
pub struct Entry {
    pub id: String,
    pub payload: Bytes,
}

/// A connection to the NATS server and the claim stream on it.
#[derive(Debug, Clone)]
pub struct Bus {
    jetstream: jetstream::Context,
    stream: String,
    subject: String,
}

/// A subscription's messages, in stream order.
pub type Messages = consumer::pull::Ordered;

impl Bus {
    /// Connects and creates the stream if it does not exist (every replica may race to; the
    /// same configuration makes the creation idempotent).
    pub async fn connect(url: &str, stream_name: &str, retention: Retention, duplicate_window: Duration) -> anyhow::Result<Bus> {
        let client = async_nats::ConnectOptions::new()
            .name("claimex")
            .connect(url)
            .await
            .map_err(|err| anyhow::anyhow!("connecting to the NATS server at {url}: {err}"))?;
        let mut jetstream = jetstream::new(client);
        jetstream.set_timeout(ACK_TIMEOUT);
        let subject = format!("{stream_name}.claims");
        let config = stream::Config {
            name: stream_name.to_owned(),
            subjects: vec![subject.clone()],
            max_age: retention.max_age.unwrap_or(Duration::ZERO),
            max_bytes: i64::try_from(retention.max_bytes).unwrap_or(-1),
            duplicate_window,
            storage: stream::StorageType::File,
            ..Default::default()
        };
        let created = match jetstream.get_or_create_stream(config.clone()).await {
            Ok(created) => created,
            // Another replica created it between our look-up and our creation.
            Err(first) => jetstream.get_stream(stream_name).await.map_err(|err| {
                anyhow::anyhow!("creating the JetStream stream {stream_name}: {first}; then reading it: {err}")
            })?,
        };
        let state = &created.cached_info().state;
        info!(url, stream = stream_name, subject, messages = state.messages, last_sequence = state.last_sequence, "claim bus connected");
        Ok(Bus { jetstream, stream: stream_name.to_owned(), subject })
    }

    /// Publishes the entries and waits for JetStream to store each, retrying failures.
    pub async fn publish(&self, entries: &[Entry]) -> Result<(), Error> {
        let mut todo: Vec<&Entry> = entries.iter().collect();
        let mut backoff = Duration::from_millis(100);
        for attempt in 1..=PUBLISH_ATTEMPTS {
            // Send them all, then collect the acknowledgements: one round trip per batch.
            let mut sent: Vec<(&Entry, Result<PublishAckFuture, String>)> = Vec::with_capacity(todo.len());
            for entry in todo {
                let message = jetstream::message::PublishMessage::build().message_id(&entry.id).payload(entry.payload.clone());
                let ack = self.jetstream.send_publish(self.subject.clone(), message).await.map_err(|err| err.to_string());
                sent.push((entry, ack));
            }
            let mut failed = Vec::new();
            let mut last_error = String::new();
            for (entry, ack) in sent {
                let stored = match ack {
                    Ok(ack) => ack.await.map(|_| ()).map_err(|err| err.to_string()),
                    Err(err) => Err(err),
                };
                if let Err(err) = stored {
                    failed.push(entry);
                    last_error = err;
                }
            }
            if failed.is_empty() {
                return Ok(());
            }
            warn!(attempt, failed = failed.len(), error = %last_error, "publishing claims to the bus failed");
            if attempt == PUBLISH_ATTEMPTS {
                return Err(Error::LogUnavailable { reason: format!("publishing to the NATS stream {}: {last_error}", self.stream) });
            }
            todo = failed;
            tokio::time::sleep(backoff).await;
            backoff *= 4;
        }
        unreachable!("the last attempt returns")
    }

    /// The oldest sequence the stream holds (the next one when it is empty).
    pub async fn oldest(&self) -> Result<u64, Error> {
        let stream = self.jetstream.get_stream(&self.stream).await.map_err(|err| self.unavailable("reading the stream", err))?;
        Ok(stream.cached_info().state.first_sequence.max(1))
    }

    /// The claims from `start` on, through a new ordered consumer.
    pub async fn messages(&self, start: Start) -> Result<Messages, Error> {
        if let Start::Sequence(requested) = start {
            let oldest = self.oldest().await?;
            if requested < oldest {
                return Err(Error::BeforeRetention { requested, oldest });
            }
        }
        let deliver_policy = match start {
            Start::Oldest => consumer::DeliverPolicy::All,
            Start::Newest => consumer::DeliverPolicy::New,
            Start::Sequence(start_sequence) => consumer::DeliverPolicy::ByStartSequence { start_sequence },
            Start::Time(nanos) => consumer::DeliverPolicy::ByStartTime { start_time: chrono::DateTime::from_timestamp_nanos(nanos) },
        };
        let stream = self.jetstream.get_stream(&self.stream).await.map_err(|err| self.unavailable("reading the stream", err))?;
        let consumer = stream
            .create_consumer(consumer::pull::OrderedConfig {
                filter_subject: self.subject.clone(),
                deliver_policy,
                max_batch: PULL_BATCH,
                ..Default::default()
            })
            .await
            .map_err(|err| self.unavailable("creating a consumer", err))?;
        consumer.messages().await.map_err(|err| self.unavailable("reading the stream", err))
    }

    fn unavailable(&self, what: &str, err: impl std::fmt::Display) -> Error {
        Error::LogUnavailable { reason: format!("{what} {} on NATS: {err}", self.stream) }
    }
}
