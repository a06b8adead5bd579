#include "reports/lint_github.h"

#include <gtest/gtest.h>

#include "reports/lint_renderers_for_tests.h"

namespace sts {
namespace {

TEST(LintGithub, OneWorkflowCommandPerFinding) {
  const std::string out = render_lint_github(testing_sample::lint_run());
  EXPECT_EQ(out,
            "::error file=subs/alice/web.yaml,line=27,col=3,title=service-name::serviceName \"web-svc\" names no "
            "Service in the submission (Services: web, api)%0Afix: spec.serviceName must exactly match the headless "
            "Service's metadata.name\n"
            "::warning file=subs/alice/k8s/templates/sts.yaml,line=12,col=9,title=hardcoded-ip::env DB_HOST hard-codes "
            "10.244.0.5: 100%25 wrong%0D%0Aafter a restart%0Afix: use postgres-0.postgres-headless%0A(line in the "
            "rendered chart/kustomization output: approximate)\n"
            "::notice file=subs/alice/my dir/web%2C1.yaml,title=update-strategy::OnDelete: pods update when deleted\n");
}

TEST(LintGithub, EscapingFollowsGithubsRules) {
  EXPECT_EQ(github_escape_data("a%b\rc\nd:e,f"), "a%25b%0Dc%0Ad:e,f");
  EXPECT_EQ(github_escape_property("a%b\rc\nd:e,f"), "a%25b%0Dc%0Ad%3Ae%2Cf");
  EXPECT_EQ(render_lint_github(LintRun{}), "");
}

}  // namespace
}  // namespace sts
