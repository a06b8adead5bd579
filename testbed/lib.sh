# shellcheck shell=bash
# Shared settings and helpers of the testbed scripts (sourced, never run).
set -euo pipefail

TB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# ---- pinned versions (the Go modules pin the rest through go.mod/go.sum) ----
# Kubernetes, etcd and CoreDNS versions are pinned by testbed/go/*/go.mod (+ go.sum).
TB_GO_VERSION=go1.26.8      # the Go toolchain; another local Go fetches this one

# ---- where things live -------------------------------------------------------
# Build outputs are cached outside the repo (CI works in a fresh clone).
TB_CACHE=${STS_TESTBED_CACHE:-/var/cache/sts-testbed}
TB_STATE=/var/lib/sts-testbed          # cluster state: pki, etcd, kubelet, containerd
TB_RUN=/run/sts-testbed                # pid files, sockets, runtime state (gone on reboot)
TB_LOGS=/var/log/sts-testbed           # one log per component
TB_KUBECONFIG=$TB_STATE/admin.kubeconfig
TB_CTR_SOCK=$TB_RUN/containerd.sock

# ---- network -----------------------------------------------------------------
TB_POD_CIDR=10.244.0.0/24              # the one node's pods, on bridge TB_BRIDGE
TB_POD_SUPERNET=10.244.0.0/16          # routed to the sink so nothing leaks via eth0
TB_SVC_CIDR=10.0.0.0/24                # first IP 10.0.0.1 = kubernetes.default
TB_DNS_IP=169.254.20.10                # CoreDNS on the sink device (kubelet clusterDNS)
TB_SINK=sts-sink0                      # a port-less bridge: the kernel has no dummy driver
TB_BRIDGE=sts-cni0
TB_GUARD_CHAIN=STS-TESTBED-GUARD
TB_REGISTRY=127.0.0.1:5000             # local read-only registry, see go/registry

# Debian packages testbed/up installs when missing. TB_HOST_PACKAGES: those a
# stock machine of this workplace lacks, which the fresh-host test removes to
# make the host new again (the others — curl, gcc, iproute2… — every machine has,
# and removing them would break it).
TB_PACKAGES=(containerd runc containernetworking-plugins iptables conntrack socat iproute2 openssl
  curl gcc libc6-dev procps util-linux ca-certificates)
TB_HOST_PACKAGES=(containerd runc containernetworking-plugins iptables conntrack socat busybox-static)

# Host sysctls the kubelet, the CNI bridge, kube-proxy or we change: up records
# them once, down restores them.
TB_SYSCTLS=(kernel.panic kernel.panic_on_oops vm.overcommit_memory net.ipv4.ip_forward
  net.bridge.bridge-nf-call-iptables net.bridge.bridge-nf-call-ip6tables
  net.ipv4.conf.all.route_localnet net.netfilter.nf_conntrack_max)

# Daemons must find runc, the containerd shim and the CNI tools whatever PATH we got.
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH

NODE_NAME=$(hostname | tr '[:upper:]' '[:lower:]')

# Elapsed time since the outermost command started (STS_T0, epoch seconds, set
# once by the first script and inherited), so every stage line of a long first
# run says how far it is.
export STS_T0=${STS_T0:-$(date +%s)}
elapsed() { printf '%5ss' "$(($(date +%s) - STS_T0))"; }
log() { echo "testbed: [$(elapsed)] $*" >&2; }
die() { echo "testbed: ERROR: $*" >&2; exit 1; }
# One clear line naming the component and where to look.
fail() { die "$1: $2 (log: $3)"; }

need_root() { [[ $(id -u) == 0 ]] || die "must run as root (it starts a kubelet and containerd)"; }

# heartbeat PID WHAT LOG: one line a minute while PID runs, so a long build never
# looks hung; returns PID's exit status.
heartbeat() {
  local pid=$1 what=$2 logf=$3 n=0
  while kill -0 "$pid" 2>/dev/null; do
    sleep 1
    ((++n % 60 == 0)) && log "still $what ($((n / 60)) min; log: $logf)"
  done
  wait "$pid"
}

# Serialise up/down: CTest or two shells must not interleave them.
take_lock() {
  [[ -z ${TB_LOCK_HELD:-} ]] || return 0 # up calls down while holding it
  mkdir -p "$TB_RUN"
  exec 9>"$TB_RUN/lock" # fd 9: start() closes it so daemons never inherit the lock
  flock -w 1800 9 || die "another testbed up/down holds $TB_RUN/lock"
  export TB_LOCK_HELD=1
}

# ---- cache keys ----------------------------------------------------------------
go_version() { go env GOVERSION 2>/dev/null || echo none; }

