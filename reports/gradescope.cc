#include "reports/gradescope.h"

#include <cmath>

#include "grader/base/text.h"

namespace sts {

namespace {
std::string test_output(const Json& c) {
  std::string out = str_at(c, {"summary"});
  if (std::string why = str_at(c, {"explanation"}); !why.empty() && why != out) out += "\n\nWhy: " + why;
  if (std::string hint = str_at(c, {"hint"}); !hint.empty()) out += "\n\nHint: " + hint;
  return out;
}
}  // namespace

std::optional<Json> gradescope_results(const Json& report) {
  const Json& score = node_at(report, {"score"});
  if (!score.is_object() || !score.value("gradable", false) || !score["earned"].is_number())
    return std::nullopt;
  Json tests = Json::array();
  const Json& checks = node_at(report, {"checks"});
  int number = 0;
  if (checks.is_array())
    for (const Json& c : checks) {
      ++number;
      Json t = {{"name", str_at(c, {"title"})},
                {"number", std::to_string(number)},
                {"max_score", c.value("points", 0.0)},
                {"visibility", c.value("hidden", false) ? "after_published" : "visible"}};
      if (c.value("manual", false)) {
        t["output"] = "marked for the instructor";
      } else {
        t["score"] = c.value("earned", 0.0);
        t["status"] = str_at(c, {"status"}) == "pass" ? "passed" : "failed";
        t["output"] = test_output(c);
      }
      tests.push_back(std::move(t));
    }
  std::string output = str_at(score, {"verdict"});
  const Json& notes = node_at(report, {"run", "notes"});
  if (notes.is_array())
    for (const Json& n : notes)
      if (n.is_string()) output += "\n" + n.get<std::string>();
  const Json& wall = node_at(report, {"run", "wall_seconds"});
  return Json{{"score", score["earned"].get<double>()},
              {"execution_time", wall.is_number() ? static_cast<long>(std::lround(wall.get<double>())) : 0L},
              {"output", output},
              {"visibility", "visible"},
              {"stdout_visibility", "hidden"},
              {"tests", tests},
              {"extra_data",
               {{"sts_grader",
                 {{"report_schema", str_at(report, {"schema"})},
                  {"rubric", str_at(report, {"run", "rubric", "id"})},
                  {"grader_version", str_at(report, {"run", "grader_version"})},
                  {"machine_max", score.value("machine_possible", 0.0)}}}}}};
}

std::optional<Json> gradescope_autograder_results(const Json& report, const std::string& markdown) {
  std::optional<Json> r = gradescope_results(report);
  if (!r) return r;
  (*r)["output"] = clip(markdown, kGradescopeMaxOutput);
  (*r)["output_format"] = "md";
  (*r)["test_output_format"] = "text";
  return r;
}

}  // namespace sts
