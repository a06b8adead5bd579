// One finding of `sts-grader lint`, and one lint run, as the renderers see them
// (text, JSON, SARIF, GitHub annotations, the grading reports).
#pragma once
#include <string>
#include <vector>

#include "grader/base/source_pos.h"

namespace sts {

struct Diagnostic {
  SourcePos pos;
  std::string severity;              // error, warning, info
  std::string rule;                  // stable id, e.g. "service-name" (docs/lint-rules.md)
  std::string message;
  std::string fix;                   // what to change; "" when the finding is only a fact
  // Compiler style: "file:line:col: severity: message [rule]", then "  fix: …".
  std::string str() const;
};

struct DiagnosticCounts {
  int errors = 0, warnings = 0, infos = 0;
};
DiagnosticCounts count_diagnostics(const std::vector<Diagnostic>& ds);

// What `sts-grader lint` read and found, for the machine-readable formats.
struct LintRun {
  std::string submission;            // the path as given
  std::string source;                // manifests, helm, kustomize
  std::string rubric_id;             // whose constraints were checked
  size_t objects = 0;                // Kubernetes objects read
  std::vector<Diagnostic> diagnostics;
};

}  // namespace sts
