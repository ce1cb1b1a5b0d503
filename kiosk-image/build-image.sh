#!/usr/bin/env bash
# Builds the terminal image for a Raspberry Pi 4 (arm64) from Debian 12 packages only:
#   sudo bash kiosk-image/build-image.sh [--out DIR] [--no-xz]
# -> DIR/yikong-<version>-arm64.img.xz and .sha256 (default DIR: build-image/); the raw
# .img is kept beside it (the boot test runs it). --no-xz: the raw image only (tests).
#
# 1. the kiosk package (build-debs.sh --arch arm64);
# 2. the root file system by mmdebstrap (rootfs/packages.list, rootfs/hooks), cached as a
#    tarball in $YK_CACHE_DIR keyed by the package list and the hooks: only the first run
#    pays for the download and the emulated package scripts;
# 3. the kiosk .deb installed into a copy of it, the terminal's settings (rootfs/overlay);
# 4. three partitions written without mounting anything: FAT boot (mkfs.vfat + mtools),
#    ext4 root and data (mkfs.ext4 -d), laid out with sfdisk on the image file.
# Needs root (file ownership in the images), binfmt for arm64 (kiosk-image/binfmt.sh), and
# mmdebstrap qemu-user-static dosfstools mtools e2fsprogs fdisk xz-utils.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
here=$root/kiosk-image
out=$root/build-image
xz=1
while [ $# -gt 0 ]; do
    case $1 in
    --out) out=$(realpath -m "$2"); shift 2 ;;
    --no-xz) xz=0; shift ;;
    *) echo "usage: build-image.sh [--out DIR] [--no-xz]" >&2; exit 2 ;;
    esac
