#!/usr/bin/env bash
# Installs what building and testing sts-grader needs, from Debian packages.
# Idempotent: installs only what is missing. (The testbed installs its own.)
set -euo pipefail
pkgs=(cmake ninja-build g++ pkg-config libcurl4-openssl-dev nlohmann-json3-dev
      libyaml-cpp-dev libboost-dev libboost-filesystem-dev googletest libgtest-dev ccache
      libcli11-dev)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "deps: installing ${missing[*]}" >&2
  # testbed/up may be installing its own packages at the same time: apt-install queues.
  bash "$(dirname "$0")/apt-install.sh" "${missing[@]}" >/dev/null
fi
