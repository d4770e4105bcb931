//! The command line: `claimex serve`, `claimex extract`, `claimex times`. Every flag can also be
//! set by an environment variable `CLAIMEX_*`.

use std::io::IsTerminal as _;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context as _;
use clap::{Args, Parser, Subcommand, ValueEnum};
use tracing_subscriber::EnvFilter;

use crate::server;
use crate::service;

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

    /// Seconds that open calls may run once shutdown begins
    #[arg(long, env = "CLAIMEX_SHUTDOWN_GRACE_SECS", default_value_t = 10)]
    pub shutdown_grace_secs: u64,
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
            },
            max_calls: self.max_calls as usize,
            shutdown_grace: Duration::from_secs(self.shutdown_grace_secs),
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
    fn zero_limits_are_rejected() {
        assert!(Cli::try_parse_from(["claimex", "serve", "--max-in-flight", "0"]).is_err());
        assert!(Cli::try_parse_from(["claimex", "serve", "--max-calls", "0"]).is_err());
        assert!(Cli::try_parse_from(["claimex", "serve", "--max-stream-documents", "0"]).is_err());
        assert!(Cli::try_parse_from(["claimex", "extract", "--max-document-bytes", "0"]).is_err());
        assert!(Cli::try_parse_from(["claimex", "extract", "--max-document-bytes", "4294967296"]).is_err());
    }
}
