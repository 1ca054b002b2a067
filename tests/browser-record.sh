#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# browser-record.sh - record's HTML page in a real headless browser: it
# loads with no other file, the keys move through the steps (sent by the
# page's #keys= fragment through its own key handler), and each step shows
# the blocks and free extents that `map json` gives at that point of the
# script.  Run by make check-browser, not make check.
set -u
. "${top_srcdir:=$(dirname "$0")/..}/tests/tap.sh"
. "$top_srcdir/tests/browser.sh"

browser_require

cd "$tmp" || exit 1
cat > lecture.txt <<'SCRIPT'
# Two blocks on alloc's page.
alloc 32
alloc 16 buf
# A hole at the start: on the free list.
free a
alloc 7
use ealloc
alloc 4096 big
alloc 512 small
SCRIPT
steps=7

"$allocsh" -c 'record lecture.html lecture.txt' > out 2>&1
[ "$(cat out)" = "recorded $steps steps in lecture.html (1 failed)" ]
ok $? "record says how many steps it wrote, and how many failed"

! grep -Eiq 'src=|href=|https?:|<link|@import|url\(' lecture.html
ok $? "the page names no other file and no address"

# What map json says after the first $1 steps: "kind page offset size name".
expected() {
  grep -v '^#' lecture.txt | head -n "$1" > part.txt
  echo 'map json' >> part.txt
  "$allocsh" part.txt 2>/dev/null | tail -n 1 | jq -r '.pages[] | .index as $p |
    (.blocks[] | "block \($p) \(.offset) \(.size) \(.name)"),
    (.free[] | "free \($p) \(.offset) \(.size) -")' | sort
}
# What the page shows: its list, and its bars, the same way.
rows() {
  grep -o '<tr class="extent[^>]*>' "$1" | sed -E 's/.*data-kind="([^"]*)" data-page="([^"]*)" data-offset="([^"]*)" data-size="([^"]*)" data-name="([^"]*)".*/\1 \2 \3 \4 \5/' | sort
}
bars() {
  grep -Eo '<div class="(c[0-5]|free)" data-kind[^>]*>' "$1" | sed -E 's/.*data-kind="([^"]*)" data-page="([^"]*)" data-offset="([^"]*)" data-size="([^"]*)" data-name="([^"]*)".*/\1 \2 \3 \4 \5/' | sort
}
# shows_step DOM N: the page is at step N and draws what map json says.
shows_step() {
  grep -q "<body data-step=\"$2\">" "$1" &&
    grep -q "<span id=\"counter\">step $2/$steps</span>" "$1" &&
    expected "$2" > want && rows "$1" > got && bars "$1" > gotbars &&
    [ -s want ] && cmp -s want got && cmp -s want gotbars
}

url=$(browser_url lecture.html)
browser_dom "$url" > start.html
shows_step start.html 0 && grep -q '(the start: no command has run)' start.html &&
  grep -q '<button id="prev" type="button" disabled="">' start.html
ok $? "the page opens at the start, with the empty page drawn and back disabled"

browser_dom "$url#keys=nnn" > three.html
shows_step three.html 3 && grep -q '<div id="cmd">alloc&gt; free a</div>' three.html &&
  grep -q '<div id="note">A hole at the start: on the free list.</div>' three.html
ok $? "three presses of the right arrow: step 3, its command, narration and layout"

browser_dom "$url#keys=$(printf '%s' '→→→→→→→→→→←' | jq -sRr @uri)" > six.html
shows_step six.html 6 && grep -q '<div id="cmd">ealloc&gt; alloc 4096 big</div>' six.html
ok $? "arrows past the end stop at the last step, and the left arrow goes back"
[ "$(grep -c 'class="page"' six.html)" -eq 1 ] && grep -q 'ealloc: 256-byte units' six.html
ok $? "after use ealloc the page draws ealloc's pages"

browser_dom "$url#step=4" > four.html
grep -q '<div id="err">lecture.txt:6: alloc: invalid size 7' four.html && shows_step four.html 4
ok $? "#step=4 opens at the failed step, with its message and the layout it left"

# The SVG half (map svg, another branch): browser_svg reads a picture and
# refuses one that is not well-formed.
printf '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect id="r" width="5" height="5"/></svg>\n' > good.svg
browser_svg good.svg | grep -q '<rect id="r"'
ok $? "browser_svg returns the DOM of an SVG file"
printf '<svg xmlns="http://www.w3.org/2000/svg"><rect></svg>\n' > bad.svg
! browser_svg bad.svg > /dev/null
ok $? "browser_svg fails on an SVG that does not parse"

tap_done
