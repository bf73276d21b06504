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

With --widths (and --activations, --layers) it runs the experiments of `mnist-tutor sweep` instead: for every
activation and width, `--layers` hidden layers `Dense(width, activation=...)` each followed by `Dropout(0.2)`,
then `Dense(10)`; `fit` for --epochs, one model after another (each with TensorFlow's own threads), then the
test accuracy and the training accuracy with dropout off (`evaluate`), as the engine measures them. Each run's
seconds are its `fit` alone; `seconds` is the whole sweep's wall time, model building and evaluation included.
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
    parser.add_argument("--widths", help="sweep mode: hidden widths separated by commas, e.g. 16,32,64,128,256,512")
    parser.add_argument("--activations", default="relu", help="sweep mode: activations separated by commas")
    parser.add_argument("--layers", type=int, default=1, help="sweep mode: hidden layers per model")
    args = parser.parse_args()

    x_train, y_train, x_test, y_test = load(args.data, "keras_reference.py")
    x_train, x_test = x_train / 255.0, x_test / 255.0
    try:
        import tensorflow as tf
    except ImportError:
        sys.exit("keras_reference.py: TensorFlow is not installed for this Python; "
                 "`make bench-reference` installs it into .venv-bench (or: pip install tensorflow-cpu)")

    if args.widths:
        sweep(tf, args, x_train, y_train, x_test, y_test)
        return

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


def sweep(tf, args, x_train, y_train, x_test, y_test):
    """Every activation x width, one after another; prints one JSON object (or a table)."""
    started = time.perf_counter()
    runs = []
    for activation in args.activations.split(","):
        for width in [int(w) for w in args.widths.split(",")]:
            tf.keras.utils.set_random_seed(args.seed)
            layers = [tf.keras.Input(shape=(28, 28)), tf.keras.layers.Flatten()]
            for _ in range(args.layers):
                layers += [tf.keras.layers.Dense(width, activation=activation), tf.keras.layers.Dropout(0.2)]
            model = tf.keras.models.Sequential(layers + [tf.keras.layers.Dense(10)])
            model.compile(optimizer="adam",
                          loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                          metrics=["accuracy"])
            fit_start = time.perf_counter()
            model.fit(x_train, y_train, epochs=args.epochs, batch_size=32, verbose=0)
            seconds = time.perf_counter() - fit_start
            test_loss, test_accuracy = model.evaluate(x_test, y_test, verbose=0)
            _, train_accuracy = model.evaluate(x_train, y_train, verbose=0)
            runs.append({"hidden": [width] * args.layers, "activation": activation, "parameters": model.count_params(),
                         "seconds": seconds, "test_accuracy": float(test_accuracy), "test_loss": float(test_loss),
                         "train_accuracy": float(train_accuracy), "gap": float(train_accuracy - test_accuracy)})
            if not args.json:
                print(f"{width:5d} {activation:8s} {model.count_params():8d} params  test {test_accuracy:.4f}  "
                      f"train {train_accuracy:.4f}  {seconds:.1f} s", flush=True)
    result = {"tensorflow": tf.__version__, "epochs": args.epochs, "seconds": time.perf_counter() - started, "runs": runs}
    print(json.dumps(result) if args.json else f"Keras {tf.__version__}: {result['seconds']:.1f} s in all")


if __name__ == "__main__":
    main()
