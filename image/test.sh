#!/bin/bash
# make image-test: boots the card image under qemu-system-aarch64 (the virt
# machine; a virtio GPU, so KMS/DRM works as on a Pi), waits until the
# kiosk's service is active and the screen shows Home (saved as boot.png),
# touches it through the kernel (a virtual multitouch screen made with
# /dev/uinput inside the image, image/touch.c): a tap on Browse, a tile, a
# swipe in the reader, a two-finger pinch and Listen, each screendump
# compared with the screen the kiosk here shows after the same touch
# (image/compare.py), the reading aloud captured by QEMU's sound card as
# a WAV and checked for sound; boots again in portrait and does the same
# there (a display taller than wide, the touches following it), then
# plugs in a USB stick holding a signed bundle and waits until the kiosk
# has applied it. Prints the boot figure (kernel start to the kiosk's
# first frame) and the critical chain. Software emulation is slow: minutes,
# not seconds.
#   image/test.sh DIR   (DIR: where make image put the image and kernel)
set -euo pipefail
dir=$1
work=$dir/test
rm -rf "$work"
mkdir -p "$work"
log=$work/serial.log mon=$work/monitor.sock
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)

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

# The screens the touches should lead to, as the kiosk here draws them at
# the same size with the same archive (its script driver; the coordinates
# are those of Home's and the reader's layout at these sizes).
cp -a "$root/build/data" "$work/native-data"
rm -rf "$work/native-data/lock"
mkdir -p "$work/expected"
printf '%s\n' "shot land-home" "tap 435 246" "wait 800" "shot land-browse" "tap 137 360" "wait 1500" "shot land-cover" \
	"swipe 1000 400 300 400 400" "wait 1500" "shot land-page" "pinch 640 450 2" "wait 1500" "shot land-zoomed" >"$work/land.script"
printf '%s\n' "shot port-home" "tap 593 778" "wait 800" "shot port-browse" "tap 205 600" "wait 1500" "shot port-cover" \
	"swipe 700 640 100 640 400" "wait 1500" "shot port-page" "pinch 400 640 2" "wait 1500" "shot port-zoomed" >"$work/port.script"
"$root/build/hishatak" kiosk --data "$work/native-data" --size 1280x800 --script "$work/land.script" --shots "$work/expected"
"$root/build/hishatak" kiosk --data "$work/native-data" --size 800x1280 --script "$work/port.script" --shots "$work/expected"

# Under emulation Mesa's software renderer deadlocks with its worker threads
# (LP_NUM_THREADS=0: none); the journal goes to the console to be read here.
# The display WIDTH HEIGHT: a portrait screen is a display taller than wide
# (the kiosk lays itself out for it), and the virtual touch screen, the
# same size (hishatak.touch=), follows it. The touch screen's commands go
# in through a virtio serial port (a pipe here: touch.in), the sound out
# to a WAV through an Intel HD Audio card (QEMU 7.2 has no virtio-sound).
boot() {
	width=$1 height=$2
	rm -f "$work/touch.in" "$work/touch.out"
	mkfifo "$work/touch.in" "$work/touch.out"
	qemu-system-aarch64 -M virt -cpu cortex-a72 -smp 2 -m 2048 \
		-kernel "$dir/vmlinuz" -initrd "$dir/initrd.img" \
		-append "root=PARTUUID=48534b31-02 rootfstype=squashfs ro console=ttyAMA0 hishatak.report hishatak.touch=${width}x$height systemd.journald.forward_to_console=1 systemd.show_status=0 systemd.setenv=LP_NUM_THREADS=0" \
		-drive if=none,id=card,file="$work/card.img",format=raw -device virtio-blk-pci,drive=card \
		-device virtio-gpu-pci,xres=$width,yres=$height -device qemu-xhci,id=xhci -device virtio-tablet-pci \
		-device virtio-serial-pci -chardev pipe,id=touch,path="$work/touch" -device virtserialport,chardev=touch,name=hishatak.touch \
		-audiodev wav,id=snd,path="$work/sound-${width}x$height.wav" -device intel-hda -device hda-output,audiodev=snd \
		-nic none -display none -serial file:"$log" -monitor unix:"$mon",server,nowait &
	qemu=$!
	touches=0
	exec 4<>"$work/touch.in" 5<>"$work/touch.out"
}
boot 1280 800
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

# A touch through the kernel: the command to the image's virtual touch
# screen, then its answer on the console.
touch_screen() {
	touches=$((touches + 1))
	printf '%s\n' "$1" >&4
	wait_for "hishatak-touch: done $touches" 120
}
# After a touch: the screendump NAME compared with the expected screen
# EXPECTED and the one BEFORE it (image/compare.py).
failed=0
check_screen() {
	sleep 20 # the kiosk under emulation: a screen takes seconds
	monitor "screendump $work/$1.ppm"
	sleep 2
	echo -n "image-test: $1: "
	python3 "$here/compare.py" "$work/$1.ppm" "$work/expected/$2.png" "$work/expected/$3.png" ||
		{ echo "image-test: FAILED: the screen after \"$1\" is not $2 (see $work/$1.ppm)" >&2; failed=1; }
}

# Read aloud heard: the WAV QEMU wrote for the display WIDTHxHEIGHT holds
# more than silence.
heard() {
	python3 - "$work/sound-$1.wav" "$1" <<'WAV' || { echo "image-test: FAILED: no sound from reading aloud ($1)" >&2; return 1; }
import array, sys, wave
w = wave.open(sys.argv[1])
samples = array.array("h", w.readframes(w.getnframes()))
loud = sum(1 for s in samples if abs(s) > 1000)
print(f"image-test: read aloud at {sys.argv[2]}: {len(samples) / w.getnchannels() / w.getframerate():.1f} s of sound captured, {loud} samples above 1000")
sys.exit(0 if loud > 1000 else 1)
WAV
}

