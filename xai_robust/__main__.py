"`python -m xai_robust` runs the `xai-robust` command (see `xai_robust.cli`)."
import sys
from xai_robust.cli import main

if __name__ == '__main__': sys.exit(main())
