#!/usr/bin/env bash
# The one test command: the Rust tests, then the Python grpcio client tests against the built
# binary. Sets up .venv with the pinned Python packages the first time (and whenever
# tests/python/requirements.txt changes); later runs reuse it.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=.venv
requirements=tests/python/requirements.txt
stamp="$venv/.requirements.sha256"
wanted="$(sha256sum "$requirements" | cut -d' ' -f1)"
if [[ ! -x "$venv/bin/python" || "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]]; then
  echo "==> setting up $venv ($requirements)"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements"
  echo "$wanted" >"$stamp"
fi

echo "==> cargo test --workspace"
cargo test --workspace

# cargo test built the binary for tests/cli.rs; the Python tests start that same binary.
echo "==> pytest tests/python"
CLAIMEX_BIN="${CARGO_TARGET_DIR:-target}/debug/claimex" "$venv/bin/python" -m pytest -q tests/python
