#!/usr/bin/env bash
# Fuzzes the submission reader with libFuzzer (ASan + UBSan) for SECONDS
# (default 600), then merges what it found into the committed corpus.
#   scripts/fuzz.sh [SECONDS]
# Installs clang-14 and its fuzzer runtime from Debian packages if missing,
# builds in build-fuzz/ (STS_FUZZ=ON). New inputs go to a scratch folder and
# are merged (-merge=1) into tests/fuzz/corpus/manifest, which keeps only the
# inputs that add coverage. A crash leaves crash-*/timeout-*/oom-* in
# build-fuzz/artifacts/ and exits non-zero; replay one with
#   build-fuzz/tests/fuzz/manifest_fuzzer FILE
set -euo pipefail
seconds=${1:-600}
root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/build-fuzz"
corpus="$root/tests/fuzz/corpus/manifest"

bash "$root/scripts/deps.sh"
pkgs=(clang-14 libclang-rt-14-dev)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "fuzz: installing ${missing[*]}" >&2
  bash "$root/scripts/apt-install.sh" "${missing[@]}" >/dev/null
fi

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSTS_E2E=OFF \
  -DSTS_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++-14 >/dev/null
nice ninja -C "$build" -j2 manifest_fuzzer >&2
fuzzer="$build/tests/fuzz/manifest_fuzzer"

scratch=$(mktemp -d "${TMPDIR:-/tmp}/sts-fuzz.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$build/artifacts"
# One fuzzing process, no -jobs/-workers (2 cores shared with others). Reads
# the committed corpus, writes new inputs only to the scratch folder (the
# first folder). A hang is > 10 s on one input.
cd "$build"
status=0
nice "$fuzzer" "$scratch" "$corpus" -max_total_time="$seconds" -max_len=4096 -timeout=10 \
  -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$build/artifacts/" \
  2>&1 | tee "$build/fuzz.log" >&2 || status=${PIPESTATUS[0]}

# Add to the committed corpus only the new inputs that add coverage.
before=$(ls "$corpus" | wc -l)
"$fuzzer" -merge=1 -max_len=4096 -timeout=10 -rss_limit_mb=2048 "$corpus" "$scratch" \
  >"$build/merge.log" 2>&1 || { cat "$build/merge.log" >&2; exit 1; }
after=$(ls "$corpus" | wc -l)
echo "fuzz: corpus $before -> $after files, $(du -sh --apparent-size "$corpus" | cut -f1)" >&2
grep -E '^#[0-9]+.*(DONE|pulse)' "$build/fuzz.log" | tail -1 >&2 || true
exit "$status"
