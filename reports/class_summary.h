// class-summary.md: the class at a glance for the instructor — how many were
// graded, the score distribution, the checks most often failed, the lint
// findings most often made, and the submissions that could not be graded.
#pragma once
#include <string>
#include <vector>

#include "grader/batch_outcome.h"
#include "grader/rubric.h"

namespace sts {

struct BatchFacts {
  std::string due;                   // deadline in force, "" none
  int parallel = 1;
  double wall_seconds = 0;           // this run of the batch
  bool interrupted = false;
};

std::string render_class_summary(const std::vector<StudentOutcome>& students, const Rubric& rubric,
                                 const BatchFacts& facts);

}  // namespace sts
