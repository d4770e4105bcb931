//! The adapter's errors and their one mapping to gRPC status codes.

use std::fmt;

/// The longest `Document.id` accepted, in bytes (the contract's limit).
pub const MAX_ID_BYTES: usize = 256;

/// The trailer of an OUT_OF_RANGE subscription: the oldest sequence the log still holds.
pub const OLDEST_SEQUENCE_METADATA: &str = "claimex-oldest-sequence";

/// Why a request, or one document of a batch, could not be served.
#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// The request carries no `document`.
    MissingDocument,
    /// `document.language` names a language other than English.
    UnsupportedLanguage { language: String },
    /// `document.id` is over [`MAX_ID_BYTES`].
    IdTooLong { len: usize, limit: usize },
    /// `document.published_at` is not a representable instant.
    InvalidPublishedAt,
    /// An `options` field is out of range.
    InvalidOption { field: &'static str, reason: String },
    /// The engine refused the document (empty or oversized text).
    Engine(claimex_engine::Error),
    /// Every slot for documents in flight is taken.
    Overloaded { limit: usize },
    /// Every slot for calls open at once is taken (see [`crate::limits::CallLimitLayer`]).
    TooManyCalls { limit: usize },
    /// An `ExtractDocuments` stream sent more documents than one call may carry.
    StreamDocumentLimit { limit: usize },
    /// The call's deadline (its `grpc-timeout`) passed before the work was done.
    DeadlineExceeded,
    /// The server has begun shutting down.
    ShuttingDown,
    /// A bug in claimex; `id` is logged with the details and returned to the caller.
    Internal { id: String },
    /// A `SubscribeRequest` field is malformed.
    InvalidSubscription { field: &'static str, reason: String },
    /// The server keeps no claim log (neither `--data-dir` nor `--bus`).
    NoClaimLog,
    /// A subscription asked for a sequence the log no longer retains.
    BeforeRetention { requested: u64, oldest: u64 },
    /// The claim log cannot be written or read now (disk error, NATS down, writer gone).
    LogUnavailable { reason: String },
    /// A record inside the embedded log fails its checksum.
    LogCorrupt { detail: String },
}

impl Error {
    /// An internal error with a fresh id to correlate the caller's report with the server log.
    pub fn internal() -> Self {
        Error::Internal { id: incident_id() }
    }
}

impl From<claimex_engine::Error> for Error {
    fn from(err: claimex_engine::Error) -> Self {
        Error::Engine(err)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::MissingDocument => write!(f, "missing `document`: set the document to read"),
            Error::UnsupportedLanguage { language } => write!(
                f,
                "`document.language` {language:?} is not supported: send English text with language \"en\" or leave it empty"
            ),
            Error::IdTooLong { len, limit } => {
                write!(f, "`document.id` is {len} bytes, over the limit of {limit} bytes: send a shorter id")
            }
            Error::InvalidPublishedAt => write!(
                f,
                "`document.published_at` is out of range: send a timestamp with nanos in 0..1e9 between years 1 and 9999"
            ),
            Error::InvalidOption { field, reason } => write!(f, "`options.{field}` {reason}"),
            Error::Engine(claimex_engine::Error::EmptyText) => {
                write!(f, "`document.text` is empty or blank: send the article body in `text`")
            }
            Error::Engine(claimex_engine::Error::TextTooLarge { len, limit }) => write!(
                f,
                "`document.text` is {len} bytes, over the server's limit of {limit} bytes: split the document or raise the server's limit"
            ),
            Error::Overloaded { limit } => write!(
                f,
                "the server is at its limit of {limit} documents in flight: retry with backoff"
            ),
            Error::TooManyCalls { limit } => write!(
                f,
                "the server is at its limit of {limit} open calls: retry with backoff"
            ),
            Error::StreamDocumentLimit { limit } => write!(
                f,
                "the stream reached its limit of {limit} documents: send the documents after it on a new call"
            ),
            Error::DeadlineExceeded => write!(f, "the call's deadline passed before the work was done: allow more time or send a shorter document"),
            Error::ShuttingDown => write!(f, "the server is shutting down: retry on another replica"),
            Error::Internal { id } => {
                write!(f, "internal error {id}: a bug in claimex, report this id to its maintainers")
            }
            Error::InvalidSubscription { field, reason } => write!(f, "`{field}` {reason}"),
            Error::NoClaimLog => write!(
                f,
                "this server keeps no claim log: start it with --data-dir or --bus to subscribe to claims"
            ),
            Error::BeforeRetention { requested, oldest } => write!(
                f,
                "sequence {requested} is older than the log's retention: the oldest available sequence is {oldest}"
            ),
            Error::LogUnavailable { reason } => {
                write!(f, "the claim log is unavailable ({reason}): retry, on another replica if need be")
            }
            Error::LogCorrupt { detail } => write!(f, "the claim log is corrupt: {detail}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<Error> for tonic::Status {
    fn from(err: Error) -> Self {
        let code = match &err {
            Error::MissingDocument => tonic::Code::InvalidArgument,
            Error::UnsupportedLanguage { .. } => tonic::Code::InvalidArgument,
            Error::IdTooLong { .. } => tonic::Code::InvalidArgument,
            Error::InvalidPublishedAt => tonic::Code::InvalidArgument,
            Error::InvalidOption { .. } => tonic::Code::InvalidArgument,
            Error::Engine(claimex_engine::Error::EmptyText) => tonic::Code::InvalidArgument,
            Error::Engine(claimex_engine::Error::TextTooLarge { .. }) => tonic::Code::InvalidArgument,
            Error::Overloaded { .. } => tonic::Code::ResourceExhausted,
            Error::TooManyCalls { .. } => tonic::Code::ResourceExhausted,
            Error::StreamDocumentLimit { .. } => tonic::Code::ResourceExhausted,
            Error::DeadlineExceeded => tonic::Code::DeadlineExceeded,
            Error::ShuttingDown => tonic::Code::Unavailable,
            Error::Internal { .. } => tonic::Code::Internal,
            Error::InvalidSubscription { .. } => tonic::Code::InvalidArgument,
            Error::NoClaimLog => tonic::Code::FailedPrecondition,
            Error::BeforeRetention { .. } => tonic::Code::OutOfRange,
            Error::LogUnavailable { .. } => tonic::Code::Unavailable,
            Error::LogCorrupt { .. } => tonic::Code::DataLoss,
        };
        let mut status = tonic::Status::new(code, err.to_string());
        if let Error::BeforeRetention { oldest, .. } = err {
            status.metadata_mut().insert(OLDEST_SEQUENCE_METADATA, oldest.into());
        }
        status
    }
}

/// A short id, unique within the process and unlikely to repeat across restarts: the low bits of
/// the wall clock in nanoseconds mixed with a counter.
fn incident_id() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::time::{SystemTime, UNIX_EPOCH};

    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos() as u64);
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!("E{:012x}", (nanos ^ count.rotate_right(16)) & 0xffff_ffff_ffff)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tonic::Code;

    #[test]
    fn request_errors_are_invalid_argument() {
        let cases = [
            Error::MissingDocument,
            Error::UnsupportedLanguage { language: "fr".into() },
            Error::IdTooLong { len: 300, limit: MAX_ID_BYTES },
            Error::InvalidPublishedAt,
            Error::InvalidOption { field: "min_confidence", reason: "is 2, out of 0..=1".into() },
            Error::Engine(claimex_engine::Error::EmptyText),
            Error::Engine(claimex_engine::Error::TextTooLarge { len: 11, limit: 10 }),
        ];
        for err in cases {
            let status = tonic::Status::from(err.clone());
            assert_eq!(status.code(), Code::InvalidArgument, "{err:?}");
        }
    }

    #[test]
    fn server_state_errors_have_their_codes() {
        assert_eq!(tonic::Status::from(Error::Overloaded { limit: 4 }).code(), Code::ResourceExhausted);
        assert_eq!(tonic::Status::from(Error::TooManyCalls { limit: 4 }).code(), Code::ResourceExhausted);
        assert_eq!(tonic::Status::from(Error::StreamDocumentLimit { limit: 4 }).code(), Code::ResourceExhausted);
        assert_eq!(tonic::Status::from(Error::DeadlineExceeded).code(), Code::DeadlineExceeded);
        assert_eq!(tonic::Status::from(Error::ShuttingDown).code(), Code::Unavailable);
        assert_eq!(tonic::Status::from(Error::internal()).code(), Code::Internal);
        assert_eq!(tonic::Status::from(Error::NoClaimLog).code(), Code::FailedPrecondition);
        assert_eq!(tonic::Status::from(Error::LogUnavailable { reason: "nats down".into() }).code(), Code::Unavailable);
        assert_eq!(tonic::Status::from(Error::LogCorrupt { detail: "crc".into() }).code(), Code::DataLoss);
        let invalid = Error::InvalidSubscription { field: "kinds", reason: "has CLAIM_KIND_UNSPECIFIED".into() };
        assert_eq!(tonic::Status::from(invalid).code(), Code::InvalidArgument);
    }

    #[test]
    fn before_retention_names_the_oldest_sequence() {
        let status = tonic::Status::from(Error::BeforeRetention { requested: 3, oldest: 41 });
        assert_eq!(status.code(), Code::OutOfRange);
        assert!(status.message().contains("oldest available sequence is 41"), "{}", status.message());
        let trailer = status.metadata().get(OLDEST_SEQUENCE_METADATA).expect("the trailer");
        assert_eq!(trailer.to_str().expect("ascii"), "41");
    }

    #[test]
    fn messages_are_lowercase_without_trailing_period() {
        let cases = [
            Error::MissingDocument,
            Error::UnsupportedLanguage { language: "fr".into() },
            Error::Engine(claimex_engine::Error::TextTooLarge { len: 11, limit: 10 }),
            Error::Overloaded { limit: 4 },
            Error::TooManyCalls { limit: 4 },
            Error::StreamDocumentLimit { limit: 4 },
            Error::DeadlineExceeded,
            Error::ShuttingDown,
        ];
        for err in cases {
            let message = err.to_string();
            let first = message.trim_start_matches('`').chars().next().unwrap_or('X');
            assert!(!first.is_uppercase(), "{message}");
            assert!(!message.ends_with('.'), "{message}");
        }
    }

    #[test]
    fn too_large_names_the_limit() {
        let status = tonic::Status::from(Error::Engine(claimex_engine::Error::TextTooLarge { len: 2000, limit: 1024 }));
        assert!(status.message().contains("1024"), "{}", status.message());
    }

    #[test]
    fn incident_ids_differ() {
        assert_ne!(Error::internal(), Error::internal());
    }
}
