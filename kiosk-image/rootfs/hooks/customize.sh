#!/bin/sh
# mmdebstrap --customize-hook ($1 = the root), cached with the root file system: nothing
# machine-specific may stay in the image.
set -eu
r=$1
# The initramfs, once (essential.sh diverted update-initramfs while packages went in).
rm -f "$r/usr/sbin/update-initramfs"
chroot "$r" dpkg-divert --quiet --local --rename --remove /usr/sbin/update-initramfs
chroot "$r" update-initramfs -c -k all
# Host keys are made on the terminal (on the data partition), never shared by all images.
rm -f "$r"/etc/ssh/ssh_host_*
# An empty machine-id: systemd makes a transient one on the read-only root.
: >"$r/etc/machine-id"
rm -f "$r/var/lib/dbus/machine-id"
# apt lists stay in the cached tarball (build-image.sh step 3 may need them); the image
# gets none.
rm -rf "$r"/var/cache/apt/archives/*.deb
