#!/usr/bin/env bash
# Reproduces the quality figures in the README: runs the release binary over the annotated
# corpora and scores its output with the shared scorers.
#
#   scripts/eval.sh                 # every corpus found under $CORPUS (default ../shared/corpus)
#   scripts/eval.sh seeds polnear-dev
#   scripts/eval.sh --errors 20 polnear-dev   # also print missed and spurious examples
#
# Claim corpora (gold with who/what) are scored with score.py; tempeval3-aquaint with
# score_times.py. Outputs are left in ${OUT:-target/eval}/<corpus>.jsonl for inspection.
set -euo pipefail
cd "$(dirname "$0")/.."

corpus_root=${CORPUS:-../shared/corpus}
tools=${TOOLS:-$(dirname "$corpus_root")/tools}
out=${OUT:-target/eval}
extra=()
if [[ "${1:-}" == "--errors" ]]; then
  extra=(--errors "$2")
  shift 2
fi
corpora=("$@")
if [[ ${#corpora[@]} -eq 0 ]]; then
  corpora=(seeds polnear-dev tempeval3-aquaint)
fi

cargo build --release --quiet
bin=${CARGO_TARGET_DIR:-target}/release/claimex
mkdir -p "$out"
for c in "${corpora[@]}"; do
  docs=$corpus_root/$c/docs.jsonl
  gold=$corpus_root/$c/gold.jsonl
  if [[ ! -f $docs || ! -f $gold ]]; then
    echo "eval: no corpus at $corpus_root/$c (docs.jsonl and gold.jsonl)" >&2
    exit 2
  fi
  echo "== $c"
  if [[ $c == tempeval* ]]; then
    "$bin" times --input "$docs" --output "$out/$c.jsonl"
    python3 "$tools/score_times.py" --docs "$docs" --gold "$gold" --pred "$out/$c.jsonl" "${extra[@]}"
  else
    "$bin" extract --input "$docs" --output "$out/$c.jsonl"
    python3 "$tools/score.py" --docs "$docs" --gold "$gold" --pred "$out/$c.jsonl" "${extra[@]}"
  fi
done
