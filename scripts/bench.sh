#!/usr/bin/env bash
# The benchmark of issue 15: how long grading takes, where the time goes, and
# how sts-grader compares with the same cluster work written as a Kyverno
# Chainsaw test (bench/chainsaw/lab04).
#
#   scripts/bench.sh [-n N] [--chainsaw] [SUBMISSION]
#       N times (default 3) `build/sts-grader grade SUBMISSION --out <tmp>/run-i --quiet`
#       (default SUBMISSION: examples/submissions/minimal-busybox); with --chainsaw
#       each run is followed by `chainsaw test bench/chainsaw/lab04` (built by
#       scripts/chainsaw.sh; that test covers minimal-busybox only).
#   scripts/bench.sh --batch [-n N]
#       N rounds (default 1) of `build/sts-grader batch` over the Lab 04 examples
#       (examples/expected.yaml: no rubric of their own, and reaching the cluster)
#       with --parallel 4, against the same submissions graded one by one.
#
# It needs a cluster: $KUBECONFIG (with kubectl on PATH), else the testbed
# (eval "$(testbed/env)"; start it with testbed/up). It builds nothing of
# sts-grader: build/sts-grader must exist (bash scripts/build.sh sts-grader).
# Each command runs under GNU time (`/usr/bin/time -f '%e %M'`: wall, and the max
# RSS of the largest process of its tree, kubectl children included) when there
# is one; else the wall is `date +%s.%N` arithmetic and the RSS n/a.
# From each run's report.json: .run.wall_seconds, .run.verdict_seconds,
# .run.cleanup_seconds, .run.scenario_seconds, .run.scenario_waiting_seconds,
# .run.grader_cpu_seconds, .run.kubectl_cpu_seconds, .score.earned (a field the
# binary does not write yet is n/a). Overhead = scenario - waiting on the cluster.
# Prints Markdown tables (per run; min/median/max) and appends them to
# bench/results/<UTC date>.md. The runs' reports and logs stay in the temporary
# folder it names. Exit: 0 done, 1 a run could not be measured, 64 bad usage.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
export STS_T0=${STS_T0:-$(date +%s)}
log() { printf 'bench: [%5ss] %s\n' "$(($(date +%s) - STS_T0))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
usage() {
  cat <<'EOF'
usage: scripts/bench.sh [-n N] [--chainsaw] [SUBMISSION]
       scripts/bench.sh --batch [-n N]
  -n N        repetitions (default 3; rounds with --batch, default 1)
  --chainsaw  alternate each grade with `chainsaw test bench/chainsaw/lab04`
  --batch     time `sts-grader batch --parallel 4` over the Lab 04 examples
              against the sum of grading them one by one
EOF
}
bad_usage() { echo "bench: $*" >&2; usage >&2; exit 64; }

n="" chainsaw=no batch=no submission="" parallel=4
while (($#)); do
  case $1 in
    -n) (($# >= 2)) || bad_usage "-n needs a count"
        n=$2; shift 2 ;;
    -n*) n=${1#-n}; shift ;;
    --chainsaw) chainsaw=yes; shift ;;
    --batch) batch=yes; shift ;;
    -h|--help) usage; exit 0 ;;
    --) shift; (($# <= 1)) || bad_usage "one submission at most"; submission=${1:-}; shift $# ;;
    -*) bad_usage "unknown option: $1" ;;
    *) [[ -z $submission ]] || bad_usage "one submission at most (got $submission and $1)"
       submission=$1; shift ;;
  esac
done
if [[ -n $n ]]; then
  [[ $n =~ ^[1-9][0-9]*$ ]] || bad_usage "-n needs a positive whole number, got '$n'"
else
  n=$([[ $batch == yes ]] && echo 1 || echo 3)
fi
if [[ $batch == yes ]]; then
  [[ $chainsaw == no ]] || bad_usage "--batch and --chainsaw do not go together"
  [[ -z $submission ]] || bad_usage "--batch grades the Lab 04 examples: no SUBMISSION"
fi
default_submission=$root/examples/submissions/minimal-busybox
submission=${submission:-$default_submission}
[[ -d $submission ]] || bad_usage "no such submission folder: $submission"
submission=$(cd "$submission" && pwd)
if [[ $chainsaw == yes && $submission != "$(cd "$default_submission" && pwd)" ]]; then
  bad_usage "the Chainsaw test (bench/chainsaw/lab04) does the work of examples/submissions/minimal-busybox only"
