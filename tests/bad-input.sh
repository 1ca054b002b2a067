#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# bad-input.sh - the entries of issues 5 and 10's catalogues of bad input
# that do not fit in a small scenario file: lines up to the 64 KiB limit
# and past it (1 MiB, 8 MiB, /dev/zero, under a memory limit), invalid
# UTF-8 under --json, scripts that are a directory, a FIFO, unreadable,
# failing to read or no script at all (a binary, /etc/shadow), scripts
# that source themselves (directly, through a link, or round a loop of
# three) or compare themselves, and commands nested without end.
#
# Each run is bounded (timeout) and checked for: its exit status, which is
# never a crash; exactly the error lines due, each one short and naming
# where it happened; and an unchanged state after the bad line, shown by
# an expect that follows it.
set -u
. "${top_srcdir:=$(dirname "$0")/..}/tests/tap.sh"
chmod 755 "$tmp"
limit=20
[ -n "${VALGRIND:-}" ] && limit=300

tap_diagnose() {
  { echo "exit status $rc"; head -c 2000 "$tmp/err"; echo;
    head -c 600 "$tmp/out"; echo; } | cut -c1-300 | sed 's/^/#   /' | head -20
}

# run ARGS... : allocsh --check ARGS with a time limit; rc, $tmp/out, $tmp/err.
run() {
  # shellcheck disable=SC2086 # VALGRIND is a command with its options
  timeout "$limit" ${VALGRIND:-} "$allocsh" --check "$@" > "$tmp/out" 2> "$tmp/err" < /dev/null
  rc=$?
}

# The exit status is the one due (124 means the time ran out, 128+N a signal).
status_is() {
  [ "$rc" -eq "$1" ]
  ok $? "$2: exit status $1"
}

# Exactly N lines on stderr, each "allocsh: ..." of at most 300 bytes and
# matching PATTERN (a grep -E pattern), and no sanitizer report.
errors_are() {
  count=$(wc -l < "$tmp/err")
  good=0
  [ "$count" -eq "$1" ] || good=1
  if [ "$1" -gt 0 ]; then
    [ "$(grep -c "^allocsh: " "$tmp/err")" -eq "$1" ] || good=1
    [ "$(grep -cE "$2" "$tmp/err")" -eq "$1" ] || good=1
    [ "$(awk 'length > 300' "$tmp/err" | wc -l)" -eq 0 ] || good=1
  fi
  grep -q 'Sanitizer\|runtime error\|inconsistent' "$tmp/err" && good=1
  ok $good "$3: $1 error line(s)${2:+ like /$2/}"
}

# The last line of standard output is the expectations' summary given.
summary_is() {
  [ "$(tail -n 1 "$tmp/out")" = "$1" ]
  ok $? "$2: the state is unchanged ($1)"
}

# repeat COUNT STRING: STRING COUNT times, on one line with no newline.
repeat() {
  head -c "$1" /dev/zero | tr '\0' "$2"
}

# --- long lines ---------------------------------------------------------------
# Up to the limit of 65536 bytes a line, every line runs, however long.
# Each line below is the payload of $size bytes and at most 32 more.
size=$((65536 - 32))
what="64 KiB"

# A huge echo prints its whole line.
{ echo "alloc 64 keep"; printf 'echo '; repeat "$size" x; echo
  echo "expect blocks 1 used 64"; } > "$tmp/s"
run "$tmp/s"
status_is 0 "echo of $what"
errors_are 0 "" "echo of $what"
[ "$(sed -n 2p "$tmp/out" | wc -c)" -eq $((size + 1)) ]
ok $? "echo of $what: the line comes back whole"
summary_is "1 expectation passed, 0 failed" "echo of $what"

# A size of that many digits: one error, its message cut short.
{ echo "alloc 64 keep"; printf 'alloc '; repeat "$size" 9; echo
  echo "expect blocks 1 used 64"; } > "$tmp/s"
run "$tmp/s"
status_is 1 "alloc of a $what size"
errors_are 1 "s:2: alloc: invalid size 9{40}: must be a positive multiple of 8" \
  "alloc of a $what size"
