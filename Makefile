# Two commands on a fresh machine: `make serve` and `make test`. See README.md.
# Any Python from 3.11 up will do: by default python3.11 if the machine has it, else the newest python3.x (3.11 or later).
PYTHON ?= $(shell for p in python3.11 python3.14 python3.13 python3.12 python3; do v=$$(command -v $$p) && $$v -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && { echo $$v; break; }; done)
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
NPMSTAMP := node_modules/.installed

ENGINE ?= mkdocs

.PHONY: lock generate setup build serve test test-fast lint check pdf bench browser clean register offline release next-edition new-tool new-step new-source macro-list dist preview accept

# Every installed package comes from requirements.lock, pinned with its hashes (pip refuses anything else);
# the package itself is installed editable without build isolation, so no unpinned build tool is fetched.
$(STAMP): requirements.lock pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.11 or newer is needed. Set PYTHON=/path/to/python3.11 (or newer)."; exit 1; }
	@$(PYTHON) -c "import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)" || { echo "$(PYTHON) is older than 3.11. Set PYTHON=/path/to/python3.11 (or newer)."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

$(NPMSTAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $(NPMSTAMP)

setup: $(STAMP)

## lock: recompile requirements.lock from requirements.in (every dependency, pinned, with hashes) with pip-tools,
## run from a throwaway venv of its own (.venv-lock), never the project's
LOCKVENV := .venv-lock
lock:
	@test -x $(LOCKVENV)/bin/pip-compile || { $(PYTHON) -m venv $(LOCKVENV) && $(LOCKVENV)/bin/pip install --quiet pip-tools==7.6.2; }
	$(LOCKVENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
	  --no-emit-find-links --output-file requirements.lock requirements.in

## browser: Debian's chromium (Playwright is pointed at it; it cannot download its own browser here)
browser:
	@bash scripts/install_browser.sh

check: setup
	$(BIN)/python scripts/check_data.py

## accept: after reading the changed sentences `make check` shows, keep them as the reader text (reader-text/)
accept: setup
	$(BIN)/python scripts/accept.py

## generate: the engine-neutral source tree build/src/ (pages with macros rendered, assets, exports, engine configs)
generate: setup
	$(BIN)/python scripts/generate.py

## build / serve: generate, then build with ENGINE=mkdocs (MkDocs with Material, the default) or ENGINE=zensical
build: setup
	$(BIN)/python scripts/build.py --engine $(ENGINE)

## serve PORT=8000 ENGINE=mkdocs: live preview; while the data is broken the browser shows the check's messages (scripts/serve.py)
serve: PORT ?= 8000
serve: setup
	$(BIN)/python scripts/serve.py --port $(PORT) --engine $(ENGINE)

## lint: ruff over every module (it says how many files it checked), the layer contract (import-linter,
## pyproject.toml: layers, only guidance/engines/ imports an engine, no import cycle), then the dead-code check (vulture)
lint: setup
	@$(BIN)/ruff check guidance scripts tests vulture_allowlist.py && \
	  echo "ruff: $$($(BIN)/ruff check --show-files guidance scripts tests vulture_allowlist.py | grep -c '\.py$$') files checked"
	$(BIN)/lint-imports --no-cache
	$(BIN)/vulture guidance scripts vulture_allowlist.py --min-confidence 60 \
	  --ignore-decorators "@model_validator,@field_validator,@field_serializer,@computed_field,@property" \
	  --ignore-names "on_*"

## test / test-fast run pytest on PYTEST_WORKERS processes (pytest-xdist; tests/parallel.py groups the tests that
## share a walk or a build); PYTEST_WORKERS=0 runs them in one process. The options go through PYTEST_ADDOPTS so
## that the recipe's own pytest arguments stay the lane's (scripts/bench_lanes.py reads them).
PYTEST_WORKERS ?= 2
XDIST := $(if $(filter-out 0,$(PYTEST_WORKERS)),-n $(PYTEST_WORKERS) --dist loadgroup --no-loadscope-reorder)

test: setup $(NPMSTAMP) browser lint
	PYTEST_ADDOPTS="$(XDIST) $$PYTEST_ADDOPTS" $(BIN)/python -m pytest

## test-fast: everything but chromium, the npm tools (axe, vnu, the offline pack) and linkchecker; needs `make setup` alone
test-fast: setup lint
	PYTEST_ADDOPTS="$(XDIST) $$PYTEST_ADDOPTS" $(BIN)/python -m pytest -m "not browser and not node and not slow"

## offline: dist/mappa-guidance-<version>-offline.zip, the whole guidance working from disk (file://), search included
offline: setup $(NPMSTAMP)
	$(BIN)/python scripts/offline.py

pdf: build browser
	$(BIN)/python scripts/make_pdf.py

## dist: dist/site/, the site to publish, with its downloads (offline pack, PDFs); needs PUBLIC_URL (README, "Publishing")
dist: setup $(NPMSTAMP) browser
	@test -n "$(PUBLIC_URL)" || { echo 'make dist needs the public address readers will use: make dist PUBLIC_URL=https://guidance.example.scot/'; exit 2; }
	PUBLIC_URL="$(PUBLIC_URL)" $(BIN)/python scripts/dist.py

## preview: serve dist/site/ with the production nginx configuration (deploy/) on PORT (default 8080), in the foreground
preview: PORT ?= 8080
preview: setup
	@test -f dist/site/index.html || { echo 'No dist/site/ yet: run make dist PUBLIC_URL=https://... first.'; exit 2; }
	$(BIN)/python scripts/preview.py --site dist/site --port $(PORT)

bench: setup $(NPMSTAMP) browser
	$(BIN)/python scripts/bench.py

## release: freeze the built site as a kept edition (see README.md, "Cutting a release")
release: setup
	@test -n "$(SUMMARY)" || { echo 'Say what changed, in one line: make release SUMMARY="..."'; exit 1; }
	$(BIN)/python scripts/release.py --summary "$(SUMMARY)"

register: setup
	$(BIN)/python scripts/update_register.py

## next-edition: start preparing the next edition (raises version in data/site.yaml; builds say "Draft" until make release)
next-edition: setup
	$(BIN)/python scripts/next_edition.py

## new-tool ID=TOOL-XYZ, new-step STAGE=meeting, new-source ID=some-id: a new record from its template (scripts/templates/)
new-tool: setup
	@test -n "$(ID)" || { echo 'Name the tool: make new-tool ID=TOOL-XYZ'; exit 1; }
	$(BIN)/python scripts/new_record.py tool "$(ID)"

new-step: setup
	@test -n "$(STAGE)" || { echo 'Name the stage: make new-step STAGE=meeting (identification, level-referral, pre-meeting, meeting or exit)'; exit 1; }
	$(BIN)/python scripts/new_record.py step "$(STAGE)"

new-source: setup
	@test -n "$(ID)" || { echo 'Name the source: make new-source ID=publisher-topic-2016'; exit 1; }
	$(BIN)/python scripts/new_record.py source "$(ID)"

## macro-list: write the list of macros a page can use into CONTRIBUTING.md (from guidance/site/page_macros.py)
macro-list: setup
	$(BIN)/python scripts/macro_list.py

clean:
	rm -rf site .site-* pdf dist build
