#!/usr/bin/env python3
"""Decodes a PNG (8-bit RGB or RGBA, no interlace: what Chromium writes) with the standard library only and prints its
size and the variance of its grey levels; exits 1 when the variance is below MIN (a blank page is one colour).
Usage: png_stats.py FILE MIN"""
import struct
import sys
import zlib


def pixels(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit(f"{path}: not a PNG")
    pos, idat, width, height, depth, colour = 8, b"", 0, 0, 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or colour not in (2, 6) or interlace:
                raise SystemExit(f"{path}: only 8-bit RGB or RGBA without interlace is read")
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * channels
    prev = bytearray(stride)
    grey = []
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
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
        prev = line
        if y % 4 == 0:  # every fourth row is plenty for a variance
            grey.extend((line[i] + line[i + 1] + line[i + 2]) // 3 for i in range(0, stride, channels * 4))
    return width, height, grey


width, height, grey = pixels(sys.argv[1])
mean = sum(grey) / len(grey)
variance = sum((g - mean) ** 2 for g in grey) / len(grey)
print(f"{sys.argv[1]}: {width} x {height}, grey mean {mean:.1f}, variance {variance:.1f}")
sys.exit(0 if variance >= float(sys.argv[2]) else 1)
