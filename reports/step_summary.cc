#include "reports/step_summary.h"

#include "reports/markdown_text.h"
#include "grader/base/text.h"
#include "reports/verdict.h"

namespace sts {
namespace {

const char* status_mark(const std::string& st) {
  if (st == "pass") return "✅ pass";
  if (st == "fail") return "❌ fail";
  if (st == "skipped") return "⏭️ skipped";
  if (st == "manual") return "📝 instructor";
  return "⚠️ " "error";
}

}  // namespace

std::string render_step_summary(const RunInfo& run, const Score& score) {
  std::string out = "## sts-grader: " + md_text(run.rubric_title.empty() ? run.rubric_id : run.rubric_title) +
                    "\n\n**" + md_text(verdict_line(score)) + "**";
  if (score.machine_possible < score.possible)
    out += " — " + format_points(score.machine_possible) + " of " + format_points(score.possible) +
           " points machine-graded, the rest marked for the instructor";
  out += "\n\n";
  if (!score.gradable) {
    // Verdicts are withheld: listing checks would read as failures.
    out += "The cluster, not the submission, failed: " + md_text(score.not_gradable_reason) +
           "\nRe-run the job; no points were taken.\n";
    return out;
  }
  out += "| Check | Status | Points | Found |\n| --- | --- | --- | --- |\n";
  for (const ScoredItem& it : score.items) {
    std::string st = item_status(it);
    out += "| " + md_text(item_title(it)) + " | " + status_mark(st) + " | " + format_points(it.earned) +
           "/" + format_points(it.item.points) + " | " +
           (it.item.hidden ? std::string("hidden until released") : md_text(clip(it.result.summary, 160))) +
           " |\n";
  }
  bool header = false;
  for (const ScoredItem& it : score.items) {
    std::string st = item_status(it);
    if (st == "pass" || st == "manual" || it.item.hidden) continue;
    if (!header) out += "\n### What to fix\n\n";
    header = true;
    out += "- **" + md_text(item_title(it)) + "** (" + st + ")";
    if (!it.result.explanation.empty()) out += ": " + md_text(clip(it.result.explanation, 500));
    if (!it.result.hint.empty()) out += "<br>*Hint:* " + md_text(clip(it.result.hint, 500));
    out += "\n";
  }
  int shown = 0;
  for (const Diagnostic& d : run.lint) {
    if (d.severity == "info") continue;
    if (shown++ == 0) out += "\n### Manifest analysis\n\n";
    if (shown > 20) {
      out += "- … more in STATEFULSET.md\n";
      break;
    }
    out += "- " + md_code(d.pos.str()) + " " + d.severity + ": " + md_text(d.message) + " [" +
           md_text(d.rule) + "]\n";
  }
  out += "\n<sub>sts-grader " + md_text(run.grader_version) + " · " + md_text(run.cluster_version) +
         " · wall " + format_seconds(run.wall_seconds) + "</sub>\n";
  return out;
}

}  // namespace sts
