#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# doc-examples.sh - every example in README.md, man/allocsh.1 and
# man/pagealloc.3 is run, and must print what the document shows.
#
# Marking.  Each example block carries a marking just before it, a line
# that neither GitHub nor man shows:
#   README.md    <!-- example: KIND [ARGS] -->   the line before a ``` fence
#   man pages    .\" example: KIND [ARGS]        before a .EX (or .nf) block,
#                                                with only requests between
# Every fenced block of README.md and every .EX block of a man page must
# have one, so that a new example cannot go unchecked by accident.  KIND:
#   shell        a transcript: each "$ COMMAND" line is run by sh, and the
#                lines up to the next "$ " line are its output (standard
#                output and error together)
#   session NAME what the prompt shows: "alloc> COMMAND" and "ealloc>
#                COMMAND" lines, each followed by its output.  Blocks of the
#                same NAME continue one session.  A first line "$ allocsh
#                OPTIONS" gives the options; the greeting after it is
#                printed only at a terminal, and tests/pty.sh checks it.
#   file NAME    the text of a file that other examples use (a C program,
#                a script), and so checked by them: one that no command of
#                the document names fails.  "$ cat NAME" in a shell example
#                defines NAME the same way when nothing else writes it first
#   json COMMAND a JSON value spread over lines for reading: equal, token
#                for token, to what COMMAND prints (needs jq)
#   pty          a terminal session that cannot run here: tests/pty.sh
#                covers it
#   none REASON  not an example (build instructions, a template)
#
# How an example runs.  Every example of a document runs in one scratch
# directory of its own, in document order, after the files the document
# shows (file, and the output of "$ cat NAME") have been written there.
# It holds scripts/*.txt and src/allocsh, so that the README's paths work.
# PATH starts with a directory holding allocsh, the in-tree build
# (under $VALGRIND in make check-valgrind), and cc, which is $CC with the
# build's $SAN_CFLAGS.  The library is installed with make install
# DESTDIR=..., and pkg-config and the dynamic linker are pointed at that
# staged copy (PKG_CONFIG_SYSROOT_DIR, PKG_CONFIG_LIBDIR, LD_LIBRARY_PATH)
# as if it were installed for real.  A session runs in batch mode:
# "set timing on" (as at the prompt), then its commands, go to
# allocsh --echo OPTIONS on standard input, which prints each command
# after the prompt just as it is typed.
#
# Normalisation.  The output is compared byte for byte with the document's
# text, after only this, done to both:
#   - no colour and 80 columns: NO_COLOR=1, COLUMNS=80, and the output is
#     not a terminal (bars are then 80 columns wide whatever COLUMNS says)
#   - LC_ALL=C
#   - real addresses 0x... read 0xADDR
#   - replay's elapsed time and rate read "T ms, R operations/s"
#   - in a session, the "<stdin>:LINE: " that batch mode puts in error
#     messages is dropped (at the prompt they name no file and line), and
#     so are the commands of a sourced script that --echo prints (the
#     prompt does not)
# A man page's text is its roff source with the escapes of its examples
# (\fB, \fI, \fR, \fP, \-, \e, \&, \(aq, \[aq], \(dq) turned into what man
# shows; any other escape fails the example.
#
# A failure names the document and the line of the example's marking, and
# shows a unified diff from the document's text to what was printed.  An
# example is skipped only when a tool it needs is missing (jq; a C
# compiler or pkg-config for a library example), and says so.
#
# TAP, run by Automake's tap-driver with top_srcdir, top_builddir, MAKE,
# CC and SAN_CFLAGS in the environment.  By hand, from the build directory:
#   top_srcdir=SRC top_builddir=. sh SRC/tests/doc-examples.sh
set -u
. "${top_srcdir:=$(dirname "$0")/..}/tests/tap.sh"
: "${MAKE:=make}" "${CC:=cc}" "${PKG_CONFIG:=pkg-config}"
srcdir=$(cd "$top_srcdir" && pwd)
tab=$(printf '\t')

docs="README.md man/allocsh.1 man/pagealloc.3"

# --- The tools the examples find on PATH ------------------------------------
bin=$tmp/bin
mkdir "$bin"
printf '#!/bin/sh\nexec %s "%s" "$@"\n' "${VALGRIND:-}" "$allocsh" > "$bin/allocsh"
# cc is $CC, found now: PATH will find this cc first.
set -f
set -- $CC
set +f
cc_path=$(command -v "${1:-cc}") || cc_path=false
shift
printf '#!/bin/sh\nexec "%s" %s %s "$@"\n' "$cc_path" "$*" "${SAN_CFLAGS:-}" > "$bin/cc"
chmod +x "$bin/allocsh" "$bin/cc"

