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
import json
import os
import sys
import time

from mnist_files import load

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # no start-up banner on stderr


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=os.path.join(os.path.dirname(__file__), "..", "Assets", "mnist"))
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    x_train, y_train, x_test, y_test = load(args.data, "keras_reference.py")
    x_train, x_test = x_train / 255.0, x_test / 255.0
    try:
        import tensorflow as tf
    except ImportError:
        sys.exit("keras_reference.py: TensorFlow is not installed for this Python; "
                 "`make bench-reference` installs it into .venv-bench (or: pip install tensorflow-cpu)")

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
