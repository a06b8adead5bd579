// The exit status of `grade`, from the score and the CI gate (--min-score).
#pragma once
#include "grader/cli.h"
#include "grader/rubric.h"

namespace sts {

// Not gradable -> 2 whatever the gate. Without --min-score: 0 only when every
// machine-judged item worth points passed (0-point and manual items never
// change the exit status). With it: 0 when the earned points reach the bar
// (absolute points, or a percentage of the machine-graded points — manual
// items can never be earned by a machine run, so they never count against it).
int grade_exit_status(const Score& score, const Options& opts);

}  // namespace sts
