/* cli.c - reading allocsh's options, as allocsh(1) gives them. */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "choices.h"
#include "cli.h"
#include "impl_side.h"
#include "config.h"
#include "numbers.h"

static const char usage_text[] =
    "usage: allocsh [OPTIONS] [SCRIPT...]\n"
    "Drive mmap()-backed free-list allocators from a prompt or a script.\n"
    "\n"
    "  -a, --allocator=alloc|ealloc|heap   allocator to start with (default alloc)\n"
    "  -p, --policy=first|best|worst|next  fit policy (default first)\n"
    "  -m, --max-pages=N                   ealloc page limit (default 4)\n"
    "  -c, --command=CMDS                  run CMDS (separated by ';' or newlines), then exit\n"
    "  -j, --json                          JSON Lines: one JSON object per command\n"
    "  -s, --strict                        stop at the first command that fails, exit 1\n"
    "  -e, --echo                          print each command before its output\n"
    "  -A, --addresses                     show real addresses beside page offsets\n"
    "      --check                         check every invariant after each command\n"
    "  -q, --quiz                          show each result as '?' for students to work out\n"
    "      --answers                       the same numbered lines, with the answers\n"
    "      --step SCRIPT                   lecture mode: one command a key (Enter, b back, q)\n"
    "      --color=auto|always|never       colour (auto: on a terminal; NO_COLOR respected)\n"
    "      --impl=PATH                     grade a submission (alloc.c/ealloc.c, a .c, a .so)\n"
    "      --impl-timeout=SECONDS          time limit on each call of it (default 2)\n"
    "      --impl-checks=LIST              checks that fail a command (default all)\n"
    "      --grade SUBMISSION...           grade submissions against a suite (--suite=DIR)\n"
    "  -J, --jobs=N                        with --grade: N tests at a time (default 1)\n"
    "      --tap, --gradescope=PATH        with --grade: TAP, or Gradescope's results.json\n"
    "      --ostep [MALLOC.PY OPTIONS]     run OSTEP's malloc.py (--ostep --help)\n"
    "  -h, --help                          show this help and exit\n"
    "  -V, --version                       show the version and exit\n"
    "\n"
    "With no SCRIPT and no -c, commands come from standard input: a prompt\n"
    "when it is a terminal; a SCRIPT named - is standard input too.  Type\n"
    "'help' there for the commands.\n"
    "Exit status: 0 all commands succeeded, 1 one failed (or an expectation),\n"
    "2 usage error, 130 interrupted by Ctrl-C.\n";

static int bad(const char *fmt, const char *arg)
{
    fputs("allocsh: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\nTry 'allocsh --help' for more information.\n", stderr);
    return EXIT_USAGE;
}

static int bad2(const char *fmt, const char *arg, const char *more)
{
    char msg[300];
    snprintf(msg, sizeof msg, fmt, arg, more);
    return bad("%s", msg);
}

static int pick(const char *arg, const char *const *list, int *out)
{
    for (int i = 0; list[i]; i++)
        if (strcmp(arg, list[i]) == 0) {
            *out = i;
            return 0;
        }
    return -1;
}

