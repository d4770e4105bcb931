//! The command line: `claimex serve`, `claimex extract`, `claimex times`. Every flag can also be
//! set by an environment variable `CLAIMEX_*`.

use std::io::IsTerminal as _;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context as _;
use clap::{Args, Parser, Subcommand, ValueEnum};
use tracing_subscriber::EnvFilter;

use crate::log::Retention;
use crate::proto::{ClaimKind, StartPosition, SubscribeRequest};
use crate::server;
use crate::service;
use crate::subscribe::{self, Target};
use crate::tls::TlsFiles;

#[derive(Debug, Parser)]
#[command(name = "claimex", version, about = "Attributed claims (who said what, when, through what) from news documents")]
pub struct Cli {
    /// Log filter, in tracing's EnvFilter syntax ("info", "claimex=debug,warn"). Logs go to stderr
    #[arg(long, env = "CLAIMEX_LOG", default_value = "info", global = true)]
    pub log: String,

    /// Log format
    #[arg(long, env = "CLAIMEX_LOG_FORMAT", value_enum, default_value_t = LogFormat::Human, global = true)]
    pub log_format: LogFormat,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// One readable line per event
    Human,
    /// One JSON object per event
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the claimex.v1.ClaimExtractor gRPC service, with grpc.health.v1 and reflection
    ///
    /// Prints the bound address (e.g. 127.0.0.1:50051) as the only line on stdout once it
    /// accepts connections; stops gracefully on SIGTERM or Ctrl-C
    Serve(ServeArgs),
    /// Read documents (JSONL, proto3 JSON `Document`), write their claims (JSONL, one `Claim` a line)
    Extract(ExtractArgs),
    /// Read documents (JSONL), write their time expressions (JSONL, one `TimeExpression` a line)
    Times(IoArgs),
    /// Follow the claims a server logs: one proto3 JSON `SubscribeResponse` a line (a `tail -f`)
    Subscribe(SubscribeArgs),
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on; port 0 picks a free port (read it from stdout)
    #[arg(long, env = "CLAIMEX_LISTEN", default_value = "127.0.0.1:50051")]
    pub listen: SocketAddr,

    #[command(flatten)]
    pub limits: LimitArgs,

    /// Documents extracted at once across all calls; past it calls get RESOURCE_EXHAUSTED
    #[arg(long, env = "CLAIMEX_MAX_IN_FLIGHT", default_value_t = 32, value_parser = clap::value_parser!(u32).range(1..))]
    pub max_in_flight: u32,

    /// Calls open at once on the claim extractor, streams included; past it calls get RESOURCE_EXHAUSTED
    #[arg(long, env = "CLAIMEX_MAX_CALLS", default_value_t = 256, value_parser = clap::value_parser!(u32).range(1..))]
    pub max_calls: u32,

    /// Documents one ExtractDocuments call may carry; past it the call ends with RESOURCE_EXHAUSTED
    #[arg(long, env = "CLAIMEX_MAX_STREAM_DOCUMENTS", default_value_t = 10_000, value_parser = clap::value_parser!(u32).range(1..))]
    pub max_stream_documents: u32,

    /// Documents of one ExtractDocuments stream extracted at once [default: the number of cores]
    #[arg(long, env = "CLAIMEX_BATCH_CONCURRENCY", value_parser = clap::value_parser!(u32).range(1..))]
    pub batch_concurrency: Option<u32>,

    /// Longest text that Extract and ExtractDocuments read on the async worker holding the call
    /// rather than the blocking pool (a hand-off costs two thread wake-ups); 0: always the pool
    #[arg(long, env = "CLAIMEX_INLINE_MAX_BYTES", default_value_t = service::DEFAULT_INLINE_MAX_BYTES)]
    pub inline_max_bytes: usize,

    /// Seconds that open calls may run once shutdown begins
    #[arg(long, env = "CLAIMEX_SHUTDOWN_GRACE_SECS", default_value_t = 10)]
    pub shutdown_grace_secs: u64,

    #[command(flatten)]
    pub claim_log: ClaimLogArgs,

