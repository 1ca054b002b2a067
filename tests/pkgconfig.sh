#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# pkgconfig.sh - a program outside the tree must build against the
# INSTALLED library through pkg-config alone, and run with it.
#
# The build tree is installed into a scratch DESTDIR; pagealloc.pc is then
# read with pkg-config --define-prefix, which takes the prefix from where
# the .pc file lies (DIR/lib/pkgconfig/pagealloc.pc gives prefix DIR)
# instead of the configured one, so the flags point into the scratch tree.
# tests/consumer.c is copied out of the source tree first, so that nothing
# next to it can stand in for a header that was not installed.
#
# TAP, run by Automake's tap-driver with top_srcdir, top_builddir, MAKE
# and CC in the environment.  By hand, from the build directory:
#   top_srcdir=SRC top_builddir=. MAKE=make CC=cc sh SRC/tests/pkgconfig.sh
# SAN_CFLAGS and CFLAGS, when set, are passed on to the compiler: a library
# built with sanitizers only links into a program built with them too.

. "${top_srcdir:=$(dirname "$0")/..}/tests/tap.sh"
: "${MAKE:=make}" "${CC:=cc}" "${PKG_CONFIG:=pkg-config}"
root=$tmp/root
mkdir "$tmp/work"

check() { # check DESCRIPTION COMMAND...: one test point for the command
    desc=$1
    shift
    if "$@"; then point OK "$desc"; else point FAIL "$desc"; fi
}

# 1. Install.  Quietly: the log is shown only when the install fails.
if $MAKE -C "$top_builddir" install DESTDIR="$root" >"$tmp/install.log" 2>&1
then
    point OK "make install DESTDIR=... succeeds"
else
    point FAIL "make install DESTDIR=... succeeds"
    tail -n 30 "$tmp/install.log" | sed 's/^/#   /'
fi

# 2. Where pkg-config says things are.  Only the scratch tree is searched
# (PKG_CONFIG_LIBDIR as well as PKG_CONFIG_PATH), so that a pagealloc.pc
# installed on this machine cannot answer in its place.
pc=$(find "$root" -name pagealloc.pc 2>/dev/null | head -n 1)
check "pagealloc.pc is installed" test -n "$pc"
pcdir=${pc%/*}
PKG_CONFIG_PATH=$pcdir PKG_CONFIG_LIBDIR=$pcdir
export PKG_CONFIG_PATH PKG_CONFIG_LIBDIR
pcvar() {
    [ -n "$pc" ] && $PKG_CONFIG --define-prefix --variable="$1" pagealloc
}
prefix=$(pcvar prefix)
libdir=$(pcvar libdir)
includedir=$(pcvar includedir)
echo "# prefix=$prefix libdir=$libdir includedir=$includedir"
case $prefix in
"$root"/*) point OK "pkg-config --define-prefix finds the prefix in DESTDIR" ;;
*) point FAIL "pkg-config --define-prefix finds the prefix in DESTDIR" ;;
esac

# 3. What the install must hold, where the .pc file says it is.
# (An empty variable yields a path under / that cannot exist, so it fails.)
check "libdir holds libpagealloc.so" test -e "$libdir/libpagealloc.so"
for h in alloc.h ealloc.h pagealloc.h; do
    check "includedir holds pagealloc/$h" test -f "$includedir/pagealloc/$h"
done
# The shared library's boundary: it exports the functions that the three
# installed headers declare, and nothing else (lib/pagealloc.sym is the
# export list; an internal name here would tie programs to the insides).
declared() { # the function names declared at the start of a header line
    sed -n 's/^[A-Za-z][A-Za-z0-9_ ]*[ *]\([a-z_][a-z0-9_]*\)(.*/\1/p' "$@" |
        grep -v '^typedef' | sort
}
if ! command -v nm >/dev/null 2>&1; then
    skip "libpagealloc.so exports exactly what the headers declare" "no nm"
