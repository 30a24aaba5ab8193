"""The reproduction on a GPU: one prepared run (under 10 minutes on one modern GPU).

1. `reproduce` at the quick budget on the CIFAR-10 folder given, on CUDA, with its stage times and images per second.
2. One epoch of each paper-budget training on the same images (000's baseline CNN at full width and its ResNet-50
   reference, batch 32, Adam at 1e-3; 001's ResNet-18, batch 32), timed, and the paper budget's training time estimated
   from them for the full datasets (50,000 training images; 90,000 for CIFAR-10-C).
Usage: python tools/gpu_reproduce.py DATA_DIR OUT_DIR   (DATA_DIR holds cifar-10-batches-py or fastai's train/ and test/)
"""
import json, sys, time
from pathlib import Path
import torch
from xai_robust.data import tensor_dls
from xai_robust.models import make_learner
from xai_robust.reproduce import BUDGETS, load_data, reproduce

def epoch_seconds(arch, data, bs, device, **kw):
    "Seconds of one training epoch of `arch` on `data` (after a warm-up of a few batches)."
    (x, y), (xt, yt) = data.train, data.test
    learn = make_learner(tensor_dls(x, y, xt[:256], yt[:256], bs=bs, device=device), arch, len(data.classes), arch_kwargs=kw)
    learn.model.to(device); learn.remove_cb(learn.progress)
    learn.fit(1, 1e-3)  # warm-up (cuDNN autotuning, allocator)
    torch.cuda.synchronize(); t = time.perf_counter(); learn.fit(1, 1e-3); torch.cuda.synchronize()
    return time.perf_counter() - t, len(x)

def main(data_dir, out):
    out = Path(out); out.mkdir(parents=True, exist_ok=True)
    dev = torch.device('cuda')
    res = dict(device=torch.cuda.get_device_name(0), torch=torch.__version__)
    t = time.perf_counter()
    rep = reproduce('cifar10', data_dir, budget='quick', out=out/'quick', device=dev, resume=True, lines=True)
    res['quick_s'] = time.perf_counter() - t
    res['quick_stages'] = rep['tables']['throughput'].reset_index().to_dict('records')
    data, b = load_data('cifar10', data_dir), BUDGETS['paper']
    per = {}
    for name, arch, kw in (('baseline', 'baseline', {}), ('reference', b['ref_arch'], {}), ('baseline_001', b['arch_001'], {})):
        s, n = epoch_seconds(arch, data, b['bs'], dev, **kw)
        per[name] = dict(seconds=s, images=n, images_per_s=n / s)
    res['paper_epoch'] = per
    ips = {k: v['images_per_s'] for k, v in per.items()}
    n = 50_000
    res['paper_training_hours_cifar10'] = dict(
        baseline=b['epochs'] * n / ips['baseline'] / 3600, reference=b['epochs'] * n / ips['reference'] / 3600,
        retraining=3 * b['retrain_epochs'] * n / ips['baseline'] / 3600, baseline_001=b['epochs_001'] * n / ips['baseline_001'] / 3600)
    (out/'gpu_reproduce.json').write_text(json.dumps(res, indent=1, default=float))
    print(json.dumps(res, indent=1, default=float))

if __name__ == '__main__': main(*sys.argv[1:3])
