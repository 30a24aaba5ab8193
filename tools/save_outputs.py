"""Run notebooks and save their outputs in them, the way they are committed: `python tools/save_outputs.py [--slow] [NB ...]`.

Cells run as `nbdev-test` runs them (in the notebook's folder; `notest` and `cuda` cells skipped), and the outputs are written
back. Without `--slow`, `slow` cells are skipped too and keep the outputs of their last run, so their measured tables stay
beside the code that measured them. Then the outputs are tidied for reading: fastprogress's console bars are dropped (the
epoch tables stay), Python warnings printed by libraries are dropped, temporary folders (a random name each run) are
written `/tmp/…`, and any other output naming a local path is reported."""
import argparse, json, os, re, subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
_BAR = re.compile(r'^\s*(?:█|Epoch \d+/\d+ : \||\|[█-]+\|)')
_WARNING = re.compile(r'^(?:/\S+:\d+: )?\w*Warning: ')
_TMP = re.compile(r'/tmp/tmp[\w-]{6,}')
_LOCAL = re.compile(r'(?<![\w.])/(?:work|root|home|tmp|Users|private)/[\w.-]+')


def tidy_stream(text):
    "`text` of a stream without progress bars (each `\\r` update dropped) or library warnings."
    out, skip = [], False
    for line in text.split('\n'):
        line = line.split('\r')[-1] if '\r' in line else line
        line = re.sub(r'^█+', '', line)
        if _BAR.match(line) or (_WARNING.match(line) and '/' in line.split('Warning:')[0]): skip = True; continue
        if skip and line.startswith('  '): continue   # the source line a warning echoes
        skip = False
        out.append(line)
    return '\n'.join(out)


def tidy(nb_path):
    "Tidy the outputs of the notebook at `nb_path` in place; return the local paths found in its outputs."
    nb, found = json.loads(Path(nb_path).read_text()), []
    for c in nb['cells']:
        outs = []
        for o in c.get('outputs', []):
            if o['output_type'] == 'stream':
                text = tidy_stream(''.join(o['text']))
                if not text.strip(): continue
                o['text'] = _TMP.sub('/tmp/…', text).splitlines(True)
            for k, v in o.get('data', {}).items():
                if k.startswith('text/'): o['data'][k] = _TMP.sub('/tmp/…', ''.join(v)).splitlines(True)
            outs.append(o)
            blob = json.dumps({k: v for k, v in o.get('data', {}).items() if not k.startswith('image/')}) + ''.join(o.get('text', ''))
            found += [f'{Path(nb_path).name} cell {c.get("id")}: {m}' for m in _LOCAL.findall(blob)]
        if c['cell_type'] == 'code': c['outputs'] = outs
    Path(nb_path).write_text(json.dumps(nb, indent=1, ensure_ascii=False) + '\n')
    return found


def main(nbs=(), slow=False):
    "Run and save `nbs` (default: all notebooks nbdev tests), then tidy and clean them; exit non-zero if a notebook fails."
    files = [Path(n).resolve() for n in nbs] or None
    regex = '^(' + '|'.join(re.escape(f.name) for f in files) + ')$' if files else None
    cmd = [str(BIN/'nbdev-test'), '--save', '--cell-timeout', '0', '--n-workers', '1', '--timing']
    if slow: cmd += ['--flags', 'slow']
    if regex: cmd += ['--file-re', regex]
    env = {**os.environ, 'OMP_NUM_THREADS': os.environ.get('OMP_NUM_THREADS', '1'), 'PYTHONWARNINGS': 'ignore'}
    res = subprocess.run(cmd, cwd=ROOT, env=env)
    saved = files or sorted(p for p in (ROOT/'nbs').rglob('*.ipynb') if not any(s.startswith(('.', '_')) for s in p.parts))
    local = [f for p in saved for f in tidy(p)]
    for p in saved: subprocess.run([str(BIN/'nbdev-clean'), '--fname', str(p)], cwd=ROOT, check=True)
    for f in local: print('local path in an output:', f)
    return res.returncode or bool(local)


if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('nbs', nargs='*', help='notebooks to run (default: all)')
    ap.add_argument('--slow', action='store_true', help='also run `slow` cells (minutes to an hour on a CPU)')
    a = ap.parse_args()
    sys.exit(main(a.nbs, a.slow))