summary_is "1 expectation passed, 0 failed" "alloc of a $what size"

# A block name that long, given to alloc, free, write, read and expect.
{ echo "alloc 64 keep"
  for c in "alloc 8 " "free " "write " "read " "expect block "; do
    printf '%s' "$c"; repeat "$size" n; [ "$c" = "write " ] && printf ' hi'; echo
  done
  echo "expect blocks 1 used 64"; } > "$tmp/s"
run "$tmp/s"
status_is 1 "a $what block name"
errors_are 5 "s:[2-6]: (alloc: invalid name 'n{40}': is longer than 32 characters|(free|write|read): no block named 'n{40}'|expect: block n{40}: expected a live block, found none)" \
  "a $what block name"
summary_is "1 expectation passed, 1 failed" "a $what block name"

# Half a million unquoted words: too many for alloc, too long for the
# block in write, fine for echo.
words() { printf '%s' "$1"; repeat $((size / 2)) a | sed 's/a/a /g'; echo; }
{ echo "alloc 64 keep"; words "alloc "; words "write keep "; words "echo "
  words "gen "; echo "expect blocks 1 used 64"; } > "$tmp/s"
run "$tmp/s"
status_is 1 "$what of unquoted words"
errors_are 3 "s:[235]: (alloc: too many arguments|write: [0-9]+ bytes of text do not fit in 'keep'|gen: too many arguments)" \
  "$what of unquoted words"
# size/2 words "a" joined by single spaces, and the newline.
[ "$(sed -n 2p "$tmp/out" | wc -c)" -eq "$size" ]
ok $? "$what of unquoted words: echo prints them all"
summary_is "1 expectation passed, 0 failed" "$what of unquoted words"

# An unterminated quote and a comment, each that long.
{ echo "alloc 64 keep"; printf 'echo "'; repeat "$size" q; echo
  printf '# '; repeat "$size" c; echo; echo "expect blocks 1 used 64"; } > "$tmp/s"
run "$tmp/s"
status_is 1 "a $what unterminated quote and comment"
errors_are 1 's:2: echo: unterminated " quote' "a $what unterminated quote and comment"
summary_is "1 expectation passed, 0 failed" "a $what unterminated quote and comment"

# --json: one valid line for each command, however long.
{ echo "alloc 64 keep"; printf 'echo '; repeat "$size" x; echo
  printf 'alloc '; repeat "$size" 9; echo; echo "expect blocks 1 used 64"; } > "$tmp/s"
run --json "$tmp/s"
status_is 1 "--json with $what lines"
good=0
[ "$(wc -l < "$tmp/out")" -eq 5 ] || good=1
"$jsoncheck" < "$tmp/out" > /dev/null || good=1
ok $good "--json with $what lines: five JSON objects, each valid"
[ "$(tail -n 1 "$tmp/out")" = '{"cmd":"expectations","ok":true,"passed":1,"failed":0}' ]
ok $? "--json with $what lines: the state is unchanged"

# A line of exactly 65536 bytes runs, CR LF or not; one byte more is past
# the limit.
{ printf 'echo '; repeat $((65536 - 5)) x; echo; printf 'echo '; repeat $((65536 - 5)) y
  printf '\r\n'; echo "expect blocks 0"; } > "$tmp/s"
run "$tmp/s"
status_is 0 "lines of exactly 65536 bytes"
[ "$(head -c 65531 "$tmp/out" | tr -d x | wc -c)" -eq 0 ]
ok $? "lines of exactly 65536 bytes: echo prints the first whole"

