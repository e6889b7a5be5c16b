# Apuntes de Deep Learning. `make help` lists the targets.
# Every target sets up what it needs: a fresh clone needs only `make serve` or `make test`.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# KaTeX, which renders the math while the site builds (assets/hooks/katex_math.py), from npm.
NPM_STAMP := node_modules/.installed
CHROMIUM ?= /usr/bin/chromium
SITE_DIR ?= site

export NO_MKDOCS_2_WARNING := 1

# Reproducible builds: dates in the site (sitemap) come from the last commit, not the
# clock. Without git history the build still works, dated by the clock.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
ifneq ($(SOURCE_DATE_EPOCH),)
export SOURCE_DATE_EPOCH
endif

.DEFAULT_GOAL := help
.PHONY: help install serve build test lint format typecheck bench import import-args all clean

help: ## List the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $(NPM_STAMP)

install: $(STAMP) $(NPM_STAMP) ## Create .venv and node_modules with the pinned dependencies

serve: $(STAMP) $(NPM_STAMP) ## Serve the site with live reload on http://127.0.0.1:8000
	$(BIN)/mkdocs serve --dirty

# The build prints each topic's PDF with Chromium (assets/hooks/pdf.py); `serve` does not.
build: $(STAMP) $(NPM_STAMP) $(CHROMIUM) ## Build the site and each topic's PDF strictly into site/ (any warning fails)
	CHROMIUM=$(CHROMIUM) $(BIN)/mkdocs build --strict --site-dir $(SITE_DIR)

lint: $(STAMP) ## Ruff, mypy --strict, then the other pre-commit hooks (YAML, whitespace, zizmor)
	$(BIN)/ruff check macros hugo_import tests assets/hooks scripts
	$(BIN)/ruff format --check macros hugo_import tests assets/hooks scripts
	$(BIN)/mypy
	SKIP=ruff-check,ruff-format,mypy $(BIN)/pre-commit run --all-files --show-diff-on-failure

format: $(STAMP) ## Format the Python code
	$(BIN)/ruff check --fix macros hugo_import tests assets/hooks scripts
	$(BIN)/ruff format macros hugo_import tests assets/hooks scripts

typecheck: $(STAMP) ## mypy --strict on macros/, assets/hooks/, hugo_import/, scripts/ and tests/
	$(BIN)/mypy

test: $(STAMP) $(NPM_STAMP) $(CHROMIUM) lint ## Lint, then every test: data, render, glue, site build and browser
	CHROMIUM=$(CHROMIUM) $(BIN)/pytest

# Browser tests and the PDFs use Debian's Chromium (Playwright's own browser download does not
# work here).
$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	else \
	  echo "Chromium is missing at $(CHROMIUM): run 'sudo apt-get install chromium'"; exit 1; \
	fi

# `make bench SCALE_ONLY=1`: only the scale report (generated courses of ~100 and ~200 pages);
# `make bench SEARCH_ONLY=1`: only its search part, each query timed SCALE_SEARCH_RUNS times.
bench: $(STAMP) $(NPM_STAMP) $(CHROMIUM) ## Report page weight, Lighthouse scores, live reload, scale
ifdef SCALE_ONLY
	CHROMIUM=$(CHROMIUM) $(BIN)/python scripts/bench.py --scale
else ifdef SEARCH_ONLY
	CHROMIUM=$(CHROMIUM) SCALE_SEARCH_ONLY=1 SCALE_SEARCH_RUNS=$${SCALE_SEARCH_RUNS:-3} $(BIN)/python scripts/bench_scale.py
else
	@test -x .cache/lighthouse/node_modules/.bin/lighthouse || \
	  npm install --prefix .cache/lighthouse --no-audit --no-fund --silent -E lighthouse@12.2.3 || \
	  echo "Lighthouse could not be installed: the report leaves its scores out"
	CHROMIUM=$(CHROMIUM) $(BIN)/python scripts/bench.py
endif

import: import-args $(STAMP) ## Import a Hugo section: make import SRC=<Hugo section folder> TOPIC=<slug>
	$(BIN)/python -m hugo_import "$(SRC)" "$(TOPIC)"

import-args:
	@test -n "$(SRC)" || { echo "make import: SRC is missing: make import SRC=<folder of a Hugo section> TOPIC=<slug>"; exit 2; }
	@test -n "$(TOPIC)" || { echo "make import: TOPIC is missing: make import SRC=<folder of a Hugo section> TOPIC=<slug>"; exit 2; }

all: test build ## Everything CI runs, plus a build into site/

clean: ## Remove the build output and caches
	rm -rf site .pytest_cache .mypy_cache .ruff_cache .cache/pdf
