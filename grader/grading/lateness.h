// Deadlines and late days for batch grading: when a submission came in
// against the due time, and what the rubric's late policy makes of it. The
// raw score is never changed; the penalty is reported beside it.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "grader/grading/rubric.h"
#include "grader/base/timestamp.h"

namespace sts {

struct Lateness {
  bool known = false;                // both the submission time and a deadline are known
  int days = 0;                      // whole days late, a started day counting as one
  double penalty = 0;                // fraction of the score withheld, 0..1
  double apply(double raw) const { return raw * (1 - penalty); }
};

Lateness lateness(std::optional<std::int64_t> submitted, std::optional<std::int64_t> due,
                  const LatePolicy& policy);

}  // namespace sts
