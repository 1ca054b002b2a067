#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# repl.sh - the shell's part of make bench: batch throughput of allocsh in
# text and --json on a generated script, and replay of the malloc-lab
# traces found in ../shared/traces beside the source tree (skipped when
# absent).  Prints rows like bench/bench's and writes them as JSON.
#
# Usage: repl.sh SRCDIR ALLOCSH [OUT.json]
set -eu
srcdir=$1 allocsh=$2 out=${3:-bench/results-repl.json}
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT INT TERM
now() { date +%s.%N; }
rows=

# row WHAT VALUE UNIT TARGET: one line of the table, one object of the JSON.
row() {
    mark=$(awk -v v="$2" -v t="$4" 'BEGIN { print (v >= t ? "PASS" : "MISS") }')
    printf '%-38s %14.0f %-8s target >= %-10s %s\n' "$1" "$2" "$3" "$4" "$mark"
    rows="$rows${rows:+,
}  {\"what\": \"$1\", \"value\": $2, \"unit\": \"$3\", \"target\": $4, \"pass\": $([ "$mark" = PASS ] && echo true || echo false)}"
}

# rate COMMAND...: runs it (output discarded), prints seconds taken.
rate() {
    t0=$(now)
    "$@" >/dev/null 2>&1 || true
    t1=$(now)
    awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }'
}

"$allocsh" -a ealloc -m 100000 -c 'gen n=100000 seed=1' >"$tmp/gen.txt"
n=$(grep -cv '^#' "$tmp/gen.txt")
for mode in text json; do
    flag=; [ $mode = json ] && flag=--json
    s=$(rate "$allocsh" $flag -a ealloc -m 100000 "$tmp/gen.txt")
    want=4000000; [ $mode = json ] && want=2000000
    row "batch $mode, gen n=100000" "$(awk -v n="$n" -v s="$s" 'BEGIN { print n / s }')" cmd/s $want
done

traces=$(cd "$srcdir" && pwd)/../shared/traces
for t in needle boat; do
    f=$traces/$t.rep
    if [ ! -r "$f" ]; then
        echo "replay $t.rep: skipped, $f absent"
        continue
    fi
    ops=$(sed -n 3p "$f")
    s=$(rate "$allocsh" -a ealloc -m 100000 -c "replay $f")
    row "replay $t.rep" "$(awk -v n="$ops" -v s="$s" 'BEGIN { print n / s }')" ops/s 3000000
done
printf '{"rows": [\n%s\n]}\n' "$rows" >"$out"
