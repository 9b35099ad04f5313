#!/usr/bin/env bash
# Run before `npm test` (the pretest script): the browser tests drive Debian's Chromium through
# playwright-core, never a downloaded browser, and the screenshots need CJK fonts. Installs both
# with apt when missing (as root, or through sudo); does nothing when they are there.
set -euo pipefail
have_chromium() { command -v chromium >/dev/null 2>&1; }
have_cjk_fonts() { command -v fc-list >/dev/null 2>&1 && fc-list :lang=zh 2>/dev/null | grep -q .; }
if have_chromium && have_cjk_fonts; then exit 0; fi
if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
  echo "The browser tests need Debian packages chromium and fonts-noto-cjk; install them as root: apt-get install -y chromium fonts-noto-cjk" >&2
  exit 1
fi
echo "Installing Debian packages for the browser tests: chromium fonts-noto-cjk" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-noto-cjk
