// policy: the isolation policy's violations, so lint lists exactly what
// `grade` would refuse (grader/submission/isolation.cc decides; this only reports).
#include "grader/submission/isolation.h"
#include "grader/lint/lint_rules.h"

namespace sts {

void lint_policy(LintContext& ctx) {
  for (const PolicyViolation& v : find_policy_violations(ctx.manifests())) {
    std::string what = v.message;
    // A refused binding: name the role it would have granted.
    for (const Manifest& m : ctx.manifests())
      if (m.pos.file == v.pos.file && m.pos.line == v.pos.line && m.kind().find("RoleBinding") != std::string::npos &&
          !str_at(m.object, {"roleRef", "name"}).empty())
        what += "; it binds " + str_at(m.object, {"roleRef", "kind"}) + " " + str_at(m.object, {"roleRef", "name"});
    ctx.report_at("policy", v.pos, what + " (rule " + v.rule + "; the grader refuses the submission)");
  }
}

}  // namespace sts
