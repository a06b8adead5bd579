#!/usr/bin/env bash
# testbed/local-path.sh build|start|stop|uninstall: the testbed's second storage
# flavour, rancher's local-path-provisioner (pinned by tools/local-path/go.mod +
# go.sum), run as a host process like the other components. `testbed/up
# --storage local-path` calls it and makes its class the default; used alone,
# `start` installs and runs it without touching which class is default.
#   build      prints the path of the binary, building it first when the cache has none:
#              $TB_CACHE/local-path-<key>/local-path-provisioner, the key hashing
#              go.mod, go.sum, the build recipe below, the Go version and the machine
#   start      build; client certificate and kubeconfig; config files; namespace
#              local-path-storage with its ServiceAccount (for the helper pods),
#              RBAC and ConfigMap local-path-config; StorageClass local-path
#              (WaitForFirstConsumer, Delete); then the process (restarted when its
#              configuration changed), waiting until its controller runs. Idempotent.
#   stop       stops the process (by its pid file), nothing else
#   uninstall  stop; delete the cluster objects above, unless PersistentVolumes of
#              class local-path remain (their data would lose its reclaimer)
source "$(dirname "$0")/lib.sh"

LP_NAME=local-path-provisioner
LP_NS=local-path-storage
LP_CLASS=local-path
LP_CM=local-path-config
LP_SA=local-path-provisioner-service-account
LP_USER=system:sts-testbed:local-path-provisioner # CN of its client certificate
LP_HELPER_IMAGE=docker.io/library/busybox:1.36   # offline in every testbed (images.sh)
LP_MOD=$TB_DIR/../tools/local-path
LP_CFG=$TB_STATE/config/local-path                # config.json, helperPod.yaml, setup, teardown
LP_KUBECONFIG=$TB_STATE/pki/$LP_NAME.kubeconfig
LP_VOLUMES=$TB_STATE/local-path                   # the volume folders (config.json's node path)

# The build recipe; its text is part of the cache key (editing the manifests
# below does not force a rebuild).
lp_build_into() { # DIR
  local version
  version=$(awk '$1 == "require" && $2 == "github.com/rancher/local-path-provisioner" {print $3}' "$LP_MOD/go.mod")
  [[ -n $version ]] || die "local-path: no github.com/rancher/local-path-provisioner in $LP_MOD/go.mod"
  # -mod=readonly: go.mod/go.sum pin everything and may not change. VERSION is
  # what `local-path-provisioner --version` prints.
  (cd "$LP_MOD" && CGO_ENABLED=0 GOFLAGS=-mod=readonly go build -trimpath \
    -ldflags "-s -w -X main.VERSION=$version" -o "$1/$LP_NAME" github.com/rancher/local-path-provisioner)
}

lp_key() {
  (cat "$LP_MOD/go.mod" "$LP_MOD/go.sum"; declare -f lp_build_into; go_version; uname -m) | sha256sum | cut -c1-16
}

lp_build() {
  command -v go >/dev/null || die "local-path: Go not found (the machine image provides it)"
  # The pinned toolchain, as build.sh uses it.
  if [[ $(go_version) == "$TB_GO_VERSION" ]]; then export GOTOOLCHAIN=local; else export GOTOOLCHAIN=$TB_GO_VERSION; fi
  local out tmp pid start_s
  out=$TB_CACHE/local-path-$(lp_key)
  [[ -x $out/$LP_NAME ]] && { echo "$out/$LP_NAME"; return 0; }
  mkdir -p "$TB_CACHE" "$TB_LOGS"
  # One build at a time (two ups, or a test and a shell). fd 8, closed again
  # before anything is started so no daemon inherits it.
  exec 8>"$TB_CACHE/.local-path.lock"
  flock -w 1800 8 || die "local-path: another build holds $TB_CACHE/.local-path.lock"
  if [[ ! -x $out/$LP_NAME ]]; then
    tmp=$(mktemp -d "$TB_CACHE/.local-path-build.XXXXXX")
    log "building $LP_NAME into $out (cold: a few minutes on 2 cores; log: $TB_LOGS/build-local-path.log)"
    start_s=$SECONDS
    echo "==== $(date -Is) go build of $LP_NAME" >>"$TB_LOGS/build-local-path.log"
    lp_build_into "$tmp" >>"$TB_LOGS/build-local-path.log" 2>&1 &
    pid=$!
    heartbeat $pid "building $LP_NAME" "$TB_LOGS/build-local-path.log" ||
      { rm -rf "$tmp"; fail "build ($LP_NAME)" "go build failed" "$TB_LOGS/build-local-path.log"; }
    "$tmp/$LP_NAME" --version >>"$TB_LOGS/build-local-path.log" 2>&1 ||
      { rm -rf "$tmp"; fail "build ($LP_NAME)" "the built binary does not run" "$TB_LOGS/build-local-path.log"; }
    rm -rf "$out" && mv "$tmp" "$out" && chmod 755 "$out"
    log "built $LP_NAME in $((SECONDS - start_s))s: $("$out/$LP_NAME" --version 2>&1)"
  fi
  exec 8>&-
  echo "$out/$LP_NAME"
}