    #[command(flatten)]
    pub observability: ObservabilityArgs,

    #[command(flatten)]
    pub security: SecurityArgs,
}

/// Ports for the platform: probes and metrics.
#[derive(Debug, Args)]
#[command(next_help_heading = "Probes and metrics")]
pub struct ObservabilityArgs {
    /// Also serve grpc.health.v1 alone, in plaintext and without tokens, on this address (for
    /// Kubernetes' gRPC probes when the main port uses TLS)
    #[arg(long, env = "CLAIMEX_HEALTH_LISTEN")]
    pub health_listen: Option<SocketAddr>,

    /// Serve Prometheus metrics on http://ADDR/metrics
    #[arg(long, env = "CLAIMEX_METRICS_LISTEN", value_name = "ADDR")]
    pub metrics_listen: Option<SocketAddr>,
}

/// TLS, client certificates, bearer tokens and reflection.
#[derive(Debug, Args)]
#[command(next_help_heading = "Security")]
pub struct SecurityArgs {
    /// Serve TLS with this certificate chain (PEM, leaf first); reloaded when it changes
    #[arg(long, env = "CLAIMEX_TLS_CERT", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,

    /// The private key of --tls-cert (PEM); reloaded when it changes
    #[arg(long, env = "CLAIMEX_TLS_KEY", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,

    /// Require client certificates signed by these CAs (PEM): mutual TLS; reloaded when it changes
    #[arg(long, env = "CLAIMEX_TLS_CLIENT_CA", requires = "tls_cert")]
    pub tls_client_ca: Option<PathBuf>,

    /// Require `authorization: Bearer <token>` on every call but health's, with a token listed
    /// in this file (one a line, `#` comments); reloaded when it changes
    #[arg(long, env = "CLAIMEX_AUTH_TOKEN_FILE")]
    pub auth_token_file: Option<PathBuf>,

    /// Seconds between checks of the TLS and token files for changes
    #[arg(long, env = "CLAIMEX_RELOAD_INTERVAL_SECS", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..))]
    pub reload_interval_secs: u64,

    /// Offer the reflection services (grpcurl list/describe); --reflection=false turns them off
    #[arg(long, env = "CLAIMEX_REFLECTION", default_value_t = true, action = clap::ArgAction::Set)]
    pub reflection: bool,
}

impl SecurityArgs {
    pub fn security(&self) -> server::Security {
        let tls = match (&self.tls_cert, &self.tls_key) {
            (Some(cert), Some(key)) => {
                Some(TlsFiles { cert: cert.clone(), key: key.clone(), client_ca: self.tls_client_ca.clone() })
            }
            // clap's `requires` makes the two go together.
            _ => None,
        };
        server::Security {
            tls,
            auth_token_file: self.auth_token_file.clone(),
            reload_interval: Duration::from_secs(self.reload_interval_secs),
        }
    }
}

impl ServeArgs {
    pub fn config(&self) -> server::Config {
        let defaults = service::Config::default();
        server::Config {
            service: service::Config {
                max_document_bytes: self.limits.max_document_bytes(),
                max_in_flight: self.max_in_flight as usize,
                batch_concurrency: self.batch_concurrency.map_or(defaults.batch_concurrency, |n| n as usize),
                stream_buffer: defaults.stream_buffer,
                max_stream_documents: self.max_stream_documents as usize,
                inline_max_bytes: self.inline_max_bytes,
            },
            max_calls: self.max_calls as usize,
            shutdown_grace: Duration::from_secs(self.shutdown_grace_secs),
            claim_log: self.claim_log.config(),
            reflection: self.security.reflection,
            security: self.security.security(),
        }
    }
}

#[derive(Debug, Args)]
pub struct LimitArgs {
    /// Longest document text accepted, in bytes (at most 4 GiB - 1, so that offsets fit uint32)
    #[arg(long, env = "CLAIMEX_MAX_DOCUMENT_BYTES", default_value_t = claimex_engine::DEFAULT_MAX_TEXT_BYTES as u32, value_parser = clap::value_parser!(u32).range(1..))]
    pub max_document_bytes: u32,
}

