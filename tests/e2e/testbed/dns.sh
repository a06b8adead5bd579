#!/usr/bin/env bash
# Item 3: from a busybox pod (image `busybox` = :latest, so pull policy Always, as
# in the lab's `kubectl run --image=busybox`), each StatefulSet pod's DNS name
# resolves to its IP and the headless service name to all three.
source "$(dirname "$0")/lib.sh"

k delete pod -n "$NS" dns-test --ignore-not-found --wait=true
k run dns-test -n "$NS" --image=busybox --restart=Never --command -- sleep 600
trap 'k delete pod -n "$NS" dns-test --ignore-not-found --wait=false >/dev/null' EXIT
k wait -n "$NS" --for=condition=Ready pod/dns-test --timeout=120s || fail "busybox pod not Ready: $(k describe pod -n "$NS" dns-test | tail -n 5)"
[[ $(k get pod -n "$NS" dns-test -o jsonpath='{.spec.containers[0].imagePullPolicy}') == Always ]] || fail "expected pull policy Always"

ips=()
for i in 0 1 2; do
  name=nginx-stateful-$i.nginx-headless.$NS.svc.cluster.local
  ip=$(k get pod -n "$NS" "nginx-stateful-$i" -o jsonpath='{.status.podIP}')
  out=$(k exec -n "$NS" dns-test -- nslookup "$name") || fail "nslookup $name failed: $out"
  echo "$out"
  grep -q "^Address: $ip\$" <<<"$out" || fail "$name does not resolve to $ip"
  ips+=("$ip")
done
out=$(k exec -n "$NS" dns-test -- nslookup "nginx-headless.$NS.svc.cluster.local") || fail "nslookup of the headless service failed: $out"
echo "$out"
for ip in "${ips[@]}"; do grep -q "^Address: $ip\$" <<<"$out" || fail "headless service does not list $ip"; done
pass "pod names resolve to ${ips[*]}; headless service returns all three"
