/* record.c - the HTML page `record` writes: one file, no network, no
 * external files.  The steps travel as JSON inside the page, and its own
 * script draws each step's layout from them, so the picture is made from
 * the same data as `map json` shows. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "record.h"

/* Everything before the data.  The policy forbids every fetch: the page
 * works offline, on a projector's laptop, and cannot leak. */
static const char head[] =
    "<!DOCTYPE html>\n"
    "<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
    "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    "<title>allocsh</title>\n<style>\n"
    "body{font:18px/1.4 system-ui,sans-serif;margin:1.5em auto;max-width:70em;"
    "padding:0 1em;color:#111;background:#fff}\n"
    "header{display:flex;gap:1em;align-items:baseline;flex-wrap:wrap}\n"
    "#counter{font-weight:bold;font-size:1.3em}\n"
    "button{font:inherit;padding:.2em .8em}\n"
    "#note{color:#555;white-space:pre-wrap;margin:.8em 0 .3em}\n"
    "#cmd,#out,#err{font-family:ui-monospace,monospace;white-space:pre-wrap;margin:.3em 0}\n"
    "#cmd{font-size:1.3em;font-weight:bold}\n#err{color:#b00020}\n"
    "#summary{margin:1em 0 .4em;font-weight:bold}\n"
    ".page{margin:.8em 0}\n"
    ".bar{display:flex;height:2.4em;border:1px solid #333;margin:.3em 0}\n"
    ".bar div{min-width:3px;overflow:hidden;font:14px/2.4em ui-monospace,monospace;"
    "text-align:center;border-right:1px solid #fff;box-sizing:border-box}\n"
    ".bar .free{background:repeating-linear-gradient(45deg,#eee,#eee 4px,#ccc 4px,#ccc 8px);"
    "color:#555}\n"
    ".c0{background:#4caf50}.c1{background:#ffd54f}.c2{background:#4dd0e1}"
    ".c3{background:#ce93d8}.c4{background:#64b5f6}.c5{background:#ef9a9a}\n"
    "table{border-collapse:collapse;font:15px ui-monospace,monospace}\n"
    "td,th{padding:.1em .8em;text-align:right}td:first-child,th:first-child,"
    "td:nth-child(2),th:nth-child(2){text-align:left}\n"
    "tr.free td{color:#555}\n"
    "</style>\n</head>\n<body>\n"
    "<header><span id=\"counter\"></span><span id=\"script\"></span>"
    "<button id=\"prev\" type=\"button\">&larr; back</button>"
    "<button id=\"next\" type=\"button\">next &rarr;</button></header>\n"
    "<div id=\"note\"></div><div id=\"cmd\"></div><div id=\"out\"></div>"
    "<div id=\"err\"></div>\n<div id=\"summary\"></div><div id=\"map\"></div>\n"
    "<p style=\"color:#777;font-size:.8em\">Keys: &rarr; or Space next, &larr; back, "
    "Home and End. Made by allocsh <code>record</code>.</p>\n"
    "<script type=\"application/json\" id=\"steps\">";

