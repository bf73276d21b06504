"""The MNIST files for the Python references: find them in a folder and read them (gzip or raw IDX)."""
import gzip
import os
import sys

import numpy as np


def read_idx(path):
    """An IDX file as a uint8 array of its stated shape."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, np.uint8, offset=4 + 4 * dims).reshape(shape)


def load(directory, script):
    """(x_train, y_train, x_test, y_test) as uint8 arrays; exits naming `script` when a file is missing."""
    def find(stem):
        for name in (stem + ".gz", stem):
            if os.path.exists(os.path.join(directory, name)):
                return os.path.join(directory, name)
        sys.exit(f"{script}: {directory}: no {stem}[.gz]; pass --data DIR holding the four MNIST files")
    return tuple(read_idx(find(stem)) for stem in ("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                                                    "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"))
