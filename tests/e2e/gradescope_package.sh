#!/usr/bin/env bash
# The Gradescope autograder package, end to end on the testbed: build it with
# `sts-grader gradescope-package`, run its setup.sh and run_autograder in a
# folder laid out like Gradescope's /autograder (AUTOGRADER_ROOT), for a
# correct and a broken example, and require results.json to carry grade's
# score (examples/expected.yaml) with a test per rubric item.
#   gradescope_package.sh GRADER_BIN OUT_DIR
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
grader=$1 out=$2
eval "$("$root/testbed/env")"

rm -rf "$out" && mkdir -p "$out"
"$grader" gradescope-package --kubeconfig "$KUBECONFIG" --out "$out/package"
# The zip form too: setup.sh and run_autograder at the archive's root.
"$grader" gradescope-package --kubeconfig "$KUBECONFIG" --out "$out/autograder.zip"
python3 - "$out/autograder.zip" <<'PY'
import sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).namelist()
for need in ("setup.sh", "run_autograder", "bin/sts-grader", "kubeconfig"):
    assert need in names, (need, names[:20])
PY

fail=0
for example in minimal-busybox wrong-service-name; do
  ag=$out/$example/autograder
  mkdir -p "$ag/submission"
  cp -a "$out/package" "$ag/source"
  cp -a "$root/examples/submissions/$example/." "$ag/submission/"
  bash "$ag/source/setup.sh" >"$out/$example/setup.log" 2>&1 || { cat "$out/$example/setup.log"; echo "FAIL: setup.sh"; exit 1; }
  set +e
  AUTOGRADER_ROOT=$ag "$ag/source/run_autograder" >"$out/$example/stdout" 2>&1
  rc=$?
  set -e
  expected=$(awk -v ex="$example:" '$1 == ex {f=1} f && $1 == "earned:" {print $2; exit}' "$root/examples/expected.yaml")
  if ! python3 - "$ag/results/results.json" "$expected" "$root/rubrics/lab04-section3.yaml" <<'PY'
import json, sys, yaml
results = json.load(open(sys.argv[1]))
expected = float(sys.argv[2])
rubric = yaml.safe_load(open(sys.argv[3]))
assert results["score"] == expected, ("score", results["score"], "expected", expected)
assert results["output_format"] == "md" and results["output"].startswith("# StatefulSet report"), results["output"][:80]
items = rubric["items"]
assert len(results["tests"]) == len(items), (len(results["tests"]), len(items))
for t, item in zip(results["tests"], items):
    want = "after_published" if item.get("hidden") else "visible"
    assert t["visibility"] == want, (t["name"], t["visibility"])
    assert t["max_score"] == float(item["points"]), (t["name"], t["max_score"])
scored = sum(t.get("score", 0) for t in results["tests"])
assert abs(scored - results["score"]) < 1e-9, (scored, results["score"])
print("ok:", results["score"], "points,", len(results["tests"]), "tests")
PY
  then
    echo "FAIL: $example (run_autograder exit $rc)"; tail -n 40 "$out/$example/stdout"; fail=1
  else
    echo "$example: run_autograder exit $rc, results.json score $expected as grade gives"
  fi
done
exit $fail
