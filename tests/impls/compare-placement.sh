#!/bin/sh
# compare-placement.sh - does a submission place blocks where allocsh does?
#
#   tests/impls/compare-placement.sh IMPL_DIR [SCRIPT...]
#
# Builds tests/impls/placement.c with IMPL_DIR/alloc.c and IMPL_DIR/ealloc.c,
# plays each SCRIPT (default: random scenarios from allocsh's gen, for both
# allocators, small and large sizes) on the submission and on allocsh, and
# diffs the lines that say where each block went.  Run from the top of the
# source tree after make; $ALLOCSH overrides src/allocsh, $SEEDS the gen
# seeds.  No sandbox: use it on trusted code only.  Exit 0 when every
# script matched.
set -eu

[ $# -ge 1 ] || { echo "usage: $0 IMPL_DIR [SCRIPT...]" >&2; exit 2; }
impl=$1
shift
allocsh=${ALLOCSH:-src/allocsh}
seeds=${SEEDS:-"1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20"}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

${CC:-cc} -Wall -Wextra -I lib -o "$tmp/placement" tests/impls/placement.c \
    "$impl/alloc.c" "$impl/ealloc.c"

placed() { grep -E '^(freed )?[A-Za-z][A-Za-z0-9_]*: [0-9]+ bytes at page [0-9]+, offset [0-9]+$' || true; }

if [ $# -eq 0 ]; then
    for seed in $seeds; do
        "$allocsh" -c "gen n=60 seed=$seed size=8-512 alloc=60" > "$tmp/alloc-$seed.txt"
        "$allocsh" -c "gen n=200 seed=$seed size=8-64 alloc=70" > "$tmp/alloc-small-$seed.txt"
        "$allocsh" -c "use ealloc; gen n=60 seed=$seed alloc=60" | grep -v '^using ' > "$tmp/ealloc-$seed.txt"
        "$allocsh" -c "use ealloc; gen n=60 seed=$seed size=256-1024 alloc=65" | grep -v '^using ' > "$tmp/ealloc-small-$seed.txt"
    done
    set -- "$tmp"/*.txt
fi

failed=0
for script in "$@"; do
    "$allocsh" "$script" 2>/dev/null | placed > "$tmp/want" || true
    "$tmp/placement" < "$script" 2>/dev/null | placed > "$tmp/got" || true
    if ! diff -u "$tmp/want" "$tmp/got" > "$tmp/diff"; then
        echo "MISMATCH: $(basename "$script") (- allocsh, + $impl)"
        head -n 20 "$tmp/diff"
        failed=$((failed + 1))
    fi
done
echo "$impl: $# scripts, $failed mismatched"
[ "$failed" -eq 0 ]
