// Loading a rubric from YAML, and scoring check results against it.
//
// The format is documented at the top of rubrics/lab04-section3.yaml. The
// loader is strict: a typo in a rubric silently changes grades, so unknown
// keys, wrong types and impossible dependencies are errors naming file:line:col.
#include "grader/grading/rubric.h"

#include <yaml-cpp/yaml.h>

#include "grader/grading/lateness.h"

#include <cmath>
#include <functional>
#include <set>
#include <sstream>

namespace sts {
namespace {

std::string where(const std::string& file, const YAML::Mark& m) {
  std::ostringstream s;
  s << file;
  if (!m.is_null()) s << ":" << m.line + 1 << ":" << m.column + 1;
  return s.str();
}

[[noreturn]] void fail(const std::string& file, const YAML::Mark& m, const std::string& msg) {
  throw RubricError(where(file, m) + ": " + msg);
}

// Reads YAML nodes for one file, turning every type mistake into a RubricError.
class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}
  const std::string& file() const { return file_; }

  void only_keys(const YAML::Node& map, const std::set<std::string>& allowed,
                 const std::string& what) const {
    if (!map.IsMap()) fail(file_, map.Mark(), what + " must be a mapping");
    std::set<std::string> seen;
    for (const auto& kv : map) {
      const std::string key = scalar(kv.first, "key");
      if (!allowed.count(key)) {
        std::string list;
        for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
        fail(file_, kv.first.Mark(), "unknown key '" + key + "' in " + what + " (allowed: " + list + ")");
      }
      if (!seen.insert(key).second) fail(file_, kv.first.Mark(), "duplicate key '" + key + "'");
    }
  }

  std::string scalar(const YAML::Node& n, const std::string& what) const {
    if (!n.IsScalar()) fail(file_, n.Mark(), what + " must be a string");
    return n.Scalar();
  }

  std::string string_or(const YAML::Node& map, const char* key, std::string fallback) const {
    const YAML::Node n = map[key];
    return n ? scalar(n, key) : fallback;
  }

  double number(const YAML::Node& n, const std::string& what) const {
    double v = 0;
    if (!n.IsScalar() || !YAML::convert<double>::decode(n, v) || !std::isfinite(v))
      fail(file_, n.Mark(), what + " must be a number, got '" + (n.IsScalar() ? n.Scalar() : "?") + "'");
    return v;
  }

  bool boolean_or(const YAML::Node& map, const char* key, bool fallback) const {
    const YAML::Node n = map[key];
    if (!n) return fallback;
    bool v = false;
    if (!n.IsScalar() || !YAML::convert<bool>::decode(n, v))
      fail(file_, n.Mark(), std::string(key) + " must be true or false");
    return v;
  }

 private:
  std::string file_;
};

RubricItem read_item(const Reader& r, const YAML::Node& n) {
  r.only_keys(n, {"check", "title", "points", "partial", "assertions", "requires", "manual", "hidden",
                  "bonus", "manual_unless_applicable"},
              "an item");
  RubricItem item;
  item.manual = r.boolean_or(n, "manual", false);
  item.check = r.string_or(n, "check", "");
  item.title = r.string_or(n, "title", "");
  item.hidden = r.boolean_or(n, "hidden", false);
  item.partial = r.boolean_or(n, "partial", false);
  item.bonus = r.boolean_or(n, "bonus", false);
  item.manual_unless_applicable = r.boolean_or(n, "manual_unless_applicable", false);
  if (item.manual && item.manual_unless_applicable)
    fail(r.file(), n["manual_unless_applicable"].Mark(), "a manual item is always the instructor's");

  if (item.manual && n["check"]) fail(r.file(), n["check"].Mark(), "a manual item is judged by the instructor and names no check");
  if (!item.manual && item.check.empty()) fail(r.file(), n.Mark(), "an item needs 'check: <id>' (or 'manual: true')");
  if (item.manual && item.title.empty()) fail(r.file(), n.Mark(), "a manual item needs a title");

  if (!n["points"]) fail(r.file(), n.Mark(), "an item needs 'points'");
  item.points = r.number(n["points"], "points");
  if (item.points < 0) fail(r.file(), n["points"].Mark(), "points must not be negative");

  if (const YAML::Node a = n["assertions"]) {
    if (!item.partial) fail(r.file(), a.Mark(), "assertion weights only apply with 'partial: true'");
    if (!a.IsMap()) fail(r.file(), a.Mark(), "assertions must map assertion ids to weights");
    for (const auto& kv : a) {
      const std::string id = r.scalar(kv.first, "assertion id");
      const double w = r.number(kv.second, "weight of '" + id + "'");
      if (w < 0) fail(r.file(), kv.second.Mark(), "weight of '" + id + "' must not be negative");
      item.assertion_weights[id] = w;
    }
  }
  if (item.manual && item.partial) fail(r.file(), n["partial"].Mark(), "a manual item has no assertions to give partial credit for");

  if (const YAML::Node req = n["requires"]) {
    if (item.manual) fail(r.file(), req.Mark(), "a manual item cannot require checks");
    if (!req.IsSequence()) fail(r.file(), req.Mark(), "requires must be a list of check ids");
    for (const auto& x : req) item.requires_.push_back(r.scalar(x, "a required check id"));
  }
  return item;
}

