#!/usr/bin/env python3
"""Writes the app's PNG icons (192 and 512 px) into a folder, drawn from the same design as
public/icon.svg, with nothing but the standard library (no image tools are needed on the machine)."""
import struct
import sys
import zlib
from pathlib import Path

BLUE = (0x29, 0x54, 0x7A)
PAPER = (0xF7, 0xF7, 0xF5)
GREEN = (0x2E, 0x8B, 0x57)


def pixel(x, y):
    # Coordinates in the SVG's 512-unit space.
    if not (20 <= x <= 492 and 20 <= y <= 492):
        return BLUE
    if 136 <= x <= 376 and 96 <= y <= 416:
        for top, width in ((160, 160), (214, 160), (268, 110)):
            if 176 <= x <= 176 + width and top <= y <= top + 20:
                return BLUE
        # the check mark: two thick strokes
        def near(ax, ay, bx, by):
            dx, dy = bx - ax, by - ay
            t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
            px, py = ax + t * dx, ay + t * dy
            return (x - px) ** 2 + (y - py) ** 2 <= 12 ** 2
        if near(196, 340, 226, 370) or near(226, 370, 288, 300):
            return GREEN
        return PAPER
    return BLUE


def png(size):
    rows = bytearray()
    for py in range(size):
        rows.append(0)
        for px in range(size):
            rows.extend(pixel((px + 0.5) * 512 / size, (py + 0.5) * 512 / size))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(bytes(rows), 9)) + chunk(b"IEND", b""))


def main():
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    out.mkdir(parents=True, exist_ok=True)
    for size in (192, 512):
        target = out / f"icon-{size}.png"
        if not target.exists():
            target.write_bytes(png(size))


if __name__ == "__main__":
    main()
