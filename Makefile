# ABH-Netz. `make help` lists the targets. `make run` and `make test` set everything up themselves.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Links in mails (abhnetz.core.mail.site_url) point here; production sets it in the environment.
SITE_URL ?= http://127.0.0.1:$(PORT)
STAMPS := .stamps
export DJANGO_SETTINGS_MODULE ?= abhnetz.settings.dev

.DEFAULT_GOAL := help

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(STAMPS):
	@mkdir -p $(STAMPS)

$(STAMPS)/venv: pyproject.toml | $(STAMPS)
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) is needed (Python 3.11)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e . --group test
	@touch $@

$(STAMPS)/npm: package.json scripts/copy-assets.mjs | $(STAMPS)
	npm install --no-audit --no-fund --loglevel=error
	npm run --silent build
	@touch $@

$(STAMPS)/messages: $(wildcard locale/*/LC_MESSAGES/django.po) $(STAMPS)/venv
	$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0
	@touch $@

setup: $(STAMPS)/venv $(STAMPS)/npm $(STAMPS)/messages ## Install Python and npm packages, compile translations (idempotent)

migrate: setup
	$(BIN)/python manage.py migrate --noinput -v 0

run: migrate ## Run the site with the demo network at http://127.0.0.1:$(PORT) (SQLite, console e-mail)
	$(BIN)/python manage.py seed_demo
	@echo "ABH-Netz: http://127.0.0.1:$(PORT)/ (demo accounts in README.md, password abhnetz-demo)"
	SITE_URL=$(SITE_URL) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

serve: migrate ## The demo served as in production: gunicorn, the task worker beside it (scripts/serve)
	$(BIN)/python manage.py seed_demo
	SITE_URL=$(SITE_URL) WEB_BIND=127.0.0.1:$(PORT) scripts/serve

# The browser tests run once, in the SQLite run. The PostgreSQL run always has tests to run
# (tests/test_postgres.py), so pytest cannot end it with exit code 5 (no tests collected).
# scripts/with-postgres skips that run when PostgreSQL is missing, unless ABHNETZ_REQUIRE_ALL=1.
# The two runs share nothing (SQLite in memory, a throwaway PostgreSQL cluster of its own),
# so they run side by side on the two cores; the PostgreSQL run's output follows the
# SQLite run's, and either failing fails the target.
test: setup ## Run the whole suite: SQLite (with browser tests) and PostgreSQL, side by side
	@DJANGO_SETTINGS_MODULE=abhnetz.settings.test scripts/with-postgres $(BIN)/python -m pytest -m "not browser" $(ARGS) >$(STAMPS)/test-pg.log 2>&1 & pg=$$!; \
	DJANGO_SETTINGS_MODULE=abhnetz.settings.test $(BIN)/python -m pytest $(ARGS); sqlite=$$?; \
	wait $$pg; postgres=$$?; \
	echo "== PostgreSQL run =="; cat $(STAMPS)/test-pg.log; \
	echo "== SQLite run: exit $$sqlite; PostgreSQL run: exit $$postgres =="; \
	test $$sqlite -eq 0 -a $$postgres -eq 0

test-sqlite: setup ## Run the suite on SQLite only
	DJANGO_SETTINGS_MODULE=abhnetz.settings.test $(BIN)/python -m pytest $(ARGS)

test-pg: setup ## Run the suite on a throwaway PostgreSQL server
	DJANGO_SETTINGS_MODULE=abhnetz.settings.test scripts/with-postgres $(BIN)/python -m pytest -m "not browser" $(ARGS)

test-browser: setup ## Run only the browser tests
	DJANGO_SETTINGS_MODULE=abhnetz.settings.test $(BIN)/python -m pytest -m browser $(ARGS)

# BENCH_FACTOR=1 is the full network of issue #15 (about 15 minutes to build on PostgreSQL);
# BENCH_SECONDS per page and concurrency. The SQLite network is kept in .stamps/ between runs.
BENCH_FACTOR ?= 0.05
BENCH_SECONDS ?= 3
bench: setup ## HTTP benchmark under gunicorn (SQLite, then PostgreSQL); then the in-process ones
	BENCH_FACTOR=$(BENCH_FACTOR) BENCH_SECONDS=$(BENCH_SECONDS) bench/run.sh sqlite
	BENCH_FACTOR=$(BENCH_FACTOR) BENCH_SECONDS=$(BENCH_SECONDS) scripts/with-postgres bench/run.sh postgres
	ABHNETZ_BENCH=1 DJANGO_SETTINGS_MODULE=abhnetz.settings.test $(BIN)/python -m pytest tests/bench -q -p no:logging
	ABHNETZ_BENCH=1 DJANGO_SETTINGS_MODULE=abhnetz.settings.test scripts/with-postgres $(BIN)/python -m pytest tests/bench -q -p no:logging

lint: setup ## Ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup ## Format the code
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: setup ## Update the translation catalogues
	$(BIN)/python manage.py makemessages -l de -l en --ignore=.venv --ignore=node_modules --ignore=static_build --no-obsolete
	$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=node_modules

check: lint test ## Everything CI runs

.PHONY: help setup migrate run serve bench test test-sqlite test-pg test-browser lint format messages check
