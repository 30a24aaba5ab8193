# Two commands for a fresh clone: `make demo` (install + the main job: the reproduction report) and `make test` (install + the tests).
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install demo test readme outputs docs docs-test

$(STAMP): pyproject.toml constraints.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c constraints.txt -e ".[dev]"
	# torchattacks (APGD, FAB, DeepFool: the stronger-attack checks) pins requests~=2.25, which nothing else here admits; it runs on any requests
	$(PY) -m pip install -q --no-deps torchattacks==3.5.1
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/xai-robust reproduce --resume

test: $(STAMP)
	OMP_NUM_THREADS=1 $(VENV)/bin/nbdev-test --timing

readme: $(STAMP)
	$(PY) tools/make_readme.py

# Run the notebooks and save their outputs (add ARGS=--slow to rerun the measured `slow` cells too: long on a CPU)
outputs: $(STAMP)
	$(PY) tools/save_outputs.py $(ARGS)
	$(PY) tools/make_readme.py

# The documentation site without Quarto, in _site/; the deploy workflow builds the published one with nbdev-docs
docs: $(STAMP)
	$(PY) tools/build_site.py

# Every page of _site/ in headless Chromium (Debian's `chromium`); screenshots in _screenshots/
docs-test: docs
	$(PY) tools/browser_test.py
