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
    systemd-resolved.service systemd-timesyncd.service wpa_supplicant@wlan0.service
# ssh: its unit only starts when /boot/firmware/authorized_keys exists (drop-in).
systemctl enable ssh.service
systemctl disable ssh.socket 2>/dev/null || true
ln -sf /run/systemd/resolve/stub-resolv.conf /etc/resolv.conf
mkdir -p /data /var/lib/yikong /var/lib/systemd/timesync