fi

# --- tools -------------------------------------------------------------------
grader=$root/build/sts-grader
[[ -x $grader ]] || die "no $grader: build it first (bash scripts/build.sh sts-grader)"
if command -v jq >/dev/null; then json=jq
elif command -v python3 >/dev/null; then json=python3
else die "neither jq nor python3 found: one is needed to read report.json"; fi
gnu_time=no
if [[ -x /usr/bin/time ]] && /usr/bin/time -f '%e %M' -o /dev/stdout true 2>/dev/null | grep -Eq '^[0-9.]+ [0-9]+$'; then
  gnu_time=yes
fi
if [[ $chainsaw == yes ]]; then
  # The copy the test applies must be the example, moved into Chainsaw's namespace.
  norm() {
    grep -v '^#' "$1" | awk '
      function flush() { if (doc != "" && doc !~ /(^|\n)kind: Namespace\n/) printf "%s", doc; doc = "" }
      /^---$/ { flush(); next }
      /^  namespace: / { next }
      { doc = doc $0 "\n" }
      END { flush() }'
  }
  diff <(norm "$submission/web.yaml") <(norm "$root/bench/chainsaw/lab04/web.yaml") >/dev/null ||
    die "bench/chainsaw/lab04/web.yaml is not examples/submissions/minimal-busybox/web.yaml any more (without its Namespace): update the copy"
  log "getting the pinned chainsaw (scripts/chainsaw.sh; a first build takes 10+ minutes)"
  chainsaw_bin=$(bash "$root/scripts/chainsaw.sh") || die "scripts/chainsaw.sh failed"
fi

# --- cluster -----------------------------------------------------------------
if [[ -z ${KUBECONFIG:-} ]]; then
  eval "$("$root/testbed/env")"
  "$root/testbed/status" --quiet ||
    die "no cluster: KUBECONFIG is not set and the testbed is down (testbed/status says why; start it: testbed/up)"
fi
command -v kubectl >/dev/null || die "kubectl is not on PATH (the grader and the Chainsaw scripts run it)"
kubectl get --raw=/version --request-timeout=10s >/dev/null 2>&1 ||
  die "the cluster of KUBECONFIG=$KUBECONFIG does not answer (kubectl get --raw /version)"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sts-bench.XXXXXX")
log "runs, reports and logs in $tmp"

# --- helpers -----------------------------------------------------------------
# timed PREFIX CMD...: CMD's output into PREFIX.log, "wall_seconds max_rss_kb"
# into PREFIX.time; returns CMD's exit status.
timed() {
  local pre=$1 rc=0 t0 t1
  shift
  if [[ $gnu_time == yes ]]; then
    /usr/bin/time -f '%e %M' -o "$pre.time" "$@" >"$pre.log" 2>&1 || rc=$?
    # GNU time puts "Command exited with non-zero status N" first.
    tail -n 1 "$pre.time" >"$pre.time.last" && mv "$pre.time.last" "$pre.time"
  else
    t0=$(date +%s.%N)
    "$@" >"$pre.log" 2>&1 || rc=$?
    t1=$(date +%s.%N)
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f n/a\n", b - a }' >"$pre.time"
  fi
  return $rc
}
time_wall() { awk '$1 ~ /^[0-9.]+$/ { w = $1 } END { print (w == "" ? "n/a" : w) }' "$1.time" 2>/dev/null || echo n/a; }
time_rss_mb() { awk '$2 ~ /^[0-9]+$/ { r = sprintf("%.1f", $2 / 1024) } END { print (r == "" ? "n/a" : r) }' "$1.time" 2>/dev/null || echo n/a; }

