#!/usr/bin/env bash
# Runs the test suite. Services the tests need (Xvfb, pcscd, PostgreSQL) are started by the
# tests' own fixtures (tests/services/); in CI (CI=true) a test whose service cannot start fails.
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONDONTWRITEBYTECODE=1
exec .venv/bin/python -m pytest -q -p no:cacheprovider "$@"
