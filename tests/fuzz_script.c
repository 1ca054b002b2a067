/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_script.c - libFuzzer harness: arbitrary bytes as a script for the
 * command interpreter, with --check on.  Any inconsistency after any
 * command, crash, leak or sanitizer report is a finding.  Run it with
 * -close_fd_mask=3: the shell's output is not what is being tested. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shell.h"

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
    opt.no_files = true;
    opt.color = COLOR_NEVER;
    if (size) {
        data++;
        size--;
    }
    if (shell_init(&sh, &opt) != 0)
        abort();
    FILE *f = fmemopen((void *)data, size, "r");
    if (f) {
        shell_run_stream(&sh, f, "fuzz");
        fclose(f);
    }
    if (sh.broken)
        abort();
    shell_free(&sh);
    return 0;
}
