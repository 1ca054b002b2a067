#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# impl.sh - allocsh --impl and --grade on the submissions of tests/impls:
#   - the correct one prints exactly what allocsh's own allocator prints,
#     text and JSON, on every scenario that uses only the assignment's
#     operations;
#   - it passes the whole default suite, and every faulty one is caught by
#     the suite and by a plain session, with the kind of failure its fault
#     makes;
#   - no submission can crash or hang allocsh, or write a file;
#   - a submission that does not compile is reported with the compiler's
#     words and exit status 1;
#   - the grader's table, JSON, TAP and Gradescope outputs.
set -u
. "${top_srcdir:=$(dirname "$0")/..}/tests/tap.sh"
impls=$(cd "$top_srcdir/tests/impls" && pwd)
suite=$(cd "$top_srcdir/suite/assignment" && pwd)
ALLOCSH_CACHE_DIR=$tmp/cache
export ALLOCSH_CACHE_DIR
limit=120
rc=0
mkdir "$tmp/cwd"

tap_diagnose() {
  { echo "exit status $rc"; head -c 1500 "$tmp/err"; echo; head -c 1500 "$tmp/out"; } |
    cut -c1-200 | sed 's/^/#   /' | head -30
}

# run ARGS... : allocsh in an empty directory, bounded; rc, $tmp/out, $tmp/err.
run() {
  (cd "$tmp/cwd" && timeout "$limit" "$allocsh" "$@") > "$tmp/out" 2> "$tmp/err" < /dev/null
  rc=$?
}

# Only the assignment's operations, and no options of its own.
seed_only() {
  [ -f "${1%.in}.args" ] && return 1
  ! sed -e 's/#.*//' -e 's/^[ \t]*//' "$1" | awk 'NF { print $1 }' |
    grep -qv '^\(alloc\|free\|write\|read\|dump\|list\|map\|stats\|use\|reset\|expect\|echo\|help\)$'
}

# --- the correct submission is allocsh's allocator, byte for byte ----------
same=0 differ=0
for script in "$top_srcdir"/tests/scenarios/*.in; do
  seed_only "$script" || continue
  name=$(basename "$script" .in)
  for mode in text json; do
    flag=
    [ "$mode" = json ] && flag=--json
    (cd "$top_srcdir/tests/scenarios" &&
      "$allocsh" --check $flag "$name.in" > "$tmp/want" 2>&1; echo "[exit $?]" >> "$tmp/want")
    (cd "$top_srcdir/tests/scenarios" &&
      timeout "$limit" "$allocsh" --check $flag --impl "$impls/correct" "$name.in" \
        > "$tmp/got" 2>&1; echo "[exit $?]" >> "$tmp/got")
    if cmp -s "$tmp/want" "$tmp/got"; then
      same=$((same + 1))
    else
      differ=$((differ + 1))
      echo "# $name ($mode) differs under --impl:"
      diff "$tmp/want" "$tmp/got" | head -10 | sed 's/^/#   /'
    fi
  done
done
[ "$differ" -eq 0 ] && [ "$same" -ge 40 ]
ok $? "--impl correct prints what allocsh prints on $same scenario runs ($differ differ)"

# --- the default suite --------------------------------------------------
run --grade --suite="$suite" --json "$impls/correct"
ok $rc "the correct submission passes the whole default suite"
grep -q '"score":\([0-9]*\),"max_score":\1,' "$tmp/out"
ok $? "... with every point"

# fixture NAME KIND STATUS: the suite fails it, some test with STATUS and
# KIND named in its output; and a session of that test, as a TA would
# run it by hand, says KIND too.
fixture() {
  name=$1 kind=$2 status=$3
  run --grade --suite="$suite" --json "$impls/$name"
  [ "$rc" -eq 1 ] && grep -q "\\[$kind\\]" "$tmp/out" &&
    grep -q "\"status\":\"$status\"" "$tmp/out"
  ok $? "$name: the suite fails it with $status, naming $kind"
  [ -z "$(ls -A "$tmp/cwd")" ]
  ok $? "$name: no file was written"
  test=$(grep -o "\"name\":\"[^\"]*\",\"status\":\"[a-z ]*\",\"score\":[0-9]*,\"max_score\":[0-9]*,\"output\":\"[^\"]*\\[$kind\\]" "$tmp/out" |
    head -n 1 | sed 's/^"name":"\([^"]*\)".*/\1/')
  run --impl "$impls/$name" "$suite/${test:-none}.txt"
  [ "$rc" -eq 1 ] && grep -q ": $kind: " "$tmp/err"
  ok $? "$name: a session of ${test:-no test} says $kind, and allocsh exits 1"
}
fixture no-coalesce placement fail
fixture best-fit placement fail
fixture inline-headers placement fail
fixture overlap overlap fail
fixture heap-not-mmap bad-pointer fail
fixture crash-in-free crash crash
fixture endless-loop timeout timeout
fixture forbidden-file forbidden forbidden
fixture forbidden-process forbidden forbidden
fixture eager-pages page-rule fail
fixture no-page-limit page-rule fail
fixture leak leak fail
fixture sizes-not-enforced size-rule fail

