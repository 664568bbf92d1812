# Quick start: `make run` opens the app, `make test` runs every check. Both build .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
APP_STAMP := $(VENV)/.installed-app

.PHONY: run test lint typecheck unit demo screenshots bench clean

# `make run` installs the app and its own dependencies only; every other target (tests, lint,
# screenshots, bench) the dev tools too. A second run reinstalls only when pyproject.toml changed.
$(APP_STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "Installing todo-tui and its dependencies into $(VENV) (log: $(VENV)/install.log)"
	@# setuptools prints a notice on every editable install: shown only when the install fails
	@{ $(BIN)/python -m pip install --disable-pip-version-check --upgrade pip \
		&& $(BIN)/python -m pip install --disable-pip-version-check -e . ; } \
		> $(VENV)/install.log 2>&1 || { cat $(VENV)/install.log; exit 1; }
	@touch $(APP_STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP) $(APP_STAMP)

run: $(APP_STAMP)
	@$(BIN)/python -m compileall -q todo_tui  # bytecode, for a fast start even where writing it is off
	$(BIN)/todo-tui $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check todo_tui tests
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy

# every core runs tests (`-n auto`, at most 4); each test has its own files and its own PostgreSQL
# database, so none waits for another. PYTEST_ARGS="-n 0" runs them one at a time.
unit: $(STAMP)
	$(BIN)/python -m pytest -n auto --maxprocesses 4 --dist worksteal $(PYTEST_ARGS)

test: lint typecheck unit

demo: $(STAMP)
	$(BIN)/todo-tui demo --tasks $(or $(TASKS),200)

screenshots: $(STAMP)
	$(BIN)/python screenshots/make.py

bench: $(STAMP)
	$(BIN)/python -m bench.run
	$(BIN)/python -m bench.trees
	$(BIN)/python -m bench.imports  # 10 000 and 100 000 taskwarrior tasks in (bench/imports.md)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