# Its own client certificate (like CoreDNS's), signed by the testbed's CA;
# made again when pki.sh has made a new CA.
lp_credentials() {
  local pki=$TB_STATE/pki
  [[ -f $pki/ca.crt && -f $pki/ca.key ]] || die "local-path: no testbed CA in $pki (run testbed/up first)"
  if [[ -f $pki/$LP_NAME.crt && -f $LP_KUBECONFIG ]] &&
    openssl verify -CAfile "$pki/ca.crt" "$pki/$LP_NAME.crt" >/dev/null 2>&1; then
    return 0
  fi
  log "creating the client certificate of $LP_NAME"
  issue_cert "$pki" "$LP_NAME" "/CN=$LP_USER" clientAuth
  chmod 600 "$pki/$LP_NAME.key"
  write_kubeconfig "$pki" "$LP_NAME" "$LP_KUBECONFIG"
}

# The files the process reads (config.json, helperPod.yaml) and the ConfigMap's
# content (those two plus the helper pod's setup and teardown scripts), as in
# upstream's deploy/local-path-storage.yaml: one node path, folders 0777.
lp_write_config() {
  mkdir -p "$LP_CFG" "$LP_VOLUMES"
  cat >"$LP_CFG/config.json.new" <<EOF
{
  "nodePathMap": [
    {"node": "DEFAULT_PATH_FOR_NON_LISTED_NODES", "paths": ["$LP_VOLUMES"]}
  ]
}
EOF
  cat >"$LP_CFG/helperPod.yaml.new" <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: helper-pod
spec:
  priorityClassName: system-node-critical
  tolerations:
  - key: node.kubernetes.io/disk-pressure
    operator: Exists
    effect: NoSchedule
  containers:
  - name: helper-pod
    image: $LP_HELPER_IMAGE
    imagePullPolicy: IfNotPresent
EOF
  cat >"$LP_CFG/setup.new" <<'EOF'
#!/bin/sh
set -eu
mkdir -m 0777 -p "$VOL_DIR"
EOF
  cat >"$LP_CFG/teardown.new" <<'EOF'
#!/bin/sh
set -eu
rm -rf "$VOL_DIR"
EOF
  local f changed=1
  for f in config.json helperPod.yaml setup teardown; do
    if cmp -s "$LP_CFG/$f.new" "$LP_CFG/$f"; then rm -f "$LP_CFG/$f.new"; else mv "$LP_CFG/$f.new" "$LP_CFG/$f"; changed=0; fi
  done
  return $changed # 0 when a file changed
}

lp_manifests() {
  cat <<EOF
apiVersion: v1
kind: Namespace
metadata: {name: $LP_NS}
---
# The helper pods run as this account; the provisioner itself uses its certificate.
apiVersion: v1
kind: ServiceAccount
metadata: {name: $LP_SA, namespace: $LP_NS}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: local-path-provisioner-role, namespace: $LP_NS}
rules:
- apiGroups: [""]
  resources: [pods]
  verbs: [get, list, watch, create, patch, update, delete]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: local-path-provisioner-role}
rules:
- apiGroups: [""]
  resources: [nodes, persistentvolumeclaims, configmaps, pods, pods/log]
  verbs: [get, list, watch]
- apiGroups: [""]
  resources: [persistentvolumes]
  verbs: [get, list, watch, create, patch, update, delete]
- apiGroups: [""]
  resources: [events]
  verbs: [create, patch]
- apiGroups: [storage.k8s.io]
  resources: [storageclasses]
  verbs: [get, list, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: local-path-provisioner-bind, namespace: $LP_NS}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: local-path-provisioner-role}
subjects:
- {apiGroup: rbac.authorization.k8s.io, kind: User, name: "$LP_USER"}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: local-path-provisioner-bind}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: local-path-provisioner-role}
subjects:
- {apiGroup: rbac.authorization.k8s.io, kind: User, name: "$LP_USER"}
---
# Which class is the default is testbed/up's business (annotation), not this file's.
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: $LP_CLASS}
provisioner: rancher.io/local-path
volumeBindingMode: WaitForFirstConsumer
reclaimPolicy: Delete
---
EOF
  kc create configmap "$LP_CM" -n "$LP_NS" --dry-run=client -o yaml \
    --from-file="$LP_CFG/config.json" --from-file="$LP_CFG/helperPod.yaml" \
    --from-file="$LP_CFG/setup" --from-file="$LP_CFG/teardown"
}

