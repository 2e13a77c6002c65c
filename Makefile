# Grassroots: the README's two commands are `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := run

VENV    := .venv
PY      := $(VENV)/bin/python
HOST    ?= 127.0.0.1
PORT    ?= 8000
WORKERS ?= 2
# A Python >= 3.12: the one .python-version selects through pyenv, else any on PATH.
PYTHON  ?= $(shell for p in python3 python3.12 python3.13 $$HOME/.pyenv/versions/3.12*/bin/python3; do \
             if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; \
             then echo $$p; break; fi; done)

.PHONY: run test setup lint messages clean-var test-sqlite test-postgres check-static bench bench-dashboard

$(VENV)/bin/python:
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is needed (pyenv install 3.12)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

# Reinstall only when the dependencies change.
$(VENV)/.installed-run: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install -q -e '.[dev]'
	touch $@ $(VENV)/.installed-run

setup: $(VENV)/.installed-run
	@scripts/ensure-system-packages fonts-noto-cjk
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py seed_demo
	$(PY) manage.py collectstatic --noinput -v 0

run: setup
	@scripts/serve "$(HOST)" "$(PORT)" "$(WORKERS)"

test: $(VENV)/.installed-dev
	@scripts/ensure-system-packages chromium fonts-noto-cjk poppler-utils
	$(MAKE) --no-print-directory lint
	scripts/test-both

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check grassroots bench
	$(VENV)/bin/ruff format --check grassroots
	GRASSROOTS_VAR_DIR=$$(mktemp -d) $(VENV)/bin/mypy grassroots
	GRASSROOTS_VAR_DIR=$$(mktemp -d) $(PY) manage.py makemigrations --check --dry-run
	GRASSROOTS_VAR_DIR=$$(mktemp -d) GRASSROOTS_PRODUCTION=true DJANGO_SECRET_KEY=$$(openssl rand -hex 40) \
	  DJANGO_ALLOWED_HOSTS=grassroots.example.gov.cn $(PY) manage.py check --deploy --fail-level WARNING

test-sqlite: $(VENV)/.installed-dev
	@echo "== test suite on SQLite"
	env -u DATABASE_URL $(PY) -m pytest $(PYTEST_ARGS)

test-postgres: $(VENV)/.installed-dev
	@echo "== test suite on PostgreSQL"
	scripts/with-postgres $(PY) -m pytest $(PYTEST_ARGS)

messages:
	cd grassroots && ../$(PY) ../manage.py makemessages -l zh_Hans --no-obsolete --ignore "static/*"
	cd grassroots && ../$(PY) ../manage.py compilemessages -l zh_Hans

clean-var:
	rm -rf var

# Benchmarks (not tests): ratios against raw SQL on a million cases, on SQLite then PostgreSQL.
# The SQLite database stays in var/bench/; a throwaway PostgreSQL cluster is filled each time.
bench: $(VENV)/.installed-dev
	env -u DATABASE_URL GRASSROOTS_VAR_DIR=var/bench $(PY) bench/api.py
	scripts/with-postgres $(PY) bench/api.py

# The dashboards on a 13-county city (2,000,000 cases), on SQLite (kept in var/bench-city/) then
# on a throwaway PostgreSQL cluster.
bench-dashboard: $(VENV)/.installed-dev
	env -u DATABASE_URL GRASSROOTS_VAR_DIR=var/bench-city $(PY) bench/dashboard.py
	scripts/with-postgres $(PY) bench/dashboard.py
