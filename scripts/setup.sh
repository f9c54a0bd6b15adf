#!/usr/bin/env bash
# Installs the Debian packages parley uses, only those missing. Idempotent.
#   scripts/setup.sh engines   speech engines for the demo (espeak-ng, flite, pocketsphinx, apertium)
#   scripts/setup.sh test      engines plus the test peers (GStreamer, ffmpeg, sox, Chromium), the human
#                              speech of the recognition tests (asterisk-core-sounds-en-wav), and the
#                              real Asterisk 22 the end-to-end tests call through (scripts/asterisk.sh,
#                              built once into a cache; a failed build fails this step with its reason)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

engines=(espeak-ng flite pocketsphinx pocketsphinx-en-us libpocketsphinx3
         apertium apertium-eng-spa apertium-fr-es)
peers=(gstreamer1.0-tools gstreamer1.0-plugins-base gstreamer1.0-plugins-good
       ffmpeg sox chromium chromium-driver
       asterisk-core-sounds-en-wav)

case "${1:-engines}" in
    engines) wanted=("${engines[@]}") ;;
    test) wanted=("${engines[@]}" "${peers[@]}") ;;
    *) echo "usage: $0 engines|test" >&2; exit 2 ;;
esac

install_missing() {
    missing=()
    for p in "${wanted[@]}"; do
        status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
        [ "$status" = "install ok installed" ] || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0

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
}

install_missing
if [ "${1:-engines}" = test ]; then
    "$here/asterisk.sh" build >/dev/null
fi
