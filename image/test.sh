#!/bin/bash
# make image-test: boots the card image under qemu-system-aarch64 (the virt
# machine; a virtio GPU, so KMS/DRM works as on a Pi), waits until the
# kiosk's service is active and the screen shows Home (saved as boot.png),
# then plugs in a USB stick holding a signed bundle and waits until the
# kiosk has applied it. Software emulation is slow: minutes, not seconds.
#   image/test.sh DIR   (DIR: where make image put the image and kernel)
set -euo pipefail
dir=$1
work=$dir/test
rm -rf "$work"
mkdir -p "$work"
log=$work/serial.log mon=$work/monitor.sock
root=$(cd "$(dirname "$0")/.." && pwd)

# A card larger than the image: the data partition grows into the rest.
cp --sparse=always "$dir/hishatak-rpi-arm64.img" "$work/card.img"
truncate -s +512M "$work/card.img"

# The stick: one new document, signed with the default archive's key.
mkdir -p "$work/update/files"
printf 'id,kind,file,date,language,title\nimage-test-note,article,files/note.md,2026-12,en,A note from the image test\n' \
	>"$work/update/items.csv"
printf '# A note from the image test\n\nThis document came on a USB stick.\n' >"$work/update/files/note.md"
"$root/build/hishatak" bundle --archive artsakh-archive --sequence 2 --key "$root/build/keys/archive.key" \
	"$work/update" "$work/stick" >/dev/null
mkfs.vfat -C -n STICK "$work/stick.img" 16384 >/dev/null
mcopy -s -i "$work/stick.img" "$work"/stick/* ::

# Bad input a centre may give it: a trust key file that is not a key. The
# kiosk must start anyway, keep its keys (the stick still applies) and say so.
boot_offset=$(($(sfdisk -d "$work/card.img" | sed -n 's/.*img1 : start= *\([0-9]*\),.*/\1/p') * 512))
echo "not a minisign key" >"$work/bad.pub"
mcopy -i "$work/card.img@@$boot_offset" "$work/bad.pub" ::hishatak-trust.pub

# Under emulation Mesa's software renderer deadlocks with its worker threads
# (LP_NUM_THREADS=0: none); the journal goes to the console to be read here.
boot() {
	qemu-system-aarch64 -M virt -cpu cortex-a72 -smp 2 -m 2048 \
		-kernel "$dir/vmlinuz" -initrd "$dir/initrd.img" \
		-append "root=LABEL=hishatak-root ro console=ttyAMA0 hishatak.report systemd.journald.forward_to_console=1 systemd.show_status=0 systemd.setenv=LP_NUM_THREADS=0" \
		-drive if=none,id=card,file="$work/card.img",format=raw -device virtio-blk-pci,drive=card \
		-device virtio-gpu-pci,xres=1280,yres=800 -device qemu-xhci,id=xhci -device virtio-tablet-pci \
		-nic none -display none -serial file:"$log" -monitor unix:"$mon",server,nowait &
	qemu=$!
}
boot
trap 'kill $qemu 2>/dev/null || true' EXIT
monitor() { printf '%s\n' "$1" | socat - UNIX-CONNECT:"$mon" >/dev/null; }

# Waits up to $2 seconds for the serial console to match $1.
wait_for() {
	local t=0
	until grep -q -- "$1" "$log" 2>/dev/null; do
		sleep 5
		t=$((t + 5))
		if [ $t -ge "$2" ] || ! kill -0 $qemu 2>/dev/null; then
			echo "image-test: no \"$1\" after $t s; the console said:" >&2
			tail -n 30 "$log" >&2
			exit 1
		fi
	done
	echo "image-test: \"$1\" after $SECONDS s"
}

wait_for "hishatak-report: kiosk=active" 900
wait_for "hishatak-trust.pub on the boot partition is not a minisign public key" 60
# The kiosk draws Home within seconds once running; emulation is slower.
sleep 60
monitor "screendump $work/screen.ppm"
sleep 2
# Home: mostly the kiosk's paper colour, not a black or text console.
paper=$(tail -c +16 "$work/screen.ppm" | od -An -v -tu1 -w3 | awk '$1 > 230 && $2 > 230 && $3 > 220 { n++ } END { print n + 0 }')
echo "image-test: $paper light pixels of $((1280 * 800)) on screen"
monitor "screendump $dir/boot.png -f png"
failed=0
[ "$paper" -gt 300000 ] || { echo "image-test: FAILED: the screen does not show Home (see $dir/boot.png)" >&2; failed=1; }

monitor "drive_add 0 if=none,id=stick,file=$work/stick.img,format=raw,readonly=on"
monitor "device_add usb-storage,bus=xhci.0,drive=stick,id=stickdev"
wait_for "applied=2" 600
grep "hishatak-report" "$log" | tail -n 1
monitor "screendump $dir/after-usb.png -f png"
sleep 2
monitor "quit"
wait $qemu || true

# A data partition that fails its check (its superblocks gone): the kiosk
# starts anyway, and the console (and Admin) says what is wrong.
data_offset=$(($(sfdisk -d "$work/card.img" | sed -n 's/.*img3 : start= *\([0-9]*\),.*/\1/p') * 512))
dd if=/dev/zero of="$work/card.img" bs=1M seek=$((data_offset / 1048576)) count=64 conv=notrunc status=none
: >"$log"
boot
wait_for "hishatak-report: kiosk=active" 900
wait_for "The data partition could not be mounted" 60
monitor "screendump $dir/no-data.png -f png"
sleep 2
monitor "quit"
[ $failed = 0 ] || exit 1
echo "image-test: passed in $SECONDS s (screens: $dir/boot.png, $dir/after-usb.png)"
