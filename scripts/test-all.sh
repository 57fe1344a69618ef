#!/usr/bin/env bash
# Sets everything up and runs every test: lint, jest (engine, rules, CLI,
# widgets), the Python package install check, the corpus regression run
# (skipped with a note where ../shared/corpus is absent, unless
# MLDEBT_REQUIRE_CORPUS=1), the Python package built from a clean clone and
# run without Node.js, the pre-commit hooks in a scratch repository and the
# browser tests in Debian's Chromium (JupyterLab, Notebook 7, JupyterLite).
# Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${MLDEBT_VENV:-.venv}
export CHROMIUM_PATH=${CHROMIUM_PATH:-/usr/bin/chromium}

step() { printf '\n==> %s\n' "$*"; }

if [ ! -x "$CHROMIUM_PATH" ]; then
  step "Chromium for the browser tests (Debian package)"
  if [ "$(id -u)" = "0" ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
fi

bash scripts/setup.sh

step "Lint (ESLint, Prettier, stylelint)"
npm run lint:check

step "Jest"
npm test -- --ci

step "Python package install check"
"$VENV/bin/python" -c "import jupyterlab_mldebt as m; assert m._jupyter_labextension_paths()[0]['dest'] == 'jupyterlab-mldebt'; print('jupyterlab_mldebt', m.__version__)"
# Strip colour codes: `labextension list` colours "enabled" and "OK".
listing=$("$VENV/bin/jupyter" labextension list 2>&1 | sed 's/\x1b\[[0-9;]*m//g')
echo "$listing" | grep -E 'jupyterlab-mldebt' || true
if ! echo "$listing" | grep -E 'jupyterlab-mldebt v[^ ]+ enabled.*OK' >/dev/null; then
  echo "jupyterlab-mldebt is not listed as enabled and OK" >&2
  exit 1
fi
echo "1 passed, 0 failed: labextension enabled and OK"

step "Corpus regression (../shared/corpus)"
node scripts/corpus-regression.mjs

step "Fix oracle on ../shared/corpus (every fix keeps its promise; Python's ast agrees)"
node scripts/fix-oracle.mjs

step "Python package: sdist and wheel from a clean clone, installed and run without Node.js"
bash scripts/test-wheel.sh python3

step "pre-commit hooks, run by pre-commit in a scratch repository"
"$VENV/bin/pip" install --quiet --disable-pip-version-check "pre-commit>=3"
bash scripts/test-pre-commit.sh "$VENV/bin/pre-commit"

step "Galata (Playwright) tests in Chromium"
(
  cd ui-tests
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
  # The browser benchmark (project "bench") is not a test: npm run bench:browser.
  PATH="$PWD/../$VENV/bin:$PATH" CI=1 npx playwright test \
    --project jupyterlab --project notebook7 --project jupyterlite
)
