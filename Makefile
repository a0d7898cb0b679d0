# Two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench lint dist dist-test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/pakn-desktop $(ARGS)

# The suite runs on every core (pytest-xdist; each worker has its own PostgreSQL database, see
# tests/conftest.py); `make test WORKERS=0` runs it in one process, one test after another.
# --dist loadgroup keeps a module marked xdist_group in one worker (tests/ui/test_journeys.py).
# --max-worker-restart=0: a worker that crashes (a segfault) fails the run at once, naming its
# test; pytest-xdist 3.8 replacing it under loadgroup waits forever for work never sent
# (pytest-dev/pytest-xdist#1323, #1378), and a CI run timed out so.
WORKERS ?= auto
test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -n $(WORKERS) --dist loadgroup \
		--max-worker-restart=0 $(PYTEST_ARGS)

# `make bench BENCH_ARGS="day --sizes 1000000" PAKN_BENCH_PG_URL=postgresql+psycopg://…` for
# one part (here the working day at a million cases) on SQLite and PostgreSQL.
bench: $(STAMP)
	PAKN_BENCH_PG_URL="$(PAKN_BENCH_PG_URL)" $(BIN)/python -m bench $(BENCH_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

dist: $(STAMP)
	$(BIN)/python -m pip install --quiet 'pyinstaller>=6.10,<7'
	$(BIN)/pyinstaller --noconfirm --clean build.spec

dist-test: dist
	PAKN_TEST_DIST=1 QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest tests/test_selftest.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache

# The fault suite (kill -9, desks together, restore while writing, full disk); a few minutes.
# PostgreSQL too when PAKN_FAULTS_DATABASE_URL names a scratch database (it is wiped).
.PHONY: faults
faults: $(STAMP)
	$(BIN)/python tools/faults.py $(FAULTS_ARGS)
