#!/usr/bin/env bash
# npm run bench: builds the library, compiles bench/*.ts and runs every benchmark against its
# peer in the same run; writes reports/benchmarks.json. Extra arguments filter benchmarks by name.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
[ -x .venv/bin/python ] || { echo "bench: .venv/bin/python is missing; run 'npm run setup' first (the peers run in it)." >&2; exit 2; }
if ! .venv/bin/python -c 'import torch, stable_baselines3' 2>/dev/null; then
  echo "bench: installing the benchmark-only peers (requirements-bench.txt: PyTorch, stable-baselines3) into .venv"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-bench.txt 2>&1 | grep -v 'is ignored: it is neither' || true
  .venv/bin/python -c 'import torch, stable_baselines3' || { echo "bench: the benchmark peers did not install; see the pip output above" >&2; exit 1; }
fi
echo "bench: building the library (lib -> lib/dist)"
node_modules/.bin/tsc -p lib/tsconfig.json
echo "bench: compiling bench/*.ts -> .cache/bench"
node_modules/.bin/tsc -p bench/tsconfig.json
export TF_CPP_MIN_LOG_LEVEL=${TF_CPP_MIN_LOG_LEVEL:-2}
node .cache/bench/run.js "$@"
