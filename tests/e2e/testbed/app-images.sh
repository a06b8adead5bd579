#!/usr/bin/env bash
# The application images of testbed/images.sh, run as Labs 06 and 15 run them
# (fixtures/app-images.yaml): postgres answers pg_isready and psql, redis
# redis-cli ping, user-api, cache-api and the visits counter answer HTTP from a
# busybox pod, the task worker drains a Redis list. Data survives a pod
# deletion: postgres rows, redis keys and queued tasks, the visit count.
source "$(dirname "$0")/lib.sh"
NS=app-images-e2e

cleanup() { k delete namespace "$NS" --ignore-not-found --timeout=180s >/dev/null || echo "warning: namespace $NS not deleted" >&2; }
if k get namespace "$NS" >/dev/null 2>&1; then
  echo "removing namespace $NS left by an earlier run" >&2
  k delete namespace "$NS" --timeout=180s
fi
k create namespace "$NS"
trap cleanup EXIT
k wait --for=create -n "$NS" serviceaccount/default --timeout=60s
k apply -n "$NS" -f "$FIXTURES/app-images.yaml"
for w in statefulset/postgres statefulset/redis statefulset/visits deployment/user-api deployment/cache-api deployment/task-worker; do
  k rollout status -n "$NS" "$w" --timeout=240s || fail "$w not ready: $(k get pods -n "$NS" --no-headers | tr -s ' \n' ' ;')"
done
k wait -n "$NS" --for=condition=Ready pod/client --timeout=60s

# HTTP from the busybox pod (its wget segfaults with -T: the host's timeout bounds it).
get() { timeout 30 kubectl exec -n "$NS" client -- wget -q -O - "$1"; }
post() { timeout 30 kubectl exec -n "$NS" client -- wget -q -O - --post-data= "$1"; }
in_pod() { k exec -n "$NS" "$@"; }
expect() { # WHAT OUTPUT WANTED-SUBSTRING
  [[ $2 == *"$3"* ]] || fail "$1: got '$2', want it to contain '$3'"
  echo "ok: $1: $2"
}
# restart POD: delete a StatefulSet pod and wait for its successor to be Ready.
restart() {
  k delete pod -n "$NS" "$1" --timeout=60s
  k wait -n "$NS" --for=create "pod/$1" --timeout=60s
  k wait -n "$NS" --for=condition=Ready "pod/$1" --timeout=120s || fail "$1 not Ready again after deletion"
}
# worker_log PATTERN: follows the worker's log until a line matches (60 s at most).
worker_log() {
  local fd pid line
  exec {fd}< <(timeout 60 kubectl logs -n "$NS" deployment/task-worker -f --tail=-1)
  pid=$!
  while IFS= read -r -u "$fd" line; do
    [[ $line == *"$1"* ]] && { kill "$pid" 2>/dev/null; exec {fd}<&-; echo "ok: worker log: $line"; return 0; }
  done
  exec {fd}<&-
  fail "no worker log line '$1' within 60s"
}

# postgres + user-api (Lab 06 section 1, level2: psql -U postgres -d kubecoin)
expect "pg_isready" "$(in_pod postgres-0 -- pg_isready -U postgres)" "accepting connections"
expect "psql" "$(in_pod postgres-0 -- psql -U postgres -d kubecoin -tAc 'SELECT 40 + 2')" 42
expect "user-api /health" "$(get http://user-api:8000/health)" '"status":"healthy","database":"connected"'
expect "user-api POST /users" "$(post 'http://user-api:8000/users?name=Alice&email=alice@example.com')" '"message":"User created successfully"'
expect "user-api GET /users" "$(get http://user-api:8000/users)" '"count":1'

# redis + cache-api + task-worker (Lab 06 sections 2 and 3)
expect "redis-cli ping" "$(in_pod redis-0 -- redis-cli ping)" PONG
expect "cache-api /health" "$(get http://cache-api:8000/health)" '"redis":"connected"'
expect "cache-api POST" "$(post http://cache-api:8000/cache/mykey/myvalue)" '"status":"stored"'
expect "cache-api GET" "$(get http://cache-api:8000/cache/mykey)" '{"key":"mykey","value":"myvalue","status":"found"}'
in_pod redis-0 -- redis-cli lpush tasks e2e-1 e2e-2 >/dev/null
worker_log "processed task e2e-2"
expect "processed set" "$(in_pod redis-0 -- redis-cli smembers processed | sort | tr '\n' ' ')" "e2e-1 e2e-2"

# visits counter (Lab 15 task 3); by pod IP, as a cached DNS answer may still
# name the deleted pod.
ip=$(k get pod -n "$NS" visits-0 -o jsonpath='{.status.podIP}')
get "http://$ip:8000/" >/dev/null
expect "visits GET /" "$(get "http://$ip:8000/")" '"hostname":"visits-0","visits":2'
expect "visits GET /visits" "$(get "http://$ip:8000/visits")" '"visits":2'

# Persistence across pod deletion. Tasks queued while no worker runs must
# outlive the Redis pod too.
k scale -n "$NS" deployment/task-worker --replicas=0
k wait -n "$NS" --for=delete pod -l app=task-worker --timeout=60s
in_pod redis-0 -- redis-cli lpush tasks e2e-3 >/dev/null
restart postgres-0
restart redis-0
restart visits-0
expect "postgres rows after restart" "$(in_pod postgres-0 -- psql -U postgres -d kubecoin -tAc 'SELECT name FROM users')" Alice
expect "queued task after redis restart" "$(in_pod redis-0 -- redis-cli lrange tasks 0 -1)" e2e-3
expect "cache key after redis restart" "$(in_pod redis-0 -- redis-cli get mykey)" myvalue
ip=$(k get pod -n "$NS" visits-0 -o jsonpath='{.status.podIP}')
expect "visits after restart" "$(get "http://$ip:8000/visits")" '"visits":2'
expect "/data/visits" "$(in_pod visits-0 -- cat /data/visits)" 2
k scale -n "$NS" deployment/task-worker --replicas=1
k rollout status -n "$NS" deployment/task-worker --timeout=120s
worker_log "processed task e2e-3"
pass "postgres, redis, user-api, cache-api, task-worker and visits-app answer; data survives pod deletion"
