#include <gtest/gtest.h>

#include "checks/observations_builder_for_tests.h"

namespace sts {
namespace {
using namespace sts::testing;

TEST(OrderedScaleDown, PassesWhenPodsGoHighestFirstOneAtATime) {
  CheckResult r = judge("ordered-scale-down", lab04_run());
  EXPECT_EQ(r.status, Status::kPass) << text_of(r);
  EXPECT_EQ(r.evidence[0].text.rfind("web-4 terminating ", 0), 0u) << r.evidence[0].text;
  EXPECT_NE(r.evidence[0].text.find("; web-2 terminating "), std::string::npos);
}

TEST(OrderedScaleDown, ParallelFailsWithTheObservedSequence) {
  RunOptions o;
  o.parallel = true;
  CheckResult r = judge("ordered-scale-down", lab04_run(o));
  // The declared policy fails first (on the spec), the timing second.
  EXPECT_EQ(failed_ids(r), (std::vector<std::string>{"ordered-policy", "waited-for-deletion"}));
  EXPECT_NE(r.explanation.find("Parallel"), std::string::npos);
  EXPECT_NE(r.explanation.find("web-3 began terminating at"), std::string::npos);
  EXPECT_NE(r.summary.find("web-4 terminating"), std::string::npos);
}

TEST(OrderedScaleDown, FailsWhenTheLowestGoesFirst) {
  FakeRun alt;
  for (int i = 0; i < 5; ++i) alt.start_pod(i);
  alt.mark("scale-down");
  for (int i = 2; i < 5; ++i) {
    alt.terminate_pod(i);
    alt.remove_pod(i);
  }
  alt.mark("scale-back-up");
  CheckResult r = judge("ordered-scale-down", alt.obs);
  EXPECT_EQ(failed_ids(r), std::vector<std::string>{"highest-first"});
}

TEST(OrderedScaleDown, FailsWhenAPodOutsideTheSurplusGoes) {
  Observations obs = lab04_run();
  obs.scenario_params["scale_down_replicas"] = 3;  // web-2 should have stayed
  CheckResult r = judge("ordered-scale-down", obs);
  EXPECT_EQ(failed_ids(r), std::vector<std::string>{"removed-surplus-pods"});
  EXPECT_NE(r.explanation.find("web-2 was removed"), std::string::npos);
}

TEST(OrderedScaleDown, SkippedWhenTheScaleDownFailed) {
  Observations obs = lab04_run();
  obs.failures.push_back({"scale-down", "2 pods", "web-2 Terminating", false});
  EXPECT_EQ(judge("ordered-scale-down", obs).status, Status::kSkipped);
}

}  // namespace
}  // namespace sts
