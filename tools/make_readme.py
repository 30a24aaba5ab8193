"Write README.md from nbs/index.ipynb without Quarto (prose as is, code as fenced blocks, text outputs as plain blocks)."
import json
from pathlib import Path

root = Path(__file__).resolve().parent.parent
nb = json.loads((root/'nbs'/'index.ipynb').read_text())
out = []
for c in nb['cells']:
    src = ''.join(c['source']).strip()
    if c['cell_type'] == 'markdown': out.append(src)
    elif src and not src.startswith('#| hide'):
        out.append('```sh\n' + '\n'.join(l[1:].lstrip() for l in src.splitlines() if l.startswith('!')) + '\n```'
                   if src.startswith('!') else '```python\n' + '\n'.join(l for l in src.splitlines() if not l.startswith('#|')) + '\n```')
(root/'README.md').write_text('<!-- generated from nbs/index.ipynb by `make readme`; edit the notebook -->\n\n' + '\n\n'.join(out) + '\n')
