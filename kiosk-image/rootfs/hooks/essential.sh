#!/bin/sh
# mmdebstrap --essential-hook ($1 = the root; dpkg is in, the listed packages are not yet):
# mkinitramfs under qemu-user is the slowest step of the root file system, and the kernel's
# postinst and the update-initramfs trigger of later packages (firmware, udev, kmod) would
# run it twice. update-initramfs is diverted to a no-op here; customize.sh puts it back and
# builds the initramfs once, when every package that adds to it is in.
set -eu
r=$1
chroot "$r" dpkg-divert --quiet --local --rename --add /usr/sbin/update-initramfs
printf '#!/bin/sh\n# yikong build: diverted until customize.sh (kiosk-image/rootfs/hooks)\nexit 0\n' \
    >"$r/usr/sbin/update-initramfs"
chmod 0755 "$r/usr/sbin/update-initramfs"
