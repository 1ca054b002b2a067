# SPDX-License-Identifier: GPL-3.0-or-later
# tap.sh - what every shell test shares: the setup, and TAP.
#
# Sourced first, by a line that also gives top_srcdir its default, so that
# a test runs by hand from the build directory as well as under make check:
#   . "${top_srcdir:=$(dirname "$0")/..}/tests/tap.sh"
#
# Setup:
#   top_builddir       as Automake's harness sets it (default .)
#   builddir           the same as an absolute path
#   allocsh, jsoncheck the programs under test, in the build tree
#   tmp                a fresh scratch directory, removed at exit, after
#                      the test's own tap_at_exit when it has one; HUP,
#                      INT and TERM exit through the same cleanup
#
# TAP:
#   ok STATUS TEXT     a test point: passes when STATUS is 0; on failure
#                      calls the test's own tap_diagnose, when it has one
#   point OK|FAIL TEXT the same, by word
#   skip TEXT REASON   a point that could not be tried here
#   diag FILE          a file's lines as TAP comments
#   tap_done           the plan line; its status says whether all passed
n=0
failed=0

: "${top_builddir:=.}"
builddir=$(cd "$top_builddir" && pwd) || {
  echo "Bail out! no build directory '$top_builddir'"
  exit 1
}
allocsh=$builddir/src/allocsh
jsoncheck=$builddir/tests/jsoncheck

tmp=$(mktemp -d "${TMPDIR:-/tmp}/allocsh-test.XXXXXX") || {
  echo "Bail out! cannot create a temporary directory"
  exit 1
}
tap_cleanup() {
  if command -v tap_at_exit > /dev/null 2>&1; then tap_at_exit; fi
  rm -rf "$tmp"
}
trap tap_cleanup EXIT
trap 'exit 1' HUP INT TERM

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
