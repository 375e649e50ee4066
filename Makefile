# audio-edition: `make demo` renders the sample edition, `make test` runs the tests.
# Each target sets up what it needs: system packages, a virtual environment, Python packages.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
OUT ?= output
BENCH_RUNS ?= 3

.PHONY: setup system test-system demo demo-credentials test lint format bench clean

# Our modules compiled once, as pip does for installed packages: each render and each
# of its worker processes then starts without compiling them.
setup: system $(VENV)/.installed
	@$(BIN)/python -m compileall -q audio_edition

system:
	@scripts/system-packages.sh

test-system:
	@scripts/system-packages.sh --test

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[neural,cluster,dev]'
	touch $@

# The sample edition signs its MP3s with a throwaway DEMO certificate (trusted by no one),
# made here once and kept while valid; never committed (.gitignore).
demo-credentials: setup
	$(BIN)/audio-edition credentials demo sample-edition/demo-credentials

demo: setup demo-credentials
	$(BIN)/audio-edition render sample-edition --out $(OUT)
	$(BIN)/audio-edition check $(OUT)
	@echo "Preview the site: $(BIN)/audio-edition serve $(OUT)  (then open http://127.0.0.1:8000/)"

test: setup test-system
	$(BIN)/pytest

lint: $(VENV)/.installed
	$(BIN)/ruff check audio_edition tests bench
	$(BIN)/ruff format --check audio_edition tests bench
	$(BIN)/mypy

format: $(VENV)/.installed
	$(BIN)/ruff format audio_edition tests bench
	$(BIN)/ruff check --fix audio_edition tests bench

$(VENV)/.bench: $(VENV)/.installed pyproject.toml
	$(BIN)/pip install --quiet -e '.[neural,cluster,dev,bench]'
	touch $@

bench: setup demo-credentials $(VENV)/.bench
	$(BIN)/python bench/render_bench.py --runs $(BENCH_RUNS)
	$(BIN)/python bench/dask_bench.py --runs $(BENCH_RUNS)
	$(BIN)/python bench/text_bench.py
	$(BIN)/python bench/wer_bench.py

clean:
	rm -rf $(OUT) $(VENV) .pytest_cache .mypy_cache .ruff_cache sample-edition/demo-credentials
