#!/usr/bin/env bash
# Writes the component configuration files into $TB_STATE/config (and the CNI and
# registry-host files they point at).
source "$(dirname "$0")/lib.sh"

cfg=$TB_STATE/config
pki=$TB_STATE/pki
mkdir -p "$cfg" "$TB_STATE/cni/net.d" "$TB_STATE/containerd/certs.d/docker.io"

# containerd: own socket, root and state, so it never meets a system containerd.
cat >"$cfg/containerd.toml" <<EOF
version = 2
root = "$TB_STATE/containerd"
state = "$TB_RUN/containerd"
disabled_plugins = ["io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.btrfs",
  "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper"]

[grpc]
  address = "$TB_CTR_SOCK"
[ttrpc]
  address = "$TB_CTR_SOCK.ttrpc"

[plugins."io.containerd.internal.v1.opt"]
  path = "$TB_STATE/containerd/opt"

[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "registry.k8s.io/pause:3.10"
  # Without it every sandbox fails on this VM: "can't get final child's PID from pipe: EOF".
  restrict_oom_score_adj = true
  # Pod network namespaces live under our state dir, not /run/netns: down removes them all.
  netns_mounts_under_state_dir = true
  stream_server_address = "127.0.0.1"
  stream_server_port = "0"
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$TB_STATE/cni/net.d"
  [plugins."io.containerd.grpc.v1.cri".registry]
    config_path = "$TB_STATE/containerd/certs.d"
EOF

# docker.io resolves to the local read-only registry only (setting "server"
# removes the default upstream): forced pulls of our images work, others fail
# fast, and nothing is asked of the internet.
cat >"$TB_STATE/containerd/certs.d/docker.io/hosts.toml" <<EOF
server = "http://$TB_REGISTRY"

[host."http://$TB_REGISTRY"]
  capabilities = ["pull", "resolve"]
EOF

# Pod network: a bridge with host-local IPAM; no masquerading (nothing leaves).
cat >"$TB_STATE/cni/net.d/10-sts-testbed.conflist" <<EOF
{
  "cniVersion": "0.4.0",
  "name": "sts-testbed",
  "plugins": [
    {
      "type": "bridge",
      "bridge": "$TB_BRIDGE",
      "isGateway": true,
      "ipMasq": false,
      "hairpinMode": true,
      "ipam": {
        "type": "host-local",
        "ranges": [[{"subnet": "$TB_POD_CIDR"}]],
        "routes": [{"dst": "0.0.0.0/0"}],
        "dataDir": "$TB_STATE/cni/ipam"
      }
    }
  ]
}
EOF

# Pods with dnsPolicy Default get only our DNS, never an outside resolver.
echo "nameserver $TB_DNS_IP" >"$cfg/resolv.conf"

cat >"$cfg/kubelet.yaml" <<EOF
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: true}
  x509: {clientCAFile: $pki/ca.crt}
authorization: {mode: Webhook}
tlsCertFile: $pki/kubelet-serving.crt
tlsPrivateKeyFile: $pki/kubelet-serving.key
containerRuntimeEndpoint: unix://$TB_CTR_SOCK
cgroupDriver: cgroupfs
failCgroupV1: false          # this VM has cgroups v1
failSwapOn: false
clusterDomain: cluster.local
clusterDNS: [$TB_DNS_IP]
resolvConf: $cfg/resolv.conf
podLogsDir: $TB_STATE/pod-logs
healthzBindAddress: 127.0.0.1
healthzPort: 10248
readOnlyPort: 0
serializeImagePulls: false
# Images are built offline and can never be pulled again: never collect them.
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
evictionHard: {memory.available: 50Mi, nodefs.available: "1%", imagefs.available: "1%", nodefs.inodesFree: "1%"}
EOF

cat >"$cfg/kube-proxy.yaml" <<EOF
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
clientConnection: {kubeconfig: $pki/kube-proxy.kubeconfig}
hostnameOverride: $NODE_NAME
mode: iptables
clusterCIDR: $TB_POD_SUPERNET
healthzBindAddress: 127.0.0.1:10256
metricsBindAddress: 127.0.0.1:10249
# Leave host sysctls alone: no conntrack tuning, no route_localnet for
# localhost NodePorts.
conntrack: {maxPerCore: 0, min: 0, tcpEstablishedTimeout: 0s, tcpCloseWaitTimeout: 0s}
iptables: {localhostNodePorts: false}
EOF

# Cluster DNS only: names outside the cluster zones are REFUSED (no forwarder).
cat >"$cfg/Corefile" <<EOF
cluster.local:53 in-addr.arpa:53 ip6.arpa:53 {
    bind $TB_DNS_IP
    ready 127.0.0.1:18181
    health 127.0.0.1:18080
    errors
    log
    cache 5
    kubernetes cluster.local in-addr.arpa ip6.arpa {
        kubeconfig $pki/coredns.kubeconfig sts-testbed
        pods insecure
        fallthrough in-addr.arpa ip6.arpa
    }
}
EOF

cat >"$cfg/bootstrap.yaml" <<EOF
# Dynamic PVCs: kube-controller-manager's hostpath provisioner (dirs in /tmp/hostpath_pv).
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: standard
  annotations: {storageclass.kubernetes.io/is-default-class: "true"}
provisioner: kubernetes.io/host-path
reclaimPolicy: Delete
volumeBindingMode: Immediate
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: "sts-testbed:coredns"}
rules:
- apiGroups: [""]
  resources: [endpoints, services, pods, namespaces]
  verbs: [list, watch]
- apiGroups: [discovery.k8s.io]
  resources: [endpointslices]
  verbs: [list, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: "sts-testbed:coredns"}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "sts-testbed:coredns"}
subjects:
- {apiGroup: rbac.authorization.k8s.io, kind: User, name: "system:sts-testbed:coredns"}
EOF
