#!/usr/bin/env bash
# Item 4: kubectl exec works; a deleted StatefulSet pod comes back under the same
# name, bound to the same PVC and volume, with its files intact.
source "$(dirname "$0")/lib.sh"
pod=nginx-stateful-1

out=$(k exec -n "$NS" "$pod" -- cat /usr/share/nginx/html/index.html) || fail "kubectl exec failed"
echo "$out"
grep -q "^Pod: $pod\$" <<<"$out" || fail "index.html does not name $pod"
k exec -n "$NS" "$pod" -- sh -c 'echo kept > /usr/share/nginx/html/marker.txt' || fail "cannot write to the volume"

uid=$(k get pod -n "$NS" "$pod" -o jsonpath='{.metadata.uid}')
volume=$(k get pvc -n "$NS" "www-$pod" -o jsonpath='{.spec.volumeName}')
k delete pod -n "$NS" "$pod" --timeout=120s
k wait -n "$NS" --for=create "pod/$pod" --timeout=60s
k wait -n "$NS" --for=condition=Ready "pod/$pod" --timeout=120s || fail "$pod did not come back Ready"

[[ $(k get pod -n "$NS" "$pod" -o jsonpath='{.metadata.uid}') != "$uid" ]] || fail "$pod has its old UID: not recreated"
claim=$(k get pod -n "$NS" "$pod" -o jsonpath='{.spec.volumes[?(@.name=="www")].persistentVolumeClaim.claimName}')
[[ $claim == "www-$pod" ]] || fail "recreated $pod uses claim '$claim'"
[[ $(k get pvc -n "$NS" "www-$pod" -o jsonpath='{.spec.volumeName}') == "$volume" ]] || fail "PVC www-$pod no longer bound to $volume"
[[ $(k exec -n "$NS" "$pod" -- cat /usr/share/nginx/html/marker.txt) == kept ]] || fail "file written before deletion is gone"
pass "$pod recreated (new UID) on PVC www-$pod / $volume with its files"
