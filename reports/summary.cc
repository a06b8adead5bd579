#include "reports/summary.h"

#include <cstdio>

#include "reports/text.h"
#include "reports/verdict.h"

namespace sts {

std::string terminal_summary(const RunInfo& run, const Score& score) {
  std::string out = "\n" + verdict_line(score) + "\n";
  if (std::string share = machine_share_line(score); !share.empty()) out += share + "\n";
  out += "\n";
  char line[512];
  for (const ScoredItem& it : score.items) {
    snprintf(line, sizeof line, "  %-8s %5s/%-4s %-22s %s\n", item_status(it).c_str(),
             format_points(it.earned).c_str(), format_points(it.item.points).c_str(),
             it.item.check.empty() ? item_title(it).c_str() : it.item.check.c_str(),
             clip(it.result.summary, 90).c_str());
    out += line;
  }
  bool header = false;
  for (const ScoredItem& it : score.items) {
    std::string st = item_status(it);
    if (st == "pass" || st == "manual") continue;
    if (!header) {
      out += "\nWhat to look at:\n";
      header = true;
    }
    out += "\n  " + it.item.check + " (" + st + ")\n";
    if (!it.result.explanation.empty()) out += "    why:  " + clip(it.result.explanation, 600) + "\n";
    if (!it.result.hint.empty()) out += "    hint: " + clip(it.result.hint, 600) + "\n";
  }
  snprintf(line, sizeof line,
           "\nnamespace %s %s; wall %.1fs, of which waiting on the cluster %.1fs; grader CPU %.2fs "
           "(kubectl %.2fs)\n",
           run.namespace_.c_str(),
           run.kept ? "kept (--keep)" : run.cleaned_up ? "deleted" : "NOT confirmed deleted",
           run.wall_seconds, run.waiting_seconds, run.grader_cpu_seconds, run.kubectl_cpu_seconds);
  out += line;
  return out;
}

}  // namespace sts
