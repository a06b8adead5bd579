#!/usr/bin/env bash
# Sets everything up on a fresh machine and grades an example submission.
#   scripts/grade-example.sh [SUBMISSION] [sts-grader grade options…]
# With no --kubeconfig/--context and no $KUBECONFIG, it starts the embedded
# testbed cluster (testbed/up) and grades against it. Reports land in
# ./sts-grader-report/ (STATEFULSET.md, report.json, junit.xml).
# It builds only what this run needs: the sts-grader binary (not the tests),
# helm only for a Helm chart submission, the testbed only when no cluster is given.
# Every stage prints one line with the elapsed time; long stages add one a minute.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
export STS_T0=${STS_T0:-$(date +%s)}
log() { printf 'grade-example: [%5ss] %s\n' "$(($(date +%s) - STS_T0))" "$*" >&2; }
submission=${1:-$root/examples/submissions/minimal-busybox}
shift || true
[[ -e $submission ]] || { echo "grade-example: no such submission: $submission" >&2; exit 64; }
log "building sts-grader"
bash "$root/scripts/build.sh" sts-grader
if [[ -z ${STS_HELM:-} ]] && find "$submission" -name Chart.yaml -print -quit 2>/dev/null | grep -q .; then
  log "Helm chart submission: building the pinned helm"
  STS_HELM=$(bash "$root/scripts/helm.sh")
  export STS_HELM
fi
given=${KUBECONFIG:-}
for a in "$@"; do case $a in --kubeconfig*|--context*) given=yes ;; esac; done
if [[ -z $given ]]; then
  log "starting the testbed (testbed/up)"
  "$root/testbed/up" >/dev/null
  eval "$("$root/testbed/env")"
fi
log "grading $submission"
# Not exec'd: the grader's report counts only its own children's CPU, and a
# child started here begins with none of the builds' CPU in its rusage.
"$root/build/sts-grader" grade "$submission" "$@" && rc=0 || rc=$?
log "done (exit $rc)"
exit $rc