// The `lint:` block; quantities and rule ids are checked where lint uses them
// (grader/lint/lint_config.cc), severities here.
void read_lint(const Reader& r, const YAML::Node& n, RubricLint& out) {
  r.only_keys(n, {"min_storage", "min_replicas", "namespace", "statefulset_names", "severity"}, "lint");
  out.min_storage = r.string_or(n, "min_storage", "");
  out.namespace_ = r.string_or(n, "namespace", "");
  if (const YAML::Node m = n["min_replicas"]) {
    const double v = r.number(m, "min_replicas");
    if (v < 0 || v != std::floor(v)) fail(r.file(), m.Mark(), "min_replicas must be a whole number >= 0");
    out.min_replicas = static_cast<int>(v);
  }
  if (const YAML::Node names = n["statefulset_names"]) {
    if (!names.IsSequence()) fail(r.file(), names.Mark(), "statefulset_names must be a list of names");
    for (const auto& x : names) out.statefulset_names.push_back(r.scalar(x, "a StatefulSet name"));
  }
  if (const YAML::Node sev = n["severity"]) {
    if (!sev.IsMap()) fail(r.file(), sev.Mark(), "severity must map rule ids to error, warning, info or off");
    for (const auto& kv : sev) {
      const std::string level = r.scalar(kv.second, "severity");
      if (level != "error" && level != "warning" && level != "info" && level != "off")
        fail(r.file(), kv.second.Mark(), "severity must be error, warning, info or off, got '" + level + "'");
      out.severity[r.scalar(kv.first, "rule id")] = level;
    }
  }
}

// Requires must name items of this rubric and must not loop.
void check_requires(const Reader& r, const Rubric& rubric, const std::vector<YAML::Mark>& marks) {
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < rubric.items.size(); ++i)
    if (!rubric.items[i].check.empty()) index[rubric.items[i].check] = i;

  for (size_t i = 0; i < rubric.items.size(); ++i)
    for (const auto& dep : rubric.items[i].requires_)
      if (!index.count(dep))
        fail(r.file(), marks[i], "'" + rubric.items[i].check + "' requires '" + dep + "', which is not an item of this rubric");

  enum Color { kWhite, kGrey, kBlack };
  std::vector<Color> color(rubric.items.size(), kWhite);
  std::vector<std::string> path;
  std::function<void(size_t)> visit = [&](size_t i) {
    color[i] = kGrey;
    path.push_back(rubric.items[i].check);
    for (const auto& dep : rubric.items[i].requires_) {
      const size_t j = index.at(dep);
      if (color[j] == kGrey) {
        std::string cycle;
        bool in = false;
        for (const auto& p : path) {
          in = in || p == dep;
          if (in) cycle += p + " -> ";
        }
        fail(r.file(), marks[j], "requires form a cycle: " + cycle + dep);
      }
      if (color[j] == kWhite) visit(j);
    }
    path.pop_back();
    color[i] = kBlack;
  };
  for (size_t i = 0; i < rubric.items.size(); ++i)
    if (color[i] == kWhite) visit(i);
}

}  // namespace