have_jq=no
command -v jq > /dev/null 2>&1 && have_jq=yes
have_cc=no
echo 'int main(void) { return 0; }' > "$tmp/probe.c"
(cd "$tmp" && "$bin/cc" probe.c -o probe) > /dev/null 2>&1 && have_cc=yes
have_pc=no
command -v "$PKG_CONFIG" > /dev/null 2>&1 && have_pc=yes

# The staged install, for the library examples.
stage=$tmp/stage
if $MAKE -C "$builddir" install DESTDIR="$stage" > "$tmp/install.log" 2>&1; then
  point OK "make install DESTDIR=... for the library examples"
else
  point FAIL "make install DESTDIR=... for the library examples"
  tail -n 20 "$tmp/install.log" | sed 's/^/#   /'
fi
pc=$(find "$stage" -name pagealloc.pc 2>/dev/null | head -n 1)
pcdir=${pc%/*}
PKG_CONFIG_SYSROOT_DIR=$stage PKG_CONFIG_LIBDIR=$pcdir PKG_CONFIG_PATH=$pcdir
LD_LIBRARY_PATH=${pcdir%/*}
PATH=$bin:$PATH NO_COLOR=1 COLUMNS=80 LC_ALL=C
export PKG_CONFIG_SYSROOT_DIR PKG_CONFIG_LIBDIR PKG_CONFIG_PATH LD_LIBRARY_PATH
export PATH NO_COLOR COLUMNS LC_ALL
unset ALLOCSH_FAULT ALLOCSH_HISTORY CDPATH

# --- Extraction ---------------------------------------------------------------
# extract DOC DIR: writes DIR/N.txt (the text of the Nth block) and a line
# "N<TAB>LINE<TAB>MARKING" to DIR/list for each block, where LINE is the
# line of the marking (of the block when it has none, with the marking
# "unmarked"); mistakes in the marking go to DIR/errors.
extract() {
  awk -v dir="$2" -v md="$(case $1 in *.md) echo 1 ;; *) echo 0 ;; esac)" '
    function fail(msg) { print FILENAME ":" FNR ": " msg > (dir "/errors") }
    function unroff(s,    out, i) {
      out = ""
      while ((i = index(s, "\\")) > 0) {
        out = out substr(s, 1, i - 1)
        s = substr(s, i + 1)
        if (s ~ /^f[BIRP]/) s = substr(s, 3)
        else if (s ~ /^-/) { out = out "-"; s = substr(s, 2) }
        else if (s ~ /^e/) { out = out "\\"; s = substr(s, 2) }
        else if (s ~ /^&/) s = substr(s, 2)
        else if (s ~ /^\(aq/) { out = out "\047"; s = substr(s, 4) }
        else if (s ~ /^\(dq/) { out = out "\""; s = substr(s, 4) }
        else if (s ~ /^\[aq\]/) { out = out "\047"; s = substr(s, 5) }
        else { fail("unknown roff escape \\" substr(s, 1, 3)); out = out "\\" }
      }
      return out s
    }
    function open_block() {
      n++
      file = dir "/" n ".txt"
      printf "" > file
      if (pending != "") print n "\t" pline "\t" pending > (dir "/list")
      else print n "\t" FNR "\tunmarked" > (dir "/list")
      pending = ""
      inblock = 1
    }
    function close_block() { close(file); inblock = 0 }
    md && inblock && /^```/ { close_block(); next }
    md && inblock { print > file; next }
    md && /^<!-- example: .* -->$/ {
      if (pending != "") fail("a marking with no block after it")
      pending = substr($0, 15, length($0) - 18); pline = FNR; next
    }
    md && /^```/ { open_block(); next }
    md && pending != "" { fail("a marking not right before a ``` block"); pending = "" }
    md { next }
    inblock && ($0 == ".EE" || $0 == ".fi") && $0 == closer { close_block(); next }
    inblock && /^\.\\"/ { next }
    inblock && /^[.\047]/ { fail("a request inside an example: " $0); next }
    inblock { print unroff($0) > file; next }
    /^\.\\" example: / {
      if (pending != "") fail("a marking with no block after it")
      pending = substr($0, 14); pline = FNR; next
    }
    /^\.EX/ || (/^\.nf/ && pending != "") {
      closer = /^\.EX/ ? ".EE" : ".fi"; open_block(); next
    }
    pending != "" && !/^[.\047]/ { fail("a marking followed by text, not by .EX"); pending = "" }
    END {
      if (pending != "") fail("a marking with no block after it")
      if (inblock) fail("a block that does not end")
    }
  ' "$1"
}

# --- Comparison ---------------------------------------------------------------
normalise() {
  sed -e 's/0x[0-9a-f][0-9a-f]*/0xADDR/g' \
      -e 's/[0-9][0-9.]* ms, [0-9a-z.]* operations\/s$/T ms, R operations\/s/' "$1"
}

