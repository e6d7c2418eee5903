#!/bin/sh
# A customize hook of build.sh (its argument: the root filesystem): takes
# out of the kernel's modules the drivers no Pi kiosk loads (desktop GPUs,
# networking of every kind, Bluetooth, TV tuners and capture cards, camera
# sensors, industrial sensors, RAID, SCSI host adapters, other SoCs' sound,
# filesystems no stick or card of ours has: the kiosk has no network and
# shows no video input; FAT, exFAT, NTFS, ext4 and squashfs stay), then
# sets the initramfs up for a squashfs root. Every module of the Pi's own
# hardware (vc4, v3d, its sound, USB, SD card), of the official displays
# and USB touch panels, and the few make image-test needs stay
# (check-modules.sh fails the build if one, or one it needs, has gone).
set -eu
root=$1
for kernel in "$root"/usr/lib/modules/*; do
	for d in drivers/gpu/drm/amd drivers/gpu/drm/nouveau drivers/gpu/drm/radeon drivers/gpu/drm/msm drivers/gpu/drm/xe \
		drivers/net/wireless drivers/net/ethernet drivers/infiniband drivers/bluetooth drivers/isdn drivers/net/can \
		drivers/media/usb drivers/media/pci drivers/media/dvb-frontends drivers/media/tuners \
		net/wireless net/mac80211 net/bluetooth \
		net drivers/net drivers/iio drivers/md drivers/media/i2c \
		fs/btrfs fs/xfs fs/bcachefs fs/f2fs fs/ocfs2 fs/gfs2 fs/nfs fs/nfsd fs/smb fs/ceph fs/jfs fs/nilfs2 \
		fs/ubifs fs/afs fs/9p fs/orangefs fs/dlm fs/lockd fs/netfs fs/cachefiles fs/coda \
		sound/soc/qcom sound/soc/mediatek sound/soc/intel sound/soc/amd sound/soc/sof sound/soc/rockchip \
		sound/soc/sunxi sound/soc/tegra sound/soc/fsl sound/soc/meson sound/soc/samsung sound/soc/sh \
		sound/soc/ti sound/soc/stm sound/soc/uniphier sound/soc/atmel sound/soc/apple \
		drivers/ata drivers/mtd drivers/target drivers/hwtracing drivers/ufs drivers/remoteproc drivers/platform/chrome \
		drivers/usb/cdns3 drivers/usb/chipidea drivers/usb/mtu3 drivers/usb/musb drivers/usb/typec drivers/usb/usbip \
		drivers/usb/isp1760 drivers/staging/rtl8723bs drivers/media/platform drivers/media/dvb-core \
		drivers/media/firewire drivers/media/radio drivers/media/test-drivers drivers/media/mmc; do
		rm -rf "$kernel/kernel/$d"
	done
	# Other SoCs' clocks, pin controllers, PHYs, GPUs...: the Pi's are
	# Broadcom's (built in, or in the folders that stay).
	for subsystem in clk soc pinctrl phy interconnect dma thermal crypto gpu/drm; do
		for vendor in allwinner amlogic meson mediatek qcom qualcomm samsung rockchip tegra ti freescale fsl imx \
			hisilicon marvell renesas xilinx cadence caam cavium chelsio inside-secure qce sun4i etnaviv lima \
			panfrost panthor mxsfb tidss arm ast hyperv qxl vmwgfx; do
			rm -rf "$kernel/kernel/drivers/$subsystem/$vendor"
		done
	done
	find "$kernel/kernel/drivers/media/rc" -mindepth 1 ! -name rc-core.ko.xz -delete # remote controls; cec (HDMI, vc4's) needs the core
	find "$kernel/kernel/drivers/scsi" -mindepth 1 -type d -prune -exec rm -rf {} + # host adapters; USB sticks need only the core and sd
	find "$kernel/kernel/sound/pci" -mindepth 1 -maxdepth 1 ! -name hda -exec rm -rf {} + # PCI cards; HD Audio for make image-test
	"$(dirname "$0")/check-modules.sh" "$kernel"
	chroot "$root" depmod -a "$(basename "$kernel")"
done
# The Pi's firmware for a camera (x), debugging (db) and 16 MB of
# graphics memory (cd): config.txt asks for none of them; and the
# package's own copy, which the boot partition has.
rm -f "$root"/boot/firmware/start*x.elf "$root"/boot/firmware/start*db.elf "$root"/boot/firmware/start*cd.elf \
	"$root"/boot/firmware/fixup*x.dat "$root"/boot/firmware/fixup*db.dat "$root"/boot/firmware/fixup*cd.dat
rm -rf "$root"/usr/lib/raspi-firmware/*
# glibc's character sets for iconv (20 MiB): the kiosk's text is UTF-8
# throughout (ICU converts what it must); SDL's iconv may ask for the
# Unicode ones, which stay.
find "$root"/usr/lib/*-linux-gnu/gconv -maxdepth 1 -name '*.so' ! -name 'UTF-*.so' ! -name 'UNICODE.so' -delete
echo squashfs >>"$root/etc/initramfs-tools/modules"
# The initramfs, once (build.sh diverted update-initramfs until now).
rm "$root/usr/sbin/update-initramfs"
chroot "$root" dpkg-divert --quiet --local --rename --remove /usr/sbin/update-initramfs
chroot "$root" update-initramfs -c -k all
