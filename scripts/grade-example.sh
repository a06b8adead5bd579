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
given=${KUBECONFIG:-}
for a in "$@"; do case $a in --kubeconfig*|--context*) given=yes ;; esac; done
# The testbed (packages, Go build, images: the long part of a first run) comes
# up in the background while the C++ compiles: on a new machine the two
# overlap instead of adding up. Its stage lines interleave with the build's.
tb_pid=""
if [[ -z $given ]]; then
  log "starting the testbed (testbed/up, in the background)"
  "$root/testbed/up" >/dev/null &
  tb_pid=$!
fi
log "building sts-grader"
bash "$root/scripts/build.sh" sts-grader ||
  { [[ -n $tb_pid ]] && wait "$tb_pid"; exit 1; } # let up finish or fail on its own: it holds the lock
if [[ -z ${STS_HELM:-} ]] && find "$submission" -name Chart.yaml -print -quit 2>/dev/null | grep -q .; then
  log "Helm chart submission: building the pinned helm"
  STS_HELM=$(bash "$root/scripts/helm.sh")
  export STS_HELM
fi
if [[ -n $tb_pid ]]; then
  log "waiting for the testbed"
  wait "$tb_pid" || { log "ERROR: testbed/up failed (its last lines above name the log)"; exit 1; }
  eval "$("$root/testbed/env")"
fi
log "grading $submission"
# Not exec'd: the grader's report counts only its own children's CPU, and a
# child started here begins with none of the builds' CPU in its rusage.
"$root/build/sts-grader" grade "$submission" "$@" && rc=0 || rc=$?
log "done (exit $rc)"
exit $rc
