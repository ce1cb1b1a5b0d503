#!/usr/bin/env bash
# Builds the Debian packages of the kiosk and the hub:
#   yikong-kiosk_<version>_<arch>.deb and yikong-hub_<version>_<arch>.deb
#
#   bash kiosk-image/build-debs.sh [--arch amd64|arm64|all] [--out DIR]
#
# Each architecture is built in build-deb-<arch>/ with the tests (the arm64 ones run under
# qemu-aarch64: tests/image/arm64.sh), installed into a staging tree, and packed with
# dpkg-deb. The build machine's own architecture is built natively; arm64 on an amd64
# machine is cross-compiled (crossbuild-essential-arm64) against the sysroot of
# kiosk-image/sysroot.sh. Depends come from the shared libraries the binaries really link
# (readelf NEEDED -> the shlibs line of the package that ships the library). Default: all
# architectures this machine can build, into build-debs/. Ends with lintian on each .deb.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
here=$root/kiosk-image

want=all
out=$root/build-debs
while [ $# -gt 0 ]; do
    case $1 in
    --arch) want=$2; shift 2 ;;
    --out) out=$(realpath -m "$2"); shift 2 ;;
    *) echo "usage: build-debs.sh [--arch amd64|arm64|all] [--out DIR]" >&2; exit 2 ;;
    esac
done
host=$(dpkg --print-architecture)
case $want in
all) archs="$host"; [ "$host" = amd64 ] && archs="amd64 arm64" ;;
*) archs=$want ;;
esac

