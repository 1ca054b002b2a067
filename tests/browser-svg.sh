#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# browser-svg.sh - map svg's picture in a real headless browser: it parses
# as SVG, and the extents the browser holds (each a <g> with data-page,
# data-offset, data-size and, for a block, data-name) are exactly the
# blocks and free extents of `map json` at the same point, for random
# scripts on every kind of allocator.  Run by make check-browser.
set -u
. "${top_srcdir:=$(dirname "$0")/..}/tests/tap.sh"
. "$top_srcdir/tests/browser.sh"

browser_require
cd "$tmp" || exit 1

# The extents of map json, one "page offset size name" line each ("-" for
# a free extent), sorted.
from_json() {
  jq -r '.pages[] | .index as $p |
         (.blocks[] | "\($p) \(.offset) \(.size) \(.name)"),
         (.free[] | "\($p) \(.offset) \(.size) -")' "$1" | sort
}

# The same, from the DOM the browser built out of the SVG.
from_dom() {
  grep -o '<g [^>]*data-page="[0-9]*"[^>]*>' "$1" |
    sed -E 's/.*data-page="([0-9]+)" data-offset="([0-9]+)" data-size="([0-9]+)"( data-name="([^"]*)")?.*/\1 \2 \3 \5/' |
    awk '{ print $1, $2, $3, (NF == 4 ? $4 : "-") }' | sort
}

for case in "alloc n=30 seed=1" "alloc n=60 seed=7 size=8-512" \
            "ealloc n=40 seed=3" "heap n=30 seed=5"; do
  set -- $case
  kind=$1
  shift
  setup="use $kind"
  [ "$kind" = heap ] && setup="use heap; set heap-size 400; set header 4"
  "$allocsh" -c "$setup; gen $*" > gen.txt 2>/dev/null
  "$allocsh" -c "source gen.txt; map json" 2>/dev/null | tail -n 1 > map.json
  "$allocsh" -c "source gen.txt; map svg map.svg" > /dev/null 2>&1
  if browser_svg map.svg > dom.txt; then
    from_json map.json > want
    from_dom dom.txt > got
    [ -s want ] && cmp -s want got
    ok $? "$kind, gen $*: the browser shows every extent of map json" ||
      diff want got | head -5 | sed 's/^/#   /'
  else
    ok 1 "$kind, gen $*: the browser parses the SVG"
  fi
done

# The check can fail: an extent taken out of the SVG is noticed.
sed '0,/data-page="0"/s/data-page="0"/data-page="9"/' map.svg > broken.svg
browser_svg broken.svg > dom.txt && from_dom dom.txt > got
! cmp -s want got
ok $? "a picture that moved an extent to another page does not pass"

tap_done
