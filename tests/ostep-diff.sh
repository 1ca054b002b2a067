#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# ostep-diff.sh - `make check-ostep`: random malloc.py command lines run
# through malloc.py itself and through allocsh --ostep, compared byte for
# byte (standard output and exit status).  malloc.py is not part of the
# project, so this is not in make check:
#   OSTEP_MALLOC_PY=path/to/malloc.py   the simulator (skips without it)
#   OSTEP_PYTHON=python3                 the interpreter to run it with
#   OSTEP_RUNS=300 OSTEP_SEED=1          how many command lines, from which seed
# The command lines are drawn from values allocsh accepts (it refuses
# some malloc.py takes: a heap of 0 bytes, a header as large as the heap,
# a negative base, +0, -P 0), with -A lists that free valid, stale,
# failed and out-of-range indices.
set -u
. "${top_srcdir:=$(dirname "$0")/..}/tests/tap.sh"
tap_diagnose() {
  echo "#   command line: $line"
  diff "$tmp/py" "$tmp/ours" 2>/dev/null | head -8 | sed 's/^/#   /'
}
runs=${OSTEP_RUNS:-300}
seed=${OSTEP_SEED:-1}
python=${OSTEP_PYTHON:-python3}
malloc_py=${OSTEP_MALLOC_PY:-}

if [ -z "$malloc_py" ] || [ ! -r "$malloc_py" ] || ! command -v "$python" > /dev/null; then
  skip "random command lines against malloc.py" "set OSTEP_MALLOC_PY to malloc.py (and python3)"
  tap_done
  exit
fi

# One command line a line, as words without quoting.
awk -v runs="$runs" -v seed="$seed" '
  function pick(s,   a, k) { k = split(s, a, " "); return a[int(rand() * k) + 1] }
  function alloc_list(   n, i, made, out, op) {
    n = int(rand() * 16) + 1; made = 0; out = ""
    for (i = 0; i < n; i++) {
      if (made == 0 || rand() < 0.55) { op = "+" (int(rand() * 40) + 1); made++ }
      else op = "-" int(rand() * (made + 2))
      out = out (i ? "," : "") op
    }
    return out
  }
  BEGIN {
    srand(seed)
    for (r = 0; r < runs; r++) {
      s = "-s " int(rand() * 1000000)
      size = 100
      if (rand() < 0.5) { size = pick("1 8 30 64 100 256 1000 4096 5000"); s = s " -S " size }
      if (rand() < 0.4) s = s " -b " pick("0 1000 4096 65536 1")
      header = pick("0 1 4 8 16")
      if (rand() < 0.4 && header + 0 < size + 0) s = s " -H " header
      if (rand() < 0.4) s = s " -a " pick("-1 1 2 4 8 16")
      s = s " -p " pick("BEST WORST FIRST")
      if (rand() < 0.6) s = s " -l " pick("ADDRSORT SIZESORT+ SIZESORT- INSERT-FRONT INSERT-BACK")
      if (rand() < 0.5) s = s " -C"
      if (rand() < 0.3) s = s " -A " alloc_list()
      else {
        s = s " -n " int(rand() * 60)
        if (rand() < 0.5) s = s " -r " pick("0 1 5 10 30 100 1000")
        if (rand() < 0.5) s = s " -P " pick("1 10 30 50 70 90 100 150")
      }
      if (rand() < 0.85) s = s " -c"
      print s
    }
  }' > "$tmp/lines"

matched=0
while IFS= read -r line; do
  set -f
  # shellcheck disable=SC2086
  "$python" "$malloc_py" $line > "$tmp/py" 2> /dev/null
  py=$?
  # shellcheck disable=SC2086
  "$allocsh" --ostep $line > "$tmp/ours" 2> /dev/null
  ours=$?
  set +f
  if [ "$py" -eq "$ours" ] && cmp -s "$tmp/py" "$tmp/ours"; then
    matched=$((matched + 1))
    ok 0 "$line"
  else
    ok 1 "$line (exit $ours, malloc.py $py)"
  fi
done < "$tmp/lines"
echo "# $matched of $runs command lines matched malloc.py byte for byte"
tap_done
