#!/usr/bin/env bash
# The test command: set up (quick when already done), then every vitest test: library unit tests
# against the reference libraries, the MLflow integration tests on real servers (SQLite and
# PostgreSQL), the headless run of every notebook, and the report page test in Chromium.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/setup.sh
printf '\n== test: vitest\n'
mkdir -p reports
results=reports/test-results.json
rm -f "$results"
status=0
node_modules/.bin/vitest run --reporter=default --reporter=json --outputFile.json="$results" "$@" || status=$?
# One plain closing line that any CI log reader understands.
if [ -f "$results" ]; then
  node -e 'const r = require(process.argv[1]); console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""))' "$root/$results"
fi
exit $status
