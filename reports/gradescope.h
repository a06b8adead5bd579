// Gradescope's autograder results.json for one student, from their report.json
// (https://gradescope-autograders.readthedocs.io/en/latest/specs/).
//
// - score: the machine-judged points earned; one test per rubric item with
//   name (the rubric title), score, max_score, status passed/failed and
//   output (summary, why, hint).
// - Hidden rubric items: visibility "after_published" (the student sees them
//   once the instructor publishes grades); others "visible".
// - Manual items: a test with max_score and output "marked for the
//   instructor" and no score or status (both optional in the spec; the
//   top-level score is what counts), to be graded by hand in Gradescope.
// - A report that is not gradable has no results: Gradescope knows no "not
//   gradable", and a zero would cost the student points for a fault that was
//   not theirs. The caller writes none (the class summary lists them).
#pragma once
#include <optional>
#include <string>

#include "grader/base/json.h"

namespace sts {

// nullopt when the report has no gradable score.
std::optional<Json> gradescope_results(const Json& report);

// What the autograder package's run_autograder writes (grade --format
// gradescope): the same, with the whole STATEFULSET.md as the submission's
// output (output_format "md", cut to kGradescopeMaxOutput), tests in plain
// text. nullopt when not gradable: run_autograder then writes no
// results.json, and Gradescope shows the run as failed instead of a score.
inline constexpr size_t kGradescopeMaxOutput = 512 * 1024;
std::optional<Json> gradescope_autograder_results(const Json& report, const std::string& markdown);

}  // namespace sts
