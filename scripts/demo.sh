#!/usr/bin/env bash
# The main job: set everything up, then open JupyterLab with the extension on
# the demo notebook (examples/demo.ipynb), which has debt in it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
VENV=${MLDEBT_VENV:-.venv}
ROOT_FLAG=()
if [ "$(id -u)" = "0" ]; then ROOT_FLAG=(--allow-root); fi
echo
echo "==> Starting JupyterLab on examples/demo.ipynb (Ctrl+C to stop)"
exec "$VENV/bin/jupyter" lab "${ROOT_FLAG[@]}" --ServerApp.root_dir="$PWD" examples/demo.ipynb "$@"
