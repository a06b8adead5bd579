#include "grader/model/lint_diagnostic.h"

namespace sts {

std::string Diagnostic::str() const {
  std::string s = pos.str() + ": " + severity + ": " + message + " [" + rule + "]";
  if (!fix.empty()) s += "\n  fix: " + fix;
  return s;
}

DiagnosticCounts count_diagnostics(const std::vector<Diagnostic>& ds) {
  DiagnosticCounts c;
  for (const Diagnostic& d : ds) {
    if (d.severity == "error") ++c.errors;
    else if (d.severity == "warning") ++c.warnings;
    else ++c.infos;
  }
  return c;
}

}  // namespace sts