impl LimitArgs {
    pub fn max_document_bytes(&self) -> usize {
        self.max_document_bytes as usize
    }
}

#[derive(Debug, Args)]
pub struct IoArgs {
    /// JSONL file of documents; "-" reads stdin
    #[arg(long, env = "CLAIMEX_INPUT", default_value = "-")]
    pub input: PathBuf,

    /// JSONL file to write; "-" writes stdout
    #[arg(long, env = "CLAIMEX_OUTPUT", default_value = "-")]
    pub output: PathBuf,

    #[command(flatten)]
    pub limits: LimitArgs,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub io: IoArgs,

    /// Also output claims whose speaker was not found (speaker kind UNKNOWN)
    #[arg(long, env = "CLAIMEX_INCLUDE_UNATTRIBUTED")]
    pub include_unattributed: bool,

    /// Drop claims whose confidence is below this, from 0 to 1
    #[arg(long, env = "CLAIMEX_MIN_CONFIDENCE", default_value_t = 0.0)]
    pub min_confidence: f32,
}

/// Where extraction calls log their claims for Subscribe. Without --data-dir or --bus the server
/// keeps no claim log and refuses Subscribe with FAILED_PRECONDITION.
#[derive(Debug, Args)]
#[command(next_help_heading = "Claim log (Subscribe)")]
pub struct ClaimLogArgs {
    /// Directory of the embedded claim log (append-only, checksummed segment files in claims/)
    #[arg(long, env = "CLAIMEX_DATA_DIR", conflicts_with = "bus")]
    pub data_dir: Option<PathBuf>,

    /// NATS server whose JetStream stream all replicas share, e.g. nats://127.0.0.1:4222
    #[arg(long, env = "CLAIMEX_BUS")]
    pub bus: Option<String>,

    /// Name of the JetStream stream (subject `<name>.claims`)
    #[arg(long, env = "CLAIMEX_BUS_STREAM", default_value = "CLAIMEX_CLAIMS")]
    pub bus_stream: String,

    /// Seconds within which JetStream stores a re-published claim (same id) only once
    #[arg(long, env = "CLAIMEX_BUS_DUPLICATE_WINDOW_SECS", default_value_t = 120, value_parser = clap::value_parser!(u64).range(1..))]
    pub bus_duplicate_window_secs: u64,

    /// Keep logged claims this many seconds at least; older ones go, a segment at a time (0: no age limit)
    #[arg(long, env = "CLAIMEX_CLAIMS_MAX_AGE_SECS", default_value_t = 7 * 24 * 3600)]
    pub claims_max_age_secs: u64,

    /// Keep at most about this many bytes of logged claims; the oldest go first
    #[arg(long, env = "CLAIMEX_CLAIMS_MAX_BYTES", default_value_t = 1 << 30, value_parser = clap::value_parser!(u64).range(1..))]
    pub claims_max_bytes: u64,

    /// Size at which the embedded log starts a new segment file
    #[arg(long, env = "CLAIMEX_CLAIMS_SEGMENT_BYTES", default_value_t = 16 << 20, value_parser = clap::value_parser!(u64).range(1..))]
    pub claims_segment_bytes: u64,
}

impl ClaimLogArgs {
    pub fn config(&self) -> subscribe::Config {
        let target = match (&self.data_dir, &self.bus) {
            (Some(data_dir), _) => Some(Target::Embedded { data_dir: data_dir.clone() }),
            (None, Some(url)) => Some(Target::Bus { url: url.clone(), stream: self.bus_stream.clone() }),
            (None, None) => None,
        };
        subscribe::Config {
            target,
            retention: Retention {
                max_age: (self.claims_max_age_secs > 0).then(|| Duration::from_secs(self.claims_max_age_secs)),
                max_bytes: self.claims_max_bytes,
                segment_bytes: self.claims_segment_bytes,
            },
            duplicate_window: Duration::from_secs(self.bus_duplicate_window_secs),
        }
    }
}

