#!/usr/bin/env bash
# Registers the TypeScript kernel into the project's Jupyter (.venv) from kernels/tslab/kernel.json,
# with this checkout's absolute paths to node and tslab filled in, so Jupyter finds tslab without
# relying on the user's PATH.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
node_bin=$(command -v node)
dest="$root/.venv/share/jupyter/kernels/tslab"
mkdir -p "$dest"
sed -e "s|@ROOT@|$root|g" -e "s|@NODE@|$node_bin|g" "$root/kernels/tslab/kernel.json" > "$dest/kernel.json.new"
if cmp -s "$dest/kernel.json.new" "$dest/kernel.json"; then
  rm "$dest/kernel.json.new"; echo "tslab kernel: up to date ($dest)"
else
  mv "$dest/kernel.json.new" "$dest/kernel.json"; echo "tslab kernel: registered ($dest)"
fi