wait_for "hishatak-report: kiosk=active" 900
wait_for "hishatak-report: sound:" 60
grep "hishatak-report: boot:\|hishatak-report: chain:\|hishatak-report: sound:\|hishatak-report: data partition:" "$log" |
	sed 's/^.*hishatak-report: /image-test: /'
# The data partition grew on first boot into the 512 MiB added to the card.
grown=$(sed -n 's/^.*hishatak-report: data partition: \([0-9]*\) MiB.*/\1/p' "$log" | head -n 1)
[ "${grown:-0}" -gt 400 ] || { echo "image-test: FAILED: the data partition did not grow to fill the card (${grown:-?} MiB)" >&2; failed=1; }
wait_for "hishatak-trust.pub on the boot partition is not a minisign public key" 60
# The kiosk draws Home within seconds once running; emulation is slower.
sleep 60
monitor "screendump $work/screen.ppm"
sleep 2
# Home: mostly the kiosk's paper colour, not a black or text console.
paper=$(tail -c +16 "$work/screen.ppm" | od -An -v -tu1 -w3 | awk '$1 > 230 && $2 > 230 && $3 > 220 { n++ } END { print n + 0 }')
echo "image-test: $paper light pixels of $((1280 * 800)) on screen"
monitor "screendump $dir/boot.png -f png"
[ "$paper" -gt 300000 ] || { echo "image-test: FAILED: the screen does not show Home (see $dir/boot.png)" >&2; failed=1; }

# Touches through the kernel, the same in either orientation (NAME: land
# or port, then the touches at its size): Browse, a document's cover, a
# swipe to its first page, a pinch to 200 %, then Listen (read aloud); in
# landscape the touch screen is unplugged and plugged in again before it.
visit() {
	touch_screen "$2"
	check_screen "$1-browse" "$1-browse" "$1-home"
	touch_screen "$3"
	check_screen "$1-cover" "$1-cover" "$1-browse"
	touch_screen "$4"
	check_screen "$1-page" "$1-page" "$1-cover"
	touch_screen "$5"
	check_screen "$1-zoomed" "$1-zoomed" "$1-page"
	if [ "$1" = land ]; then # a loose cable: the screen gone, then back; Listen must still be heard
		touch_screen replug
		sleep 5
		# The kiosk's log: the screen, then none, then the screen again.
		if awk '/touch screens: hishatak virtual/ { s = s == 0 ? 1 : s == 2 ? 3 : s }
			/touch screens: none/ { if (s == 1) s = 2 } END { exit s != 3 }' "$log"; then
			echo "image-test: the touch screen unplugged and plugged in again: the kiosk saw it go and come back"
		else
			echo "image-test: FAILED: the kiosk did not see the touch screen go and come back" >&2
			failed=1
		fi
	fi
	touch_screen "$6"
	sleep 30 # espeak-ng under emulation, then the sound card
}
wait_for "hishatak-touch: ready" 60
visit land "tap 435 246" "tap 137 360" "swipe 1000 400 300 400" "pinch 640 450 200 400" "tap 768 756"
monitor "quit"
wait $qemu || true
heard 1280x800 || failed=1

# Portrait: a display taller than wide, the touch screen the same.
: >"$log"
boot 800 1280
wait_for "hishatak-report: kiosk=active" 900
wait_for "hishatak-report: sound:" 60 # printed after the boot figure: it is there to grep
grep "hishatak-report: boot:" "$log" | sed 's/^.*hishatak-report: /image-test: portrait: /'
sleep 60
wait_for "hishatak-touch: ready" 60
monitor "screendump $dir/boot-portrait.png -f png"
visit port "tap 593 778" "tap 205 600" "swipe 700 640 100 640" "pinch 400 640 200 400" "tap 468 1235"

monitor "drive_add 0 if=none,id=stick,file=$work/stick.img,format=raw,readonly=on"
monitor "device_add usb-storage,bus=xhci.0,drive=stick,id=stickdev"
wait_for "applied=2" 600
grep "hishatak-report" "$log" | tail -n 1
monitor "screendump $dir/after-usb.png -f png"
sleep 2
monitor "quit"
wait $qemu || true
heard 800x1280 || failed=1

# A data partition that fails its check (its superblocks gone): the kiosk
# starts anyway, and the console (and Admin) says what is wrong.
data_offset=$(($(sfdisk -d "$work/card.img" | sed -n 's/.*img3 : start= *\([0-9]*\),.*/\1/p') * 512))
dd if=/dev/zero of="$work/card.img" bs=1M seek=$((data_offset / 1048576)) count=64 conv=notrunc status=none
: >"$log"
boot 1280 800
wait_for "hishatak-report: kiosk=active" 900
wait_for "The data partition could not be mounted" 60
monitor "screendump $dir/no-data.png -f png"
sleep 2
monitor "quit"
[ $failed = 0 ] || exit 1
echo "image-test: passed in $SECONDS s (screens: $dir/boot.png, $dir/boot-portrait.png, $dir/after-usb.png; touches: $work/*.ppm)"
ls -l "$dir/hishatak-rpi-arm64.img" "$dir/hishatak-rpi-arm64.img.xz"
