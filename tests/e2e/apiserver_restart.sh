#!/usr/bin/env bash
# Faults never cost points: restart the testbed's kube-apiserver while a grading
# run waits on the cluster (pod deleted, replacement pending). The run must
# either finish with exactly the verdicts of an undisturbed run
# (examples/expected.yaml) or end "not gradable" (exit 2) — never with a
# failed check — and must leave nothing behind.
#   apiserver_restart.sh GRADER_BIN OUT_DIR [STEP_TEXT]
# STEP_TEXT: the progress line after which the apiserver is restarted
# (default: the pod deletion of delete-pod).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
grader=$1 out=$2 when=${3:-"delete-pod: deleting pod"}
submission=$root/examples/submissions/minimal-busybox
eval "$("$root/testbed/env")"

rm -rf "$out" && mkdir -p "$out"
log=$out/grader.stderr
"$grader" grade "$submission" --out "$out/report" >"$out/grader.stdout" 2>"$log" &
gpid=$!
trap 'kill -INT $gpid 2>/dev/null || true; wait $gpid 2>/dev/null || true' EXIT

# The grader's progress is the only signal of where it is; poll its log with a
# deadline (the scenario reaches delete-pod in ~10 s on the testbed).
deadline=$((SECONDS + 240))
until grep -q -- "$when" "$log"; do
  kill -0 $gpid 2>/dev/null || { cat "$log"; echo "FAIL: grader exited before \"$when\""; exit 1; }
  ((SECONDS < deadline)) || { cat "$log"; echo "FAIL: no \"$when\" within 240 s"; exit 1; }
  sleep 0.2
done
ns=$(sed -n 's/.* in namespace \(sts-grader-[a-z0-9]*\).*/\1/p' "$log" | head -n1)
[[ -n $ns ]] || { cat "$log"; echo "FAIL: grading namespace not found in the progress"; exit 1; }
echo "restarting kube-apiserver while the grader waits in $ns"
"$root/testbed/restart" kube-apiserver

set +e
wait $gpid
rc=$?
set -e
trap - EXIT
echo "grader exit $rc"
sed 's/^/  | /' "$log"

case $rc in
  0)
    # Same verdicts as the undisturbed run (examples/expected.yaml): every
    # machine-judged check of minimal-busybox passes, 10/10.
    python3 - "$out/report/report.json" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
# "manual": an item the rubric leaves to the instructor (design answers absent).
bad = [c["id"] + ":" + c["status"] for c in r["checks"] if c["status"] not in ("pass", "manual")]
assert r["score"]["gradable"], "gradable run expected with exit 0"
assert not bad, "checks not passing after the restart: %s" % bad
assert r["score"]["earned"] == 10, "earned %s, expected 10" % r["score"]["earned"]
print("verdicts identical to the undisturbed run: 10/10")
EOF
    ;;
  2)
    grep -qi "not gradable" "$log" "$out/grader.stdout" ||
      { echo "FAIL: exit 2 without a not-gradable explanation"; exit 1; }
    if [[ -f $out/report/report.json ]]; then
      python3 - "$out/report/report.json" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
assert not r["score"]["gradable"], "exit 2 but the report says gradable"
failed = [c["id"] for c in r["checks"] if c["status"] == "fail"]
print("not gradable: %s; checks reported as failed: %s" % (r["score"]["reason"], failed))
EOF
    fi
    echo "ended not gradable, as allowed"
    ;;
  *)
    echo "FAIL: exit $rc — a cluster fault turned into a verdict against the student"
    exit 1 ;;
esac

# Nothing left behind: the namespace and every PV bound to a claim in it.
kubectl wait --for=delete "namespace/$ns" --timeout=120s >/dev/null 2>&1 || true
if kubectl get namespace "$ns" >/dev/null 2>&1; then
  echo "FAIL: namespace $ns still exists"; exit 1
fi
left=$(kubectl get pv -o jsonpath='{range .items[*]}{.spec.claimRef.namespace}{"\n"}{end}' | grep -cx "$ns" || true)
[[ $left == 0 ]] || { echo "FAIL: $left PVs of $ns left"; exit 1; }
echo "PASS: namespace $ns and its PVs gone"
