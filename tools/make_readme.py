"""Write README.md from nbs/index.ipynb without Quarto: prose as is, code as fenced blocks, outputs below their code.

Text outputs become plain blocks (tables as their text form), figures PNG files in `README_files/`. `.ci/run` regenerates the
README and fails when that changes it, so the README shows what the committed notebook computed."""
import base64, json, re, shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIGS = 'README_files'


def _text(v): return ''.join(v) if isinstance(v, list) else v


def _output(o, fig_name):
    "Markdown for one output; figures are written under `README_files/`."
    if o['output_type'] == 'stream': return '```\n' + _text(o['text']).rstrip() + '\n```'
    if o['output_type'] == 'error': raise ValueError(f"index.ipynb has an error output: {o['ename']}: {o['evalue']}")
    data = o.get('data', {})
    if 'image/png' in data:
        (ROOT/FIGS).mkdir(exist_ok=True)
        (ROOT/FIGS/fig_name).write_bytes(base64.b64decode(_text(data['image/png'])))
        return f'![]({FIGS}/{fig_name})'
    if 'text/markdown' in data: return _text(data['text/markdown'])
    if 'text/plain' in data: return '```\n' + _text(data['text/plain']).rstrip() + '\n```'
    return ''


def main():
    nb = json.loads((ROOT/'nbs'/'index.ipynb').read_text())
    shutil.rmtree(ROOT/FIGS, ignore_errors=True)
    out, n_fig = [], 0
    for c in nb['cells']:
        src = _text(c['source']).strip()
        if c['cell_type'] == 'markdown': out.append(src); continue
        if c['cell_type'] != 'code' or re.match(r'#\|\s*hide', src): continue
        code = '\n'.join(l for l in src.splitlines() if not l.startswith('#|'))
        if code.startswith('!'): out.append('```sh\n' + '\n'.join(l[1:].lstrip() for l in code.splitlines()) + '\n```')
        elif code: out.append('```python\n' + code + '\n```')
        for o in c.get('outputs', []):
            n_fig += o.get('output_type') != 'stream' and 'image/png' in o.get('data', {})
            if md := _output(o, f'fig-{n_fig}.png'): out.append(md)
    (ROOT/'README.md').write_text('<!-- generated from nbs/index.ipynb by `make readme`; edit the notebook -->\n\n' + '\n\n'.join(out) + '\n')


if __name__ == '__main__': main()
