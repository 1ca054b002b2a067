/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_script.c - libFuzzer harness: arbitrary bytes as a script for the
 * command interpreter, with --check on.  Any inconsistency after any
 * command, crash, leak or sanitizer report is a finding.  Run it with
 * -close_fd_mask=3: the shell's output is not what is being tested.
 *
 * The commands that read files (source, compare, replay) run too, in a
 * sandbox: the harness works in a temporary directory of its own, filled
 * with scripts and traces good and bad, and every '/' of the input is
 * turned into '_' so that no path leads out of it (to a terminal or a
 * FIFO that would block, say). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "shell.h"

/* The sandbox's files: name and contents ("" and a directory for "d"). */
static const struct sandbox_file {
    const char *name;
    const char *text;
} files[] = {
    {"s", "alloc 64\nalloc 128 b\nfree a\nexpect blocks 1\n"},
    {"self", "alloc 8\nsource self\n"},
    {"cmp", "alloc 16\ncompare cmp\nsource s\n"},
    {"nest", "explain explain explain source nest\n"},
    {"t", "4096\n3\n6\n1\na 0 100\na 1 2000\nr 0 300\na 2 5000\nf 1\nf 0\n"},
    {"tnull", "0\n2\n4\n1\na 0 8\nf -1\na 1 9000\nf 1\n"},
    {"tbad", "4096\n2\n2\n1\na 0\nx 1 2\n"},
    {"bom", "\xEF\xBB\xBF" "alloc 24\nexpect blocks 1\n"},
    {"bin", "\x7f" "ELF\x01\x02\n\x1b]0;x\x07\n:::\n\x01\x02\n"},
    {"crlf", "alloc 8\r\nfree a\r\n"},
    {"empty", ""},
};

static char sandbox[] = "/tmp/allocsh-fuzz-XXXXXX";

static void put(const char *name, const char *text, size_t len)
{
    FILE *f = fopen(name, "w");
    if (!f || fwrite(text, 1, len, f) != len || fclose(f) != 0)
        abort();
}

static void remove_sandbox(void)
{
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        unlink(files[i].name);
    unlink("long");
    unlink("loop");
    rmdir("d");
    if (chdir("/") == 0)
        rmdir(sandbox);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    if (!mkdtemp(sandbox) || chdir(sandbox) != 0)
        abort();
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        put(files[i].name, files[i].text, strlen(files[i].text));
    /* A line past the 64 KiB limit, a directory, a link to itself. */
    char *big = malloc(70000);
    if (!big)
        abort();
    memset(big, 'x', 70000);
    memcpy(big, "echo ", 5);
    put("long", big, 70000);
    free(big);
    if (mkdir("d", 0700) != 0 || symlink("loop", "loop") != 0)
        abort();
    atexit(remove_sandbox);
    return 0;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    options opt;
    shell sh;
    memset(&opt, 0, sizeof opt);
    /* The first byte picks the starting state, the rest is the script. */
    unsigned char mode = size ? data[0] : 0;
    opt.kind = mode & 1 ? PA_KIND_EALLOC : PA_KIND_ALLOC;
    opt.policy = (pa_policy)((mode >> 1) & 3);
    opt.max_pages = 1 + ((mode >> 3) & 7);
    opt.json = mode & 0x40;
    opt.check = true;
    opt.color = COLOR_NEVER;
    if (size) {
        data++;
        size--;
    }
    /* The script, with no way out of the sandbox. */
    unsigned char *script = malloc(size ? size : 1);
    if (!script)
        return 0;
    for (size_t i = 0; i < size; i++)
        script[i] = data[i] == '/' ? '_' : data[i];
    if (shell_init(&sh, &opt) != 0)
        abort();
    FILE *f = fmemopen(script, size, "r");
    if (f) {
        shell_run_stream(&sh, f, "fuzz");
        fclose(f);
    }
    if (sh.broken)
        abort();
    shell_free(&sh);
    free(script);
    return 0;
}
