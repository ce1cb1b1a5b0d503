#!/usr/bin/env bash
# Makes (once) and prints the path of an arm64 sysroot for cross-compiling the kiosk and
# the hub: Debian 12's arm64 -dev packages and their dependencies, extracted (not
# installed) by mmdebstrap. Cached under $YK_CACHE_DIR (default /var/cache/yikong-build),
# keyed by everything that decides its contents, so a second call costs nothing.
#   bash kiosk-image/sysroot.sh [arm64]      -> /var/cache/yikong-build/sysroot-arm64-<key>
# The sysroot also holds yikong-shlibs: the shlibs lines of every package in it, from which
# build-debs.sh computes the packages' Depends (kiosk-image/README.md, "Packages").
# Needs: mmdebstrap, dpkg-dev; root, or unprivileged user namespaces (mmdebstrap --mode).
set -euo pipefail
arch=${1:-arm64}
cache=${YK_CACHE_DIR:-/var/cache/yikong-build}
mirror=${YK_MIRROR:-http://deb.debian.org/debian}
security=${YK_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
pkgs="libc6-dev libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev libsqlite3-dev libqrencode-dev
      libsodium-dev libunibreak-dev libmicrohttpd-dev libcurl4-openssl-dev libjansson-dev"
# Bump when the way the sysroot is made changes (the key must change with it).
recipe=2

key=$(printf '%s\n' "$recipe" "$arch" "$mirror" "$security" $pkgs | sha256sum | cut -c1-16)
dir="$cache/sysroot-$arch-$key"
if [ -f "$dir/yikong-shlibs" ]; then
    echo "$dir"
    exit 0
fi
mkdir -p "$cache"
tmp="$dir.tmp.$$"
rm -rf "$tmp"
trap 'rm -rf "$tmp"' EXIT
echo "sysroot: making $dir (one time, about 1.5 min)" >&2
# extract: unpack the packages and their dependencies, run nothing (no emulation needed).
# The downloaded .debs are kept until their shlibs files are read (hooks do not run for
# this variant), then removed.
nice -n 10 mmdebstrap --quiet --arch="$arch" --variant=extract \
    --include="$(echo $pkgs | tr ' ' ',')" --skip=cleanup/apt/cache \
    bookworm "$tmp" \
    "deb $mirror bookworm main" "deb $mirror bookworm-updates main" \
    "deb $security bookworm-security main" >&2
for d in "$tmp"/var/cache/apt/archives/*.deb; do
    dpkg-deb -I "$d" shlibs 2>/dev/null | grep -v '^udeb:' || true
done | sort -u >"$tmp/yikong-shlibs"
rm -f "$tmp"/var/cache/apt/archives/*.deb
[ -s "$tmp/yikong-shlibs" ] || { echo "sysroot: no shlibs table was made" >&2; exit 1; }
mv "$tmp" "$dir"
trap - EXIT
echo "$dir"
