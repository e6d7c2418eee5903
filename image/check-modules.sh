#!/bin/sh
# Called by slim.sh with a kernel's modules folder (/usr/lib/modules/VERSION
# in the root filesystem): fails when a module a Pi kiosk needs, or one it
# needs in turn, has been taken out. Debian's System.map is a placeholder,
# so depmod cannot tell; modinfo's "depends" can (vc4 needs cec, which
# needs rc-core: without it a Pi has no picture).
set -eu
modules=$1
index=$(mktemp)
trap 'rm -f "$index"' EXIT
# name (dashes for underscores, as the kernel treats them) and file, a line each
find "$modules/kernel" -name '*.ko*' -printf '%f %p\n' | awk '{ sub(/\.ko.*/, "", $1); gsub(/_/, "-", $1); print }' >"$index"
awk -F/ '{ n = $NF; sub(/\.ko$/, "", n); gsub(/_/, "-", n); print n, "builtin" }' "$modules/modules.builtin" >>"$index"

checked=" "
check() { # module, the module that needs it
	local n f d
	n=$(echo "$1" | tr _ -)
	case "$checked" in *" $n "*) return ;; esac
	checked="$checked$n "
	f=$(awk -v n="$n" '$1 == n { print $2; exit }' "$index")
	if [ -z "$f" ]; then
		echo "image: the module $n (needed by $2) was taken out of the kernel's modules (image/slim.sh)" >&2
		exit 1
	fi
	[ "$f" = builtin ] && return
	for d in $(modinfo -F depends "$f" | tr , ' '); do check "$d" "$n"; done
}
# The Pi's picture, 3D, SD card, sound, USB and temperature; the official
# displays and USB touch panels; what a stick may hold; uinput for
# make image-test and the virt machine's disk, picture and sound.
for m in vc4 v3d sdhci-iproc snd-bcm2835 i2c-bcm2835 raspberrypi-cpufreq bcm2835-thermal \
	dwc2 xhci-pci usbhid hid-generic evdev snd-usb-audio \
	panel-raspberrypi-touchscreen raspberrypi-ts edt-ft5x06 hid-multitouch usbtouchscreen \
	squashfs ext4 vfat exfat ntfs3 usb-storage uas \
	uinput virtio-blk virtio-gpu snd-hda-intel; do
	check "$m" "the kiosk"
done
