#!/usr/bin/env bash
# Prints the path of the pinned helm binary (tools/helm/go.mod + go.sum), building
# it first when the cache has none. The grader renders Lab 15 Helm charts with it
# (`sts-grader ... --helm PATH` or $STS_HELM).
# Cached outside the repo like the testbed's binaries (CI works in a fresh clone):
# $STS_GRADER_CACHE (default /var/cache/sts-grader)/helm-<key>/helm, the key
# hashing go.mod, go.sum, this script, the Go version and the machine. Not in the
# testbed's cache: making the host fresh (tests/e2e/testbed/fresh-host.sh) removes
# that one, and helm belongs to the grader, not to the cluster.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
mod=$root/tools/helm
cache=${STS_GRADER_CACHE:-/var/cache/sts-grader}
export STS_T0=${STS_T0:-$(date +%s)}
log() { printf 'helm: [%5ss] %s\n' "$(($(date +%s) - STS_T0))" "$*" >&2; }

command -v go >/dev/null || { log "ERROR: Go not found (the machine image provides it)"; exit 1; }
key=$( (cat "$mod/go.mod" "$mod/go.sum" "$0"; go env GOVERSION; uname -m) | sha256sum | cut -c1-16)
out=$cache/helm-$key
[[ -x $out/helm ]] && { echo "$out/helm"; exit 0; }

mkdir -p "$cache"
# One build at a time: parallel test jobs may all ask for helm at once.
exec 8>"$cache/.helm.lock"
flock -w 1800 8 || { log "ERROR: another build holds $cache/.helm.lock"; exit 1; }
[[ -x $out/helm ]] && { echo "$out/helm"; exit 0; }

tmp=$(mktemp -d "$cache/.helm-build.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
version=$(awk '$1 == "require" && $2 == "helm.sh/helm/v3" {print $3}' "$mod/go.mod")
log "building helm $version into $out (cold: a few minutes on 2 cores)"
start_s=$SECONDS
# The module pins the dependencies; -mod=readonly refuses to change them. The
# version ldflag makes `helm version` report the pinned tag.
(cd "$mod" && CGO_ENABLED=0 GOFLAGS=-mod=readonly GOTOOLCHAIN=${GOTOOLCHAIN:-local} \
  go build -trimpath -ldflags "-s -w -X helm.sh/helm/v3/internal/version.version=$version" \
  -o "$tmp/helm" helm.sh/helm/v3/cmd/helm) >&2 &
pid=$! n=0
# One line a minute, so a cold build never looks hung.
while kill -0 $pid 2>/dev/null; do sleep 1; ((++n % 60 == 0)) && log "still building helm ($((n / 60)) min)"; done
wait $pid || { log "ERROR: go build of helm failed"; exit 1; }
"$tmp/helm" version --short >&2
rm -rf "$out" && mv "$tmp" "$out" && trap - EXIT
chmod 755 "$out"
log "helm built in $((SECONDS - start_s))s"
echo "$out/helm"
