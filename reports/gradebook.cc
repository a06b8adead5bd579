#include "reports/gradebook.h"

namespace sts {

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos && (s.empty() || (s.front() != ' ' && s.back() != ' ')))
    return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

namespace {
std::string item_column(const RubricItem& item) {
  return item.manual ? "manual: " + item.title : item.check;
}

// The report's entry for a rubric item: by check id, manual items by title.
const Json* report_check(const Json& report, const RubricItem& item) {
  const Json& checks = node_at(report, {"checks"});
  if (!checks.is_array()) return nullptr;
  for (const Json& c : checks) {
    if (!item.manual && str_at(c, {"id"}) == item.check) return &c;
    if (item.manual && c.value("manual", false) && str_at(c, {"title"}) == item.title) return &c;
  }
  return nullptr;
}
}  // namespace

std::string render_gradebook_csv(const std::vector<StudentOutcome>& students, const Rubric& rubric) {
  std::vector<std::string> header = {"student", "score", "max", "machine_max", "status",
                                     "late_days", "late_penalty", "final_score"};
  for (const RubricItem& item : rubric.items) header.push_back(item_column(item));
  header.push_back("reason");
  std::string out;
  auto row = [&out](const std::vector<std::string>& cells) {
    for (size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + csv_field(cells[i]);
    out += "\n";
  };
  row(header);

  double possible = 0, machine = 0;
  for (const RubricItem& item : rubric.items) {
    possible += item.points;
    if (!item.manual) machine += item.points;
  }
  for (const StudentOutcome& s : students) {
    const bool graded = is_graded(s) && node_at(s.report, {"score", "earned"}).is_number();
    const double earned = graded ? s.report["score"]["earned"].get<double>() : 0;
    // The report's own maxima when there is one: an item whose check did not
    // apply may have gone to the instructor (manual_unless_applicable).
    const Json& score = node_at(s.report, {"score"});
    const double max = graded && score["possible"].is_number() ? score["possible"].get<double>() : possible;
    const double machine_max = graded && score["machine_possible"].is_number()
                                   ? score["machine_possible"].get<double>() : machine;
    std::vector<std::string> cells = {s.student,
                                      graded ? format_points(earned) : "",
                                      format_points(max),
                                      format_points(machine_max),
                                      s.status,
                                      s.late.known ? std::to_string(s.late.days) : "",
                                      s.late.known ? format_points(s.late.penalty) : "",
                                      graded ? format_points(s.late.apply(earned)) : ""};
    for (const RubricItem& item : rubric.items) {
      const Json* c = graded && !item.manual ? report_check(s.report, item) : nullptr;
      const bool judged = c && !c->value("manual", false) && (*c)["earned"].is_number();
      cells.push_back(judged ? format_points((*c)["earned"].get<double>()) : "");
    }
    cells.push_back(s.reason);
    row(cells);
  }
  return out;
}

}  // namespace sts
