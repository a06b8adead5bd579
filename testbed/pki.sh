#!/usr/bin/env bash
# Creates the cluster CA, component certificates (openssl, RSA-2048/SHA-256), the
# service-account key pair and one kubeconfig per client in $TB_STATE/pki.
# Usage: pki.sh NODE_IP. Re-created only when the node's name or IP changed.
source "$(dirname "$0")/lib.sh"

node_ip=$1
pki=$TB_STATE/pki
identity="$NODE_NAME $node_ip"
[[ -f $pki/identity && $(cat "$pki/identity") == "$identity" ]] && exit 0

log "creating certificates in $pki"
rm -rf "$pki" && mkdir -p "$pki" && chmod 700 "$pki"
plog=$TB_LOGS/pki.log
mkdir -p "$TB_LOGS"
ossl() { openssl "$@" >>"$plog" 2>&1 || fail "pki" "openssl $1 failed" "$plog"; }

ossl req -x509 -newkey rsa:2048 -sha256 -nodes -days 3650 -subj "/CN=sts-testbed-ca" \
  -keyout "$pki/ca.key" -out "$pki/ca.crt"

# cert NAME SUBJECT [SANS]: a client/server certificate signed by the CA.
cert() { issue_cert "$pki" "$1" "$2" serverAuth,clientAuth "${3:-}"; }

svc_ip=10.0.0.1 # first address of TB_SVC_CIDR: the kubernetes Service
cert apiserver "/CN=kube-apiserver" \
  "IP:127.0.0.1,IP:$svc_ip,IP:$node_ip,DNS:localhost,DNS:$NODE_NAME,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local"
cert apiserver-kubelet-client "/O=system:masters/CN=kube-apiserver-kubelet-client"
cert admin "/O=system:masters/CN=sts-testbed-admin"
cert controller-manager "/CN=system:kube-controller-manager"
cert scheduler "/CN=system:kube-scheduler"
cert kube-proxy "/CN=system:kube-proxy"
cert kubelet "/O=system:nodes/CN=system:node:$NODE_NAME"
cert coredns "/CN=system:sts-testbed:coredns" # bound to a read-only role by up
# Kubelet serving certificate, so the apiserver (and we) can verify it.
cert kubelet-serving "/CN=$NODE_NAME" "IP:127.0.0.1,IP:$node_ip,DNS:$NODE_NAME,DNS:localhost"

ossl genrsa -out "$pki/sa.key" 2048
ossl rsa -in "$pki/sa.key" -pubout -out "$pki/sa.pub"

for c in controller-manager scheduler kube-proxy kubelet coredns; do write_kubeconfig "$pki" "$c" "$pki/$c.kubeconfig"; done
write_kubeconfig "$pki" admin "$TB_KUBECONFIG"
chmod 600 "$pki"/*.key
echo "$identity" >"$pki/identity"