# --- a crash leaves allocsh in charge -------------------------------------
run --impl "$impls/crash-in-free" -c 'alloc 8; free a; alloc 8; echo still here'
[ "$rc" -eq 1 ] && grep -q '^still here$' "$tmp/out" &&
  grep -q 'gone: the submission is no longer running' "$tmp/err"
ok $? "after a crash every later call fails fast with 'gone', and the script goes on"

# The runner reports a forbidden call on its socket, then exits with 66:
# a submission's own exit with 66 is no forbidden call.  One that blocks
# SIGSYS is killed by the kernel at its forbidden call, the runner's
# handler never running: that is the forbidden call, not a crash.
# wraps NAME BODY: a submission whose alloc_mem runs BODY for a size of
# 24, then is the correct one.
wraps() {
  mkdir -p "$tmp/$1"
  cat > "$tmp/$1/alloc.c" << EOF_C
#define alloc_mem correct_alloc_mem
#include "$(cd "$top_srcdir" && pwd)/tests/impls/correct/alloc.c"
#undef alloc_mem
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>
char *alloc_mem(int size)
{
    if (size == 24) {
        $2
    }
    return correct_alloc_mem(size);
}
EOF_C
}
wraps exit66 '_exit(66);'
run --impl "$tmp/exit66" -c 'alloc 8; alloc 24'
[ "$rc" -eq 1 ] && grep -q 'alloc: crash: alloc_mem(24) ended the process with exit status 66' "$tmp/err"
ok $? "a submission's own _exit(66) is an exit, not a forbidden call"
wraps nosigsys 'sigset_t s; sigemptyset(&s); sigaddset(&s, SIGSYS);
        sigprocmask(SIG_BLOCK, &s, 0); socket(AF_INET, SOCK_STREAM, 0);'
run --impl "$tmp/nosigsys" -c 'alloc 8; alloc 24'
[ "$rc" -eq 1 ] && grep -q 'alloc: forbidden: alloc_mem(24) made a forbidden system call (with SIGSYS blocked' "$tmp/err"
ok $? "a forbidden call with SIGSYS blocked is forbidden, not a crash"

run --impl "$impls/endless-loop" --impl-timeout=0.3 -c 'use ealloc
alloc 4096
alloc 4096
alloc 4096
alloc 4096
alloc 256
echo done'
[ "$rc" -eq 1 ] && grep -q 'did not return within 300 ms' "$tmp/err" && grep -q '^done$' "$tmp/out"
ok $? "--impl-timeout bounds each call"

# --- the impl command -------------------------------------------------------
run --impl "$impls/correct" -c 'use ealloc; alloc 256; impl'
[ "$rc" -eq 0 ] && grep -q '^submission .*correct, ealloc: running$' "$tmp/out" &&
  grep -q '^  pages mapped   1 now, 1 at most$' "$tmp/out" &&
  grep -q '^  address space  [0-9]* KiB (VSZ), +4 KiB since it started$' "$tmp/out"