# report_values FILE: the 8 fields, space-separated, n/a where missing.
report_values() {
  local f=$1 out=""
  if [[ -s $f ]]; then
    if [[ $json == jq ]]; then
      out=$(jq -r '[.run.wall_seconds, .run.verdict_seconds, .run.cleanup_seconds, .run.scenario_seconds,
                    .run.scenario_waiting_seconds, .run.grader_cpu_seconds, .run.kubectl_cpu_seconds,
                    .score.earned] | map(if type == "number" then tostring else "n/a" end) | join(" ")' "$f" 2>/dev/null) || out=""
    else
      out=$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
def get(*path):
    v = d
    for k in path:
        v = v.get(k) if isinstance(v, dict) else None
    return str(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else "n/a"
r = [get("run", k) for k in ("wall_seconds", "verdict_seconds", "cleanup_seconds", "scenario_seconds",
                             "scenario_waiting_seconds", "grader_cpu_seconds", "kubectl_cpu_seconds")]
print(" ".join(r + [get("score", "earned")]))' "$f" 2>/dev/null) || out=""
    fi
  fi
  [[ -n $out ]] || { log "WARNING: no readable report at $f"; out="n/a n/a n/a n/a n/a n/a n/a n/a"; }
  echo "$out"
}

is_num() { [[ $1 =~ ^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$ ]]; }
# calc A B EXPR [FORMAT] [CONDITION]: EXPR of a and b; n/a unless both are numbers and CONDITION holds.
calc() {
  local a=$1 b=$2 expr=$3 fmt=${4:-%.2f} cond=${5:-1}
  if is_num "$a" && is_num "$b"; then awk -v a="$a" -v b="$b" "BEGIN { if ($cond) printf \"$fmt\n\", $expr; else print \"n/a\" }"
  else echo "n/a"; fi
}
fmt() { if is_num "$1"; then awk -v v="$1" -v f="${2:-%.2f}" 'BEGIN { printf f "\n", v }'; else echo "n/a"; fi; }
# stats FORMAT VALUES...: "min | median | max" of the numbers among VALUES.
stats() {
  local f=$1
  shift
  { for v in "$@"; do is_num "$v" && echo "$v"; done; true; } | sort -g |
    awk -v f="$f" '{ a[NR] = $1 }
      END {
        if (NR == 0) { print "n/a | n/a | n/a"; exit }
        m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
        printf f " | " f " | " f "\n", a[1], m, a[NR]
      }'
}

machine_line() {
  local model
  model=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null)
  printf 'Machine: %s CPUs (nproc), %s, Linux %s, load average %s at the start, started %s\n' \
    "$(nproc)" "${model:-CPU model unknown}" "$(uname -r)" "$load_at_start" "$started_at"
}
versions_line() {
  local server
  server=$(kubectl version -o json 2>/dev/null | { if [[ $json == jq ]]; then jq -r '.serverVersion.gitVersion // "?"'
           else python3 -c 'import json,sys; print(json.load(sys.stdin).get("serverVersion", {}).get("gitVersion", "?"))'; fi; } 2>/dev/null) || server="?"
  printf 'sts-grader: %s (%s); cluster: Kubernetes %s' \
    "$("$grader" version 2>/dev/null | head -n 1 || echo '?')" \
    "$(git -C "$root" describe --always --dirty 2>/dev/null || echo 'no git')" "${server:-?}"
  [[ $chainsaw == yes ]] && printf '; chainsaw: %s' "$("$chainsaw_bin" version 2>/dev/null | awk '/Version/ { print $2; exit }')"
  printf '; timing: %s\n' "$([[ $gnu_time == yes ]] && echo 'GNU time' || echo 'date (no GNU time: RSS n/a)')"
}
load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)
started_at=$(date -u +%Y-%m-%dT%H:%M:%SZ)

results_dir=$root/bench/results
results=$results_dir/${started_at%%T*}.md
emit() { # stdin: a Markdown section; printed and appended to the day's results file
  local section
  section=$(cat)
  printf '%s\n' "$section"
  mkdir -p "$results_dir"
  printf '%s\n\n' "$section" >>"$results"
}

# One results section: its heading, the machine and versions, then the
# metric table's header (the caller prints its rows).
section_head() {
  echo "## $1"
  echo
  machine_line
  echo
  versions_line
  echo
  echo "| metric | min | median | max |"
  echo "|---|---:|---:|---:|"
}
# section_details SUMMARY HEADER SEPARATOR ROW...: the per-run table, folded.
section_details() {
  echo
  echo "<details><summary>$1</summary>"
  echo
  echo "$2"
  echo "$3"
  shift 3
  printf '%s\n' "$@"
  echo
  echo "</details>"
}

grade_exit_ok() { # 0 passed, 1 some check failed, 2 not gradable: all measurable
  case $1 in 0|1|2) return 0 ;; 130) die "interrupted" ;; *) return 1 ;; esac
}

