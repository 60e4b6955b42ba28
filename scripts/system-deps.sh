#!/usr/bin/env bash
# Installs (as root, through apt) or reports (otherwise) the system packages clerk_app needs.
#   scripts/system-deps.sh run    what `make run` needs (build pyscard, show Qt windows, CJK fonts)
#   scripts/system-deps.sh test   what `make test` needs besides (Xvfb, poppler, pcscd, PostgreSQL)
#   scripts/system-deps.sh dist   what `make dist` needs besides `run` (PyInstaller's binutils, dpkg-deb)
set -euo pipefail
purpose="${1:-run}"

run_pkgs=(
  swig libpcsclite-dev pcscd                       # pyscard builds from source; PC/SC service
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
  libxkbcommon-x11-0 libegl1 libgl1 libfontconfig1 libdbus-1-3   # Qt's xcb platform plugin
  fonts-wqy-zenhei fonts-hanazono                  # CJK fonts (main face + Extension B fallback)
)
test_pkgs=(
  xvfb xauth                                       # real X server for screenshots
  poppler-utils                                    # pdftotext / pdftoppm
  vsmartcard-vpcd pcsc-tools                       # virtual smart-card reader for PC/SC tests
  postgresql                                       # throwaway clusters for back-office tests
  gcc                                              # the fake vendor SDK library in device tests
)
dist_pkgs=(
  binutils dpkg                                    # PyInstaller reads libraries with objdump; dpkg-deb
)

pkgs=("${run_pkgs[@]}")
[ "$purpose" = "test" ] && pkgs+=("${test_pkgs[@]}")
case "$purpose" in test|dist) pkgs+=("${dist_pkgs[@]}") ;; esac  # tests/dist builds the package too

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "system-deps: not a Debian/Ubuntu system; make sure these are installed: ${pkgs[*]}" >&2
  exit 0
fi

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  echo "system-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "system-deps: missing system packages: ${missing[*]}" >&2
  echo "system-deps: install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
