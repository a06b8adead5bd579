// class-summary.md: the class at a glance for the instructor — how many were
// graded, the score distribution, the checks most often failed, the lint
// findings most often made, and the submissions that could not be graded.
#pragma once
#include <string>
#include <vector>

#include "grader/batch/batch_outcome.h"
#include "grader/grading/rubric.h"

namespace sts {

std::string render_class_summary(const std::vector<StudentOutcome>& students, const Rubric& rubric,
                                 const BatchFacts& facts);

}  // namespace sts
