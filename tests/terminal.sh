#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# terminal.sh - the prompt and what it touches, driven through tmux: the
# history file behind a relative symbolic link (only it is written, and
# atomically, wherever allocsh is started), behind a link someone else
# owns (refused), a FIFO (start-up does not wait), a relative
# XDG_STATE_HOME (ignored); SIGTERM and SIGHUP at the prompt under sh
# (the terminal given back, the history saved, death by the signal); and
# TERM=dumb (no colour).
set -u

: "${top_builddir:=.}"
allocsh="$(cd "$top_builddir" && pwd)/src/allocsh"

if ! command -v tmux >/dev/null 2>&1; then
  echo "1..0 # SKIP tmux is not installed (scripts/bootstrap installs it)"
  exit 0
fi

tmp=$(mktemp -d)
chmod 755 "$tmp"
sock="allocsh-term-$$"
t() { tmux -L "$sock" "$@"; }
trap 't kill-server 2>/dev/null; rm -rf "$tmp"' EXIT

. "${top_srcdir:-.}/tests/tap.sh"
tap_diagnose() {
  t capture-pane -p -t s 2>/dev/null | grep . | sed 's/^/#   /' | tail -8
}

# Waits up to 5 s until the screen shows a line matching $1.
shows() {
  i=0
  while [ $i -lt 50 ]; do
    t capture-pane -p -J -t s 2>/dev/null | grep -q -- "$1" && return 0
    sleep 0.1
    i=$((i + 1))
  done
  return 1
}

# Waits up to 5 s for a file to be written.
written() {
  i=0
  while [ ! -s "$1" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
  [ -s "$1" ]
}

# session DIR ENV...: allocsh at a prompt in DIR, under sh, with no
# history settings but ENV; its status, then the terminal's settings, go
# to $tmp/status and $tmp/stty when it ends.  Its pid is in $tmp/pid.
session() {
  dir=$1
  shift
  rm -f "$tmp/status" "$tmp/stty" "$tmp/pid"
  t kill-session -t s 2>/dev/null
  unset TMUX
  t -f /dev/null new-session -d -s s -x 100 -y 30 -c "$dir" \
    "sh -c 'sh -c \"echo \\\$\\\$ > $tmp/pid; exec env -u ALLOCSH_HISTORY -u XDG_STATE_HOME TERM=xterm $* $allocsh\"; echo \"exit=\$?\" > $tmp/status; stty -a > $tmp/stty; sleep 30'"
  shows '^alloc>'
}

# --- a relative link to the history file --------------------------------------
# ~/.allocsh_history -> dot/hist, 1200 lines long.  allocsh started in
# another directory that has a dot/hist of its own must leave that alone.
mkdir -p "$tmp/home/dot" "$tmp/elsewhere/dot"
i=0; while [ $i -lt 1200 ]; do echo "echo line $i"; i=$((i + 1)); done > "$tmp/home/dot/hist"
ln -s dot/hist "$tmp/home/.allocsh_history"
echo "not allocsh's" > "$tmp/elsewhere/dot/hist"
session "$tmp/elsewhere" HOME=$tmp/home
t send-keys -t s 'echo typed here' Enter
shows '^typed here$'
t send-keys -t s C-d
written "$tmp/status"
[ "$(cat "$tmp/elsewhere/dot/hist")" = "not allocsh's" ]
ok $? "a relative history link: the file of that name elsewhere is untouched"
[ "$(wc -l < "$tmp/home/dot/hist")" -eq 1000 ] &&
  [ "$(tail -n 1 "$tmp/home/dot/hist")" = "echo typed here" ] &&
  [ "$(head -n 1 "$tmp/home/dot/hist")" = "echo line 201" ]
ok $? "a relative history link: its target keeps the last 1000 lines"
[ -L "$tmp/home/.allocsh_history" ] && [ "$(stat -c %a "$tmp/home/dot/hist")" = 600 ]
ok $? "a relative history link: still a link, to a private file"
ls "$tmp/home/dot" | grep -v '^hist$' | grep -q . && rc=1 || rc=0
ok $rc "a relative history link: no temporary file is left beside it"

# --- a link someone else owns ------------------------------------------------------
if [ "$(id -u)" -eq 0 ]; then
  mkdir -p "$tmp/shared"
  echo "their file" > "$tmp/shared/target"
  ln -s "$tmp/shared/target" "$tmp/shared/link"
  chown -h 65534:65534 "$tmp/shared/link"
  session "$tmp" ALLOCSH_HISTORY=$tmp/shared/link
  shows "history is not kept in '.*/link': it is a symbolic link that someone else owns"
  ok $? "a history link owned by someone else is refused, and said so"
  t send-keys -t s 'echo still works' Enter
  shows '^still works$'
  t send-keys -t s C-d
  written "$tmp/status"
  [ "$(cat "$tmp/shared/target")" = "their file" ]
  ok $? "a history link owned by someone else: its target is untouched"
else
  skip "a history link owned by someone else" "only root can make one here"
  skip "a history link owned by someone else: its target" "only root can make one here"
fi

# --- a FIFO, and a relative XDG_STATE_HOME ------------------------------------------
mkfifo "$tmp/fifo"
session "$tmp" ALLOCSH_HISTORY=$tmp/fifo
ok $? "ALLOCSH_HISTORY naming a FIFO does not block start-up"
shows "history is not kept in '.*/fifo': it is not a regular file"
ok $? "ALLOCSH_HISTORY naming a FIFO: it says the history is not kept"
t send-keys -t s C-d
written "$tmp/status"

mkdir -p "$tmp/xdg-home" "$tmp/cwd"
session "$tmp/cwd" HOME=$tmp/xdg-home XDG_STATE_HOME=relative/state
t send-keys -t s 'echo xdg' Enter
shows '^xdg$'
t send-keys -t s C-d
written "$tmp/status"
[ ! -e "$tmp/cwd/relative" ] && grep -qx 'echo xdg' "$tmp/xdg-home/.allocsh_history"
ok $? "a relative XDG_STATE_HOME is ignored: the history goes to ~/.allocsh_history"

# --- SIGTERM and SIGHUP at the prompt, under sh -------------------------------------
for sig in TERM HUP; do
  case $sig in TERM) num=15 ;; HUP) num=1 ;; esac
  i=0; while [ $i -lt 1100 ]; do echo "echo old $i"; i=$((i + 1)); done > "$tmp/h.$sig"
  session "$tmp" ALLOCSH_HISTORY=$tmp/h.$sig
  t send-keys -t s "echo before $sig" Enter
  shows "^before $sig\$"
  t send-keys -t s 'alloc 8 half typed'
  shows '^alloc> alloc 8 half typed$'
  kill -$sig "$(cat "$tmp/pid" 2>/dev/null)" 2>/dev/null
  written "$tmp/stty"
  code=$((128 + num))
  [ "$(cat "$tmp/status" 2>/dev/null)" = "exit=$code" ]
  ok $? "SIG$sig at the prompt: death by the signal (status $code)"
  grep -q '[^-]icanon' "$tmp/stty" && grep -q '[^-]echo ' "$tmp/stty"
  ok $? "SIG$sig at the prompt: the terminal is given back (icanon, echo)"
  [ "$(wc -l < "$tmp/h.$sig")" -eq 1000 ] && [ "$(tail -n 1 "$tmp/h.$sig")" = "echo before $sig" ]
  ok $? "SIG$sig at the prompt: the history is saved, cut to 1000 lines"
