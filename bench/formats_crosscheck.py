"""Independent reading of the shared reader test files, for the expected values in ImageFilesTest.

Usage: formats_crosscheck.py [DATA_DIR] | --written FILE.tif...  (the second form checks TIFFs written by
`atomfinder convert` as ImageJ would read them). Run with /usr/bin/python3 (numpy; h5py and tifffile from Debian's python3-h5py / python3-tifffile).
DM3/DM4, SER and MRC are parsed here by hand with struct/numpy from the format descriptions, TIFF with
tifffile, EMD with h5py; none of it shares code with the Java readers.
"""
import json
import struct
import sys
from pathlib import Path

import numpy as np

DATA = Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data")
SIZES = {2: ("h", 2), 3: ("i", 4), 4: ("H", 2), 5: ("I", 4), 6: ("f", 4), 7: ("d", 8), 8: ("B", 1),
         9: ("b", 1), 10: ("B", 1), 11: ("q", 8), 12: ("Q", 8)}
NP = {2: "i2", 3: "i4", 4: "u2", 5: "u4", 6: "f4", 7: "f8", 8: "u1", 9: "i1", 10: "u1", 11: "i8", 12: "u8"}


def dm(path):
    b = path.read_bytes()
    ver = struct.unpack(">i", b[:4])[0]
    isz, fmt = (8, ">Q") if ver == 4 else (4, ">I")
    pos = 16 if ver == 4 else 12
    tags = {}

    def group(pos, prefix):
        pos += 2
        n = struct.unpack(fmt, b[pos:pos + isz])[0]
        pos += isz
        for i in range(n):
            kind = b[pos]
            ln = struct.unpack(">H", b[pos + 1:pos + 3])[0]
            name = b[pos + 3:pos + 3 + ln].decode("latin1") or f"[{i}]"
            pos += 3 + ln + (8 if ver == 4 else 0)
            path = prefix + "/" + name if prefix else name
            if kind == 20:
                pos = group(pos, path)
            else:
                pos += 4
                ninfo = struct.unpack(fmt, b[pos:pos + isz])[0]
                info = [struct.unpack(fmt, b[pos + isz * (k + 1):pos + isz * (k + 2)])[0] for k in range(ninfo)]
                pos += isz * (ninfo + 1)
                t = info[0]
                if t == 20:
                    et = info[1]
                    if et == 15:
                        size = sum(SIZES[info[5 + 2 * f]][1] for f in range(info[3]))
                    else:
                        size = SIZES[et][1]
                        tags[path] = ("array", pos, et, info[-1])
                    pos += size * info[-1]
                elif t == 15:
                    pos += sum(SIZES[info[4 + 2 * f]][1] for f in range(info[2]))
                elif t == 18:
                    pos += 2 * info[1]
                else:
                    f, s = SIZES[t]
                    tags[path] = struct.unpack("<" + f, b[pos:pos + s])[0]
                    pos += s
        return pos

    group(pos, "")
    images = sorted({k[:-len("/ImageData/Data")] for k in tags if k.endswith("/ImageData/Data")})
    if len(images) > 1:
        images = images[1:]
    for im in images:
        dims = [tags[f"{im}/ImageData/Dimensions/[{d}]"] for d in range(4) if f"{im}/ImageData/Dimensions/[{d}]" in tags]
        _, off, et, count = tags[im + "/ImageData/Data"]
        arr = np.frombuffer(b, dtype="<" + NP[et], count=count, offset=off).reshape(dims[::-1])

        def unit(d):
            v = tags.get(f"{im}/ImageData/Calibrations/Dimension/[{d}]/Units")
            if isinstance(v, tuple):
                return np.frombuffer(b, "<u2", v[3], v[1]).tobytes().decode("utf-16-le")
            return ""

        scales = [(tags.get(f"{im}/ImageData/Calibrations/Dimension/[{d}]/Scale"), unit(d)) for d in range(len(dims))]
        report(path, arr, scales)


def report(path, arr, scales):
    a = arr.reshape((-1,) + arr.shape[-2:]) if arr.ndim >= 2 else arr
    ny, nx = (a.shape[-2], a.shape[-1]) if arr.ndim >= 2 else (0, 0)
    vals = ""
    if arr.ndim >= 2:
        vals = f"f0[0,0]={a[0,0,0]!r} f0[{ny//2},{nx//3}]={a[0,ny//2,nx//3]!r} flast[{ny-1},{nx-1}]={a[-1,ny-1,nx-1]!r}"
    print(f"{path.relative_to(DATA)}: shape={arr.shape} dtype={arr.dtype} scales={scales} {vals}")


