#!/usr/bin/env bash
# Installs what the playground needs and is missing, and nothing else: Debian packages (one
# `apt-get update` before an install, never when all are present) and the npm dev dependencies
# pinned in package-lock.json. Shared by ./run and ./test; safe to run again and again.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(cmake ccache g++ python3 emscripten libeigen3-dev nlohmann-json3-dev catch2
              libfast-float-dev libxxhash-dev zlib1g-dev libyaml-cpp-dev chromium)
[ "${1:-}" = "--test" ] || true

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)

if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing Debian packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# npm: install exactly the lock file when node_modules is absent or older than the lock.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "install-deps: installing npm dev dependencies (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi
