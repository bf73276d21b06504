#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages mnist-tutor needs, only those missing:
# with apt-get when root, through sudo otherwise, or prints the exact command when neither works.
set -euo pipefail
packages=(libncursesw5-dev libopenblas-dev zlib1g-dev libdeflate-dev libpng-dev tmux time)

if ! command -v swift >/dev/null 2>&1; then
  echo "mnist-tutor: 'swift' is not on PATH. Install Swift 6.0 or later (https://www.swift.org/install/) and try again." >&2
  exit 1
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "mnist-tutor: missing system packages (${missing[*]}) and no apt-get here." >&2
  echo "Install the equivalents of: ${missing[*]} with your system's package manager." >&2
  exit 1
fi

cmd="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y ${missing[*]}"
echo "mnist-tutor: installing ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
else
  echo "mnist-tutor: cannot install packages (not root, no password-less sudo). Run this, then try again:" >&2
  echo "  sudo sh -c '$cmd'" >&2
  exit 1
fi
