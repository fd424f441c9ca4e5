# Two commands on a fresh clone: `make run` and `make test`. Both build .venv from the hashed lock
# files, so what CI runs is exactly what a user gets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev
PIP := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: run test lint typecheck unit tmux bench bench-tools clean lock model knowledge

run: $(RUN_STAMP)
	$(BIN)/reader $(ARGS)

test: $(DEV_STAMP) tmux lint typecheck unit

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip

$(RUN_STAMP): requirements/run.lock pyproject.toml | $(BIN)/python
	$(PIP) install --require-hashes -r requirements/run.lock
	$(PIP) install --no-deps -e .
	touch $@

$(DEV_STAMP): requirements/dev.lock pyproject.toml | $(BIN)/python
	$(PIP) install --require-hashes -r requirements/dev.lock
	$(PIP) install --no-deps -e .
	touch $@ $(RUN_STAMP)

# The real-terminal test needs tmux; install it where we may (CI runs as root), else it skips.
tmux:
	@command -v tmux >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
		&& (apt-get update -qq && apt-get install -y -qq tmux >/dev/null) || echo "tmux not installed: the terminal test will skip"; }

lint: $(DEV_STAMP)
	$(BIN)/ruff check reader tests benchmarks
	$(BIN)/lint-imports

typecheck: $(DEV_STAMP)
	$(BIN)/mypy

unit: $(DEV_STAMP)
	$(BIN)/pytest -q $(PYTEST_ARGS)

# Every speed target of the issues; figures land in benchmarks/README.md. BENCH=NAME runs one
# group (help, storage, tui, feeds, feeds-large, feeds-latency). newsboat and GNU time come from Debian.
bench: $(DEV_STAMP) bench-tools
	$(BIN)/python benchmarks/run.py $(BENCH)

bench-tools:
	@for tool in newsboat:newsboat time:/usr/bin/time; do \
		package=$${tool%%:*}; binary=$${tool#*:}; \
		command -v $$binary >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
			&& (apt-get update -qq && apt-get install -y -qq $$package >/dev/null) \
			|| echo "$$package not installed: its figures will be missing"; }; \
	done

# Train our own NER on ../shared/ner-train (tools/train_ner.py; about 10 minutes on one core of
# the 2-core dev machine for the default 4000 steps). Measured on the dev set it scores below
# en_core_web_sm + our rules, so it is not shipped: it lands in build/ner for comparison.
model: $(DEV_STAMP)
	nice -n 10 $(BIN)/python tools/train_ner.py --out build/ner $(MODEL_ARGS)

# Rebuild reader/analysis/data/organisations.tsv and first_names.txt from ../shared.
knowledge: $(DEV_STAMP)
	$(BIN)/python reader/analysis/data/build_knowledge.py

# Regenerate the hashed lock files after changing dependencies in pyproject.toml.
lock: $(DEV_STAMP)
	$(PIP) install pip-tools
	$(BIN)/pip-compile -q --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
		--no-emit-find-links -o requirements/run.lock pyproject.toml
	$(BIN)/pip-compile -q --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
		--no-emit-find-links --extra dev -o requirements/dev.lock pyproject.toml

clean:
	rm -rf $(VENV) build dist .mypy_cache .pytest_cache .ruff_cache
