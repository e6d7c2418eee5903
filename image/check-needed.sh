#!/bin/sh
# Fails the image when a library one of the programs needs (its NEEDED
# entries) is not in the root filesystem, naming it: the package list in
# build.sh is written by hand, and a renamed package (Debian 13's t64
# libraries, a new soname) would otherwise show only on the Pi.
#   image/check-needed.sh ROOT PROGRAM...
root=$1
shift
missing=0
for program in "$@"; do
	for lib in $(readelf -d "$program" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
		found=
		for dir in usr/lib/aarch64-linux-gnu lib/aarch64-linux-gnu usr/lib lib; do
			[ -e "$root/$dir/$lib" ] && found=$dir/$lib && break
		done
		if [ -n "$found" ]; then
			echo "image: $(basename "$program") needs $lib: $(dpkg-query --admindir="$root/var/lib/dpkg" -S "/$found" 2>/dev/null | cut -d: -f1 | head -n 1)"
		else
			echo "image: $(basename "$program") needs $lib, which no package in the image holds" >&2
			missing=1
		fi
	done
done
exit $missing
