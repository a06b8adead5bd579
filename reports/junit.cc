#include "reports/junit.h"

#include <cstdio>
#include <sstream>

#include "reports/debug_text.h"
#include "grader/base/text.h"
#include "reports/verdict.h"
#include "reports/xml_text.h"

namespace sts {

namespace {

constexpr size_t kMaxBodyBytes = 16000;

std::string attr(const std::string& s) { return "\"" + xml_escape(s, true) + "\""; }

std::string seconds_attr(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", s);
  return buf;
}

// What a CI log shows under a failed or errored test: why, what to change,
// then the assertions and evidence it was judged on.
std::string details(const CheckResult& r) {
  std::string body;
  if (!r.explanation.empty()) body += r.explanation + "\n";
  if (!r.hint.empty()) body += "\nHint: " + r.hint + "\n";
  if (!r.assertions.empty()) {
    body += "\nAssertions:\n";
    for (const auto& a : r.assertions)
      body += std::string(a.passed ? "  [x] " : "  [ ] ") + (a.description.empty() ? a.id : a.description) +
              (a.detail.empty() ? "" : " — " + a.detail) + "\n";
  }
  for (const auto& e : r.evidence) {
    body += "\nEvidence: " + e.label;
    if (e.t >= 0) body += " (at " + format_seconds(e.t) + ")";
    body += "\n" + e.text + (e.text.empty() || e.text.back() == '\n' ? "" : "\n");
  }
  return clip(body, kMaxBodyBytes);
}

constexpr size_t kDebugLogLinesInJunit = 40;

void testcase(std::ostream& out, const std::string& classname, const ScoredItem& it, const std::string& debug) {
  const std::string name = it.item.manual ? "manual: " + item_title(it) : it.item.check;
  out << "    <testcase classname=" << attr(classname) << " name=" << attr(name) << " time=\"0\">\n";
  const std::string status = item_status(it);
  const CheckResult& r = it.result;
  const std::string body = it.item.hidden ? "The details of this check are hidden." : details(r);
  if (status == "fail") {
    out << "      <failure message=" << attr(r.summary) << " type=\"fail\">" << xml_escape(body) << "</failure>\n";
  } else if (status == "error") {
    out << "      <error message=" << attr(r.explanation.empty() ? r.summary : r.explanation) << " type=\"error\">"
        << xml_escape(body) << "</error>\n";
  } else if (status == "skipped") {
    out << "      <skipped message=" << attr(r.explanation.empty() ? r.summary : r.explanation) << "/>\n";
  } else if (status == "manual") {
    out << "      <skipped message=\"judged by the instructor\"/>\n";
  } else if (!r.summary.empty()) {
    out << "      <system-out>" << xml_escape(r.summary) << "</system-out>\n";
  }
  // CI systems show a test's own system-out beside its failure: the logs and events.
  if (!debug.empty() && shows_debug_evidence(it))
    out << "      <system-out>" << xml_escape(debug) << "</system-out>\n";
  out << "    </testcase>\n";
}

}  // namespace

std::string render_junit(const RunInfo& run, const Score& score, const Observations& obs) {
  int failures = 0, errors = 0, skipped = 0;
  for (const auto& it : score.items) {
    const std::string s = item_status(it);
    failures += s == "fail";
    errors += s == "error";
    skipped += s == "skipped" || s == "manual";
  }
  const std::string rubric = run.rubric_id.empty() ? "rubric" : run.rubric_id;
  const std::string counts = " tests=\"" + std::to_string(score.items.size()) + "\" failures=\"" +
                             std::to_string(failures) + "\" errors=\"" + std::to_string(errors) +
                             "\" skipped=\"" + std::to_string(skipped) + "\" time=\"" +
                             seconds_attr(run.wall_seconds) + "\"";
  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << "<testsuites name=\"sts-grader\"" << counts << ">\n";
  out << "  <testsuite name=" << attr(rubric) << counts;
  if (!run.started_at.empty()) out << " timestamp=" << attr(run.started_at);
  out << ">\n    <properties>\n";
  const std::vector<std::pair<std::string, std::string>> props = {
      {"verdict", verdict_line(score)},
      {"gradable", score.gradable ? "true" : "false"},
      {"earned", format_points(score.earned)},
      {"machine_possible", format_points(score.machine_possible)},
      {"possible", format_points(score.possible)},
      {"submission", run.submission},
      {"namespace", run.namespace_},
      {"cluster_version", run.cluster_version.empty() ? obs.cluster_version : run.cluster_version},
      {"grader_version", run.grader_version},
      {"lint_errors", std::to_string(count_diagnostics(run.lint).errors)},
      {"lint_warnings", std::to_string(count_diagnostics(run.lint).warnings)},
  };
  for (const auto& [k, v] : props) out << "      <property name=" << attr(k) << " value=" << attr(v) << "/>\n";
  out << "    </properties>\n";
  const std::string debug = debug_evidence_shown(score, obs)
                                ? clip(debug_evidence_text(obs.debug, kDebugLogLinesInJunit), kMaxBodyBytes)
                                : "";
  for (const auto& it : score.items) testcase(out, "sts-grader." + rubric, it, debug);
  // The manifest analysis explains failures; it is no test of its own (it never scores).
  std::string system_out = verdict_line(score);
  if (!run.lint.empty()) {
    system_out += "\n\nManifest analysis (sts-grader lint):\n";
    for (const Diagnostic& d : run.lint) system_out += d.str() + "\n";
  }
  out << "    <system-out>" << xml_escape(clip(system_out, kMaxBodyBytes)) << "</system-out>\n";
  out << "  </testsuite>\n</testsuites>\n";
  return out.str();
}

}  // namespace sts
