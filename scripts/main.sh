#!/usr/bin/env bash
# The main job: set up (quick when already done), start MLflow if it is not running, execute every
# notebook in order headless, write reports/<notebook>.html and the executed .ipynb, then print
# where everything is. Exits non-zero on the first failing cell.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
t0=$(date +%s)
bash scripts/setup.sh
printf '\n== main: MLflow\n'
node scripts/mlflow.mjs start
MLFLOW_TRACKING_URI=$(node scripts/mlflow.mjs url)
export MLFLOW_TRACKING_URI QUANTLAB_HOME="$root" TF_CPP_MIN_LOG_LEVEL=2
printf '\n== main: notebooks\n'
.venv/bin/python scripts/run_notebooks.py --out reports
printf '\n== main: done in %ss\n' "$(( $(date +%s) - t0 ))"
node scripts/summary.mjs
