#!/usr/bin/env bash
# Debian packages Kefu uses at run and test time, installed with apt when missing (as root, or
# through sudo); nothing is downloaded any other way.
#   build: python3, make, g++ (better-sqlite3 compiles from source when no prebuilt binary fits);
#          run by `npm install` itself (preinstall), before the dependencies are built
#   dev:  ffmpeg (decodes voice messages), tesseract-ocr + tesseract-ocr-chi-sim (reads screenshots),
#         espeak-ng (teaches the local speech stand-in its example phrases)
#   test: the above, plus chromium, fonts-noto-cjk and fonts-noto-color-emoji for the browser tests
#         and rendered screenshots (without an emoji font a user's 😊 is an empty box)
# `npm run dev` only warns when it cannot install them (voice stays 未转写, pictures unread);
# `npm test` fails, because the tests need them.
set -euo pipefail
mode="${1:-test}"
need=()
if [ "$mode" = build ]; then
  command -v python3 >/dev/null 2>&1 || need+=(python3)
  command -v make >/dev/null 2>&1 || need+=(make)
  command -v g++ >/dev/null 2>&1 || need+=(g++)
else
  command -v ffmpeg >/dev/null 2>&1 || need+=(ffmpeg)
  command -v espeak-ng >/dev/null 2>&1 || need+=(espeak-ng)
  command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr)
  { command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx chi_sim; } || need+=(tesseract-ocr-chi-sim)
fi
if [ "$mode" = test ]; then
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  { command -v fc-list >/dev/null 2>&1 && fc-list :lang=zh 2>/dev/null | grep -q .; } || need+=(fonts-noto-cjk)
  { command -v fc-list >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi 'Noto Color Emoji'; } || need+=(fonts-noto-color-emoji)
fi
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
  echo "Kefu needs these Debian packages; install them as root: apt-get install -y ${need[*]}" >&2
  [ "$mode" = dev ] && exit 0
  exit 1
fi
echo "Installing Debian packages: ${need[*]}" >&2
if ! { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}"; }; then
  echo "Could not install ${need[*]}" >&2
  [ "$mode" = dev ] && exit 0
  exit 1
fi
