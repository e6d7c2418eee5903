#!/bin/bash
# make image: a Debian 13 ("trixie") arm64 SD-card image for the Raspberry
# Pi 3, 4 and 400 that boots into the kiosk. Built from Debian's packages with
# mmdebstrap (maintainer scripts under qemu-user), the filesystems made
# from folders (mkfs.vfat + mtools, mke2fs -d), the card image put together
# with sfdisk and dd: no loop mounts.
#   image/build.sh PROGRAM DATA OUT
# PROGRAM: build/aarch64/hishatak (its hishatak-media beside it is installed
# beside it too); DATA: the default archive's data folder;
# OUT: the folder for hishatak-rpi-arm64.img (and .img.xz, vmlinuz, initrd.img).
set -euo pipefail
program=$1 data=$2 out=$3
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$(dirname "$program")/../.." && pwd)
work=$out/work
# A build cut short can leave mmdebstrap's mounts (/sys, /dev/pts) in the
# root filesystem: unmount them before anything there is removed.
for m in $(findmnt -rn -o TARGET | grep "^$(realpath -m "$work")/" | sort -r); do umount "$m"; done
rm -rf --one-file-system "$work"
mkdir -p "$work" "$out"

# Every card made from the image has this disk identifier: the kernel finds
# its root as partition 2 of it (a squashfs has no label).
disk_id=0x48534b31

# Foreign binaries run through qemu-user: binfmt_misc must know aarch64.
if [ ! -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]; then
	[ -e /proc/sys/fs/binfmt_misc/register ] || mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
	grep -v '^#' /usr/lib/binfmt.d/qemu-aarch64.conf >/proc/sys/fs/binfmt_misc/register
fi

