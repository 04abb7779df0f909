#!/usr/bin/env bash
# Opens JupyterLab on notebooks/ with the TypeScript (tslab) kernel, MLflow running beside it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
node scripts/mlflow.mjs start
MLFLOW_TRACKING_URI=$(node scripts/mlflow.mjs url)
export MLFLOW_TRACKING_URI QUANTLAB_HOME="$root" TF_CPP_MIN_LOG_LEVEL=2
exec .venv/bin/jupyter lab --notebook-dir="$root/notebooks" --ip=127.0.0.1 "$@"