# compare LABEL EXPECTED ACTUAL: one test point; the diff when they differ.
compare() {
  normalise "$2" > "$2.n"
  normalise "$3" > "$3.n"
  if cmp -s "$2.n" "$3.n"; then
    ok 0 "$1"
    return
  fi
  ok 1 "$1"
  echo "#   $1: the document's text (-) and what running it printed (+):"
  diff -u "$2.n" "$3.n" | sed -e '1,2d' -e 's/^/#   /' | head -n 60
}

# The first line of a block, cut short, to name it (before any backslash,
# which echo in tap.sh might take for an escape).
first_line() {
  head -n 1 "$1" | cut -c 1-60 | sed 's/\\.*/.../'
}

# --- Kinds ----------------------------------------------------------------------
# Writes the files the document shows into its scratch directory.
write_files() {
  while IFS=$tab read -r i line marking; do
    set -f
    set -- $marking
    set +f
    case ${1:-} in
    file)
      [ $# -eq 2 ] && cp "$x/$i.txt" "$scratch/$2" ;;
    shell)
      awk -v dir="$scratch" '
        out != "" && /^\$ / { close(out); out = "" }
        out != "" { print > out; next }
        /^\$ cat [A-Za-z0-9_-][A-Za-z0-9._-]*$/ { out = dir "/" substr($0, 7) }
      ' "$x/$i.txt" ;;
    esac
  done < "$x/list"
}

# run_shell N LABEL: the Nth block as a transcript of shell commands.
run_shell() {
  if ! head -n 1 "$x/$1.txt" | grep -q '^\$ '; then
    ok 1 "$2 (a shell example starts with a \"\$ COMMAND\" line)"
    return
  fi
  if grep -Eq '^\$ (.*[ |])?jq( |$)' "$x/$1.txt" && [ $have_jq = no ]; then
    skip "$2" "jq is not installed"
    return
  fi
  if grep -Eq '^\$ (cc |.*pkg-config)' "$x/$1.txt"; then
    if [ $have_cc = no ]; then skip "$2" "no working C compiler ($CC)"; return; fi
    if [ $have_pc = no ]; then skip "$2" "pkg-config is not installed"; return; fi
  fi
  # Each command is echoed as the document shows it, after which $? is
  # what the command before it left, for "echo $?".
  awk -v q="'" '
    /^\$ / {
      shown = $0
      gsub(q, q "\\" q q, shown)
      print "_st=$?"
      print "printf \"%s\\n\" " q shown q
      print "(exit $_st)"
      print substr($0, 3)
    }
  ' "$x/$1.txt" > "$x/$1.sh"
  (cd "$scratch" && sh "$x/$1.sh") > "$x/$1.out" 2>&1 < /dev/null
  compare "$2" "$x/$1.txt" "$x/$1.out"
}

