#!/bin/sh
# A customize hook of build.sh (its argument: the root filesystem): takes
# out of the kernel's modules the drivers no Pi kiosk loads (desktop GPUs,
# Wi-Fi, wired network cards, Bluetooth, TV tuners and capture cards: the
# kiosk has no network and shows no video input), then sets the initramfs
# up for a squashfs root. Every module of the Pi's own hardware (vc4, v3d,
# its sound, USB, SD card), of the official displays and USB touch panels,
# and the few make image-test needs stay.
set -eu
root=$1
for kernel in "$root"/usr/lib/modules/*; do
	for d in drivers/gpu/drm/amd drivers/gpu/drm/nouveau drivers/gpu/drm/radeon drivers/gpu/drm/msm drivers/gpu/drm/xe \
		drivers/net/wireless drivers/net/ethernet drivers/infiniband drivers/bluetooth drivers/isdn drivers/net/can \
		drivers/media/usb drivers/media/pci drivers/media/dvb-frontends drivers/media/tuners \
		net/wireless net/mac80211 net/bluetooth; do
		rm -rf "$kernel/kernel/$d"
	done
	chroot "$root" depmod -a "$(basename "$kernel")"
done
# glibc's character sets for iconv (20 MiB): the kiosk's text is UTF-8
# throughout (ICU converts what it must); SDL's iconv may ask for the
# Unicode ones, which stay.
find "$root"/usr/lib/*-linux-gnu/gconv -maxdepth 1 -name '*.so' ! -name 'UTF-*.so' ! -name 'UNICODE.so' -delete
echo squashfs >>"$root/etc/initramfs-tools/modules"
chroot "$root" update-initramfs -u -k all
