//! `claimex`: wiring only. Parses the command line, sets up logging and runs the command.

use std::fs::File;
use std::io::{self, BufReader, Write as _};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Parser as _;
use claimex::cli::{Cli, Command, ExtractArgs, IoArgs, ServeArgs, SubscribeArgs};
use claimex::jsonl::{self, Output};
use tracing::{error, info};

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Err(err) = claimex::cli::init_tracing(&cli.log, cli.log_format) {
        eprintln!("claimex: {err:#}");
        return ExitCode::FAILURE;
    }
    let result = match cli.command {
        Command::Serve(args) => serve(&args),
        Command::Extract(args) => extract(&args),
        Command::Times(args) => batch(&args, Output::Times),
        Command::Subscribe(args) => subscribe(&args),
    };
    result.unwrap_or_else(|err| {
        error!(error = format!("{err:#}"), "claimex failed");
        ExitCode::FAILURE
    })
}

fn serve(args: &ServeArgs) -> anyhow::Result<ExitCode> {
    let runtime = tokio::runtime::Runtime::new().context("starting the async runtime")?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(args.listen)
            .await
            .with_context(|| format!("listening on {}", args.listen))?;
        let addr = listener.local_addr().context("reading the bound address")?;
        let health = bind_optional(args.observability.health_listen, "the health port").await?;
        let metrics = bind_optional(args.observability.metrics_listen, "the metrics port").await?;
        // The one line on stdout: how scripts and tests learn the port when --listen has port 0.
        let mut stdout = io::stdout().lock();
        writeln!(stdout, "{addr}").and_then(|()| stdout.flush()).context("writing the address to stdout")?;
        drop(stdout);
        if let Some(metrics) = metrics {
            // Serves until the process exits, through the shutdown grace period.
            tokio::spawn(claimex::metrics::serve(metrics, tokio_util::sync::CancellationToken::new()));
        }
        let listeners = claimex::server::Listeners { grpc: listener, health };
        claimex::server::serve_with(args.config(), listeners, shutdown_signal()).await
    })?;
    Ok(ExitCode::SUCCESS)
}

fn subscribe(args: &SubscribeArgs) -> anyhow::Result<ExitCode> {
    let runtime = tokio::runtime::Runtime::new().context("starting the async runtime")?;
    let written = runtime.block_on(claimex::tail::run(&args.server, args.request(), args.limit, io::stdout().lock()))?;
    info!(events = written, "done");
    Ok(ExitCode::SUCCESS)
}

async fn bind_optional(addr: Option<std::net::SocketAddr>, what: &str) -> anyhow::Result<Option<tokio::net::TcpListener>> {
    let Some(addr) = addr else { return Ok(None) };
    let listener = tokio::net::TcpListener::bind(addr).await.with_context(|| format!("listening for {what} on {addr}"))?;
    Ok(Some(listener))
}

fn extract(args: &ExtractArgs) -> anyhow::Result<ExitCode> {
    let options = claimex::convert::options(Some(&claimex::proto::ExtractOptions {
        include_unattributed: args.include_unattributed,
        min_confidence: args.min_confidence,
        ..Default::default()
    }))?;
    batch(&args.io, Output::Claims(options))
}

fn batch(args: &IoArgs, output: Output) -> anyhow::Result<ExitCode> {
    let engine = claimex_engine::Engine::new(claimex_engine::Config { max_text_bytes: args.limits.max_document_bytes() });
    let input: Box<dyn io::BufRead> = if is_stdio(&args.input) {
        Box::new(io::stdin().lock())
    } else {
        Box::new(BufReader::new(File::open(&args.input).with_context(|| format!("opening {}", args.input.display()))?))
    };
    let writer: Box<dyn io::Write> = if is_stdio(&args.output) {
        Box::new(io::stdout().lock())
    } else {
        Box::new(File::create(&args.output).with_context(|| format!("creating {}", args.output.display()))?)
    };
    let report = jsonl::run(&engine, output, input, writer)?;
    info!(documents = report.documents, written = report.written, failed_lines = report.failed_lines.len(), "done");
    if !report.failed_lines.is_empty() {
        error!(lines = ?report.failed_lines, "some lines could not be read");
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

fn is_stdio(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Completes on Ctrl-C (SIGINT) or SIGTERM.
async fn shutdown_signal() {
    let mut terminate = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
        Ok(terminate) => terminate,
        Err(err) => {
            error!(error = %err, "cannot listen for SIGTERM, stopping on Ctrl-C only");
            let _ = tokio::signal::ctrl_c().await;
            return;
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => info!(signal = "SIGINT", "received"),
        _ = terminate.recv() => info!(signal = "SIGTERM", "received"),
    }
}