elif nm -D --defined-only "$libdir/libpagealloc.so" >"$tmp/nm" 2>&1 &&
    awk 'NF == 3 { print $3 }' "$tmp/nm" | sort >"$tmp/exported" &&
    declared "$includedir"/pagealloc/*.h >"$tmp/declared" &&
    [ -s "$tmp/declared" ] && cmp -s "$tmp/declared" "$tmp/exported"
then
    point OK "libpagealloc.so exports exactly what the headers declare"
else
    point FAIL "libpagealloc.so exports exactly what the headers declare"
    diff "$tmp/declared" "$tmp/exported" 2>&1 | sed 's/^/#   /' | head -40
fi
has_man() { # has_man SECTION PAGE
    test -n "$(find "$root" -path "*/man$1/$2" 2>/dev/null)"
}
check "man3/pagealloc.3 is installed" has_man 3 pagealloc.3
check "man1/allocsh.1 is installed" has_man 1 allocsh.1

# 4. Build the consumer with pkg-config's flags and nothing else that
# points at the library.  -Werror: the installed headers must be clean
# under the project's own C11 warnings.
cp "$top_srcdir/tests/consumer.c" "$tmp/work/consumer.c"
cd "$tmp/work" || exit 1
# The flag variables are split on purpose: each holds several options.
# shellcheck disable=SC2086
if flags=$($PKG_CONFIG --define-prefix --cflags --libs pagealloc 2>"$tmp/pc.err") &&
    $CC -std=c11 -Wall -Wextra -Werror ${CFLAGS-} ${SAN_CFLAGS-} \
        consumer.c -o consumer $flags >"$tmp/cc.log" 2>&1
then
    point OK "consumer.c builds with pkg-config --cflags --libs pagealloc"
else
    point FAIL "consumer.c builds with pkg-config --cflags --libs pagealloc"
    echo "#   flags: ${flags-}"
    diag "$tmp/pc.err"
    [ -f "$tmp/cc.log" ] && diag "$tmp/cc.log"
fi

# 5. Run it against the installed shared library.
cat >"$tmp/want" <<'EOF'
alloc_mem: alloc ok at offset 0
ealloc_mem: 256 bytes at page 0, offset 512
pa_alloc: 64 bytes, worst fit, check passed
pa_free(inside a block): pointer inside a block
consumer done
EOF
if [ -x consumer ] &&
    LD_LIBRARY_PATH=$libdir ./consumer >"$tmp/got" 2>"$tmp/err" &&
    cmp -s "$tmp/want" "$tmp/got"
then
    point OK "consumer runs and prints what it should"
else
    point FAIL "consumer runs and prints what it should"
    if [ -x consumer ]; then
        echo "#   expected:"
        diag "$tmp/want"
        echo "#   got:"
        diag "$tmp/got"
        diag "$tmp/err"
    else
        echo "#   consumer was not built"
    fi
fi

# 6. And it was the installed copy it ran with, not one from elsewhere.
if ! command -v ldd >/dev/null 2>&1; then
    skip "consumer loads libpagealloc.so from DESTDIR" "no ldd"
elif [ -x consumer ] &&
    LD_LIBRARY_PATH=$libdir ldd ./consumer >"$tmp/ldd" 2>&1 &&
    grep -F "=> $libdir/libpagealloc.so" "$tmp/ldd" >/dev/null
then
    point OK "consumer loads libpagealloc.so from DESTDIR"
else
    point FAIL "consumer loads libpagealloc.so from DESTDIR"
    [ -f "$tmp/ldd" ] && diag "$tmp/ldd"
fi

# 5. The GNU override of the prefix at install time: the installed
# pagealloc.pc names the prefix given to make install, not configure's.
other=$tmp/other-prefix
if $MAKE -C "$builddir" install prefix="$other" >"$tmp/install2.log" 2>&1 &&
   grep -qx "prefix=$other" "$other/lib/pkgconfig/pagealloc.pc" &&
   [ "$(PKG_CONFIG_PATH=$other/lib/pkgconfig PKG_CONFIG_LIBDIR=$other/lib/pkgconfig \
        $PKG_CONFIG --variable=libdir pagealloc)" = "$other/lib" ]
then
    point OK "make install prefix=DIR installs a pagealloc.pc that names DIR"
else
    point FAIL "make install prefix=DIR installs a pagealloc.pc that names DIR"
    { head -n 5 "$other/lib/pkgconfig/pagealloc.pc"; tail -n 5 "$tmp/install2.log"; } 2>/dev/null | sed 's/^/#   /'
fi
# Leave the build tree's copy as configure's prefix made it.
$MAKE -C "$builddir" lib/pagealloc.pc >/dev/null 2>&1

tap_done
