// PrairieLearn's external grader results (/grade/results/results.json,
// https://prairielearn.readthedocs.io/en/latest/externalGrading/), from a
// report.json:
//
// - score: the fraction 0..1 of the machine-graded base points (bonus items
//   can make up for lost points, never go past 1). Manual items are not
//   tests: they are named in `message`, graded by hand (manualPoints).
// - gradable false when the report is not gradable: PrairieLearn then awards
//   and takes nothing and the student keeps the attempt; there is no score.
// - tests[]: name (rubric title), description (the check id), points,
//   max_points, message (what was found, why, hint), output (assertions,
//   evidence, and the debug evidence of a failed check); hidden items say only
//   their summary.
// - The whole file stays under kPrairieLearnMaxBytes: outputs are cut,
//   longest first, until it fits.
#pragma once
#include <string>

#include "grader/base/json.h"
#include "grader/model/observations.h"
#include "grader/grading/rubric.h"
#include "grader/model/run_info.h"

namespace sts {

inline constexpr size_t kPrairieLearnMaxBytes = 1000 * 1000;

Json prairielearn_results(const Json& report, size_t max_bytes = kPrairieLearnMaxBytes);

// results.json for `grade --format prairielearn`.
std::string render_prairielearn(const RunInfo& run, const Score& score, const Observations& obs);

}  // namespace sts
