#!/usr/bin/env bash
# Installs, from Debian packages, whatever chainrule needs that is missing.
# Run as root on Debian 12 (bookworm); a no-op when everything is there.
set -euo pipefail

packages=(
  clang-19 llvm-19-dev libclang-19-dev llvm-19-tools libclang-rt-19-dev
  g++ cmake ninja-build python3
  googletest libgtest-dev libbenchmark-dev
  libhwy-dev libopenblas-dev pkg-config
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "chainrule: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
