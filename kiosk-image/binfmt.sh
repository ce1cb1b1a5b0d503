#!/usr/bin/env bash
# Makes sure this machine runs arm64 binaries through qemu-user (binfmt_misc): mounts
# binfmt_misc when it is not (containers, PID 1 not systemd) and registers Debian's
# qemu-aarch64 handler from /usr/lib/binfmt.d/qemu-aarch64.conf (qemu-user-static). Needs
# root for either step; does nothing when `arch-test arm64` already says ok.
#   bash kiosk-image/binfmt.sh      exit 0 when arm64 binaries run here
set -uo pipefail
runs() { arch-test arm64 >/dev/null 2>&1; }
runs && exit 0
mnt=/proc/sys/fs/binfmt_misc
if [ ! -e "$mnt/register" ]; then
    mount -t binfmt_misc binfmt_misc "$mnt" 2>/dev/null ||
        { echo "binfmt: cannot mount $mnt (not root?)" >&2; exit 1; }
fi
conf=/usr/lib/binfmt.d/qemu-aarch64.conf
[ -r "$conf" ] || { echo "binfmt: $conf missing (apt-get install qemu-user-static)" >&2; exit 1; }
if [ ! -e "$mnt/qemu-aarch64" ]; then
    # The F flag opens the interpreter now, so it works inside chroots and namespaces too.
    grep -v '^#' "$conf" >"$mnt/register" 2>/dev/null ||
        { echo "binfmt: cannot register $conf" >&2; exit 1; }
fi
runs || { echo "binfmt: arm64 binaries still do not run (arch-test arm64)" >&2; exit 1; }
