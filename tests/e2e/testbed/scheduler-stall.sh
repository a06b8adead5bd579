#!/usr/bin/env bash
# How often does the testbed's scheduler leave a StatefulSet pod unscheduled
# although its claim is Bound (issue 10; kubernetes/kubernetes#125762)? Runs the
# part of a grading run where it was seen — 3 replicas Ready, then scale to 5 —
# N times (2 namespaces at a time, like a batch), and counts the runs in which a
# pod stayed Pending with all its claims Bound for longer than 30 s.
#   scheduler-stall.sh [N]     (default 30); exit 1 if any run stalled
source "$(dirname "$0")/lib.sh"
n=${1:-30}
manifest() { # NAMESPACE
  cat <<YAML
apiVersion: v1
kind: Namespace
metadata: {name: $1, labels: {app.kubernetes.io/managed-by: sts-testbed-e2e}}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: $1}
spec: {clusterIP: None, selector: {app: web}, ports: [{port: 80, name: web}]}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web, namespace: $1}
spec:
  serviceName: web
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      terminationGracePeriodSeconds: 1
      containers:
      - name: app
        image: busybox:1.36
        command: ["sh", "-c", "trap 'exit 0' TERM; sleep 2147483647 & wait"]
        volumeMounts: [{name: data, mountPath: /data}]
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 16Mi}}}
YAML
}
# ready NS COUNT SECONDS: every pod web-0..COUNT-1 Ready within SECONDS.
ready() {
  local ns=$1 want=$2 secs=$3 t=$SECONDS
  while ((SECONDS - t < secs)); do
    [[ $(k -n "$ns" get sts web -o jsonpath='{.status.readyReplicas}' 2>/dev/null) == "$want" ]] && return 0
    sleep 0.5
  done
  return 1
}
one() { # INDEX: prints "ok <s>" or "stall <evidence>" or "slow <what>"
  local ns=stall-probe-$1 t0=$SECONDS
  manifest "$ns" | k apply -f - >/dev/null
  ready "$ns" 3 120 || { echo "slow initial: $(k -n "$ns" get pods --no-headers 2>&1 | tr '\n' ';')"; k delete ns "$ns" --wait=false >/dev/null; return; }
  k -n "$ns" scale sts web --replicas=5 >/dev/null
  if ready "$ns" 5 45; then
    echo "ok $((SECONDS - t0))s"
  else
    local ev
    ev=$(k -n "$ns" get pods -o json | python3 -c '
import json, subprocess, sys
ns = sys.argv[1]
for p in json.load(sys.stdin)["items"]:
    if p["spec"].get("nodeName"): continue
    conds = {c["type"]: c for c in p["status"].get("conditions", [])}
    claims = [v["persistentVolumeClaim"]["claimName"] for v in p["spec"].get("volumes", []) if "persistentVolumeClaim" in v]
    phases = [subprocess.run(["kubectl", "-n", ns, "get", "pvc", c, "-o", "jsonpath={.status.phase}"], capture_output=True, text=True).stdout for c in claims]
    print(p["metadata"]["name"], "claims", dict(zip(claims, phases)), "PodScheduled:", conds.get("PodScheduled", {}).get("message", "none"))
' "$ns")
    if grep -q "Bound" <<<"$ev"; then echo "stall $ev"; else echo "slow scale-up: $ev"; fi
  fi
  k delete ns "$ns" --wait=false >/dev/null
}
stalls=0 slow=0 ok=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for ((i = 1; i <= n; i += 2)); do
  one "$i" >"$tmp/$i" &
  ((i + 1 <= n)) && one $((i + 1)) >"$tmp/$((i + 1))"
  wait
  for f in "$tmp/$i" "$tmp/$((i + 1))"; do
    [[ -s $f ]] || continue
    r=$(cat "$f")
    echo "$r"
    case $r in ok*) ok=$((ok + 1)) ;; stall*) stalls=$((stalls + 1)) ;; *) slow=$((slow + 1)) ;; esac
  done
done
# Let the namespaces and their volumes go before the next test.
for ((i = 1; i <= n; i++)); do k wait --for=delete "ns/stall-probe-$i" --timeout=120s >/dev/null 2>&1 || true; done
echo "scheduler stall: $stalls of $((ok + stalls + slow)) scale-ups stalled ($slow slow for other reasons)"
((stalls == 0)) || fail "$stalls stalls"
pass "no stall in $n scale-ups"
