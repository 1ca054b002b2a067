/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mapcheck.c - the layout test of issue 13: given what `map json` printed
 * (one line), the text of `map` and the file of `map svg`, checks that
 * every extent of the JSON appears in both pictures, once, and that no
 * label is shown twice.  Exit 0 when all holds; else says what does not.
 *   mapcheck JSONFILE TEXTFILE SVGFILE */
#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures;

static void fail(const char *what, const char *detail)
{
    fprintf(stderr, "mapcheck: %s: %s\n", what, detail);
    failures++;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *s = malloc((size_t)n + 1);
    if (s && fread(s, 1, (size_t)n, f) != (size_t)n)
        n = 0;
    if (s)
        s[n] = '\0';
    fclose(f);
    return s;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

static double num(const cJSON *o, const char *key)
{
    return cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(o, key));
}

/* One extent: in the SVG as a group with its data attributes, in the text
 * as one list line with its range. */
static void check_extent(const cJSON *e, long page, bool block, size_t nth, const char *text,
                         const char *svg)
{
    char want[200], line[200];
    long off = (long)num(e, "offset"), size = (long)num(e, "size");
    const char *name = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "name"));
    snprintf(want, sizeof want, "<g class=\"%s\" data-page=\"%ld\" data-offset=\"%ld\" "
             "data-size=\"%ld\"%s%s%s", block ? "block" : "free", page, off, size,
             block ? " data-name=\"" : "", block ? name : "", block ? "\"" : "");
    if (count(svg, want) != 1)
        fail("the SVG does not show this extent once", want);
    snprintf(line, sizeof line, "class=\"label\">%s<", block ? name : "");
    if (block && count(svg, line) > 1)
        fail("the SVG labels a block twice", name);
    if (block)
        snprintf(line, sizeof line, "  block %s ", name);
    else
        snprintf(line, sizeof line, "  free  #%zu ", nth);
    char range[64];
    snprintf(range, sizeof range, " [%ld, %ld) ", off, off + size);
    const char *at = strstr(text, line);
    const char *eol = at ? strchr(at, '\n') : NULL;
    const char *r = at ? strstr(at, range) : NULL;
    if (!at || !r || (eol && r > eol))
        fail("the text map does not list this extent", want);
}

/* Label tokens in the picture rows of one page's text: each is a block's
 * whole name or a number the list gives as a key, and none appears twice. */
static void check_labels(const char *page_text, size_t len)
{
    char seen[4096] = " ";
    const char *p = page_text, *end = page_text + len;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol)
            eol = end;
        const char *bar = memchr(p, '|', (size_t)(eol - p));
        if (bar && isdigit((unsigned char)p[strspn(p, " ")])) {
            const char *q = bar + 1;
            while (q < eol && *q != '|') {
                size_t n = 0;
                while (q + n < eol && (isalnum((unsigned char)q[n]) || q[n] == '_'))
                    n++;
                if (n == 0) {
                    q++;
                    continue;
                }
                char tok[80], pat[120];
                snprintf(tok, sizeof tok, "%.*s", (int)n, q);
                snprintf(pat, sizeof pat, " %s ", tok);
                if (strstr(seen, pat))
                    fail("a label shows twice in the picture", tok);
                else if (strlen(seen) + strlen(pat) < sizeof seen)
                    strcat(seen, pat + 1);
                char name[100], key[100];
                snprintf(name, sizeof name, "  block %s ", tok);
                snprintf(key, sizeof key, " (%s) ", tok);
                const char *hit = isdigit((unsigned char)tok[0]) ? key : name;
                const char *f = strstr(page_text, hit);
                if (!f || f >= end)
                    fail("a label in the picture is no block's name or key", tok);
                q += n;
            }
        }
        p = eol + 1;
    }
}

/* The text between "page N:" and the next page (or the legend). */
static const char *page_text(const char *text, long page, size_t *len)
{
    char head[48];
    snprintf(head, sizeof head, "page %ld:", page);
    const char *p = strstr(text, head);
    if (!p)
        return NULL;
    const char *next = strstr(p + 1, "\npage ");
    *len = next ? (size_t)(next - p) : strlen(p);
    return p;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: mapcheck JSONFILE TEXTFILE SVGFILE\n");
        return 2;
    }
    char *json = slurp(argv[1]), *text = slurp(argv[2]), *svg = slurp(argv[3]);
    cJSON *map = json ? cJSON_Parse(json) : NULL;
    if (!map || !text || !svg) {
        fprintf(stderr, "mapcheck: cannot read the three files\n");
        return 2;
    }
    size_t extents = 0;
    const cJSON *pg;
    cJSON_ArrayForEach(pg, cJSON_GetObjectItemCaseSensitive(map, "pages")) {
        long index = (long)num(pg, "index");
        size_t len = 0, nth = 0;
        const char *pt = page_text(text, index, &len);
        if (!pt) {
            fail("the text map has no such page", "page");
            continue;
        }
        const cJSON *e;
        cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(pg, "blocks")) {
            check_extent(e, index, true, 0, pt, svg);
            extents++;
        }
        /* free-list entries are numbered in address order */
        cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(pg, "free")) {
            check_extent(e, index, false, ++nth, pt, svg);
            extents++;
        }
        check_labels(pt, len);
    }
    if (count(svg, "<g class=\"block\"") + count(svg, "<g class=\"free\"") != extents)
        fail("the SVG", "has extents that map json does not");
    cJSON_Delete(map);
    free(json);
    free(text);
    free(svg);
    return failures != 0;
}
