# Two commands for a newcomer: `make serve` and `make test`. Everything else is optional.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
# hooks.py and macros.py import the kit's package from the project root.
export PYTHONPATH := $(CURDIR)

.PHONY: serve build check test bench clean

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

## Run the whole test suite, browser tests included.
test: $(VENV)/.installed
	sh tools/ensure-browser.sh
	$(BIN)/python -m pytest -q

clean:
	rm -rf site .site.tmp .site.old
