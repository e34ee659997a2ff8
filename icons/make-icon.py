#!/usr/bin/env python3
"""Draws the Ironkeep source icon (icons/icon-source.png, 1024x1024) with no dependencies.

A barbell on a dark rounded square, anti-aliased with signed distances. Regenerate the
platform icon set from it with `npx tauri icon ../icons/icon-source.png -o ../icons`
(run from ui/).
"""
import struct
import sys
import zlib

SIZE = 1024


def rounded_rect(px, py, cx, cy, hw, hh, r):
    """Signed distance from (px, py) to a rounded rectangle centred on (cx, cy)."""
    qx = abs(px - cx) - hw + r
    qy = abs(py - cy) - hh + r
    outside = (max(qx, 0.0) ** 2 + max(qy, 0.0) ** 2) ** 0.5
    return outside + min(max(qx, qy), 0.0) - r


def coverage(d):
    return min(max(0.5 - d, 0.0), 1.0)


BACKGROUND = (0x1E, 0x29, 0x3B)
BAR = (0xE2, 0xE8, 0xF0)
PLATE = (0xF5, 0x9E, 0x0B)

# (centre x, centre y, half width, half height, corner radius, colour)
SHAPES = [
    (512, 512, 330, 22, 10, BAR),
    (300, 512, 34, 190, 16, PLATE),
    (724, 512, 34, 190, 16, PLATE),
    (236, 512, 24, 130, 12, PLATE),
    (788, 512, 24, 130, 12, PLATE),
]


def pixel(x, y):
    px, py = x + 0.5, y + 0.5
    alpha = coverage(rounded_rect(px, py, 512, 512, 472, 472, 190))
    if alpha == 0.0:
        return (0, 0, 0, 0)
    r, g, b = BACKGROUND
    for cx, cy, hw, hh, rad, colour in SHAPES:
        c = coverage(rounded_rect(px, py, cx, cy, hw, hh, rad))
        if c:
            r = r + (colour[0] - r) * c
            g = g + (colour[1] - g) * c
            b = b + (colour[2] - b) * c
    return (round(r), round(g), round(b), round(alpha * 255))


def main(path):
    rows = bytearray()
    for y in range(SIZE):
        rows.append(0)  # PNG filter type: none
        for x in range(SIZE):
            rows.extend(pixel(x, y))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
    png += chunk(b"IDAT", zlib.compress(bytes(rows), 9)) + chunk(b"IEND", b"")
    with open(path, "wb") as out:
        out.write(png)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "icon-source.png")
