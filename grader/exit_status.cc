#include "grader/exit_status.h"

namespace sts {

int grade_exit_status(const Score& score, const Options& o) {
  if (!score.gradable) return kExitNotGradable;
  if (o.min_score >= 0) {
    double bar = o.min_score_percent ? o.min_score / 100.0 * score.machine_possible : o.min_score;
    // Points are sums of fractions (partial credit): compare with a tolerance.
    return score.earned + 1e-9 >= bar ? kExitPass : kExitFail;
  }
  return score.failed == 0 && score.skipped == 0 && score.errors == 0 ? kExitPass : kExitFail;
}

}  // namespace sts
