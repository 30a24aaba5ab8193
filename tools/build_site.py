"""Build the documentation site offline, without Quarto: nbdev's notebook processing, then markdown-it, Pygments and MathML.

`python tools/build_site.py [--out _site]` runs the same processing as `nbdev-docs` (exported symbols get their `show_doc`,
directives are applied, `#| hide` cells dropped) into `_proc/`, then renders every processed notebook to one HTML page with
the sidebar of `nbs/sidebar.yml`, a table of contents, figures as files and the site's own links made relative.
The Quarto site that the deploy workflow publishes is built from the same processed notebooks."""
import argparse, base64, html, json, re, shutil
from pathlib import Path

import yaml
from latex2mathml.converter import convert
from markdown_it import MarkdownIt
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name

ROOT = Path(__file__).resolve().parent.parent
FMT = HtmlFormatter(cssclass='highlight')


def _slug(text):
    "Pandoc's identifier for a heading (what Quarto gives it): lower case, punctuation but `_-.` dropped, spaces as hyphens."
    s = re.sub(r'[^\w\s.-]', '', re.sub(r'<[^>]+>', '', text).lower()).strip()
    return re.sub(r'\s+', '-', re.sub(r'^[^a-z]+', '', s))


def _pyg(code, lang='python', attrs=None):
    "`code` highlighted by Pygments (plain text for an unknown language); also markdown-it's fence highlighter."
    try: lexer = get_lexer_by_name(lang or 'text')
    except Exception: lexer = get_lexer_by_name('text')
    return highlight(code, lexer, FMT)


def _math(tex, opts):
    "MathML for `tex` (Chromium renders it natively, no script needed); the TeX itself where the converter gives up."
    try: return convert(tex, display='block' if opts.get('display_mode') else 'inline')
    except Exception: return f'<code class="math">{html.escape(tex)}</code>'


def _markdown():
    "CommonMark with tables, strikethrough, Pandoc-style `{...}` attributes and dollar math."
    md = MarkdownIt('commonmark', {'html': True, 'highlight': _pyg}).enable(['table', 'strikethrough'])
    return md.use(attrs_plugin).use(dollarmath_plugin, allow_space=True, double_inline=True, renderer=_math)


MD = _markdown()


def render_md(text, toc=None):
    "HTML of markdown `text`; headings get Pandoc's ids, and level-2/3 headings are added to `toc` as (level, id, text)."
    env = {}
    tokens = MD.parse(text, env)
    for i, t in enumerate(tokens):
        if t.type == 'heading_open':
            label = tokens[i + 1].content
            hid = t.attrs.get('id') or _slug(label)
            t.attrSet('id', hid)
            if toc is not None and t.tag in ('h2', 'h3'): toc.append((int(t.tag[1]), hid, re.sub(r'[`*]', '', label)))
    return MD.renderer.render(tokens, MD.options, env)


def _text(v):
    "A notebook field as one string (notebooks store text as lists of lines)."
    return ''.join(v) if isinstance(v, list) else v


_DIRECTIVE = re.compile(r'^\s*#\|\s*([\w-]+)\s*:?\s*(.*)$')


def _directives(src):
    "(`#|` directives of a cell, its source without them)."
    lines, d = src.splitlines(), {}
    while lines and (m := _DIRECTIVE.match(lines[0])):
        d[m.group(1)] = m.group(2).strip().lower() or 'true'
        lines.pop(0)
    return d, '\n'.join(lines).strip('\n')


class Page:
    "One processed notebook rendered to HTML."
    def __init__(self, nb_path, proc):
        self.src = nb_path
        self.nb = json.loads(nb_path.read_text())
        cells = self.nb['cells']
        self.fm = yaml.safe_load(_text(cells[0]['source']).strip().strip('-')) if cells and cells[0]['cell_type'] == 'raw' else {}
        rel = nb_path.relative_to(proc)
        self.href = str(rel.parent/(self.fm.get('output-file') or rel.with_suffix('.html').name)).lstrip('./')
        self.title = str(self.fm.get('title') or rel.stem)
        self.figs = {}

    def _img(self, mime, data):
        "An `<img>` for a figure output; its bytes are kept in `figs` to be written beside the page."
        ext = {'image/png': 'png', 'image/jpeg': 'jpg', 'image/svg+xml': 'svg'}[mime]
        name = f"{Path(self.href).stem}_files/fig-{len(self.figs) + 1}.{ext}"
        self.figs[name] = data.encode() if ext == 'svg' else base64.b64decode(data)
        return f'<img src="{name}" alt="figure {len(self.figs)}">'

    def _output(self, o, asis):
        "HTML of one output: streams and errors as text, figures as files, markdown (`asis`: a `show_doc`), HTML, text."
        kind = o['output_type']
        if kind == 'stream':
            return f'<pre class="output stream {o.get("name", "")}">{html.escape(_text(o["text"]))}</pre>'
        if kind == 'error':
            return f'<pre class="output error">{html.escape(o["ename"] + ": " + o["evalue"])}</pre>'
        data = o.get('data', {})
        for mime in ('image/png', 'image/jpeg', 'image/svg+xml'):
            if mime in data: return f'<div class="output figure">{self._img(mime, _text(data[mime]))}</div>'
        if 'text/markdown' in data:
            cls = 'doc' if asis else 'output markdown'
            return f'<div class="{cls}">{render_md(_text(data["text/markdown"]), self.toc if asis else None)}</div>'
        if 'text/html' in data: return f'<div class="output html">{_text(data["text/html"])}</div>'
        if 'text/plain' in data: return f'<pre class="output">{html.escape(_text(data["text/plain"]))}</pre>'
        return ''

    def body(self):
        "The page's cells as HTML, filling `self.toc`."
        self.toc, parts = [], []
        for c in self.nb['cells']:
            src = _text(c['source'])
            if c['cell_type'] == 'markdown':
                if '<!-- WARNING: THIS FILE WAS AUTOGENERATED' in src: continue
                parts.append(f'<div class="cell markdown">{render_md(src, self.toc)}</div>')
            elif c['cell_type'] == 'code':
                d, code = _directives(src)
                if d.get('include') == 'false': continue
                out = [] if d.get('output') == 'false' else [self._output(o, d.get('output') == 'asis') for o in c.get('outputs', [])]
                inp = '' if d.get('echo') == 'false' or not code else f'<div class="input">{_pyg(code)}</div>'
                if inp or any(out): parts.append(f'<div class="cell code">{inp}{"".join(out)}</div>')
        return '\n'.join(parts)


