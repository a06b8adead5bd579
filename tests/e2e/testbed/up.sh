#!/usr/bin/env bash
# Fixture setup (item 1): testbed/up brings up a node; kubectl sees it Ready and
# `kubectl version` reports client and server versions. A second up is a no-op.
source "$(dirname "$0")/lib.sh"

# Record the host as found, for the down test (only meaningful if it was down).
if "$TESTBED/status" --quiet; then
  # testbed-fresh-host took the snapshot before its up (this CTest run: < 2 h old).
  if [[ -n $(find "$SNAPSHOT" -mmin -120 2>/dev/null) ]] && grep -q fresh-host "$SNAPSHOT"; then
    echo "testbed brought up by testbed-fresh-host: the down test checks the host as it found it" >&2
  else
    echo "testbed already up: the down test checks our own leftovers only" >&2
    : >"$SNAPSHOT"
  fi
else
  { echo "# host before testbed/up"; ip -o link show | awk -F': ' '{print "link " $2}' | cut -d@ -f1
    for s in kernel.panic kernel.panic_on_oops vm.overcommit_memory net.ipv4.ip_forward; do echo "sysctl $s=$(sysctl -n $s)"; done
  } >"$SNAPSHOT"
fi

out=$("$TESTBED/up") || fail "testbed/up exited non-zero"
kubeconfig=$(tail -n1 <<<"$out")
[[ $kubeconfig == "$KUBECONFIG" && -f $kubeconfig ]] || fail "last stdout line of up is '$kubeconfig', want the kubeconfig path $KUBECONFIG"

node=$(hostname | tr '[:upper:]' '[:lower:]')
k get nodes
[[ $(k get node "$node" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}') == True ]] || fail "node $node not Ready"
version=$(k version) || fail "kubectl version failed"
echo "$version"
grep -q '^Client Version: v1\.33\.' <<<"$version" || fail "no client version v1.33.x"
grep -q '^Server Version: v1\.33\.' <<<"$version" || fail "no server version v1.33.x"

# Network safety, checked by route lookups (no packet is sent): service and
# pod addresses never route via the default route.
for addr in 10.0.0.77 10.244.9.9; do
  dev=$(ip -4 route get "$addr" | grep -o 'dev [^ ]*' | cut -d' ' -f2)
  [[ $dev == sts-sink0 ]] || fail "$addr routes via '$dev', want sts-sink0"
done
dev=$(ip -4 route get 10.244.0.200 | grep -o 'dev [^ ]*' | cut -d' ' -f2)
[[ $dev == sts-cni0 || $dev == sts-sink0 ]] || fail "pod address routes via '$dev'"
iptables -t mangle -C POSTROUTING -j STS-TESTBED-GUARD 2>/dev/null || fail "guard chain not hooked into mangle POSTROUTING"

start=$SECONDS
out=$("$TESTBED/up") || fail "second testbed/up failed"
[[ $(tail -n1 <<<"$out") == "$KUBECONFIG" ]] || fail "second up did not print the kubeconfig"
((SECONDS - start < 10)) || fail "second up took $((SECONDS - start))s, want a quick no-op"
"$TESTBED/status" || fail "status says down after up"
pass "node $node Ready, client and server v1.33, second up a no-op"
