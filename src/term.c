/* term.c - terminal width and the colour palette. */
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "term.h"

/* Narrower than this, no map row fits beside its offsets: draw for this
 * width and let the terminal wrap, rather than jump to 80. */
#define TERM_MIN_WIDTH 40

static int at_least_min(long w)
{
    return w < TERM_MIN_WIDTH ? TERM_MIN_WIDTH : w > 1000 ? 1000 : (int)w;
}

int term_width(FILE *f)
{
    /* Our own variable, not COLUMNS, which shells export to scripts whose
     * output must not depend on the window they were started from. */
    const char *forced = getenv("ALLOCSH_COLUMNS");
    if (forced && *forced) {
        char *end;
        long w = strtol(forced, &end, 10);
        if (*end == '\0' && w > 0)
            return at_least_min(w);
    }
    struct winsize ws;
    int fd = fileno(f);
    if (isatty(fd) && ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return at_least_min(ws.ws_col);
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

#define BLOCK_COLORS 6

const char *term_block(bool on, unsigned k)
{
    /* Black text on six backgrounds; neighbours always differ. */
    static const char *const bg[BLOCK_COLORS] = {
        "\033[30;42m", "\033[30;43m", "\033[30;46m",
        "\033[30;45m", "\033[30;44m", "\033[30;41m",
    };
    return on ? bg[k % BLOCK_COLORS] : "";
}

const char *term_block_rgb(unsigned k)
{
    /* term_block's backgrounds as a typical terminal theme paints them. */
    static const char *const rgb[BLOCK_COLORS] = {
        "#4ec94e", "#e5d94c", "#4cc9d6", "#c96ad0", "#5b8def", "#e0605a",
    };
    return rgb[k % BLOCK_COLORS];
}

const char *term_dim(bool on) { return on ? "\033[2m" : ""; }
const char *term_bold(bool on) { return on ? "\033[1m" : ""; }
const char *term_reset(bool on) { return on ? "\033[0m" : ""; }
