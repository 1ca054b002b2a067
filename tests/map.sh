#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# map.sh - the layout test of issue 13 over random scenarios from `gen`:
# every extent of `map json` appears in the text map (one list line, in
# address order, holes numbered as free-list entries) and in `map svg`
# (one group each), no label shows twice, the SVG is well-formed XML, and
# the text fits the width it was given, down to 40 columns.
set -u
. "${top_srcdir:=$(dirname "$0")/..}/tests/tap.sh"
mapcheck=$builddir/tests/mapcheck
tap_diagnose() { sed 's/^/#   /' "$tmp/err" 2>/dev/null | head -10; }

# scenario N ALLOC SIZES: a random script from gen, then the three views
# of its layout into $tmp/json, $tmp/text and $tmp/map.svg.
scenario() {
  "$allocsh" -c "use $2; gen n=$1 seed=$seed size=$3 alloc=70" | grep -v "^using " > "$tmp/s.txt"
  # some allocations of a random script fail, and say so: not our concern
  { cat "$tmp/s.txt"; echo "map json"; } | "$allocsh" 2> /dev/null | tail -n 1 > "$tmp/json"
  { cat "$tmp/s.txt"; echo "map page 0-99"; } | "$allocsh" 2> /dev/null > "$tmp/text.all"
  sed -n '/^[a-z]*: [0-9]*-byte units/,$p' "$tmp/text.all" > "$tmp/text"
  rm -f "$tmp/map.svg"
  { cat "$tmp/s.txt"; echo "map svg $tmp/map.svg"; } | "$allocsh" > /dev/null 2>&1
  [ -s "$tmp/json" ] && [ -s "$tmp/text" ] && [ -s "$tmp/map.svg" ]
}

have_xmllint=no
command -v xmllint > /dev/null 2>&1 && have_xmllint=yes

bad=0
checked=0
for kind in alloc ealloc; do
  sizes=1-200
  [ "$kind" = ealloc ] && sizes=1-3000
  for seed in 1 2 3 4 5 6 7 8 9 10 11 12; do
    ops=$((seed * 15))
    if ! scenario "$ops" "$kind" "$sizes"; then
      echo "scenario $kind seed $seed did not run" > "$tmp/err"
      bad=1
      break 2
    fi
    if ! "$mapcheck" "$tmp/json" "$tmp/text" "$tmp/map.svg" 2> "$tmp/err"; then
      echo "in: $kind seed=$seed n=$ops" >> "$tmp/err"
      bad=1
      break 2
    fi
    if [ $have_xmllint = yes ] && ! xmllint --noout "$tmp/map.svg" 2> "$tmp/err"; then
      bad=1
      break 2
    fi
    checked=$((checked + 1))
  done
done
ok $bad "every extent in the text map and the SVG, labels unique ($checked random scenarios)"

if [ $have_xmllint = yes ]; then
  ok $bad "each SVG is well-formed XML (xmllint)"
else
  skip "each SVG is well-formed XML" "xmllint is not installed (scripts/bootstrap --dev)"
fi

# the checker itself must be able to fail: drop one extent from the SVG
grep -v 'data-offset="0"' "$tmp/map.svg" > "$tmp/cut.svg"
! "$mapcheck" "$tmp/json" "$tmp/text" "$tmp/cut.svg" 2> /dev/null
ok $? "mapcheck notices an extent missing from the SVG"
sed 's/^  block \([a-z]*\) /  block \1x /' "$tmp/text" > "$tmp/cut.txt"
! "$mapcheck" "$tmp/json" "$tmp/cut.txt" "$tmp/map.svg" 2> /dev/null
ok $? "mapcheck notices a block missing from the text list"

! grep -q 'href\|url(' "$tmp/map.svg"
ok $? "the SVG refers to nothing outside itself"

# widths: every line of the map fits, from 40 columns up
script='alloc 32; alloc 32; free a; alloc 3000 bigblock_with_a_long_name; alloc 8; map'
for w in 40 52 64 80 100 132; do
  ALLOCSH_COLUMNS=$w "$allocsh" -c "$script" > "$tmp/w" 2>&1
  long=$(sed -n '/^alloc: 8-byte/,$p' "$tmp/w" | awk -v w="$w" 'length($0) > w' | head -1)
  [ -z "$long" ] || echo "$w columns: $long" > "$tmp/err"
  [ -z "$long" ]
  ok $? "at $w columns no line of the map is wider"
done

ALLOCSH_COLUMNS=20 "$allocsh" -c "$script" > "$tmp/w" 2>&1
[ "$(grep -c '^ *[0-9]* |' "$tmp/w")" -eq 16 ]
ok $? "below 40 columns the map is drawn for 40, not 80"

ALLOCSH_COLUMNS=40 "$allocsh" -c 'help expect' > "$tmp/w" 2>&1
! awk 'length($0) > 40' "$tmp/w" | grep -q . && ! grep -q '[a-z]-$' "$tmp/w"
ok $? "help expect wraps at word boundaries to 40 columns"

"$allocsh" -c 'alloc 64 buf; map svg '"$tmp"'/one.svg' > "$tmp/w" 2>&1
grep -q 'data-name="buf"' "$tmp/one.svg" && grep -q "wrote the map to $tmp/one.svg" "$tmp/w"
ok $? "map svg FILE writes the picture and says where"

tap_done
