#!/usr/bin/env bash
# Installs the Debian 12 packages pairinfo needs to build and test. Safe to run again.
set -euo pipefail
packages=(
  cmake ninja-build g++ pkg-config catch2                                   # build
  libcli11-dev nlohmann-json3-dev libfmt-dev libutf8proc-dev libsqlite3-dev   # libraries
  sqlite3                                                                   # tests of the export
  jq python3 python3-jsonschema                                             # tests
  scdoc mandoc man-db lintian dpkg-dev file bash-completion zsh fish        # man page, .deb, completions
  clang libclang-rt-14-dev                                                  # fuzzing
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
