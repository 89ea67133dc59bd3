# Two commands for a newcomer: `make serve` and `make test`. Everything else is optional.
# Both create .venv with the distribution's python3 and install the locked requirements
# (requirements/*.txt, resolved from pyproject.toml by `make lock`) plus the kit, editable.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build build-all check test lockcheck lock bench audit clean new-venue new-brand new-activity export-sheet import-sheet

# What serve/build/check need; the test set adds pytest, Playwright and ProperDocs.
# Quiet on stdout (progress goes to stderr): `make check FORMAT=json > report.json` must hold only JSON.
$(VENV)/.runtime: pyproject.toml requirements/runtime.txt
	@echo "Setting up $(VENV) from requirements/runtime.txt ..." >&2
	@PYTHON=$(PYTHON) sh tools/setup-venv.sh $(VENV) requirements/runtime.txt >&2
	@touch $@

# test.txt holds runtime.txt's pins and more (tools/lock.sh), so it satisfies both.
$(VENV)/.test: pyproject.toml requirements/test.txt requirements/runtime.txt
	PYTHON=$(PYTHON) sh tools/setup-venv.sh $(VENV) requirements/test.txt
	touch $@ $(VENV)/.runtime

## Build and serve the site on http://127.0.0.1:8000 (make serve PORT=8001: another port); after the first
## build, saving a venue file redraws only the pages it changes (leaguekit/mkdocs/incremental.py).
PORT ?= 8000
serve: $(VENV)/.runtime
	$(BIN)/python -m mkdocs serve --dev-addr 127.0.0.1:$(PORT)

## Build into a fresh directory and swap it into site/ in one step, only on success (one build at a time).
## SITE_ORG=taigu make build|serve|check: that org's own site (it and the orgs below it), reaching
## Python through the environment like NAME below.
build: $(VENV)/.runtime
	$(BIN)/python -m leaguekit build

## Every org with a site_url in data/orgs.yml, each into site-all/<org id>/ (content read once);
## make build-all SITE_ALL=site: into site/<org id>/, beside the publisher's pages (GitHub Pages).
build-all: $(VENV)/.runtime
	$(BIN)/python -m leaguekit build-all

## Validate content only (fast): every problem with file:line, field and a fix.
## make check FORMAT=github|gitlab|json: the same problems for CI (see README "Publishing").
check: $(VENV)/.runtime
	@$(BIN)/python -m leaguekit check $(if $(FORMAT),--format $(FORMAT))

## New content file with every optional field as a commented example; asks for what is missing at a terminal.
## make new-venue NAME=太谷区某某青年之家 TYPE=youth-home ORG=taigu DISTRICT=太谷区 [ID=…] [ADDRESS=… LAT=… LNG=… DATUM=gcj02]
##   [HOURS="周一至周五 9:00-17:00" HOLIDAYS=休息|照常开放|9:00-12:00]
## The values reach Python through the environment (make exports command-line variables),
## never through the shell, so quotes or backticks in a name cannot run anything.
new-venue: $(VENV)/.runtime
	$(BIN)/python -m leaguekit new-venue

## make new-brand NAME=某某品牌 ORG=taigu CATEGORY=care SUMMARY=一两句话的简介 [ID=…]
new-brand: $(VENV)/.runtime
	$(BIN)/python -m leaguekit new-brand

## make new-activity TITLE=青联大讲堂 ORG=taigu [VENUE=taigu-talent-station] [BRAND=…] [START="2026-12-05 09:00"] [END=…] [ID=…]
## Without VENUE the file gets a place to fill in; without START a Saturday placeholder. Both are marked sample: true.
new-activity: $(VENV)/.runtime
	$(BIN)/python -m leaguekit new-activity

## The venue ledger (台账) as a spreadsheet, both ways. SHEET, ORG and APPLY reach Python through
## the environment, like NAME above.
## make export-sheet [SHEET=台账.xlsx] [ORG=taigu]: every venue (or one org's), .xlsx with drop-downs or .csv
export-sheet: $(VENV)/.runtime
	$(BIN)/python -m leaguekit export-sheet

## make import-sheet SHEET=台账.xlsx [APPLY=1]: what the sheet would change (新增 / 修改 / 不变) and every
## problem by row and column; with APPLY=1 the venue files are written, only when every row is valid.
import-sheet: $(VENV)/.runtime
	$(BIN)/python -m leaguekit import-sheet

## Run the whole test suite, browser tests included, after proving the lock installs on every claimed Python.
test: $(VENV)/.test lockcheck
	$(BIN)/ruff check leaguekit macros.py tests bench tools
	sh tools/ensure-browser.sh
	$(BIN)/python -m pytest -q

## Every pin in requirements/*.txt installs on the lowest and newest Python claimed (pip dry run).
lockcheck: $(VENV)/.test
	$(BIN)/python tools/lockcheck.py

## Re-resolve requirements/*.txt from pyproject.toml (needs the package index).
lock: $(VENV)/.test
	sh tools/lock.sh $(VENV)

## Benchmarks, numbers to bench/results/: the kit beside a bare MkDocs + Material build at
## 1,000 / 5,000 / 20,000 generated venues (BENCH_N=1000,5000,20000,69000 for a national run),
## the full build's peak memory with door posters (python bench/memory.py 69000 for the national target),
## what a phone downloads for the finder's first result list, the slowest 200 KB body, the
## near-duplicate district check and new ids for same-named rows at growing sizes (linear), the
## first build and cached rebuild with 1,000 phone photos (BENCH_PHOTOS=N for another count),
## every org's own site (build-all) against one full build of the sample, and the finder's map
## drawing markers from 69,000 venues with the CPU slowed 4×, and `make check` alone at 69,000.
bench: $(VENV)/.test
	sh tools/ensure-browser.sh
	$(BIN)/python bench/run.py
	$(BIN)/python bench/memory.py
	$(BIN)/python bench/finder_payload.py
	$(BIN)/python bench/bodies.py
	$(BIN)/python bench/linear.py
	$(BIN)/python bench/photos.py
	$(BIN)/python bench/orgsites.py
	$(BIN)/python bench/check.py
	$(BIN)/python bench/map_markers.py
	$(BIN)/python bench/serve.py

## Lighthouse mobile on home, /nearby/ and a venue page (served with gzip, median of 3 runs) and
## the W3C Nu HTML checker over every page; scores and errors to audit/results/. Fails on any vnu
## error in the kit's own markup. Installs Node, Java and the pinned npm tools (.audit/) when missing.
audit: $(VENV)/.runtime .audit/.installed
	$(BIN)/python tools/audit/run.py

.audit/.installed: tools/audit/package.json tools/audit/package-lock.json tools/audit/install.sh
	sh tools/audit/install.sh .audit
	touch $@

clean:
	rm -rf site site-all .site-* .site.lock
