#!/usr/bin/env bash
# One set-up for a fresh Debian/Ubuntu machine, used by the README's commands and by CI:
# system packages, Node 22 (from the npm registry where the machine's Node is older), and the npm
# dependencies installed with --strict-allow-scripts. Source it to get Node 22 on PATH:
#   source scripts/setup/dev-env.sh
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bash "$here/scripts/setup/system-packages.sh" || return 1 2>/dev/null || exit 1
nodebin="$(bash "$here/scripts/setup/node22.sh")" || return 1 2>/dev/null || exit 1
export PATH="$nodebin:$PATH"
# Native add-ons build against Node 22's own headers, never the system Node's.
export npm_config_nodedir="$(dirname "$nodebin")"
if [ ! -d "$here/node_modules" ] || [ "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]; then
  (cd "$here" && npm ci --strict-allow-scripts --no-audit --no-fund) || return 1 2>/dev/null || exit 1
fi
# The store needs SQLite3MultipleCiphers built with memory security (see the script).
bash "$here/scripts/setup/build-sqlite.sh" || return 1 2>/dev/null || exit 1