Rubric load_rubric(const std::string& path) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    throw RubricError(path + ": cannot read the rubric file");
  } catch (const YAML::Exception& e) {
    fail(path, e.mark, e.msg);
  }
  const Reader r(path);
  if (!root || root.IsNull()) throw RubricError(path + ": the rubric is empty");
  r.only_keys(root, {"id", "title", "lab", "scenario", "required_namespace", "items", "due", "late_policy", "lint"},
              "the rubric");

  Rubric rubric;
  rubric.source = path;
  if (!root["id"]) fail(path, root.Mark(), "the rubric needs an 'id'");
  rubric.id = r.scalar(root["id"], "id");
  rubric.title = r.string_or(root, "title", rubric.id);
  rubric.lab = r.string_or(root, "lab", "");
  rubric.scenario = r.string_or(root, "scenario", "");
  rubric.required_namespace = r.string_or(root, "required_namespace", "");
  rubric.due = r.string_or(root, "due", "");
  if (!rubric.due.empty() && !parse_timestamp(rubric.due))
    fail(path, root["due"].Mark(), "due must be a time like 2026-03-01T23:59:00+01:00, got '" + rubric.due + "'");
  if (const YAML::Node lp = root["late_policy"]) {
    r.only_keys(lp, {"per_day", "max_days"}, "late_policy");
    if (lp["per_day"]) {
      rubric.late_policy.per_day = r.number(lp["per_day"], "per_day");
      if (rubric.late_policy.per_day < 0 || rubric.late_policy.per_day > 1)
        fail(path, lp["per_day"].Mark(), "per_day is a fraction of the score, from 0 to 1");
    }
    if (lp["max_days"]) {
      const double d = r.number(lp["max_days"], "max_days");
      if (d < 0 || d != std::floor(d)) fail(path, lp["max_days"].Mark(), "max_days must be a whole number >= 0");
      rubric.late_policy.max_days = static_cast<int>(d);
    }
  }

  if (const YAML::Node l = root["lint"]) read_lint(r, l, rubric.lint);

  const YAML::Node items = root["items"];
  if (!items) fail(path, root.Mark(), "the rubric needs 'items'");
  if (!items.IsSequence() || items.size() == 0) fail(path, items.Mark(), "items must be a non-empty list");

  std::vector<YAML::Mark> marks;
  std::set<std::string> checks;
  for (const auto& n : items) {
    RubricItem item = read_item(r, n);
    if (!item.check.empty() && !checks.insert(item.check).second)
      fail(path, n["check"].Mark(), "check '" + item.check + "' appears twice");
    marks.push_back(n.Mark());
    rubric.items.push_back(std::move(item));
  }
  check_requires(r, rubric, marks);
  return rubric;
}

std::vector<std::string> validate_rubric(const Rubric& rubric, const CheckRegistry& registry) {
  std::vector<std::string> problems;
  for (const auto& item : rubric.items) {
    if (item.manual) continue;
    if (!registry.find(item.check)) {
      std::string known;
      for (const Check* c : registry.all()) known += (known.empty() ? "" : ", ") + c->id();
      problems.push_back(rubric.source + ": unknown check '" + item.check + "' (known: " +
                         (known.empty() ? "none" : known) + ")");
    }
  }
  return problems;
}

