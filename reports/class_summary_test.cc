#include "reports/class_summary.h"

#include <gtest/gtest.h>

#include "reports/gradebook_sample_for_tests.h"

namespace sts {
namespace {
using namespace testdata;

std::vector<StudentOutcome> a_class() {
  std::vector<StudentOutcome> c = {
      graded("alice", batch_report({{"pass", 1}, {"pass", 1}, {"pass", 1}})),
      graded("bob", batch_report({{"pass", 1}, {"fail", 0.5}, {"skipped", 0}})),
      graded("carol", batch_report({{"pass", 1}, {"fail", 0}, {"pass", 1}})),
      ungraded("dave", "not-gradable", "web.yaml:3:1: did not find expected key"),
      ungraded("erin", "error", "the grader stopped: killed by signal Killed")};
  return c;
}

TEST(ClassSummary, CountsDistributionFailedChecksAndNotGradable) {
  std::vector<StudentOutcome> c = a_class();
  BatchFacts f;
  f.parallel = 4;
  f.wall_seconds = 252;
  std::string md = render_class_summary(c, batch_rubric(), f);
  EXPECT_NE(md.find("# Class summary: Lab 04 section 3"), std::string::npos) << md;
  EXPECT_NE(md.find("5 points, 3 judged by the grader, 2 by the instructor"), std::string::npos) << md;
  EXPECT_NE(md.find("4 min 12 s with --parallel 4"), std::string::npos) << md;
  EXPECT_NE(md.find("| on the roster | 5 |"), std::string::npos) << md;
  EXPECT_NE(md.find("| graded | 3 (1 passed every check, 2 failed some) |"), std::string::npos) << md;
  EXPECT_NE(md.find("| not gradable | 1 |"), std::string::npos) << md;
  EXPECT_NE(md.find("| grader errors | 1 |"), std::string::npos) << md;
  // Scores 3, 1.5 and 2 of 3.
  EXPECT_NE(md.find("Mean 2.17, median 2, lowest 1.5, highest 3 (of 3)"), std::string::npos) << md;
  EXPECT_NE(md.find("| 3 | 1 | \u2588 |"), std::string::npos) << md;
  EXPECT_NE(md.find("| 1.5 to < 1.8 | 1 | \u2588 |"), std::string::npos) << md;
  EXPECT_NE(md.find("| 1.8 to < 2.1 | 1 | \u2588 |"), std::string::npos) << md;
  EXPECT_NE(md.find("| 0 to < 0.3 | 0 |  |"), std::string::npos) << md;
  // The most failed check first; checks nobody failed are left out.
  size_t dns = md.find("| Test 5: DNS (`dns-resolution`) | 2 | 0 | 1 |");
  size_t reuse = md.find("| Test 10: PVC reuse (`pvc-reuse`) | 0 | 1 | 2 |");
  EXPECT_NE(dns, std::string::npos) << md;
  EXPECT_NE(reuse, std::string::npos) << md;
  EXPECT_LT(dns, reuse);
  EXPECT_EQ(md.find("(`pod-naming`)"), std::string::npos) << md;
  EXPECT_NE(md.find("| dave | not-gradable | web.yaml:3:1: did not find expected key |"), std::string::npos) << md;
  EXPECT_NE(md.find("| erin | error | the grader stopped"), std::string::npos) << md;
  // No report carries lint results: no lint section rather than an empty claim.
  EXPECT_EQ(md.find("lint"), std::string::npos) << md;
  EXPECT_EQ(md.find("Late submissions"), std::string::npos) << md;
  EXPECT_EQ(md.find("interrupted"), std::string::npos) << md;
}

TEST(ClassSummary, LateSubmissionsAndLintFindings) {
  std::vector<StudentOutcome> c = a_class();
  c[0].submitted_at = "2026-03-03T10:00:00Z";
  c[0].late = lateness(1000 + 2 * 86400 - 10, 1000, LatePolicy{0.25, -1});
  c[1].late = lateness(900, 1000, LatePolicy{0.25, -1});
  c[0].report["lint"] = Json::array({{{"rule", "service-name"}, {"severity", "error"},
                                      {"message", "serviceName web-svc names no Service | here"}}});
  c[1].report["lint"] = Json::array({{{"rule", "service-name"}, {"severity", "error"}, {"message", "x"}},
                                     {{"rule", "service-name"}, {"severity", "error"}, {"message", "y"}},
                                     {{"rule", "no-readiness"}, {"severity", "warning"}, {"message", "z"}}});
  std::string md = render_class_summary(c, batch_rubric(), BatchFacts{});
  EXPECT_NE(md.find("| alice | 2026-03-03T10:00:00Z | 2 | 50 % | 3 | 1.5 |"), std::string::npos) << md;
  EXPECT_EQ(md.find("| bob | "), std::string::npos) << md;  // on time
  // Counted per submission, not per finding; the most common first.
  size_t svc = md.find("| `service-name` | error | 2 | serviceName web-svc names no Service \\| here |");
  size_t ready = md.find("| `no-readiness` | warning | 1 | z |");
  EXPECT_NE(svc, std::string::npos) << md;
  EXPECT_NE(ready, std::string::npos) << md;
  EXPECT_LT(svc, ready);
}

TEST(ClassSummary, InterruptedBatchSaysWhatIsPending) {
  std::vector<StudentOutcome> c = {graded("alice", batch_report({{"pass", 1}, {"pass", 1}, {"pass", 1}})),
                                   ungraded("bob", "pending", "interrupted")};
  BatchFacts f;
  f.interrupted = true;
  std::string md = render_class_summary(c, batch_rubric(), f);
  EXPECT_NE(md.find("**The batch was interrupted**: 1 submission(s) are pending"), std::string::npos) << md;
  EXPECT_NE(md.find("| pending | 1 |"), std::string::npos) << md;
  EXPECT_NE(md.find("Every graded submission passed every check."), std::string::npos) << md;
}

}  // namespace
}  // namespace sts
