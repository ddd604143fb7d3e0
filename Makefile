PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test clean

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

clean:
	rm -rf $(VENV) out/*.csv out/*.xlsx out/*.pdf out/*.html
