#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# record.sh - record's page without a browser (make check-browser opens it
# in one): one file that names no other, holding each step's layout as
# `map json` prints it, written without touching the session that ran it.
set -u
. "${top_srcdir:=$(dirname "$0")/..}/tests/tap.sh"
cd "$tmp" || exit 1

cat > s.txt <<'SCRIPT'
# Narration </script> that must not end the page's data.
alloc 32
alloc 16 buf
free a
use ealloc
alloc 512 big
SCRIPT

"$allocsh" -c 'alloc 8 mine; record page.html s.txt; list' > out 2> err
printf '%s\n' 'mine: 8 bytes at page 0, offset 0' 'recorded 5 steps in page.html' \
  'NAME     PAGE OFFSET   SIZE' 'mine        0      0      8' > want
cmp -s want out && [ ! -s err ]
ok $? "record says what it wrote, and leaves the session's own blocks alone"

! grep -Eiq 'src=|href=|https?:|<link|@import|url\(' page.html
ok $? "the page names no other file and no address"

[ "$(grep -c '</script>' page.html)" -eq 2 ]
ok $? "a '</script>' in the script cannot end the page's data early"

# The data is one line; its last step's map is the last "map" in it.
data=$(sed -n 's/.*<script type="application\/json" id="steps">\(.*\)<\/script>$/\1/p' page.html)
last=$(printf '%s\n' "$data" | sed 's/.*"map":\({.*}\)}]}$/\1/')
grep -v '^#' s.txt > all.txt
echo 'map json' >> all.txt
[ -n "$last" ] && [ "$last" = "$("$allocsh" all.txt | tail -n 1)" ]
ok $? "the last step's layout is what map json prints there"

"$allocsh" --json -c 'record page2.html s.txt' > json
"$jsoncheck" < json && grep -q '"file":"page2.html","steps":5,"failed":0' json
ok $? "--json says the file, the steps and the failures"

"$allocsh" -c 'record page3.html s.txt' < /dev/null > /dev/null 2>&1 && cmp -s page.html page3.html
ok $? "the same script makes the same page, byte for byte"

printf 'alloc 16\nexplain alloc 8\n' > e.txt
"$allocsh" -c 'record e.html e.txt' > /dev/null &&
  grep -q '"cmd":"explain alloc 8","prompt":"alloc> ","out":"first fit for 8 bytes:' e.html
ok $? "an explained step keeps its explanation, as a terminal shows it"

# Lines a batch run refuses fail the same way in a recording: a NUL
# byte fails its line (its prefix, alloc 16, never runs), and the third
# line in a row that is no command ends the script there.
printf 'alloc 8 a\nalloc 16\000 b\nalloc 24 c\n' > nul.txt
"$allocsh" nul.txt > batch.out 2> batch.err
"$allocsh" -c 'record nul.html nul.txt' > out 2> err
grep -q 'recorded 3 steps in nul.html (1 failed)' out &&
  grep -q '"error":"nul.txt:2: line holds a NUL byte","ok":false' nul.html &&
  grep -q '"out":"c: 24 bytes at page 0, offset 8' nul.html &&
  grep -q 'nul.txt:2: line holds a NUL byte' batch.err
ok $? "a line holding a NUL byte fails, as in a batch run, and its prefix does not run"

# A file that is no script gets no page: with the page and the script
# swapped, record would write over the script.
printf 'alloc 8 a\n\001zz\n\177ELF\n\377\376\nfree a\n' > bin.txt
"$allocsh" -c 'record bin.html bin.txt' > out 2> err
[ $? -eq 1 ] && [ ! -e bin.html ] && [ ! -s out ] &&
  grep -q "record: 'bin.txt' is not a script (line 4 is the third in a row that is no command): no page written" err
ok $? "a file that is no script: no page, and the line where a batch run stops"

cp s.txt keep.txt
"$allocsh" -c 'record keep.txt page.html' > out 2> err
[ $? -eq 1 ] && cmp -s s.txt keep.txt && grep -q "'page.html' is not a script" err
ok $? "the page and the script swapped: the script is not written over"
"$allocsh" -c 'record keep.txt keep.txt' > out 2> err
[ $? -eq 1 ] && cmp -s s.txt keep.txt &&
  grep -q "record: 'keep.txt' is the script itself: the page would be written over it" err
ok $? "a page named as its own script is refused"
ln keep.txt hard.txt 2> /dev/null || cp keep.txt hard.txt
if [ keep.txt -ef hard.txt ]; then
  "$allocsh" -c 'record hard.txt keep.txt' > out 2> err
  [ $? -eq 1 ] && cmp -s s.txt keep.txt && grep -q "is the script itself" err
  ok $? "so is one that is the script under another name"
else
  skip "so is one that is the script under another name" "no hard links here"
fi

# A FIFO has no identity in the copy, but its path names the page too:
# writing the page into it would wait forever.
if mkfifo ff 2> /dev/null; then
  (printf 'alloc 8\n' > ff &)
  "$allocsh" -c 'record ff ff' > out 2> err
  [ $? -eq 1 ] && grep -q "record: 'ff' is the script itself" err
  ok $? "a page named as its own FIFO script is refused, not waited on"
  rm -f ff
else
  skip "a page named as its own FIFO script is refused, not waited on" "no FIFOs here"
fi

# The steps counted are those that ran: quit ends the page.
printf 'alloc 8\nalloc 16\nquit\nalloc 32\n' > q.txt
"$allocsh" -c 'record q.html q.txt' > out 2> err
grep -qx 'recorded 3 steps in q.html' out && ! grep -q '"cmd":"alloc 32"' q.html
ok $? "a quit among the steps ends the page, and the count says so"

tap_done
