PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint types check clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/boardpack build --layout layouts/corporate-parenting.toml --out out
	$(BIN)/boardpack build sample_workbooks/safeguarding_2015 --out out
	$(BIN)/boardpack pack layouts/agenda-corporate-parenting.toml --out out

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts

types: $(STAMP)
	$(BIN)/mypy

# What CI runs: the linter and the type checker first (seconds), then the suite (minutes).
check: lint types test

clean:
	rm -rf $(VENV) out/*.csv out/*.xlsx out/*.pdf out/*.html