# Binaries are rebuilt when a go.mod/go.sum/source, the build script or Go changes.
bin_key() {
  (cd "$TB_DIR" && cat go/*/go.mod go/*/go.sum go/*/*.go build.sh; go_version; uname -m) |
    sha256sum | cut -c1-16
}
# Images are rebuilt when their recipe changes (every file under images/, by
# name and content).
image_key() {
  (cd "$TB_DIR" && cat images.sh && find images -type f ! -path '*/__pycache__/*' -print0 | LC_ALL=C sort -z |
    xargs -0 sh -c 'for f; do echo "$f"; cat "$f"; done' sh && uname -m) | sha256sum | cut -c1-16
}

bin_dir() { echo "$TB_CACHE/bin-$(bin_key)"; }
image_dir() { echo "$TB_CACHE/images-$(image_key)"; }

# ---- processes -----------------------------------------------------------------
# A pid file holds "<pid> <exe>"; the exe guards against a recycled pid.
pid_of() {
  local f=$TB_RUN/pids/$1.pid pid exe
  [[ -f $f ]] || return 1
  read -r pid exe <"$f" || return 1
  [[ -n ${pid:-} && $(readlink "/proc/$pid/exe" 2>/dev/null) == "$exe" ]] || return 1
  echo "$pid"
}
running() { pid_of "$1" >/dev/null; }

# start NAME BINARY ARGS...: detached (own session, no inherited stdio, so CTest
# never waits on our pipes), logging to $TB_LOGS/NAME.log.
start() {
  local name=$1 bin=$2; shift 2
  mkdir -p "$TB_RUN/pids" "$TB_LOGS"
  echo "==== $(date -Is) starting $name" >>"$TB_LOGS/$name.log"
  setsid "$bin" "$@" >>"$TB_LOGS/$name.log" 2>&1 </dev/null 9>&- &
  local pid=$! exe i
  exe=$(readlink -f "$bin")
  echo "$pid $exe" >"$TB_RUN/pids/$name.pid"
  # setsid execs the binary in place; wait for that so pid_of sees the right exe.
  for ((i = 0; i < 50; i++)); do
    [[ $(readlink "/proc/$pid/exe" 2>/dev/null) == "$exe" || ! -d /proc/$pid ]] && break
    sleep 0.1
  done
  log "started $name (pid $pid)"
}

# stop NAME: TERM, up to 20 s grace, then KILL. Only the pid we recorded.
stop() {
  local name=$1 pid i
  if pid=$(pid_of "$name"); then
    kill -TERM "$pid" 2>/dev/null || true
    # pid_of fails once the process has exited (a zombie has no exe link).
    for ((i = 0; i < 100; i++)); do pid_of "$name" >/dev/null || break; sleep 0.2; done
    if pid_of "$name" >/dev/null; then log "$name did not stop, killing"; kill -KILL "$pid" 2>/dev/null || true; sleep 0.5; fi
    log "stopped $name"
  fi
  rm -f "$TB_RUN/pids/$name.pid"
}

# wait_for NAME SECONDS CMD...: bounded poll for a process to become ready.
wait_for() {
  local name=$1 secs=$2 i; shift 2
  for ((i = 0; i < secs * 2; i++)); do
    "$@" >/dev/null 2>&1 && return 0
    running "$name" || fail "$name" "exited while starting" "$TB_LOGS/$name.log"
    sleep 0.5
  done
  fail "$name" "not ready after ${secs}s (waited for: $*)" "$TB_LOGS/$name.log"
}

# ---- images in containerd and the registry ---------------------------------------
ctr_() { ctr --address "$TB_CTR_SOCK" -n k8s.io "$@"; }

# import_images DIR: each image tar of DIR into our containerd, once per DIR.
import_images() {
  local dir=$1 t
  [[ $(cat "$TB_STATE/containerd/imported" 2>/dev/null) != "$dir" ]] || return 0
  for t in "$dir"/*.tar; do
    ctr_ images import "$t" >>"$TB_LOGS/containerd.log" 2>&1 || fail "containerd" "importing $t failed" "$TB_LOGS/containerd.log"
  done
  echo "$dir" >"$TB_STATE/containerd/imported"
  log "imported images: $(ctr_ images ls -q | grep -v '^sha256:' | tr '\n' ' ')"
}

start_registry() { # BINARY DIR
  start registry "$1" -root "$2" -listen "$TB_REGISTRY"
  wait_for registry 10 curl -sf "http://$TB_REGISTRY/v2/"
}

# refresh_images: a running testbed gets images whose recipe changed since it
# started: build them, import them, and restart the registry (it reads the
# layouts at start; :latest pulls fail for the fraction of a second it is down).
refresh_images() {
  local images exe
  "$TB_DIR/images.sh"
  images=$(image_dir)
  [[ $(cat "$TB_STATE/containerd/imported" 2>/dev/null) != "$images" ]] || return 0
  import_images "$images"
  read -r _ exe <"$TB_RUN/pids/registry.pid"
  stop registry
  start_registry "$exe" "$images"
}

# The testbed's own kubectl on its admin kubeconfig.
kc() { "$(bin_dir)/kubectl" --kubeconfig "$TB_KUBECONFIG" "$@"; }

# issue_cert PKI NAME SUBJECT USAGES [SANS]: PKI/NAME.{crt,key}, RSA-2048/SHA-256,
# signed by PKI/ca.{crt,key}; USAGES is the extendedKeyUsage (serverAuth,clientAuth
# or clientAuth). openssl's output goes to $TB_LOGS/pki.log; a failure is fatal.
issue_cert() {
  local pki=$1 name=$2 subj=$3 usages=$4 sans=${5:-} plog=$TB_LOGS/pki.log
  mkdir -p "$TB_LOGS"
  {
    openssl req -newkey rsa:2048 -sha256 -nodes -subj "$subj" -keyout "$pki/$name.key" -out "$pki/$name.csr" &&
      {
        echo "basicConstraints=CA:FALSE"
        echo "keyUsage=critical,digitalSignature,keyEncipherment"
        echo "extendedKeyUsage=$usages"
        [[ -z $sans ]] || echo "subjectAltName=$sans"
      } >"$pki/$name.ext" &&
      openssl x509 -req -sha256 -days 3650 -in "$pki/$name.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" \
        -CAcreateserial -extfile "$pki/$name.ext" -out "$pki/$name.crt"
  } >>"$plog" 2>&1 || fail "pki" "certificate of $name failed" "$plog"
  rm -f "$pki/$name.csr" "$pki/$name.ext"
}

# write_kubeconfig PKI NAME FILE: a kubeconfig for the local apiserver using the
# client certificate PKI/NAME.crt (pki.sh for the components, local-path.sh).
write_kubeconfig() {
  local pki=$1 name=$2
  cat >"$3" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: sts-testbed
  cluster:
    server: https://127.0.0.1:6443
    certificate-authority: $pki/ca.crt
users:
- name: $name
  user:
    client-certificate: $pki/$name.crt
    client-key: $pki/$name.key
contexts:
- name: sts-testbed
  context: {cluster: sts-testbed, user: $name}
current-context: sts-testbed
EOF
}

# Components in start order; down stops them in reverse.
TB_COMPONENTS=(containerd registry etcd kube-apiserver kube-controller-manager kube-scheduler coredns kubelet kube-proxy)

# core_up [--quiet]: every component runs and the apiserver is ready (what
# status reports, less the storage flavour's own process).
core_up() {
  local c ok=0
  for c in "${TB_COMPONENTS[@]}"; do
    running "$c" || { ok=1; [[ ${1:-} == --quiet ]] || log "$c is not running"; }
  done
  ((ok == 0)) || return 1
  curl -sf --max-time 5 --cacert "$TB_STATE/pki/ca.crt" https://127.0.0.1:6443/readyz >/dev/null && return 0
  [[ ${1:-} == --quiet ]] || log "kube-apiserver is not ready (log: $TB_LOGS/kube-apiserver.log)"
  return 1
}

# ---- storage flavours (testbed/up --storage) -------------------------------------
# hostpath: class `standard`, kube-controller-manager's in-tree hostpath
# provisioner, Immediate binding (the default). local-path: class `local-path`,
# rancher's local-path-provisioner as a host process (local-path.sh),
# WaitForFirstConsumer. up records the running flavour in $TB_RUN/storage; down
# removes it.
TB_STORAGE_FLAVOURS=(hostpath local-path)
storage_flavour() { local f; f=$(cat "$TB_RUN/storage" 2>/dev/null) || true; echo "${f:-hostpath}"; }
storage_class_of() { case $1 in hostpath) echo standard ;; local-path) echo local-path ;; esac; }

# default_class NAME: NAME becomes the only default StorageClass. The others lose
# the annotation first: a PVC created in between gets the new default later
# (retroactive default class assignment), never the old one.
default_class() {
  local name=$1 sc is=false
  for sc in $(kc get storageclass -o jsonpath='{range .items[?(@.metadata.annotations.storageclass\.kubernetes\.io/is-default-class=="true")]}{.metadata.name}{" "}{end}'); do
    if [[ $sc == "$name" ]]; then is=true; continue; fi
    kc annotate --overwrite storageclass "$sc" storageclass.kubernetes.io/is-default-class=false >/dev/null
    log "StorageClass $sc is no longer the default"
  done
  $is && return 0
  kc annotate --overwrite storageclass "$name" storageclass.kubernetes.io/is-default-class=true >/dev/null
  log "StorageClass $name is the default"
}

# use_storage FLAVOUR: on a running cluster, run what FLAVOUR needs, make its class
# the default, record it. Switching needs no restart: only the provisioner
# process and the default-class annotations change.
use_storage() {
  local flavour=$1
  case $flavour in
    local-path)
      "$TB_DIR/local-path.sh" start
      default_class local-path ;;
    hostpath)
      default_class standard
      # Stops the provisioner and removes its objects (kept while local-path PVs remain).
      "$TB_DIR/local-path.sh" uninstall ;;
    *) die "unknown storage flavour '$flavour' (one of: ${TB_STORAGE_FLAVOURS[*]})" ;;
  esac
  echo "$flavour" >"$TB_RUN/storage"
}
