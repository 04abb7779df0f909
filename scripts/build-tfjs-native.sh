#!/usr/bin/env bash
# Builds the native TensorFlow binding of tfjs-node (or tfjs-node-gpu) against the TensorFlow C
# library that the PyPI tensorflow wheel ships, because tfjs-node's own install script downloads
# libtensorflow from a host this machine cannot reach. Idempotent: a stamp records what was built.
#
#   scripts/build-tfjs-native.sh            CPU: @tensorflow/tfjs-node + tensorflow-cpu wheel
#   QUANTLAB_TFJS_FLAVOR=gpu scripts/...    GPU: @tensorflow/tfjs-node-gpu + tensorflow[and-cuda]
#                                           wheel (same recipe; untested here, no CUDA machine)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
flavor=${QUANTLAB_TFJS_FLAVOR:-cpu}
case "$flavor" in
  cpu) pkg=@tensorflow/tfjs-node ;;
  gpu) pkg=@tensorflow/tfjs-node-gpu ;;
  *) echo "build-tfjs-native: QUANTLAB_TFJS_FLAVOR='$flavor' is not valid; use 'cpu' or 'gpu'." >&2; exit 2 ;;
esac
py=.venv/bin/python
tfdir=$($py -c 'import os, importlib.util as u; s=u.find_spec("tensorflow"); print(os.path.dirname(s.origin) if s else "")' 2>/dev/null || true)
if [ -z "$tfdir" ] || [ ! -f "$tfdir/libtensorflow_cc.so.2" ]; then
  echo "build-tfjs-native: no TensorFlow C library found in .venv (expected tensorflow/libtensorflow_cc.so.2 from the tensorflow-cpu wheel); run 'npm run setup' first." >&2
  exit 2
fi
moddir=node_modules/$pkg
[ -d "$moddir" ] || { echo "build-tfjs-native: $moddir is missing; run 'npm install' first." >&2; exit 2; }
tfver=$($py - <<'PY'
import importlib.metadata as m
for d in ("tensorflow-cpu", "tensorflow"):
    try:
        print(m.version(d)); break
    except m.PackageNotFoundError:
        pass
PY
)
stamp="$pkg@$(node -p "require('./$moddir/package.json').version") tensorflow=$tfver node=$(node -p process.version) dir=$tfdir"
if compgen -G "$moddir/lib/napi-v*/tfjs_binding.node" >/dev/null && [ "$(cat "$moddir/deps/.quantlab-stamp" 2>/dev/null)" = "$stamp" ]; then
  echo "native TensorFlow binding: up to date ($stamp)"
  exit 0
fi
echo "native TensorFlow binding: building for $stamp"
rm -rf "$moddir/deps"
mkdir -p "$moddir/deps/lib"
ln -s "$tfdir/include" "$moddir/deps/include"
for name in libtensorflow.so libtensorflow.so.2 libtensorflow_cc.so.2; do
  ln -s "$tfdir/libtensorflow_cc.so.2" "$moddir/deps/lib/$name"
done
for name in libtensorflow_framework.so libtensorflow_framework.so.2; do
  ln -s "$tfdir/libtensorflow_framework.so.2" "$moddir/deps/lib/$name"
done
# node-gyp needs Node's headers; it must not try to download them.
nodedir=""
for d in "$(dirname "$(dirname "$(command -v node)")")" /usr /usr/local; do
  if [ -f "$d/include/node/node_api.h" ]; then nodedir=$d; break; fi
done
[ -n "$nodedir" ] || { echo "build-tfjs-native: Node's C headers (include/node/node_api.h) were not found next to node, in /usr or /usr/local; install the nodejs headers package." >&2; exit 2; }
( cd "$moddir" && "$root/node_modules/.bin/node-pre-gyp" install --build-from-source --nodedir="$nodedir" >"$root/.cache/tfjs-build.log" 2>&1 ) || {
  echo "build-tfjs-native: the build failed; see .cache/tfjs-build.log" >&2; tail -20 "$root/.cache/tfjs-build.log" >&2; exit 1; }
echo "$stamp" > "$moddir/deps/.quantlab-stamp"
TF_CPP_MIN_LOG_LEVEL=2 node -e "const tf=require('$pkg'); console.log('native TensorFlow binding: built, backend =', tf.getBackend())"
