#include "reports/summary.h"

#include <gtest/gtest.h>

#include "reports/sample_run_for_tests.h"

namespace sts {
namespace {
using testing_sample::run;
using testing_sample::score;

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

TEST(TerminalSummary, PrintedBeforeCleanupSaysTheNamespaceIsBeingDeleted) {
  RunInfo r = run();
  r.cleaned_up = false;
  r.cleanup_pending = true;
  r.wall_seconds = 21.5;
  const std::string out = terminal_summary(r, score());
  EXPECT_TRUE(has(out, "\nnamespace sts-grader-ab12 being deleted; verdict after 21.5s, of which waiting"))
      << out;
  EXPECT_FALSE(has(out, "NOT confirmed"));
}

TEST(TerminalSummary, AfterCleanupTheWholeWallTime) {
  const std::string out = terminal_summary(run(), score());
  EXPECT_TRUE(has(out, "\nnamespace sts-grader-ab12 deleted; wall 95.2s, of which waiting")) << out;
}

TEST(CleanupLine, ConfirmedOrNot) {
  RunInfo r = run();
  r.cleanup_seconds = 2.25;
  EXPECT_EQ(cleanup_line(r),
            "namespace sts-grader-ab12 and its volumes deleted after 2.2s of cleanup; wall 95.2s\n");
  r.cleaned_up = false;
  EXPECT_TRUE(has(cleanup_line(r), "NOT confirmed deleted after 2.2s"));
  r.cleanup_pending = true;  // --no-wait-cleanup
  EXPECT_EQ(cleanup_line(r),
            "namespace sts-grader-ab12: deletion requested, not waited for; wall 95.2s\n");
}

}  // namespace
}  // namespace sts
