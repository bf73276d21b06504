#!/usr/bin/env python3
"""TensorFlow/Keras reference for mnist-bench: the beginner article's model trained by Keras itself.

    model = Sequential([Flatten(input_shape=(28, 28)), Dense(128, activation='relu'), Dropout(0.2), Dense(10)])
    model.compile(optimizer='adam', loss=SparseCategoricalCrossentropy(from_logits=True), metrics=['accuracy'])
    model.fit(x_train, y_train, epochs=N)          # batch 32, shuffled, as in the article
    model.evaluate(x_test, y_test)

The data comes from the project's Assets/mnist (no download). Each epoch is timed by a callback; the result is
the best epoch (the first one also traces and compiles the graph), as for the engine and the NumPy loop.
TensorFlow keeps its default threading (it uses both cores here); progress printing is off so that it is not
timed. Prints one JSON object with --json, a line otherwise.
"""
import argparse
import gzip
import json
import os
import sys
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # no start-up banner on stderr


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(dims)]
    import numpy as np
    return np.frombuffer(data, np.uint8, offset=4 + 4 * dims).reshape(shape)


def find(directory, stem):
    for name in (stem + ".gz", stem):
        if os.path.exists(os.path.join(directory, name)):
            return os.path.join(directory, name)
    sys.exit(f"keras_reference.py: {directory}: no {stem}[.gz]; pass --data DIR holding the four MNIST files")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=os.path.join(os.path.dirname(__file__), "..", "Assets", "mnist"))
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    try:
        import tensorflow as tf
    except ImportError:
        sys.exit("keras_reference.py: TensorFlow is not installed for this Python; "
                 "`make bench-reference` installs it into .venv-bench (or: pip install tensorflow-cpu)")

    x_train = read_idx(find(args.data, "train-images-idx3-ubyte")) / 255.0
    y_train = read_idx(find(args.data, "train-labels-idx1-ubyte"))
    x_test = read_idx(find(args.data, "t10k-images-idx3-ubyte")) / 255.0
    y_test = read_idx(find(args.data, "t10k-labels-idx1-ubyte"))

    tf.keras.utils.set_random_seed(args.seed)
    model = tf.keras.models.Sequential([
        tf.keras.Input(shape=(28, 28)),
        tf.keras.layers.Flatten(),
        tf.keras.layers.Dense(128, activation="relu"),
        tf.keras.layers.Dropout(0.2),
        tf.keras.layers.Dense(10),
    ])
    model.compile(optimizer="adam",
                  loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                  metrics=["accuracy"])

    class EpochTimer(tf.keras.callbacks.Callback):
        def __init__(self):
            super().__init__()
            self.seconds = []

        def on_epoch_begin(self, epoch, logs=None):
            self.start = time.perf_counter()

        def on_epoch_end(self, epoch, logs=None):
            self.seconds.append(time.perf_counter() - self.start)

    timer = EpochTimer()
    model.fit(x_train, y_train, epochs=args.epochs, batch_size=32, verbose=0, callbacks=[timer])
    loss, accuracy = model.evaluate(x_test, y_test, verbose=0)
    result = {
        "tensorflow": tf.__version__,
        "epoch_seconds": timer.seconds,
        "seconds_per_epoch": min(timer.seconds),
        "test_accuracy": float(accuracy),
        "test_loss": float(loss),
    }
    print(json.dumps(result) if args.json else
          f"Keras {tf.__version__}: {result['seconds_per_epoch']:.3f} s per epoch (best of {args.epochs}), "
          f"test accuracy {accuracy:.4f}")


if __name__ == "__main__":
    main()
