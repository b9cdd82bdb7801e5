#!/usr/bin/env bash
# Builds the SQLite3MultipleCiphers add-on from the sources inside the installed
# better-sqlite3-multiple-ciphers package, with SQLITE3MC_SECURE_MEMORY=1 so the cipher library
# wipes freed memory (PRAGMA memory_security). The package's prebuilt binaries leave it out,
# and the store refuses to open without it. Output: native/better_sqlite3.node (for this Node's
# ABI). Idempotent: skips when the output is newer than the package.
#   --electron VERSION   build for Electron's ABI instead (packaging machines; downloads headers)
set -euo pipefail
electron=""
if [ "${1:-}" = "--electron" ]; then electron="${2:?--electron needs a version}"; fi
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
pkg="$root/node_modules/better-sqlite3-multiple-ciphers"
out="$root/native/better_sqlite3.node"
abi="$(node -p process.versions.modules)"
[ -n "$electron" ] && abi="electron-$electron"
stamp="$root/native/.built-for"
want="$(node -p "require('$pkg/package.json').version")-abi$abi"
if [ -f "$out" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
  echo "build-sqlite: native/better_sqlite3.node is current ($want)"
  exit 0
fi
work="$root/.tools/sqlite-build"
rm -rf "$work" && mkdir -p "$work" && cp -R "$pkg/." "$work/" && rm -rf "$work/prebuilds" "$work/build"
gyp="$(dirname "$(command -v npm)")/../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js"
[ -f "$gyp" ] || gyp="$(npm root -g)/npm/node_modules/node-gyp/bin/node-gyp.js"
nodedir="${npm_config_nodedir:-$(dirname "$(dirname "$(command -v node)")")}"
echo "build-sqlite: compiling SQLite3MultipleCiphers with SQLITE3MC_SECURE_MEMORY=1 for Node ABI $abi (about a minute)"
target=(--nodedir="$nodedir")
[ -n "$electron" ] && target=(--target="$electron" --dist-url=https://electronjs.org/headers)
(cd "$work" && CFLAGS="-DSQLITE3MC_SECURE_MEMORY=1" node "$gyp" rebuild --release --force_build=1 "${target[@]}" -j 2 >"$work/build.log" 2>&1) || {
  tail -30 "$work/build.log" >&2
  echo "build-sqlite: failed (log: $work/build.log)" >&2
  exit 1
}
mkdir -p "$root/native"
cp "$work/build/Release/better_sqlite3.node" "$out"
echo "$want" > "$stamp"
echo "build-sqlite: built native/better_sqlite3.node ($want)"
