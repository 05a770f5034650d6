#!/usr/bin/env bash
# Makes sure Debian's Chromium and its ChromeDriver are installed (/usr/bin/chromium, /usr/bin/chromedriver)
# for the portal's browser tests. Meant for CI and developer machines where we are root on Debian; safe to
# run again: it installs only what is missing. The browser tests skip, saying why, when they are absent.
#
#   scripts/ensure-chromium.sh
set -euo pipefail

CHROMIUM=${QM_TEST_CHROMIUM:-/usr/bin/chromium}
CHROMEDRIVER=${QM_TEST_CHROMEDRIVER:-/usr/bin/chromedriver}

if [[ -x $CHROMIUM && -x $CHROMEDRIVER ]]; then
  echo "Chromium ready: $("$CHROMIUM" --version 2>/dev/null), $("$CHROMEDRIVER" --version 2>/dev/null | cut -d' ' -f1-2)"
  exit 0
fi

if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
  echo "Chromium or ChromeDriver is missing and cannot be installed here (needs root and apt-get):" >&2
  echo "install Debian's packages 'chromium' and 'chromium-driver'." >&2
  exit 69
fi

echo "Installing Chromium and ChromeDriver from the distribution's packages..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
echo "Chromium ready: $("$CHROMIUM" --version 2>/dev/null), $("$CHROMEDRIVER" --version 2>/dev/null | cut -d' ' -f1-2)"
