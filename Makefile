# Fazhi: `make run` sets up and serves the demo town; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export FAZHI_VAR_DIR ?= $(CURDIR)/var

.PHONY: run test lint typecheck format browser-deps bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

run: $(VENV)/.installed
	FAZHI_DEBUG=1 $(BIN)/python manage.py migrate --noinput
	FAZHI_DEBUG=1 $(BIN)/python manage.py load_demo --if-empty
	@echo "法治 is serving on http://127.0.0.1:8000 — demo logins: see README.md (password fazhi-demo-2026)"
	FAZHI_DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:8000

# Runs on SQLite unless DATABASE_URL points at PostgreSQL.
test: $(VENV)/.installed-dev
	$(BIN)/pytest -n 2 --dist loadfile

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=fazhi.settings_test $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/lint-imports

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy fazhi tests conftest.py bench scripts

format: $(VENV)/.installed-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Debian's Chromium for the browser tests (Playwright cannot download its own browser here).
browser-deps:
	command -v chromium >/dev/null || (apt-get update -q && apt-get install -y -q chromium)

# About two hours: a million parties, ten million ledger events, a million cases, the portal under
# load; see docs/performance.md.
bench: $(VENV)/.installed-dev
	$(BIN)/python bench/party_list.py --db both --parties 1000000
	$(BIN)/python bench/ledger.py --db both --events 1000000,10000000
	$(BIN)/python bench/cases.py --db both --cases 1000,1000000
	command -v wrk >/dev/null || (apt-get update -q && apt-get install -y -q wrk)
	$(BIN)/python bench/portal.py --db both --publications 100000
	$(BIN)/python bench/reports.py --sizes 10000,1000000 --batch

clean:
	rm -rf $(VENV) var
