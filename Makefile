# The two commands of the README quick start:
#   make demo   set up a virtual environment, code the bundled examples into the embedded store,
#               and print a table of the events
#   make test   set up, then run the tests
#   (setup also installs the dashboard's Leaflet and country outlines from npm into the package)
#   make train  rebuild the shipped event detector, the relevance model and their data cards from corpus/train and
#               ../shared (MUC-4, PLOVER), deterministically
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
OUT ?= out

.PHONY: setup demo test train clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m conflictcoder.web.vendor
	touch $@

demo: setup
	mkdir -p $(OUT)
	$(BIN)/conflictcoder code examples/articles --meta examples/meta.jsonl --db $(OUT)/demo.duckdb -o $(OUT)/demo.jsonl
	$(BIN)/conflictcoder show --db $(OUT)/demo.duckdb

test: setup
	$(BIN)/python -m pytest -q

train: setup
	$(BIN)/python -m pip install --quiet -e '.[train]'
	$(BIN)/python -m conflictcoder.training --shared ../shared

clean:
	rm -rf $(OUT) .pytest_cache
