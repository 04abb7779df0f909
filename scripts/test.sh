#!/usr/bin/env bash
# The test command: set up (quick when already done), then every vitest test: library unit tests
# against the reference libraries, the MLflow integration tests on real servers (SQLite and
# PostgreSQL), the headless run of every notebook, and the report page test in Chromium.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/setup.sh
printf '\n== test: vitest\n'
exec node_modules/.bin/vitest run "$@"