# Past the limit, a line is one error that names the file and line, and
# the rest of the file is not run (there is no telling where the next
# command starts); the script that sourced it goes on.  Memory stays
# bounded, and the run is quick.
for mib in 1 8; do
  what="a line of $mib MiB"
  { echo "alloc 64 keep"; printf 'echo '; repeat $((mib * 1024 * 1024)) x; echo
    echo "echo not reached"; } > "$tmp/big"
  run "$tmp/big"
  status_is 1 "$what"
  errors_are 1 "big:2: line longer than 65536 bytes: the rest of '.*/big' is not run" "$what"
  ! grep -q "not reached" "$tmp/out"
  ok $? "$what: nothing after it runs"
  printf 'source %s\nexpect blocks 1 used 64\n' "$tmp/big" > "$tmp/s"
  run "$tmp/s"
  status_is 1 "$what, sourced"
  errors_are 1 "big:2: line longer than" "$what, sourced"
  summary_is "1 expectation passed, 0 failed" "$what, sourced"
  run --json "$tmp/big"
  good=0
  [ "$(wc -l < "$tmp/out")" -eq 2 ] || good=1
  "$jsoncheck" < "$tmp/out" > /dev/null || good=1
  grep -q '"kind":"file","file":"[^"]*big","line":2}' "$tmp/out" || good=1
  ok $good "$what under --json: one object, kind file, with file and line"
done

# /dev/zero is one endless line: source, compare and replay of it stop at
# once with an error (today: hundreds of MB a second until the OOM killer).
for cmd in source compare replay; do
  run -c "alloc 8 keep; $cmd /dev/zero; expect blocks 1 used 8"
  status_is 1 "$cmd /dev/zero"
  errors_are 1 "/dev/zero:1: line longer than 65536 bytes" "$cmd /dev/zero"
  summary_is "1 expectation passed, 0 failed" "$cmd /dev/zero"
done

# Under a memory limit (when allocsh can run under one at all: not with
# AddressSanitizer), a read that fails is an error with exit status 1,
# never an early end of file that skips the commands after it.
if (ulimit -v 200000 && "$allocsh" --version) > /dev/null 2>&1; then
  (ulimit -v 200000; exec timeout "$limit" "$allocsh" -c \
     'source /dev/zero; echo after' > "$tmp/out" 2> "$tmp/err" < /dev/null)
  rc=$?
  status_is 1 "source /dev/zero under a memory limit"
  errors_are 1 "/dev/zero:1: line longer than 65536 bytes" "source /dev/zero under a memory limit"
else
  for i in 1 2; do skip "source /dev/zero under a memory limit" "allocsh cannot run under ulimit -v"; done
fi


# --- invalid UTF-8 under --json ------------------------------------------------
# Bytes that are no UTF-8 (a lone Latin-1 e-acute, 0xff, a surrogate, an
# overlong '/', a code point past U+10FFFF) in echo, write, names, command
# words and file names; and a valid e-acute cut in half by an error
# message's 40-byte limit.  The output must stay valid UTF-8 and JSON, the
# bad bytes showing as \ufffd, and valid UTF-8 must pass unchanged.
printf '%s\n%s\n%s\n%s\n%s\n' 'echo caf\351' 'echo \377\376' 'echo ok caf\303\251' \
  'alloc 8 n\351' 'alloc 64 blk' > "$tmp/u.fmt"
printf '%s\n%s\n%s\n%s\n%s\n%s\n' 'write blk \377\376abc' 'read blk' 'free n\351' \
  '\377' 'set policy \377' 'source \377.txt' >> "$tmp/u.fmt"
printf '%s\n%s\n%s\n%s\n' \
  'free 123456789012345678901234567890123456789\303\251' \
  'echo "\355\240\200" \300\257 \364\220\200\200' 'map json' \
  'expect blocks 1 used 64' >> "$tmp/u.fmt"
# Each line of u.fmt is a printf format: its \NNN become the bytes.
while IFS= read -r fmt; do
  # shellcheck disable=SC2059
  printf "$fmt\n"
done < "$tmp/u.fmt" > "$tmp/u"
run --json --echo "$tmp/u"
status_is 1 "invalid UTF-8 under --json"
[ "$(wc -l < "$tmp/out")" -eq 16 ]
ok $? "invalid UTF-8 under --json: one line for each of 15 commands, and the summary"
"$jsoncheck" < "$tmp/out" > /dev/null
ok $? "invalid UTF-8 under --json: every line is a JSON object with cmd and ok"
if command -v iconv > /dev/null 2>&1; then
  iconv -f UTF-8 -t UTF-8 < "$tmp/out" > /dev/null 2>&1
  ok $? "invalid UTF-8 under --json: the output is valid UTF-8"
