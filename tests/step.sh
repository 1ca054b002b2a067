#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# step.sh - lecture mode (--step) driven through a real terminal (tmux):
# the keys Enter, Space, b (back), the arrows, q, and the end of the
# script; the narration above each step, the step counter, the map drawn
# only when the layout changed; and the refusal without a terminal.
set -u
. "${top_srcdir:=$(dirname "$0")/..}/tests/tap.sh"

printf 'alloc 8\n' > "$tmp/plain.txt"
"$allocsh" --step "$tmp/plain.txt" < /dev/null > "$tmp/out" 2> "$tmp/err"
[ $? -eq 2 ] && [ ! -s "$tmp/out" ] && grep -q 'not one' "$tmp/err"
ok $? "--step refuses, with status 2 and before any command, when stdin is no terminal"

"$allocsh" --step -c 'alloc 8' "$tmp/plain.txt" > /dev/null 2>&1
[ $? -eq 2 ]
ok $? "--step refuses -c"
"$allocsh" --step > /dev/null 2>&1
[ $? -eq 2 ]
ok $? "--step wants a script"
"$allocsh" --step - < /dev/null > /dev/null 2> "$tmp/err"
[ $? -eq 2 ] && grep -q "its SCRIPT cannot be '-'" "$tmp/err"
ok $? "--step refuses - as its script: its keys come from standard input"

if ! command -v tmux >/dev/null 2>&1; then
  skip "the lecture itself" "tmux is not installed (scripts/bootstrap installs it)"
  tap_done
  exit
fi

