# Vigie: one obvious command for each chore. `make install` then `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV      := .venv
BIN       := $(VENV)/bin
PY        := $(BIN)/python
RASA      := $(BIN)/rasa
MODEL     := models/vigie.tar.gz
RESULTS   := results
# Everything the trained model depends on; data/ may hold other YAML (catalogues), which only costs a retrain.
TRAINING_INPUTS := config.yml domain.yml $(shell find data -name '*.yml' 2>/dev/null) $(wildcard eval/emergency/tuning-*.jsonl eval/emergency/classifier-*.jsonl)
PY_SOURCES := bot actions core guards tests scripts

export RASA_TELEMETRY_ENABLED := false
# `rasa test` as typed looks for test stories in every file under `.` and crashes on the bare
# numbers of its training cache's `*.priority.json`: keep that cache out of the project.
export RASA_CACHE_DIRECTORY ?= $(HOME)/.cache/vigie/rasa-$(shell printf %s "$(CURDIR)" | cksum | cut -d' ' -f1)
# ... and on the sample test stories that Rasa's package ships for `rasa init` (in .venv).
RASA_SAMPLE_TESTS = $(VENV)/lib/python3.10/site-packages/rasa/cli/initial_project/tests
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help install train run shell test lint guard-lint format validate test-python test-unit test-faults \
	test-conversations bench bench-guards bench-webhook eval-emergency eval-guards eval-guards-bot eval-nlu \
	clean load-test

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 22

install: $(VENV)/.installed $(VENV)/.privacy-defaults $(MODEL)  ## create .venv with Python 3.10, install pinned dependencies, train the model

$(VENV)/.installed: requirements.txt requirements-dev.txt constraints.txt
	@python=$$(scripts/find-python) || exit 1; \
	  if [ ! -x $(PY) ] || ! $(PY) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))'; then \
	    rm -rf $(VENV); echo "creating $(VENV) with $$python"; "$$python" -m venv $(VENV); fi
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade "pip==24.0"
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -r requirements.txt -r requirements-dev.txt
	rm -rf $(RASA_SAMPLE_TESTS)
	@touch $@

# Telemetry and error reporting off for every `rasa` command run with this venv, not only
# through make: a .pth file in site-packages sets RASA_TELEMETRY_ENABLED=false unless set.
$(VENV)/.privacy-defaults: $(VENV)/.installed scripts/privacy_defaults.py
	$(PY) -m scripts.privacy_defaults
	@touch $@

$(MODEL): $(VENV)/.installed $(TRAINING_INPUTS)
	@rm -rf .rasa  # a cache left by a bare `rasa train`: Rasa now keeps it in $$RASA_CACHE_DIRECTORY
	$(RASA) train --fixed-model-name vigie --out models --num-threads 2
	@touch $@

train: $(MODEL)  ## train the model when config, domain or data changed

run: install  ## action server + Rasa (REST, SQLite) + WhatsApp simulator at http://127.0.0.1:5005/simulator/
	$(PY) -m scripts.run

shell: install  ## chat with the bot in this terminal
	$(PY) -m scripts.run --shell

lint: $(VENV)/.installed  ## ruff check and format check; mypy (strict on guards/ and core/)
	$(BIN)/ruff check $(PY_SOURCES)
	$(BIN)/ruff format --check $(PY_SOURCES)
	$(BIN)/mypy --strict guards core
	$(BIN)/mypy bot actions scripts

guard-lint: $(VENV)/.installed  ## WhatsApp policy and limits lint of domain.yml, data/ and test stories
	$(PY) -m guards lint domain.yml data tests/stories

format: $(VENV)/.installed  ## apply ruff fixes and formatting
	$(BIN)/ruff check --fix $(PY_SOURCES)
	$(BIN)/ruff format $(PY_SOURCES)

validate: $(VENV)/.installed  ## rasa data validate: domain, data, no story/rule conflicts
	$(RASA) data validate --fail-on-warnings

test-python: install  ## pytest: unit and integration tests (not the multi-instance fault tests)
	$(BIN)/pytest -m "not faults"

test-faults: install  ## multi-instance fault tests: kill -9 and SIGTERM of a Rasa instance under load (PostgreSQL, Redis)
	$(BIN)/pytest -m faults

test-unit: $(VENV)/.installed  ## the fast pytest tests: no trained model, no Rasa or action server process
	$(BIN)/pytest -m "not model and not process"

test-conversations: install  ## rasa test: test stories (fail on any error) and held-out NLU evaluation
	$(PY) -m scripts.conversation_tests

test: lint guard-lint validate test-python test-conversations eval-emergency  ## everything CI runs
	@cat $(RESULTS)/summary.txt $(RESULTS)/emergency.txt

eval-emergency: install  ## emergency rule, then the trained model, on the sets of eval/emergency/: recall, false alarms
	$(PY) -m scripts.eval_emergency --model $(MODEL)

eval-nlu: install  ## blind NLU sets (eval/nlu/*.jsonl): accuracy, fallback rate, confusions, errors
	$(PY) -m scripts.eval_nlu

bench: bench-guards bench-webhook  ## every benchmark (prints figures)

bench-guards: $(VENV)/.installed  ## guard library speed: p50/p99 per message, linearity, CLI throughput
	$(PY) -m scripts.bench_guards

eval-guards: install  ## guards on eval/guards/*.jsonl: the library, then the bot over REST (recall, precision, errors)
	$(PY) -m scripts.eval_guards
	$(PY) -m scripts.eval_guards_bot

eval-guards-bot: install  ## the running bot (rasa run + action server, REST) on eval/guards/*.jsonl, judged by what it did
	$(PY) -m scripts.eval_guards_bot

bench-webhook: install  ## WhatsApp webhook: ack latency at 50 req/s, end-to-end vs REST at 10 req/s
	$(PY) -m scripts.bench_webhook

# Several instances behind nginx: LOAD_TEST_ARGS="--store redis --users 50 --messages 10".
load-test: install  ## N=2 Rasa instances behind nginx, 50 users x 10 webhooks: lost, duplicated, order, turns/s, p50/p95, vs 1 instance
	$(PY) -m scripts.load_test $(LOAD_TEST_ARGS)

clean:  ## remove the model, results, local databases and Rasa's training cache (keeps .venv)
	rm -rf models $(RESULTS) .vigie .rasa "$(RASA_CACHE_DIRECTORY)"