else
  n=$((n + 1)); echo "ok $n # SKIP no iconv to check UTF-8"
fi
[ "$(grep -c '\\ufffd' "$tmp/out")" -eq 11 ]
ok $? "invalid UTF-8 under --json: each line with a bad byte shows \\ufffd"
grep -q "$(printf '"text":"ok caf\303\251"')" "$tmp/out"
ok $? "invalid UTF-8 under --json: valid UTF-8 passes unchanged"
grep -q '"map":{.*"blocks":\[{"name":"blk","offset":0,"size":64}\]' "$tmp/out"
ok $? "invalid UTF-8 under --json: the layout holds blk alone"
[ "$(tail -n 1 "$tmp/out")" = '{"cmd":"expectations","ok":true,"passed":1,"failed":0}' ]
ok $? "invalid UTF-8 under --json: the state is unchanged"

# A script whose own name is not UTF-8: the "file" of its errors.
bad_name=$(printf 'bad\377name.in')
printf 'free zz\nexpect blocks 0\n' > "$tmp/$bad_name"
run --json "$tmp/$bad_name"
status_is 1 "a script name that is not UTF-8"
good=0
"$jsoncheck" < "$tmp/out" > /dev/null || good=1
! command -v iconv > /dev/null 2>&1 ||
  iconv -f UTF-8 -t UTF-8 < "$tmp/out" > /dev/null 2>&1 || good=1
grep -q '"file":"[^"]*bad\\ufffdname.in"' "$tmp/out" || good=1
ok $good "a script name that is not UTF-8: \"file\" is valid JSON with \\ufffd"

# --- scripts that are not readable files -------------------------------------
mkdir "$tmp/dir"
run "$tmp/dir"
status_is 2 "a directory as the script"
errors_are 1 "cannot read '.*/dir': it is a directory" "a directory as the script"
[ ! -s "$tmp/out" ]
ok $? "a directory as the script: no command runs"

# Unreadable: as root, permissions do not stop a read, so drop to nobody.
printf 'echo never\n' > "$tmp/secret"
chmod 000 "$tmp/secret"
printf 'alloc 64 keep\nsource %s\nexpect blocks 1 used 64\n' "$tmp/secret" > "$tmp/outer"
as=""
if [ "$(id -u)" -eq 0 ]; then
  # nobody must be able to run allocsh where it was built (a private
  # build directory, as CI's, would make every point fail for the wrong
  # reason).
  if command -v setpriv > /dev/null 2>&1 &&
     setpriv --reuid=65534 --regid=65534 --clear-groups "$allocsh" --version \
       > /dev/null 2>&1; then
    as="setpriv --reuid=65534 --regid=65534 --clear-groups"
  else
    as=skip
  fi
fi
if [ "$as" = skip ]; then
  for i in 1 2 3 4 5; do n=$((n + 1)); echo "ok $n # SKIP root, and no way to run allocsh as nobody"; done
else
  # shellcheck disable=SC2086 # as is a command with its options
  timeout "$limit" $as "$allocsh" --check "$tmp/secret" > "$tmp/out" 2> "$tmp/err" < /dev/null
  rc=$?
  status_is 2 "an unreadable script"
  errors_are 1 "cannot read '.*/secret': Permission denied" "an unreadable script"
  # shellcheck disable=SC2086
  timeout "$limit" $as "$allocsh" --check "$tmp/outer" > "$tmp/out" 2> "$tmp/err" < /dev/null
  rc=$?
  status_is 1 "source of an unreadable file"
  errors_are 1 "outer:2: source: cannot open '.*/secret': Permission denied" \
    "source of an unreadable file"
  summary_is "1 expectation passed, 0 failed" "source of an unreadable file"
fi

