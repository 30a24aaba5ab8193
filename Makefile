# Two commands for a fresh clone: `make demo` (install + the main job) and `make test` (install + the tests).
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install demo test readme

$(STAMP): pyproject.toml constraints.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c constraints.txt -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/xai-robust train

test: $(STAMP)
	OMP_NUM_THREADS=1 $(VENV)/bin/nbdev-test --timing

readme: $(STAMP)
	$(PY) tools/make_readme.py
