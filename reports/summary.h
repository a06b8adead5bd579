// The terminal summary printed at the end of `grade`: score table, then what
// failed with its explanation and hint — what a student acts on.
#pragma once
#include <string>

#include "grader/model/observations.h"
#include "grader/grading/rubric.h"
#include "grader/model/run_info.h"

namespace sts {
std::string terminal_summary(const RunInfo& run, const Score& score);
// The same, and under "What to look at" the pods in trouble with the last
// lines of their logs and the namespace's last warnings (debug evidence),
// when a shown item failed.
std::string terminal_summary(const RunInfo& run, const Score& score, const Observations& obs);
// The line printed after the summary once cleanup has ended: whether the
// namespace and its volumes are confirmed gone, and the whole wall time.
std::string cleanup_line(const RunInfo& run);
}  // namespace sts
