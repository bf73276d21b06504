#!/usr/bin/env python3
"""Writes the fuzzers' seed corpus (Fuzz/corpus) and the known bad inputs (Fuzz/crashers).

Seeds are small real files: the first MNIST test digits and labels from Assets/mnist (as IDX, raw
and gzipped, and as PGM and PNG pictures), weights in the safetensors layout this program and
Python's `safetensors` write, a saved progress.json, and the lessons themselves. Crashers are the
inputs of issue 11 that crashed, hung or ran away with memory, cut down to a few KB each.

Standard library only; run from anywhere: `python3 Fuzz/make-seeds.py`. The output is committed,
so this only needs running again to change the seeds.
"""
import gzip
import json
import os
import shutil
import struct
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FUZZ = os.path.join(ROOT, "Fuzz")


def write(kind, target, name, data):
    folder = os.path.join(FUZZ, kind, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def seed(target, name, data):
    write("corpus", target, name, data)


def crasher(target, name, data):
    write("crashers", target, name, data)


def gz(data, level=9):
    return gzip.compress(data, compresslevel=level, mtime=0)


# --- MNIST: the first test digits and labels -------------------------------------------------
with gzip.open(os.path.join(ROOT, "Assets/mnist/t10k-images-idx3-ubyte.gz")) as f:
    images = f.read(16 + 3 * 784)
with gzip.open(os.path.join(ROOT, "Assets/mnist/t10k-labels-idx1-ubyte.gz")) as f:
    labels = f.read(8 + 10)
digits = [images[16 + i * 784: 16 + (i + 1) * 784] for i in range(3)]


def idx(magic, dims, body):
    return struct.pack(">I", magic) + b"".join(struct.pack(">I", d) for d in dims) + body


two_images = idx(0x803, [2, 28, 28], digits[0] + digits[1])
ten_labels = idx(0x801, [10], labels[8:])
seed("idx", "images-2.idx", two_images)
seed("idx", "images-2.idx.gz", gz(two_images))
seed("idx", "labels-10.idx", ten_labels)
seed("idx", "labels-10.idx.gz", gz(ten_labels))
seed("idx", "images-2-two-members.gz", gz(two_images[:500]) + gz(two_images[500:]))
# F1: dimensions whose product overflows, raw and gzipped.
crasher("idx", "f1-overflow.idx", bytes.fromhex("00000803") + b"\xff" * 12)
crasher("idx", "f1-7fffffff.idx.gz", gz(bytes.fromhex("00000803 00000001 7fffffff 7fffffff")))
crasher("idx", "f1-labels-ffffffff.idx", bytes.fromhex("00000801 ffffffff"))
# F2: a gzip bomb behind a valid header (one 28x28 image, then 4 MiB of zeros).
crasher("idx", "f2-bomb.gz", gz(idx(0x803, [1, 28, 28], b"\0" * (4 << 20))))
# F3: a lying ISIZE trailer, a stream cut short, trailing garbage after the stream.
lying = bytearray(gz(two_images))
lying[-4:] = b"\xff\xff\xff\xff"
crasher("idx", "f3-isize.gz", bytes(lying))
crasher("idx", "f3-cut.gz", gz(two_images)[:-20])
crasher("idx", "f3-garbage-after.gz", gz(two_images) + b"garbage")
crasher("idx", "html.gz", b"<!DOCTYPE html><html><body>404 Not Found</body></html>\n")

# --- gzip alone ------------------------------------------------------------------------------
seed("gzip", "images-2.gz", gz(two_images))
seed("gzip", "text-fast.gz", gz(b"mnist-tutor " * 100, level=1))
seed("gzip", "two-members.gz", gz(b"first ") + gz(b"second"))
seed("gzip", "empty.gz", gz(b""))
crasher("gzip", "bomb-4MiB.gz", gz(b"\0" * (4 << 20)))
crasher("gzip", "isize.gz", bytes(lying))
crasher("gzip", "cut.gz", gz(two_images)[:-20])


# --- safetensors -----------------------------------------------------------------------------
def safetensors(tensors, metadata=None, spaces=False, extra=b""):
    """tensors: [(name, shape, [floats])] in file order; returns the file's bytes."""
    header, data, offset = {}, b"", 0
    if metadata is not None:
        header["__metadata__"] = metadata
    for name, shape, values in tensors:
        raw = struct.pack("<%df" % len(values), *values)
        header[name] = {"dtype": "F32", "shape": shape, "data_offsets": [offset, offset + len(raw)]}
        offset += len(raw)
        data += raw
    text = json.dumps(header, separators=(", ", ": ") if spaces else (",", ":")).encode()
    text += b" " * (-len(text) % 8)
    return struct.pack("<Q", len(text)) + text + data + extra


small = [("dense/kernel", [4, 3], [0.1 * (i - 5) for i in range(12)]), ("dense/bias", [3], [0.0, 0.1, -0.1]),
         ("dense_1/kernel", [3, 2], [0.5, -0.5, 0.25, -0.25, 1.0, -1.0]), ("dense_1/bias", [2], [0.0, 0.0])]
architecture = {"format": "mnist-tutor", "model": "flatten,dense,dropout,dense_1", "input_shape": "2,2", "units": "3,2",
                "activations": "relu,linear", "dropout": "0.5"}
seed("safetensors", "small-model.safetensors", safetensors(small, architecture))
seed("safetensors", "small-model-tanh.safetensors", safetensors(small, dict(architecture, activations="tanh,linear")))
seed("safetensors", "small-model-python-layout.safetensors", safetensors(list(reversed(small)), {"format": "pt"}, spaces=True))
seed("safetensors", "no-metadata.safetensors", safetensors(small))
# F4: finite weights that overflow float32 once multiplied and summed.
crasher("safetensors", "f4-kernel-3e38.safetensors",
        safetensors(small[:2] + [("dense_1/kernel", [3, 2], [3e38] * 6), small[3]]))
crasher("safetensors", "f4-bias-3e38.safetensors", safetensors(small[:3] + [("dense_1/bias", [2], [3e38, 3e38])]))
crasher("safetensors", "nan.safetensors", safetensors(small[:3] + [("dense_1/bias", [2], [float("nan"), 0.0])]))
# The smaller list: a size that wraps, a zero-size tensor, a fractional size, a number as an entry,
# a null header, bytes after the last tensor, tensors sharing bytes.


def raw_header(header_text, data=b""):
    header_text = header_text.encode()
    return struct.pack("<Q", len(header_text)) + header_text + data


crasher("safetensors", "shape-2p62.safetensors",
        raw_header('{"dense/kernel":{"dtype":"F32","shape":[4611686018427387904,4611686018427387904],"data_offsets":[0,0]}}'))
crasher("safetensors", "shape-zero.safetensors",
        raw_header('{"dense/kernel":{"dtype":"F32","shape":[0,128],"data_offsets":[0,0]},'
                   '"dense/bias":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}', b"\0" * 4))
crasher("safetensors", "shape-fraction.safetensors",
        raw_header('{"dense/bias":{"dtype":"F32","shape":[1.5],"data_offsets":[0,4]}}', b"\0" * 4))
crasher("safetensors", "shape-1e30.safetensors",
        raw_header('{"dense/bias":{"dtype":"F32","shape":[1e30],"data_offsets":[0,4]}}', b"\0" * 4))
crasher("safetensors", "entry-number.safetensors", raw_header('{"dense/bias":3}'))
crasher("safetensors", "header-null.safetensors", raw_header("null"))
crasher("safetensors", "trailing.safetensors", safetensors(small, extra=b"\0" * 64))
crasher("safetensors", "overlap.safetensors",
        raw_header('{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},'
                   '"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}', b"\0" * 8))
# Metadata describing a model the file's tensors cannot fill (a width of 10^8 allocated 400 MB before any
# check), a Dense layer first on 2-D inputs (a precondition), and a bias read as a width of 3000.
crasher("safetensors", "metadata-huge-units.safetensors", safetensors(small, dict(architecture, units="100000000,2")))
crasher("safetensors", "metadata-dense-first.safetensors", safetensors(small, dict(architecture, model="dense,dense_1", dropout="")))
crasher("safetensors", "metadata-other-input.safetensors", safetensors(small, dict(architecture, input_shape="28,28")))
crasher("safetensors", "metadata-input-overflow.safetensors",
        safetensors(small, dict(architecture, input_shape="4294967296,4294967296,4294967296")))
crasher("safetensors", "bias-as-width.safetensors", safetensors([("dense/kernel", [1, 1], [0.0]), ("dense/bias", [3000], [0.0] * 3000)]))
crasher("safetensors", "metadata-not-text.safetensors",
        raw_header('{"__metadata__":{"units":[3,2]},"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}', b"\0" * 4))
crasher("safetensors", "name-escapes.safetensors",
        raw_header('{"\\u001b]0;PWNED\\u0007\\n":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}', b"\0" * 4))


# --- pictures --------------------------------------------------------------------------------
def pgm_p5(pixels, width, height, maxval=255):
    body = bytes(pixels) if maxval < 256 else b"".join(struct.pack(">H", p * maxval // 255) for p in pixels)
    return b"P5\n# a test digit\n%d %d\n%d\n" % (width, height, maxval) + body


def pgm_p2(pixels, width, height):
    rows = [" ".join(str(p) for p in pixels[y * width:(y + 1) * width]) for y in range(height)]
    return b"P2\n# a comment\n%d  # width\n%d\n255\n" % (width, height) + "\n".join(rows).encode() + b"\n"


seed("pgm", "digit-p5.pgm", pgm_p5(digits[0], 28, 28))
seed("pgm", "digit-p5-16bit.pgm", pgm_p5(digits[1], 28, 28, 65535))
seed("pgm", "digit-p2.pgm", pgm_p2(digits[2], 28, 28))
seed("pgm", "dark-on-light-p5.pgm", pgm_p5([255 - p for p in digits[0]], 28, 28))
# F11: escape sequences and newlines where the header's numbers belong.
crasher("pgm", "f11-escapes.pgm", b"P5\n\x1b]0;PWNED\x07\x1b[2J 28 28\n255\n")
crasher("pgm", "f11-newlines.pgm", b"P2\n2 2\n255\n1\n2\nthree\nfour\n")
crasher("pgm", "huge-header.pgm", b"P5\n100000 100000\n255\n")
crasher("pgm", "maxval-zero.pgm", b"P5 28 28 0\n" + b"\0" * 784)
crasher("pgm", "cut.pgm", pgm_p5(digits[0], 28, 28)[:400])


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)


def png(width, height, color_type, rows, depth=8, palette=None, trns=None):
    """rows: the raw bytes of each row (without the filter byte)."""
    out = b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, depth, color_type, 0, 0, 0))
    if palette:
        out += png_chunk(b"PLTE", palette)
    if trns:
        out += png_chunk(b"tRNS", trns)
    out += png_chunk(b"IDAT", zlib.compress(b"".join(b"\0" + r for r in rows), 9))
    return out + png_chunk(b"IEND", b"")


