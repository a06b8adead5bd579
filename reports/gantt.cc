#include "reports/gantt.h"

#include <cmath>
#include <map>

#include "grader/base/text.h"

namespace sts {

namespace {
// Mermaid reads ':' as the start of a task's data, and '#' and ';' as comment
// or statement ends; pod names never hold them, but keep the chart valid anyway.
std::string gantt_label(const std::string& s) {
  std::string out;
  for (char c : valid_utf8(s)) {
    if (c == ':' || c == '#' || c == ';' || static_cast<unsigned char>(c) < 0x20) out += ' ';
    else out += c;
  }
  return out.empty() ? "pod" : out;
}
}  // namespace

std::string pod_lifecycle_gantt(const std::vector<PodLife>& lives, double end_t,
                                double started_at_unix) {
  const bool wall_clock = started_at_unix > 0;
  const long long origin_ms = wall_clock ? std::llround(started_at_unix * 1000) : 0;
  const auto ms = [&](double t) { return std::to_string(origin_ms + std::llround(t * 1000)); };

  std::string out = "gantt\n";
  out += "    title Pod lifecycle (bars: created to deleted; diamonds: Ready)\n";
  out += "    dateFormat x\n";
  // Relative times start at the epoch; minutes and seconds read as elapsed time.
  out += std::string("    axisFormat ") + (wall_clock ? "%H:%M:%S" : "%M:%S") + "\n";

  // Sections group the lives of one pod name, in order of first creation.
  std::vector<std::string> names;
  std::map<std::string, std::vector<const PodLife*>> by_name;
  for (const PodLife& l : lives) {
    if (!l.created) continue;
    if (!by_name.count(l.name)) names.push_back(l.name);
    by_name[l.name].push_back(&l);
  }
  int n = 0;
  for (const auto& name : names) {
    out += "    section " + gantt_label(name) + "\n";
    int life_no = 0;
    for (const PodLife* l : by_name[name]) {
      ++life_no;
      const double start = l->created->t;
      const double end = std::max(start, l->deleted ? l->deleted->t : end_t);
      // done: the life ended; active: still running at the end; crit: never Ready.
      const std::string tag = !l->ready ? "crit" : l->deleted ? "done" : "active";
      const std::string uid = l->uid.substr(0, 8);
      out += "    " + gantt_label(name + " life " + std::to_string(life_no) +
                                  (uid.empty() ? "" : " uid " + uid)) +
             " :" + tag + ", life" + std::to_string(n) + ", " + ms(start) + ", " + ms(end) + "\n";
      if (l->ready)
        out += "    " + gantt_label(name + " Ready") + " :milestone, ready" + std::to_string(n) + ", " +
               ms(l->ready->t) + ", 0d\n";
      ++n;
    }
  }
  if (n == 0) out += "    section no pods\n    no pod was observed :nopods, " + ms(0) + ", " + ms(end_t) + "\n";
  return out;
}

}  // namespace sts
