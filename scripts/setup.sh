#!/usr/bin/env bash
# Installs everything the workbench needs from the project's own files. Idempotent: each step
# records a stamp of its inputs and is skipped when nothing changed, so a second run is quick.
#   1. system packages (Debian): chromium (report page tests), postgresql (MLflow scale-out backend)
#   2. Node dependencies (package.json + package-lock.json)
#   3. Python environment .venv (requirements.txt): JupyterLab, nbconvert, MLflow, references
#   4. native TensorFlow binding for tfjs-node, built against the tensorflow-cpu wheel
#   5. the tslab kernel registered into .venv from kernels/tslab/kernel.json
#   6. sample data into data/ with its source and SHA-256
#   7. the library build (lib/dist)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
mkdir -p .cache
t0=$(date +%s)
step() { printf '\n== setup: %s\n' "$*"; }
stamp_of() { cat "$@" 2>/dev/null | sha256sum | cut -c1-16; }

step "checking node and python"
node -e 'const [M,m]=process.versions.node.split(".").map(Number); if (M<20 || (M===20 && m<19)) { console.error("setup: Node >= 20.19 is required (found "+process.version+"): the library loads ESM-only packages with require()."); process.exit(2) }'
python_bin=${QUANTLAB_PYTHON:-}
if [ -z "$python_bin" ]; then
  for c in python3.11 python3; do
    if command -v "$c" >/dev/null && "$c" -c 'import sys; sys.exit(0 if sys.version_info[:2]==(3,11) else 1)' 2>/dev/null; then python_bin=$(command -v "$c"); break; fi
  done
fi
[ -n "$python_bin" ] || { echo "setup: Python 3.11 is required for .venv (tensorflow-cpu 2.21 wheels); set QUANTLAB_PYTHON to its path." >&2; exit 2; }

step "system packages (chromium, postgresql)"
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/lib/postgresql/15/bin/initdb ] || compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
if [ ${#missing[@]} -eq 0 ]; then
  echo "present"
elif [ "$(id -u)" = 0 ]; then
  echo "installing: ${missing[*]}"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >.cache/apt.log 2>&1 || { tail -20 .cache/apt.log >&2; echo "setup: apt-get install ${missing[*]} failed (log: .cache/apt.log)" >&2; exit 1; }
else
  echo "setup: missing Debian packages: ${missing[*]}. Fix: sudo apt-get install -y ${missing[*]}, then run setup again." >&2
  exit 2
fi

step "node dependencies"
want=$(stamp_of package.json package-lock.json lib/package.json)
if [ -d node_modules ] && [ "$(cat node_modules/.quantlab-stamp 2>/dev/null)" = "$want" ]; then
  echo "up to date"
else
  if [ -f package-lock.json ]; then npm ci --no-fund --no-audit --loglevel=error; else npm install --no-fund --no-audit --loglevel=error; fi
  echo "$want" > node_modules/.quantlab-stamp
fi

step "python environment (.venv)"
want=$(stamp_of requirements.txt; echo "$python_bin")
if [ -x .venv/bin/python ] && [ "$(cat .venv/.quantlab-stamp 2>/dev/null)" = "$want" ]; then
  echo "up to date"
else
  [ -x .venv/bin/python ] || "$python_bin" -m venv .venv
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt 2>&1 | grep -v 'is ignored: it is neither' || true
  .venv/bin/python -c 'import jupyterlab, nbconvert, mlflow, arch, statsmodels, sklearn, talib, empyrical, skfolio, tensorflow, onnx, onnxruntime' \
    || { echo "setup: the Python environment is incomplete after pip install -r requirements.txt" >&2; exit 1; }
  echo "$want" > .venv/.quantlab-stamp
fi

step "native TensorFlow binding"
if ! bash scripts/build-tfjs-native.sh; then
  echo "setup: WARNING: the native TensorFlow binding could not be built; the library will run on the pure-JS backend (about 20x slower for recurrent models) and says so when it loads." >&2
fi

step "tslab kernel"
bash scripts/install-kernel.sh

step "sample data"
.venv/bin/python scripts/install_sample_data.py

step "library build"
node_modules/.bin/tsc -p lib/tsconfig.json
echo "lib/dist built"

printf '\n== setup: done in %ss\n' "$(( $(date +%s) - t0 ))"
