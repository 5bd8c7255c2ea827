#!/usr/bin/env bash
# Builds the native core, the mlplay CLI and its tests (build/native) and the wasm module with the
# page (build/wasm/web). Incremental: a second run rebuilds only what changed.
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS=${JOBS:-$(nproc)}
what=${1:-all}
if [ "$what" = all ] || [ "$what" = native ]; then
  [ -f build/native/CMakeCache.txt ] || cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build/native -j"$JOBS"
fi
if [ "$what" = all ] || [ "$what" = wasm ]; then
  # A cache made without emcmake would build native code here: start that folder afresh.
  grep -qs "Emscripten.cmake" build/wasm/CMakeCache.txt || { rm -rf build/wasm; emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release >/dev/null; }
  cmake --build build/wasm -j"$JOBS"
fi
