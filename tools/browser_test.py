"""Open every page of the offline site in headless Chromium and check what a reader sees.

`python tools/browser_test.py [--site _site] [--shots _screenshots]` serves the site on localhost and, on every page listed in
`nbs/sidebar.yml`, checks the title and the sidebar; that every symbol `_modidx` documents on that page has its rendered
signature, its docstring and, where its parameters are documented, its docments table; that the page shows as many
figures as its processed notebook holds and each of them loads; that the stylesheets load; and that no link inside the
site (page or anchor) is broken. It saves screenshots of the landing page and of one module page (at its first docments
table), and counts the symbols followed by an example with its output."""
import argparse, functools, http.server, os, re, shutil, sys, threading
from pathlib import Path
from urllib.parse import urldefrag

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_site import Page

ROOT = Path(__file__).resolve().parent.parent
FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage']


def chromium():
    "Path of a Chromium (or Chrome) binary: `$CHROMIUM`, else the first one found on `PATH`."
    for c in [os.environ.get('CHROMIUM'), 'chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']:
        if c and (p := shutil.which(c)): return p
    raise SystemExit("no Chromium found: install Debian's `chromium` (apt-get install chromium) or set $CHROMIUM")


def serve(site):
    "Serve `site` on a free localhost port in a thread; return the base URL."
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args): pass
    handler = functools.partial(Quiet, directory=str(site))
    srv = http.server.ThreadingHTTPServer(('127.0.0.1', 0), handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return f'http://127.0.0.1:{srv.server_port}/'


def expected_pages(proc):
    "{page href: `Page`} in sidebar order, from the processed notebooks in `proc`."
    side = yaml.safe_load((proc/'sidebar.yml').read_text())['website']['sidebar']['contents']
    nbs = [n for item in side for n in ([item] if isinstance(item, str) else item['contents'])]
    return {(p := Page(proc/n, proc)).href: p for n in nbs}


def n_figures(nb):
    "Image outputs of the cells a reader sees (processing already dropped hidden cells)."
    return sum(any(k.startswith('image/') for k in o.get('data', {})) for c in nb['cells'] if c['cell_type'] == 'code'
               and not re.search(r'^#\|\s*(output|include)\s*:\s*false', ''.join(c['source']), re.M) for o in c.get('outputs', []))


def documented():
    "{page href: {anchor: has docments}} of the public functions and classes in `_modidx`, and the methods it patches onto others."
    import importlib
    from fastcore.docments import DocmentTbl
    from xai_robust._modidx import d
    out = {}
    for name, mod in d['syms'].items():
        for sym, (link, _) in mod.items():
            parts = sym[len(name) + 1:].split('.')
            if any(p.startswith('_') for p in parts) or (len(parts) > 1 and f'{name}.{parts[0]}' in mod): continue
            obj = importlib.import_module(name)
            for p in parts: obj = getattr(obj, p)
            try: has = DocmentTbl(obj).has_docment
            except Exception: has = False
            page, _, anchor = link.partition('#')
            out.setdefault(page, {})[anchor] = has
    return out


PAGE_JS = """() => ({
  title: document.title, h1: document.querySelector('h1.title')?.textContent,
  ids: [...document.querySelectorAll('[id]')].map(e => e.id),
  docs: [...document.querySelectorAll('.doc')].map(d => ({id: d.querySelector('h3, h4')?.id, sig: d.querySelector('pre')?.textContent || '',
                                                           table: !!d.querySelector('table'), docstring: !!d.querySelector('p > em'),
                                                           example: (() => { let c = d.closest('.cell').nextElementSibling;
                                                             for (; c && !c.querySelector('.doc'); c = c.nextElementSibling)
                                                               if (c.querySelector('.output')) return true; return false; })()})),
  imgs: [...document.querySelectorAll('main img')].map(i => ({src: i.src, ok: i.complete && i.naturalWidth > 0})),
  links: [...document.querySelectorAll('a[href]')].map(a => a.href),
  nav: document.querySelectorAll('nav.sidebar a').length,
})"""


def run(site='_site', shots='_screenshots', proc='_proc', shot_page='masks.html'):
    "Check every page of `site`; return the list of failures (empty when all pass)."
    from playwright.sync_api import sync_playwright
    site, shots, proc = ROOT/site, ROOT/shots, ROOT/proc
    pages, docs = expected_pages(proc), documented()
    base = serve(site)
    fails, seen, links, bad_requests, examples, no_example = [], {}, [], [], 0, []
    shots.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium(), args=FLAGS)
        page = browser.new_page(viewport={'width': 1400, 'height': 1000})
        page.on('response', lambda r: r.url.startswith(base) and r.status >= 400 and bad_requests.append(f'{r.status} {r.url}'))
        page.on('requestfailed', lambda r: r.url.startswith(base) and bad_requests.append(f'failed {r.url}'))
        for href, pg in pages.items():
            resp = page.goto(base + href, wait_until='load')
            if resp is None or resp.status != 200: fails.append(f'{href}: HTTP {resp and resp.status}'); continue
            info = page.evaluate(PAGE_JS)
            title = pg.title
            if info['title'] != f'{title} – xai_robust' or info['h1'] != title:
                fails.append(f"{href}: title {info['title']!r} / heading {info['h1']!r}, expected {title!r}")
            if info['nav'] < len(pages): fails.append(f"{href}: the sidebar links {info['nav']} pages, the site has {len(pages)}")
            want = docs.get(href, {})
            have = {d['id']: d for d in info['docs']}
            for a in sorted(set(want) - set(have)): fails.append(f'{href}: no rendered signature for #{a}')
            for a, d in have.items():
                if a not in want: continue
                if not re.search(r'\b(def|class)\b|\w+\s*\(', d['sig']): fails.append(f"{href}#{a}: signature block {d['sig'][:60]!r}")
                if want[a] and not d['table']: fails.append(f'{href}#{a}: documented parameters but no docments table')
                if not d['docstring']: fails.append(f'{href}#{a}: no docstring')
                if d['example']: examples += 1
                else: no_example.append(f'{href}#{a}')
            n_fig = n_figures(pg.nb)
            if len(info['imgs']) < n_fig: fails.append(f"{href}: {len(info['imgs'])} images shown, the notebook has {n_fig}")
            for im in info['imgs']:
                if im['src'].startswith(base) and not im['ok']: fails.append(f"{href}: image does not load: {im['src']}")
            seen[href] = set(info['ids'])
            links += [(href, l) for l in info['links']]
            if href in ('index.html', shot_page):
                if href == shot_page:   # the first symbol with a docments table, its example below it
                    page.evaluate("[...document.querySelectorAll('.doc')].find(d => d.querySelector('table'))?.scrollIntoView()")
                page.screenshot(path=str(shots/(Path(href).stem + '.png')), full_page=False)
        browser.close()
    for src, link in links:
        if not link.startswith(base): continue
        url, frag = urldefrag(link)
        target = url[len(base):] or 'index.html'
        if target not in seen:
            if not (site/target).is_file(): fails.append(f'{src}: broken link {link}')
        elif frag and frag not in seen[target]: fails.append(f'{src}: broken anchor {link}')
    fails += sorted(set(bad_requests))
    print(f"{len(pages)} pages, {sum(len(v) for v in docs.values())} documented symbols ({examples} followed by an example with its output), "
          f"{sum(n_figures(pg.nb) for pg in pages.values())} figures, {len(links)} links checked; "
          f"screenshots in {shots}: {sorted(p.name for p in shots.glob('*.png'))}")
    if no_example: print('no example with an output after:', ' '.join(no_example))
    return fails


if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--site', default='_site'); ap.add_argument('--shots', default='_screenshots'); ap.add_argument('--proc', default='_proc')
    a = ap.parse_args()
    fails = run(a.site, a.shots, a.proc)
    for f in fails: print('FAIL', f)
    print('browser test:', 'FAILED' if fails else 'passed')
    sys.exit(1 if fails else 0)
