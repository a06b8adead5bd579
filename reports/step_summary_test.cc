#include "reports/step_summary.h"

#include <gtest/gtest.h>

#include "reports/sample_run_for_tests.h"

namespace sts {
namespace {

TEST(StepSummary, ShowsVerdictTableAndWhatToFix) {
  std::string md = render_step_summary(testing_sample::run(), testing_sample::score());
  EXPECT_NE(md.find("## sts-grader: Lab 04 section 3"), std::string::npos) << md;
  EXPECT_NE(md.find("| Test 1: Pod naming | ✅ pass | 1/1 |"), std::string::npos) << md;
  EXPECT_NE(md.find("| Test 6: Identity persistence | ❌ fail | 0.5/1 |"), std::string::npos) << md;
  EXPECT_NE(md.find("### What to fix"), std::string::npos);
  EXPECT_NE(md.find("write the identity file only if it does not exist yet"), std::string::npos);
  EXPECT_NE(md.find("4 of 6 points machine-graded"), std::string::npos) << md;
  EXPECT_NE(md.find("📝 instructor"), std::string::npos);
}

TEST(StepSummary, HiddenItemsKeepTheirSecrets) {
  std::string md = render_step_summary(testing_sample::run(), testing_sample::score());
  EXPECT_EQ(md.find("HIDDEN-HINT"), std::string::npos);
  EXPECT_EQ(md.find("3 names resolve"), std::string::npos);
  EXPECT_NE(md.find("hidden until released"), std::string::npos);
}

TEST(StepSummary, NotGradableWithholdsVerdicts) {
  Score s = testing_sample::score();
  s.gradable = false;
  s.not_gradable_reason = "the API server was unreachable for 30 s";
  std::string md = render_step_summary(testing_sample::run(), s);
  EXPECT_NE(md.find("the API server was unreachable"), std::string::npos) << md;
  EXPECT_EQ(md.find("❌ fail"), std::string::npos) << md;
  EXPECT_NE(md.find("no points were taken"), std::string::npos);
}

TEST(StepSummary, LintFindingsListedWithPositions) {
  RunInfo r = testing_sample::run();
  Diagnostic d;
  d.pos.file = "k8s/sts.yaml";
  d.pos.line = 12;
  d.pos.column = 3;
  d.severity = "error";
  d.rule = "service-name";
  d.message = "serviceName \"db-svc\" names no Service";
  r.lint.push_back(d);
  d.severity = "info";
  d.message = "INFO-ONLY";
  r.lint.push_back(d);
  std::string md = render_step_summary(r, testing_sample::score());
  EXPECT_NE(md.find("`k8s/sts.yaml:12:3` error:"), std::string::npos) << md;
  EXPECT_EQ(md.find("INFO-ONLY"), std::string::npos);
}

}  // namespace
}  // namespace sts
