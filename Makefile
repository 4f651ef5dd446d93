# Credential Advisor: every entry point does its own setup, from a fresh clone.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV    := .venv
PY      := $(VENV)/bin/python
RASA    := $(VENV)/bin/rasa
MODEL   := models/credential-advisor.tar.gz
KB_DB   := .data/knowledge.db
REPORTS := reports
export PYTHONPATH := $(CURDIR)
# TensorFlow: quiet logs, no oneDNN surprises; threads sized for small school servers.
export TF_CPP_MIN_LOG_LEVEL := 2
export TF_ENABLE_ONEDNN_OPTS := 0

KB_DATA      := $(wildcard knowledge/data/*.yml)
TRAIN_INPUTS := config.yml $(wildcard domain.yml domain/*.yml) $(shell find data components -name '*.yml' -o -name '*.py' 2>/dev/null)

.PHONY: help setup venv lock system-deps web-deps kb lookups model run shell test test-knowledge test-rasa test-python bench cluster-up cluster-down retention clean
RETENTION_DAYS ?= 30

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 18

# Exact versions from the lock files (requirements/*.txt, made by `make lock`): no resolver run, no drift.
$(VENV)/.installed: requirements/runtime.txt requirements/test.txt scripts/find-python310.sh
	@mkdir -p .data
	@test -x $(PY) || $$(scripts/find-python310.sh) -m venv $(VENV)
	@echo "installing Python packages (log: .data/pip.log)"
	@$(VENV)/bin/pip install -q --upgrade "pip<25" > .data/pip.log 2>&1
	@$(VENV)/bin/pip install -q --no-deps -r requirements/runtime.txt -r requirements/test.txt >> .data/pip.log 2>&1 || { tail -30 .data/pip.log; exit 1; }
	@$(VENV)/bin/pip check
	@touch $@

LOCK_VENV := .data/lock-venv
lock: ## re-resolve requirements/*.in into the lock files (pip-compile; then commit requirements/*.txt)
	@test -x $(LOCK_VENV)/bin/pip-compile || { $$(scripts/find-python310.sh) -m venv $(LOCK_VENV) && $(LOCK_VENV)/bin/pip install -q "pip<25" "pip-tools==7.4.1"; }
	@cd requirements && for name in runtime actions test; do \
	  ../$(LOCK_VENV)/bin/pip-compile -q --no-header --no-emit-index-url --no-emit-find-links --strip-extras --allow-unsafe \
	    --output-file $$name.txt $$name.in || exit 1; echo "locked requirements/$$name.txt"; done

venv: $(VENV)/.installed ## create .venv with Python 3.10 and the pinned packages

system-deps: ## install Debian packages (Chromium, PostgreSQL, Redis, nginx, podman) when missing
	@scripts/install-system-deps.sh browser servers images

web/node_modules/.package-lock.json: web/package.json web/package-lock.json
	@cd web && npm ci --no-audit --no-fund --loglevel=error

web-deps: web/node_modules/.package-lock.json ## install the web chat widget from npm

$(KB_DB): $(KB_DATA) $(VENV)/.installed
	@$(PY) -m knowledge load

kb: $(KB_DB) ## validate and load the knowledge base into the database

lookups: $(VENV)/.installed ## regenerate data/lookups from the knowledge base
	@$(PY) -m knowledge lookups

$(MODEL): $(TRAIN_INPUTS) $(VENV)/.installed
	@$(PY) -m knowledge lookups --check
	@mkdir -p models
	@echo "training (log: .data/train.log)"
	@/usr/bin/time -f "training took %e s" $(RASA) train --fixed-model-name credential-advisor --out models > .data/train.log 2>&1 || { tail -40 .data/train.log; exit 1; }
	@tail -1 .data/train.log

model: $(MODEL) ## train the assistant when its inputs changed

setup: venv web-deps kb model ## everything run and test need

run: setup ## serve Rasa (5005), the action server (5055) and the student page (8080)
	@scripts/run.sh

shell: venv kb model ## the counselor's rasa shell, with the action server running
	@scripts/shell.sh

test: system-deps setup test-knowledge test-rasa test-python ## all setup, then every test

test-knowledge: venv
	@$(PY) -m knowledge validate
	@$(PY) -m knowledge lookups --check

test-rasa: venv kb model
	@$(RASA) data validate --fail-on-warnings --max-history 5
	@scripts/test-rasa.sh

test-python: venv kb model
	@deploy/pg-for-tests.sh run -- $(PY) -m pytest tests -ra

bench: system-deps setup ## the performance harness (not part of make test)
	@$(PY) bench/run.py

retention: venv ## delete conversations older than RETENTION_DAYS (30) days from the SQL tracker store
	@$(PY) -m privacy retention --days $(RETENTION_DAYS)

clean: ## remove generated files (models, databases, reports)
	rm -rf models .data $(REPORTS) results .rasa

cluster-up: venv model ## PostgreSQL + Redis + 2 Rasa + 2 action servers + nginx on loopback (deploy/)
	@deploy/cluster.sh up

cluster-down: ## stop everything cluster-up started
	@deploy/cluster.sh down
