# The two commands for every newcomer: `make run` and `make test`. Everything else is a step they call.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
# the first of these that really is a working Python 3.10 (a pyenv shim may exist without the version selected)
PYTHON310 := $(shell for c in $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.10*/bin/python3.10 python3.10 python3 python; do \
  if $$c -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' >/dev/null 2>&1; then command -v $$c; break; fi; done)
STAMP := $(VENV)/.installed

.PHONY: run test setup kennis browser bench check-python

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

include bot/bot.mk

# content first: the assistant never runs on content with errors
kennis: setup
	$(PY) -m wegwijs kennis check
	$(PY) -m web.thema

# Debian's chromium for the browser tests, and axe-core from the npm registry; where they cannot be installed
# (not root, no apt-get, no npm), the browser tests skip and say why.
browser:
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "chromium installeren voor de browsertests ..."; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	    || echo "chromium kon niet worden geïnstalleerd; de browsertests worden overgeslagen." >&2; fi
	@command -v npm >/dev/null && bash tests/web/setup.sh || echo "npm ontbreekt; de axe-scan wordt overgeslagen." >&2

test: kennis browser train bot-test
	$(PY) -m pytest

run: kennis train
	$(PY) scripts/start.py

bench: setup train
	$(PY) bench/toets_bench.py
	PYTHONPATH=$(CURDIR) $(PY) bench/load/bench.py
