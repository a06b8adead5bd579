#!/usr/bin/env bash
# The layering test (issue 12): every #include "x" of grader/<concern>/,
# checks/ and reports/ must point to the including unit's own concern or one
# below it (docs/architecture.md). The folder is the concern.
# Upward includes that exist already are listed in known-violations.txt: the
# list may only shrink. A new one, or a listed one that is gone (remove it
# from the list), fails. Tests (_test.cc, *_for_tests.h) may include anything.
#   tests/layering/check.sh [SOURCE_DIR]
set -euo pipefail
root=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
here=$root/tests/layering
declare -A rank=([base]=0 [model]=1 [cluster]=2 [submission]=2 [checks]=2 [scenario]=3
  [grading]=4 [lint]=5 [batch]=5 [reports]=6 [cli]=7)

concern_of() {  # path: the folder is the concern
  case $1 in
    checks/*) echo checks ;;
    reports/*) echo reports ;;
    grader/*/*) local c=${1#grader/}; c=${c%%/*}; [[ -n ${rank[$c]:-} ]] && echo "$c" ;;
  esac
}
allowed() {  # from-concern to-concern
  local f=$1 t=$2
  [[ $f == "$t" ]] && return 0
  if [[ $f == checks ]]; then [[ $t == base || $t == model ]]; return; fi
  [[ $t == checks ]] && { [[ $f == grading || ${rank[$f]} -gt ${rank[grading]} ]]; return; }
  # cluster, submission and checks are peers: none includes another.
  ((${rank[$t]} < ${rank[$f]}))
}

found=$(mktemp)
trap 'rm -f "$found"' EXIT
unknown=0
cd "$root"
for file in grader/*/*.cc grader/*/*.h grader/*.cc grader/*.h checks/*.cc checks/*.h reports/*.cc reports/*.h; do
  [[ -e $file ]] || continue
  case $file in *_test.cc | *_for_tests.h) continue ;; esac
  unit=${file%.*}
  from=$(concern_of "$unit")
  if [[ -z $from ]]; then echo "layering: $file is in no concern (grader/<concern>/, checks/ or reports/)"; unknown=1; continue; fi
  while IFS= read -r inc; do
    target=${inc%.*}
    [[ $target == "$unit" ]] && continue
    to=$(concern_of "$target")
    [[ -z $to ]] && { echo "layering: $file includes $inc, which is in no concern"; unknown=1; continue; }
    allowed "$from" "$to" || echo "$file -> $inc ($from -> $to)" >>"$found"
  done < <(sed -n 's/^#include "\(\(grader\|checks\|reports\)\/[^"]*\)".*/\1/p' "$file")
done
sort -o "$found" "$found"
known=$(sed '/^#/d; /^$/d' "$here/known-violations.txt" | sort)
new=$(comm -13 <(echo "$known") "$found")
gone=$(comm -23 <(echo "$known") "$found")
status=$unknown
if [[ -n $new ]]; then echo "layering: upward includes (see docs/architecture.md):"; echo "$new" | sed 's/^/  /'; status=1; fi
if [[ -n $gone ]]; then echo "layering: fixed, remove from tests/layering/known-violations.txt:"; echo "$gone" | sed 's/^/  /'; status=1; fi
((status == 0)) && echo "layering: ok ($(wc -l <"$found") known upward includes left)"
exit "$status"
