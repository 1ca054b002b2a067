#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# terminate.sh - SIGTERM and SIGHUP end a batch run, as a grader's timeout
# or a closed terminal does, without losing what it printed: standard
# output is written out (a pipe or file holds it in a buffer until then),
# stderr says which signal stopped the run, and allocsh dies by that
# signal, so that the waiting shell sees 128 + N.  A submission's call
# that would wait out a long --impl-timeout is cut short, by Ctrl-C too;
# --grade prints the grades so far (it crashed on Ctrl-C before); a
# submission's compile stops too.
set -u
. "${top_srcdir:=$(dirname "$0")/..}/tests/tap.sh"
rc=0
tap_diagnose() {
  { echo "exit status $rc"; head -c 800 "$tmp/err"; echo; head -c 800 "$tmp/out"; echo; } |
    sed 's/^/#   /' | head -20
}

if [ -n "${VALGRIND:-}" ]; then
  skip "SIGTERM, SIGHUP and Ctrl-C in batch runs, --impl and --grade" "timing under valgrind"
  tap_done
  exit
fi

# wait_for PATTERN FILE: until FILE holds PATTERN, at most 20 s (a bound
# against a hang, not a timing).
wait_for() {
  i=0
  while ! grep -q "$1" "$2" 2> /dev/null && [ $i -lt 2000 ]; do sleep 0.01; i=$((i + 1)); done
}

# stop PID SIG: sends SIG, waits at most 20 s for PID to end; sets rc.
stop() {
  kill -"$2" "$1"
  i=0
  while kill -0 "$1" 2> /dev/null && [ $i -lt 2000 ]; do sleep 0.01; i=$((i + 1)); done
  kill -KILL "$1" 2> /dev/null
  wait "$1"
  rc=$?
}

# --- commands read from a pipe that stays open ------------------------------
# The third line is an error, which stderr shows at once: by then the
# first two have run, and their output is still in stdout's buffer.
fifo_run() {
  sig=$1 num=$2
  rm -f "$tmp/fifo"
  mkfifo "$tmp/fifo"
  "$allocsh" < "$tmp/fifo" > "$tmp/out" 2> "$tmp/err" &
  pid=$!
  exec 3> "$tmp/fifo"
  printf 'alloc 104 a\nmap\nalloc 3 b\n' >&3
  wait_for 'invalid size 3' "$tmp/err"
  stop $pid "$sig"
  exec 3>&-
  [ $rc -eq $((128 + num)) ] &&
    grep -q '^a: 104 bytes at page 0, offset 0$' "$tmp/out" &&
    grep -q '^used 104 bytes in 1 block' "$tmp/out" &&
    [ "$(tail -n 1 "$tmp/err")" = "allocsh: stopped by SIG$sig" ]
  ok $? "SIG$sig: the output so far is written, and allocsh dies by the signal (exit $rc)"
}
fifo_run TERM 15
# Under nohup SIGHUP comes ignored, and allocsh keeps it so (unit-signals),
# and a shell cannot undo that for its children.
hup_ignored() {
  mask=$(sed -n 's/^SigIgn:[[:space:]]*//p' /proc/$$/status 2> /dev/null)
  [ -n "$mask" ] && [ $((0x$mask & 1)) -ne 0 ]
}
if hup_ignored; then
  skip "SIGHUP: the output so far is written, and allocsh dies by the signal" \
    "SIGHUP is ignored here (nohup), and allocsh keeps it so"
else
  fifo_run HUP 1
fi

# --- in long work ------------------------------------------------------------
# Many gens in a row cannot end before the signal.  Their output fills
# stdout's buffer again and again: killed outright, allocsh lost the last
# part, and the output ended inside a line.
{ echo 'use ealloc'; echo 'set max-pages 1000000000'; echo 'echo started'
  i=0; while [ $i -lt 200 ]; do echo 'gen n=100000 size=4096-4096 alloc=100'; i=$((i + 1)); done
} > "$tmp/gens"
"$allocsh" "$tmp/gens" > "$tmp/out" 2> "$tmp/err" &
pid=$!
sleep 1
stop $pid TERM
[ $rc -eq 143 ] && grep -q '^started$' "$tmp/out" &&
  [ "$(tail -c 1 "$tmp/out" | od -An -c | tr -d ' ')" = '\n' ] &&
  [ "$(tail -n 1 "$tmp/err")" = "allocsh: stopped by SIGTERM" ]
ok $? "SIGTERM stops a long gen, and its output ends with a whole line (exit $rc)"

# timeout(1) sends SIGTERM twice at once, to allocsh and to its process
# group: the second must not kill it before its output is out (it did,
# now and then, so several runs).
if command -v timeout > /dev/null 2>&1; then
  bad=0 runs=0
  while [ $runs -lt 6 ]; do
    runs=$((runs + 1))
    timeout 0.7 "$allocsh" "$tmp/gens" > "$tmp/out" 2> "$tmp/err"
    rc=$?
    [ $rc -eq 124 ] && grep -q '^started$' "$tmp/out" &&
      [ "$(tail -c 1 "$tmp/out" | od -An -c | tr -d ' ')" = '\n' ] &&
      [ "$(tail -n 1 "$tmp/err")" = "allocsh: stopped by SIGTERM" ] || bad=$((bad + 1))
  done
  [ $bad -eq 0 ]
  ok $? "under timeout(1) the output is whole and the stop is said, $runs runs of $runs"
