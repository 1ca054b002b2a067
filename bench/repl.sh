#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# repl.sh - the shell's part of make bench: batch throughput of allocsh in
# text and --json on a generated script, the cost of one command with 1k
# and 100k live blocks, map of 100k blocks, startup, and replay of the
# malloc-lab traces found in ../shared/traces beside the source tree
# (skipped when absent; the time counts reading the trace too), and, when
# OSTEP_MALLOC_PY names OSTEP's malloc.py (no part of this project), it
# and allocsh --ostep on one command line.  Every figure is the median of
# BENCH_ROUNDS interleaved rounds (3 unless set).  Prints rows like
# bench/bench's and writes them as JSON.
#
# Usage: [OSTEP_MALLOC_PY=malloc.py [OSTEP_PYTHON=python3]] repl.sh SRCDIR ALLOCSH [OUT.json]
set -eu
srcdir=$1 allocsh=$2 out=${3:-bench/results-repl.json}
rounds=${BENCH_ROUNDS:-3}
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT INT TERM
rows=
pairs=100000
maps=20

# judged WHAT VALUE UNIT OP TARGET YES NO: one line of the table, one
# object of the JSON.  The ratio is VALUE / TARGET; OP (>= or <=) says
# which side passes; the mark is YES when VALUE does, else NO.
judged() {
    set -- "$1" "$(awk -v v="$2" 'BEGIN { printf "%.4g", v }')" "$3" "$4" "$5" "$6" "$7"
    line=$(awk -v v="$2" -v op="$4" -v t="$5" -v yes="$6" -v no="$7" 'BEGIN {
        pass = op == ">=" ? v >= t : v <= t
        printf "%8.2f  %s\n", v / t, pass ? yes : no }')
    ratio=${line% *} mark=${line##* }
    printf '%-38s %12s %-7s %s  %-14s %s\n' "$1" "$2" "$3" "$ratio" "$4 $5" "$mark"
    rows="$rows${rows:+,
}  {\"what\": \"$1\", \"value\": $2, \"unit\": \"$3\", \"ratio\": $(echo $ratio),\
 \"target\": \"$4 $5\", \"pass\": $([ "$mark" = "$6" ] && echo true || echo false),\
 \"mark\": \"$mark\"}"
}

# row WHAT VALUE UNIT OP TARGET: a figure against its target.
row() { judged "$@" PASS MISS; }

# bound WHAT VALUE UNIT OP TARGET: a floor (or ceiling) of the row above,
# judged by its target: BOUND when even it misses, so that the target is
# out of reach whatever the code above the floor does; else open.
bound() { judged "$@" open BOUND; }

# info WHAT VALUE UNIT: a row that a ratio row compares with.
info() {
    printf '%-38s %12.4g %-7s %8s  %-14s\n' "$1" "$2" "$3" - -
    rows="$rows${rows:+,
}  {\"what\": \"$1\", \"value\": $(awk -v v="$2" 'BEGIN { printf "%.4g", v }'), \"unit\": \"$3\"}"
}

# timed NAME COMMAND...: runs it, output discarded, and adds the seconds
# it took to the samples of NAME: CPU seconds (user and system, with its
# children's), so that the other jobs of a shared machine do not count:
# to the microsecond from $BENCH_CPU --cpu (make bench sets it to
# bench/bench), else to the hundredth from /usr/bin/time; else wall-clock
# seconds.
timed() {
    name=$1
    shift
    if [ -n "${BENCH_CPU:-}" ]; then
        "$BENCH_CPU" --cpu "$@" >>"$tmp/$name.t" || echo 0 >>"$tmp/$name.t"
        return
    fi
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f '%U %S' -o "$tmp/cpu" "$@" >/dev/null 2>&1 || true
        awk '{ s = $1 + $2 } END { print s }' "$tmp/cpu" >>"$tmp/$name.t"
        return
    fi
    t0=$(date +%s.%N)
    "$@" >/dev/null 2>&1 || true
    t1=$(date +%s.%N)
    awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }' >>"$tmp/$name.t"
}

