#!/usr/bin/env bash
# Install the system packages audio-edition needs, if any is missing (Debian/Ubuntu).
#   espeak-ng  the default speech engine's library (libespeak-ng1) and voices
#   ffmpeg     loudness measurement and MP3 encoding
#   chromium   the real browser the player's tests drive (through Playwright)
#   gpodder    a real podcast client the feed's tests subscribe with
set -euo pipefail
needed=(espeak-ng ffmpeg)
[ "${1:-}" = "--test" ] && needed+=(chromium gpodder)
missing=()
for package in "${needed[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing system packages: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "Need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  SUDO=sudo
else
  SUDO=
fi
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
