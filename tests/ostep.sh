#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# ostep.sh - allocsh --ostep against malloc.py's recorded runs, byte for
# byte, in ../shared/ostep/cases beside the source tree (each file: its
# command line, its exit status, its standard output, then its standard
# error as '#' lines when it failed); then what allocsh adds: the forms of
# optparse's options, refusals where malloc.py asserts, --json and --map.
set -u
. "${top_srcdir:=$(dirname "$0")/..}/tests/tap.sh"
tap_diagnose() {
  diff "$tmp/want" "$tmp/out" 2>/dev/null | head -10 | sed 's/^/#   /'
  sed 's/^/#   stderr: /' "$tmp/err" 2>/dev/null | head -5
}
cases=$top_srcdir/../shared/ostep/cases

# The recorded run in file $1: arguments into $tmp/args, its output into
# $tmp/want, its exit status printed.
recorded() {
  sed -n '1s/^# malloc\.py //p' "$1" > "$tmp/args"
  sed -n '3,$p' "$1" | sed '/^# stderr:$/,$d' > "$tmp/want"
  sed -n '2s/^# exit //p' "$1"
}

# Runs allocsh --ostep with the words of $tmp/args (no quoting in them).
run_recorded() {
  set -f
  # shellcheck disable=SC2046
  set -- $(cat "$tmp/args")
  set +f
  "$allocsh" --ostep "$@" > "$tmp/out" 2> "$tmp/err"
}

if [ -d "$cases" ]; then
  for f in "$cases"/case*.txt; do
    name=$(basename "$f" .txt)
    status=$(recorded "$f")
    run_recorded
    rc=$?
    if [ "$status" = 0 ]; then
      [ "$rc" -eq 0 ] && cmp -s "$tmp/want" "$tmp/out" && [ ! -s "$tmp/err" ]
      ok $? "$name: $(cat "$tmp/args")"
    else
      # malloc.py crashed: the same output up to there, then an error
      [ "$rc" -eq 1 ] && cmp -s "$tmp/want" "$tmp/out" &&
        grep -q '^allocsh: --ostep: -A: .*ptr\[[0-9]*\], whose allocation failed' "$tmp/err"
      ok $? "$name: where malloc.py crashes, its output then a clear error, status 1"
    fi
  done
else
  skip "malloc.py's recorded runs" "no $cases"
fi

# --- the forms of malloc.py's options --------------------------------------
"$allocsh" --ostep -s 7 -S 64 -p FIRST -C -c -n 6 > "$tmp/want" 2>&1
for form in "-s7 -S64 -pFIRST -Cc -n6" "--seed=7 --size 64 --policy=FIRST --coalesce --compute --numOps=6" \
    "--see 7 --si 64 --po FIRST -cC -n 6" "-n 6 -s 0x7 -S 0100 -p FIRST -c -C" "-s 3 -s 7 -S 64 -p FIRST -C -c -n 6"; do
  # shellcheck disable=SC2086
  "$allocsh" --ostep $form > "$tmp/out" 2>&1
  cmp -s "$tmp/want" "$tmp/out"
  ok $? "'$form' reads as optparse reads it"
done

"$allocsh" --ostep -s 1 -n 2 extra > "$tmp/out" 2> "$tmp/err"
[ $? -eq 0 ] && grep -q "^allocsh: --ostep: ignoring 'extra'" "$tmp/err" && grep -q '^seed 1$' "$tmp/out"
ok $? "a word that is no option is ignored, as malloc.py does, with a warning"

"$allocsh" --ostep -s -5 -n 3 -c > "$tmp/out" 2>&1
"$allocsh" --ostep -s 5 -n 3 -c | sed 's/^seed 5$/seed -5/' > "$tmp/want"
cmp -s "$tmp/want" "$tmp/out"
ok $? "a negative seed draws as its absolute value (Python's random.seed)"

# --- without -c: the questions ----------------------------------------------
"$allocsh" --ostep -s 2 -n 4 > "$tmp/out" 2>&1
grep -q '^ptr\[0\] = Alloc([0-9]*) returned ?$' "$tmp/out" && grep -qx 'List? ' "$tmp/out" &&
  ! grep -q 'Free List' "$tmp/out"
ok $? "random operations without -c: 'returned ?' and 'List? '"

"$allocsh" --ostep -A +5,-0,-3 > "$tmp/out" 2>&1
printf 'ptr[0] = Alloc(5) returned ?\nList?\n\nFree(ptr[0])\nreturned ?\nList?\n\nInvalid Free: Skipping\n' > "$tmp/want"
tail -n 8 "$tmp/out" | cmp -s "$tmp/want" -
ok $? "-A without -c: 'List?' without the space, and a free past the table skipped"

# --- refusals: where malloc.py asserts or computes nonsense -----------------
refused() { # OPTION-NAMED ARGS...
  named=$1
  shift
  "$allocsh" --ostep "$@" > "$tmp/out" 2> "$tmp/err"
  rc=$?
  [ "$rc" -eq 2 ] && [ ! -s "$tmp/out" ] && grep -q "^allocsh: --ostep: .*$named" "$tmp/err"
  ok $? "refused with status 2, naming $named: $*"
}
refused "option -P" -P 0
refused "option -a" -a 0
refused "option -a" -a -2
refused "option -p" -p NEXT
refused "option -l" -l SIZESORT
refused "option -S" -S 0
refused "option -H" -H -1
refused "option -H" -S 8 -H 8
refused "option -b" -b -50
refused "option -r" -r -3
refused "option -A: bad operation '+0'" -A +10,+0
refused "option -A: bad operation 'x3'" -A +10,x3
refused "option -A: bad operation ''" -A +10,
refused "option -s: invalid integer value: '08'" -s 08
refused "option -n: invalid integer value: 'ten'" -n ten
refused "-s option requires 1 argument" -s
refused "no such option: -x" -x
refused "ambiguous option: --s" --s 5
refused "--compute option does not take a value" --compute=1

