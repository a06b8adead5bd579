#include <gtest/gtest.h>

#include "checks/observations_builder_for_tests.h"

namespace sts {
namespace {
using namespace sts::testing;

TEST(PodNaming, PassesForOrdinalNames) {
  CheckResult r = judge("pod-naming", lab04_run());
  EXPECT_EQ(r.status, Status::kPass) << text_of(r);
  EXPECT_NE(text_of(r).find("web-0\nweb-1\nweb-2"), std::string::npos);
}

TEST(PodNaming, FailsOnAGapInTheOrdinals) {
  Observations obs = lab04_run();
  auto& pods = obs.snapshots["initial"].pods;
  pods.erase(pods.begin() + 1);  // web-1
  CheckResult r = judge("pod-naming", obs);
  EXPECT_EQ(r.status, Status::kFail);
  EXPECT_EQ(failed_ids(r), std::vector<std::string>{"contiguous-ordinals"});
  EXPECT_NE(r.explanation.find("missing: web-1"), std::string::npos);
}

TEST(PodNaming, FailsOnAPodOfTheSetWithoutAnOrdinalName) {
  Observations obs = lab04_run();
  Json odd = obs.snapshots["initial"].pods[0];
  odd["metadata"]["name"] = "web-7d8f9c-xk2p1";
  obs.snapshots["initial"].pods.push_back(odd);
  CheckResult r = judge("pod-naming", obs);
  EXPECT_EQ(failed_ids(r), std::vector<std::string>{"name-pattern"});
  EXPECT_NE(r.explanation.find("web-7d8f9c-xk2p1"), std::string::npos);
}

TEST(PodNaming, CountsFromOrdinalsStart) {
  Observations obs = lab04_run();
  obs.statefulset_manifest["spec"]["ordinals"]["start"] = 1;
  CheckResult r = judge("pod-naming", obs);  // web-0..2 where web-1..3 are expected
  EXPECT_EQ(failed_ids(r), std::vector<std::string>{"contiguous-ordinals"});
  EXPECT_NE(r.explanation.find("missing: web-3"), std::string::npos);
  EXPECT_NE(r.explanation.find("unexpected: web-0"), std::string::npos);
}

TEST(PodNaming, SkippedWhenNoPodWasEverReady) {
  FakeRun run;
  run.mark("apply");
  run.mark("initial-ready");
  run.create_pod(0);
  run.run_pod(0);
  run.snapshot("initial");
  run.obs.failures.push_back({"initial-ready", "3 pods of web Ready",
                              "web-0 Running, not Ready", false});
  CheckResult r = judge("pod-naming", run.obs);
  EXPECT_EQ(r.status, Status::kSkipped);
  EXPECT_NE(r.explanation.find("web-0 Running, not Ready"), std::string::npos);
}

TEST(PodNaming, ErroredWhenTheClusterFailedTheRollout) {
  Observations obs = lab04_run();
  obs.snapshots.erase("initial");
  obs.failures.push_back({"initial-ready", "3 pods Ready", "node not ready", true});
  EXPECT_EQ(judge("pod-naming", obs).status, Status::kError);
}

}  // namespace
}  // namespace sts
