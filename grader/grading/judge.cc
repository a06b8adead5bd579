#include "grader/grading/judge.h"

namespace sts {
std::vector<CheckResult> judge_all(const Rubric& rubric, const Observations& obs) {
  std::vector<CheckResult> out;
  for (const RubricItem& item : rubric.items) {
    if (item.check.empty() || item.manual) continue;
    const Check* check = CheckRegistry::instance().find(item.check);
    if (!check) {
      out.push_back(errored(item.check, "no check named \"" + item.check + "\" in this grader"));
      continue;
    }
    try {
      out.push_back(check->judge(obs));
    } catch (const std::exception& e) {
      out.push_back(errored(item.check, std::string("the check itself failed: ") + e.what()));
    }
  }
  return out;
}
}  // namespace sts
