#include "checks/check.h"

#include <gtest/gtest.h>

namespace sts {
namespace {

TEST(Check, StatusNames) {
  EXPECT_STREQ(to_string(Status::kPass), "pass");
  EXPECT_STREQ(to_string(Status::kFail), "fail");
  EXPECT_STREQ(to_string(Status::kError), "error");
  EXPECT_STREQ(to_string(Status::kSkipped), "skipped");
}

TEST(Check, ResultPassesOnlyWhenEveryAssertionPasses) {
  EXPECT_EQ(result_from("x", {{"a", "", true, ""}, {"b", "", true, ""}}, {}).status,
            Status::kPass);
  EXPECT_EQ(result_from("x", {{"a", "", true, ""}, {"b", "", false, ""}}, {}).status,
            Status::kFail);
  // Nothing judged is not a pass.
  EXPECT_EQ(result_from("x", {}, {}).status, Status::kFail);
}

TEST(Check, SkippedAndErroredCarryTheReason) {
  CheckResult s = skipped("x", "step never ran");
  EXPECT_EQ(s.status, Status::kSkipped);
  EXPECT_EQ(s.explanation, "step never ran");
  CheckResult e = errored("x", "exec failed");
  EXPECT_EQ(e.status, Status::kError);
  EXPECT_EQ(e.id, "x");
}

TEST(CheckRegistry, HasTheTenLab04Checks) {
  for (const char* id : {"pod-naming", "sequential-creation", "persistent-storage",
                         "storage-content", "dns-resolution", "identity-persistence",
                         "ordered-scale-up", "ordered-scale-down", "pvc-retention",
                         "pvc-reuse"}) {
    const Check* c = CheckRegistry::instance().find(id);
    ASSERT_NE(c, nullptr) << id;
    EXPECT_EQ(c->id(), id);
    EXPECT_FALSE(c->title().empty());
    EXPECT_FALSE(c->criterion().empty());
  }
  EXPECT_EQ(CheckRegistry::instance().find("no-such-check"), nullptr);
}

}  // namespace
}  // namespace sts
