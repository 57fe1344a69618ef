#!/usr/bin/env bash
# Sets up a fresh machine for jupyterlab-mldebt: Node packages, a Python
# virtual environment (.venv) with JupyterLab 4, and this package installed
# from source with its prebuilt extension. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=${MLDEBT_VENV:-.venv}
PY=${PYTHON:-python3}

step() { printf '\n==> %s\n' "$*"; }

step "Node packages (npm ci)"
npm ci --no-audit --no-fund

if [ ! -x "$VENV/bin/python" ]; then
  step "Python virtual environment ($VENV)"
  "$PY" -m venv "$VENV"
fi
step "JupyterLab 4 and build tools"
"$VENV/bin/pip" install --quiet --disable-pip-version-check \
  "jupyterlab>=4.6,<5" "notebook>=7,<8" "hatchling>=1.5" "hatch-nodejs-version>=0.3.2" "hatch-jupyter-builder>=0.5"

step "Build the engine, the CLI and the labextension"
npm run build:prod

step "Install jupyterlab-mldebt from source"
# The labextension was just built, so the build hook skips rebuilding it.
"$VENV/bin/pip" install --quiet --disable-pip-version-check --no-build-isolation --force-reinstall --no-deps .
