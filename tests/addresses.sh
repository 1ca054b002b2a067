#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# addresses.sh - real addresses, on request only: -A and `set addresses on`
# add them beside page and offset, in text and in JSON, and they agree with
# each other; without them no address appears (the output stays the same
# from run to run).  Kept out of the scenario data because addresses move.
set -u
. "${top_srcdir:=$(dirname "$0")/..}/tests/tap.sh"
tap_diagnose() { sed 's/^/#   /' "$tmp/out" 2>/dev/null | head -10; }

hex='0x[0-9a-f][0-9a-f]*'

"$allocsh" -c 'alloc 64; alloc 32; map' > "$tmp/out" 2>&1
! grep -q "$hex" "$tmp/out"
ok $? "without -A no address is printed"

"$allocsh" -A -c 'alloc 64; alloc 32' > "$tmp/out" 2>&1
[ "$(grep -c "^[ab]: .* bytes at page 0, offset [0-9]* ($hex)$" "$tmp/out")" -eq 2 ]
ok $? "-A shows each block's address after its page and offset"

a=$(sed -n "s/^a: .*(\($hex\))$/\1/p" "$tmp/out")
b=$(sed -n "s/^b: .*(\($hex\))$/\1/p" "$tmp/out")
[ -n "$a" ] && [ $((b - a)) -eq 64 ]
ok $? "b's address is a's plus its 64 bytes, as their offsets say"

"$allocsh" -c 'alloc 64; set addresses on; map; set addresses off; map' > "$tmp/out" 2>&1
[ "$(grep -c "^page 0: .* (at $hex)$" "$tmp/out")" -eq 1 ]
ok $? "set addresses on shows the page's base in map, and off hides it again"

"$allocsh" -A -j -c 'alloc 64; map json' > "$tmp/out" 2>&1
grep -q "^{\"cmd\":\"alloc\",.*\"address\":\"$hex\"" "$tmp/out" &&
  grep -q "\"pages\":\[{\"index\":0,\"address\":\"$hex\"" "$tmp/out"
ok $? "-A adds \"address\" to alloc's JSON and to the layout's pages"

"$jsoncheck" < "$tmp/out"
ok $? "the JSON with addresses is still valid JSON Lines"

tap_done
