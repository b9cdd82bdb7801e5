#!/bin/bash
# deb pre-removal hook (fpm --before-remove): when the package is removed or purged — not on an
# upgrade — run the app's own end-of-event wipe on every data folder it used, for every user.
# It runs as root, so it looks in every home: the default folder and the folders listed in each
# user's ~/.config/madoguchi/data-dirs.txt (the app records every --data-dir it is given).
# At uninstall there is no passphrase, so the wipe runs --without-export: the final aggregates
# should have been exported when the event ended. Certificates stay in $CERT_ROOT.
# Never blocks the removal: failures are written to the log and the summary line.
set -u
case "${1:-remove}" in
  remove|purge) ;;
  *) exit 0 ;;   # upgrade, deconfigure, failed-upgrade: keep the data
esac
APP="${MADOGUCHI_APP:-/opt/madoguchi/madoguchi}"
HOME_ROOT="${MADOGUCHI_HOME_ROOT:-/home}"
ROOT_HOME="${MADOGUCHI_ROOT_HOME:-/root}"
CERT_ROOT="${MADOGUCHI_CERT_ROOT:-/var/lib/madoguchi/uninstall-certificates}"
mkdir -p "$CERT_ROOT" && chmod 700 "$CERT_ROOT"
log="$CERT_ROOT/uninstall.log"

declare -A seen=()
dirs=()
regs=()
add() { [ -d "$1" ] && [ -z "${seen[$1]:-}" ] && seen[$1]=1 && dirs+=("$1"); return 0; }
for home in "$HOME_ROOT"/* "$ROOT_HOME"; do
  [ -d "$home" ] || continue
  add "$home/.local/share/madoguchi"
  reg="$home/.config/madoguchi/data-dirs.txt"
  if [ -f "$reg" ]; then
    regs+=("$reg")
    while IFS= read -r line; do [ -n "$line" ] && add "$line"; done < "$reg"
  fi
done

failed=0
for d in "${dirs[@]}"; do
  cert="$CERT_ROOT/$(printf '%s' "$d" | tr -c 'A-Za-z0-9._-' '_')"
  mkdir -p "$cert"
  echo "== $(date -Is) wiping $d" >> "$log"
  if ! "$APP" --no-sandbox --wipe-all --without-export --data-dir "$d" --certificate-dir "$cert" --ordered-by "package removal (${SUDO_USER:-root})" --json >> "$log" 2>&1; then
    failed=$((failed + 1))
    echo "!! wipe failed for $d" >> "$log"
  fi
done
# The lists of folders go too, once used (they name folders, nothing else).
[ "$failed" -eq 0 ] && for r in "${regs[@]}"; do rm -f "$r"; done
echo "madoguchi: wiped ${#dirs[@]} data folder(s), ${failed} failed; certificates and log in $CERT_ROOT"
exit 0
