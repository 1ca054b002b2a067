# tap.sh - TAP for the shell tests, sourced by each of them:
#   ok STATUS TEXT     a test point: passes when STATUS is 0; on failure
#                      calls the test's own tap_diagnose, when it has one
#   point OK|FAIL TEXT the same, by word
#   skip TEXT REASON   a point that could not be tried here
#   diag FILE          a file's lines as TAP comments
#   tap_done           the plan line; its status says whether all passed
n=0
failed=0

ok() {
  n=$((n + 1))
  if [ "$1" -eq 0 ]; then
    echo "ok $n - $2"
    return 0
  fi
  echo "not ok $n - $2"
  failed=$((failed + 1))
  if command -v tap_diagnose > /dev/null 2>&1; then tap_diagnose; fi
  return 1
}

point() {
  if [ "$1" = OK ]; then ok 0 "$2"; else ok 1 "$2"; fi
}

skip() {
  n=$((n + 1))
  echo "ok $n - $1 # SKIP $2"
}

diag() {
  sed 's/^/#   /' "$1"
}

tap_done() {
  echo "1..$n"
  [ "$failed" -eq 0 ]
}
