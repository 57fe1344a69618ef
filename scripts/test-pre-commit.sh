#!/usr/bin/env bash
# The shipped pre-commit hooks, run by real pre-commit against a scratch
# repository, from scratch (its own PRE_COMMIT_HOME): a notebook with debt
# fails the hook and names the rule, a clean notebook passes. `mldebt`
# (language: python) runs with no Node.js on PATH; `mldebt-node` with it.
# Usage: scripts/test-pre-commit.sh [PRE_COMMIT]   (default .venv/bin/pre-commit)
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
pre_commit=${1:-$root/.venv/bin/pre-commit}
# Relative to where it was called from: the test runs in a scratch folder.
case "$pre_commit" in /*) ;; *) pre_commit=$PWD/$pre_commit ;; esac
work=$(mktemp -d)
trap "[ -n \"${KEEP:-}\" ] || rm -rf \"$work\"" EXIT
export PRE_COMMIT_HOME=$work/pre-commit-home

repo=$work/consumer
mkdir -p "$repo"
cd "$repo"
git init -q .
cp "$root/examples/demo.ipynb" debt.ipynb
cat > clean.ipynb <<'NB'
{"cells": [{"cell_type": "code", "execution_count": null, "id": "c1", "metadata": {},
  "outputs": [], "source": ["import math\n", "print(math.pi)"]}],
 "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
 "nbformat": 4, "nbformat_minor": 5}
NB

nonode=$(bash "$root/scripts/no-node-path.sh" "$work/no-node")
if [ -z "$(git -C "$root" status --porcelain --untracked-files=no)" ]; then
  # As a user configures it: this repository at a commit.
  cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $root
    rev: $(git -C "$root" rev-parse HEAD)
    hooks:
      - id: mldebt
      - id: mldebt-node
YAML
  git add -A
  git -c user.name=ci -c user.email=ci@localhost commit -qm scratch
  hook() { local id=$1; shift; "$pre_commit" run "$id" "$@"; }
else
  # Uncommitted work: try-repo runs the hook from the working tree.
  git add -A
  git -c user.name=ci -c user.email=ci@localhost commit -qm scratch
  echo "(uncommitted changes in $root: using pre-commit try-repo)"
  hook() { local id=$1; shift; "$pre_commit" try-repo "$root" "$id" "$@"; }
fi

check_log=$work/out.txt
# shellcheck source=scripts/check-lib.sh
. "$root/scripts/check-lib.sh"

for id in mldebt mldebt-node; do
  if [ "$id" = mldebt ]; then
    run() { PATH="$nonode" "$@"; }
    env PATH="$nonode" sh -c 'command -v node' >/dev/null && found=yes || found=no
    check "$found" no "$id: no node on PATH"
  else
    run() { "$@"; }
  fi
  run hook "$id" --files debt.ipynb >"$work/out.txt" 2>&1
  check "$?" 1 "$id: a notebook with debt fails the hook"
  grep -q 'magic-number-comparison' "$work/out.txt"
  check "$?" 0 "$id: the hook's output names the rule"
  run hook "$id" --files clean.ipynb >"$work/out.txt" 2>&1
  check "$?" 0 "$id: a clean notebook passes the hook"
done

check_summary