namespace {

// Share of the points earned by a failed check with partial credit. Weights
// not listed default to 1; an assertion the rubric weighs but the check did not
// report counts as not passed, so a missing assertion never earns credit.
double partial_fraction(const RubricItem& item, const CheckResult& result) {
  std::map<std::string, double> weight;
  std::map<std::string, bool> passed;
  for (const auto& [id, w] : item.assertion_weights) weight[id] = w, passed[id] = false;
  for (const auto& a : result.assertions) {
    if (!weight.count(a.id)) weight[a.id] = 1;
    passed[a.id] = a.passed;
  }
  double total = 0, got = 0;
  for (const auto& [id, w] : weight) {
    total += w;
    if (passed[id]) got += w;
  }
  return total > 0 ? got / total : 0;
}

CheckResult skipped_because(const std::string& id, const std::string& why) {
  CheckResult r;
  r.id = id;
  r.status = Status::kSkipped;
  r.summary = "not judged: " + why;
  r.explanation = why;
  return r;
}

std::string requirement_reason(const std::string& dep, Status s) {
  switch (s) {
    case Status::kFail: return "requires " + dep + ", which failed";
    case Status::kSkipped: return "requires " + dep + ", which was skipped";
    case Status::kError: return "requires " + dep + ", which could not be judged (error)";
    case Status::kPass: break;
  }
  return "";
}

// Rubric indices with every item after its prerequisites.
std::vector<size_t> prerequisite_order(const Rubric& rubric) {
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < rubric.items.size(); ++i)
    if (!rubric.items[i].check.empty()) index[rubric.items[i].check] = i;
  std::vector<int> state(rubric.items.size(), 0);  // 0 new, 1 visiting, 2 done
  std::vector<size_t> order;
  std::function<void(size_t)> visit = [&](size_t i) {
    if (state[i] == 2) return;
    if (state[i] == 1) throw RubricError(rubric.source + ": requires form a cycle at '" + rubric.items[i].check + "'");
    state[i] = 1;
    for (const auto& dep : rubric.items[i].requires_)
      if (auto it = index.find(dep); it != index.end()) visit(it->second);
    state[i] = 2;
    order.push_back(i);
  };
  for (size_t i = 0; i < rubric.items.size(); ++i) visit(i);
  return order;
}

}  // namespace

Score score(const Rubric& rubric, const std::vector<CheckResult>& results) {
  std::map<std::string, const CheckResult*> by_id;
  for (const auto& r : results) by_id.emplace(r.id, &r);  // first result of an id wins

  Score s;
  s.items.resize(rubric.items.size());
  std::map<std::string, Status> settled;  // final status of each check item, for dependents
  for (size_t i : prerequisite_order(rubric)) {
    const RubricItem& item = rubric.items[i];
    ScoredItem& out = s.items[i];
    out.item = item;
    if (item.manual) {
      out.result.status = Status::kSkipped;
      out.result.summary = "judged by the instructor";
      continue;
    }
    auto found = by_id.find(item.check);
    if (found == by_id.end()) {
      out.result.id = item.check;
      out.result.status = Status::kError;
      out.result.summary = "no result";
      out.result.explanation = "the grader produced no result for check '" + item.check + "' (a grader fault)";
    } else {
      out.result = *found->second;
    }

    if (out.result.status != Status::kError) {
      for (const auto& dep : item.requires_) {
        auto st = settled.find(dep);
        const Status dep_status = st != settled.end() ? st->second
                                  : by_id.count(dep) ? by_id.at(dep)->status
                                                     : Status::kError;
        if (dep_status != Status::kPass) {
          out.result = skipped_because(item.check, requirement_reason(dep, dep_status));
          break;
        }
      }
    }
    settled[item.check] = out.result.status;
    if (item.manual_unless_applicable && out.result.status == Status::kSkipped && out.result.not_applicable) {
      out.item.manual = true;        // the instructor's, with the check's reason beside it
      continue;
    }

    if (out.result.status == Status::kPass) {
      out.earned = item.points;
    } else if (out.result.status == Status::kFail && item.partial && !out.result.assertions.empty()) {
      out.earned = item.points * partial_fraction(item, out.result);
    }
  }

  for (const auto& it : s.items) {
    s.possible += it.item.points;
    if (it.item.bonus) s.bonus_possible += it.item.points;
    if (it.item.manual) continue;  // counted in possible, not judged here
    s.machine_possible += it.item.points;
    s.earned += it.earned;
    switch (it.result.status) {
      case Status::kPass: ++s.passed; break;
      case Status::kFail: ++s.failed; break;
      case Status::kSkipped: ++s.skipped; break;
      case Status::kError:
        ++s.errors;
        if (s.gradable) {
          // An infrastructure fault is never scored as a student failure.
          s.gradable = false;
          s.not_gradable_reason = !it.result.explanation.empty() ? it.result.explanation
                                  : !it.result.summary.empty()   ? it.result.summary
                                                                 : "check '" + it.item.check + "' could not be judged";
        }
        break;
    }
  }
  return s;
}

}  // namespace sts
