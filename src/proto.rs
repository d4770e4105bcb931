//! The code generated from `proto/claimex/v1/claimex.proto`: messages, the client, the server
//! trait, and pbjson's proto3 JSON serde impls.

#![allow(clippy::all, missing_docs)]

pub mod claimex {
    pub mod v1 {
        tonic::include_proto!("claimex.v1");
        include!(concat!(env!("OUT_DIR"), "/claimex.v1.serde.rs"));
    }
}

pub use claimex::v1::*;

/// The encoded file descriptor set of the contract, served by gRPC reflection.
pub const FILE_DESCRIPTOR_SET: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/claimex_descriptor.bin"));
