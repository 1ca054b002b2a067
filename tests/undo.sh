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

# --- what a source read ------------------------------------------------
# undo replays the journal in a fresh session, and a source in it runs
# the lines the source read the first time, not the file as it is now:
# the file may have changed, and a FIFO reads only once (undo hung on it).
# A session here reads its commands from a FIFO, so that the test acts
# between them; an invalid size on stderr says that the lines before it ran.
start_session() {
  rm -f "$tmp/in"
  mkfifo "$tmp/in"
  "$allocsh" < "$tmp/in" > "$tmp/out" 2> "$tmp/err" &
  pid=$!
  exec 3> "$tmp/in"
}
# wait_for PATTERN FILE: until FILE holds PATTERN, at most 20 s.
wait_for() {
  i=0
  while ! grep -q "$1" "$2" 2> /dev/null && [ $i -lt 2000 ]; do sleep 0.01; i=$((i + 1)); done
}
# end_session: closes the commands and waits for allocsh, at most 20 s.
end_session() {
  exec 3>&-
  i=0
  while kill -0 $pid 2> /dev/null && [ $i -lt 2000 ]; do sleep 0.01; i=$((i + 1)); done
  kill -KILL $pid 2> /dev/null
  wait $pid
  rc=$?
}

printf 'alloc 64 s1\nalloc 64 s2\n' > "$tmp/outer.txt"
printf 'source %s\nalloc 32 s3\n' "$tmp/outer.txt" > "$tmp/nest.txt"
start_session
printf 'source %s\nalloc 8 z\nalloc 3\n' "$tmp/nest.txt" >&3
wait_for 'invalid size 3' "$tmp/err"
printf 'alloc 128 other\n' > "$tmp/outer.txt"
printf 'alloc 128 other2\n' > "$tmp/nest.txt"
printf 'undo\nlist\n' >&3
end_session
[ $rc -eq 1 ] && [ "$(tail -n 4 "$tmp/out")" = "NAME     PAGE OFFSET   SIZE
s1          0      0     64
s2          0     64     64
s3          0    128     32" ]
ok $? "undo after a source replays what it read, nested files too, not the changed files"

rm -f "$tmp/lines"
mkfifo "$tmp/lines"
start_session
printf 'source %s\n' "$tmp/lines" >&3
printf 'alloc 64 f1\nalloc 64 f2\n' > "$tmp/lines"
printf 'alloc 8 z\nundo\nlist\n' >&3
end_session
[ $rc -eq 0 ] && [ "$(tail -n 3 "$tmp/out")" = "NAME     PAGE OFFSET   SIZE
f1          0      0     64
f2          0     64     64" ]
ok $? "undo after a source of a FIFO replays its lines, without opening it again (exit $rc)"

# A source keeps its lines while the sources it runs keep theirs: past the
# eighth read (the list of reads grows) the outer source's lines went to
# freed memory, and undo lost its 'alloc 16 b'.
printf 'alloc 24 x\n' > "$tmp/inner.txt"
printf 'alloc 8 a\nsource %s\nalloc 16 b\n' "$tmp/inner.txt" > "$tmp/outer2.txt"
cmds=
for i in 1 2 3 4 5 6 7; do cmds="${cmds}source $tmp/inner.txt; free x; "; done
out=$("$allocsh" -c "${cmds}source $tmp/outer2.txt; alloc 8 last; undo; list" 2>&1)
[ $? -eq 0 ] && [ "$(printf '%s\n' "$out" | tail -n 4)" = "NAME     PAGE OFFSET   SIZE
a           0      0      8
x           0      8     24
b           0     32     16" ]
ok $? "a source's lines kept while the sources it runs add more reads" ||
  printf '%s\n' "$out" | tail -n 6 | sed 's/^/#   /'

# Twice: after the first undo, what the session's sources read is what
# the replay's read, so a second undo replays it too.
printf 'alloc 16 a1\n' > "$tmp/one.txt"
start_session
printf 'source %s\nalloc 16 b\nalloc 16 c\nalloc 3\n' "$tmp/one.txt" >&3
wait_for 'invalid size 3' "$tmp/err"
printf 'alloc 256 changed\n' > "$tmp/one.txt"
printf 'undo\nundo\nlist\n' >&3
end_session
[ $rc -eq 1 ] && [ "$(tail -n 2 "$tmp/out")" = "NAME     PAGE OFFSET   SIZE
a1          0      0     16" ]
ok $? "a second undo still replays the source as it read"

tap_done
