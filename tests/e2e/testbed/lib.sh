# shellcheck shell=bash
# Shared by the testbed e2e tests: the testbed's kubectl and kubeconfig, and
# helpers that end a test with one line saying what failed.
set -euo pipefail
TESTS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$TESTS_DIR/../../.." && pwd)
TESTBED=$REPO/testbed
FIXTURES=$TESTS_DIR/fixtures
eval "$("$TESTBED/env")"
NS=statefulset-lab
# Host facts recorded by the up test, checked by the down test.
SNAPSHOT=${TESTBED_SNAPSHOT:-/tmp/sts-testbed-e2e-snapshot}

fail() { echo "FAIL: $*" >&2; exit 1; }
pass() { echo "PASS: $*"; exit 0; }
k() { kubectl "$@"; }
