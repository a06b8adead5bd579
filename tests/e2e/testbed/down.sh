#!/usr/bin/env bash
# Fixture cleanup (item 5): testbed/down leaves no process, mount, network device
# or namespace of the testbed behind, and the host settings as the up test found them.
# Note: it brings the testbed down even if it was up before the suite started.
source "$(dirname "$0")/lib.sh"
state=/var/lib/sts-testbed run=/run/sts-testbed
bindir=$(dirname "$(command -v kubectl)")

"$TESTBED/down" || fail "testbed/down exited non-zero"
"$TESTBED/status" --quiet && fail "status says up after down"

problems=()
for d in /proc/[0-9]*; do
  exe=$(readlink "$d/exe" 2>/dev/null) || continue
  cmd=$(tr '\0' ' ' 2>/dev/null <"$d/cmdline") || true
  [[ $exe == "$bindir"/* ]] && problems+=("process ${d#/proc/} $exe")
  [[ $cmd == *"$run/containerd"* || $cmd == *"$state/config/"* ]] && problems+=("process ${d#/proc/} $cmd")
done
mounts=$(awk '{print $5}' /proc/self/mountinfo | grep -E "^($state|$run)(/|\$)") && problems+=("mounts: $mounts")
for dev in sts-cni0 sts-sink0; do ip link show "$dev" >/dev/null 2>&1 && problems+=("device $dev"); done
ip -o link show type veth | grep -q 'master sts-cni0' && problems+=("veth on sts-cni0")
[[ -d $run/containerd/io.containerd.grpc.v1.cri/netns ]] && problems+=("netns dir left: $(ls "$run/containerd/io.containerd.grpc.v1.cri/netns")")
[[ -n $(find /sys/fs/cgroup -type d -path '*/kubepods*' 2>/dev/null | head -n1) ]] && problems+=("kubepods cgroups")
rules=$(iptables-save 2>/dev/null; iptables-legacy-save 2>/dev/null) || true
grep -qE '^:(KUBE-|STS-TESTBED)' <<<"$rules" && problems+=("iptables chains: $(grep -oE '^:(KUBE-|STS-TESTBED)[^ ]*' <<<"$rules" | tr '\n' ' ')")
ip route | grep -qE '^(10\.244\.|10\.0\.0\.)' && problems+=("routes: $(ip route | grep -E '^(10\.244\.|10\.0\.0\.)')")

# The host as found (only recorded when the testbed was down before the suite).
if [[ -s $SNAPSHOT ]]; then
  while read -r kind what; do
    case $kind in
      link) ip link show "$what" >/dev/null 2>&1 || problems+=("link $what is gone") ;;
      sysctl) [[ "${what%%=*}=$(sysctl -n "${what%%=*}")" == "$what" ]] || problems+=("sysctl ${what%%=*} is $(sysctl -n "${what%%=*}"), was ${what#*=}") ;;
    esac
  done < <(grep -v '^#' "$SNAPSHOT")
  now=$(ip -o link show | awk -F': ' '{print $2}' | cut -d@ -f1)
  for l in $now; do grep -qx "link $l" "$SNAPSHOT" || problems+=("new link $l"); done
fi

((${#problems[@]} == 0)) || fail "left behind: $(printf '%s; ' "${problems[@]}")"
pass "nothing of the testbed left"
