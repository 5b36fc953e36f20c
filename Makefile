# Payung — the two commands a fresh machine needs are `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: demo test test-spark mutation install install-test install-mutation install-spark lint format check-migrations regions-data messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade "pip==25.3"

$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	$(PIP) install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP) install --quiet -c constraints.txt -e ".[test]"
	touch $@

$(VENV)/.installed-mutation: $(VENV)/.installed-test
	$(PIP) install --quiet -c constraints.txt -e ".[test,mutation]"
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test
install-mutation: $(VENV)/.installed-mutation

$(VENV)/.installed-spark: $(VENV)/.installed-test
	$(PIP) install --quiet -c constraints.txt -e ".[test,spark]"
	touch $@

install-spark: $(VENV)/.installed-spark

## Run the product: SQLite database, region data, demo programmes and users, web app on $(HOST):$(PORT).
demo: install
	$(BIN)/payung migrate --no-input
	$(BIN)/payung regions load
	$(BIN)/payung demo seed
	$(BIN)/payung collectstatic --no-input --verbosity 0
	$(BIN)/payung serve --host $(HOST) --port $(PORT)

## Run every check: lint, format, types, the layers, migrations, unit/integration/browser tests.
test: install-test
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/pytest $(PYTEST_ARGS)

## A province's matching on Apache Spark in local mode (not part of `make test`; ADR 0051): Spark and
## the in-process matcher find the same pairs, and a run comes back to an installation as flags.
## Needs Java 17 (JAVA_HOME, or java on the PATH).
test-spark: install-spark
	PAYUNG_SPARK_TESTS=1 $(BIN)/pytest tests/spark -q

## Mutation testing of src/payung/domain (not part of `make test`; ADR 0032): a fresh mutmut run
## against the domain unit tests, then killed/total per module; fails below 95% in any module.
mutation: install-mutation
	rm -rf mutants && mkdir -p var
	@start=$$(date +%s); \
	$(BIN)/mutmut run $(MUTMUT_ARGS) > var/mutmut.log 2>&1 || { tail -n 40 var/mutmut.log; exit 1; }; \
	echo "mutmut run: $$(( $$(date +%s) - start )) s (log: var/mutmut.log)"
	$(BIN)/python scripts/mutation_report.py --diffs

lint:
	$(BIN)/ruff check --fix src tests bench scripts
	$(BIN)/ruff format src tests bench scripts

## Regenerate src/payung/data/regions.csv.gz from the pinned npm package idn-area-data.
regions-data:
	npm ci --no-audit --no-fund --ignore-scripts
	$(BIN)/python scripts/build_region_data.py node_modules/idn-area-data/data src/payung/data/regions.csv.gz

## Recompile the translation catalogues after editing locale/*/LC_MESSAGES/django.po.
messages:
	cd src/payung && ../../$(BIN)/payung compilemessages

clean:
	rm -rf $(VENV) var node_modules
