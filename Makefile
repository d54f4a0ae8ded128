# The two commands for every newcomer: `make run` and `make test`. Everything else is a step they call.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
# the first of these that really is a working Python 3.10 (a pyenv shim may exist without the version selected)
PYTHON310 := $(shell for c in $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.10*/bin/python3.10 python3.10 python3 python; do \
  if $$c -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' >/dev/null 2>&1; then command -v $$c; break; fi; done)
STAMP := $(VENV)/.installed

.PHONY: run test setup kennis bench check-python

check-python:
	@if [ -z "$(PYTHON310)" ]; then \
	  echo "Python 3.10 is nodig (Rasa 3.6 werkt met 3.8-3.10). Installeer het, bijvoorbeeld met 'pyenv install 3.10', en probeer opnieuw." >&2; \
	  exit 1; fi

$(PY): | check-python
	$(PYTHON310) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip<24.1"

# reinstall when the project's dependencies change
$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

setup: $(STAMP)

kennis: setup
	$(PY) -m wegwijs kennis check

test: setup
	$(PY) -m wegwijs kennis check
	$(PY) -m pytest

bench: setup
	$(PY) bench/toets_bench.py

run: setup kennis
	@echo "Wegwijs draait nog zonder assistent; gebruik 'wegwijs toets' om een huishouden te toetsen."
