#include "reports/debug_text.h"

#include "reports/verdict.h"

namespace sts {

bool shows_debug_evidence(const ScoredItem& item) {
  if (item.item.hidden || item.item.manual) return false;
  const std::string s = item_status(item);
  return s == "fail" || s == "error" || s == "skipped";
}

bool debug_evidence_shown(const Score& score, const Observations& obs) {
  if (!obs.debug.collected) return false;
  for (const ScoredItem& it : score.items)
    if (shows_debug_evidence(it)) return true;
  return false;
}

namespace {
bool is_ready(const PodDebug& pod) {
  for (const std::string& c : pod.conditions)
    if (c.rfind("Ready=True", 0) == 0) return true;
  return false;
}
}  // namespace

bool pod_in_trouble(const PodDebug& pod) {
  if (!is_ready(pod)) return true;
  for (const ContainerDebug& c : pod.containers)
    if (c.restarts > 0 || (!c.init && c.state != "running")) return true;
  return false;
}

const std::string& telling_log(const ContainerDebug& c) {
  return c.restarts > 0 && !c.previous_log.empty() ? c.previous_log : c.log;
}

std::vector<std::string> last_lines(const std::string& s, size_t n) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < s.size()) {
    size_t nl = s.find('\n', start);
    if (nl == std::string::npos) nl = s.size();
    lines.push_back(s.substr(start, nl - start));
    start = nl + 1;
  }
  if (lines.size() > n) lines.erase(lines.begin(), lines.end() - static_cast<long>(n));
  return lines;
}

std::string pod_headline(const PodDebug& pod) {
  std::string s = pod.name + " " + (pod.phase.empty() ? "(no phase)" : pod.phase) +
                  (is_ready(pod) ? ", Ready" : ", not Ready");
  if (!pod.reason.empty()) s += " (" + pod.reason + ")";
  for (const ContainerDebug& c : pod.containers) {
    if (c.init && c.restarts == 0 && c.state.rfind("terminated: Completed", 0) == 0) continue;
    // The state's first words; its message can be long and is in the details.
    std::string state = c.state.substr(0, c.state.find(": ", c.state.find(": ") + 1));
    s += "; " + c.name + (c.init ? " (init)" : "") + ": " + state;
    if (c.restarts > 0) s += " (" + std::to_string(c.restarts) + (c.restarts == 1 ? " restart)" : " restarts)");
  }
  return s;
}

std::string debug_evidence_text(const DebugEvidence& d, size_t log_lines) {
  std::string out = "Pods at the end of the scenario:\n";
  if (d.pods.empty()) out += "  (no pods)\n";
  for (const PodDebug& p : d.pods) {
    out += "\n" + pod_headline(p) + "\n";
    for (const std::string& c : p.conditions) out += "  condition " + c + "\n";
    for (const ContainerDebug& c : p.containers) {
      out += "  container " + c.name + (c.init ? " (init)" : "") + ": " + c.state;
      if (!c.last_state.empty()) out += "; before: " + c.last_state;
      out += "\n";
      const std::string& log = telling_log(c);
      if (!log.empty()) {
        out += std::string("    log") + (&log == &c.previous_log ? " of the previous instance" : "") +
               " (last lines):\n";
        for (const std::string& l : last_lines(log, log_lines)) out += "      " + l + "\n";
      } else if (!c.log_error.empty()) {
        out += "    no log: " + c.log_error + "\n";
      } else {
        out += "    log: (empty)\n";
      }
    }
  }
  out += "\nEvents of the namespace:\n";
  if (d.events.empty()) out += "  (none)\n";
  for (const std::string& e : d.events) out += "  " + e + "\n";
  if (!d.error.empty()) out += "\nNot everything could be collected: " + d.error + "\n";
  return out;
}

}  // namespace sts
