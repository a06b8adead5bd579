#!/usr/bin/env bash
# Runs a command against the testbed: its kubeconfig and its kubectl on PATH.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
eval "$("$root/testbed/env")"
exec "$@"
