#include "grader/grading/exit_status.h"

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
  PassBar o;
  EXPECT_EQ(grade_exit_status(scored(10, 10, 0), o), kExitPass);
  EXPECT_EQ(grade_exit_status(scored(9.5, 10, 1), o), kExitFail);
  Score skipped = scored(9, 10, 0);
  skipped.skipped = 1;
  EXPECT_EQ(grade_exit_status(skipped, o), kExitFail);
}

ScoredItem item(const std::string& check, double points, Status st, bool manual = false) {
  ScoredItem it;
  it.item.check = check;
  it.item.points = points;
  it.item.manual = manual;
  it.result.status = st;
  it.earned = st == Status::kPass ? points : 0;
  return it;
}

// The run: 10/10 whose 0-point 3.4 design-answers item failed exited 1.
TEST(ExitStatus, AZeroPointItemNeverFailsTheRun) {
  PassBar o;
  Score s;
  for (int i = 0; i < 10; ++i) s.items.push_back(item("check-" + std::to_string(i), 1, Status::kPass));
  s.items.push_back(item("design-answers", 0, Status::kFail));
  s.passed = 10, s.failed = 1, s.earned = 10, s.machine_possible = 10;
  EXPECT_EQ(grade_exit_status(s, o), kExitPass);
  s.items.back().result.status = Status::kSkipped;
  EXPECT_EQ(grade_exit_status(s, o), kExitPass);
  // A manual item (a check handed to the instructor) neither.
  s.items.push_back(item("concepts", 2, Status::kSkipped, true));
  EXPECT_EQ(grade_exit_status(s, o), kExitPass);
  // A point-bearing item that fails still does.
  s.items[3].result.status = Status::kFail;
  EXPECT_EQ(grade_exit_status(s, o), kExitFail);
  s.items[3].result.status = Status::kSkipped;
  EXPECT_EQ(grade_exit_status(s, o), kExitFail);
}

TEST(ExitStatus, MinScoreInPoints) {
  PassBar o;
  o.min_score = 8.5;
  EXPECT_EQ(grade_exit_status(scored(8.5, 10, 1), o), kExitPass);
  EXPECT_EQ(grade_exit_status(scored(8.49, 10, 1), o), kExitFail);
  // Partial credit sums like 1/3 + 1/3 + 1/3 must not miss the bar by rounding.
  EXPECT_EQ(grade_exit_status(scored(7.5 + 1.0 / 3 + 1.0 / 3 + 1.0 / 3, 10, 1), o), kExitPass);
}

TEST(ExitStatus, MinScorePercentOfMachineGradedPoints) {
  PassBar o;
  o.min_score = 80;
  o.min_score_percent = true;
  // 8 of 10 machine-graded points is 80 %, though 12 points are possible in all.
  EXPECT_EQ(grade_exit_status(scored(8, 10, 2), o), kExitPass);
  EXPECT_EQ(grade_exit_status(scored(7.9, 10, 2), o), kExitFail);
}

TEST(ExitStatus, NotGradableWinsOverTheGate) {
  PassBar o;
  o.min_score = 0;
  Score s = scored(10, 10, 0);
  s.gradable = false;
  EXPECT_EQ(grade_exit_status(s, o), kExitNotGradable);
}

}  // namespace
}  // namespace sts
