#!/usr/bin/env bash
# Sets everything up on a fresh machine and grades an example submission.
#   scripts/grade-example.sh [SUBMISSION] [sts-grader grade options…]
# With no --kubeconfig/--context and no $KUBECONFIG, it starts the embedded
# testbed cluster (testbed/up) and grades against it. Reports land in
# ./sts-grader-report/ (STATEFULSET.md, report.json, junit.xml).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
submission=${1:-$root/examples/submissions/minimal-busybox}
shift || true
bash "$root/scripts/build.sh"
# Helm chart submissions (Lab 15) render with the pinned helm, built once and cached.
STS_HELM=${STS_HELM:-$(bash "$root/scripts/helm.sh")}
export STS_HELM
given=${KUBECONFIG:-}
for a in "$@"; do case $a in --kubeconfig*|--context*) given=yes ;; esac; done
if [[ -z $given ]]; then
  "$root/testbed/up" >/dev/null
  eval "$("$root/testbed/env")"
fi
exec "$root/build/sts-grader" grade "$submission" "$@"
