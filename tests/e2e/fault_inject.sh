#!/usr/bin/env bash
# Faults never cost points (issue 10): inject one cluster fault while a grading
# run of a correct example waits on the cluster. The run must end with exactly
# the undisturbed verdicts (10/10) or NOT GRADABLE (exit 2) naming the cause —
# never a lower score — and leave no namespace behind.
#   fault_inject.sh GRADER_BIN OUT_DIR FAULT
# FAULT:
#   scheduler-pause  SIGSTOP kube-scheduler when scale-up starts (web-3, web-4
#                    are never looked at); resumed when the run ends or after 150 s
#   coredns-pause    SIGSTOP CoreDNS when the dns step starts (the grader's
#                    control lookup of kubernetes.default fails)
#   registry-pause   SIGSTOP the testbed's registry before the apply of an
#                    imagePullPolicy: Always submission (pulls hang: a transient
#                    registry fault); resumed after 40 s, so the pull recovers
#   quota-filler     after initial-ready, a PVC of the test's own takes the rest
#                    of the grader's storage quota: scale-up's claims are refused
#                    by the grader's own quota
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
grader=$1 out=$2 fault=$3
submission=$root/examples/submissions/minimal-busybox
case $fault in
  scheduler-pause) when="scale-up: scale"; component=kube-scheduler; resume_after=150 ;;
  coredns-pause) when="dns: dns-probe"; component=coredns; resume_after=150 ;;
  registry-pause) when=""; component=registry; resume_after=40
    submission=$root/examples/submissions/pull-always ;;
  quota-filler) when="snapshot-initial: snapshot"; component="" ;;
  *) echo "unknown fault $fault"; exit 64 ;;
esac
eval "$("$root/testbed/env")"
rm -rf "$out" && mkdir -p "$out"
log=$out/grader.stderr
paused=""
resume() { [[ -n $paused ]] && "$root/testbed/pause" --resume "$paused" || true; paused=""; }
trap 'resume; kill -INT ${gpid:-0} 2>/dev/null || true; wait ${gpid:-0} 2>/dev/null || true' EXIT

if [[ $fault == registry-pause ]]; then
  "$root/testbed/pause" "$component"; paused=$component; t_paused=$SECONDS
fi
extra=()
[[ $fault == quota-filler ]] && extra=(--quota) # the bound batch puts on every child
"$grader" grade "$submission" --out "$out/report" "${extra[@]}" >"$out/grader.stdout" 2>"$log" &
gpid=$!

deadline=$((SECONDS + 240))
if [[ -n $when ]]; then
  until grep -q -- "$when" "$log"; do
    kill -0 $gpid 2>/dev/null || { cat "$log"; echo "FAIL: grader exited before \"$when\""; exit 1; }
    ((SECONDS < deadline)) || { cat "$log"; echo "FAIL: no \"$when\" within 240 s"; exit 1; }
    sleep 0.1
  done
  ns=$(sed -n 's/.* in namespace \(sts-grader-[a-z0-9]*\).*/\1/p' "$log" | head -n1)
  echo "injecting $fault in $ns"
  case $fault in
    quota-filler)
      python3 - "$ns" >"$out/filler.yaml" <<'PY'
import json, subprocess, sys
ns = sys.argv[1]
q = json.loads(subprocess.check_output(["kubectl", "-n", ns, "get", "resourcequota", "sts-grader-quota", "-o", "json"]))
def gi(v):
    units = {"Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "Ti": 2**40}
    for u, m in units.items():
        if v.endswith(u): return int(float(v[:-2]) * m)
    return int(v)
hard, used = gi(q["status"]["hard"]["requests.storage"]), gi(q["status"]["used"].get("requests.storage", "0"))
left = hard - used
print(json.dumps({"apiVersion": "v1", "kind": "PersistentVolumeClaim",
                  "metadata": {"name": "fault-filler", "namespace": ns},
                  "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": str(left)}}}}))
PY
      kubectl apply -f "$out/filler.yaml" ;;
    *) "$root/testbed/pause" "$component"; paused=$component; t_paused=$SECONDS ;;
  esac
fi
while kill -0 $gpid 2>/dev/null; do
  [[ -n $paused ]] && ((SECONDS - t_paused >= resume_after)) && { echo "resuming $paused after ${resume_after}s"; resume; }
  sleep 0.5
done
set +e; wait $gpid; rc=$?; set -e
resume
trap - EXIT
ns=${ns:-$(sed -n 's/.* in namespace \(sts-grader-[a-z0-9]*\).*/\1/p' "$log" | head -n1)}
echo "grader exit $rc"
sed 's/^/  | /' "$log"
python3 - "$out/report/report.json" "$rc" "$fault" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1])); rc = int(sys.argv[2]); fault = sys.argv[3]
s = r["score"]
if rc == 0:
    bad = [c["id"] + ":" + c["status"] for c in r["checks"] if c["status"] not in ("pass", "manual")]
    assert s["gradable"] and not bad and s["earned"] == 10, "undisturbed verdicts expected, got %s %s" % (s["earned"], bad)
    print("PASS: verdicts identical to the undisturbed run: 10/10")
elif rc == 2:
    assert not s["gradable"], "exit 2 but gradable"
    reason = s.get("reason", "")
    want = {"scheduler-pause": "scheduler", "coredns-pause": "DNS", "registry-pause": "registry",
            "quota-filler": "grader-quota"}[fault]
    assert want.lower() in reason.lower(), "NOT GRADABLE, but the reason does not name %r: %s" % (want, reason)
    print("PASS: NOT GRADABLE, cause named: " + reason)
else:
    raise SystemExit("FAIL: exit %d: a fault cost the student points (earned %s)" % (rc, s.get("earned")))
EOF
# Other tests grade beside this one: only this run's namespace must be gone.
[[ -z ${ns:-} ]] || ! kubectl get ns "$ns" >/dev/null 2>&1 || { echo "FAIL: namespace $ns left behind"; exit 1; }
echo "namespace ${ns:-?} gone"
