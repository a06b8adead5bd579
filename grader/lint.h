// Reading a submission for the mistakes the labs name, before any cluster:
// compiler-style diagnostics "file:line:col: severity: message [rule-id]".
#pragma once
#include <string>
#include <vector>

#include "grader/cli.h"
#include "grader/manifest.h"

namespace sts {

struct Diagnostic {
  SourcePos pos;
  std::string severity;              // error, warning, info
  std::string rule;                  // stable id, e.g. "service-name"
  std::string message;
  std::string fix;
  std::string str() const;           // one line, compiler style, plus "  fix: …"
};

std::vector<Diagnostic> lint(const std::vector<Manifest>& manifests);
int lint_command(const Options& opts);

}  // namespace sts
