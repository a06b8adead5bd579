#include "reports/prairielearn.h"

#include <algorithm>
#include <cmath>

#include "reports/json_report.h"
#include "grader/base/text.h"

namespace sts {

namespace {

std::string dump(const Json& j) { return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n"; }

std::string message_of(const Json& c) {
  std::string out = str_at(c, {"summary"});
  if (std::string why = str_at(c, {"explanation"}); !why.empty() && why != out) out += "\nWhy: " + why;
  if (std::string hint = str_at(c, {"hint"}); !hint.empty()) out += "\nHint: " + hint;
  return out;
}

// Plain text of one pod's evidence, for a test's output.
std::string debug_text(const Json& d) {
  std::string out = "Debug evidence (end of the scenario):\n";
  for (const Json& p : d.value("pods", Json::array())) {
    out += "\npod " + str_at(p, {"name"}) + " " + str_at(p, {"phase"}) + "\n";
    for (const Json& c : p.value("conditions", Json::array()))
      if (c.is_string()) out += "  condition " + c.get<std::string>() + "\n";
    for (const Json& c : p.value("containers", Json::array())) {
      out += "  container " + str_at(c, {"name"}) + ": " + str_at(c, {"state"});
      if (std::string last = str_at(c, {"last_state"}); !last.empty()) out += "; before: " + last;
      out += "\n";
      std::string prev = str_at(c, {"previous_log"}), log = str_at(c, {"log"});
      if (!prev.empty()) out += "  log of the previous instance:\n" + prev + (prev.back() == '\n' ? "" : "\n");
      if (!log.empty()) out += "  log:\n" + log + (log.back() == '\n' ? "" : "\n");
      if (std::string e = str_at(c, {"log_error"}); !e.empty()) out += "  no log: " + e + "\n";
    }
  }
  out += "\nevents:\n";
  for (const Json& e : d.value("events", Json::array()))
    if (e.is_string()) out += "  " + e.get<std::string>() + "\n";
  return out;
}

std::string output_of(const Json& c, const Json& debug) {
  if (c.value("hidden", false)) return "The details of this check are hidden.";
  std::string out;
  for (const Json& a : c.value("assertions", Json::array()))
    out += std::string(a.value("passed", false) ? "[x] " : "[ ] ") + str_at(a, {"description"}) +
           (str_at(a, {"detail"}).empty() ? "" : " — " + str_at(a, {"detail"})) + "\n";
  for (const Json& e : c.value("evidence", Json::array())) {
    std::string text = str_at(e, {"text"});
    out += "\n" + str_at(e, {"label"}) + ":\n" + text + (text.empty() || text.back() == '\n' ? "" : "\n");
  }
  if (c.value("debug_evidence", false) && debug.is_object()) out += "\n" + debug_text(debug);
  return out;
}

}  // namespace

Json prairielearn_results(const Json& report, size_t max_bytes) {
  const Json& score = node_at(report, {"score"});
  const bool gradable = score.is_object() && score.value("gradable", false) && score["earned"].is_number();
  const Json& debug = node_at(report, {"debug_evidence"});
  Json tests = Json::array();
  double base = 0;
  std::vector<std::string> manual;
  for (const Json& c : node_at(report, {"checks"}).is_array() ? node_at(report, {"checks"}) : Json::array()) {
    if (c.value("manual", false)) {
      manual.push_back(str_at(c, {"title"}) + " (" + format_points(c.value("points", 0.0)) + ")");
      continue;
    }
    if (!c.value("bonus", false)) base += c.value("points", 0.0);
    tests.push_back({{"name", str_at(c, {"title"})},
                     {"description", str_at(c, {"id"}) + ": " + str_at(c, {"status"})},
                     {"points", c.value("earned", 0.0)},
                     {"max_points", c.value("points", 0.0)},
                     {"message", message_of(c)},
                     {"output", output_of(c, debug)}});
  }
  std::string message = str_at(score, {"verdict"});
  if (!manual.empty()) {
    message += "\nGraded by hand, not in this score:";
    for (const std::string& m : manual) message += " " + m + ";";
    message.pop_back();
  }
  std::string output = message + "\n";
  for (const Json& n : node_at(report, {"run", "notes"}).is_array() ? node_at(report, {"run", "notes"}) : Json::array())
    if (n.is_string()) output += n.get<std::string>() + "\n";
  const Json& lint = node_at(report, {"lint"});
  if (lint.is_array() && !lint.empty()) {
    output += "\nManifest analysis (explains, never scores):\n";
    for (const Json& d : lint)
      output += str_at(d, {"file"}) + ":" + std::to_string(d.value("line", 0)) + ": " + str_at(d, {"severity"}) +
                ": " + str_at(d, {"message"}) + " [" + str_at(d, {"rule"}) + "]\n";
  }

  Json out = {{"gradable", gradable}, {"message", message}, {"output", output}, {"tests", tests}};
  if (gradable) {
    const double earned = score["earned"].get<double>();
    out["score"] = base > 0 ? std::clamp(earned / base, 0.0, 1.0) : 0.0;
  } else {
    // No score at all: PrairieLearn awards and takes nothing, the attempt is kept.
    out["format_errors"] = Json::array({str_at(score, {"reason"})});
  }

  // Fit the limit: cut test outputs (longest first), then the run's output.
  for (size_t cap : {size_t(64 * 1024), size_t(16 * 1024), size_t(4 * 1024), size_t(1024), size_t(0)}) {
    if (dump(out).size() <= max_bytes) return out;
    for (Json& t : out["tests"]) {
      std::string o = t["output"].get<std::string>();
      if (o.size() > cap) t["output"] = cap ? clip(o, cap) : "(cut: the results must stay under 1 MB; see report.json)";
    }
    if (output.size() > cap * 4) out["output"] = clip(output, cap * 4);
  }
  if (dump(out).size() > max_bytes)
    for (Json& t : out["tests"]) t["message"] = clip(t["message"].get<std::string>(), 200);
  return out;
}

std::string render_prairielearn(const RunInfo& run, const Score& score, const Observations& obs) {
  return dump(prairielearn_results(report_json(run, score, obs)));
}

}  // namespace sts
