#include "reports/lint_json.h"

namespace sts {

Json diagnostic_json(const Diagnostic& d) {
  return {{"file", d.pos.file}, {"line", d.pos.line},       {"column", d.pos.column}, {"rendered", d.pos.rendered},
          {"severity", d.severity}, {"rule", d.rule}, {"message", d.message}, {"fix", d.fix}};
}

Json lint_json(const LintRun& run) {
  Json ds = Json::array();
  for (const Diagnostic& d : run.diagnostics) ds.push_back(diagnostic_json(d));
  const DiagnosticCounts c = count_diagnostics(run.diagnostics);
  return {{"schema", kLintSchema},
          {"submission", run.submission},
          {"source", run.source},
          {"rubric", run.rubric_id},
          {"objects", run.objects},
          {"diagnostics", ds},
          {"counts", {{"error", c.errors}, {"warning", c.warnings}, {"info", c.infos}}}};
}

std::string render_lint_json(const LintRun& run) {
  // Messages quote student content: replace invalid UTF-8 rather than throw.
  return lint_json(run).dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace sts
