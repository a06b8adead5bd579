#include "grader/scenario/rollout_state.h"

#include <gtest/gtest.h>

namespace sts {
namespace {

Json sts(const std::string& strategy, int partition, long generation, long observed, const std::string& update) {
  Json s = {{"kind", "StatefulSet"},
            {"metadata", {{"name", "web"}, {"generation", generation}}},
            {"spec", {{"replicas", 3}, {"updateStrategy", {{"type", strategy}}}}},
            {"status", {{"observedGeneration", observed}, {"updateRevision", update}, {"currentRevision", "web-old"}}}};
  if (partition >= 0) s["spec"]["updateStrategy"]["rollingUpdate"] = {{"partition", partition}};
  return s;
}

Json pod(const std::string& name, const std::string& rev, bool ready = true) {
  return {{"kind", "Pod"},
          {"metadata", {{"name", name}, {"labels", {{kRevisionLabel, rev}}}}},
          {"status", {{"phase", "Running"},
                      {"conditions", Json::array({{{"type", "Ready"}, {"status", ready ? "True" : "False"}}})}}}};
}

TEST(RolloutState, PlanFromTheLiveObject) {
  RolloutPlan p = rollout_plan(sts("RollingUpdate", 2, 1, 1, "web-old"));
  EXPECT_EQ(p.sts, "web");
  EXPECT_EQ(p.strategy, "RollingUpdate");
  EXPECT_EQ(p.partition, 2);
  EXPECT_EQ(p.replicas, 3);
  EXPECT_EQ(p.revision_before, "web-old");
  Json bare = sts("x", -1, 1, 1, "r");
  bare["spec"].erase("updateStrategy");
  EXPECT_EQ(rollout_plan(bare).strategy, "RollingUpdate");
  EXPECT_EQ(rollout_plan(bare).partition, 0);
  EXPECT_EQ(rollout_plan(sts("OnDelete", -1, 1, 1, "r")).strategy, "OnDelete");
}

TEST(RolloutState, ObservedNeedsGenerationAndRevision) {
  RolloutPlan p = rollout_plan(sts("RollingUpdate", 2, 1, 1, "web-old"));
  p.generation = 2;
  Store s;
  s.apply({0, 0, "ADDED", "StatefulSet", sts("RollingUpdate", 2, 2, 1, "web-old")});
  EXPECT_NE(rollout_observed(s, p).find("observed generation 1 of 2"), std::string::npos);
  s.apply({0, 0, "MODIFIED", "StatefulSet", sts("RollingUpdate", 2, 2, 2, "")});
  EXPECT_EQ(rollout_observed(s, p), "status.updateRevision is not set");
  s.apply({0, 0, "MODIFIED", "StatefulSet", sts("RollingUpdate", 2, 2, 2, "web-new")});
  EXPECT_EQ(rollout_observed(s, p), "");
}

TEST(RolloutState, AppliedOnlyFromThePartitionUp) {
  RolloutPlan p = rollout_plan(sts("RollingUpdate", 2, 2, 2, "web-old"));
  Store s;
  s.apply({0, 0, "ADDED", "Pod", pod("web-0", "web-old")});
  s.apply({0, 0, "ADDED", "Pod", pod("web-1", "web-old")});
  s.apply({0, 0, "ADDED", "Pod", pod("web-2", "web-old")});
  EXPECT_EQ(rollout_applied(s, p, "web-new"), "web-2 at revision web-old, not web-new");
  s.apply({0, 0, "MODIFIED", "Pod", pod("web-2", "web-new", false)});
  EXPECT_NE(rollout_applied(s, p, "web-new").find("web-2 Running, not Ready"), std::string::npos);
  s.apply({0, 0, "MODIFIED", "Pod", pod("web-2", "web-new")});
  EXPECT_EQ(rollout_applied(s, p, "web-new"), "");   // web-0 and web-1 stay below the partition
  p.partition = 0;
  EXPECT_EQ(rollout_applied(s, p, "web-new"),
            "web-0 at revision web-old, not web-new; web-1 at revision web-old, not web-new");
  p.strategy = "OnDelete";
  EXPECT_EQ(rollout_applied(s, p, "web-new"), "");
  EXPECT_EQ(pod_revisions(s, "web"),
            (std::map<std::string, std::string>{{"web-0", "web-old"}, {"web-1", "web-old"}, {"web-2", "web-new"}}));
}

}  // namespace
}  // namespace sts
