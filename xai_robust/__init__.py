__version__ = "0.0.1"

import warnings as _w
# fastai compiles a few layers with `torch.jit.script` at import, which current torch reports as deprecated
_w.filterwarnings('ignore', message=r'`torch\.jit\.script` is deprecated', category=FutureWarning)
