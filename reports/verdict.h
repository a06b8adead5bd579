// How every report names a score and its items, so the Markdown, JSON and
// JUnit outputs of one run never disagree.
#pragma once
#include <string>

#include "grader/grading/rubric.h"

namespace sts {

// "pass", "fail", "error", "skipped", or "manual" (judged by the instructor).
std::string item_status(const ScoredItem& item);

// The rubric's title for the item, else its check id.
std::string item_title(const ScoredItem& item);

// The item's one-line summary; for a manual item "judged by the instructor",
// followed by the check's own words when a check handed it over (an item
// with manual_unless_applicable whose check did not apply).
std::string item_summary(const ScoredItem& item);

// "9/10 — 1 check failed", "10/10 — all checks passed", or
// "NOT GRADABLE: <reason>" when an infrastructure fault withheld the verdict.
std::string verdict_line(const Score& score);

// How much of the score the machine judged, when it did not judge all of it
// or the rubric has bonus points: "8.25 of 12.5 points machine-graded (10 +
// 2.5 bonus); 4.25 judged by the instructor: Concepts, Bonus: OnDelete".
// "" for a rubric the machine grades entirely without bonus.
std::string machine_share_line(const Score& score);

}  // namespace sts