# A FIFO is read like any stream (as with allocsh <(gen ...)): its writer's
# commands run.
if mkfifo "$tmp/fifo" 2> /dev/null; then
  { printf 'alloc 64 keep\necho through a FIFO\nexpect blocks 1 used 64\n' > "$tmp/fifo"; } &
  writer=$!
  run "$tmp/fifo"
  kill "$writer" 2> /dev/null
  wait "$writer" 2> /dev/null
  status_is 0 "a FIFO as the script"
  errors_are 0 "" "a FIFO as the script"
  summary_is "1 expectation passed, 0 failed" "a FIFO as the script"
else
  for i in 1 2 3; do n=$((n + 1)); echo "ok $n # SKIP no mkfifo"; done
fi

# A file that opens but fails to read (EIO): one error naming the file,
# not a "line 0" of it.
if [ -r /proc/self/mem ]; then
  printf 'alloc 64 keep\nsource /proc/self/mem\nexpect blocks 1 used 64\n' > "$tmp/eio"
  run "$tmp/eio"
  status_is 1 "a script that fails to read"
  errors_are 1 "/proc/self/mem.*Input/output error" "a script that fails to read"
  ! grep -q ':0:' "$tmp/err"
  ok $? "a script that fails to read: no line 0 in the message"
  summary_is "1 expectation passed, 0 failed" "a script that fails to read"
else
  for i in 1 2 3 4; do n=$((n + 1)); echo "ok $n # SKIP no /proc/self/mem"; done
fi

# compare reads its script once, whole, and runs that copy under every
# policy: from a FIFO or a pipe each policy sees the whole script (today
# the last three saw an empty one, and a FIFO hung).
printf 'alloc 512\nalloc 1024\nalloc 512\nfree b\nalloc 256\n' > "$tmp/cmp.txt"
"$allocsh" -c "compare $tmp/cmp.txt" > "$tmp/cmp.expected" 2>&1
sed "s|$tmp/cmp.txt|/dev/stdin|" "$tmp/cmp.expected" > "$tmp/cmp.want"
cat "$tmp/cmp.txt" | timeout "$limit" "$allocsh" -c "compare /dev/stdin" > "$tmp/out" 2> "$tmp/err"
rc=$?
status_is 0 "compare of a pipe"
cmp -s "$tmp/out" "$tmp/cmp.want"
ok $? "compare of a pipe: every policy ran the whole script"
if mkfifo "$tmp/cmp.fifo" 2> /dev/null; then
  { cat "$tmp/cmp.txt" > "$tmp/cmp.fifo"; } &
  writer=$!
  run -c "compare $tmp/cmp.fifo"
  kill "$writer" 2> /dev/null
  wait "$writer" 2> /dev/null
  status_is 0 "compare of a FIFO"
  sed "s|$tmp/cmp.txt|$tmp/cmp.fifo|" "$tmp/cmp.expected" | cmp -s - "$tmp/out"
  ok $? "compare of a FIFO: every policy ran the whole script"
else
  for i in 1 2; do skip "compare of a FIFO" "no mkfifo"; done
fi

# --- files that are no script ----------------------------------------------------
# /etc/shadow-like text: every line one word, holding what must not be
# shown (a hash after a 16-character salt).  Three stray lines in a row end the file with one error; the two
# before it show no more than a short prefix of their line.
{ echo 'root:$6$0123456789abcdef$SECRETSECRETSECRETHASH:19000:0:99999:7:::'
  echo 'daemon:*:19000:0:99999:7:::'
  echo 'bin:*:19000:0:99999:7:::'
  echo 'sys:*:19000:0:99999:7:::'
  echo 'nobody:$6$fedcba9876543210$SECRETSECRETSECRETHASH:19000:0:99999:7:::'; } > "$tmp/shadow"