ok $? "impl: the submission runs, its one page, and its VSZ grown by that page"
run -c impl
[ "$rc" -eq 1 ] && grep -q 'impl: no submission: start allocsh with --impl PATH' "$tmp/err"
ok $? "impl without --impl is a usage error"

# --- checks a TA makes reports only ---------------------------------------
run --impl "$impls/no-coalesce" --impl-checks=safety -c 'alloc 64; alloc 64; free a; free b; alloc 128'
[ "$rc" -eq 0 ] && grep -q 'warning: placement: ' "$tmp/err"
ok $? "--impl-checks=safety reports placement as a warning, exit 0"
run --impl "$impls/correct" --impl-checks=bogus -c 'alloc 8'
[ "$rc" -eq 2 ] && grep -q "unknown check 'bogus'" "$tmp/err"
ok $? "an unknown check is a usage error"

# --- compile errors and missing files -------------------------------------
mkdir "$tmp/broken"
printf '#include "alloc.h"\nint init_alloc(void) { return 0 }\n' > "$tmp/broken/alloc.c"
run --impl "$tmp/broken" -c 'alloc 8'
[ "$rc" -eq 1 ] && grep -q 'error' "$tmp/err" && grep -q 'alloc.c' "$tmp/err"
ok $? "a compile error: the compiler's message, exit 1"
run --grade --suite="$suite" "$tmp/broken"
[ "$rc" -eq 1 ] && grep -q 'CC' "$tmp/out"
ok $? "... and every test of it graded 'compile error'"
# Macros that expand exponentially: the compiler would grow to gigabytes
# before its 60 s timeout; its data limit stops it within seconds.
mkdir "$tmp/huge-cc"
printf '%s\n' '#define A(x) x x x x x x x x' '#define B(x) A(A(A(A(x))))' \
  '#define C(x) B(B(B(x)))' 'int v = C(1+) 0;' > "$tmp/huge-cc/alloc.c"
run --impl "$tmp/huge-cc" -c 'alloc 8'
[ "$rc" -eq 1 ] && grep -q 'does not compile' "$tmp/err" && grep -qi 'memory' "$tmp/err"
ok $? "a compiler that grows without end is stopped by its data limit: a compile error"
mkdir "$tmp/only-alloc"
printf '#include "%s/correct/alloc.c"\n' "$impls" > "$tmp/only-alloc/alloc.c"
run --impl "$tmp/only-alloc" -c 'alloc 8; use ealloc'
[ "$rc" -eq 1 ] && grep -q 'no-api: the submission has no ealloc.c' "$tmp/err"
ok $? "using an API the submission lacks says so"

run --grade --suite="$suite" --json "$tmp/only-alloc"
[ "$rc" -eq 1 ] && grep -q 'no-api: the submission has no ealloc.c' "$tmp/out" &&
  ! grep -q '"status":"crash"' "$tmp/out" && grep -q '"status":"fail"' "$tmp/out"
ok $? "--grade: the ealloc tests of a submission without ealloc.c fail with no-api, never crash"

# --- a warning never hides a failure of safety ------------------------------
# init maps a page too many (page-rule, a warning under safety); the
# pointer then runs past its page (bad-pointer, never a warning).
mkdir "$tmp/two-pages"
cat > "$tmp/two-pages/alloc.c" << 'EOF_C'
#define _DEFAULT_SOURCE
#include <sys/mman.h>
#include "alloc.h"
static char *page;
int init_alloc(void)
{
    page = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return page == MAP_FAILED;
}
int cleanup_alloc(void) { return 0; }
char *alloc_mem(int size) { (void)size; return page + 4088; }
void dealloc_mem(char *p) { (void)p; }
EOF_C
run --impl "$tmp/two-pages" --impl-checks=safety -c 'alloc 16; list'
[ "$rc" -eq 1 ] && grep -q 'alloc: bad-pointer: alloc_mem(16) returned page 0 offset 4088, which runs past the end of its page$' "$tmp/err" &&
  grep -q '^no blocks$' "$tmp/out"
