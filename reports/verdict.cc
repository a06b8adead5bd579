#include "reports/verdict.h"

#include "grader/base/text.h"

namespace sts {

std::string item_status(const ScoredItem& item) {
  if (item.item.manual) return "manual";
  switch (item.result.status) {
    case Status::kPass: return "pass";
    case Status::kFail: return "fail";
    case Status::kError: return "error";
    case Status::kSkipped: return "skipped";
  }
  return "error";
}

std::string item_title(const ScoredItem& item) {
  return item.item.title.empty() ? item.item.check : item.item.title;
}

std::string item_summary(const ScoredItem& item) {
  if (!item.item.manual) return item.result.summary;
  if (item.item.check.empty() || item.result.summary.empty()) return "judged by the instructor";
  return "judged by the instructor: " + item.result.summary;
}

std::string verdict_line(const Score& score) {
  if (!score.gradable) return "NOT GRADABLE: " + score.not_gradable_reason;
  std::string line = format_points(score.earned) + "/" + format_points(score.machine_possible) + " — ";
  if (score.failed == 0 && score.skipped == 0) {
    line += "all checks passed";
  } else {
    std::string parts;
    if (score.failed > 0)
      parts = std::to_string(score.failed) + (score.failed == 1 ? " check failed" : " checks failed");
    if (score.skipped > 0)
      parts += (parts.empty() ? "" : ", ") + std::to_string(score.skipped) + " skipped";
    line += parts;
  }
  if (score.possible > score.machine_possible)
    line += "; " + format_points(score.possible - score.machine_possible) +
            " more points judged by the instructor";
  return line;
}

std::string machine_share_line(const Score& score) {
  if (score.possible <= score.machine_possible && score.bonus_possible <= 0) return "";
  std::string line = format_points(score.machine_possible) + " of " + format_points(score.possible) +
                     " points machine-graded";
  if (score.bonus_possible > 0)
    line += " (" + format_points(score.possible - score.bonus_possible) + " + " +
            format_points(score.bonus_possible) + " bonus)";
  if (score.possible > score.machine_possible) {
    std::string manual;
    for (const ScoredItem& it : score.items)
      if (it.item.manual) manual += (manual.empty() ? "" : ", ") + item_title(it);
    line += "; " + format_points(score.possible - score.machine_possible) + " judged by the instructor: " + manual;
  }
  return line;
}

}  // namespace sts
