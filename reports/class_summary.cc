#include "reports/class_summary.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "reports/gradebook.h"

namespace sts {

namespace {

// Table cells are one line; a pipe would end the cell.
std::string cell(std::string s) {
  for (char& c : s)
    if (c == '\n' || c == '\r') c = ' ';
  std::string out;
  for (char c : s) out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out;
}

std::string duration(double s) {
  long t = std::lround(s);
  return t >= 60 ? std::to_string(t / 60) + " min " + std::to_string(t % 60) + " s"
                 : std::to_string(t) + " s";
}

double earned(const StudentOutcome& s) {
  const Json& e = node_at(s.report, {"score", "earned"});
  return e.is_number() ? e.get<double>() : 0;
}

void distribution(std::string& md, const std::vector<const StudentOutcome*>& graded, double max) {
  md += "## Score distribution\n\n";
  if (graded.empty()) {
    md += "No submission was graded.\n\n";
    return;
  }
  std::vector<double> scores;
  for (const auto* s : graded) scores.push_back(earned(*s));
  std::sort(scores.begin(), scores.end());
  double sum = 0;
  for (double v : scores) sum += v;
  size_t n = scores.size();
  double median = n % 2 ? scores[n / 2] : (scores[n / 2 - 1] + scores[n / 2]) / 2;
  md += "Mean " + format_points(sum / n) + ", median " + format_points(median) + ", lowest " +
        format_points(scores.front()) + ", highest " + format_points(scores.back()) + " (of " +
        format_points(max) + "), over " + std::to_string(n) + " graded submission" +
        (n == 1 ? "" : "s") + ". Raw scores, before any late penalty.\n\n";
  // Ten bins of a tenth of the maximum each; full marks on a row of their own.
  const int kBins = 10;
  std::vector<int> count(kBins + 1, 0);
  for (double v : scores) {
    if (max <= 0 || v >= max - 1e-9) {
      ++count[kBins];
      continue;
    }
    int b = static_cast<int>(std::floor(v / max * kBins + 1e-9));
    ++count[std::clamp(b, 0, kBins - 1)];
  }
  md += "| score | students | |\n|---|---:|---|\n";
  for (int b = kBins; b >= 0; --b) {
    std::string label = b == kBins ? format_points(max)
                                   : format_points(max * b / kBins) + " to < " +
                                         format_points(max * (b + 1) / kBins);
    md += "| " + label + " | " + std::to_string(count[b]) + " | ";
    for (int i = 0; i < count[b]; ++i) md += "\u2588";
    md += " |\n";
  }
  md += "\n";
}

void failed_checks(std::string& md, const std::vector<const StudentOutcome*>& graded,
                   const Rubric& rubric) {
  struct Tally {
    std::string id, title;
    int failed = 0, skipped = 0, passed = 0;
    size_t order = 0;
  };
  std::vector<Tally> tallies;
  for (size_t i = 0; i < rubric.items.size(); ++i) {
    const RubricItem& item = rubric.items[i];
    if (item.manual) continue;
    Tally t{item.check, item.title.empty() ? item.check : item.title, 0, 0, 0, i};
    for (const auto* s : graded) {
      const Json& checks = node_at(s->report, {"checks"});
      if (!checks.is_array()) continue;
      for (const Json& c : checks)
        if (str_at(c, {"id"}) == item.check) {
          std::string st = str_at(c, {"status"});
          t.failed += st == "fail";
          t.skipped += st == "skipped";
          t.passed += st == "pass";
        }
    }
    tallies.push_back(t);
  }
  std::stable_sort(tallies.begin(), tallies.end(), [](const Tally& a, const Tally& b) {
    return a.failed + a.skipped > b.failed + b.skipped;
  });
  md += "## Checks most often failed\n\n";
  bool any = false;
  for (const Tally& t : tallies) any = any || t.failed + t.skipped > 0;
  if (!any) {
    md += graded.empty() ? "No submission was graded.\n\n"
                         : "Every graded submission passed every check.\n\n";
    return;
  }
  md += "| check | failed | skipped | passed |\n|---|---:|---:|---:|\n";
  for (const Tally& t : tallies)
    if (t.failed + t.skipped > 0)
      md += "| " + cell(t.title) + " (`" + t.id + "`) | " + std::to_string(t.failed) + " | " +
            std::to_string(t.skipped) + " | " + std::to_string(t.passed) + " |\n";
  md += "\nSkipped: not judged because a prerequisite failed or the submission broke an earlier "
        "step (each student's STATEFULSET.md says which).\n\n";
}

// Lint findings, when the reports carry them (report.json "lint": [{rule,
// severity, message, …}]): how many submissions made each mistake.
void lint_findings(std::string& md, const std::vector<const StudentOutcome*>& with_reports) {
  struct Rule {
    std::set<std::string> students;
    std::string severity, example;
  };
  std::map<std::string, Rule> rules;
  bool any_lint = false;
  for (const auto* s : with_reports) {
    const Json& lint = node_at(s->report, {"lint"});
    if (!lint.is_array()) continue;
    any_lint = true;
    for (const Json& f : lint) {
      std::string id = str_at(f, {"rule"});
      if (id.empty()) id = str_at(f, {"id"});
      if (id.empty()) continue;
      Rule& r = rules[id];
      r.students.insert(s->student);
      if (r.example.empty()) r.example = str_at(f, {"message"}), r.severity = str_at(f, {"severity"});
    }
  }
  if (!any_lint) return;           // reports without lint results: nothing to say
  md += "## Common mistakes found by lint\n\n";
  if (rules.empty()) {
    md += "No lint findings in any submission.\n\n";
    return;
  }
  std::vector<std::pair<std::string, const Rule*>> sorted;
  for (const auto& [id, r] : rules) sorted.emplace_back(id, &r);
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    return a.second->students.size() > b.second->students.size();
  });
  md += "| rule | severity | submissions | example |\n|---|---|---:|---|\n";
  for (const auto& [id, r] : sorted)
    md += "| `" + id + "` | " + cell(r->severity) + " | " + std::to_string(r->students.size()) +
          " | " + cell(r->example.substr(0, 160)) + " |\n";
  md += "\n";
}

}  // namespace