ok $? "a page-rule warning does not hide a bad pointer: it fails, and the block is not kept"

# More mappings in one call than a reply can list: allocsh lost track.
mkdir "$tmp/many-maps"
cat > "$tmp/many-maps/ealloc.c" << EOF_C
#define einit_alloc correct_einit_alloc
#include "$impls/correct/ealloc.c"
#undef einit_alloc
int einit_alloc(void)
{
    for (int i = 0; i < 40; i++)
        munmap(mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), 4096);
    return correct_einit_alloc();
}
EOF_C
run --impl "$tmp/many-maps" -c 'use ealloc; alloc 256'
[ "$rc" -eq 1 ] && grep -q 'use: page-rule: the submission mapped or unmapped memory 48 times more than allocsh can follow in one call (32)' "$tmp/err"
ok $? "mappings past what a reply can list are a page-rule failure, not ignored"

# Mappings the assignment never makes: a live block's page unmapped (and
# another mapped, maybe where it was), or a 64 KiB "page" whose bytes past
# the first 16 KiB are scribbled over.
mkdir "$tmp/remaps" "$tmp/big-page"
cat > "$tmp/remaps/alloc.c" << EOF_C
#define alloc_mem correct_alloc_mem
#include "$impls/correct/alloc.c"
#undef alloc_mem
char *alloc_mem(int size)
{
    static int calls;
    char *p = correct_alloc_mem(size);
    if (++calls == 2) {
        munmap(page, 4096);
        mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    }
    return p;
}
EOF_C
run --impl "$tmp/remaps" -c 'alloc 8; alloc 8'
[ "$rc" -eq 1 ] &&
  grep -q '^allocsh: -c:2: alloc: corrupted: the submission unmapped the memory of the live block at page 0 offset 0$' "$tmp/err"
