// `sts-grader lint DIR [--format text|json|sarif|github] [--rubric FILE]`.
#include <cstdio>

#include "grader/cli/commands.h"
#include "grader/grading/data_dir.h"
#include "grader/lint/lint.h"
#include "grader/lint/lint_catalog.h"
#include "grader/lint/lint_config.h"
#include "grader/submission/submission_source.h"
#include "reports/lint_github.h"
#include "reports/lint_json.h"
#include "reports/lint_sarif.h"
#include "grader/base/text.h"

namespace sts {

namespace {

std::string render(const std::string& format, const LintRun& run) {
  if (format == "json") return render_lint_json(run);
  if (format == "sarif") return render_lint_sarif(run);
  if (format == "github") return render_lint_github(run);
  std::string out;
  for (const Diagnostic& d : run.diagnostics) out += terminal_safe(d.str()) + "\n";
  return out;
}

}  // namespace

int lint_command(const Options& o) {
  LintRun run;
  run.submission = o.submission;
  LintConfig config;
  Rubric rubric;
  try {
    // Without --rubric, Lab 04 section 3's constraints, as `grade` uses.
    rubric = load_rubric(rubric_path_or_default(o.rubric));
    config = lint_config(rubric);
  } catch (const std::exception& e) {
    fprintf(stderr, "sts-grader: not gradable: %s\n", e.what());
    return kExitNotGradable;
  }
  run.rubric_id = rubric.id;
  bool readable = true;
  try {
    try {
      run.source = detect(o.submission).kind_name();  // named even when the reading is refused
    } catch (const ManifestError&) {
    }
    SubmissionReading reading = read_repository(o.submission, submission_options(o, config.namespace_));
    run.source = reading.source.kind_name();
    std::vector<Manifest>& ms = reading.manifests;
    if (reading.discovery)
      for (const std::string& l : discovery::reading_lines(*reading.discovery))
        fprintf(stderr, "%s: %s\n", o.submission.c_str(), terminal_safe(l).c_str());
    run.objects = ms.size();
    run.diagnostics = lint(ms, config);
  } catch (const SubmissionRefused& e) {
    // Refused before any tool read it: a policy refusal, with its rule.
    readable = false;
    Diagnostic d;
    d.pos = e.pos;
    d.severity = "error";
    d.rule = "policy";
    d.message = e.message + " (rule " + e.rule + "; nothing was rendered or applied)";
    d.fix = find_lint_rule("policy") ? find_lint_rule("policy")->fix : "";
    run.diagnostics = {d};
  } catch (const ManifestError& e) {
    readable = false;
    run.diagnostics = {parse_diagnostic(e.what())};
  }
  fputs(render(o.lint_format, run).c_str(), stdout);
  const DiagnosticCounts c = count_diagnostics(run.diagnostics);
  fprintf(stderr, "%s: %zu objects (%s), %d errors, %d warnings, %d info (%s)\n", o.submission.c_str(), run.objects,
          run.source.empty() ? "unread" : run.source.c_str(), c.errors, c.warnings, c.infos, run.rubric_id.c_str());
  bool refused = false;
  for (const Diagnostic& d : run.diagnostics) refused = refused || d.rule == "policy";
  if (!readable || refused) return kExitNotGradable;  // what `grade` would do with it
  return c.errors ? kExitFail : kExitPass;
}

}  // namespace sts
