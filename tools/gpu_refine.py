"""Refinement on a GPU: one prepared run (under 10 minutes on one modern GPU).

ResNet-18 at full width on the CIFAR-10 subset: a baseline, then `learn.refine` with mixed precision, and the images per
second of a plain epoch, a refinement epoch and LIME over the training set (`bench_refine`) beside the same on the CPU.
Usage: python tools/gpu_refine.py DATA_DIR OUT_DIR   (DATA_DIR holds cifar-10-batches-py)
"""
import json, sys, time
from pathlib import Path
import torch
from xai_robust.bench import bench_refine
from xai_robust.data import cifar_dls
from xai_robust.models import make_learner, model_accuracy
from xai_robust.refine import train_items

def main(data, out):
    out = Path(out); out.mkdir(parents=True, exist_ok=True)
    dev = torch.device('cuda' if torch.cuda.is_available() else 'cpu')
    res = dict(device=torch.cuda.get_device_name(0) if dev.type == 'cuda' else 'cpu', torch=torch.__version__)
    cifar = Path(data)/'cifar-10-batches-py'
    bench = {d: bench_refine(device=d, width=1.0 if d == 'cuda' else 0.25, n=2048 if d == 'cuda' else 512, path=cifar, threads=None)
             for d in ([dev.type, 'cpu'] if dev.type == 'cuda' else ['cpu'])}
    res['bench'] = {d: t[['method', 'seconds', 'images_per_s', 'x_plain', 'of_floor']].to_dict('records') for d, t in bench.items()}
    dls = cifar_dls(cifar, bs=128, seed=0, device=dev)
    learn = make_learner(dls, 'resnet18', seed=0).to_fp16()
    learn.model.to(dev)
    t = time.perf_counter(); learn.fit_one_cycle(4, 2e-3); res['baseline_s'] = time.perf_counter() - t
    t = time.perf_counter()
    log = learn.refine(rounds=2, epochs=2, lr=1e-3, segments='slic', num_samples=200, valid_n=512, fname=out/'refine.pth')
    res['refine_s'] = time.perf_counter() - t
    res['refine_log'] = log.drop(columns='stop').to_dict('records')
    res['n_train'] = len(train_items(learn)[0])
    (out/'gpu_refine.json').write_text(json.dumps(res, indent=1, default=float))
    print(json.dumps(res, indent=1, default=float))

if __name__ == '__main__': main(*sys.argv[1:3])
