# Two commands for a newcomer: `make serve` and `make test`. Everything else is optional.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
# hooks.py and macros.py import the kit's package from the project root.
export PYTHONPATH := $(CURDIR)

.PHONY: serve build check test bench clean new-venue new-brand

$(VENV)/.installed: requirements.txt
	PYTHON=$(PYTHON) sh tools/setup-venv.sh $(VENV)

## Build and serve the site on http://127.0.0.1:8000, rebuilding on every content edit.
serve: $(VENV)/.installed
	$(BIN)/python -m mkdocs serve --dev-addr 127.0.0.1:8000

## Build into a temporary directory and swap it into site/ only on success.
build: $(VENV)/.installed
	rm -rf .site.tmp
	$(BIN)/python -m mkdocs build --strict --site-dir .site.tmp || { rm -rf .site.tmp; exit 1; }
	rm -rf .site.old
	if [ -d site ]; then mv site .site.old; fi
	mv .site.tmp site
	rm -rf .site.old

## Validate content only (fast): every problem with file:line, field and a fix.
check: $(VENV)/.installed
	$(BIN)/python -m leaguekit check

## New content file with every optional field as a commented example; asks for what is missing at a terminal.
## make new-venue NAME=太谷区某某青年之家 TYPE=youth-home ORG=taigu DISTRICT=太谷区 [ID=…]
new-venue: $(VENV)/.installed
	$(BIN)/python -m leaguekit new-venue --name "$(NAME)" --type "$(TYPE)" --org "$(ORG)" --district "$(DISTRICT)" --id "$(ID)"

## make new-brand NAME=某某品牌 ORG=taigu CATEGORY=care SUMMARY=一两句话的简介 [ID=…]
new-brand: $(VENV)/.installed
	$(BIN)/python -m leaguekit new-brand --name "$(NAME)" --org "$(ORG)" --category "$(CATEGORY)" --summary "$(SUMMARY)" --id "$(ID)"

## Run the whole test suite, browser tests included.
test: $(VENV)/.installed
	sh tools/ensure-browser.sh
	$(BIN)/python -m pytest -q

## Benchmarks; numbers go to bench/results/: make check timing, and what a phone downloads
## for the finder's first result list (20 / 1,000 / 69,000 venues).
bench: $(VENV)/.installed
	$(BIN)/python bench/check_speed.py
	$(BIN)/python bench/build_time.py
	$(BIN)/python bench/finder_payload.py

clean:
	rm -rf site .site.tmp .site.old