median() { sort -g "$tmp/$1.t" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# script N [EXTRA...]: N automatically named 256-byte blocks on an ealloc
# with room, then the lines EXTRA.
script() {
    n=$1
    shift
    printf 'use ealloc\nset max-pages 1000000\n'
    awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++) print "alloc 256" }'
    for line in "$@"; do printf '%s\n' "$line"; done
}

# Each pair is two commands on a name found by hashing, among n others;
# t_ is no automatic name, so that it is free whatever n is.
pair_lines() { awk -v m=$pairs 'BEGIN { for (i = 0; i < m; i++) print "alloc 256 t_\nfree t_" }'; }

# Fifty runs in one shell, so that /usr/bin/time counts them all.
fifty() { printf 'i=0; while [ $i -lt 50 ]; do i=$((i + 1)); %s; done' "$1"; }

"$allocsh" -a ealloc -m 100000 -c 'gen n=100000 seed=1' >"$tmp/gen.txt"
n=$(grep -cv '^#' "$tmp/gen.txt")
for k in 1000 100000; do
    script $k >"$tmp/setup$k.txt"
    { script $k; pair_lines; } >"$tmp/pairs$k.txt"
done
# Many of each, so that the setup's variation (the allocator's cost of
# 100k allocations) is small beside what is measured.
{ script 100000; yes map | head -n $maps; } >"$tmp/map.txt"
{ script 100000; yes 'map json' | head -n 5; } >"$tmp/mapjson.txt"
traces=$(cd "$srcdir" && pwd)/../shared/traces
# The pages each replay maps at its peak: it maps each at least once;
# and the bytes its pattern fills and checks: every block's, at least
# once each (an alloc's size, and a realloc's new size).
for t in needle boat; do
    [ -r "$traces/$t.rep" ] || continue
    awk '($1 == "a" || $1 == "r") && NF >= 3 { s += $3 } END { printf "%.0f\n", s }' \
        "$traces/$t.rep" >"$tmp/$t.bytes"
    "$allocsh" -a ealloc -m 100000 -c "replay $traces/$t.rep" |
        sed -n 's/.*peak mapped \([0-9]*\) bytes.*/\1/p' |
        awk '{ print int($1 / 4096) }' >"$tmp/$t.pages"
done

# malloc.py's own workload: its random operations, with every answer
# and free list printed (-c), on a heap big enough to keep a long list.
ostep_ops=20000
ostep_args="-s 1 -S 4096 -r 64 -n $ostep_ops -p FIRST -C -c"
python=${OSTEP_PYTHON:-python3} malloc_py=${OSTEP_MALLOC_PY:-} ostep=
if [ -n "$malloc_py" ]; then
    # Both must print the same bytes, or the rows would time different work.
    if [ -r "$malloc_py" ] && "$python" "$malloc_py" $ostep_args >"$tmp/py.out" 2>/dev/null &&
        "$allocsh" --ostep $ostep_args >"$tmp/sh.out" && cmp -s "$tmp/py.out" "$tmp/sh.out"; then
        ostep=yes
    else
        ostep="not run: '$python $malloc_py $ostep_args' failed or printed otherwise than allocsh --ostep"
    fi
fi

round=0
while [ $round -lt "$rounds" ]; do
    round=$((round + 1))
    timed text "$allocsh" -a ealloc -m 100000 "$tmp/gen.txt"
    timed json "$allocsh" --json -a ealloc -m 100000 "$tmp/gen.txt"
    for k in 1000 100000; do
        timed setup$k "$allocsh" "$tmp/setup$k.txt"
        timed pairs$k "$allocsh" "$tmp/pairs$k.txt"
    done
    timed map "$allocsh" "$tmp/map.txt"
    timed mapjson "$allocsh" "$tmp/mapjson.txt"
    timed startup sh -c "$(fifty '"$0" -c quit')" "$allocsh"
    timed exec sh -c "$(fifty /bin/true)"
    if [ "$ostep" = yes ]; then
        timed malloc_py "$python" "$malloc_py" $ostep_args
        timed ostep "$allocsh" --ostep $ostep_args
    fi
    for t in needle boat; do
        if [ -r "$traces/$t.rep" ]; then
            timed $t "$allocsh" -a ealloc -m 100000 -c "replay $traces/$t.rep"
            [ -n "${BENCH_CPU:-}" ] && [ -s "$tmp/$t.pages" ] &&
                "$BENCH_CPU" --touch "$(cat "$tmp/$t.pages")" "$(cat "$tmp/$t.bytes")" \
                    >>"$tmp/touch$t.t"
        fi
    done
