//! Compiles the claimex.v1 contract with protox (no system protoc): the file descriptor set for
//! reflection, the tonic client and server, and pbjson's proto3 JSON serde impls.

use std::path::PathBuf;

const PROTO: &str = "proto/claimex/v1/claimex.proto";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo:rerun-if-changed=proto");
    let out_dir = PathBuf::from(std::env::var("OUT_DIR")?);
    let fds = protox::compile([PROTO], ["proto"])?;
    let fds_bytes = prost::Message::encode_to_vec(&fds);
    std::fs::write(out_dir.join("claimex_descriptor.bin"), &fds_bytes)?;
    tonic_prost_build::configure()
        .compile_well_known_types(true)
        .extern_path(".google.protobuf", "::pbjson_types")
        .compile_fds(fds)?;
    pbjson_build::Builder::new()
        .register_descriptors(&fds_bytes)?
        .extern_path(".google.protobuf", "::pbjson_types")
        .build(&[".claimex"])?;
    Ok(())
}
