# Two commands on a fresh machine: `make serve` and `make test`. See README.md.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
NPMSTAMP := node_modules/.installed

.PHONY: setup build serve test test-fast check pdf bench browser clean register offline

$(STAMP): requirements.txt
	@$(PYTHON) -c "import sys; assert sys.version_info[:2] == (3, 11), sys.version" || { echo "Python 3.11 is needed. Set PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $(STAMP)

$(NPMSTAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $(NPMSTAMP)

setup: $(STAMP)

## browser: Debian's chromium (Playwright is pointed at it; it cannot download its own browser here)
browser:
	@bash scripts/install_browser.sh

check: setup
	$(BIN)/python scripts/check_data.py

build: setup
	$(BIN)/python scripts/build.py

serve: build
	MACROS_ON_ERROR_FAIL=false NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve -a 127.0.0.1:8000 --livereload

test: setup $(NPMSTAMP) browser
	$(BIN)/python -m pytest

test-fast: setup
	$(BIN)/python -m pytest -m "not browser"

## offline: dist/mappa-guidance-<version>-offline.zip, the whole guidance working from disk (file://), search included
offline: setup $(NPMSTAMP)
	$(BIN)/python scripts/offline.py

pdf: build browser
	$(BIN)/python scripts/make_pdf.py

bench: setup $(NPMSTAMP) browser
	$(BIN)/python scripts/bench.py

register: setup
	$(BIN)/python scripts/update_register.py

clean:
	rm -rf site .site-* pdf dist
