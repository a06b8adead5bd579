// How every report names a score and its items, so the Markdown, JSON and
// JUnit outputs of one run never disagree.
#pragma once
#include <string>

#include "grader/rubric.h"

namespace sts {

// "pass", "fail", "error", "skipped", or "manual" (judged by the instructor).
std::string item_status(const ScoredItem& item);

// The rubric's title for the item, else its check id.
std::string item_title(const ScoredItem& item);

// "9/10 — 1 check failed", "10/10 — all checks passed", or
// "NOT GRADABLE: <reason>" when an infrastructure fault withheld the verdict.
std::string verdict_line(const Score& score);

}  // namespace sts