done

printf '%-38s %12s %-7s %8s  %-14s %s\n' "what (median of $rounds rounds)" value unit ratio \
    target mark
for mode in text json; do
    want=4000000; [ $mode = json ] && want=2000000
    row "batch $mode, gen n=100000" "$(awk -v n="$n" -v s="$(median $mode)" \
        'BEGIN { print n / s }')" cmd/s ">=" $want
done
for k in 1000 100000; do
    eval "ns$k=\$(awk -v a=$(median setup$k) -v b=$(median pairs$k) -v m=$pairs \
        'BEGIN { print (b - a) / (2 * m) * 1e9 }')"
done
info "command with 1k live blocks" "$ns1000" ns
info "command with 100k live blocks" "$ns100000" ns
row "command with 100k live, vs 1k" "$(awk -v a="$ns1000" -v b="$ns100000" \
    'BEGIN { print b / a }')" x "<=" 2
row "map, 100k blocks" "$(awk -v a="$(median setup100000)" -v b="$(median map)" -v m=$maps \
    'BEGIN { print (b - a) / m }')" s "<=" 0.3
row "map json, 100k blocks" "$(awk -v a="$(median setup100000)" -v b="$(median mapjson)" \
    'BEGIN { print (b - a) / 5 }')" s "<=" 0.3
row "startup, less exec of /bin/true" "$(awk -v a="$(median exec)" -v b="$(median startup)" \
    'BEGIN { print (b - a) / 50 * 1e3 }')" ms "<=" 5
row "startup, with exec" "$(awk -v b="$(median startup)" 'BEGIN { print b / 50 * 1e3 }')" \
    ms "<=" 5
for t in needle boat; do
    if [ ! -s "$tmp/$t.t" ]; then
        echo "replay $t.rep: skipped, $traces/$t.rep absent"
        continue
    fi
    ops=$(sed -n 3p "$traces/$t.rep")
    row "replay $t.rep" "$(awk -v n="$ops" -v s="$(median $t)" \
        'BEGIN { print n / s }')" ops/s ">=" 3000000
    # Mapping the pages, the first write to each, and writing and reading
    # back each block's bytes once (the pattern fill and check), with
    # nothing else: the run can go no faster.
    [ -s "$tmp/touch$t.t" ] &&
        bound "  ceiling: $(cat "$tmp/$t.pages") pages, $(awk -v b="$(cat "$tmp/$t.bytes")" \
            'BEGIN { printf "%.0f", b / 1e6 }') MB checked" "$(awk -v n="$ops" \
            -v s="$(median touch$t)" 'BEGIN { print (s > 0 ? n / s : 1e30) }')" ops/s ">=" 3000000
done
case $ostep in
yes)
    for who in malloc_py ostep; do
        eval "ops_$who=\$(awk -v n=$ostep_ops -v s=\"$(median $who)\" \
            'BEGIN { print (s > 0 ? n / s : 1e30) }')"
    done
    info "malloc.py -n $ostep_ops -c (OSTEP)" "$ops_malloc_py" ops/s
    info "allocsh --ostep, same command line" "$ops_ostep" ops/s
    info "  allocsh --ostep vs malloc.py" "$(awk -v a="$ops_malloc_py" -v b="$ops_ostep" \
        'BEGIN { print b / a }')" x ;;
"") echo "malloc.py: skipped, set OSTEP_MALLOC_PY to OSTEP's malloc.py" ;;
*) echo "malloc.py: $ostep" ;;
esac
printf '{"rows": [\n%s\n]}\n' "$rows" >"$out"
