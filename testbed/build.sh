#!/usr/bin/env bash
# Builds the testbed's Go binaries into $(bin_dir) unless that cache entry exists.
# Each component has its own wrapper module under go/ (no dependency clashes);
# their go.mod/go.sum pin every version. Output: kube-apiserver,
# kube-controller-manager, kube-scheduler, kubelet, kube-proxy, kubectl, etcd,
# coredns, registry.
source "$(dirname "$0")/lib.sh"

out=$(bin_dir)
[[ -x $out/kubectl && -x $out/registry ]] && { log "binaries cached in $out"; exit 0; }

command -v go >/dev/null || die "build: Go not found (the machine image provides it; need >= go1.21 to fetch $TB_GO_VERSION)"
# Use the pinned toolchain; a different local Go downloads it via the module proxy.
if [[ $(go_version) == "$TB_GO_VERSION" ]]; then export GOTOOLCHAIN=local; else export GOTOOLCHAIN=$TB_GO_VERSION; fi
export CGO_ENABLED=0 GOFLAGS=-mod=readonly

mkdir -p "$TB_LOGS" "$TB_CACHE"
tmp=$(mktemp -d "$TB_CACHE/.build.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
log "building binaries into $out (cold: ~30 min on 2 cores; logs: $TB_LOGS/build-*.log)"
start_s=$SECONDS

# Kubernetes: version ldflags so `kubectl version` shows a real server version.
k8s_version=$(awk '$1 == "require" && $2 == "k8s.io/kubernetes" {print $3}' "$TB_DIR/go/kubernetes/go.mod")
[[ $k8s_version =~ ^v([0-9]+)\.([0-9]+)\. ]] || die "build: cannot read the k8s.io/kubernetes version from go/kubernetes/go.mod"
ld="-s -w"
for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  ld+=" -X $p.gitVersion=$k8s_version -X $p.gitMajor=${BASH_REMATCH[1]} -X $p.gitMinor=${BASH_REMATCH[2]}"
  ld+=" -X $p.gitTreeState=clean -X $p.buildDate=1970-01-01T00:00:00Z"
done

# build MODULE-DIR LDFLAGS PACKAGES...: one `go build`, logged to build-MODULE-DIR.log.
build() {
  local dir=$1 flags=$2; shift 2
  echo "==== $(date -Is) go build in go/$dir: $*" >>"$TB_LOGS/build-$dir.log"
  (cd "$TB_DIR/go/$dir" && go build -trimpath -ldflags "$flags" -o "$tmp/" "$@") >>"$TB_LOGS/build-$dir.log" 2>&1
}

# Concurrently: a single k8s build leaves a core idle much of the time.
build kubernetes "$ld" k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager \
  k8s.io/kubernetes/cmd/kube-scheduler k8s.io/kubernetes/cmd/kubelet k8s.io/kubernetes/cmd/kube-proxy \
  k8s.io/kubernetes/cmd/kubectl &
k8s=$!
build etcd "-s -w" go.etcd.io/etcd/server/v3 &
etcd=$!
build coredns "-s -w" . &
coredns=$!
build registry "-s -w" . || fail "build (registry)" "go build failed" "$TB_LOGS/build-registry.log"
log "built registry"
heartbeat $etcd "building etcd" "$TB_LOGS/build-etcd.log" || fail "build (etcd)" "go build failed" "$TB_LOGS/build-etcd.log"
log "built etcd"
heartbeat $coredns "building coredns" "$TB_LOGS/build-coredns.log" || fail "build (coredns)" "go build failed" "$TB_LOGS/build-coredns.log"
log "built coredns"
heartbeat $k8s "building the Kubernetes binaries" "$TB_LOGS/build-kubernetes.log" ||
  fail "build (kubernetes)" "go build failed" "$TB_LOGS/build-kubernetes.log"
log "built kube-apiserver, kube-controller-manager, kube-scheduler, kubelet, kube-proxy, kubectl"
mv "$tmp/server" "$tmp/etcd" # go names a .../server/v3 main package "server"

mkdir -p "$(dirname "$out")"
rm -rf "$out" && mv "$tmp" "$out" && trap - EXIT
chmod 755 "$out"
log "binaries built in $((SECONDS - start_s))s into $out"
