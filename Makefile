# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

demo: $(VENV)/.installed  ## run the whole flow offline on the bundled sample
	$(BIN)/groundswell demo

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check groundswell tests scripts

test: lint  ## lint, then the whole suite
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(VENV)/.installed-dev  ## speed and memory figures
	$(BIN)/groundswell bench

clean:
	rm -rf $(VENV) demo-output .pytest_cache
