#!/usr/bin/env bash
# Installs Debian packages: scripts/apt-install.sh PKG...
# scripts/deps.sh and testbed/up run at the same time on a new machine (the
# README's first command overlaps them). DPkg::Lock::Timeout waits for the dpkg
# lock but not for /var/lib/apt/lists/lock, so a concurrent `apt-get update`
# fails at once (measured, apt 2.6.1): both callers queue on one flock instead.
set -euo pipefail
(($#)) || { echo "apt-install: no packages named" >&2; exit 64; }
export DEBIAN_FRONTEND=noninteractive
exec 9>/var/lock/sts-grader-apt.lock
flock -w 1800 9 || { echo "apt-install: waited 1800 s for /var/lock/sts-grader-apt.lock (another apt run of this project)" >&2; exit 1; }
apt-get -o DPkg::Lock::Timeout=900 update -q
apt-get -o DPkg::Lock::Timeout=900 install -y -q --no-install-recommends "$@"