printf 'alloc 8 keep\nsource %s\nexpect blocks 1 used 8\n' "$tmp/shadow" > "$tmp/s"
run "$tmp/s"
status_is 1 "source of a shadow-like file"
errors_are 3 "shadow:[123]: " "source of a shadow-like file"
grep -q "shadow:3: 3 lines in a row are not commands: '.*/shadow' is not a script" "$tmp/err"
ok $? "source of a shadow-like file: the third stray line ends it"
! grep -q 'SECRET\|nobody' "$tmp/err"
ok $? "source of a shadow-like file: no line is shown past a short prefix"
summary_is "1 expectation passed, 0 failed" "source of a shadow-like file"
run --json "$tmp/s"
good=0
"$jsoncheck" < "$tmp/out" > /dev/null || good=1
grep -q 'SECRET\|nobody' "$tmp/out" && good=1
[ "$(wc -l < "$tmp/out")" -eq 7 ] || good=1
ok $good "source of a shadow-like file under --json: seven objects, nothing secret"

# A binary (NUL bytes, control characters): the same, and what is shown
# of a line reaches the terminal escaped.
{ printf '\033]0;pwned\007\033[2J\n'; printf 'ELF\000\001\002\n'; printf '\001\002\003\n'
  printf 'echo not reached\n'; } > "$tmp/binary"
run -c "source $tmp/binary; echo after"
status_is 1 "source of a binary"
errors_are 3 "binary:[123]: " "source of a binary"
! grep -q "$(printf '\033')" "$tmp/err"
ok $? "source of a binary: no control character reaches stderr"
grep -q '\\x1b\]0;pwned' "$tmp/err"
ok $? "source of a binary: the escape sequence is shown escaped"
[ "$(cat "$tmp/out")" = after ]
ok $? "source of a binary: the rest of it is not run, the session goes on"

# source's summary counts a line that failed unrun as a command, and
# says when the rest of the file was not run.
run --json -c "source $tmp/binary"
grep -q '"error":"the rest of .*binary'"'"' was not run (3 of 3 commands failed)".*"commands":3,"failed":3' "$tmp/out"
ok $? "source of a binary: its summary says the rest was not run, 3 of 3 failed"
printf 'alloc 8 a\nalloc 16\000 b\nfree a\n' > "$tmp/nul"
run --json -c "source $tmp/nul"
grep -q '"error":"1 of 3 commands failed in .*"commands":3,"failed":1' "$tmp/out"
ok $? "source of a file with a NUL line: 1 of 3 commands failed, not 1 of 2"
printf 'source %s\nalloc 8 q\n' "$tmp/binary" > "$tmp/outer"
run --json -c "source $tmp/outer"
grep -q '"error":"4 of 5 commands failed in .*outer' "$tmp/out"
ok $? "a source that ran to its end after a source that did not: counted, not cut short"
printf 'alloc 8 a\nfrob\nalloc 8 b\n' > "$tmp/strict"
run --json -s -c "source $tmp/strict"
grep -q '"error":"the rest of .*strict'"'"' was not run (1 of 2 commands failed)"' "$tmp/out"
ok $? "--strict: the source stopped at its failure says the rest was not run"

# Words shaped like commands (typos) never stop a script.
printf 'frob\nAlloc 8\nalloc8\nfrob\necho still read\n' > "$tmp/typos"
run "$tmp/typos"
status_is 1 "a script of typos"
errors_are 4 "unknown command" "a script of typos"

# --- source loops ---------------------------------------------------------------
# Directly.
printf 'alloc 8 one\nsource %s\nexpect blocks 1 used 8\n' "$tmp/self" > "$tmp/self"
run "$tmp/self"
status_is 1 "a script that sources itself"
errors_are 1 "self:2: source: '.*/self' is already running" "a script that sources itself"
summary_is "1 expectation passed, 0 failed" "a script that sources itself"

# Through a symbolic link to itself: another path, the same file.
if ln -s "$tmp/linked" "$tmp/link" 2> /dev/null; then
  printf 'alloc 8 one\nsource %s\nexpect blocks 1 used 8\n' "$tmp/link" > "$tmp/linked"
  run "$tmp/linked"
  status_is 1 "a script that sources itself through a link"
  errors_are 1 "linked:2: source: '.*/link' is already running" \
    "a script that sources itself through a link"
  summary_is "1 expectation passed, 0 failed" "a script that sources itself through a link"