# run_session NAME: every block of session NAME, in one run of allocsh.
run_session() {
  awk -F "$tab" -v name="$1" '$3 == "session " name { print $1 "\t" $2 }' "$x/list" \
    > "$x/session"
  args=""
  first=$(head -n 1 "$x/session" | cut -f 1)
  echo "set timing on" > "$x/session.in"
  k=0
  while IFS=$tab read -r i line; do
    k=$((k + 1))
    if [ "$i" = "$first" ] && head -n 1 "$x/$i.txt" | grep -q '^\$ allocsh'; then
      args=$(head -n 1 "$x/$i.txt" | sed 's/^\$ allocsh//')
      sed 1,2d "$x/$i.txt" > "$x/$i.want"
    else
      cp "$x/$i.txt" "$x/$i.want"
    fi
    sed -n 's/^e\{0,1\}alloc> //p' "$x/$i.want" >> "$x/session.in"
    echo "echo @@ end of block $k" >> "$x/session.in"
    : > "$x/$i.got"
  done < "$x/session"
  (cd "$scratch" && eval "allocsh --echo $args") < "$x/session.in" > "$x/session.out" 2>&1
  # Cut the output at the markers, after the two lines of "set timing on".
  # An echoed line that is not the next command typed comes from a script
  # that the session sources: the prompt does not show those.
  awk -v dir="$x" -v ids="$(cut -f 1 "$x/session" | tr '\n' ' ')" '
    BEGIN { n = split(ids, id, " "); k = 1; next_cmd = 2 }
    FILENAME != "-" { cmd[++ncmd] = $0; next }
    FNR <= 2 { next }
    /^e?alloc> / {
      typed = $0
      sub(/^e?alloc> /, "", typed)
      if (next_cmd > ncmd || typed != cmd[next_cmd]) next
      next_cmd++
      if (typed ~ /^echo @@ end of block [0-9]+$/) next
    }
    /^@@ end of block [0-9]+$/ { if (k < n) k++; next }
    { sub(/^allocsh: <stdin>:[0-9]+: /, "allocsh: "); print >> (dir "/" id[k] ".got") }
  ' "$x/session.in" - < "$x/session.out"
  while IFS=$tab read -r i line; do
    compare "$doc:$line: session $1: $(first_line "$x/$i.want")" "$x/$i.want" "$x/$i.got"
  done < "$x/session"
}

# run_json N LABEL COMMAND: the Nth block is what COMMAND prints, as JSON.
run_json() {
  if [ $have_jq = no ]; then
    skip "$2" "jq is not installed"
    return
  fi
  (cd "$scratch" && eval "$3") > "$x/$1.out" 2>&1 < /dev/null
  jq -c . < "$x/$1.txt" > "$x/$1.want" 2>&1
  jq -c . < "$x/$1.out" > "$x/$1.got" 2>&1 || cp "$x/$1.out" "$x/$1.got"
  compare "$2" "$x/$1.want" "$x/$1.got"
}

# --- The documents --------------------------------------------------------------
summary=""
others=""
ptys_all=""
for doc in $docs; do
  x=$tmp/x/$doc
  scratch=$tmp/run/$doc
  mkdir -p "$x" "$scratch/src" "$scratch/scripts"
  cp "$bin/allocsh" "$scratch/src/allocsh"
  cp "$srcdir"/scripts/*.txt "$scratch/scripts/"
  : > "$x/list"
  if [ ! -f "$srcdir/$doc" ]; then
    ok 1 "$doc is there"
    continue
  fi
  extract "$srcdir/$doc" "$x"
  if [ -s "$x/errors" ]; then
    ok 1 "$doc: the example markings are well formed"
    sed "s|^$srcdir/||; s/^/#   /" "$x/errors"
  fi
  write_files
  cat "$x"/*.txt | grep '^\(\$\|e\{0,1\}alloc>\) ' > "$x/commands"
  checked=0 files=0 ptys=0
  sessions=" "
  while IFS=$tab read -r i line marking; do
    label="$doc:$line: $marking: $(first_line "$x/$i.txt")"
    set -f
    set -- $marking
    set +f
    kind=$1
    [ $# -gt 0 ] && shift
    case $kind in
    shell)
      run_shell "$i" "$label"
      checked=$((checked + 1)) ;;
    session)
      name=${1:-}
      case $sessions in
      *" $name "*) ;;
      *) sessions="$sessions$name "; run_session "$name" ;;
      esac
      checked=$((checked + 1)) ;;
    json)
      run_json "$i" "$doc:$line: json: ${marking#json }" "${marking#json }"
      checked=$((checked + 1)) ;;
    file)
      # Checked by the examples that use it; one that none uses is not.
      if grep -q '^\(\$\|e\{0,1\}alloc>\) .*'"$1" "$x/commands"; then
        files=$((files + 1))
        checked=$((checked + 1))
      else
        ok 1 "$doc:$line: file $1 is shown, but no example uses it"
      fi ;;
    pty) ptys=$((ptys + 1)) ;;
    none) ;;
    unmarked)
      ok 1 "$doc:$line: an example block with no marking (see tests/doc-examples.sh)" ;;
    *)
      ok 1 "$doc:$line: unknown example kind '$kind'" ;;
    esac
  done < "$x/list"
  if [ -z "$summary" ]; then
    summary="$checked examples checked in $doc"
  else
    summary="$summary, $checked in $doc"
  fi
  others="$others, $files in $doc"
  ptys_all="$ptys_all, $ptys in $doc"
done
echo "# $summary"
echo "# of them files that other examples use: ${others#, }"
echo "# terminal sessions left to tests/pty.sh: ${ptys_all#, }"

tap_done
