#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# undo.sh - what scenario tests cannot show of undo: when the system fails
# its replay (a page it cannot map, injected with ALLOCSH_FAULT), undo
# takes nothing back and says so.
set -u
. "${top_srcdir:=$(dirname "$0")/..}/tests/tap.sh"

cmds='use ealloc; alloc 256 x; alloc 256 y; free y; undo; list'
listed='NAME     PAGE OFFSET   SIZE
x           0      0    256'

# A session maps alloc's page and the heap as it starts: the 6th mmap()
# is the replay's first page; the 4th, its session's set-up.
out=$(ALLOCSH_FAULT=mmap:6 "$allocsh" -c "$cmds" 2> "$tmp/err")
[ $? -eq 1 ] && [ "$(printf '%s\n' "$out" | tail -n 2)" = "$listed" ] &&
  grep -q 'undo: the replay failed: .*cannot map a page: nothing undone$' "$tmp/err"
ok $? "a replay the system fails undoes nothing, and says why"

out=$(ALLOCSH_FAULT=mmap:4 "$allocsh" -c "$cmds" 2> "$tmp/err")
[ $? -eq 1 ] && [ "$(printf '%s\n' "$out" | tail -n 2)" = "$listed" ] &&
  grep -q 'undo: cannot set up a fresh session: nothing undone$' "$tmp/err"
ok $? "a fresh session that cannot be set up undoes nothing"

out=$(ALLOCSH_FAULT=mmap:7 "$allocsh" -c "$cmds" 2> /dev/null)
[ $? -eq 0 ] && [ "$(printf '%s\n' "$out" | tail -n 1)" = 'y           0    256    256' ]
ok $? "past the replay's pages, undo works as usual"

tap_done
