#include <gtest/gtest.h>

#include "checks/observations_builder_for_tests.h"

namespace sts {
namespace {
using namespace sts::testing;

TEST(OrderedScaleUp, PassesWhenNewPodsComeOneAtATime) {
  CheckResult r = judge("ordered-scale-up", lab04_run());
  EXPECT_EQ(r.status, Status::kPass) << text_of(r);
  EXPECT_NE(r.evidence[0].text.find("after web-2 (Ready "), std::string::npos);
  EXPECT_NE(r.evidence[0].text.find("web-3 created"), std::string::npos);
  EXPECT_NE(text_of(r).find("www-web-4 created"), std::string::npos);
}

TEST(OrderedScaleUp, ParallelFailsWithTheObservedSequence) {
  RunOptions o;
  o.parallel = true;
  CheckResult r = judge("ordered-scale-up", lab04_run(o));
  EXPECT_EQ(r.status, Status::kFail);
  EXPECT_FALSE(passed(r, "waited-for-ready"));
  EXPECT_TRUE(passed(r, "pvcs-created"));
  EXPECT_NE(r.explanation.find("Parallel"), std::string::npos);
  EXPECT_NE(r.explanation.find("web-4 was created at"), std::string::npos);
}

TEST(OrderedScaleUp, OnlyTheScaleUpWindowCounts) {
  // The later scale-back-up recreates web-2..4; it must not enter this judgement.
  Observations obs = lab04_run();
  CheckResult r = judge("ordered-scale-up", obs);
  EXPECT_EQ(r.evidence[0].text.find("web-2 created"), std::string::npos);
}

TEST(OrderedScaleUp, FailsWhenNewPodsGetNoPvc) {
  RunOptions o;
  o.claim_templates = false;
  CheckResult r = judge("ordered-scale-up", lab04_run(o));
  EXPECT_EQ(failed_ids(r), std::vector<std::string>{"pvcs-created"});
}

TEST(OrderedScaleUp, SkippedWhenTheScaleUpNeverRan) {
  Observations obs = lab04_run();
  stop_before(obs, "scale-up", false, "read-after-delete");
  EXPECT_EQ(judge("ordered-scale-up", obs).status, Status::kSkipped);
}

TEST(OrderedScaleUp, ErroredWhenTheClusterStoppedTheScenarioEarlier) {
  Observations obs = lab04_run();
  stop_before(obs, "scale-up", true, "delete-pod");
  EXPECT_EQ(judge("ordered-scale-up", obs).status, Status::kError);
}

}  // namespace
}  // namespace sts
