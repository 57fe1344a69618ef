#!/usr/bin/env bash
# Prints a PATH on which every command of the current PATH is found except
# Node.js (node, npm, npx, corepack): for tests that must pass on a machine
# without Node. The links live in a fresh temporary folder ($1, or mktemp).
set -euo pipefail
dir=${1:-$(mktemp -d)}
mkdir -p "$dir"
IFS=: read -r -a parts <<<"$PATH"
for p in "${parts[@]}"; do
  [ -d "$p" ] || continue
  for f in "$p"/*; do
    name=$(basename "$f")
    case "$name" in
      node | nodejs | npm | npx | corepack) continue ;;
    esac
    [ -e "$dir/$name" ] || ln -s "$f" "$dir/$name" 2>/dev/null || true
  done
done
echo "$dir"
