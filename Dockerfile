# syntax=docker/dockerfile:1
# claimex: release build on Debian bookworm, run on distroless cc (glibc, libgcc, CA
# certificates; no shell, no package manager) as the distroless non-root user 65532.
#
#   docker build -t claimex:0.1.0 .
#   docker run --rm -p 50051:50051 -p 9090:9090 claimex:0.1.0

ARG RUST_VERSION=1.95

# A profile for a profile-guided build, made by scripts/pgo.sh with the same Rust version:
#   docker build --build-context pgo=target/pgo-profile -t claimex:0.1.0 .
# Without that context this stage is empty and the build is a plain release build.
FROM scratch AS pgo

FROM docker.io/library/rust:${RUST_VERSION}-slim-bookworm AS build
WORKDIR /src
# The registry and target caches persist across builds (BuildKit), so a code change rebuilds
# only claimex. protox compiles the .proto files in Rust: no protoc needed.
COPY Cargo.toml Cargo.lock build.rs ./
COPY proto ./proto
COPY crates ./crates
COPY src ./src
RUN --mount=type=cache,target=/usr/local/cargo/registry,sharing=locked \
    --mount=type=cache,target=/src/target,sharing=locked \
    --mount=type=bind,from=pgo,target=/pgo \
    if [ -f /pgo/claimex.profdata ]; then export RUSTFLAGS="-Cprofile-use=/pgo/claimex.profdata"; fi \
    # Symbol names stay (function names in panic backtraces); line tables go: 10 MB, not 51.
    && CARGO_PROFILE_RELEASE_STRIP=debuginfo cargo build --release --locked --bin claimex \
    && install -D -m 0755 target/release/claimex /out/claimex

FROM gcr.io/distroless/cc-debian12:nonroot
COPY --from=build /out/claimex /usr/local/bin/claimex
USER 65532:65532
# gRPC (TLS when configured), plaintext health for probes, Prometheus metrics.
EXPOSE 50051 50052 9090
ENV CLAIMEX_LISTEN=0.0.0.0:50051 \
    CLAIMEX_HEALTH_LISTEN=0.0.0.0:50052 \
    CLAIMEX_METRICS_LISTEN=0.0.0.0:9090 \
    CLAIMEX_LOG_FORMAT=json
ENTRYPOINT ["/usr/local/bin/claimex"]
CMD ["serve"]
