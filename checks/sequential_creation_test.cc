#include <gtest/gtest.h>

#include "checks/observations_builder_for_tests.h"

namespace sts {
namespace {
using namespace sts::testing;

TEST(SequentialCreation, PassesWhenEachPodWaitsForThePreviousReady) {
  CheckResult r = judge("sequential-creation", lab04_run());
  EXPECT_EQ(r.status, Status::kPass) << text_of(r);
  ASSERT_EQ(r.evidence.size(), 1u);
  EXPECT_EQ(r.evidence[0].text.rfind("web-0 created 0.", 0), 0u) << r.evidence[0].text;
  EXPECT_NE(r.evidence[0].text.find("; web-1 created "), std::string::npos);
}

TEST(SequentialCreation, ParallelFailsWithTheObservedSequenceAndThePolicy) {
  RunOptions o;
  o.parallel = true;
  CheckResult r = judge("sequential-creation", lab04_run(o));
  EXPECT_EQ(r.status, Status::kFail);
  EXPECT_FALSE(passed(r, "waited-for-ready"));
  EXPECT_NE(r.explanation.find("podManagementPolicy: Parallel"), std::string::npos);
  EXPECT_NE(r.explanation.find("web-1 was created at"), std::string::npos);
  EXPECT_NE(r.summary.find("web-2 created"), std::string::npos);
  EXPECT_NE(r.hint.find("COMMON MISTAKES 6"), std::string::npos);
}

TEST(SequentialCreation, FailsOnOutOfOrderCreation) {
  FakeRun run;
  run.mark("apply");
  run.mark("initial-ready");
  run.start_pod(1);
  run.start_pod(0);
  run.mark("read-initial");
  CheckResult r = judge("sequential-creation", run.obs);
  EXPECT_EQ(failed_ids(r), std::vector<std::string>{"created-in-order"});
}

TEST(SequentialCreation, AFailedInitialRolloutIsSkippedNotFailed) {
  Observations obs = lab04_run();
  obs.failures.push_back({"initial-ready", "3 pods Ready", "web-2 ImagePullBackOff", false});
  CheckResult r = judge("sequential-creation", obs);
  EXPECT_EQ(r.status, Status::kSkipped);
  EXPECT_NE(r.explanation.find("ImagePullBackOff"), std::string::npos);
}

TEST(SequentialCreation, SkippedWithASinglePod) {
  RunOptions o;
  o.initial = 1;
  o.delete_ordinal = 0;
  EXPECT_EQ(judge("sequential-creation", lab04_run(o)).status, Status::kSkipped);
}

TEST(SequentialCreation, ErroredOnAnInfrastructureFault) {
  Observations obs = lab04_run();
  obs.failures.push_back({"initial-ready", "3 pods Ready", "node NotReady", true});
  EXPECT_EQ(judge("sequential-creation", obs).status, Status::kError);
}

}  // namespace
}  // namespace sts
