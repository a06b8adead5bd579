#include "reports/summary.h"

#include <cstdio>

#include "reports/debug_text.h"
#include "grader/base/text.h"
#include "reports/verdict.h"

namespace sts {

namespace {

constexpr size_t kTerminalLogLines = 6;
constexpr size_t kTerminalWarnings = 5;

// Student content on a terminal: no escape sequences, no invalid UTF-8.
std::string printable(const std::string& s) {
  std::string out;
  for (char c : valid_utf8(s)) {
    const unsigned char u = static_cast<unsigned char>(c);
    out += (u < 0x20 && c != '\t') || u == 0x7f ? '?' : c;
  }
  return out;
}

std::string debug_lines(const DebugEvidence& d) {
  std::string out = "\n  Debug evidence (full logs and events in STATEFULSET.md):\n";
  bool any = false;
  for (const PodDebug& p : d.pods) {
    if (!pod_in_trouble(p)) continue;
    any = true;
    out += "    " + printable(clip(pod_headline(p), 300)) + "\n";
    for (const ContainerDebug& c : p.containers) {
      const std::string& log = telling_log(c);
      if (log.empty()) continue;
      out += std::string("      ") + printable(c.name) + (&log == &c.previous_log ? " (previous instance)" : "") +
             " log, last lines:\n";
      for (const std::string& l : last_lines(log, kTerminalLogLines)) out += "        " + printable(clip(l, 200)) + "\n";
    }
  }
  if (!any) out += "    every pod Ready, no restarts\n";
  std::vector<std::string> warnings;
  for (const std::string& e : d.events)
    if (e.find(" Warning ") != std::string::npos || e.rfind("Warning ", 0) == 0) warnings.push_back(e);
  if (warnings.size() > kTerminalWarnings) warnings.erase(warnings.begin(), warnings.end() - kTerminalWarnings);
  if (!warnings.empty()) out += "    last warnings:\n";
  for (const std::string& w : warnings) out += "      " + printable(clip(w, 240)) + "\n";
  return out;
}

}  // namespace

std::string terminal_summary(const RunInfo& run, const Score& score, const Observations& obs) {
  std::string out = terminal_summary(run, score);
  if (!debug_evidence_shown(score, obs)) return out;
  // Before the closing namespace/wall-time line, under "What to look at".
  const size_t last = out.rfind("\nnamespace ");
  if (last == std::string::npos) return out + debug_lines(obs.debug);
  return out.substr(0, last) + debug_lines(obs.debug) + out.substr(last);
}

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
           "\nnamespace %s %s; %s %.1fs, of which waiting on the cluster %.1fs; grader CPU %.2fs "
           "(kubectl %.2fs)\n",
           run.namespace_.c_str(),
           run.kept ? "kept (--keep)"
           : run.cleanup_pending ? "being deleted"
           : run.cleaned_up ? "deleted" : "NOT confirmed deleted",
           run.cleanup_pending ? "verdict after" : "wall", run.wall_seconds, run.waiting_seconds,
           run.grader_cpu_seconds, run.kubectl_cpu_seconds);
  out += line;
  return out;
}

std::string cleanup_line(const RunInfo& run) {
  char line[512];
  if (run.cleanup_pending)  // --no-wait-cleanup
    snprintf(line, sizeof line, "namespace %s: deletion requested, not waited for; wall %.1fs\n",
             run.namespace_.c_str(), run.wall_seconds);
  else
    snprintf(line, sizeof line, "namespace %s %s after %.1fs of cleanup; wall %.1fs\n",
             run.namespace_.c_str(),
             run.cleaned_up ? "and its volumes deleted" : "NOT confirmed deleted",
             run.cleanup_seconds, run.wall_seconds);
  return line;
}

}  // namespace sts
