// The ten Lab 04 checks together, on whole simulated runs: each kind of
// submission fails exactly the checks its mistake concerns.
#include <gtest/gtest.h>

#include "checks/observations_builder_test_support.h"

namespace sts {
namespace {
using testing::judge;
using testing::lab04_run;
using testing::RunOptions;

const std::vector<std::string> kLab04 = {
    "pod-naming",           "sequential-creation", "persistent-storage", "storage-content",
    "dns-resolution",       "identity-persistence", "ordered-scale-up",  "ordered-scale-down",
    "pvc-retention",        "pvc-reuse"};

std::vector<std::string> failing(const Observations& obs) {
  std::vector<std::string> out;
  for (const std::string& id : kLab04) {
    CheckResult r = judge(id, obs);
    EXPECT_TRUE(r.status == Status::kPass || r.status == Status::kFail)
        << id << ": " << to_string(r.status) << " " << r.explanation;
    EXPECT_FALSE(r.assertions.empty()) << id;
    if (r.status == Status::kFail) {
      EXPECT_FALSE(r.explanation.empty()) << id;
      EXPECT_FALSE(r.hint.empty()) << id;
      out.push_back(id);
    }
  }
  return out;
}

TEST(Lab04Checks, AGoodSubmissionPassesAll) {
  EXPECT_EQ(failing(lab04_run()), std::vector<std::string>{});
}

TEST(Lab04Checks, ParallelFailsExactlyTheOrderingChecks) {
  RunOptions o;
  o.parallel = true;
  EXPECT_EQ(failing(lab04_run(o)),
            (std::vector<std::string>{"sequential-creation", "ordered-scale-up",
                                      "ordered-scale-down"}));
}

TEST(Lab04Checks, RewriteAtStartFailsTheContentPersistenceChecks) {
  RunOptions o;
  o.rewrite_at_start = true;
  EXPECT_EQ(failing(lab04_run(o)),
            (std::vector<std::string>{"identity-persistence", "pvc-reuse"}));
}

TEST(Lab04Checks, RetentionDeleteFailsRetentionAndReuse) {
  RunOptions o;
  o.retention_delete = true;
  EXPECT_EQ(failing(lab04_run(o)), (std::vector<std::string>{"pvc-retention", "pvc-reuse"}));
}

TEST(Lab04Checks, ANonHeadlessServiceFailsOnlyDns) {
  RunOptions o;
  o.headless = false;
  EXPECT_EQ(failing(lab04_run(o)), std::vector<std::string>{"dns-resolution"});
}

TEST(Lab04Checks, EveryCheckSkipsWhenNothingWasApplied) {
  Observations obs;
  obs.statefulset = "web";
  obs.failures.push_back({"apply", "manifests applied", "namespace terminating", false});
  for (const std::string& id : kLab04) {
    CheckResult r = judge(id, obs);
    EXPECT_EQ(r.status, Status::kSkipped) << id << ": " << r.summary;
    EXPECT_FALSE(r.explanation.empty()) << id;
  }
}

TEST(Lab04Checks, EveryCheckErrsWhenTheClusterFailedFirst) {
  Observations obs;
  obs.statefulset = "web";
  obs.marks.push_back({"apply", "apply", 0, 0});
  obs.failures.push_back({"initial-ready", "3 pods Ready", "node NotReady", true});
  for (const std::string& id : kLab04)
    EXPECT_EQ(judge(id, obs).status, Status::kError) << id;
}

}  // namespace
}  // namespace sts