std::string render_class_summary(const std::vector<StudentOutcome>& students, const Rubric& rubric,
                                 const BatchFacts& facts) {
  double possible = 0, machine = 0;
  for (const RubricItem& item : rubric.items) {
    possible += item.points;
    if (!item.manual) machine += item.points;
  }
  std::map<std::string, int> by_status;
  std::vector<const StudentOutcome*> graded, with_reports;
  for (const StudentOutcome& s : students) {
    ++by_status[s.status];
    if (is_graded(s)) graded.push_back(&s);
    if (s.report.is_object()) with_reports.push_back(&s);
  }
  std::string md = "# Class summary: " + cell(rubric.title) + "\n\n";
  md += "Rubric `" + rubric.id + "`: " + format_points(possible) + " points, " +
        format_points(machine) + " judged by the grader";
  if (possible > machine) md += ", " + format_points(possible - machine) + " by the instructor";
  md += ". ";
  if (!facts.due.empty()) md += "Due " + facts.due + ". ";
  md += "This run: " + duration(facts.wall_seconds) + " with --parallel " +
        std::to_string(facts.parallel) + ".\n\n";
  if (facts.interrupted)
    md += "**The batch was interrupted**: " + std::to_string(by_status["pending"]) +
          " submission(s) are pending. Run the same command again to grade them; graded ones "
          "are kept.\n\n";

  md += "| students | count |\n|---|---:|\n";
  md += "| on the roster | " + std::to_string(students.size()) + " |\n";
  md += "| graded | " + std::to_string(graded.size()) + " (" + std::to_string(by_status["pass"]) +
        " passed every check, " + std::to_string(by_status["fail"]) + " failed some) |\n";
  md += "| not gradable | " + std::to_string(by_status["not-gradable"]) + " |\n";
  if (by_status["error"]) md += "| grader errors | " + std::to_string(by_status["error"]) + " |\n";
  if (by_status["pending"]) md += "| pending | " + std::to_string(by_status["pending"]) + " |\n";
  md += "\n";

  distribution(md, graded, machine);

  std::vector<const StudentOutcome*> late;
  for (const auto* s : graded)
    if (s->late.known && s->late.days > 0) late.push_back(s);
  bool known = false;
  for (const auto* s : graded) known = known || s->late.known;
  if (known) {
    md += "## Late submissions\n\n";
    if (late.empty()) {
      md += "Every graded submission came in on time.\n\n";
    } else {
      md += "The penalty is shown beside the raw score, never taken from it (gradebook.csv: "
            "`final_score`).\n\n| student | submitted | days late | penalty | raw | final |\n"
            "|---|---|---:|---:|---:|---:|\n";
      for (const auto* s : late)
        md += "| " + cell(s->student) + " | " + cell(s->submitted_at) + " | " +
              std::to_string(s->late.days) + " | " + format_points(100 * s->late.penalty) +
              " % | " + format_points(earned(*s)) + " | " + format_points(s->late.apply(earned(*s))) +
              " |\n";
      md += "\n";
    }
  }

  failed_checks(md, graded, rubric);
  lint_findings(md, with_reports);

  std::vector<const StudentOutcome*> ungraded;
  for (const StudentOutcome& s : students)
    if (s.status == "not-gradable" || s.status == "error") ungraded.push_back(&s);
  md += "## Not gradable\n\n";
  if (ungraded.empty()) {
    md += "None.\n";
  } else {
    md += "Not scored, and regraded when the batch runs again (a refused submission stays "
          "refused until it changes). Details in `students/<id>/grader.log`.\n\n"
          "| student | status | why |\n|---|---|---|\n";
    for (const auto* s : ungraded)
      md += "| " + cell(s->student) + " | " + s->status + " | " + cell(s->reason) + " |\n";
  }
  return md;
}

}  // namespace sts