# --- batch mode --------------------------------------------------------------
if [[ $batch == yes ]]; then
  # Lab 04 examples: expected.yaml entries without a rubric of their own whose
  # expected exit is not 2 (refused before the cluster: nothing to time).
  mapfile -t names < <(awk '
    function flush() { if (name != "" && !rubric && exitc != "2") print name }
    /^[A-Za-z0-9][A-Za-z0-9_.-]*:[ \t]*$/ { flush(); name = $1; sub(/:$/, "", name); rubric = 0; exitc = ""; next }
    /^  rubric:/ { rubric = 1 }
    /^  exit:/ { exitc = $2 }
    END { flush() }' "$root/examples/expected.yaml")
  ((${#names[@]})) || die "found no Lab 04 examples in examples/expected.yaml"
  roster=$tmp/roster.csv
  { echo "student,submission"
    for s in "${names[@]}"; do
      [[ -d $root/examples/submissions/$s ]] || die "examples/expected.yaml names $s, which is not in examples/submissions/"
      echo "$s,$root/examples/submissions/$s"
    done; } >"$roster"
  log "${#names[@]} Lab 04 examples: ${names[*]}"
  batch_walls=() serial_sums=() speedups=() rows=()
  for ((r = 1; r <= n; r++)); do
    log "round $r/$n: sts-grader batch --parallel $parallel (${#names[@]} submissions)"
    rc=0
    timed "$tmp/batch-$r" "$grader" batch "$roster" --out "$tmp/batch-$r" --parallel "$parallel" --quiet || rc=$?
    case $rc in
      0|2) ;;
      130) die "interrupted" ;;
      *) die "sts-grader batch exited $rc (log: $tmp/batch-$r.log)" ;;
    esac
    # Exit 2 is also "cluster unreachable, nothing graded": then there is no gradebook.
    [[ -s $tmp/batch-$r/gradebook.csv ]] || die "sts-grader batch wrote no gradebook (exit $rc; log: $tmp/batch-$r.log)"
    bw=$(time_wall "$tmp/batch-$r")
    log "round $r/$n: batch took ${bw}s (exit $rc); now one by one"
    sum=0 disagree=0
    mkdir -p "$tmp/serial-$r"
    for s in "${names[@]}"; do
      rc=0
      timed "$tmp/serial-$r/$s" "$grader" grade "$root/examples/submissions/$s" --out "$tmp/serial-$r/$s" --quiet || rc=$?
      grade_exit_ok $rc || die "sts-grader grade $s exited $rc (log: $tmp/serial-$r/$s.log)"
      w=$(time_wall "$tmp/serial-$r/$s")
      is_num "$w" || die "no wall time for $s"
      sum=$(awk -v a="$sum" -v b="$w" 'BEGIN { printf "%.2f", a + b }')
      read -r -a one <<<"$(report_values "$tmp/serial-$r/$s/report.json")"
      read -r -a inb <<<"$(report_values "$tmp/batch-$r/students/$s/report.json")"
      [[ ${one[7]} == "${inb[7]}" ]] || disagree=$((disagree + 1))
      rows+=("| $r | $s | $rc | $w | ${one[7]} | ${inb[7]} |")
      log "  $s: ${w}s, exit $rc, score ${one[7]} (in the batch: ${inb[7]})"
    done
    batch_walls+=("$bw") serial_sums+=("$sum")
    speedups+=("$(calc "$sum" "$bw" 'a / b' '%.2f' 'b > 0')")
    ((disagree == 0)) || log "WARNING: round $r: $disagree submissions scored differently in the batch (see the table)"
  done
  {
    section_head "Batch: ${#names[@]} Lab 04 examples, --parallel $parallel vs one by one ($started_at, $n round(s))"
    echo "| batch --parallel $parallel wall (s) | $(stats %.2f "${batch_walls[@]}") |"
    echo "| one by one, sum of walls (s) | $(stats %.2f "${serial_sums[@]}") |"
    echo "| speed-up (sum / batch) | $(stats %.2f "${speedups[@]}") |"
    section_details "per submission (one-by-one wall, score one by one and in the batch)" \
      "| round | submission | exit | wall (s) | score | score in batch |" "|---:|---|---:|---:|---:|---:|" "${rows[@]}"
  } | emit
  log "done: tables appended to ${results#"$root"/}; runs in $tmp"
  exit 0
fi

# --- single-submission mode --------------------------------------------------
declare -a P_WALL P_RSS R_WALL VERDICT CLEANUP SCEN WAIT OVER OVERPCT GCPU KCPU SCORE C_WALL C_RSS rows
rel=${submission#"$root"/}
for ((i = 1; i <= n; i++)); do
  log "run $i/$n: sts-grader grade $rel"
  rc=0
  timed "$tmp/run-$i" "$grader" grade "$submission" --out "$tmp/run-$i" --quiet || rc=$?
  grade_exit_ok $rc || die "sts-grader grade exited $rc (log: $tmp/run-$i.log)"
  read -r -a v <<<"$(report_values "$tmp/run-$i/report.json")"
  P_WALL+=("$(time_wall "$tmp/run-$i")") P_RSS+=("$(time_rss_mb "$tmp/run-$i")")
  R_WALL+=("${v[0]}") VERDICT+=("${v[1]}") CLEANUP+=("${v[2]}") SCEN+=("${v[3]}") WAIT+=("${v[4]}")
  GCPU+=("${v[5]}") KCPU+=("${v[6]}") SCORE+=("${v[7]}")
  OVER+=("$(calc "${v[3]}" "${v[4]}" 'a - b' '%.2f' 1)")
  OVERPCT+=("$(calc "${v[3]}" "${v[4]}" '100 * (a - b) / b' '%.1f' 'b > 0')")
  log "run $i/$n: ${P_WALL[-1]}s, exit $rc, score ${v[7]}"
  crc=- cw=- crss=-
  if [[ $chainsaw == yes ]]; then
    log "run $i/$n: chainsaw test bench/chainsaw/lab04"
    crc=0
    (cd "$tmp" && timed "$tmp/chainsaw-$i" "$chainsaw_bin" test "$root/bench/chainsaw/lab04" --no-color) || crc=$?
    ((crc != 130)) || die "interrupted"
    cw=$(time_wall "$tmp/chainsaw-$i") crss=$(time_rss_mb "$tmp/chainsaw-$i")
    C_WALL+=("$cw") C_RSS+=("$crss")
    ((crc == 0)) || log "WARNING: the Chainsaw test failed (exit $crc; log: $tmp/chainsaw-$i.log)"
    log "run $i/$n: chainsaw ${cw}s, exit $crc"
  fi
  rows+=("| $i | $rc | ${v[7]} | ${P_WALL[-1]} | $(fmt "${v[0]}") | $(fmt "${v[1]}") | $(fmt "${v[3]}") | $(fmt "${v[4]}") | ${OVER[-1]} | ${OVERPCT[-1]} | $(fmt "${v[2]}") | $(fmt "${v[5]}") | $(fmt "${v[6]}") | ${P_RSS[-1]} | $crc | $cw | $crss |")
done

{
  section_head "$rel: $n run(s)$([[ $chainsaw == yes ]] && echo ', alternating with Chainsaw') ($started_at)"
  echo "| sts-grader wall, process (s) | $(stats %.2f "${P_WALL[@]}") |"
  echo "| wall, report.json (s) | $(stats %.2f "${R_WALL[@]}") |"
  echo "| time to verdict (s) | $(stats %.2f "${VERDICT[@]}") |"
  echo "| scenario (s) | $(stats %.2f "${SCEN[@]}") |"
  echo "| waiting on the cluster in the scenario (s) | $(stats %.2f "${WAIT[@]}") |"
  echo "| overhead in the scenario (s) | $(stats %.2f "${OVER[@]}") |"
  echo "| overhead, % of the waiting | $(stats %.1f "${OVERPCT[@]}") |"
  echo "| cleanup (s) | $(stats %.2f "${CLEANUP[@]}") |"
  echo "| grader CPU (s) | $(stats %.2f "${GCPU[@]}") |"
  echo "| kubectl CPU (s) | $(stats %.2f "${KCPU[@]}") |"
  echo "| max RSS (MB) | $(stats %.1f "${P_RSS[@]}") |"
  echo "| score earned | $(stats %g "${SCORE[@]}") |"
  if [[ $chainsaw == yes ]]; then
    echo "| chainsaw wall (s) | $(stats %.2f "${C_WALL[@]}") |"
    echo "| chainsaw max RSS (MB) | $(stats %.1f "${C_RSS[@]}") |"
  fi
  section_details "per run" \
    "| run | exit | score | wall (s) | report wall | verdict | scenario | waiting | overhead | overhead % | cleanup | grader CPU | kubectl CPU | max RSS MB | chainsaw exit | chainsaw wall | chainsaw RSS MB |" \
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|" "${rows[@]}"
} | emit
log "done: tables appended to ${results#"$root"/}; runs in $tmp"
