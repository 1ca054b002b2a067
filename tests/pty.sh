#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# pty.sh - types at allocsh's real prompt through tmux and reads the screen:
# a command, Tab completion of a command and of a block name, history
# recall with the up arrow, Ctrl-C on a half-typed line, Ctrl-D to leave;
# and a graded submission (--impl) that crashes and one that hangs, under
# which the prompt stays alive and says what happened.
set -u
. "${top_srcdir:=$(dirname "$0")/..}/tests/tap.sh"

if ! command -v tmux >/dev/null 2>&1; then
  echo "1..0 # SKIP tmux is not installed (scripts/bootstrap installs it)"
  exit 0
fi

sock="allocsh-pty-$$"
t() { tmux -L "$sock" "$@"; }
tap_at_exit() { t kill-server 2>/dev/null; }
tap_diagnose() {
  t capture-pane -p -t s 2>/dev/null | sed 's/^/#   /'
}

# Waits up to 5 s until the screen shows a line matching $1 (tmux drops
# trailing blanks, so a pattern cannot end in one).
shows() {
  i=0
  while [ $i -lt 50 ]; do
    t capture-pane -p -t s 2>/dev/null | grep -q -- "$1" && return 0
    sleep 0.1
    i=$((i + 1))
  done
  return 1
}

export ALLOCSH_HISTORY="$tmp/history"
unset TMUX NO_COLOR
t -f /dev/null new-session -d -s s -x 100 -y 40 \
  "env TERM=xterm '$allocsh'; echo \"exit=\$?\" > '$tmp/status'; sleep 30"

# The whole greeting, as allocsh(1)'s EXAMPLES show it (tests/doc-examples.sh
# checks the rest of that session, but only a terminal prints this line).
version=$("$allocsh" --version | sed -n 's/^allocsh //p')
shows "^allocsh $version: two mmap() allocators at a prompt\. Type 'help' for commands, Ctrl-D to leave\.$"
ok $? "the banner names the version and points to help"

shows '^alloc>$'
ok $? "the prompt names the allocator"

t send-keys -t s 'alloc 128' Enter
shows '^a: 128 bytes at page 0, offset 0$'
ok $? "a typed command runs"

t send-keys -t s 'he' Tab
shows '^alloc> help$'
ok $? "Tab completes a command name"
t send-keys -t s C-u

t send-keys -t s 'free ' Tab
shows '^alloc> free a$'
ok $? "Tab completes a live block name"
t send-keys -t s C-u

t send-keys -t s 'alloc 99 half'
shows '^alloc> alloc 99 half$'
t send-keys -t s C-c
sleep 0.3
t send-keys -t s 'echo after' Enter
if shows '^after$' && ! t capture-pane -p -t s | grep -q 'invalid size 99'
then rc=0; else rc=1; fi
ok $rc "Ctrl-C abandons a half-typed line and keeps the shell"

t send-keys -t s Up Up
shows '^alloc> alloc 128$'
ok $? "the up arrow recalls earlier commands"
t send-keys -t s C-u