#[derive(Debug, Args)]
pub struct SubscribeArgs {
    /// The claimex server's URL
    #[arg(long, env = "CLAIMEX_SERVER", default_value = "http://127.0.0.1:50051")]
    pub server: String,

    /// Start at the oldest claim the log retains [default: only new claims]
    #[arg(long, conflicts_with_all = ["from_sequence", "from_time"])]
    pub from_start: bool,

    /// Start at this sequence (to resume: the last sequence printed + 1)
    #[arg(long, conflicts_with = "from_time", value_parser = clap::value_parser!(u64).range(1..))]
    pub from_sequence: Option<u64>,

    /// Start at the first claim logged at or after this RFC 3339 time
    #[arg(long, value_parser = parse_rfc3339)]
    pub from_time: Option<pbjson_types::Timestamp>,

    /// Stop after this many events [default: follow until the server ends the stream]
    #[arg(long)]
    pub limit: Option<u64>,

    /// Only claims by this speaker (canonical name, case-insensitive); repeat for several
    #[arg(long = "speaker")]
    pub speakers: Vec<String>,

    /// Only claims of this kind; repeat for several
    #[arg(long = "kind", value_enum)]
    pub kinds: Vec<KindArg>,

    /// Only claims from this document id; repeat for several
    #[arg(long = "document-id")]
    pub document_ids: Vec<String>,

    /// Only claims from this outlet (case-insensitive); repeat for several
    #[arg(long = "outlet")]
    pub outlets: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    Direct,
    Indirect,
    Mixed,
    AccordingTo,
}

impl SubscribeArgs {
    pub fn request(&self) -> SubscribeRequest {
        let (start, start_sequence, start_time) = match (self.from_start, self.from_sequence, self.from_time) {
            (true, _, _) => (StartPosition::Oldest, 0, None),
            (false, Some(sequence), _) => (StartPosition::Sequence, sequence, None),
            (false, None, Some(time)) => (StartPosition::Time, 0, Some(time)),
            (false, None, None) => (StartPosition::Newest, 0, None),
        };
        let kinds = self
            .kinds
            .iter()
            .map(|kind| match kind {
                KindArg::Direct => ClaimKind::Direct,
                KindArg::Indirect => ClaimKind::Indirect,
                KindArg::Mixed => ClaimKind::Mixed,
                KindArg::AccordingTo => ClaimKind::AccordingTo,
            } as i32)
            .collect();
        SubscribeRequest {
            start: start as i32,
            start_sequence,
            start_time,
            speaker_names: self.speakers.clone(),
            kinds,
            document_ids: self.document_ids.clone(),
            outlets: self.outlets.clone(),
        }
    }
}

fn parse_rfc3339(value: &str) -> Result<pbjson_types::Timestamp, String> {
    let at = chrono::DateTime::parse_from_rfc3339(value).map_err(|err| format!("not an RFC 3339 time: {err}"))?;
    Ok(pbjson_types::Timestamp { seconds: at.timestamp(), nanos: at.timestamp_subsec_nanos() as i32 })
}