ok $? "a live block's page unmapped is corrupted, even with a page mapped again"
cat > "$tmp/big-page/ealloc.c" << 'EOF_C'
#define _DEFAULT_SOURCE
#include <string.h>
#include <sys/mman.h>
#include "ealloc.h"
static char *region;
static int blocks;
int einit_alloc(void) { return 0; }
int ecleanup_alloc(void) { return 0; }
char *ealloc_mem(int size)
{
    (void)size;
    if (!region)
        region = mmap(0, 65536, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return region + 20480 + 256 * blocks++;
}
void edealloc_mem(char *p) { (void)p; memset(region + 20480, 'Z', 256); }
EOF_C
run --impl "$tmp/big-page" --impl-checks=safety -c 'use ealloc; alloc 256; write a hello; alloc 256; free b'
[ "$rc" -eq 1 ] &&
  grep -q '^allocsh: -c:2: alloc: warning: page-rule: the submission mapped 65536 bytes at once; ealloc maps pages of 4096 bytes, one at a time$' "$tmp/err" &&
  grep -q '^allocsh: -c:5: free: corrupted: the block at page 0 offset 20480 lost its bytes' "$tmp/err"
ok $? "an ealloc mapping of 64 KiB breaks the page rule, and its bytes past 16 KiB are checked"

# A submission printing 20 MiB in one call: its output, through a pipe,
# stops at 16 MiB with a note, and the call's answer still comes.
mkdir "$tmp/chatty"
cat > "$tmp/chatty/alloc.c" << EOF_C
#define alloc_mem correct_alloc_mem
#include "$impls/correct/alloc.c"
#undef alloc_mem
char *alloc_mem(int size)
{
    static char chunk[65536];
    memset(chunk, 'x', sizeof chunk);
    for (int i = 0; i < 320; i++)
        fwrite(chunk, 1, sizeof chunk, stdout);
    return correct_alloc_mem(size);
}
EOF_C
bytes=$(cd "$tmp/cwd" && timeout "$limit" "$allocsh" --impl "$tmp/chatty" --impl-timeout=60 \
  -c 'alloc 8' 2>&1 | tee "$tmp/tail" | wc -c)
[ "$bytes" -gt $((16 << 20)) ] && [ "$bytes" -lt $((16 << 20 | 4096)) ] &&
  tail -c 300 "$tmp/tail" | grep -q "^\[allocsh: the submission's output reached 16 MiB; any more is dropped\]$" &&
  tail -c 300 "$tmp/tail" | grep -q '^a: 8 bytes at page 0, offset 0$'
ok $? "a submission's output stops at 16 MiB ($bytes bytes), and its call's answer still comes"

# --- the grader's formats -------------------------------------------------
run --grade --suite="$suite" --jobs=2 --tap "$impls/correct" "$impls/leak"
head -n 1 "$tmp/out" | grep -q '^1\.\.[0-9]' && grep -q '^ok 1 - ' "$tmp/out" &&
  grep -q '^not ok .* # fail$' "$tmp/out"
ok $? "--tap: a plan, and a point per test and submission"
# A path holding a newline (or a '#', to TAP) would break a line of the
# table or of TAP: shown escaped, one line per submission and per point.
odd="$tmp/odd
na#me"
ln -s "$impls/correct" "$odd"
run --grade --suite="$suite" "$odd"
[ "$rc" -eq 0 ] && [ "$(grep -c "odd" "$tmp/out")" -eq 1 ] &&
  grep -q '/odd\\nna#me  *ok  *ok.*  23/23$' "$tmp/out"
ok $? "a submission path with a newline is one row of the table, escaped"
run --grade --suite="$suite" --tap "$odd"
[ "$rc" -eq 0 ] && [ "$(grep -c '^ok [0-9]* - ' "$tmp/out")" -eq "$(sed -n 's/^1\.\.//p' "$tmp/out")" ] &&
  grep -q '/odd\\nna\\#me: 01-first-fit$' "$tmp/out"
ok $? "... and one line per TAP point, its '#' escaped"
# A backslash before the '#' must not undo its escape: "x\# TODO" would
# read as a TODO directive, and a failing submission's points as passes.
odd2="$tmp/x\\# TODO"
ln -s "$impls/best-fit" "$odd2"
run --grade --suite="$suite" --tap "$odd2"
[ "$rc" -eq 1 ] && grep -q '^not ok 1 - .*/x\\\\\\# TODO: 01-first-fit # fail$' "$tmp/out"
ok $? "... and a backslash too, so that no escape is undone"
run --grade --suite="$suite" --gradescope="$tmp/gs" "$impls/correct" "$impls/leak"
[ -f "$tmp/gs/correct.json" ] && [ -f "$tmp/gs/leak.json" ]
ok $? "--gradescope writes a results.json per submission"
for f in correct leak; do
  "$jsoncheck" --gradescope < "$tmp/gs/$f.json" > "$tmp/why" 2>&1
  ok $? "$f.json is Gradescope's format (score; tests with name, score, max_score, output)" ||
    diag "$tmp/why"
done
mkdir "$tmp/s1" "$tmp/s2"
ln -s "$impls/correct" "$tmp/s1/x"
ln -s "$impls/correct" "$tmp/s2/x"
run --grade --suite="$suite" --gradescope="$tmp/gs2" "$tmp/s1/x" "$tmp/s2/x"
[ "$rc" -eq 2 ] && [ ! -e "$tmp/gs2" ] &&
  grep -q "^allocsh: --gradescope: '$tmp/s1/x' and '$tmp/s2/x' would both write x.json$" "$tmp/err"
ok $? "--gradescope refuses two submissions of one name, before grading"
(cd "$impls/leak" && timeout "$limit" "$allocsh" --grade --suite="$suite" \
  --gradescope="$tmp/gs3" . "$impls/correct/") > /dev/null 2>&1
[ -f "$tmp/gs3/leak.json" ] && [ -f "$tmp/gs3/correct.json" ]
ok $? "--gradescope names '.' and a path with a trailing slash by their directories"
run --grade --suite="$suite" "$impls/correct" "$impls/endless-loop"
grep -q '^submission ' "$tmp/out" && grep -q 'TIME' "$tmp/out" && grep -q '^tests:' "$tmp/out"
ok $? "the table: a row per submission, its statuses and score, and the tests"

tap_done
