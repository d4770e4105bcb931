//! claimex's gRPC adapter: the generated contract, conversions between it and the engine, the
//! error-to-status mapping, the `ClaimExtractor` service, the server and the CLI.
//!
//! Layers: [`claimex_engine`] (pure, synchronous) → [`service`] (validate, convert, run the
//! engine off the async workers, map errors) → `main` (wiring).

pub mod auth;
pub mod bus;
pub mod cli;
pub mod convert;
pub mod drain;
pub mod error;
pub mod jsonl;
pub mod limits;
pub mod log;
pub mod metrics;
pub mod proto;
pub mod reload;
pub mod server;
pub mod service;
pub mod subscribe;
pub mod tail;
pub mod tls;
pub mod wire;

pub use error::Error;
