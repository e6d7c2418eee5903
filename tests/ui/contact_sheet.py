#!/usr/bin/env python3
"""A contact sheet of a folder's screenshots, each with its name, for looking
at every screen of one size, language and setting at once."""
import os
import sys

from PIL import Image, ImageDraw

folder, out = sys.argv[1], sys.argv[2]
names = sorted(n for n in os.listdir(folder) if n.endswith(".png"))
if not names:
    sys.exit(0)
shots = [Image.open(os.path.join(folder, n)).convert("RGB") for n in names]
w, h = shots[0].size
scale = min(1.0, 800 / max(w, h))  # a shot at most 800 px: text still readable
tw, th = int(w * scale), int(h * scale)
cols = 3 if w >= h else 5
rows = (len(shots) + cols - 1) // cols
sheet = Image.new("RGB", (cols * (tw + 8), rows * (th + 24)), (90, 90, 90))
draw = ImageDraw.Draw(sheet)
for i, (name, im) in enumerate(zip(names, shots)):
    x, y = (i % cols) * (tw + 8), (i // cols) * (th + 24)
    sheet.paste(im.resize((tw, th)), (x, y + 20))
    draw.text((x + 4, y + 4), name[:-4], fill=(255, 255, 255))
sheet.save(out)
