//! claimex's gRPC adapter: the generated contract, conversions between it and the engine, the
//! error-to-status mapping, the `ClaimExtractor` service, the server and the CLI.
//!
//! Layers: [`claimex_engine`] (pure, synchronous) → [`service`] (validate, convert, run the
//! engine off the async workers, map errors) → `main` (wiring).

pub mod cli;
pub mod convert;
pub mod error;
pub mod jsonl;
pub mod limits;
pub mod proto;
pub mod server;
pub mod service;

pub use error::Error;
