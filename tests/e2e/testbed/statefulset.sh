#!/usr/bin/env bash
# Fixture setup lab04 (item 2): Lab 04's manifests apply unmodified; the three pods
# become Ready one after another and three PVCs are Bound to three different PVs.
source "$(dirname "$0")/lib.sh"

if k get namespace "$NS" >/dev/null 2>&1; then
  echo "removing namespace $NS left by an earlier run" >&2
  k delete namespace "$NS" --timeout=180s
fi
k create namespace "$NS"
k wait --for=create -n "$NS" serviceaccount/default --timeout=60s
k apply -f "$FIXTURES/headless-service.yaml"
k apply -f "$FIXTURES/statefulset.yaml"
k rollout status -n "$NS" statefulset/nginx-stateful --timeout=300s || fail "statefulset nginx-stateful not rolled out"
k get pods,pvc -n "$NS" -o wide

# OrderedReady: pod N is created only once pod N-1 is Ready.
for i in 1 2; do
  ready_prev=$(k get pod -n "$NS" "nginx-stateful-$((i - 1))" -o jsonpath='{.status.conditions[?(@.type=="Ready")].lastTransitionTime}')
  created=$(k get pod -n "$NS" "nginx-stateful-$i" -o jsonpath='{.metadata.creationTimestamp}')
  [[ -n $ready_prev && ! $created < $ready_prev ]] ||
    fail "nginx-stateful-$i created at $created, before nginx-stateful-$((i - 1)) was Ready ($ready_prev)"
  echo "nginx-stateful-$((i - 1)) Ready $ready_prev <= nginx-stateful-$i created $created"
done

pvs=()
for i in 0 1 2; do
  pvc=www-nginx-stateful-$i
  [[ $(k get pvc -n "$NS" "$pvc" -o jsonpath='{.status.phase}') == Bound ]] || fail "PVC $pvc not Bound"
  pvs+=("$(k get pvc -n "$NS" "$pvc" -o jsonpath='{.spec.volumeName}')")
done
[[ $(printf '%s\n' "${pvs[@]}" | sort -u | wc -l) == 3 ]] || fail "PVCs not bound to three different PVs: ${pvs[*]}"
pass "3 pods Ready in order, PVCs Bound to ${pvs[*]}"
