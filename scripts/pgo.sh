#!/usr/bin/env bash
# A profile-guided (PGO) release build of claimex: an instrumented build reads the training
# corpora (PolNeAR train, TempEval-3) through the CLI and through the gRPC server under the load
# generator; LLVM then lays the code out and inlines by what that run did. The documents the
# benchmarks measure (PolNeAR dev) are not in the training run.
#
#   scripts/pgo.sh [CORPUS_DIR]      # default: $CLAIMEX_CORPUS, else ../shared/corpus
#
# Writes the profile target/pgo-profile/claimex.profdata, the server and CLI
# target/pgo/release/claimex and the engine benchmark target/pgo/release/examples/throughput
# (about 10 minutes on 2 cores). Needs llvm-profdata of
# rustc's LLVM major: rustup's llvm-tools component, or Debian's llvm-<major> package.
#
# For the container image, build with the profile (same RUST_VERSION as rustc here):
#   docker build --build-context pgo=target/pgo-profile -t claimex:0.1.0 .
set -euo pipefail
cd "$(dirname "$0")/.."

corpus=${1:-${CLAIMEX_CORPUS:-../shared/corpus}}
train=$corpus/polnear-train/docs.jsonl
times=$corpus/tempeval3-aquaint/docs.jsonl
for file in "$train" "$times"; do
  if [[ ! -f $file ]]; then
    echo "pgo.sh: $file not found: pass the directory that holds polnear-train/ and tempeval3-aquaint/" >&2
    exit 2
  fi
done

# llvm-profdata must read what rustc's LLVM writes: the same major version.
major=$(rustc -vV | sed -n 's/^LLVM version: \([0-9]*\).*/\1/p')
host=$(rustc -vV | sed -n 's/^host: //p')
profdata=
for candidate in "$(rustc --print sysroot)/lib/rustlib/$host/bin/llvm-profdata" \
  "$(command -v "llvm-profdata-$major" || true)" "/usr/lib/llvm-$major/bin/llvm-profdata"; do
  if [[ -n $candidate && -x $candidate ]] && "$candidate" --version | grep -q "LLVM version $major\."; then
    profdata=$candidate
    break
  fi
done
if [[ -z $profdata ]]; then
  echo "pgo.sh: no llvm-profdata for LLVM $major (rustc's): rustup component add llvm-tools, or apt-get install llvm-$major" >&2
  exit 2
fi

gen=$PWD/target/pgo-gen
out=$PWD/target/pgo
profile=$PWD/target/pgo-profile/claimex.profdata
raw=$gen/profraw
flags=${RUSTFLAGS:-}

echo "==> 1/4 instrumented builds ($gen) and the load generator"
RUSTFLAGS="$flags -Cprofile-generate=$raw" cargo build --release --locked --target-dir "$gen" --bin claimex
# The engine benchmark is trained on its own run too: with the server's profile alone it gained
# nothing (0.97x), its build of the engine apparently named otherwise than the server's.
RUSTFLAGS="$flags -Cprofile-generate=$raw" cargo build --release --locked --target-dir "$gen" -p claimex-engine --example throughput
cargo build --release --locked --example loadgen
# The build scripts were instrumented too: only the training run's profiles count.
rm -rf "$raw"

echo "==> 2/4 training run"
claimex=$gen/release/claimex
loadgen=target/release/examples/loadgen
export LLVM_PROFILE_FILE=$raw/claimex-%p-%m.profraw
"$claimex" --log warn extract --input "$train" >/dev/null
"$claimex" --log warn times --input "$times" >/dev/null
# The spawned server is stopped with SIGTERM and writes its profile as it exits.
for mode in unary documents claims; do
  "$loadgen" --spawn --server-bin "$claimex" --corpus "$train" --mode "$mode" --requests 8000 --seconds 20 >/dev/null
done
"$gen/release/examples/throughput" --seconds 5 "$train" "$times" >/dev/null
unset LLVM_PROFILE_FILE
mkdir -p "$(dirname "$profile")"
"$profdata" merge -o "$profile" "$raw"/*.profraw

echo "==> 3/4 optimized build ($out)"
RUSTFLAGS="$flags -Cprofile-use=$profile" cargo build --release --locked --target-dir "$out" --bin claimex
echo "==> 4/4 the engine benchmark, optimized with the same profile"
RUSTFLAGS="$flags -Cprofile-use=$profile" cargo build --release --locked --target-dir "$out" -p claimex-engine --example throughput

echo "pgo.sh: $out/release/claimex and $out/release/examples/throughput (profile $profile)"
