#include "grader/grading/exit_status.h"

namespace sts {
namespace {

// An item decides the verdict when the machine judges it and it is worth
// points: a 0-point item (Lab 04 3.4's design answers) or one left to the
// instructor is information, never a failed run.
bool decides(const ScoredItem& it) { return !it.item.manual && it.item.points > 0; }

}  // namespace

int grade_exit_status(const Score& score, const PassBar& o) {
  if (!score.gradable) return kExitNotGradable;
  if (o.min_score >= 0) {
    double bar = o.min_score_percent ? o.min_score / 100.0 * score.machine_possible : o.min_score;
    // Points are sums of fractions (partial credit): compare with a tolerance.
    return score.earned + 1e-9 >= bar ? kExitPass : kExitFail;
  }
  if (score.items.empty())  // a score built from counts alone
    return score.failed == 0 && score.skipped == 0 && score.errors == 0 ? kExitPass : kExitFail;
  for (const ScoredItem& it : score.items)
    if (decides(it) && it.result.status != Status::kPass) return kExitFail;
  return kExitPass;
}

}  // namespace sts
