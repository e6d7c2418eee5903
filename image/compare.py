#!/usr/bin/python3
"""make image-test: does a QEMU screendump show the screen a touch should
have led to?

    compare.py DUMP.ppm EXPECTED.png BEFORE.png

EXPECTED is the screen the kiosk on this machine (the script driver, same
data, same size) shows after the same touch, BEFORE the one it showed
before it. The dump passes when it is much nearer EXPECTED than BEFORE:
the two kiosks draw with different renderers (llvmpipe under QEMU, SDL's
software one here), so the screens are near, never equal. Prints the
share of pixels that differ from each. Python's standard library only.
"""
import sys
import zlib


def read_ppm(path):
    data = open(path, "rb").read()
    fields, pos = [], 0
    while len(fields) < 4:  # P6 WIDTH HEIGHT MAX, comments aside
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            pos = data.index(b"\n", pos)
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    w, h = int(fields[1]), int(fields[2])
    return w, h, 3, data[pos + 1:pos + 1 + w * h * 3]


def read_png(path):
    data = open(path, "rb").read()
    pos, idat = 8, b""
    while pos < len(data):
        n = int.from_bytes(data[pos:pos + 4], "big")
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h = int.from_bytes(body[0:4], "big"), int.from_bytes(body[4:8], "big")
            depth, colour, interlace = body[8], body[9], body[12]
            if depth != 8 or colour not in (2, 6) or interlace:
                sys.exit(f"{path}: only 8-bit RGB or RGBA PNGs, not interlaced")
            bpp = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw, stride = zlib.decompress(idat), w * bpp
    out, prev = bytearray(), bytearray(stride)
    for y in range(h):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        out += line
        prev = line
    return w, h, bpp, bytes(out)


def differ(one, other):
    """The share of pixels (every second one, each way) whose colour differs by more than 48 in a channel."""
    w, h, n1, p1 = one
    w2, h2, n2, p2 = other
    if (w, h) != (w2, h2):
        sys.exit(f"the screens' sizes differ: {w}x{h} and {w2}x{h2}")
    count = total = 0
    for y in range(0, h, 2):
        for x in range(0, w, 2):
            i, j = (y * w + x) * n1, (y * w + x) * n2
            total += 1
            if max(abs(p1[i] - p2[j]), abs(p1[i + 1] - p2[j + 1]), abs(p1[i + 2] - p2[j + 2])) > 48:
                count += 1
    return count / total


dump, expected, before = read_ppm(sys.argv[1]), read_png(sys.argv[2]), read_png(sys.argv[3])
to_expected, to_before, apart = differ(dump, expected), differ(dump, before), differ(expected, before)
print(f"{to_expected:.1%} of the screen differs from the expected one, {to_before:.1%} from the one before"
      f" (those two differ by {apart:.1%})")
sys.exit(0 if to_expected < to_before / 2 and apart > 0.02 else 1)