done

# --- TERM=dumb ------------------------------------------------------------------------
# The map on a terminal is in colour (block backgrounds), unless TERM says
# the terminal is dumb.
for term in xterm dumb; do
  t kill-session -t s 2>/dev/null
  t -f /dev/null new-session -d -s s -x 100 -y 30 \
    "env TERM=$term ALLOCSH_HISTORY= '$allocsh' -c 'alloc 64 blk; map'; sleep 30"
  shows 'blk'
  t capture-pane -e -p -t s > "$tmp/screen.$term"
done
grep -q "$(printf '\033')\[.*4[0-9]m" "$tmp/screen.xterm"
ok $? "TERM=xterm: the map is in colour"
! grep -q "$(printf '\033')\[.*4[0-9]m" "$tmp/screen.dumb"
ok $? "TERM=dumb: no colour"

# --- - twice on a terminal ------------------------------------------------------
# Each - reads the terminal to a Ctrl-D, as cat does: the second reads on.
t kill-session -t s 2>/dev/null
t -f /dev/null new-session -d -s s -x 100 -y 30 \
  "env ALLOCSH_HISTORY= '$allocsh' - -; echo done=\$?; sleep 30"
sleep 0.3
t send-keys -t s 'alloc 8 one' Enter
shows '^one: 8 bytes at page 0, offset 0$'
t send-keys -t s C-d
sleep 0.5 # the first - has seen its end before more is typed
t send-keys -t s 'alloc 16 two' Enter
got=1
shows '^two: 16 bytes at page 0, offset 8$' && got=0
t send-keys -t s C-d
shows '^done=0$' || got=1
ok $got "a second - reads the terminal again after a Ctrl-D"

tap_done
