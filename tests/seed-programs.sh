#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# seed-programs.sh - the assignment's own test programs, run as a student
# would run them, must print the assignment's expected output.
#
# Syntax of tests/seed-programs.expected: a line "== NAME" starts the
# output expected from $top_builddir/tests/NAME (programs run in file
# order); every other line must equal the program's line at the same place,
# except that each "@ADDR@" in it stands for an address as printf's %p
# writes it, matched by the ERE 0x[0-9a-f]+ (the real address changes from
# run to run, so it cannot be spelt out).
#
# TAP: one test point per program for its standard output, then one for
# the exit status of them all.  Run by Automake's tap-driver with
# top_srcdir and top_builddir in the environment; by hand, from the build
# directory: top_srcdir=SRC top_builddir=. sh SRC/tests/seed-programs.sh

. "${top_srcdir:=$(dirname "$0")/..}/tests/tap.sh"
expected=$top_srcdir/tests/seed-programs.expected
bad_status=

# compare WANT GOT: exit 0 when GOT matches WANT line by line; otherwise
# explain each difference on stdout and exit 1.  Matching walks the
# pattern with index() rather than turning it into a regular expression,
# so that no character of the literal text needs escaping.
compare() {
    awk -v want="$1" -v got="$2" '
    function matches(pat, line,   i, lit) {
        while ((i = index(pat, "@ADDR@")) > 0) {
            lit = substr(pat, 1, i - 1)
            if (substr(line, 1, length(lit)) != lit)
                return 0
            line = substr(line, length(lit) + 1)
            if (!match(line, /^0x[0-9a-f]+/))
                return 0
            line = substr(line, RLENGTH + 1)
            pat = substr(pat, i + 6)
        }
        return pat == line
    }
    BEGIN {
        bad = 0
        for (n = 1; ; n++) {
            hw = (getline w < want) > 0
            hg = (getline g < got) > 0
            if (!hw && !hg)
                break
            if (!hg) {
                printf "line %d missing, expected: %s\n", n, w
                bad = 1
            } else if (!hw) {
                printf "line %d unexpected: %s\n", n, g
                bad = 1
            } else if (!matches(w, g)) {
                printf "line %d expected: %s\n", n, w
                printf "line %d got:      %s\n", n, g
                bad = 1
            }
        }
        exit bad
    }'
}

if [ ! -r "$expected" ]; then
    echo "Bail out! cannot read $expected"
    exit 1
fi
programs=$(sed -n 's/^== //p' "$expected")
if [ -z "$programs" ]; then
    echo "Bail out! $expected names no program"
    exit 1
fi

for prog in $programs; do
    # This program's section of the expected file.
    awk -v name="$prog" '/^== / { on = ($2 == name); next } on' \
        "$expected" >"$tmp/$prog.want"
    bin=$builddir/tests/$prog
    if [ ! -x "$bin" ]; then
        point FAIL "$prog prints the expected output"
        echo "#   $bin is not built"
        bad_status="$bad_status $prog(missing)"
        continue
    fi
    ${VALGRIND:-} "$bin" >"$tmp/$prog.out" 2>"$tmp/$prog.err"
    status=$?
    [ "$status" -eq 0 ] || bad_status="$bad_status $prog($status)"
    if compare "$tmp/$prog.want" "$tmp/$prog.out" >"$tmp/$prog.diff"; then
        point OK "$prog prints the expected output"
    else
        point FAIL "$prog prints the expected output"
        diag "$tmp/$prog.diff"
        echo "#   whole output:"
        diag "$tmp/$prog.out"
    fi
    # A program explains its failed checks on stderr, and writes nothing
    # there otherwise, so whatever is there belongs in the log.
    if [ -s "$tmp/$prog.err" ]; then
        echo "#   $prog wrote on stderr:"
        diag "$tmp/$prog.err"
    fi
done

if [ -z "$bad_status" ]; then
    point OK "every program exits with status 0"
else
    point FAIL "every program exits with status 0"
    echo "#   failed (status):$bad_status"
fi

tap_done
