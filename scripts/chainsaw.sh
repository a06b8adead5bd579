#!/usr/bin/env bash
# Prints the path of the pinned chainsaw binary (Kyverno Chainsaw, tools/chainsaw/go.mod
# + go.sum), building it first when the cache has none. Only the benchmark uses it
# (scripts/bench.sh --chainsaw runs bench/chainsaw/); no test does.
# Cached outside the repo like helm (scripts/helm.sh):
# $STS_GRADER_CACHE (default /var/cache/sts-grader)/chainsaw-<key>/chainsaw, the key
# hashing go.mod, go.sum, this script, the Go version and the machine.
# Built with the Go toolchain v0.2.12 was released for (go1.23.12, which the go
# command fetches through the module proxy once), not with the machine's Go.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
mod=$root/tools/chainsaw
cache=${STS_GRADER_CACHE:-/var/cache/sts-grader}
export STS_T0=${STS_T0:-$(date +%s)}
log() { printf 'chainsaw: [%5ss] %s\n' "$(($(date +%s) - STS_T0))" "$*" >&2; }

command -v go >/dev/null || { log "ERROR: Go not found (the machine image provides it)"; exit 1; }
export GOTOOLCHAIN=go1.23.12
# The first call downloads the toolchain; its "go: downloading" line goes to stderr.
goversion=$(go env GOVERSION) || { log "ERROR: cannot get the Go toolchain $GOTOOLCHAIN"; exit 1; }
key=$( (cat "$mod/go.mod" "$mod/go.sum" "$0"; echo "$goversion"; uname -m) | sha256sum | cut -c1-16)
out=$cache/chainsaw-$key
[[ -x $out/chainsaw ]] && { echo "$out/chainsaw"; exit 0; }

mkdir -p "$cache"
# One build at a time: two benchmarks may ask for chainsaw at once.
exec 8>"$cache/.chainsaw.lock"
flock -w 1800 8 || { log "ERROR: another build holds $cache/.chainsaw.lock"; exit 1; }
[[ -x $out/chainsaw ]] && { echo "$out/chainsaw"; exit 0; }

tmp=$(mktemp -d "$cache/.chainsaw-build.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
version=$(awk '$1 == "require" && $2 == "github.com/kyverno/chainsaw" {print $3}' "$mod/go.mod")
log "building chainsaw $version with $goversion into $out (cold: 10+ minutes on 2 cores)"
start_s=$SECONDS
# The module pins the dependencies; -mod=readonly refuses to change them. The
# version ldflag makes `chainsaw version` report the pinned tag.
(cd "$mod" && CGO_ENABLED=0 GOFLAGS=-mod=readonly \
  go build -trimpath -ldflags "-s -w -X github.com/kyverno/chainsaw/pkg/version.BuildVersion=$version" \
  -o "$tmp/chainsaw" github.com/kyverno/chainsaw) >&2 &
pid=$! n=0
# One line a minute, so a cold build never looks hung.
while kill -0 $pid 2>/dev/null; do sleep 1; ((++n % 60 == 0)) && log "still building chainsaw ($((n / 60)) min)"; done
wait $pid || { log "ERROR: go build of chainsaw failed"; exit 1; }
"$tmp/chainsaw" version >&2
rm -rf "$out" && mv "$tmp" "$out" && trap - EXIT
chmod 755 "$out"
log "chainsaw built in $((SECONDS - start_s))s"
echo "$out/chainsaw"