d = digits[0]
gray_rows = [d[y * 28:(y + 1) * 28] for y in range(28)]
seed("png", "digit-gray.png", png(28, 28, 0, gray_rows))
seed("png", "digit-rgb.png", png(28, 28, 2, [bytes(v for p in r for v in (p, p, p)) for r in gray_rows]))
seed("png", "digit-gray-alpha.png", png(28, 28, 4, [bytes(v for p in r for v in (p, 255)) for r in gray_rows]))
# Black ink on a transparent background: the shape is in the alpha channel (composited on white).
seed("png", "black-on-transparent.png", png(28, 28, 6, [bytes(v for p in r for v in (0, 0, 0, p)) for r in gray_rows]))
seed("png", "palette.png", png(28, 28, 3, [bytes(p // 16 for p in r) for r in gray_rows],
                                palette=b"".join(bytes((i * 17,) * 3) for i in range(16))))
seed("png", "gray-1bit.png", png(32, 2, 0, [b"\xf0\x0f\xff\x00", b"\x0f\xf0\x00\xff"], depth=1))
seed("png", "gray-16bit.png", png(2, 2, 0, [b"\x00\x00\xff\xff", b"\xff\xff\x00\x00"], depth=16))
crasher("png", "five-bytes.png", b"\x89PNG\r")
crasher("png", "claims-60000x60000.png", png(60000, 60000, 0, [b"\0" * 8]))
crasher("png", "claims-16mp-1bit.png", png(4000, 4000, 0, [b"\0" * 500], depth=1))
crasher("png", "cut-idat.png", png(28, 28, 0, gray_rows)[:120])

# --- progress.json ---------------------------------------------------------------------------
progress = {"answers": {"digits": {"correct": True, "response": "150"}, "network": {"correct": False, "response": "b"}},
            "currentLesson": "dropout", "format": "mnist-tutor progress", "lessonsDone": ["digits", "network", "summary"],
            "model": {"kind": "own", "path": "/home/learner/.local/state/mnist-tutor/models/model-2026-01-01T000000.safetensors"},
            "version": 1}
seed("progress", "progress.json", (json.dumps(progress, indent=2, sort_keys=True) + "\n").encode())
seed("progress", "fresh.json", b'{"format":"mnist-tutor progress","version":1,"lessonsDone":[],"answers":{},"model":{"kind":"pretrained"}}')
seed("progress", "foreign.json", b'{"name": "something else", "version": 3}')
seed("progress", "newer.json", b'{"format":"mnist-tutor progress","version":99}')
crasher("progress", "cut.json", b'{"format": "mnist-tutor progress", "version": 1, "lessonsDo')
crasher("progress", "deep.json", b"[" * 5000 + b"]" * 5000)
crasher("progress", "version-huge.json", b'{"format":"mnist-tutor progress","version":1e400}')
crasher("progress", "escapes.json", b'{"format":"mnist-tutor progress","version":1,"currentLesson":"\\u001b[2J\\n"}')

# --- lessons ---------------------------------------------------------------------------------
lessons = os.path.join(ROOT, "Lessons")
for name in sorted(os.listdir(lessons)):
    if name.endswith(".md") and name != "README.md":
        with open(os.path.join(lessons, name), "rb") as f:
            seed("lesson", name, f.read())
crasher("lesson", "no-closing.md", b"---\nid: dropout\ntitle: x\n")
crasher("lesson", "escapes.md", b"---\nid: dropout\n\x1b]0;PWNED\x07: x\n---\n")
crasher("lesson", "crlf-and-empty.md", b"---\r\nid: dropout\r\ntitle:\r\n---\r\n")
crasher("lesson", "only-dashes.md", b"---\n---\n---\n")
print("seeds written under", FUZZ)