static int set_option(int c, const char *arg, options *opt)
{
    static const char *const colors[] = {"auto", "always", "never", NULL};
    char err[128];
    size_t n;
    int v;
    switch (c) {
    case 'a':
        if (pa_kind_from_name(arg, &opt->kind) != PA_OK)
            return bad2("unknown allocator '%s' (%s)", arg, kind_choices());
        break;
    case 'p':
        if (pa_policy_from_name(arg, &opt->policy) != PA_OK)
            return bad2("unknown policy '%s' (%s)", arg, policy_choices());
        break;
    case 'm': /* the limit, as set max-pages says it: a page count in bytes fits */
        if (parse_count(arg, SIZE_MAX / PA_PAGE_SIZE, &opt->max_pages, err, sizeof err))
            return bad("--max-pages: invalid page count: %s", err);
        if (opt->max_pages == 0)
            return bad("--max-pages wants a page count of at least 1, not '%s'", arg);
        break;
    case 'C':
        if (pick(arg, colors, &v))
            return bad("--color is auto, always or never, not '%s'", arg);
        opt->color = (color_mode)v;
        break;
    case 'I': opt->impl_path = arg; break;
    case 'T': {
        char *end;
        double secs = strtod(arg, &end);
        if (end == arg || *end || !(secs > 0 && secs <= 3600))
            return bad("--impl-timeout wants seconds, more than 0 and at most 3600, not '%s'",
                       arg);
        opt->impl_call_ms = (int)(secs * 1000 + 0.5) ? (int)(secs * 1000 + 0.5) : 1;
        break;
    }
    case 'X':
        if (impl_checks_parse(arg, &opt->impl_soft, err, sizeof err) != 0)
            return bad("--impl-checks: %s", err);
        break;
    case 'G': opt->grade = true; break;
    case 'S': opt->grade_suite = arg; break;
    case 'P': opt->grade_tap = true; break;
    case 'R': opt->gradescope = arg; break;
    case 'J':
        if (parse_count(arg, 256, &n, err, sizeof err) || n == 0)
            return bad("--jobs wants a number from 1 to 256, not '%s'", arg);
        opt->grade_jobs = (int)n;
        break;
    case 'c': opt->commands = arg; break;
    case 'j': opt->json = true; break;
    case 's': opt->strict = true; break;
    case 'e': opt->echo = true; break;
    case 'A': opt->addresses = true; break;
    case 'K': opt->check = true; break;
    case 'q': opt->quiz = true; break;
    case 'Q': opt->quiz = opt->answers = true; break;
    case 'W': opt->step = true; break;
    case 'h': fputs(usage_text, stdout); return EXIT_SUCCESS;
    case 'V': printf("allocsh %s\n", PACKAGE_VERSION); return EXIT_SUCCESS;
    default: return bad("%s", "unrecognised command line");
    }
    return -1;
}

/* The long option of value val when arg is it (or its abbreviation) with
 * an argument, else NULL.  getopt_long reports --json=1 by the option's
 * value, 'j', which would read as a short option -j. */
static const char *long_given_argument(const struct option *longs, int val,
                                       const char *arg)
{
    size_t len = strcspn(arg + 2, "=");
    if (strncmp(arg, "--", 2) != 0 || arg[2 + len] != '=')
        return NULL;
    for (; longs->name; longs++)
        if (longs->val == val && strncmp(arg + 2, longs->name, len) == 0)
            return longs->name;
    return NULL;
}

/* --grade's own options do nothing without it, and a forgotten --grade
 * would run the submissions' paths as scripts: refused, naming the
 * first one given. */
static int check_grade_options(const options *opt)
{
    const char *given = opt->grade_suite  ? "--suite"
                        : opt->grade_jobs ? "--jobs"
                        : opt->grade_tap  ? "--tap"
                        : opt->gradescope ? "--gradescope"
                                          : NULL;
    if (opt->grade && opt->json && opt->grade_tap)
        return bad("%s", "--json and --tap are two forms of the grades: give one");
    if (opt->grade || !given)
        return -1;
    return bad("%s works with --grade only: add --grade, or leave it out", given);
}

/* The submission's limits mean nothing without one. */
static int check_impl_options(const options *opt, const char *given)
{
    if (!given || opt->impl_path || opt->grade)
        return -1;
    return bad("%s works with --impl or --grade only: add one, or leave it out", given);
}

/* The first argument before --ostep (argv[optind - 1]) that is not -j,
 * or NULL: everything else there would be ignored, since the simulation
 * takes its settings from malloc.py's options after it. */
static const char *ostep_preceded(int argc, char **argv)
{
    for (int i = 1; i < optind - 1 && i < argc; i++) {
        /* getopt takes any prefix of a long name: --js is --json. */
        bool json = strcmp(argv[i], "-j") == 0 ||
                    (strncmp(argv[i], "--j", 3) == 0 &&
                     strncmp("--json", argv[i], strlen(argv[i])) == 0);
        if (!json)
            return argv[i];
    }
    return NULL;
}

