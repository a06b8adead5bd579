// The exit status of `grade`, from the score and the CI gate (--min-score).
#pragma once
#include "grader/base/exit_codes.h"
#include "grader/grading/rubric.h"

namespace sts {

// Not gradable -> 2 whatever the gate. Without --min-score: 0 only when every
// machine-judged item worth points passed (0-point and manual items never
// change the exit status). With it: 0 when the earned points reach the bar
// (absolute points, or a percentage of the machine-graded points — manual
// items can never be earned by a machine run, so they never count against it).
struct PassBar {
  double min_score = -1;             // --min-score; < 0: every deciding item must pass
  bool min_score_percent = false;    // min_score is a percentage of machine-graded points
};
int grade_exit_status(const Score& score, const PassBar& bar);

}  // namespace sts
