#include "grader/exit_status.h"

#include <gtest/gtest.h>

namespace sts {
namespace {

Score scored(double earned, double machine_possible, int failed) {
  Score s;
  s.earned = earned;
  s.possible = machine_possible + 2;  // two manual points, never machine-earned
  s.machine_possible = machine_possible;
  s.failed = failed;
  s.passed = 10 - failed;
  return s;
}

TEST(ExitStatus, WithoutGateEveryCheckMustPass) {
  Options o;
  EXPECT_EQ(grade_exit_status(scored(10, 10, 0), o), kExitPass);
  EXPECT_EQ(grade_exit_status(scored(9.5, 10, 1), o), kExitFail);
  Score skipped = scored(9, 10, 0);
  skipped.skipped = 1;
  EXPECT_EQ(grade_exit_status(skipped, o), kExitFail);
}

TEST(ExitStatus, MinScoreInPoints) {
  Options o;
  o.min_score = 8.5;
  EXPECT_EQ(grade_exit_status(scored(8.5, 10, 1), o), kExitPass);
  EXPECT_EQ(grade_exit_status(scored(8.49, 10, 1), o), kExitFail);
  // Partial credit sums like 1/3 + 1/3 + 1/3 must not miss the bar by rounding.
  EXPECT_EQ(grade_exit_status(scored(7.5 + 1.0 / 3 + 1.0 / 3 + 1.0 / 3, 10, 1), o), kExitPass);
}

TEST(ExitStatus, MinScorePercentOfMachineGradedPoints) {
  Options o;
  o.min_score = 80;
  o.min_score_percent = true;
  // 8 of 10 machine-graded points is 80 %, though 12 points are possible in all.
  EXPECT_EQ(grade_exit_status(scored(8, 10, 2), o), kExitPass);
  EXPECT_EQ(grade_exit_status(scored(7.9, 10, 2), o), kExitFail);
}

TEST(ExitStatus, NotGradableWinsOverTheGate) {
  Options o;
  o.min_score = 0;
  Score s = scored(10, 10, 0);
  s.gradable = false;
  EXPECT_EQ(grade_exit_status(s, o), kExitNotGradable);
}

}  // namespace
}  // namespace sts
