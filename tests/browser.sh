# SPDX-License-Identifier: GPL-3.0-or-later
# browser.sh - a real headless browser for the tests of what allocsh draws
# for browsers (record's HTML page, map svg's picture).  Sourced after
# tap.sh:
#
#   browser_find          true when a browser is there (sets $browser);
#                         Debian's chromium, from scripts/bootstrap --dev
#   browser_require       skips the whole test without a browser or jq
#                         (which reads map json), and shows the browser's
#                         log under a failed check
#   browser_url FILE      a file:// URL of FILE
#   browser_dom URL       the DOM after the page's scripts have run, on
#                         standard output (URL may end in a #fragment)
#   browser_svg FILE      the DOM of an SVG file as the browser parsed it;
#                         false when it could not (an XML error page)
#
# The browser gets a profile of its own in $tmp, no network of its own
# (no background fetches, updates or sync), and a minute at most.

browser_find() {
  browser=${BROWSER:-}
  [ -n "$browser" ] || browser=$(command -v chromium || command -v chromium-browser) ||
    return 1
  [ -x "$browser" ]
}

browser_url() {
  case $1 in
  /*) printf 'file://%s\n' "$1" ;;
  *) printf 'file://%s/%s\n' "$(pwd)" "$1" ;;
  esac
}

browser_dom() {
  profile=$(mktemp -d "$tmp/browser.XXXXXX") || return 1
  timeout 60 "$browser" --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --dump-dom "$1" 2>> "$tmp/browser.log"
  rc=$?
  rm -rf "$profile"
  return $rc
}

browser_svg() {
  dom=$(browser_dom "$(browser_url "$1")") || return 1
  case $dom in
  *parsererror* | *"This page contains the following errors"*) return 1 ;;
  *"<svg"*) printf '%s\n' "$dom" ;;
  *) return 1 ;;
  esac
}

browser_require() {
  if ! browser_find; then
    echo "1..0 # SKIP no chromium (scripts/bootstrap --dev installs it)"
    exit 0
  fi
  if ! command -v jq >/dev/null 2>&1; then
    echo "1..0 # SKIP no jq to read map json (scripts/bootstrap --dev installs it)"
    exit 0
  fi
  tap_diagnose() { sed 's/^/#   /' "$tmp/browser.log" 2>/dev/null | tail -5; }
}
