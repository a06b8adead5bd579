#include "grader/scenario/scenario.h"

#include <algorithm>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "grader/scenario/step.h"

namespace sts {

std::string StepSpec::describe() const {
  return "step " + id + " (" + op + ") at " + pos.str();
}

std::chrono::milliseconds parse_duration(const std::string& text) {
  static const std::regex kPart(R"((\d+)(ms|s|m|h))");
  std::chrono::milliseconds total{0};
  size_t consumed = 0;
  for (std::sregex_iterator it(text.begin(), text.end(), kPart), end; it != end; ++it) {
    if (static_cast<size_t>(it->position()) != consumed)
      throw ScenarioError("bad duration \"" + text + "\"");
    long n = std::stol((*it)[1]);
    std::string unit = (*it)[2];
    total += unit == "ms" ? std::chrono::milliseconds(n)
             : unit == "s" ? std::chrono::milliseconds(n * 1000)
             : unit == "m" ? std::chrono::milliseconds(n * 60000)
                           : std::chrono::milliseconds(n * 3600000);
    consumed += it->length();
  }
  if (consumed == 0 || consumed != text.size())
    throw ScenarioError("bad duration \"" + text + "\" (use e.g. 90s, 5m, 500ms)");
  return total;
}

namespace {
// Every field of a step is one its op declares (grader/scenario/step.h ArgSchema), of
// the declared type; `pos` gives a JSON pointer's file:line:col.
template <typename Pos>
void check_arguments(const Json& step, const std::string& op, const std::string& ptr, Pos pos) {
  const ArgSchema& schema = *find_step_args(op);
  for (const auto& [key, value] : step.items()) {
    if (key == "id" || key == "op" || key == "timeout") {
      if (!value.is_string())
        throw ScenarioError(pos(ptr + "/" + key).str() + ": \"" + key + "\" must be a string");
      continue;
    }
    auto it = std::find_if(schema.begin(), schema.end(), [&](const ArgSpec& a) { return a.name == key; });
    if (it == schema.end()) {
      std::string names;
      for (const ArgSpec& a : schema) names += (names.empty() ? "" : ", ") + a.name;
      throw ScenarioError(pos(ptr + "/" + key).str() + ": op " + op + " takes no argument \"" + key +
                          "\" (" + (names.empty() ? "it takes none" : "it takes: " + names) +
                          "; every step: id, op, timeout)");
    }
    if (!matches(value, it->type))
      throw ScenarioError(pos(ptr + "/" + key).str() + ": \"" + key + "\" of op " + op + " must be " +
                          describe(it->type) + ", not " + value.dump());
  }
}
}  // namespace

Scenario parse_scenario(const std::string& text, const std::string& file) {
  std::map<std::string, SourcePos> positions;
  Json body;
  try {
    body = parse_yaml_document(text, file, positions);
  } catch (const ManifestError& e) {
    throw ScenarioError(e.what());
  }
  auto pos = [&](const std::string& ptr) {
    for (std::string p = ptr;; p = p.substr(0, p.rfind('/'))) {
      if (auto it = positions.find(p); it != positions.end()) return it->second;
      if (p.empty()) return SourcePos{file, 0, 0};
    }
  };
  if (!body.is_object()) throw ScenarioError(file + ": a scenario must be a mapping");
  Scenario s;
  s.source = file;
  s.id = str_at(body, {"id"});
  s.title = str_at(body, {"title"});
  if (s.id.empty()) throw ScenarioError(pos("").str() + ": scenario has no id");
  if (body.contains("probe_image")) s.probe_image = str_at(body, {"probe_image"});
  const Json& steps = node_at(body, {"steps"});
  if (!steps.is_array() || steps.empty())
    throw ScenarioError(pos("").str() + ": scenario has no steps");
  std::set<std::string> ids;
  for (size_t i = 0; i < steps.size(); ++i) {
    std::string ptr = "/steps/" + std::to_string(i);
    const Json& st = steps[i];
    StepSpec spec;
    spec.pos = pos(ptr);
    if (!st.is_object()) throw ScenarioError(spec.pos.str() + ": a step must be a mapping");
    spec.op = str_at(st, {"op"});
    spec.id = st.contains("id") ? str_at(st, {"id"}) : spec.op + "-" + std::to_string(i);
    if (spec.op.empty()) throw ScenarioError(spec.pos.str() + ": step has no op");
    if (!find_step(spec.op)) {
      std::string known;
      for (const std::string& op : step_ops()) known += (known.empty() ? "" : ", ") + op;
      throw ScenarioError(pos(ptr + "/op").str() + ": unknown op \"" + spec.op +
                          "\" (known: " + known + ")");
    }
    check_arguments(st, spec.op, ptr, pos);
    if (!ids.insert(spec.id).second)
      throw ScenarioError(pos(ptr + "/id").str() + ": duplicate step id \"" + spec.id + "\"");
    if (st.contains("timeout")) {
      try {
        spec.timeout = parse_duration(str_at(st, {"timeout"}));
      } catch (const ScenarioError& e) {
        throw ScenarioError(pos(ptr + "/timeout").str() + ": " + e.what());
      }
    }
    spec.args = st;
    s.steps.push_back(std::move(spec));
  }
  return s;
}

Scenario load_scenario(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw ScenarioError(path + ": cannot open scenario");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_scenario(text.str(), path);
}

}  // namespace sts
