#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages madoguchi's tests and real hardware paths need. Idempotent:
# installs only what is missing and says what it installs. Needs root (or sudo).
#   chromium          end-to-end tests (Playwright drives the system Chromium)
#   fonts-noto-cjk    Japanese text in screenshots and PDFs
#   gphoto2           the tethered camera (driven as a command-line tool)
#   cups-client       lp / lpstat / lpoptions for the photo printer
#   cups-daemon       a private CUPS scheduler the print tests start (never the system's own)
#   poppler-utils     pdftotext / pdftoppm to check generated PDFs
set -euo pipefail
want=(chromium fonts-noto-cjk gphoto2 cups-client cups-daemon poppler-utils)
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "system-packages: all present (${want[*]})"
  exit 0
fi
echo "system-packages: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "system-packages: done"