else
  skip "under timeout(1) the output is whole" "no timeout command"
fi

# --- a submission's call that never returns ---------------------------------
if ! command -v "${CC:-cc}" > /dev/null 2>&1; then
  skip "SIGTERM and Ctrl-C with --impl and --grade" "no C compiler"
  tap_done
  exit
fi
ALLOCSH_CACHE_DIR=$tmp/cache
export ALLOCSH_CACHE_DIR

# --- a submission's compile ---------------------------------------------------
# A compile may take up to a minute.  SIGTERM and Ctrl-C stop it and what
# it started, and leave no half-written object in the cache (killed
# outright, allocsh left a .tmp-*.so there, and the compiler running).
cat > "$tmp/slowcc" << EOF_SH
#!/bin/sh
case " \$* " in *" -E "*) exec ${CC:-cc} "\$@";; esac
echo \$\$ > "$tmp/cc.pid"
exec sleep 30
EOF_SH
chmod +x "$tmp/slowcc"
# slow_compile SIG [COMMAND...]: a build stopped by SIG while it compiles.
slow_compile() {
  sig=$1
  shift
  rm -rf "$tmp/cc.pid" "$tmp/slowcache"
  ALLOCSH_CACHE_DIR=$tmp/slowcache CC=$tmp/slowcc "$@" "$allocsh" \
    --impl "$top_srcdir/tests/impls/correct" -c 'alloc 8' > "$tmp/out" 2> "$tmp/err" < /dev/null &
  pid=$!
  wait_for . "$tmp/cc.pid"
  stop $pid "$sig"
  ccpid=$(cat "$tmp/cc.pid" 2> /dev/null)
  i=0
  while [ -n "$ccpid" ] && kill -0 "$ccpid" 2> /dev/null && [ $i -lt 500 ]; do
    sleep 0.01
    i=$((i + 1))
  done
  [ -n "$ccpid" ] && ! kill -0 "$ccpid" 2> /dev/null &&
    ! ls -a "$tmp/slowcache" | grep -q '^\.tmp-'
}
slow_compile TERM && [ $rc -eq 143 ] &&
  [ "$(tail -n 1 "$tmp/err")" = "allocsh: stopped by SIGTERM" ]
ok $? "SIGTERM stops a submission's compile: the compiler ends, no .tmp is left (exit $rc)"
if env --default-signal=INT true 2> /dev/null; then
  slow_compile INT env --default-signal=INT && [ $rc -eq 130 ] &&
    [ "$(tail -n 1 "$tmp/err")" = "allocsh: interrupted" ]
  ok $? "Ctrl-C stops a submission's compile the same way (exit $rc)"
else
  skip "Ctrl-C stops a submission's compile" "env cannot reset SIGINT for a background job"
fi
# --grade: a compile the grading's stop cut short is no compile error.
# The tests are not run ('-'), and no Gradescope file is written (every
# test said CC, scored 0, and the file was written before).
rm -rf "$tmp/cc.pid" "$tmp/slowcache" "$tmp/gs.json"
ALLOCSH_CACHE_DIR=$tmp/slowcache CC=$tmp/slowcc "$allocsh" --grade --gradescope="$tmp/gs.json" \
  --suite="$top_srcdir/suite/assignment" "$top_srcdir/tests/impls/correct" \
  > "$tmp/out" 2> "$tmp/err" < /dev/null &
pid=$!
wait_for . "$tmp/cc.pid"
stop $pid TERM
[ $rc -eq 143 ] && [ ! -e "$tmp/gs.json" ] && ! grep -q ' CC ' "$tmp/out" &&
  grep -q 'correct  *-  *-  *-.*  0/' "$tmp/out" &&
  [ "$(tail -n 1 "$tmp/err")" = "allocsh: stopped by SIGTERM" ]
ok $? "SIGTERM during --grade's compile: the tests are not run, not graded CC (exit $rc)"
# endless SIG [COMMAND...]: a session of the endless loop stopped by SIG,
# run through COMMAND (env, say).  Past the error on stderr the submission
# is built and running; the fifth alloc of a page spins, and allocsh
# would wait for it until the --impl-timeout of ten minutes.
endless() {
  sig=$1
  shift
  "$@" "$allocsh" --impl "$top_srcdir/tests/impls/endless-loop" --impl-timeout=600 -c 'use ealloc
echo before
alloc 1
alloc 4096
alloc 4096
alloc 4096
alloc 4096
alloc 256
echo never' > "$tmp/out" 2> "$tmp/err" < /dev/null &
  pid=$!
  wait_for 'alloc: invalid size 1' "$tmp/err"
  sleep 1
  stop $pid "$sig"
  grep -q '^before$' "$tmp/out" && ! grep -q '^never$' "$tmp/out"
}
endless TERM && [ $rc -eq 143 ] &&
  grep -q 'ealloc_mem(256) was cut short as allocsh was told to stop' "$tmp/err" &&
  [ "$(tail -n 1 "$tmp/err")" = "allocsh: stopped by SIGTERM" ]