/* Everything after it: reading the data, drawing one step, the keys. */
static const char tail[] =
    "</script>\n<script>\n"
    "'use strict';\n"
    "const data = JSON.parse(document.getElementById('steps').textContent);\n"
    "const steps = data.steps;\n"
    "let at = 0;\n"
    "const $ = id => document.getElementById(id);\n"
    "function el(tag, cls, text) {\n"
    "  const e = document.createElement(tag);\n"
    "  if (cls) e.className = cls;\n"
    "  if (text !== undefined) e.textContent = text;\n"
    "  return e;\n"
    "}\n"
    "/* One list per page in address order: blocks and free extents. */\n"
    "function extents(page) {\n"
    "  const all = page.blocks.map(b => ({kind: 'block', name: b.name, offset: b.offset,"
    " size: b.size}))\n"
    "    .concat(page.free.map(f => ({kind: 'free', name: '-', offset: f.offset,"
    " size: f.size})));\n"
    "  return all.sort((a, b) => a.offset - b.offset);\n"
    "}\n"
    "function mark(e, x, page) {\n"
    "  e.dataset.kind = x.kind; e.dataset.page = page.index;\n"
    "  e.dataset.offset = x.offset; e.dataset.size = x.size; e.dataset.name = x.name;\n"
    "  return e;\n"
    "}\n"
    "function drawPage(map, page) {\n"
    "  const box = el('div', 'page');\n"
    "  const xs = extents(page);\n"
    "  box.appendChild(el('div', 'title', 'page ' + page.index + ': ' + page.blocks.length +\n"
    "    ' block' + (page.blocks.length === 1 ? '' : 's') + ', ' + page.free.length +\n"
    "    ' free extent' + (page.free.length === 1 ? '' : 's')));\n"
    "  const bar = el('div', 'bar');\n"
    "  let k = 0;\n"
    "  for (const x of xs) {\n"
    "    const seg = mark(el('div', x.kind === 'free' ? 'free' : 'c' + (k++ % 6),\n"
    "      x.kind === 'free' ? '' : x.name), x, page);\n"
    "    seg.style.flex = x.size + ' 0 0';\n"
    "    seg.title = x.kind + ' ' + x.name + ' [' + x.offset + ', ' + (x.offset + x.size) +\n"
    "      ') ' + x.size + ' bytes';\n"
    "    bar.appendChild(seg);\n"
    "  }\n"
    "  box.appendChild(bar);\n"
    "  const t = el('table');\n"
    "  const h = el('tr');\n"
    "  for (const c of ['', 'name', 'start', 'end', 'bytes']) h.appendChild(el('th', '', c));\n"
    "  t.appendChild(h);\n"
    "  for (const x of xs) {\n"
    "    const row = mark(el('tr', 'extent ' + x.kind), x, page);\n"
    "    for (const c of [x.kind === 'free' ? 'free (on the free list)' : 'block', x.name,\n"
    "      x.offset, x.offset + x.size, x.size]) row.appendChild(el('td', '', String(c)));\n"
    "    t.appendChild(row);\n"
    "  }\n"
    "  box.appendChild(t);\n"
    "  return box;\n"
    "}\n"
    "function drawMap(map) {\n"
    "  const m = $('map');\n"
    "  m.textContent = '';\n"
    "  $('summary').textContent = map.allocator + ': ' + map.unit + '-byte units, ' +\n"
    "    map.policy + ' fit, ' + map.pages.length + ' of ' + map.max_pages + ' page' +\n"
    "    (map.max_pages === 1 ? '' : 's') + ' mapped';\n"
    "  for (const page of map.pages) m.appendChild(drawPage(map, page));\n"
    "}\n"
    "function show(i) {\n"
    "  at = Math.max(0, Math.min(steps.length - 1, i));\n"
    "  const s = steps[at];\n"
    "  document.body.dataset.step = at;\n"
    "  $('counter').textContent = 'step ' + at + '/' + (steps.length - 1);\n"
    "  $('note').textContent = s.note || '';\n"
    "  $('cmd').textContent = s.cmd === undefined ? '(the start: no command has run)' :\n"
    "    s.prompt + s.cmd;\n"
    "  $('out').textContent = s.out || '';\n"
    "  $('err').textContent = s.error || '';\n"
    "  $('prev').disabled = at === 0;\n"
    "  $('next').disabled = at === steps.length - 1;\n"
    "  drawMap(s.map);\n"
    "}\n"
    "/* The one handler of every way to move: keys, buttons, the fragment. */\n"
    "function onKey(e) {\n"
    "  const next = ['ArrowRight', 'ArrowDown', 'PageDown', ' ', 'Enter'];\n"
    "  const back = ['ArrowLeft', 'ArrowUp', 'PageUp', 'b'];\n"
    "  if (next.includes(e.key)) show(at + 1);\n"
    "  else if (back.includes(e.key)) show(at - 1);\n"
    "  else if (e.key === 'Home') show(0);\n"
    "  else if (e.key === 'End') show(steps.length - 1);\n"
    "  else return;\n"
    "  e.preventDefault();\n"
    "}\n"
    "function press(key) {\n"
    "  document.dispatchEvent(new KeyboardEvent('keydown', {key: key, bubbles: true,"
    " cancelable: true}));\n"
    "}\n"
    "/* #step=N shows step N; #keys=... presses keys: \\u2192 or n next,\n"
    " * \\u2190 or p back. */\n"
    "function fromFragment() {\n"
    "  const f = decodeURIComponent(location.hash.slice(1));\n"
    "  const step = /^step=(\\d+)$/.exec(f);\n"
    "  if (step) show(Number(step[1]));\n"
    "  const keys = /^keys=(.*)$/.exec(f);\n"
    "  if (!keys) return;\n"
    "  for (const c of keys[1]) {\n"
    "    if (c === '\\u2192' || c === 'n') press('ArrowRight');\n"
    "    else if (c === '\\u2190' || c === 'p') press('ArrowLeft');\n"
    "  }\n"
    "}\n"
    "document.addEventListener('keydown', onKey);\n"
    "$('prev').addEventListener('click', () => press('ArrowLeft'));\n"
    "$('next').addEventListener('click', () => press('ArrowRight'));\n"
    "window.addEventListener('hashchange', () => { show(0); fromFragment(); });\n"
    "document.title = 'allocsh: ' + data.script;\n"
    "$('script').textContent = data.script;\n"
    "show(0);\n"
    "fromFragment();\n"
    "</script>\n</body>\n</html>\n";

/* The data, with every '<' escaped: JSON has it only inside strings,
 * where \u003c means the same, and no "</script>" can end the block. */
static void put_data(const char *steps, FILE *f)
{
    for (const char *p = steps; *p; p++) {
        if (*p == '<')
            fputs("\\u003c", f);
        else
            fputc(*p, f);
    }
}

int record_write_page(const char *path, const char *steps, char *err, size_t errlen)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        snprintf(err, errlen, "cannot write '%.200s': %s", path, strerror(errno));
        return -1;
    }
    fputs(head, f);
    put_data(steps, f);
    fputs(tail, f);
    bool failed = ferror(f) != 0;
    if (fclose(f) != 0 || failed) {
        snprintf(err, errlen, "cannot write '%.200s': %s", path, strerror(errno));
        return -1;
    }
    return 0;
}
