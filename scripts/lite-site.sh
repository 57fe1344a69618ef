#!/usr/bin/env bash
# Builds a JupyterLite site (ui-tests/lite-site/) with jupyterlab-mldebt as
# installed in the virtual environment, and examples/demo.ipynb as content:
# the browser test checks the extension there. Usage: scripts/lite-site.sh [VENV]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
venv=${1:-${MLDEBT_VENV:-$root/.venv}}
case "$venv" in /*) ;; *) venv=$root/$venv ;; esac
out=$root/ui-tests/lite-site
"$venv/bin/pip" install --quiet --disable-pip-version-check "jupyterlite-core>=0.8,<0.9"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/content"
cp "$root/examples/demo.ipynb" "$work/content/"
# The browser test drives the app through window.jupyterapp, as Galata does.
echo '{"jupyter-config-data": {"exposeAppInBrowser": true}}' >"$work/jupyter-lite.json"
rm -rf "$out"
# The site lists the environment's prebuilt extensions (this one included).
(cd "$work" && "$venv/bin/jupyter" lite build --contents content --output-dir "$out") >"$work/build.log" 2>&1 ||
  { cat "$work/build.log"; exit 1; }
grep -q '"name": "jupyterlab-mldebt"' "$out/jupyter-lite.json" ||
  { echo "lite-site: jupyterlab-mldebt is not in the site" >&2; exit 1; }
echo "lite-site: built $out"
