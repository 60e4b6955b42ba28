# Two commands for a new user: `make run` and `make test`. See README.md.
VENV    ?= .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed-stamp
PYTHON  ?= python3

.PHONY: run test lint system-run system-test system-dist bench translations dist clean

run: system-run $(STAMP)
	$(VENV)/bin/clerk-app --embedded-backoffice

test: system-test $(STAMP) lint
	scripts/run-tests.sh

lint: $(STAMP)
	$(VENV)/bin/ruff check clerk_app tests benchmarks
	$(VENV)/bin/lint-imports

bench: $(STAMP)
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

TS := clerk_app/resources/translations/clerk_app_en.ts
translations: $(STAMP)
	$(VENV)/bin/pyside6-lupdate $$(find clerk_app/ui -name '*.py' | sort) -ts $(TS) -no-obsolete
	$(PY) scripts/translations.py || echo "translate the texts above in $(TS) (Qt Linguist: pyside6-linguist)"
	$(VENV)/bin/pyside6-lrelease $(TS) -qm $(TS:.ts=.qm)

# The installable workstation (installer/README.md): the PyInstaller one-folder build in
# $(DIST_DIR)/clerk-app/ and, on Linux, $(DIST_DIR)/clerk-app_VERSION_ARCH.deb. DEB_COMPRESSION=zstd
# builds the package in seconds, for machines whose dpkg reads it (Debian 12, Ubuntu 21.10 and later).
DIST_DIR        ?= dist
BUILD_DIR       ?= build
DEB_COMPRESSION ?= xz
dist: system-dist $(STAMP)
	DEB_COMPRESSION=$(DEB_COMPRESSION) $(PY) installer/build.py all --dist $(DIST_DIR) --build $(BUILD_DIR)

system-run:
	@scripts/system-deps.sh run

system-dist:
	@scripts/system-deps.sh dist

system-test:
	@scripts/system-deps.sh test

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test,dist]'
	@touch $(STAMP)

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
