#include "grader/grading/lateness.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <ctime>

namespace sts {

Lateness lateness(std::optional<std::int64_t> submitted, std::optional<std::int64_t> due,
                  const LatePolicy& policy) {
  Lateness l;
  if (!submitted || !due) return l;
  l.known = true;
  if (*submitted <= *due) return l;
  l.days = static_cast<int>((*submitted - *due + 86399) / 86400);
  if (policy.max_days >= 0 && l.days > policy.max_days)
    l.penalty = 1;
  else
    l.penalty = std::min(1.0, policy.per_day * l.days);
  return l;
}

}  // namespace sts
