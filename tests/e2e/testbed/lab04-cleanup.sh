#!/usr/bin/env bash
# Fixture cleanup lab04: delete the lab namespace and wait until its PVs (and with
# them the hostpath directories) are gone.
source "$(dirname "$0")/lib.sh"
pvs=$(k get pv -o jsonpath="{range .items[?(@.spec.claimRef.namespace==\"$NS\")]}{.metadata.name}{\"\\n\"}{end}")
k delete namespace "$NS" --ignore-not-found --timeout=180s || fail "namespace $NS not deleted"
for pv in $pvs; do
  k wait --for=delete "pv/$pv" --timeout=120s || fail "PV $pv not deleted"
done
pass "namespace $NS and PVs ${pvs//$'\n'/ } deleted"