t send-keys -t s C-d
i=0
while [ ! -s "$tmp/status" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
[ "$(cat "$tmp/status" 2>/dev/null)" = "exit=0" ]
ok $? "Ctrl-D leaves with status 0"

grep -qx 'alloc 128' "$tmp/history" 2>/dev/null
ok $? "history is saved to ALLOCSH_HISTORY"

[ "$(stat -c %a "$tmp/history" 2>/dev/null)" = 600 ]
ok $? "the history file is private (mode 0600)"

# Ctrl-C during a long-running command: back to the prompt.  The script
# is a FIFO whose writer stays open, so `source` waits on its next line.
mkfifo "$tmp/fifo"
t new-session -d -s f "sh -c 'echo \"echo first line\"; sleep 30' > '$tmp/fifo'"
t kill-session -t s 2>/dev/null
t new-session -d -s s -x 100 -y 40 \
  "trap : INT; env TERM=xterm '$allocsh'; echo \"exit=\$?\" > '$tmp/status2'; sleep 30"
shows '^alloc>$'
t send-keys -t s "source $tmp/fifo" Enter
shows '^first line$'
t send-keys -t s C-c
shows '^allocsh: interrupted$'
ok $? "Ctrl-C stops a running source and says so"
t send-keys -t s 'echo still here' Enter
shows '^still here$'
ok $? "the prompt works again after an interrupted command"
# The same for replay reading a trace from a FIFO that stalls mid-header.
mkfifo "$tmp/trace"
# (The writer is a job of this script: a tmux session made here would
# swallow the next keys sent to the shell's session.)
{ printf '1000\n4\n'; sleep 30; } > "$tmp/trace" &
writer=$!
t send-keys -t s "replay $tmp/trace" Enter
shows "^alloc> replay $tmp/trace"
sleep 0.3
t send-keys -t s C-c
sleep 0.3
t send-keys -t s 'echo replay gave way' Enter
shows '^replay gave way$' && [ "$(t capture-pane -p -t s | grep -c 'allocsh: interrupted$')" -eq 2 ]
ok $? "Ctrl-C stops a replay waiting on its trace"
kill "$writer" 2>/dev/null
t send-keys -t s 'quit' Enter

# Ctrl-C in batch mode: a distinct exit status (130) and one message.
# Standard output stays on the terminal, so "started" shows when allocsh
# is running (and catching SIGINT); standard error goes to a file.  The
# wrapping shell gets the SIGINT too: it must live to write the status.
t new-session -d -s b -x 100 -y 10 \
  "trap : INT; (echo 'echo started'; sleep 30) | '$allocsh' 2> '$tmp/batch.err'; echo \"exit=\$?\" > '$tmp/status3'; sleep 30"
i=0
until t capture-pane -p -t b 2>/dev/null | grep -q '^started$' || [ $i -ge 100 ]; do
  sleep 0.1; i=$((i + 1))
done
t send-keys -t b C-c
i=0
while [ ! -s "$tmp/status3" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
if [ "$(cat "$tmp/status3" 2>/dev/null)" = "exit=130" ] &&
   [ "$(cat "$tmp/batch.err")" = "allocsh: interrupted" ]; then rc=0; else rc=1; fi
ok $rc "Ctrl-C in batch mode exits 130 with one message"
[ $rc -eq 0 ] || echo "# $(cat "$tmp/status3" 2>/dev/null); stderr: $(cat "$tmp/batch.err")"

# --impl at the prompt: a submission's crash and endless loop fail the
# command that met them, and the prompt goes on.
impls=$(cd "$top_srcdir/tests/impls" && pwd)
ALLOCSH_CACHE_DIR=$tmp/cache
export ALLOCSH_CACHE_DIR
"$allocsh" --impl "$impls/crash-in-free" -c 'use ealloc' > /dev/null 2>&1 # compile first
"$allocsh" --impl "$impls/endless-loop" -c 'use ealloc' > /dev/null 2>&1
t kill-session -t s 2>/dev/null
t new-session -d -s s -x 150 -y 30 \
  "env TERM=xterm '$allocsh' --impl '$impls/crash-in-free' --impl-timeout=0.5; sleep 30"
shows '^alloc>$' && t send-keys -t s 'alloc 64' Enter && t send-keys -t s 'free a' Enter &&
  shows 'crash: dealloc_mem died of SIGSEGV' && t send-keys -t s 'alloc 8' Enter &&
  shows 'gone: the submission is no longer running' && t send-keys -t s 'echo alive' Enter &&
  shows '^alive$'
ok $? "--impl at the prompt: a crash fails its command, later calls say gone, the prompt lives"
t send-keys -t s 'quit' Enter
t kill-session -t s 2>/dev/null
t new-session -d -s s -x 150 -y 30 \
  "env TERM=xterm '$allocsh' --impl '$impls/endless-loop' --impl-timeout=0.5 -a ealloc; sleep 30"
shows '^ealloc>$' && t send-keys -t s 'alloc 4096' Enter 'alloc 4096' Enter 'alloc 4096' Enter \
  'alloc 4096' Enter 'alloc 256' Enter && shows 'timeout: ealloc_mem(256) did not return within 500 ms' &&
  t send-keys -t s 'echo alive' Enter && shows '^alive$'
ok $? "--impl at the prompt: an endless loop times out, the prompt lives"
t send-keys -t s 'quit' Enter

tap_done