ok $? "SIGTERM cuts a submission's endless call short, not after --impl-timeout (exit $rc)"

# A submission that prints while it loops keeps allocsh busy passing its
# output on (stderr must be a pipe for that), where the signal lands
# outside the wait: it is still seen.
mkdir "$tmp/chatty"
cat > "$tmp/chatty/ealloc.c" << EOF_C
#define ealloc_mem correct_ealloc_mem
#include "$(cd "$top_srcdir" && pwd)/tests/impls/correct/ealloc.c"
#undef ealloc_mem
char *ealloc_mem(int size)
{
    if (size == 256)
        for (;;)
            fputs("still looking for room\\n", stderr);
    return correct_ealloc_mem(size);
}
EOF_C
bad=0
for run in 1 2 3; do
  rm -f "$tmp/errpipe"
  mkfifo "$tmp/errpipe"
  cat "$tmp/errpipe" > "$tmp/err" &
  cat_pid=$!
  "$allocsh" --impl "$tmp/chatty" --impl-timeout=600 -c 'use ealloc
alloc 1
alloc 256' > "$tmp/out" 2> "$tmp/errpipe" < /dev/null &
  pid=$!
  wait_for 'alloc: invalid size 1' "$tmp/err"
  sleep 0.5
  stop $pid TERM
  wait $cat_pid
  [ $rc -eq 143 ] && grep -q 'was cut short as allocsh was told to stop' "$tmp/err" &&
    [ "$(tail -n 1 "$tmp/err")" = "allocsh: stopped by SIGTERM" ] || bad=$((bad + 1))
done
[ $bad -eq 0 ]
ok $? "SIGTERM cuts a call short while the submission prints, 3 runs of 3"

# Ctrl-C too, after a short grace that a call merely slow would not need.
if env --default-signal=INT true 2> /dev/null; then
  endless INT env --default-signal=INT && [ $rc -eq 130 ] &&
    grep -q 'ealloc_mem(256) was cut short by Ctrl-C' "$tmp/err" &&
    [ "$(tail -n 1 "$tmp/err")" = "allocsh: interrupted" ]
  ok $? "Ctrl-C cuts a submission's endless call short too (exit $rc)"
else
  skip "Ctrl-C cuts a submission's endless call short too" "env has no --default-signal"
fi

# --- allocsh --grade ----------------------------------------------------------
# The endless loop's sixth test takes its 2 s timeout; the signal comes
# before the second submission starts, whose tests must all be "not run".
suite=$top_srcdir/suite/assignment
impls=$top_srcdir/tests/impls
grade_stopped() {
  sig=$1 want=$2 msg=$3
  rm -rf "$tmp/gs"
  $4 "$allocsh" --grade --gradescope="$tmp/gs" --suite="$suite" "$impls/endless-loop" \
    "$impls/correct" > "$tmp/out" 2> "$tmp/err" < /dev/null &
  pid=$!
  sleep 1
  stop $pid "$sig"
  [ $rc -eq "$want" ] && [ "$(tail -n 1 "$tmp/err")" = "$msg" ] &&
    grep -q '^submission ' "$tmp/out" && [ ! -e "$tmp/gs" ] &&
    grep -q "^allocsh: '$tmp/gs' not written: the grading did not finish$" "$tmp/err" &&
    grep "impls/correct " "$tmp/out" | grep -q ' -  *-  *0/23$' &&
    [ "$(grep "impls/correct " "$tmp/out" | grep -o ' - ' | wc -l)" -ge 8 ]
}
if env --default-signal=INT true 2> /dev/null; then
  grade_stopped INT 130 "allocsh: interrupted" "env --default-signal=INT"
  ok $? "Ctrl-C stops --grade: the grades print, tests not run show '-', no Gradescope file (exit $rc)"
else
  skip "Ctrl-C stops --grade" "env has no --default-signal"
fi
grade_stopped TERM 143 "allocsh: stopped by SIGTERM" ""
ok $? "SIGTERM stops --grade and its running test: the grades print, then it dies (exit $rc)"

# As TAP, tests not run are skips, and a bail-out keeps the stream from
# reading as a pass.
if command -v timeout > /dev/null 2>&1; then
  timeout 1 "$allocsh" --grade --tap --suite="$suite" "$impls/endless-loop" "$impls/correct" \
    > "$tmp/out" 2> "$tmp/err" < /dev/null
  rc=$?
  [ $rc -eq 124 ] && grep -q '^ok [0-9]* - .*correct: 01-first-fit # SKIP not run$' "$tmp/out" &&
    tail -n 1 "$tmp/out" | grep -q '^Bail out! the grading was stopped: [0-9]* tests not run$'
  ok $? "--grade --tap under timeout: skips for the tests not run, then a bail-out (exit $rc)"
else
  skip "--grade --tap under timeout" "no timeout command"
fi

tap_done
