# Everyday commands. `make` lists them; each one is a line or two of what
# scripts/ and manage.py already do, so nothing here is the only way to do it.

.DEFAULT_GOAL := help
.PHONY: help setup demo serve test lint fmt check cluster cluster-stop

PY := .venv/bin/python
MANAGE := $(PY) manage.py
# Passed to pytest by `make test`, e.g. make test ARGS="tests/pages -k centers".
ARGS ?=

# `check --deploy` reads production settings from the environment, as
# tests/portal/test_settings.py does; the secret is generated for this run only.
PRODUCTION_ENV := DJANGO_SETTINGS_MODULE=portal.settings.production \
	ALLOWED_HOSTS=portal.example.gov.cn \
	DATABASE_URL=postgres://portal@127.0.0.1:5432/portal \
	CSRF_TRUSTED_ORIGINS=https://portal.example.gov.cn \
	CACHE_URL=redis://127.0.0.1:6379/1

help: ## List the targets
	@echo "make <target>:"
	@awk 'BEGIN {FS = ":.*## "} /^[a-z][a-z-]*:.*## / {printf "  %-7s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

setup: ## Install system and Python packages (.venv) and migrate the SQLite database
	scripts/install.sh
	$(MANAGE) migrate --noinput -v 0

demo: setup ## Load (or repair) the demo county; prints the logins
	$(MANAGE) load_demo

serve: ## Serve the site at http://127.0.0.1:8000 with the development settings
	$(MANAGE) runserver 127.0.0.1:8000

cluster: ## Start the multi-server layout on loopback (scripts/cluster.sh): http://127.0.0.1:8080
	scripts/cluster.sh start

cluster-stop: ## Stop the multi-server layout
	scripts/cluster.sh stop

test: ## The whole suite on SQLite and PostgreSQL (scripts/test.sh); ARGS go to pytest
	scripts/test.sh $(ARGS)

lint: ## ruff, ruff format --check, mypy and the import-layer contracts
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/mypy
	PYTHONPATH=. .venv/bin/lint-imports --no-cache

fmt: ## Apply ruff's safe fixes and ruff format to the Python code
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

check: ## Django system checks, the production deploy check, no missing migrations or translations
	$(MANAGE) check
	env $(PRODUCTION_ENV) SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')" \
		$(MANAGE) check --deploy --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run --settings=portal.settings.test
	$(MANAGE) check_messages --settings=portal.settings.test
