#!/usr/bin/env bash
# The grader's least-privilege identity (deploy/rbac, docs/least-privilege.md)
# on the testbed: apply the manifests, mint a token for the ServiceAccount,
# then prove with a kubeconfig of that token that
#   (a) kubectl auth can-i answers yes for what the grader needs and no for
#       cluster objects it must not touch;
#   (b) real writes outside sts-grader-* are refused (by RBAC or by the
#       ValidatingAdmissionPolicy, each refusal's message checked);
#   (c) a full grading run of minimal-busybox ends 10/10, exit 0, and leaves
#       no namespace behind;
#   (d) with one permission taken away, preflight names it and refuses the run.
# Creates cluster-scoped objects: RESOURCE_LOCK cluster. Removes everything it
# created, on failure too.
#   least_privilege.sh GRADER_BIN OUT_DIR
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
grader=$1 out=$2
eval "$("$root/testbed/env")"
admin=$KUBECONFIG
rm -rf "$out" && mkdir -p "$out"
sa_kc=$out/sts-grader.kubeconfig
probe=sts-grader-lp-probe-$$         # names of objects a broken policy would let through
evil_ns=sts-grader-lp-privileged-$$
victim_ns=lp-victim-$$               # an ordinary namespace the grader must not delete
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }

# Someone else's identity of the same name is not ours to replace or remove.
if kubectl get clusterrole sts-grader >/dev/null 2>&1 || kubectl get ns sts-grader-system >/dev/null 2>&1; then
  echo "FAIL: clusterrole sts-grader or namespace sts-grader-system exists already; not touching it"
  exit 1
fi

