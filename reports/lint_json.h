// `sts-grader lint --format json`: schema "sts-grader/lint/v1" (documented in
// docs/lint-rules.md); the same finding objects appear in report.json's "lint".
#pragma once
#include <string>

#include "grader/base/json.h"
#include "grader/model/lint_diagnostic.h"

namespace sts {

inline constexpr const char* kLintSchema = "sts-grader/lint/v1";

// {file, line, column, rendered, severity, rule, message, fix}; line/column 0 unknown.
Json diagnostic_json(const Diagnostic& d);
Json lint_json(const LintRun& run);
std::string render_lint_json(const LintRun& run);

}  // namespace sts
