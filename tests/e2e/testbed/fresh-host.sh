#!/usr/bin/env bash
# testbed-fresh-host-warm-go-cache: make this host as fresh as a new machine for
# the testbed, for real, then bring the testbed up and require a Ready node.
# The only proof that the README's first command works on a new machine.
#   - testbed/down --purge (processes, mounts, devices, iptables, cluster state);
#   - remove the testbed's log, state, run and cache folders (built binaries and
#     images included: they are rebuilt);
#   - apt-get remove the Debian packages a stock machine lacks and testbed/up
#     installs (TB_HOST_PACKAGES in testbed/lib.sh);
#   - KEPT (hence the test's name): Go's build and module caches, so CI rebuilds
#     the binaries in minutes instead of ~30. A cold Go cache differs only in time
#     (measured in README.md "A new machine").
# Then testbed/up; its stage lines are this test's output.
# STS_FRESH_HOST=skip skips it (exit 77) on a developer's machine that must keep
# its packages; CI never sets it.
# testbed/lib.sh for TB_* (first: the test lib's fail/pass must win).
source "$(dirname "$0")/../../../testbed/lib.sh"
source "$(dirname "$0")/lib.sh"
[[ ${STS_FRESH_HOST:-} == skip ]] && { echo "SKIPPED: STS_FRESH_HOST=skip"; exit 77; }

t0=$SECONDS
"$TESTBED/down" --purge || fail "testbed/down --purge failed"
rm -rf "$TB_LOGS" "$TB_STATE" "$TB_RUN" "$TB_CACHE"
installed=()
for p in "${TB_HOST_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' && installed+=("$p")
done
if ((${#installed[@]})); then
  echo "removing ${installed[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get remove -y -q "${installed[@]}" >/tmp/sts-fresh-host-apt.log 2>&1 ||
    fail "apt-get remove ${installed[*]} failed (log: /tmp/sts-fresh-host-apt.log)"
fi
# Really fresh: none of it is left.
for b in containerd runc ctr; do command -v "$b" >/dev/null && fail "$b still on PATH after removing packages"; done
[[ -d /usr/lib/cni ]] && [[ -n $(ls /usr/lib/cni 2>/dev/null) ]] && fail "/usr/lib/cni still holds CNI plugins"
for d in "$TB_LOGS" "$TB_STATE" "$TB_RUN" "$TB_CACHE"; do [[ -e $d ]] && fail "$d still exists"; done
echo "host made fresh in $((SECONDS - t0))s"

# The host as a new machine has it, for the down test (tests/e2e/testbed/down.sh).
{ echo "# host before testbed/up (fresh-host)"; ip -o link show | awk -F': ' '{print "link " $2}' | cut -d@ -f1
  for s in kernel.panic kernel.panic_on_oops vm.overcommit_memory net.ipv4.ip_forward; do echo "sysctl $s=$(sysctl -n $s)"; done
} >"$SNAPSHOT"

t1=$SECONDS
out=$(STS_T0=$(date +%s) "$TESTBED/up") || fail "testbed/up on the fresh host exited non-zero (logs: $TB_LOGS)"
[[ $(tail -n1 <<<"$out") == "$TB_KUBECONFIG" ]] || fail "up did not print the kubeconfig"
eval "$("$TESTBED/env")"
node=$(hostname | tr '[:upper:]' '[:lower:]')
[[ $(kubectl get node "$node" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}') == True ]] ||
  fail "node $node not Ready after up on a fresh host"
for p in "${TB_HOST_PACKAGES[@]}"; do
  [[ $p == busybox-static ]] && continue # only installed when no busybox exists
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || fail "up did not install $p"
done
pass "fresh host: made fresh in $((t1 - t0))s, testbed/up in $((SECONDS - t1))s, node $node Ready"
