# Wegwijs assistant (Rasa 3.6). Included by the top-level Makefile, which defines VENV and PY.
# Paths are relative to the repository root.
VENV ?= .venv
PY ?= $(VENV)/bin/python
# through bot/start_rasa.py, as every start of Rasa: telemetry off
BOT_RASA := PYTHONPATH=$(CURDIR) TF_CPP_MIN_LOG_LEVEL=2 $(PY) -m bot.start_rasa
BOT_MODEL := bot/models/wegwijs.tar.gz
BOT_BRON := $(shell find bot/config.yml bot/domain bot/data bot/componenten -type f -not -name '*.pyc' 2>/dev/null)
BOT_DATA := --domain bot/domain --data bot/data --config bot/config.yml

.PHONY: train bot-test bot-validate bot-nlu-test bot-e2e chat bench-load

# Train only when the training data, domain or config changed (the model file is the stamp).
$(BOT_MODEL): $(BOT_BRON)
	$(BOT_RASA) train $(BOT_DATA) --out bot/models --fixed-model-name wegwijs
	@touch $@

train: $(BOT_MODEL)

bot-validate:
	$(PY) bot/valideer.py

bot-nlu-test: train
	$(PY) tests/bot/nlu_eval.py

bot-e2e: train
	$(PY) tests/bot/run_e2e.py

# Validate, held-out NLU figures (fails under 0.95), dialogue stories and conversations with the action server.
bot-test: bot-validate bot-nlu-test bot-e2e

# Terminal chat for developers (uses a running bot, or starts one and stops it afterwards).
chat: train
	PYTHONPATH=$(CURDIR) $(PY) bot/chat.py

# Load benchmark: N concurrent citizens over REST, against this bot and a stock `rasa init` bot.
bench-load: train
	PYTHONPATH=$(CURDIR) $(PY) bench/load/bench.py