cleanup() {
  set +e
  export KUBECONFIG=$admin
  # Left by the grading runs only if cleanup failed; created by this test.
  for ns in $(sed -n 's/.* in namespace \(sts-grader-[a-z0-9]*\).*/\1/p' "$out"/*.stderr 2>/dev/null | sort -u); do
    kubectl delete ns "$ns" --ignore-not-found --wait=false >/dev/null
  done
  kubectl delete configmap "$probe" -n default --ignore-not-found >/dev/null
  kubectl delete configmap "$probe" -n kube-system --ignore-not-found >/dev/null
  kubectl delete clusterrolebinding "$probe" --ignore-not-found >/dev/null
  kubectl delete ns not-ours "$evil_ns" "$victim_ns" --ignore-not-found --wait=false >/dev/null 2>&1
  kubectl delete -k "$root/deploy/rbac" --ignore-not-found --wait=true >/dev/null
}
trap cleanup EXIT

kubectl apply -k "$root/deploy/rbac"

# A kubeconfig with the ServiceAccount's token and the testbed's server and CA.
token=$(kubectl create token sts-grader -n sts-grader-system --duration=1h)
server=$(kubectl config view --raw --minify -o jsonpath='{.clusters[0].cluster.server}')
ca_data=$(kubectl config view --raw --minify -o jsonpath='{.clusters[0].cluster.certificate-authority-data}')
ca_file=$(kubectl config view --raw --minify -o jsonpath='{.clusters[0].cluster.certificate-authority}')
[[ -n $ca_data ]] || ca_data=$(base64 -w0 <"$ca_file")
cat >"$sa_kc" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: testbed
  cluster: {server: "$server", certificate-authority-data: "$ca_data"}
users:
- name: sts-grader
  user: {token: "$token"}
contexts:
- name: sts-grader
  context: {cluster: testbed, user: sts-grader}
current-context: sts-grader
EOF
chmod 600 "$sa_kc"
as_grader() { kubectl --kubeconfig "$sa_kc" "$@"; }
[[ $(as_grader auth whoami -o jsonpath='{.status.userInfo.username}') == system:serviceaccount:sts-grader-system:sts-grader ]] ||
  { echo "FAIL: the kubeconfig is not the ServiceAccount's"; exit 1; }

# The policy takes effect a moment after it is created: wait until a dry-run
# write in default (which RBAC alone allows) is refused by it.
deadline=$((SECONDS + 60))
while :; do
  msg=$(as_grader create configmap "$probe" -n default --dry-run=server 2>&1 || true)
  grep -q "sts-grader may write only" <<<"$msg" && break
  if ((SECONDS >= deadline)); then
    echo "FAIL: the admission policy never took effect; last answer: $msg"
    kubectl get validatingadmissionpolicy sts-grader-confine -o jsonpath='{.status}'; echo
    exit 1
  fi
  sleep 1
done
ok "admission policy sts-grader-confine in effect"

echo "--- (a) kubectl auth can-i as the ServiceAccount"
can() { # expected verb resource [flags…]
  local want=$1 got
  shift
  got=$(as_grader auth can-i "$@" 2>/dev/null || true)
  if [[ $got == "$want" ]]; then ok "can-i $* -> $got"; else fail "can-i $* -> $got, expected $want"; fi
}
g=sts-grader-anything
can yes create namespaces
can yes delete namespaces
can yes delete persistentvolumes
can yes list storageclasses.storage.k8s.io
can yes create pods -n $g
can yes delete pods -n $g
can yes create pods --subresource=exec -n $g
can yes get pods --subresource=log -n $g
can yes patch statefulsets.apps -n $g
can yes create resourcequotas -n $g
can yes create rolebindings.rbac.authorization.k8s.io -n $g
can no create clusterrolebindings.rbac.authorization.k8s.io
can no create clusterroles.rbac.authorization.k8s.io
can no create validatingadmissionpolicies.admissionregistration.k8s.io
can no delete validatingadmissionpolicybindings.admissionregistration.k8s.io
can no update namespaces
can no patch namespaces
can no create persistentvolumes
can no delete nodes
can no create pods --subresource=attach -n $g
can no create pods --subresource=portforward -n $g
can no create serviceaccounts --subresource=token -n sts-grader-system
can no deletecollection pods -n $g
can no update pods -n $g
can no impersonate users
can no escalate roles.rbac.authorization.k8s.io -n $g
can no bind clusterroles.rbac.authorization.k8s.io
# RBAC alone cannot name a namespace prefix: for the namespaced verbs it says
# yes everywhere, and the policy refuses the write itself (b). Shown, not hidden.
echo "info: can-i create configmaps -n default (RBAC only, admission not asked): $(as_grader auth can-i create configmaps -n default 2>/dev/null || true)"

echo "--- (b) real attempts as the ServiceAccount"
refused() { # what expected-message command…
  local what=$1 want=$2 msg
  shift 2
  if msg=$(as_grader "$@" 2>&1); then
    fail "$what was allowed: $msg"
  elif grep -q -- "$want" <<<"$msg"; then
    ok "$what refused: $(tr '\n' ' ' <<<"$msg" | cut -c1-220)"
  else
    fail "$what refused, but not for the expected reason ($want): $msg"
  fi
}
refused "create namespace not-ours" "may create or delete only namespaces named sts-grader-" create namespace not-ours
# default is immortal anyway (NamespaceLifecycle refuses before the policy is
# asked); a namespace of ordinary name shows the policy's own refusal.
refused "delete namespace default" "may not be deleted\|may create or delete only namespaces named sts-grader-" \
  delete namespace default --wait=false
kubectl create namespace "$victim_ns" >/dev/null
refused "delete namespace $victim_ns" "may create or delete only namespaces named sts-grader-" \
  delete namespace "$victim_ns" --wait=false
kubectl get namespace "$victim_ns" -o jsonpath='{.status.phase}' | grep -qx Active &&
  ok "namespace $victim_ns still Active" || fail "namespace $victim_ns not Active after the refused delete"
refused "create configmap in default" "may write only in namespaces named sts-grader-" create configmap "$probe" -n default
refused "create configmap in kube-system" "may write only in namespaces named sts-grader-" create configmap "$probe" -n kube-system
refused "create configmap in sts-grader-system" "may write only in namespaces named sts-grader-" \
  create configmap "$probe" -n sts-grader-system
refused "create clusterrolebinding" "forbidden" \
  create clusterrolebinding "$probe" --clusterrole=cluster-admin --serviceaccount=sts-grader-system:sts-grader
refused "create a namespace without Pod Security baseline" "must carry pod-security.kubernetes.io/enforce" \
  create namespace "$evil_ns"
refused "create serviceaccount token" "forbidden" create token sts-grader -n sts-grader-system
echo "--- (c) a full grading run as the ServiceAccount"
set +e
"$grader" grade "$root/examples/submissions/minimal-busybox" --kubeconfig "$sa_kc" \
  --out "$out/report" >"$out/grade.stdout" 2>"$out/grade.stderr"
rc=$?
set -e
sed 's/^/  | /' "$out/grade.stderr"
grep -E '^[0-9.]+/[0-9.]+ ' "$out/grade.stdout" | sed 's/^/  | /' || true
ns=$(sed -n 's/.* in namespace \(sts-grader-[a-z0-9]*\).*/\1/p' "$out/grade.stderr" | head -n1)
[[ $rc == 0 ]] && ok "grade exit 0" || fail "grade exit $rc"
if python3 - "$out/report/report.json" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
bad = [c["id"] + ":" + c["status"] for c in r["checks"] if c["status"] not in ("pass", "manual")]
assert r["score"]["gradable"], "not gradable"
assert not bad, "checks not passing: %s" % bad
assert r["score"]["earned"] == 10, "earned %s, expected 10" % r["score"]["earned"]
print("report.json: 10/10, every machine-judged check passes")
EOF
then ok "score 10/10"; else fail "score (report.json above)"; fi
if grep -q "your credentials lack" "$out/grade.stderr" "$out/grade.stdout"; then
  fail "preflight found a permission missing in the shipped ClusterRole"
fi
if [[ -z $ns ]]; then
  fail "no grading namespace in the progress"
elif KUBECONFIG=$admin kubectl get ns "$ns" >/dev/null 2>&1; then
  fail "namespace $ns left behind"
else
  ok "namespace $ns gone after the run"
fi

echo "--- (d) one permission taken away: preflight names it"
sed -e '/resources: \[pods\/exec\]/{n;s/verbs: \[create, get\]/verbs: [get]/}' \
  "$root/deploy/rbac/clusterrole.yaml" >"$out/clusterrole-no-exec.yaml"
! cmp -s "$root/deploy/rbac/clusterrole.yaml" "$out/clusterrole-no-exec.yaml" ||
  { fail "could not derive the reduced ClusterRole"; exit 1; }
kubectl apply -f "$out/clusterrole-no-exec.yaml" >/dev/null
deadline=$((SECONDS + 30))
until [[ $(as_grader auth can-i create pods --subresource=exec -n $g 2>/dev/null) == no ]]; do
  ((SECONDS < deadline)) || { fail "reduced ClusterRole never took effect"; break; }
  sleep 1
done
set +e
"$grader" grade "$root/examples/submissions/minimal-busybox" --kubeconfig "$sa_kc" \
  --out "$out/report-no-exec" >"$out/grade-no-exec.stdout" 2>"$out/grade-no-exec.stderr"
rc=$?
set -e
line=$(grep -h "your credentials lack" "$out/grade-no-exec.stderr" "$out/grade-no-exec.stdout" | head -n1)
echo "  | $line"
[[ $rc == 2 ]] && ok "grade exit 2 (not gradable)" || fail "grade exit $rc, expected 2"
[[ $line == *"pods/exec in sts-grader-*: create"* ]] && ok "preflight names pods/exec create" ||
  fail "preflight line does not name pods/exec create"
[[ $line != *"namespaces"* ]] || fail "preflight names more than what is missing"
grep -q " in namespace sts-grader-" "$out/grade-no-exec.stderr" && fail "a namespace was created despite the refusal"
kubectl apply -f "$root/deploy/rbac/clusterrole.yaml" >/dev/null

echo
if ((failures)); then echo "least_privilege: $failures FAILED"; exit 1; fi
echo "least_privilege: every check passed"
