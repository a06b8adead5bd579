// The terminal summary printed at the end of `grade`: score table, then what
// failed with its explanation and hint — what a student acts on.
#pragma once
#include <string>

#include "grader/rubric.h"
#include "grader/run_info.h"

namespace sts {
std::string terminal_summary(const RunInfo& run, const Score& score);
}  // namespace sts