# What the programs link against (their NEEDED entries, by package:
# check-needed.sh fails the image when one is missing), the kernel and the
# Pi's firmware, Mesa for KMS/DRM and ALSA (SDL opens them at run time), the
# voices, and the tools the set-up service uses. Debian 13's names: its
# MuPDF is a shared library (libmupdf25.1, which brings mujs, gumbo,
# openjpeg, jbig2dec and libjpeg), ALSA's is a t64 one (libasound2t64).
packages=(
	systemd-sysv udev kmod initramfs-tools linux-image-arm64 raspi-firmware
	e2fsprogs fdisk util-linux
	libsdl2-2.0-0 libsdl2-ttf-2.0-0 libsdl2-image-2.0-0 libsystemd0 libsqlite3-0 libsodium23
	libicu76 libmupdf25.1 libespeak-ng1 espeak-ng-data libcsv3 libstemmer0d zlib1g
	libqrencode4 libhyphen0
	libavformat61 libavcodec61 libswresample5 libswscale8 libavutil59
	libgl1-mesa-dri libegl1 libgles2 libgbm1 libasound2t64 alsa-utils
)
# alsa-utils: at boot alsactl sets each sound card's mixer to a sane level
# (a card's controls start muted: the reading aloud was silent without it).
# Not in the image: documentation, manual pages and translations of the
# system's own messages (the copyright files stay); udev's hardware
# database (13 MiB, in the initrd too: names of vendors, keyboard and
# touchpad fixes; a touch screen's type comes from its own capabilities,
# udev's input_id); the MIME database (4 MiB, which only librsvg's
# gdk-pixbuf would read) and the X keyboard layouts (7 MiB: SDL reads
# keyboards through evdev and the kernel's keymap on KMS/DRM). Each of
# those also took a tool under emulation seconds to compile at set-up.
exclude=(--dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright'
	--dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/info/*'
	--dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-exclude=/usr/share/lintian/*'
	--dpkgopt='path-exclude=/usr/lib/udev/hwdb.d/*' --dpkgopt='path-exclude=/usr/share/mime/packages/*'
	--dpkgopt='path-exclude=/usr/share/X11/xkb/*')
echo "image: the root filesystem (mmdebstrap, arm64; a few minutes)"
# Under qemu-user every step of a maintainer script is slow, so:
# - dpkg runs under eatmydata (mmdebstrap's hook): no fsync per file;
# - the initramfs is made once, at the end (slim.sh), not by the kernel's
#   package and again by its trigger (three minutes each): until then
#   update-initramfs is diverted to a no-op.
# - hyphen-en-us (its patterns alone) is unpacked, not installed: the
#   package's dictionaries-common runs perl at set-up and in a trigger.
mmdebstrap --quiet --arch=arm64 --variant=minbase --include="$(IFS=,; echo "${packages[*]}")" "${exclude[@]}" \
	--hook-dir=/usr/share/mmdebstrap/hooks/eatmydata \
	--setup-hook='mkdir -p "$1/boot/firmware"' \
	--essential-hook='chroot "$1" dpkg-divert --quiet --local --rename --divert /usr/sbin/update-initramfs.real --add /usr/sbin/update-initramfs && printf "#!/bin/sh\nexit 0\n" >"$1/usr/sbin/update-initramfs" && chmod 755 "$1/usr/sbin/update-initramfs"' \
	--customize-hook='chroot "$1" sh -c "cd /tmp && apt-get -q download hyphen-en-us" && dpkg-deb -x "$1"/tmp/hyphen-en-us_*.deb "$1" && rm "$1"/tmp/hyphen-en-us_*.deb && test -f "$1/usr/share/hyphen/hyph_en_US.dic"' \
	--customize-hook="cp -a '$here/rootfs/.' \"\$1/\"" \
	--customize-hook="install -m 755 '$program' \"\$1/usr/bin/hishatak\"" \
	--customize-hook="install -m 755 '$(dirname "$program")/hishatak-media' \"\$1/usr/bin/hishatak-media\"" \
	--customize-hook="install -m 755 '$(dirname "$program")/hishatak-touch' \"\$1/usr/lib/hishatak/touch\"" \
	--customize-hook="mkdir -p \"\$1/usr/share/hishatak\" && cp -a '$root/assets' \"\$1/usr/share/hishatak/\"" \
	--customize-hook='chroot "$1" groupadd --gid 1000 kiosk' \
	--customize-hook='chroot "$1" useradd --uid 1000 --gid kiosk --home-dir /var/lib/hishatak --no-create-home --shell /usr/sbin/nologin kiosk' \
	--customize-hook='chroot "$1" systemctl enable hishatak.service hishatak-setup.service hishatak-report.service hishatak-touch-test.service hishatak-stick-write.path hishatak-clock.service hishatak-clock-save.timer' \
	--customize-hook='chroot "$1" systemctl mask getty@.service getty-static.service autovt@.service serial-getty@.service ctrl-alt-del.target systemd-firstboot.service' \
	--customize-hook='echo hishatak >"$1/etc/hostname"; : >"$1/etc/machine-id"; mkdir -p "$1/var/lib/hishatak"' \
	--customize-hook="sed -i 's/^#\\?ROOTPART=.*/ROOTPART=PARTUUID=${disk_id#0x}-02/; s/^#\\?CONSOLES=.*/CONSOLES=\"tty3\"/' \"\$1/etc/default/raspi-firmware\"" \
	--customize-hook="'$here/slim.sh' \"\$1\"" \
	--customize-hook='chroot "$1" env DEB_MAINT_PARAMS=configure /etc/kernel/postinst.d/z50-raspi-firmware' \
	--customize-hook="grep -q 'root=PARTUUID=${disk_id#0x}-02' \"\$1/boot/firmware/cmdline.txt\"" \
	--customize-hook='echo "image: the kernel modules make image-test needs:"; find "$1"/usr/lib/modules \( -name "uinput.ko*" -o -name "snd-hda-intel.ko*" -o -name "snd-hda-codec-generic.ko*" -o -name "virtio_console.ko*" \) -printf "  %f\n"' \
	--customize-hook="$here/check-needed.sh \"\$1\" '$program' '$(dirname "$program")/hishatak-media'" \
	--customize-hook='dpkg-query --admindir="$1/var/lib/dpkg" -W -f="\${Installed-Size}\t\${Package}\n" | sort -n >"$1/.sizes"' \
	--customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*' \
	trixie "$work/rootfs" \
	"deb http://deb.debian.org/debian trixie main non-free-firmware" \
	"deb http://deb.debian.org/debian trixie-updates main non-free-firmware" \
	"deb http://deb.debian.org/debian-security trixie-security main non-free-firmware"

# What each package costs (KiB installed), largest last, and the sum.
echo "image: the root filesystem made ($SECONDS s so far); the packages, by installed size (KiB)"
cat "$work/rootfs/.sizes"
awk '{ kib += $1 } END { printf "image: %d packages, %d MiB installed\n", NR, kib / 1024 }' "$work/rootfs/.sizes"
rm -f "$work/rootfs/.sizes"

# The kernel and initrd, for make image-test (QEMU boots them directly).
# The firmware boots the boot partition's copies: the root's go (64 MiB).
cp "$work"/rootfs/boot/vmlinuz-* "$out/vmlinuz"
cp "$work"/rootfs/boot/initrd.img-* "$out/initrd.img"
rm -f "$work"/rootfs/boot/vmlinuz-* "$work"/rootfs/boot/initrd.img-* "$work"/rootfs/boot/System.map-* "$work"/rootfs/boot/config-*

echo "image: the filesystems ($SECONDS s so far)"
# Each partition sized to its content (MiB): the boot partition to what
# raspi-firmware put in /boot/firmware and room for a second kernel, the
# root filesystem a squashfs (read-only by nature, zstd), the data
# partition to the default archive: it grows to fill the card on first boot.
mib() { du -sm "$1" | cut -f1; }
boot_mb=$(($(mib "$work/rootfs/boot/firmware") * 2 + 16))
mkfs.vfat -C -F 32 -n HISHATAK "$work/boot.vfat" $((boot_mb * 1024)) >/dev/null
mcopy -s -i "$work/boot.vfat" "$work"/rootfs/boot/firmware/* ::
rm -rf "$work"/rootfs/boot/firmware/*
echo "image: root filesystem $(mib "$work/rootfs") MiB of files"
echo "image: the squashfs ($SECONDS s so far)"
mksquashfs "$work/rootfs" "$work/root.sqfs" -comp zstd -Xcompression-level 19 -b 1M -noappend -quiet -no-progress
root_mb=$(($(stat -c %s "$work/root.sqfs") / 1048576 + 1))
# The data partition: the default archive, the kiosk's to write.
mkdir -p "$work/datafs"
cp -a "$data" "$work/datafs/data"
rm -rf "$work/datafs/data/cache" "$work/datafs/data/lock"
chown -R 1000:1000 "$work/datafs"
data_mb=$(($(mib "$work/datafs") * 3 / 2 + 32))
mke2fs -q -t ext4 -L hishatak-data -d "$work/datafs" "$work/data.ext4" "${data_mb}M"
echo "image: partitions boot $boot_mb MiB, root $root_mb MiB (squashfs), data $data_mb MiB (grows on first boot)"

echo "image: the card ($SECONDS s so far)"
img=$out/hishatak-rpi-arm64.img
rm -f "$img"
truncate -s $(((4 + boot_mb + root_mb + data_mb) * 1024 * 1024)) "$img"
# MBR, as the Pi's firmware wants: FAT first (type c), then two Linux partitions.
sfdisk --quiet "$img" <<PARTS
label: dos
label-id: $disk_id
start=4MiB, size=${boot_mb}MiB, type=c, bootable
size=${root_mb}MiB, type=83
size=${data_mb}MiB, type=83
PARTS
dd if="$work/boot.vfat" of="$img" bs=1M seek=4 conv=notrunc,sparse status=none
dd if="$work/root.sqfs" of="$img" bs=1M seek=$((4 + boot_mb)) conv=notrunc,sparse status=none
dd if="$work/data.ext4" of="$img" bs=1M seek=$((4 + boot_mb + root_mb)) conv=notrunc,sparse status=none
echo "image: compressing ($SECONDS s so far)"
xz -T0 -3 -k -f "$img"
rm -rf --one-file-system "$work"
echo "image: made in $SECONDS s"
ls -l "$img" "$img.xz"
