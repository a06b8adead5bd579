#!/usr/bin/env bash
# Builds sts-grader into build/ (Release with debug info).
#   scripts/build.sh              everything: the binary, unit tests, fuzz corpus replay
#   scripts/build.sh sts-grader   only the named ninja targets (what grade-example needs)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
export STS_T0=${STS_T0:-$(date +%s)}
log() { printf 'build: [%5ss] %s\n' "$(($(date +%s) - STS_T0))" "$*" >&2; }
bash "$root/scripts/deps.sh"
log "configuring (cmake)"
cmake -S "$root" -B "$root/build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
log "compiling ${*:-every target} (ninja)"
ninja -C "$root/build" "$@" >&2
log "built ${*:-every target}"