/// Sends logs to stderr in the chosen format, filtered by `filter`.
pub fn init_tracing(filter: &str, format: LogFormat) -> anyhow::Result<()> {
    let filter = EnvFilter::try_new(filter).with_context(|| format!("invalid log filter {filter:?}"))?;
    let ansi = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).with_ansi(ansi);
    let installed = match format {
        LogFormat::Human => builder.try_init(),
        LogFormat::Json => builder.json().try_init(),
    };
    installed.map_err(|err| anyhow::anyhow!("installing the log subscriber: {err}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn serve_defaults() {
        let cli = Cli::try_parse_from(["claimex", "serve"]).expect("parses");
        let Command::Serve(args) = cli.command else { panic!("not serve") };
        assert_eq!(args.listen, "127.0.0.1:50051".parse().expect("address"));
        assert_eq!(args.config().service.max_document_bytes, claimex_engine::DEFAULT_MAX_TEXT_BYTES);
        assert_eq!(args.config().max_calls, 256);
        assert_eq!(args.config().service.max_stream_documents, 10_000);
    }

    #[test]
    fn claim_log_flags() {
        let cli = Cli::try_parse_from(["claimex", "serve"]).expect("parses");
        let Command::Serve(args) = cli.command else { panic!("not serve") };
        assert_eq!(args.config().claim_log.target, None);
        let cli = Cli::try_parse_from(["claimex", "serve", "--data-dir", "/tmp/x", "--claims-max-age-secs", "0"]).expect("parses");
        let Command::Serve(args) = cli.command else { panic!("not serve") };
        let config = args.config().claim_log;
        assert_eq!(config.target, Some(Target::Embedded { data_dir: "/tmp/x".into() }));
        assert_eq!(config.retention.max_age, None);
        assert!(Cli::try_parse_from(["claimex", "serve", "--data-dir", "/tmp/x", "--bus", "nats://127.0.0.1:4222"]).is_err());
    }

    #[test]
    fn subscribe_builds_its_request() {
        let cli = Cli::try_parse_from(["claimex", "subscribe", "--from-sequence", "7", "--kind", "direct", "--speaker", "A B"])
            .expect("parses");
        let Command::Subscribe(args) = cli.command else { panic!("not subscribe") };
        let request = args.request();
        assert_eq!((request.start(), request.start_sequence), (StartPosition::Sequence, 7));
        assert_eq!(request.kinds, [ClaimKind::Direct as i32]);
        assert_eq!(request.speaker_names, ["A B"]);
        assert!(Cli::try_parse_from(["claimex", "subscribe", "--from-start", "--from-sequence", "3"]).is_err());
        assert!(Cli::try_parse_from(["claimex", "subscribe", "--from-sequence", "0"]).is_err());
        let cli = Cli::try_parse_from(["claimex", "subscribe", "--from-time", "2024-03-01T12:00:00Z"]).expect("parses");
        let Command::Subscribe(args) = cli.command else { panic!("not subscribe") };
        assert_eq!(args.request().start_time, Some(pbjson_types::Timestamp { seconds: 1_709_294_400, nanos: 0 }));
    }

    #[test]
    fn security_flags() {
        let cli = Cli::try_parse_from(["claimex", "serve"]).expect("parses");
        let Command::Serve(args) = cli.command else { panic!("not serve") };
        let config = args.config();
        assert!(config.reflection);
        assert_eq!(config.security, server::Security::default());

        let cli = Cli::try_parse_from([
            "claimex", "serve", "--tls-cert", "c.pem", "--tls-key", "k.pem", "--tls-client-ca", "ca.pem",
            "--auth-token-file", "tokens", "--reflection=false", "--reload-interval-secs", "3",
        ])
        .expect("parses");
        let Command::Serve(args) = cli.command else { panic!("not serve") };
        let config = args.config();
        assert!(!config.reflection);
        let tls = config.security.tls.expect("tls");
        assert_eq!(tls.client_ca, Some(PathBuf::from("ca.pem")));
        assert_eq!(config.security.auth_token_file, Some(PathBuf::from("tokens")));
        assert_eq!(config.security.reload_interval, Duration::from_secs(3));

        assert!(Cli::try_parse_from(["claimex", "serve", "--tls-cert", "c.pem"]).is_err(), "a cert needs its key");
        assert!(Cli::try_parse_from(["claimex", "serve", "--tls-client-ca", "ca.pem"]).is_err(), "mTLS needs TLS");
        assert!(Cli::try_parse_from(["claimex", "serve", "--reload-interval-secs", "0"]).is_err());
    }

    #[test]
    fn zero_limits_are_rejected() {
        assert!(Cli::try_parse_from(["claimex", "serve", "--max-in-flight", "0"]).is_err());
        assert!(Cli::try_parse_from(["claimex", "serve", "--max-calls", "0"]).is_err());
        assert!(Cli::try_parse_from(["claimex", "serve", "--max-stream-documents", "0"]).is_err());
        assert!(Cli::try_parse_from(["claimex", "extract", "--max-document-bytes", "0"]).is_err());
        assert!(Cli::try_parse_from(["claimex", "extract", "--max-document-bytes", "4294967296"]).is_err());
    }
}
