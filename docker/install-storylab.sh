#!/usr/bin/env bash
# Builds StoryLab, warms it up (class-data archive, PyTorch natives unpacked, Maven artifacts cached) and
# installs the kernelspec — so that nothing is downloaded later. The Dockerfile runs this; it works the
# same on a plain Debian/Ubuntu machine with a JDK 17+:  docker/install-storylab.sh [--prefix DIR]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$HERE"

./mvnw -B -q -DskipTests package
# Everything the build and the tests resolve, so `mvnw -o` works offline afterwards.
./mvnw -B -q dependency:go-offline >/dev/null
./storylab version
# One quick headless run unpacks the PyTorch natives from their jar into ~/.djl.ai and checks the lab works.
out="$(mktemp -d)"
./storylab run notebooks/00-quickstart.ipynb -o "$out/quickstart.ipynb" >/dev/null
rm -rf "$out"
./storylab install "${@:---user}"
