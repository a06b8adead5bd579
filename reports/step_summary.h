// The GitHub Actions job summary ($GITHUB_STEP_SUMMARY): a compact Markdown
// view of one run — verdict, score table, what to fix — small enough to read
// on the pull request's checks page. STATEFULSET.md stays the full report.
#pragma once
#include <string>

#include "grader/grading/rubric.h"
#include "grader/model/run_info.h"

namespace sts {
std::string render_step_summary(const RunInfo& run, const Score& score);
}  // namespace sts
