// Reading a submission for the mistakes the labs name, before any cluster:
// compiler-style diagnostics "file:line:col: severity: message [rule-id]",
// each with its fix. The rules live in grader/lint_rules_*.cc, their ids and
// default severities in grader/lint/lint_catalog.cc (docs/lint-rules.md).
#pragma once
#include <cstdio>
#include <string>
#include <vector>

#include "grader/lint/lint_config.h"
#include "grader/model/lint_diagnostic.h"
#include "grader/submission/manifest.h"

namespace sts {

// Every finding, in file and line order. `config` holds the lab's constraints
// (default: none, so no minimums are checked).
std::vector<Diagnostic> lint(const std::vector<Manifest>& manifests, const LintConfig& config = {});

// The findings as `grade` prints them before it runs: errors and warnings
// (info too when `with_info`), one compiler-style line each with its fix.
void print_diagnostics(FILE* out, const std::vector<Diagnostic>& ds, bool with_info);

// A reading failure (grader::ManifestError text "file:line:col: what") as a
// "parse" diagnostic, so every format can show it.
Diagnostic parse_diagnostic(const std::string& error_text);

}  // namespace sts
