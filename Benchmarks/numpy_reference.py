#!/usr/bin/env python3
"""NumPy reference for mnist-bench: the article's training loop written by hand with NumPy (OpenBLAS GEMMs).

Same model and settings as the engine: Flatten -> Dense(128, relu) -> Dropout(0.2) -> Dense(10), Glorot-uniform
kernels, zero biases, SparseCategoricalCrossentropy(from_logits=True), Adam with Keras's defaults and update rule,
batch 32, shuffled every epoch, float32 throughout. Prints one JSON object (or a table without --json).
"""
import argparse
import json
import os
import time


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", default=os.path.join(os.path.dirname(__file__), "..", "Assets", "mnist"))
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--dropout", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--blas-threads", type=int, default=1, help="OpenBLAS threads (default 1)")
    return parser.parse_args()


# OpenBLAS's own threads cost far more than they save on 32-row products (on the 2-core machine an epoch took
# 26.8 s with its default threading against 0.9 s with one thread), so the reference uses one, like the engine.
# The arguments are read first because the thread count must be set before NumPy loads OpenBLAS.
ARGS = parse_args()
os.environ["OPENBLAS_NUM_THREADS"] = str(ARGS.blas_threads)

import numpy as np  # noqa: E402

from mnist_files import load  # noqa: E402


def glorot(rng, fan_in, fan_out):
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-limit, limit, (fan_in, fan_out)).astype(np.float32)


def main():
    args = ARGS
    x_train, y_train, x_test, y_test = load(args.data, "numpy_reference.py")
    x_train = x_train.reshape(-1, 784).astype(np.float32) / 255
    y_train = y_train.astype(np.int64)
    x_test = x_test.reshape(-1, 784).astype(np.float32) / 255
    y_test = y_test.astype(np.int64)

    rng = np.random.default_rng(args.seed)
    params = [glorot(rng, 784, 128), np.zeros(128, np.float32), glorot(rng, 128, 10), np.zeros(10, np.float32)]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    lr, b1, b2, eps = np.float32(0.001), np.float32(0.9), np.float32(0.999), np.float32(1e-7)
    rate = np.float32(args.dropout)
    keep_scale = np.float32(1 / (1 - rate))
    n, bs = len(x_train), args.batch_size
    step = 0
    epoch_seconds = []
    for epoch in range(args.epochs):
        start = time.perf_counter()
        order = rng.permutation(n)
        loss_sum, correct = 0.0, 0
        for first in range(0, n, bs):
            idx = order[first:first + bs]
            x, y = x_train[idx], y_train[idx]
            rows = len(idx)
            w1, c1, w2, c2 = params
            z1 = x @ w1 + c1
            a1 = np.maximum(z1, 0)
            mask = (rng.random(a1.shape, dtype=np.float32) >= rate) * keep_scale
            d1 = a1 * mask
            logits = d1 @ w2 + c2
            shifted = logits - logits.max(axis=1, keepdims=True)
            exp = np.exp(shifted)
            total = exp.sum(axis=1, keepdims=True)
            loss_sum += float((np.log(total[:, 0]) - shifted[np.arange(rows), y]).sum())
            correct += int((logits.argmax(axis=1) == y).sum())
            dlogits = exp / total
            dlogits[np.arange(rows), y] -= 1
            dlogits /= rows
            grads = [None, None, d1.T @ dlogits, dlogits.sum(axis=0)]
            dz1 = (dlogits @ w2.T) * mask * (z1 > 0)
            grads[0] = x.T @ dz1
            grads[1] = dz1.sum(axis=0)
            step += 1
            alpha = lr * np.sqrt(1 - b2 ** step) / (1 - b1 ** step)
            for p, g, mi, vi in zip(params, grads, m, v):
                mi += (g - mi) * (1 - b1)
                vi += (g * g - vi) * (1 - b2)
                p -= (mi * alpha) / (np.sqrt(vi) + eps)
        epoch_seconds.append(time.perf_counter() - start)
        if not args.json:
            print(f"epoch {epoch + 1}: {epoch_seconds[-1]:.3f} s  loss {loss_sum / n:.4f}  accuracy {correct / n:.4f}")

    w1, c1, w2, c2 = params
    test_logits = np.maximum(x_test @ w1 + c1, 0) @ w2 + c2
    accuracy = float((test_logits.argmax(axis=1) == y_test).mean())
    best = min(epoch_seconds)
    result = {"seconds_per_epoch": best, "images_per_second": n / best, "test_accuracy": accuracy,
              "epochs": args.epochs, "numpy": np.__version__,
              "blas_threads": int(os.environ.get("OPENBLAS_NUM_THREADS", "0"))}
    print(json.dumps(result) if args.json else f"NumPy: {best:.3f} s per epoch, test accuracy {accuracy:.4f}")


if __name__ == "__main__":
    main()