version=$(sed -n 's/^project(yikong VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
[ -n "$version" ] || { echo "build-debs: no version in CMakeLists.txt" >&2; exit 1; }
maintainer=${YK_MAINTAINER:-"Yikong Kiosk maintainers <maintainers@users.noreply.r-seed-c728a719.example>"}
mkdir -p "$out"

# shlibs_depends TABLE BINARY...: the Depends entries for the libraries the binaries need.
# TABLE holds shlibs lines ("libSDL2-2.0 0 libsdl2-2.0-0 (>= 2.26.5+dfsg)").
shlibs_depends() {
    local table=$1 so name ver line deps=""
    shift
    for so in $(readelf -d "$@" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort -u); do
        if [[ $so =~ ^(.*)\.so\.([0-9.]+)$ ]]; then
            name=${BASH_REMATCH[1]} ver=${BASH_REMATCH[2]}
        elif [[ $so =~ ^(.*)-([0-9.]+)\.so$ ]]; then
            name=${BASH_REMATCH[1]} ver=${BASH_REMATCH[2]}
        else
            echo "build-debs: cannot parse soname $so" >&2; return 1
        fi
        line=$(awk -v n="$name" -v v="$ver" '$1 == n && $2 == v { $1 = ""; $2 = ""; sub(/^  /, ""); print; exit }' "$table")
        [ -n "$line" ] || { echo "build-debs: no package ships $so (not in $table)" >&2; return 1; }
        deps="$deps${deps:+, }$line"
    done
    # One entry per package: the first (they carry the same version bound).
    echo "$deps" | tr ',' '\n' | sed 's/^ *//' | awk '!seen[$1]++' | paste -sd, - | sed 's/,/, /g'
}

# The staged package tree's md5sums and Installed-Size, then the .deb.
pack() { # dir
    local d=$1
    (cd "$d" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z |
        xargs -0 md5sum >DEBIAN/md5sums)
    local size
    size=$(du -sk --exclude=DEBIAN "$d" | cut -f1)
    sed -i "s/^Installed-Size: .*/Installed-Size: $size/" "$d/DEBIAN/control"
    dpkg-deb --root-owner-group -Zxz --build "$d" "$out" >/dev/null
}

docs() { # pkgdir pkgname: copyright and changelog where lintian and policy want them
    local d=$1/usr/share/doc/$2
    install -d "$d"
    install -m 0644 "$here/debian/copyright" "$d/copyright"
    sed "s/@VERSION@/$version/; s/@MAINTAINER@/$maintainer/; s/@DATE@/$(date -R -d @"${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}")/" \
        "$here/debian/changelog.in" | gzip -9n >"$d/changelog.gz"
}

build_arch() { # arch
    local arch=$1 bdir=$root/build-deb-$1 stage table cross=() env=()
    if [ "$arch" = "$host" ]; then
        table=$(mktemp)
        # The host's installed packages' shlibs (both architectures' lines are the same).
        cat /var/lib/dpkg/info/*.shlibs 2>/dev/null | grep -v '^udeb:' | sort -u >"$table"
    elif [ "$arch" = arm64 ] && [ "$host" = amd64 ]; then
        local sysroot
        sysroot=$(bash "$here/sysroot.sh" arm64)
        table=$sysroot/yikong-shlibs
        cross=(-DCMAKE_TOOLCHAIN_FILE="$here/cmake/aarch64-linux-gnu.cmake" -DYK_SYSROOT="$sysroot")
        env=(DEB_HOST_ARCH=arm64)
    else
        echo "build-debs: cannot build $arch on $host" >&2; return 1
    fi
    echo "=== build-debs: $arch ($bdir)"
    # Debian's hardening flags (fortify, stack protector, relro), as dpkg-buildpackage sets.
    local cflags cppflags ldflags
    cflags=$(env "${env[@]}" dpkg-buildflags --get CFLAGS)
    cppflags=$(env "${env[@]}" dpkg-buildflags --get CPPFLAGS)
    ldflags=$(env "${env[@]}" dpkg-buildflags --get LDFLAGS)
    CFLAGS="$cflags $cppflags" LDFLAGS="$ldflags" cmake -S "$root" -B "$bdir" -G Ninja \
        -DCMAKE_BUILD_TYPE=None -DCMAKE_INSTALL_PREFIX=/usr \
        -DYK_FONTS_DIR=/usr/share/yikong/fonts "${cross[@]}" >/dev/null
    cmake --build "$bdir" -j "$(nproc)"
    stage=$bdir/stage
    rm -rf "$stage"
    DESTDIR="$stage" cmake --install "$bdir" --strip >/dev/null

    # yikong-kiosk
    local k=$bdir/pkg-kiosk
    rm -rf "$k"
    install -D -m 0755 "$stage/usr/bin/yikong-kiosk" "$k/usr/bin/yikong-kiosk"
    install -D -m 0644 "$root/fonts/fonts.list" "$k/usr/share/yikong/fonts/fonts.list"
    install -D -m 0644 "$here/systemd/yikong-kiosk.service" "$k/lib/systemd/system/yikong-kiosk.service"
    install -D -m 0644 "$here/debian/kiosk.conf" "$k/etc/yikong/kiosk.conf"
    docs "$k" yikong-kiosk
    install -m 0644 "$here/yikong.conf.example" "$k/usr/share/doc/yikong-kiosk/yikong.conf.example"
    install -m 0644 "$here/README.md" "$k/usr/share/doc/yikong-kiosk/README.md"
    install -d "$k/DEBIAN"
    local kdeps
    kdeps=$(shlibs_depends "$table" "$k/usr/bin/yikong-kiosk")
    sed -e "s/@ARCH@/$arch/; s/@VERSION@/$version/; s/@MAINTAINER@/$maintainer/" \
        -e "s/@DEPENDS@/$kdeps/" "$here/debian/kiosk.control" >"$k/DEBIAN/control"
    echo /etc/yikong/kiosk.conf >"$k/DEBIAN/conffiles"
    install -m 0755 "$here/debian/kiosk.postinst" "$k/DEBIAN/postinst"
    install -m 0755 "$here/debian/kiosk.postrm" "$k/DEBIAN/postrm"
    pack "$k"

    # yikong-hub
    local h=$bdir/pkg-hub
    rm -rf "$h"
    install -D -m 0755 "$stage/usr/bin/yikong-hub" "$h/usr/bin/yikong-hub"
    install -D -m 0644 "$here/systemd/yikong-hub.service" "$h/lib/systemd/system/yikong-hub.service"
    install -D -m 0644 "$here/debian/hub.default" "$h/etc/default/yikong-hub"
    docs "$h" yikong-hub
    install -m 0644 "$root/src/hub/README.md" "$h/usr/share/doc/yikong-hub/README.md"
    install -d "$h/DEBIAN"
    local hdeps
    hdeps=$(shlibs_depends "$table" "$h/usr/bin/yikong-hub")
    sed -e "s/@ARCH@/$arch/; s/@VERSION@/$version/; s/@MAINTAINER@/$maintainer/" \
        -e "s/@DEPENDS@/$hdeps/" "$here/debian/hub.control" >"$h/DEBIAN/control"
    echo /etc/default/yikong-hub >"$h/DEBIAN/conffiles"
    install -m 0755 "$here/debian/hub.postinst" "$h/DEBIAN/postinst"
    install -m 0755 "$here/debian/hub.prerm" "$h/DEBIAN/prerm"
    install -m 0755 "$here/debian/hub.postrm" "$h/DEBIAN/postrm"
    pack "$h"
    [ "$arch" = "$host" ] && rm -f "$table"
    return 0
}

for a in $archs; do
    build_arch "$a"
done

# lintian: errors fail the build; the warnings left are explained in kiosk-image/README.md.
status=0
for a in $archs; do
    for p in yikong-kiosk yikong-hub; do
        deb=$out/${p}_${version}_$a.deb
        echo "=== $(basename "$deb"): $(du -h "$deb" | cut -f1)"
        dpkg-deb -f "$deb" Depends
        if command -v lintian >/dev/null; then
            lintian --fail-on error --suppress-tags-from-file "$here/debian/lintian-accepted" "$deb" || status=1
        fi
    done
done
exit $status
