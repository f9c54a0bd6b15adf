#!/usr/bin/env bash
# Builds the real Asterisk 22 that parley's end-to-end tests call through, once, into a cache
# directory outside the repository (it survives `mvn clean`; a new machine builds it again).
#
#   scripts/asterisk.sh build   build and install it if the cache does not hold it yet; prints its prefix
#                               (the stock sample configurations are under PREFIX/share/asterisk-samples)
#   scripts/asterisk.sh prefix  prints the prefix it is (or would be) installed under
#
# The source tarball comes from $PARLEY_ASTERISK_TARBALL, then ../shared/asterisk/ beside the
# repository, then Asterisk's official release download. The cache is $PARLEY_ASTERISK_HOME
# (default ~/.cache/parley/asterisk-22.10.1). A failed build exits non-zero with its reason and
# the last lines of its log; nothing is skipped.
set -euo pipefail

version=22.10.1
sha256_xz=aa64bbbd413aed11e176bfdb323899b3bcbc7ce037702e2503ca10a397ca8a3f
official=https://downloads.asterisk.org/pub/telephony/asterisk/releases/asterisk-$version.tar.gz
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
prefix=${PARLEY_ASTERISK_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/parley/asterisk-$version}
packages=(build-essential pkg-config libjansson-dev libedit-dev libxml2-dev libsqlite3-dev uuid-dev libssl-dev xz-utils curl)

fail() { echo "asterisk: $*" >&2; exit 1; }

installed() { [ -x "$prefix/sbin/asterisk" ] && [ -f "$prefix/.parley-built" ]; }

install_packages() {
    local missing=() p status
    for p in "${packages[@]}"; do
        status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
        [ "$status" = "install ok installed" ] || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "asterisk: installing build packages ${missing[*]}" >&2
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 || fail "missing Debian packages and not root (no sudo): apt-get install ${missing[*]}"
        sudo=(sudo)
    fi
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update -q >&2 || fail "apt-get update failed"
    "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >&2 \
        || fail "apt-get install ${missing[*]} failed"
}

# Prints the path of a verified tarball.
tarball() {
    local candidate
    # ../shared beside the repository; a worktree or clone one level deeper finds it too.
    for candidate in "${PARLEY_ASTERISK_TARBALL:-}" \
                     "$here/../shared/asterisk/asterisk-$version.tar.xz" \
                     "$here/../../shared/asterisk/asterisk-$version.tar.xz"; do
        [ -n "$candidate" ] || continue
        if [ -f "$candidate" ]; then
            if [[ "$candidate" == *.tar.xz ]] && [ "$(sha256sum "$candidate" | cut -d' ' -f1)" != "$sha256_xz" ]; then
                fail "$candidate: SHA-256 differs from the Asterisk $version release ($sha256_xz)"
            fi
            echo "$candidate"
            return 0
        elif [ "$candidate" = "${PARLEY_ASTERISK_TARBALL:-}" ]; then
            fail "PARLEY_ASTERISK_TARBALL=$candidate: no such file"
        fi
    done
    local download="$prefix.download/asterisk-$version.tar.gz"
    mkdir -p "$(dirname "$download")"
    echo "asterisk: downloading $official" >&2
    curl -fsSL --retry 2 -o "$download.part" "$official" \
        || fail "no tarball in \$PARLEY_ASTERISK_TARBALL or $here/../shared/asterisk/, and $official could not be downloaded"
    if curl -fsSL -o "$download.sha256" "$official.sha256"; then
        (cd "$(dirname "$download")" && sed "s/ .*asterisk/  asterisk/; s/\.tar\.gz.*/.tar.gz.part/" "$download.sha256" | sha256sum -c --quiet) \
            || fail "$official: SHA-256 does not match its published .sha256"
    fi
    mv "$download.part" "$download"
    echo "$download"
}

# The stock sample configurations (indications.conf holds the tone zones a user's Asterisk has):
# `make install` leaves them out, so they are taken from the tarball into the prefix.
samples_dir() { echo "$prefix/share/asterisk-samples"; }

install_samples() {
    local src=$1 dir
    dir=$(samples_dir)
    [ -f "$dir/indications.conf.sample" ] && return 0
    mkdir -p "$dir"
    tar -xf "$src" -C "$dir" --strip-components=3 "asterisk-$version/configs/samples" \
        || fail "cannot unpack the sample configurations from $src"
}

build() {
    if installed; then
        [ -f "$(samples_dir)/indications.conf.sample" ] || install_samples "$(tarball)"
        echo "$prefix"
        return 0
    fi
    install_packages
    local src work log
    src=$(tarball)
    work=$(mktemp -d "${TMPDIR:-/tmp}/parley-asterisk-build.XXXXXX")
    log="$work/build.log"
    echo "asterisk: building $version from $src into $prefix (log: $log)" >&2
    local started=$SECONDS
    tar -xf "$src" -C "$work" || fail "cannot unpack $src"
    local dir="$work/asterisk-$version"
    [ -d "$dir" ] || fail "$src does not hold asterisk-$version/"
    # The release tarball's version file is missing in this copy: without it the build calls
    # itself UNKNOWN__and_probably_unsupported.
    [ -f "$dir/.version" ] || echo "$version" > "$dir/.version"
    rm -rf "$prefix"
    mkdir -p "$prefix"
    if ! (
        cd "$dir"
        ./configure --prefix="$prefix" --with-jansson --without-jansson-bundled \
            --without-pjproject-bundled --without-pjproject
        make menuselect.makeopts
        # The sound packages would be downloaded; the tests bring their own recordings.
        menuselect/menuselect --disable-category MENUSELECT_CORE_SOUNDS \
            --disable-category MENUSELECT_MOH --disable-category MENUSELECT_EXTRA_SOUNDS menuselect.makeopts
        make -j"$(nproc)"
        make install
    ) >"$log" 2>&1; then
        tail -n 40 "$log" >&2
        fail "build failed (full log: $log)"
    fi
    [ -x "$prefix/sbin/asterisk" ] || fail "build finished without $prefix/sbin/asterisk (log: $log)"
    install_samples "$src"
    echo "$version built in $((SECONDS - started)) s" > "$prefix/.parley-built"
    rm -rf "$work"
    echo "asterisk: built in $((SECONDS - started)) s" >&2
    echo "$prefix"
}

case "${1:-build}" in
    build)
        # Two test runs (or worktrees) on one machine share the cache: one builds, the other waits.
        mkdir -p "$(dirname "$prefix")"
        exec 9>"$prefix.lock"
        flock 9
        build
        ;;
    prefix) echo "$prefix" ;;
    *) echo "usage: $0 build|prefix" >&2; exit 2 ;;
esac
