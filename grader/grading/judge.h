// Judging: every rubric check against the observations.
#pragma once
#include <vector>

#include "checks/check.h"
#include "grader/grading/rubric.h"

namespace sts {
// One result per rubric item that names a check. A check that throws is an
// error result (a grader bug is never the student's failure).
std::vector<CheckResult> judge_all(const Rubric& rubric, const Observations& obs);
}  // namespace sts
