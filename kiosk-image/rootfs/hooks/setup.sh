#!/bin/sh
# mmdebstrap --setup-hook (runs before any package is installed; $1 = the root): a small
# initramfs from the start. MODULES=list takes only what the hook below names (Pi 4/5 SD,
# USB and HID touch; virtio for the QEMU boot test) instead of nearly every module.
set -eu
r=$1
mkdir -p "$r/etc/initramfs-tools/conf.d" "$r/etc/initramfs-tools/hooks"
echo MODULES=list >"$r/etc/initramfs-tools/conf.d/yikong"
cat >"$r/etc/initramfs-tools/hooks/yikong" <<'HOOK'
#!/bin/sh
# The modules the root file system needs to be found and mounted (see conf.d/yikong).
case $1 in prereqs) exit 0 ;; esac
. /usr/share/initramfs-tools/hook-functions
for m in ext4 mmc_block sdhci_iproc sdhci_brcmstb bcm2835 pcie_brcmstb xhci_pci \
    xhci_plat_hcd dwc2 usb_storage uas sd_mod virtio_pci virtio_blk virtio_mmio; do
    manual_add_modules "$m"
done
force_load ext4
HOOK
chmod 0755 "$r/etc/initramfs-tools/hooks/yikong"
