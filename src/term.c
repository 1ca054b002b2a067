/* term.c - terminal width and the colour palette. */
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "term.h"

int term_width(FILE *f)
{
    struct winsize ws;
    int fd = fileno(f);
    if (isatty(fd) && ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40)
        return ws.ws_col;
    return 80;
}

/* A terminal that says it is dumb (Emacs' shell, some CI logs), or says
 * nothing, shows escape sequences as they are. */
bool term_wants_color(FILE *f)
{
    const char *no = getenv("NO_COLOR"), *term = getenv("TERM");
    return isatty(fileno(f)) && !(no && *no) && term && *term &&
           strcmp(term, "dumb") != 0;
}

const char *term_block(bool on, unsigned k)
{
    /* Black text on six backgrounds; neighbours always differ. */
    static const char *const bg[] = {
        "\033[30;42m", "\033[30;43m", "\033[30;46m",
        "\033[30;45m", "\033[30;44m", "\033[30;41m",
    };
    return on ? bg[k % 6] : "";
}

const char *term_dim(bool on) { return on ? "\033[2m" : ""; }
const char *term_bold(bool on) { return on ? "\033[1m" : ""; }
const char *term_reset(bool on) { return on ? "\033[0m" : ""; }
