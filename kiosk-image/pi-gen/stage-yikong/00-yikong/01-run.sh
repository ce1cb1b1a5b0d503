#!/bin/bash -e
# pi-gen sub-stage: install yikong-kiosk and make the image a kiosk.
# Runs on the build host with ROOTFS_DIR set by pi-gen; on_chroot runs inside the image.
#
# Needs YIKONG_BIN: the path of the aarch64 yikong-kiosk binary to install (export it in
# pi-gen's config file, e.g. export YIKONG_BIN=/src/yikong/build-arm64/src/app/yikong-kiosk).

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
KIOSK_IMAGE="$(cd "${HERE}/../../.." && pwd)"   # kiosk-image/

if [ -z "${YIKONG_BIN:-}" ] || [ ! -f "${YIKONG_BIN}" ]; then
	echo "01-run.sh: set YIKONG_BIN to the built yikong-kiosk binary (got '${YIKONG_BIN:-}')" >&2
	exit 1
fi
if command -v file >/dev/null && ! file -L "${YIKONG_BIN}" | grep -q 'ARM aarch64'; then
	echo "01-run.sh: ${YIKONG_BIN} is not an aarch64 binary: $(file -Lb "${YIKONG_BIN}")" >&2
	exit 1
fi

# The program, its unit and its docs.
install -D -m 0755 "${YIKONG_BIN}" "${ROOTFS_DIR}/usr/bin/yikong-kiosk"
install -D -m 0644 "${KIOSK_IMAGE}/systemd/yikong-kiosk.service" \
	"${ROOTFS_DIR}/etc/systemd/system/yikong-kiosk.service"
install -D -m 0644 "${KIOSK_IMAGE}/README.md" "${ROOTFS_DIR}/usr/share/doc/yikong-kiosk/README.md"
install -D -m 0644 "${KIOSK_IMAGE}/yikong.conf.example" \
	"${ROOTFS_DIR}/usr/share/doc/yikong-kiosk/yikong.conf.example"

# The settings a technician edits: on the FAT boot partition, readable from any computer.
# Never overwrite one that is already there (a rebuilt image keeps nothing, but a re-run
# of this stage on the same work tree should not undo a test edit either).
BOOT="${ROOTFS_DIR}/boot/firmware"
if [ ! -e "${BOOT}/yikong.conf" ]; then
	install -D -m 0644 "${KIOSK_IMAGE}/yikong.conf.example" "${BOOT}/yikong.conf"
fi

# Hardware watchdog: the SoC resets the board if systemd stops feeding it (a hung kernel
# or systemd). The Pi's watchdog allows at most about 15 s.
if ! grep -q '^dtparam=watchdog=on' "${BOOT}/config.txt"; then
	cat >> "${BOOT}/config.txt" <<'CONFIG'

# yikong: hardware watchdog, fed by systemd (RuntimeWatchdogSec)
dtparam=watchdog=on
CONFIG
fi
install -d "${ROOTFS_DIR}/etc/systemd/system.conf.d"
cat > "${ROOTFS_DIR}/etc/systemd/system.conf.d/yikong-watchdog.conf" <<'CONF'
# yikong: systemd feeds the hardware watchdog; a hung system reboots by itself.
[Manager]
RuntimeWatchdogSec=15s
RebootWatchdogSec=2min
CONF

# Kernel command line (one line): never blank the console, no blinking cursor on tty1
# between two runs of the app.
for arg in consoleblank=0 vt.global_cursor_default=0; do
	if ! grep -qw -- "${arg}" "${BOOT}/cmdline.txt"; then
		sed -i "1 s/\$/ ${arg}/" "${BOOT}/cmdline.txt"
	fi
done

# The data partition (created after flashing, see README.md), if present. nofail: a
# terminal without it still boots, and the technician sees why in the journal.
if ! grep -q '/var/lib/yikong' "${ROOTFS_DIR}/etc/fstab"; then
	echo 'LABEL=yikong-data /var/lib/yikong ext4 defaults,noatime,nofail,x-systemd.device-timeout=10s 0 2' \
		>> "${ROOTFS_DIR}/etc/fstab"
fi

on_chroot <<'CHROOT'
set -e
getent group render >/dev/null || groupadd --system render
if ! id yikong >/dev/null 2>&1; then
	useradd --system --home-dir /var/lib/yikong --no-create-home \
		--shell /usr/sbin/nologin --user-group --groups video,input,render yikong
fi
install -d -o yikong -g yikong -m 0750 /var/lib/yikong
systemctl enable yikong-kiosk.service
# tty1 is the kiosk's; a technician logs in on tty2 (Ctrl+Alt+F2) or over ssh.
systemctl disable getty@tty1.service
CHROOT
