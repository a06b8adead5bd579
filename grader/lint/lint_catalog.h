// Every rule `sts-grader lint` knows: its id, default severity, what it finds,
// the usual fix and the lab text it comes from. docs/lint-rules.md lists the
// same (a unit test keeps them equal); SARIF output describes its rules from here.
#pragma once
#include <string>
#include <vector>

namespace sts {

struct LintRuleInfo {
  std::string id;
  std::string severity;              // default: error, warning, info (a rubric may change it)
  std::string what;                  // one line: what the rule finds
  std::string fix;                   // the usual fix, shown with each finding
  std::string lab;                   // where the labs name the mistake
};

const std::vector<LintRuleInfo>& lint_rules();
const LintRuleInfo* find_lint_rule(const std::string& id);  // nullptr when unknown

}  // namespace sts
