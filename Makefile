# Two commands for a newcomer: `make run` and `make test`. `make help` lists the rest.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1
MANAGE := $(BIN)/python manage.py
NODE_CHECKERS := node_modules/.installed

.DEFAULT_GOAL := help
.PHONY: help run test lint format check screenshots bench browser-deps lock clean

help: ## List the make targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(BIN)/python:
	@$(PYTHON) -m venv $(VENV) || { echo "Could not create a virtualenv: on Debian, apt-get install python3-venv" >&2; exit 1; }
	$(BIN)/pip install --quiet --upgrade pip

# Installs come from the lock files (every package in the tree pinned), and happen again only
# when a lock file changes. requirements*.txt name what the project asks for; `make lock`
# resolves them into the lock files.
$(VENV)/.installed-runtime: requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.lock
	touch $@

$(VENV)/.installed-test: requirements.lock requirements-test.lock | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-test.lock
	touch $@ $(VENV)/.installed-runtime

PIP_TOOLS := pip-tools==7.6.2
PIP_COMPILE := $(BIN)/pip-compile --quiet --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links

lock: | $(BIN)/python ## Resolve requirements*.txt into requirements*.lock (after changing a pin)
	$(BIN)/pip install --quiet $(PIP_TOOLS)
	$(PIP_COMPILE) --output-file=requirements.lock requirements.txt
	$(PIP_COMPILE) --output-file=requirements-test.lock requirements-test.txt

run: $(VENV)/.installed-runtime ## Install, migrate, load demo content, serve at http://127.0.0.1:8000/
	$(MANAGE) migrate --noinput
	$(MANAGE) collectstatic --noinput --verbosity 0
	$(MANAGE) load_demo_content
	@# Pages cached by an earlier run may come from another database: start the shared cache empty.
	rm -rf .cache/django
	@# The scheduler runs beside the web server, so scheduled stories go live on their own.
	$(MANAGE) run_scheduler & scheduler=$$!; \
	trap 'kill $$scheduler 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver $(HOST):$(PORT)

test: $(VENV)/.installed-test browser-deps $(NODE_CHECKERS) ## Install test tools and run the whole test suite
	DJANGO_SETTINGS_MODULE=cms.settings.test $(BIN)/pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-test ## ruff check and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-test ## Fix what ruff can fix, and format the code
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: $(VENV)/.installed-test ## Django system checks and missing-migration check (development settings)
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

screenshots: $(VENV)/.installed-test browser-deps ## Screenshots of both views at phone and laptop width into docs/screenshots
	DJANGO_SETTINGS_MODULE=cms.settings.test $(BIN)/python -m tests.quality.screenshots docs/screenshots

bench: $(VENV)/.installed-runtime ## Time every page against a static file (BENCH_ARGS="--count 100000 --database-url postgres://…")
	@# wrk from Debian; without it (and without root) the benchmark falls back to a Python loader.
	@command -v wrk >/dev/null || [ "$$(id -u)" != 0 ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# What the tests need from Debian, installed as root (or named, for someone without root).
define apt_install
if [ "$$(id -u)" != 0 ]; then echo "The tests need: sudo apt-get install$(1)" >&2; exit 1; fi; \
apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq$(1) >/dev/null
endef

# Browser tests drive Debian's Chromium (Playwright's own browser download is not used) and
# the w3m text browser; the fault tests stop and start a Redis of their own; deploy/nginx.conf
# is tried with Debian's nginx.
browser-deps:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v w3m >/dev/null || missing="$$missing w3m"; \
	command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	command -v redis-server >/dev/null || missing="$$missing redis-server"; \
	command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing="$$missing nginx"; \
	if [ -n "$$missing" ]; then $(call apt_install,$$missing); fi

# The Nu HTML Checker and Lighthouse come from the npm registry, pinned in package-lock.json.
# Lighthouse stays on 12.2.3: version 13 needs Node 22, Debian has 20.
$(NODE_CHECKERS): package.json package-lock.json | browser-deps
	npm ci --no-audit --no-fund --silent
	touch $@

clean: ## Remove the virtualenv, collected static files and caches
	rm -rf $(VENV) staticfiles .cache .pytest_cache .ruff_cache
