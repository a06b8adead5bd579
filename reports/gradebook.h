// gradebook.csv: one row per student, the raw score beside the late penalty
// and one column per rubric item, for a spreadsheet or an LMS import.
#pragma once
#include <string>
#include <vector>

#include "grader/batch/batch_outcome.h"
#include "grader/grading/rubric.h"
#include "grader/base/text.h"  // format_points: numbers as every report shows them

namespace sts {

// Columns: student, score, max, machine_max, status, late_days, late_penalty,
// final_score, one per rubric item (its check id, or "manual: <title>";
// points earned), reason. Empty cells where there is no value (no score when
// not graded, no late days without a submission time or deadline, an item
// left to the instructor). max and machine_max are the report's when graded.
std::string render_gradebook_csv(const std::vector<StudentOutcome>& students, const Rubric& rubric);

// One CSV field, quoted when it needs to be.
std::string csv_field(const std::string& s);

}  // namespace sts
