#!/usr/bin/env bash
# Sets up the Python references `make bench` compares the engine with, in .venv-bench/ (kept out of git):
# NumPy (the same training loop by hand, Benchmarks/numpy_reference.py) and TensorFlow/Keras itself
# (Benchmarks/keras_reference.py). Only what is missing is installed. When it cannot be installed (no
# python3, no network), it says so and `make bench` still runs, printing "n/a" for that reference.
set -uo pipefail
venv=.venv-bench
python=${BENCH_PYTHON:-python3}

if [ ! -x "$venv/bin/python" ]; then
  if ! command -v "$python" >/dev/null 2>&1; then
    echo "bench: no $python here, so no NumPy or TensorFlow reference (set BENCH_PYTHON to a Python 3)" >&2
    exit 0
  fi
  if ! "$python" -m venv "$venv" >/dev/null 2>&1; then
    rm -rf "$venv"
    echo "bench: '$python -m venv' failed (on Debian: apt-get install python3-venv); references skipped" >&2
    exit 0
  fi
fi

want=()
"$venv/bin/python" -c "import numpy" 2>/dev/null || want+=(numpy)
"$venv/bin/python" -c "import tensorflow" 2>/dev/null || want+=(tensorflow-cpu)
[ ${#want[@]} -eq 0 ] && exit 0
echo "bench: installing ${want[*]} into $venv (once; about 30 s)"
if ! "$venv/bin/python" -m pip install -q --disable-pip-version-check "${want[@]}"; then
  echo "bench: could not install ${want[*]}; the references that need them print n/a" >&2
fi
exit 0