done
[ "$(id -u)" = 0 ] || { echo "build-image: run as root (sudo)" >&2; exit 1; }
t0=$(date +%s)
ts=$t0
# step NAME: prints how long the step that just ended took (the figures in README.md).
step() {
    local t
    t=$(date +%s)
    echo "--- $1: $((t - ts)) s"
    ts=$t
}
cache=${YK_CACHE_DIR:-/var/cache/yikong-build}
mirror=${YK_MIRROR:-http://deb.debian.org/debian}
security=${YK_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
version=$(sed -n 's/^project(yikong VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
mkdir -p "$out" "$cache"
work=$out/work
rm -rf "$work"
mkdir -p "$work"

bash "$here/binfmt.sh"
bash "$here/build-debs.sh" --arch arm64 --out "$out/debs" >"$out/build-debs.log" 2>&1 ||
    { tail -30 "$out/build-debs.log"; echo "build-image: build-debs.sh failed" >&2; exit 1; }
deb=$out/debs/yikong-kiosk_${version}_arm64.deb
step "arm64 packages"

# ---- 2. root file system (cached)
# The key is the package list and the hooks. The kiosk's Depends at the time are installed
# too, so that step 3 usually has nothing to fetch; when they change, step 3's apt gets
# the difference.
deps=$(dpkg-deb -f "$deb" Depends Recommends | sed 's/^[A-Za-z]*: //' | tr ',' '\n' |
    sed 's/^ *//; s/[ (].*//' | grep -v '^$' | sort -u)
pkgs=$(
    grep -v '^#' "$here/rootfs/packages.list"
    echo "$deps"
)
pkgs=$(echo "$pkgs" | tr ' ' '\n' | grep -v '^$' | sort -u)
key=$({
    echo "$mirror $security"
    grep -v '^#' "$here/rootfs/packages.list"
    cat "$here/rootfs/hooks/setup.sh" "$here/rootfs/hooks/essential.sh" "$here/rootfs/hooks/customize.sh"
} | sha256sum | cut -c1-16)
tarball=$cache/rootfs-arm64-$key.tar
if [ ! -f "$tarball" ]; then
    echo "=== root file system: mmdebstrap (one time for this package list, about 5 min)"
    # MODULES=list + the hook's module list: mkinitramfs under qemu-user takes ~4 min less
    # than with MODULES=most, and the initrd is ~6 MB (setup hook); update-initramfs is
    # diverted while packages go in (essential hook) and run once at the end (customize).
    nice -n 10 mmdebstrap --arch=arm64 --variant=apt --components="main non-free-firmware" \
        --skip=cleanup/apt/lists \
        --include="$(echo $pkgs | tr ' ' ',')" \
        --setup-hook="$here/rootfs/hooks/setup.sh \"\$1\"" \
        --essential-hook="$here/rootfs/hooks/essential.sh \"\$1\"" \
        --customize-hook="$here/rootfs/hooks/customize.sh \"\$1\"" \
        bookworm "$tarball.tmp.tar" \
        "deb $mirror bookworm main non-free-firmware" \
        "deb $mirror bookworm-updates main non-free-firmware" \
        "deb $security bookworm-security main non-free-firmware"
    mv "$tarball.tmp.tar" "$tarball"
else
    echo "=== root file system: cached ($tarball)"
fi

step "root file system"

# ---- 3. the kiosk and the terminal's settings
rfs=$work/root
mkdir -p "$rfs"
tar -C "$rfs" -xf "$tarball"
cp "$deb" "$rfs/tmp/yikong-kiosk.deb"
# Name resolution for apt in the chroot (finish.sh makes resolv.conf resolved's link again;
# never cp through that link: it points at the host's /run).
rm -f "$rfs/etc/resolv.conf"
cp /etc/resolv.conf "$rfs/etc/resolv.conf"
# apt installs whatever of its Depends the cached root lacks (lists refreshed if needed).
kiosk_install() { chroot "$rfs" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
    --no-install-recommends /tmp/yikong-kiosk.deb >>"$out/dpkg.log" 2>&1; }
: >"$out/dpkg.log"
kiosk_install || { chroot "$rfs" apt-get update -q >>"$out/dpkg.log" 2>&1 && kiosk_install; } ||
    { cat "$out/dpkg.log"; echo "build-image: the kiosk package did not install" >&2; exit 1; }
rm -rf "$rfs/tmp/yikong-kiosk.deb" "$rfs"/var/cache/apt/*.bin "$rfs"/var/cache/apt/archives/*.deb \
    "$rfs"/var/lib/apt/lists/*
cp -a "$here/rootfs/overlay/." "$rfs/"
chroot "$rfs" /bin/sh -s <"$here/rootfs/hooks/finish.sh"

step "kiosk package and settings"

# ---- 4. partitions and the image
boot=$work/boot.vfat rootimg=$work/root.ext4 data=$work/data.ext4
# Boot: the firmware, the Pi 4 device trees, kernel and initrd (raspi-firmware put them in
# /boot/firmware), our config.txt/cmdline.txt, and yikong.conf for the technician.
bdir=$work/bootfiles
mkdir -p "$bdir"
cp -a "$rfs/boot/firmware/." "$bdir/"
cp -L "$rfs/vmlinuz" "$bdir/vmlinuz"
cp -L "$rfs/initrd.img" "$bdir/initrd.img"
rm -f "$bdir"/vmlinuz-* "$bdir"/initrd.img-* "$bdir/config.txt" "$bdir/cmdline.txt"
cp "$here/boot/config.txt" "$here/boot/cmdline.txt" "$here/boot/README.txt" "$bdir/"
cp "$here/yikong.conf.example" "$bdir/yikong.conf"
rm -rf "${rfs:?}/boot/firmware/"* # the root's copy would never be read
mkfs.vfat -C -n YK-BOOT -F 32 "$boot" $((256 * 1024)) >/dev/null
mcopy -s -i "$boot" "$bdir"/* ::

# Root: read-only at run time; sized to its contents plus a little.
used=$(du -sm "$rfs" | cut -f1) # blocks in use, not apparent sizes: ext4 also rounds up
rootmb=$((used + used / 8 + 64))
mkfs.ext4 -q -L yk-root -E root_owner=0:0 -d "$rfs" "$rootimg" "${rootmb}M"

# Data: /data, with the kiosk's folder (owned by its user) and room for the ssh host keys;
# 64 MiB here, grown to the whole card on the first boot (yikong-grow-data.service).
ddir=$work/datafiles
owner() { awk -F: -v u="$1" '$1 == u { print $3 ":" $4 }' "$rfs/etc/passwd"; }
mkdir -p "$ddir/yikong" "$ddir/ssh" "$ddir/timesync"
chown "$(owner yikong)" "$ddir/yikong"
chmod 0750 "$ddir/yikong"
chmod 0700 "$ddir/ssh"
# timesyncd's clock file: a Pi has no RTC, so time never goes back past the last sync.
chown "$(owner systemd-timesync)" "$ddir/timesync"
mkfs.ext4 -q -L yk-data -d "$ddir" "$data" 64M

# MBR (the Pi 4's boot ROM reads it): boot at 4 MiB, root, data last so it can grow.
bootmb=256 datamb=64
total=$((4 + bootmb + rootmb + datamb + 1))
img=$out/yikong-$version-arm64.img
rm -f "$img" "$img.xz"
truncate -s "${total}M" "$img"
sfdisk --quiet "$img" <<EOF
label: dos
start=4MiB, size=${bootmb}MiB, type=c, bootable
size=${rootmb}MiB, type=83
size=${datamb}MiB, type=83
EOF
dd if="$boot" of="$img" bs=1M seek=4 conv=notrunc,sparse status=none
dd if="$rootimg" of="$img" bs=1M seek=$((4 + bootmb)) conv=notrunc,sparse status=none
dd if="$data" of="$img" bs=1M seek=$((4 + bootmb + rootmb)) conv=notrunc,sparse status=none
rm -rf "$work"

step "partitions and image"
if [ "$xz" = 1 ]; then
    echo "=== compressing (xz)"
    xz -T0 -6 -k "$img"
    (cd "$out" && sha256sum "$(basename "$img").xz" >"$(basename "$img").xz.sha256")
    step "xz"
    echo "image: $img.xz (sha256 in $(basename "$img").xz.sha256)"
    echo "size: $(du -m "$img" | cut -f1) MiB raw ($total MiB apparent), $(du -m "$img.xz" | cut -f1) MiB compressed"
else
    echo "image: $img (not compressed: --no-xz)"
    echo "size: $(du -m "$img" | cut -f1) MiB raw ($total MiB apparent)"
fi
echo "build time: $(($(date +%s) - t0)) s"
