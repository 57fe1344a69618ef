# Sourced by the shell test scripts: `check ACTUAL EXPECTED DESCRIPTION`
# counts a result, prints `ok:` or `FAILED:` (with the tail of $check_log
# when it fails), and `check_summary` prints the closing `N passed, N failed`
# line and returns non-zero on any failure.
passed=0
failed=0
check_log=${check_log:-}

check() {
  if [ "$1" = "$2" ]; then
    passed=$((passed + 1))
    echo "ok: $3"
  else
    failed=$((failed + 1))
    echo "FAILED: $3 (got $1, expected $2)"
    if [ -n "$check_log" ] && [ -f "$check_log" ]; then
      tail -20 "$check_log" | sed 's/^/    /'
    fi
  fi
}

check_summary() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