sock="allocsh-step-$$"
t() { tmux -L "$sock" "$@"; }
tap_at_exit() { t kill-server 2>/dev/null; }
tap_diagnose() {
  t capture-pane -p -S - -t s 2>/dev/null | sed 's/^/#   /'
}
# The whole session so far, scrolled-off lines too.
screen() { t capture-pane -p -S - -t s 2>/dev/null; }
# Waits up to 5 s until the screen shows a line matching $1.
shows() {
  i=0
  while [ $i -lt 50 ]; do
    screen | grep -q -- "$1" && return 0
    sleep 0.1
    i=$((i + 1))
  done
  return 1
}
# How many lines match $1 now.
count() { screen | grep -c -- "$1"; }
# Starts a lecture of script $1 in session s (killing the last one).
lecture() {
  t kill-session -t s 2>/dev/null
  rm -f "$tmp/status"
  t -f /dev/null new-session -d -s s -x 100 -y 200 \
    "env TERM=xterm NO_COLOR=1 '$allocsh' --step '$1'; echo \"exit=\$?\" > '$tmp/status'; sleep 30"
}
exited() {
  i=0
  while [ ! -s "$tmp/status" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
  [ "$(cat "$tmp/status" 2>/dev/null)" = "exit=$1" ]
}

cat > "$tmp/lecture.txt" <<'SCRIPT'
# A header that belongs to no step.

# Two blocks, one after the other.
alloc 32
alloc 16 buf
# Freeing a leaves a hole at the start.
free a
echo the layout did not change
SCRIPT
unset TMUX
lecture "$tmp/lecture.txt"

shows '^lecture.txt\|: 4 steps\. Enter or Space runs the next, b goes back, q quits\.$'
ok $? "the lecture says how many steps and which keys"

shows '^\[step 1/4\] alloc> alloc 32$' && shows '^# Two blocks, one after the other\.$' &&
  ! screen | grep -q 'A header'
ok $? "a step shows its number, the prompt, and the comments right above it"

screen | grep -q '^a: 32 bytes'
[ $? -ne 0 ]
ok $? "nothing runs before a key"

t send-keys -t s Enter
shows '^a: 32 bytes at page 0, offset 0$' && shows '^\[step 2/4\] alloc> alloc 16 buf$'
ok $? "Enter runs the step and shows the next"
[ "$(count '^page 0: 1 block')" -eq 1 ]
ok $? "a step that changed the layout draws the map"

t send-keys -t s Space
shows '^buf: 16 bytes at page 0, offset 32$' && shows '^\[step 3/4\] alloc> free a$'
ok $? "Space runs the step too"

t send-keys -t s b
shows '^\[back: 1 of 4 steps done\]$' && [ "$(count '^\[step 2/4\] alloc> alloc 16 buf$')" -eq 2 ]
ok $? "b goes back one step and offers it again"

t send-keys -t s Right
shows '^buf: 16 bytes at page 0, offset 32$' && [ "$(count '^buf: 16 bytes')" -eq 2 ] &&
  [ "$(count '^\[step 3/4\] alloc> free a$')" -eq 2 ]
ok $? "the right arrow (a clicker's key) runs the next step, the same way again"

t send-keys -t s Enter
shows '^freed a: 32 bytes at page 0, offset 0$'
ok $? "after going back, the replayed block has its name again"

maps=$(count '^page 0: ')
t send-keys -t s Enter
shows '^the layout did not change$' && shows '^\[end of script: 4 steps; b goes back, q quits\]'
ok $? "the last step runs, and the end of the script says so"
[ "$(count '^page 0: ')" -eq "$maps" ]
ok $? "a step that left the layout alone draws no map"

t send-keys -t s b
shows '^\[back: 3 of 4 steps done\]$' && shows '^page 0: 1 block, 2 free extents$'
ok $? "b at the end goes back, and shows the map there"

t send-keys -t s q
exited 0
ok $? "q stops the lecture with status 0"
screen | grep -q '^the layout did not change$' && [ "$(count '^the layout did not change$')" -eq 1 ]
ok $? "q did not run the step it stopped at"

# The end of the script: Enter there leaves.
printf 'alloc 8\n' > "$tmp/one.txt"
lecture "$tmp/one.txt"
shows '^\[step 1/1\] alloc> alloc 8$'
t send-keys -t s Enter
shows '^\[end of script: 1 step; b goes back, q quits\]'
t send-keys -t s Enter
exited 0
ok $? "Enter at the end of the script leaves"

# A failing step says where it is in the script, and sets the status.
printf 'alloc 7\n' > "$tmp/bad.txt"
lecture "$tmp/bad.txt"
shows '^\[step 1/1\] alloc> alloc 7$'
t send-keys -t s Enter
shows "bad.txt:1: alloc: invalid size 7"
ok $? "a failing step's message names the script's file and line"
t send-keys -t s q
exited 1
ok $? "and the lecture's status is 1"

# A line holding a NUL byte fails as a batch run fails it: its prefix
# (alloc 16) does not run, and going back past it replays nothing of it.
printf 'alloc 8 a\nalloc 16\000 b\nalloc 24 c\n' > "$tmp/nul.txt"
lecture "$tmp/nul.txt"
shows '^\[step 1/3\] alloc> alloc 8 a$'
t send-keys -t s Enter
shows '^\[step 2/3\] alloc> alloc 16$'
t send-keys -t s Enter
shows 'nul.txt:2: line holds a NUL byte'
t send-keys -t s Enter
shows '^c: 24 bytes at page 0, offset 8$'
ok $? "a step holding a NUL byte fails, and its prefix never runs"
t send-keys -t s b
shows '^\[back: 2 of 3 steps done\]'
t send-keys -t s Enter
shows '^c: 24 bytes at page 0, offset 8$' && [ "$(count '^c: 24 bytes at page 0, offset 8$')" -eq 2 ]
ok $? "going back replays nothing of it either"
t send-keys -t s q
exited 1

# Control characters in a step or its narration reach the terminal
# escaped, as in batch mode (what a step prints is its own).
printf '# note \033[2Jcleared\n\033]0;pwned\007 x\nalloc 8\n' > "$tmp/esc.txt"
lecture "$tmp/esc.txt"
shows '^# note \\x1b\[2Jcleared$' && shows '\\x1b\]0;pwned\\x07 x$'
ok $? "a step's control characters are shown escaped"
t send-keys -t s q
exited 0
# The C1 controls' UTF-8 too (0xC2 0x9B is CSI); a tab is shown as it is.
printf '\302\2332Jx\nalloc\t8\n' > "$tmp/c1.txt"
lecture "$tmp/c1.txt"
shows '\\xc2\\x9b2Jx$'
ok $? "a C1 control in a step is shown escaped"
t send-keys -t s Enter
shows '^\[step 2/2\] alloc> alloc[[:space:]]*8$' && [ "$(count 'alloc\\t8')" -eq 0 ]
ok $? "a tab in a step is shown as a tab"
t send-keys -t s q
exited 1

# b at the very start goes nowhere.
lecture "$tmp/one.txt"
shows '^\[step 1/1\] alloc> alloc 8$'
t send-keys -t s b
shows '^\[already at the start\]$'
ok $? "b before the first step says it is already at the start"
t send-keys -t s C-c
exited 130
ok $? "Ctrl-C stops the lecture with status 130"

tap_done