else
  for i in 1 2 3; do n=$((n + 1)); echo "ok $n # SKIP no symbolic links"; done
fi

# Round a loop of three: a sources b, b sources c, c sources a.  Only
# the step that closes the loop is refused; each file's block stays.
printf 'alloc 8 in_a\nsource %s\nexpect blocks 3 used 24\n' "$tmp/b" > "$tmp/a"
printf 'alloc 8 in_b\nsource %s\n' "$tmp/c" > "$tmp/b"
printf 'alloc 8 in_c\nsource %s\nexpect blocks 3\n' "$tmp/a" > "$tmp/c"
run "$tmp/a"
status_is 1 "a loop of three sources"
errors_are 1 "/c:2: source: '.*/a' is already running" "a loop of three sources"
summary_is "2 expectations passed, 0 failed" "a loop of three sources"

# A chain of 40 files, each sourcing the next: commands nest at most 32
# deep, top's source being the first, so chain33 may not source chain34.
i=1
while [ $i -le 40 ]; do
  printf 'source %s\n' "$tmp/chain$((i + 1))" > "$tmp/chain$i"
  i=$((i + 1))
done
printf 'echo the bottom\n' > "$tmp/chain41"
printf 'alloc 8 top\nsource %s\nexpect blocks 1 used 8\n' "$tmp/chain1" > "$tmp/top"
run "$tmp/top"
status_is 1 "sources nested 40 deep"
errors_are 1 "chain33:1: source: commands nested deeper than 32 " "sources nested 40 deep"
summary_is "1 expectation passed, 0 failed" "sources nested 40 deep"
run --json "$tmp/top"
grep -q '"kind":"too-deep","file":"[^"]*chain33","line":1}' "$tmp/out"
ok $? "sources nested 40 deep: the innermost refusal has the kind too-deep"

# 200000 nested explains on one line: an error, never a stack overflow
# (today: SIGSEGV).  The line is past the line limit too.
{ echo "alloc 8 keep"; repeat 200000 E | sed 's/E/explain /g'; echo "alloc 8"; } > "$tmp/deep"
run "$tmp/deep"
status_is 1 "200000 nested explains"
errors_are 1 "deep:2: " "200000 nested explains"
# Within the line limit: 4000 explains fail with too-deep, and expect fail
# can ask for it.
{ echo "alloc 8 keep"; repeat 4000 E | sed 's/E/explain /g'; echo "alloc 8"
  printf 'expect fail too-deep '; repeat 4000 E | sed 's/E/explain /g'; echo "alloc 8"
  echo "expect blocks 1 used 8"; } > "$tmp/deep"
run "$tmp/deep"
status_is 1 "4000 nested explains"
errors_are 1 "deep:2: explain: commands nested deeper than 32 " "4000 nested explains"
summary_is "2 expectations passed, 0 failed" "4000 nested explains"

# compare runs its script in a scratch session: a script that compares
# itself, directly or through another, must end too (today: unbounded
# recursion, and a crash).
printf 'compare %s\n' "$tmp/cmp_self" > "$tmp/cmp_self"
printf 'alloc 8 one\ncompare %s\nexpect blocks 1 used 8\n' "$tmp/cmp_self" > "$tmp/cmp_top"
run "$tmp/cmp_top"
[ "$rc" -eq 0 ] || [ "$rc" -eq 1 ]
ok $? "a script that compares itself: no crash, and it ends"
[ "$(wc -l < "$tmp/err")" -le 1 ]
ok $? "a script that compares itself: at most one error line"
summary_is "1 expectation passed, 0 failed" "a script that compares itself"
printf 'alloc 8\ncompare %s\n' "$tmp/cmp_y" > "$tmp/cmp_x"
printf 'alloc 8\ncompare %s\n' "$tmp/cmp_x" > "$tmp/cmp_y"
run -c "compare $tmp/cmp_x"
[ "$rc" -eq 0 ] || [ "$rc" -eq 1 ]
ok $? "two scripts that compare each other: no crash, and they end"

tap_done