lp_start() {
  local bin changed=false logf=$TB_LOGS/$LP_NAME.log offset exe
  bin=$(lp_build)
  take_lock
  core_up --quiet || die "local-path: the testbed is not up (testbed/status says why)"
  lp_credentials
  lp_write_config && changed=true
  mkdir -p "$TB_LOGS"
  # A namespace still being deleted by an earlier uninstall would refuse new objects.
  if [[ -n $(kc get namespace "$LP_NS" -o jsonpath='{.metadata.deletionTimestamp}' 2>/dev/null) ]]; then
    log "waiting for the old namespace $LP_NS to be deleted"
    kc wait --for=delete "namespace/$LP_NS" --timeout=120s >/dev/null ||
      fail "$LP_NAME" "namespace $LP_NS still terminating after 120s" "$TB_LOGS/bootstrap.log"
  fi
  { lp_manifests | kc apply -f - ; } >>"$TB_LOGS/bootstrap.log" 2>&1 ||
    fail "$LP_NAME" "kubectl apply of its objects failed" "$TB_LOGS/bootstrap.log"
  if running "$LP_NAME"; then
    read -r _ exe <"$TB_RUN/pids/$LP_NAME.pid"
    [[ $exe == "$(readlink -f "$bin")" ]] || changed=true
    $changed || { log "$LP_NAME already running"; return 0; }
    stop "$LP_NAME"
  fi
  offset=$(stat -c %s "$logf" 2>/dev/null || echo 0)
  lp_started() { tail -c +$((offset + 1)) "$logf" | grep -q 'Started provisioner controller'; }
  # The config file is re-read every 30 s by the process; helperPod.yaml only at
  # start (changes restart it, above).
  start "$LP_NAME" "$bin" --debug start \
    --kubeconfig "$LP_KUBECONFIG" --namespace "$LP_NS" --configmap-name "$LP_CM" \
    --service-account-name "$LP_SA" --provisioner-name rancher.io/local-path \
    --helper-image "$LP_HELPER_IMAGE" \
    --config "$LP_CFG/config.json" --helper-pod-file "$LP_CFG/helperPod.yaml"
  wait_for "$LP_NAME" 60 lp_started
  log "$LP_NAME running: StorageClass $LP_CLASS, volumes in $LP_VOLUMES"
}

lp_uninstall() {
  take_lock
  stop "$LP_NAME"
  core_up --quiet || return 0 # nothing to delete from a cluster that is down
  local objs
  objs=$(kc get "storageclass/$LP_CLASS" "namespace/$LP_NS" clusterrole/local-path-provisioner-role \
    clusterrolebinding/local-path-provisioner-bind --ignore-not-found -o name)
  [[ -n $objs || -d $LP_CFG || -d $LP_VOLUMES ]] || return 0 # never installed: nothing to do
  local pvs
  pvs=$(kc get pv -o jsonpath="{range .items[?(@.spec.storageClassName==\"$LP_CLASS\")]}{.metadata.name}{' '}{end}" 2>/dev/null) || return 0
  if [[ -n $pvs ]]; then
    log "keeping StorageClass $LP_CLASS and namespace $LP_NS: PersistentVolumes of class $LP_CLASS remain ($pvs); their folders stay in $LP_VOLUMES until 'testbed/up --storage local-path' runs the provisioner again"
    return 0
  fi
  kc delete --ignore-not-found --wait=false "storageclass/$LP_CLASS" clusterrolebinding/local-path-provisioner-bind \
    clusterrole/local-path-provisioner-role "namespace/$LP_NS" >>"$TB_LOGS/bootstrap.log" 2>&1 || true
  # Its folders: the config, and the volume folder once it is empty (a folder
  # left in it belongs to no PersistentVolume any more; kept, not guessed at).
  rm -rf "$LP_CFG"
  rmdir "$LP_VOLUMES" 2>/dev/null || [[ ! -d $LP_VOLUMES ]] || log "kept $LP_VOLUMES: it holds folders of no PersistentVolume: $(ls "$LP_VOLUMES" | tr '\n' ' ')"
  log "removed StorageClass $LP_CLASS, namespace $LP_NS, its RBAC and $LP_CFG"
}

case ${1:-} in
  build) lp_build ;;
  start) need_root; lp_start ;;
  stop) need_root; take_lock; stop "$LP_NAME" ;;
  uninstall) need_root; lp_uninstall ;;
  *) die "usage: testbed/local-path.sh build|start|stop|uninstall" ;;
esac