def _links(text, up, base, nb_href):
    "Links to the published site made relative to a page `up` from the root; links to notebooks pointed at their pages."
    text = text.replace(f'href="{base}', f'href="{up}')
    def _nb(m): return f'href="{up}{nb_href.get(Path(m.group(1)).name, Path(m.group(1)).stem + ".html")}{m.group(2) or ""}"'
    return re.sub(r'href="(?![a-z]+:)([^"#]*?\.ipynb)(#[^"]*)?"', _nb, text)


def _layout(p, order, groups, up, site_title, body):
    "The whole HTML page of `p`: sidebar from `groups`, title and description, `body`, previous/next links, table of contents."
    nav = []
    for section, ps in groups:
        items = ''.join(f'<li{" class=active" if q is p else ""}><a href="{up}{q.href}">{html.escape(q.title)}</a></li>' for q in ps)
        nav.append(f'<li class="section"><span>{html.escape(section)}</span><ul>{items}</ul></li>' if section else items)
    toc = ''.join(f'<li class="l{lv}"><a href="#{hid}">{html.escape(t)}</a></li>' for lv, hid, t in p.toc)
    i = order.index(p)
    prev_next = ''.join(f'<a class="{cls}" href="{up}{q.href}">{lbl} {html.escape(q.title)}</a>'
                        for cls, lbl, q in (('prev', '←', order[i - 1] if i else None), ('next', '→', order[i + 1] if i + 1 < len(order) else None)) if q)
    desc = f'<p class="description">{render_md(str(p.fm["description"]))[3:-5]}</p>' if p.fm.get('description') else ''
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(p.title)} – {html.escape(site_title)}</title>
<link rel="stylesheet" href="{up}styles.css"><link rel="stylesheet" href="{up}site.css"></head>
<body><nav class="sidebar"><a class="brand" href="{up}index.html">{html.escape(site_title)}</a><ul>{''.join(nav)}</ul></nav>
<main><header><h1 class="title">{html.escape(p.title)}</h1>{desc}</header>
{body}
<footer class="prev-next">{prev_next}</footer></main>
<aside class="toc"><span>On this page</span><ul>{toc}</ul></aside></body></html>
"""


def build(out='_site', proc=None, n_workers=0):
    "Process the notebooks with nbdev and write the offline site to `out`; return the list of page paths."
    import nbdev.doclinks
    from nbdev.config import get_config
    from nbdev.serve import proc_nbs
    cfg = get_config(ROOT)
    nbdev.doclinks._build_modidx()
    proc = Path(proc) if proc else proc_nbs(cfg.nbs_path, n_workers=n_workers)
    sidebar = yaml.safe_load((cfg.nbs_path/'sidebar.yml').read_text())
    nbs = [p for p in sorted(proc.rglob('*.ipynb')) if not any(s.startswith(('.', '_')) for s in p.relative_to(proc).parts)]
    pages = [Page(p, proc) for p in nbs]
    by_nb = {str(p.src.relative_to(proc)): p for p in pages}
    groups = [(None, [by_nb[item]]) if isinstance(item, str) else (item['section'], [by_nb[f] for f in item['contents']])
              for item in sidebar['website']['sidebar']['contents']]
    order = [p for _, ps in groups for p in ps]
    missing = set(by_nb) - {str(p.src.relative_to(proc)) for p in order}
    if missing: raise ValueError(f"notebooks missing from nbs/sidebar.yml: {sorted(missing)}")
    out = ROOT/out
    shutil.rmtree(out, ignore_errors=True); out.mkdir(parents=True)
    shutil.copy(cfg.nbs_path/'styles.css', out/'styles.css')
    (out/'site.css').write_text((ROOT/'tools'/'site.css').read_text() + '\n' + FMT.get_style_defs('.highlight'))
    base = f"{cfg.doc_host}{cfg.doc_baseurl}".rstrip('/') + '/'
    nb_href = {Path(k).name: p.href for k, p in by_nb.items()}
    for p in order:
        up = '../' * p.href.count('/')
        body = _links(p.body(), up, base, nb_href)   # fills `p.toc`
        page = _layout(p, order, groups, up, cfg.title, body)
        dest = out/p.href
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(page)
        for name, data in p.figs.items():
            (dest.parent/name).parent.mkdir(parents=True, exist_ok=True)
            (dest.parent/name).write_bytes(data)
    return [p.href for p in order]


if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--out', default='_site', help='folder for the site, relative to the project root')
    ap.add_argument('--proc', default=None, help='reuse this folder of processed notebooks instead of processing again')
    a = ap.parse_args()
    pages = build(a.out, a.proc)
    print(f"{len(pages)} pages in {ROOT/a.out}: open {ROOT/a.out/'index.html'}")