"$allocsh" --ostep -c -n 1 -s 9 --compute > /dev/null
ok $? "a flag given twice is still only a flag"

"$allocsh" -c 'alloc 8' --ostep > "$tmp/out" 2>&1
[ $? -eq 2 ] && grep -q -- "--ostep takes only -j before it, not '-c'" "$tmp/out"
ok $? "--ostep with -c is a usage error"

# Anything but -j before --ostep would be ignored (the simulation takes
# malloc.py's options, after it): refused, naming it.
"$allocsh" -p worst --ostep -n 1 > "$tmp/out" 2>&1
[ $? -eq 2 ] && grep -q -- "--ostep takes only -j before it, not '-p'" "$tmp/out"
ok $? "an allocsh option before --ostep is a usage error"
printf 'alloc 8\n' > "$tmp/script"
"$allocsh" "$tmp/script" --ostep -n 1 > "$tmp/out" 2>&1
[ $? -eq 2 ] && grep -q -- "--ostep takes only -j before it, not '$tmp/script'" "$tmp/out"
ok $? "so is a script before --ostep"
"$allocsh" --json --ostep -n 1 -s 1 > "$tmp/out" 2>&1 && grep -q '"cmd":"ostep"' "$tmp/out"
ok $? "--json before --ostep is taken, as -j is"
"$allocsh" --js --ostep -n 1 -s 1 > "$tmp/out" 2>&1 && grep -q '"cmd":"ostep"' "$tmp/out"
ok $? "so is --js, which getopt takes for --json"

"$allocsh" --ostep --help > "$tmp/out" 2>&1
[ $? -eq 0 ] && grep -q -- '--percentAlloc' "$tmp/out"
ok $? "--ostep --help lists malloc.py's options"

# --- what allocsh adds ------------------------------------------------------
"$allocsh" --ostep -s 4 -n 8 -H 4 -a 4 -c --json > "$tmp/out" 2>&1
"$jsoncheck" < "$tmp/out" && [ "$(wc -l < "$tmp/out")" -eq 9 ] &&
  head -1 "$tmp/out" | grep -q '^{"cmd":"ostep","ok":true,"seed":4,.*"header":4,"align":4,' &&
  grep -q '^{"cmd":"alloc","ok":true,"index":0,"size":[0-9]*,"returned":[0-9]*,"block":[0-9]*,"searched":1,"free_list":\[{"addr":' "$tmp/out"
ok $? "--json: the parameters, then one object per operation with its free list"

"$allocsh" -j --ostep -s 4 -n 8 -H 4 -a 4 -c > "$tmp/want" 2>&1
cmp -s "$tmp/want" "$tmp/out"
ok $? "allocsh's own -j before --ostep is --json"

"$allocsh" --ostep -S 10 -A +20,-0,-0 -c --json > "$tmp/out" 2>&1
grep -q '^{"cmd":"alloc","ok":false,"error":"out of memory: no free extent holds 20 bytes","kind":"out-of-memory","index":0,"size":20,"returned":-1,"searched":1,' "$tmp/out" &&
  [ "$(grep -c '"skipped":true' "$tmp/out")" -eq 2 ]
ok $? "--json: a failed allocation and skipped frees say why, in the envelope"

# +6 fails, +4 succeeds: two allocations succeeded, and ptr[1] is not one
"$allocsh" --ostep -S 8 -A +3,+6,+4,-1 -c > "$tmp/out" 2> "$tmp/err"
[ $? -eq 1 ] && tail -1 "$tmp/out" | grep -qx 'Free(ptr\[1\])' &&
  grep -q 'ptr\[1\], whose allocation failed (malloc.py crashes here)' "$tmp/err"
ok $? "a free of an index whose allocation failed: the Free line, then the error"

"$allocsh" --ostep -S 8 -A +3,+6,+4,-1 -c --json > "$tmp/out" 2>&1
[ $? -eq 1 ] && "$jsoncheck" < "$tmp/out" && tail -1 "$tmp/out" |
  grep -q '^{"cmd":"free","ok":false,"error":"-A: -1 frees ptr\[1\], whose allocation failed'
ok $? "--json: there the last object is the error, and the status 1"

"$allocsh" --ostep -s 1 -n 3 -c --map > "$tmp/out" 2>&1
[ "$(grep -c '^used [0-9]* bytes' "$tmp/out")" -eq 3 ] && grep -q '^  block ptr0 ' "$tmp/out"
ok $? "--map: allocsh's map after every operation, blocks named ptrN"

"$allocsh" --ostep -S 40 -H 4 -p WORST -C -A +8,+3,-0,+2,-1 -c --explain > "$tmp/out" 2>&1
"$allocsh" --ostep -S 40 -H 4 -p WORST -C -A +8,+3,-0,+2,-1 -c > "$tmp/want" 2>&1
grep -qx 'worst fit for 2 bytes (6 with alignment and header):' "$tmp/out" &&
  grep -qx '  chosen: \[1019, 1040)' "$tmp/out" &&
  grep -qx '  merges with the free extent \[1000, 1012) on its left' "$tmp/out" &&
  grep -v '^  \|^worst fit\|^freeing' "$tmp/out" | cmp -s "$tmp/want" -
ok $? "--explain: each decision in heap addresses, and malloc.py's lines around it unchanged"

"$allocsh" --ostep -S 10 -A +4 -c --explain --json > "$tmp/out" 2>&1
tail -1 "$tmp/out" | grep -q '"explain":\["best fit for 4 bytes:",'
ok $? "--explain with --json: the explanation as an \"explain\" array"

tap_done