def ser(path):
    b = path.read_bytes()
    version = struct.unpack("<H", b[4:6])[0]
    valid = struct.unpack("<I", b[18:22])[0]
    wide = version >= 0x220
    oa = struct.unpack("<Q" if wide else "<I", b[22:30 if wide else 26])[0]
    offsets = np.frombuffer(b, "<u8" if wide else "<u4", valid, oa)
    frames = []
    for o in offsets:
        o = int(o)
        dx = struct.unpack("<d", b[o + 8:o + 16])[0]
        dy = struct.unpack("<d", b[o + 28:o + 36])[0]
        dt = struct.unpack("<H", b[o + 40:o + 42])[0]
        sx, sy = struct.unpack("<ii", b[o + 42:o + 50])
        typ = {1: "u1", 2: "<u2", 3: "<u4", 4: "i1", 5: "<i2", 6: "<i4", 7: "<f4", 8: "<f8"}[dt]
        frames.append(np.frombuffer(b, typ, sx * sy, o + 50).reshape(sy, sx))
    report(path, np.array(frames), [(dy, "m"), (dx, "m")])


def mrc(path):
    b = path.read_bytes()
    nx, ny, nz, mode = struct.unpack("<4i", b[:16])
    mx, my = struct.unpack("<2i", b[28:36])
    cx, cy = struct.unpack("<2f", b[40:48])
    ext = struct.unpack("<i", b[92:96])[0]
    typ = {0: "i1", 1: "<i2", 2: "<f4", 6: "<u2"}[mode]
    arr = np.frombuffer(b, typ, nx * ny * nz, 1024 + ext).reshape(nz, ny, nx)
    report(path, arr, [(cy / my, "A"), (cx / mx, "A")])


def tiff(path):
    import tifffile
    with tifffile.TiffFile(path) as t:
        arr = t.asarray()
        page = t.pages[0]
        tags = {tag.code: tag.value for tag in page.tags.values()}
        xr = tags.get(282)
        desc = tags.get(270, "")
        dm = (tags.get(65009), tags.get(65012))
    report(path, arr, [("xres", xr, "desc", desc[:40], "dm", dm)])


def emd(path):
    import h5py
    with h5py.File(path, "r") as h:
        if "Data" in h:
            for key, g in h["Data/Image"].items():
                m = json.loads(g["Metadata"][:, 0].tobytes().rstrip(b"\0").decode())
                arr = np.moveaxis(g["Data"][()], -1, 0)
                ps = m["BinaryResult"]["PixelSize"]
                report(path, arr, [(ps["height"], m["BinaryResult"]["PixelUnitY"]), (ps["width"], m["BinaryResult"]["PixelUnitX"])])
        else:
            g = h["data/single"]
            d1, d2 = g["dim1"][()], g["dim2"][()]
            report(path, g["data"][()], [(float(d1[1] - d1[0]), g["dim1"].attrs["units"]), (float(d2[1] - d2[0]), g["dim2"].attrs["units"])])


def written_tiff(path):
    """Checks a TIFF from `atomfinder convert` the way ImageJ sees it: ImageJ metadata and pixels per unit."""
    import tifffile
    with tifffile.TiffFile(path) as t:
        num, den = t.pages[0].tags["XResolution"].value
        meta = t.imagej_metadata
        print(f"{path}: imagej={t.is_imagej} unit={meta.get('unit')} shape={t.asarray().shape} "
              f"dtype={t.asarray().dtype} pixel={den / num} {meta.get('unit')}")


if len(sys.argv) > 2 and sys.argv[1] == "--written":
    for name in sys.argv[2:]:
        written_tiff(Path(name))
    sys.exit(0)

for f in sorted(DATA.glob("formats/*/*")) + sorted(DATA.glob("graphene-hrtem/*")):
    suffix = f.suffix.lower()
    try:
        {".dm3": dm, ".dm4": dm, ".ser": ser, ".mrc": mrc, ".tif": tiff, ".emd": emd}.get(suffix, lambda p: None)(f)
    except Exception as e:  # report and go on: some files (spectra) are expected to have no image
        print(f"{f.relative_to(DATA)}: {type(e).__name__}: {e}")
