// `sts-grader lint --format sarif`: a SARIF 2.1.0 log (code-scanning upload).
// One run; tool.driver describes every rule of grader/lint/lint_catalog.cc.
#pragma once
#include <string>

#include "grader/base/json.h"
#include "grader/model/lint_diagnostic.h"

namespace sts {

Json lint_sarif(const LintRun& run);
std::string render_lint_sarif(const LintRun& run);
// A file path as a SARIF uri: relative paths stay relative (to %SRCROOT%),
// absolute ones become file:// URIs; reserved characters percent-encoded.
std::string sarif_uri(const std::string& path);

}  // namespace sts
