#include "reports/verdict.h"

#include <gtest/gtest.h>

namespace sts {
namespace {

TEST(VerdictLine, SaysScoreAndWhatWentWrong) {
  Score s;
  s.earned = 9;
  s.possible = s.machine_possible = 10;
  s.passed = 9;
  s.failed = 1;
  EXPECT_EQ(verdict_line(s), "9/10 — 1 check failed");
  s.failed = 2;
  s.skipped = 1;
  s.earned = 7.5;
  EXPECT_EQ(verdict_line(s), "7.5/10 — 2 checks failed, 1 skipped");
  s.failed = s.skipped = 0;
  s.earned = 10;
  EXPECT_EQ(verdict_line(s), "10/10 — all checks passed");
  s.possible = 12;
  EXPECT_EQ(verdict_line(s), "10/10 — all checks passed; 2 more points judged by the instructor");
}

TEST(MachineShare, NamesManualItemsAndBonus) {
  Score s;
  s.possible = s.machine_possible = 10;
  EXPECT_EQ(machine_share_line(s), "");
  ScoredItem manual;
  manual.item.manual = true;
  manual.item.title = "Concepts";
  manual.item.points = 2;
  ScoredItem onbonus;
  onbonus.item.manual = true;
  onbonus.item.bonus = true;
  onbonus.item.title = "Bonus: OnDelete";
  onbonus.item.points = 1.25;
  s.items = {manual, onbonus};
  s.possible = 12.5;
  s.machine_possible = 9.25;
  s.bonus_possible = 2.5;
  EXPECT_EQ(machine_share_line(s),
            "9.25 of 12.5 points machine-graded (10 + 2.5 bonus); 3.25 judged by the instructor: "
            "Concepts, Bonus: OnDelete");
  s.items.clear();
  s.machine_possible = 12.5;
  EXPECT_EQ(machine_share_line(s), "12.5 of 12.5 points machine-graded (10 + 2.5 bonus)");
}

TEST(VerdictLine, NotGradableWithholdsTheScore) {
  Score s;
  s.earned = 3;
  s.gradable = false;
  s.not_gradable_reason = "PVCs stayed Pending: no default StorageClass";
  EXPECT_EQ(verdict_line(s), "NOT GRADABLE: PVCs stayed Pending: no default StorageClass");
}

TEST(ItemStatus, ManualWinsOverTheResult) {
  ScoredItem it;
  it.result.status = Status::kFail;
  EXPECT_EQ(item_status(it), "fail");
  it.item.manual = true;
  EXPECT_EQ(item_status(it), "manual");
  EXPECT_EQ(item_summary(it), "judged by the instructor");
  it.item.check = "pod-naming";
  EXPECT_EQ(item_title(it), "pod-naming");
  it.result.summary = "OnDelete is not declared";
  EXPECT_EQ(item_summary(it), "judged by the instructor: OnDelete is not declared");
  it.item.title = "Pod naming";
  EXPECT_EQ(item_title(it), "Pod naming");
}

}  // namespace
}  // namespace sts