/* Lecture mode steps through one script at a terminal, and nothing else. */
static int check_step(const options *opt)
{
    if (!opt->step)
        return -1;
    if (opt->nscripts != 1)
        return bad("%s", "--step wants exactly one SCRIPT");
    if (strcmp(opt->scripts[0], "-") == 0)
        return bad("%s", "--step reads its keys from standard input: its SCRIPT cannot "
                   "be '-'");
    if (opt->commands || opt->json || opt->quiz || opt->grade)
        return bad("%s", "--step runs a script alone, without -c, --json, --quiz, "
                   "--answers or --grade");
    return -1;
}

int cli_parse(int argc, char **argv, options *opt)
{
    static const struct option longs[] = {
        {"allocator", required_argument, NULL, 'a'},
        {"policy", required_argument, NULL, 'p'},
        {"max-pages", required_argument, NULL, 'm'},
        {"command", required_argument, NULL, 'c'},
        {"json", no_argument, NULL, 'j'},
        {"strict", no_argument, NULL, 's'},
        {"echo", no_argument, NULL, 'e'},
        {"addresses", no_argument, NULL, 'A'},
        {"check", no_argument, NULL, 'K'},
        {"quiz", no_argument, NULL, 'q'},
        {"answers", no_argument, NULL, 'Q'},
        {"step", no_argument, NULL, 'W'},
        {"color", required_argument, NULL, 'C'},
        {"colour", required_argument, NULL, 'C'},
        {"impl", required_argument, NULL, 'I'},
        {"impl-timeout", required_argument, NULL, 'T'},
        {"impl-checks", required_argument, NULL, 'X'},
        {"grade", no_argument, NULL, 'G'},
        {"suite", required_argument, NULL, 'S'},
        {"jobs", required_argument, NULL, 'J'},
        {"tap", no_argument, NULL, 'P'},
        {"gradescope", required_argument, NULL, 'R'},
        {"ostep", no_argument, NULL, 'O'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    memset(opt, 0, sizeof *opt);
    opt->kind = PA_KIND_ALLOC;
    opt->policy = PA_FIT_FIRST;
    opt->max_pages = PA_EALLOC_DEFAULT_MAX_PAGES;
    opt->color = COLOR_AUTO;
    opterr = 0;
    int c;
    const char *impl_given = NULL;
    while ((c = getopt_long(argc, argv, ":a:p:m:c:jseAqhVJ:", longs, NULL)) != -1) {
        const char *name = c == '?' && optopt
                               ? long_given_argument(longs, optopt, argv[optind - 1]) : NULL;
        if (name)
            return bad("option '--%s' doesn't allow an argument", name);
        if (c == '?')
            return optopt ? bad("unknown option '-%s'", (char[]){(char)optopt, 0})
                          : bad("unknown option '%s'", argv[optind - 1]);
        if (c == ':')
            return bad("option '%s' needs an argument", argv[optind - 1]);
        if (c == 'O') {
            opt->ostep = true;
            const char *other = ostep_preceded(argc, argv);
            if (other)
                return bad("--ostep takes only -j before it, not '%s': malloc.py's "
                           "options come after it", other);
            break;
        }
        int st = set_option(c, optarg, opt);
        if (st >= 0)
            return st;
        if (c == 'T' || c == 'X')
            impl_given = c == 'T' ? "--impl-timeout" : "--impl-checks";
    }
    /* Everything after --ostep is malloc.py's, options too. */
    if (opt->quiz && opt->json)
        return bad("%s", "--quiz and --answers are for text output, not --json");
    opt->scripts = argv + optind;
    opt->nscripts = argc - optind;
    int st = check_grade_options(opt);
    if (st < 0)
        st = check_impl_options(opt, impl_given);
    return st >= 0 ? st : check_step(opt);
}
