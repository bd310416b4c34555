# The README's two commands: `make run` (the catalog against the embedded reference server) and
# `make test` (every test). Both install the system packages they need when they are missing.

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SWIFT ?= swift

.PHONY: run test deps test-deps format lint boundaries examples

run: deps
	$(SWIFT) run scimcheck run

test: deps test-deps
	$(SWIFT) test

# libcurl and SQLite headers for the build.
deps:
	@if ! pkg-config --exists libcurl 2>/dev/null || [ ! -f /usr/include/sqlite3.h ]; then \
		echo "Installing libcurl4-openssl-dev and libsqlite3-dev"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libcurl4-openssl-dev libsqlite3-dev pkg-config; \
	fi

# openssl (TLS tests make certificates), scim2-server from PyPI (a third-party target), and for the report
# tests xmllint (JUnit XSD), chromium (the headless-browser check) and jsonschema (the JSON Schema).
test-deps:
	@command -v openssl >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq openssl; }
	@command -v xmllint >/dev/null && command -v chromium >/dev/null || \
		{ $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libxml2-utils chromium; }
	@command -v scim2-server >/dev/null || python3 -m pip install --quiet scim2-server
	@python3 -c 'import jsonschema' 2>/dev/null || python3 -m pip install --quiet jsonschema

format:
	$(SWIFT) format format --in-place --recursive Package.swift Sources Scenarios Tests Examples Benchmarks

lint:
	ci/format.sh

boundaries:
	ci/boundaries.sh

# Regenerate Reports/examples (the reference server's run in all four formats, normalised); commit the diff.
examples: deps
	ci/examples.sh
