#!/usr/bin/env bash
# Installs the Debian packages parley uses, only those missing. Idempotent.
#   scripts/setup.sh engines   speech engines for the demo (espeak-ng, flite, pocketsphinx, apertium)
#   scripts/setup.sh test      engines plus the test peers (GStreamer, ffmpeg, sox, Chromium, PostgreSQL)
set -euo pipefail

engines=(espeak-ng flite pocketsphinx pocketsphinx-en-us libpocketsphinx3
         apertium apertium-eng-spa apertium-fr-es)
peers=(gstreamer1.0-tools gstreamer1.0-plugins-base gstreamer1.0-plugins-good
       ffmpeg sox chromium chromium-driver
       postgresql)

case "${1:-engines}" in
    engines) wanted=("${engines[@]}") ;;
    test) wanted=("${engines[@]}" "${peers[@]}") ;;
    *) echo "usage: $0 engines|test" >&2; exit 2 ;;
esac

missing=()
for p in "${wanted[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [ "$status" = "install ok installed" ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "parley setup: installing ${missing[*]}" >&2
if [ "$(id -u)" -eq 0 ]; then
    sudo=()
elif command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
else
    echo "parley setup: these Debian packages are missing and I am not root (no sudo): ${missing[*]}" >&2
    echo "parley setup: install them with: apt-get install ${missing[*]}" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q >&2
"${sudo[@]}" apt-get install -y -q "${missing[@]}" >&2
