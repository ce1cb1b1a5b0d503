# Runs inside the root file system (chroot, qemu-user) after the kiosk package and the
# overlay are in: the terminal's services.
set -eu
echo yikong >/etc/hostname
# The settings a technician edits on the boot partition are the kiosk's /etc/yikong/kiosk.conf.
ln -sf /boot/firmware/yikong.conf /etc/yikong/kiosk.conf
# tty1 is the kiosk's: no login prompt there (and no default password anywhere: root is locked).
systemctl mask getty@tty1.service
passwd -l root >/dev/null
systemctl enable yikong-kiosk.service yikong-grow-data.service systemd-networkd.service \
    systemd-resolved.service systemd-timesyncd.service
# Wi-Fi: wpa_supplicant@wlan0 is started by udev when wlan0 appears (overlay's
# 80-yikong-wifi.rules) and only if wifi.conf is there; enabled statically it would make the
# boot wait 90 s for a wlan0 a Pi without Wi-Fi firmware, or the test VM, never has.
# The D-Bus-activated wpa_supplicant.service is not used.
systemctl disable wpa_supplicant.service 2>/dev/null || true
# ssh: its unit only starts when /boot/firmware/authorized_keys exists (drop-in).
systemctl enable ssh.service
systemctl disable ssh.socket 2>/dev/null || true
ln -sf /run/systemd/resolve/stub-resolv.conf /etc/resolv.conf
mkdir -p /data /var/lib/yikong /var/lib/systemd/timesync
# The root is read-only: what services would create in /var/lib at start must be here
# already. logind's StateDirectory (it fails with 238/STATE_DIRECTORY otherwise); D-Bus's
# machine-id link (tmpfiles); no persistent journal (journald keeps it in RAM).
mkdir -p /var/lib/systemd/linger /var/lib/dbus
ln -sf /etc/machine-id /var/lib/dbus/machine-id
rm -rf /var/log/journal
