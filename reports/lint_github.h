// `sts-grader lint --format github`: GitHub Actions workflow commands, one
// annotation per finding: `::error file=F,line=L,col=C,title=RULE::message`
// (warning and notice for the other severities).
#pragma once
#include <string>

#include "grader/model/lint_diagnostic.h"

namespace sts {

std::string render_lint_github(const LintRun& run);
// GitHub's escaping: the message escapes % CR LF; a property also : and ,.
std::string github_escape_data(const std::string& s);
std::string github_escape_property(const std::string& s);

}  // namespace sts
