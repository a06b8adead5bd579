#include "grader/cluster/cluster_state.h"

#include <gtest/gtest.h>

#include <thread>

#include "grader/cluster/conditions.h"

namespace sts {
namespace {
using namespace std::chrono_literals;

Json pod(const std::string& name, bool ready, const std::string& uid = "u") {
  return {{"metadata", {{"name", name}, {"uid", uid + name}}},
          {"status", {{"phase", "Running"},
                      {"conditions", Json::array({{{"type", "Ready"},
                                                   {"status", ready ? "True" : "False"}}})}}}};
}
Json statefulset(int replicas, int ready) {
  return {{"metadata", {{"name", "web"}, {"generation", 1}}},
          {"spec", {{"replicas", replicas}}},
          {"status", {{"observedGeneration", 1}, {"replicas", ready}, {"readyReplicas", ready}}}};
}

TEST(ClusterState, WaitWakesOnEventsAndAssignsSeq) {
  ClusterState state;
  std::thread feeder([&] {
    state.on_event({0, 0, "ADDED", "Pod", pod("web-0", true)});
    state.on_event({0, 0, "ADDED", "StatefulSet", statefulset(1, 1)});
  });
  WaitOutcome w = state.wait("web ready", replicas_ready("web", 1), 5s);
  feeder.join();
  EXPECT_TRUE(w.met()) << w.describe();
  auto tl = state.timeline();
  ASSERT_EQ(tl.events().size(), 2u);
  EXPECT_EQ(tl.events()[1].seq, 1);
}

TEST(ClusterState, TimeoutSaysWhatItSawLast) {
  ClusterState state;
  state.on_event({0, 0, "ADDED", "Pod", pod("web-0", true)});
  state.on_event({0, 0, "ADDED", "Pod", pod("web-1", false)});
  WaitOutcome w = state.wait("3 pods of web Ready", replicas_ready("web", 3), 300ms);
  EXPECT_EQ(w.kind, WaitOutcome::kTimedOut);
  EXPECT_NE(w.describe().find("web-1 Running, not Ready"), std::string::npos) << w.describe();
  EXPECT_NE(w.describe().find("web-2 not created yet"), std::string::npos) << w.describe();
}

TEST(ClusterState, AbortAndFaultEndWaits) {
  std::atomic<bool> abort{false};
  ClusterState state(&abort);
  abort = true;
  EXPECT_EQ(state.wait("x", replicas_ready("web", 1), 5s).kind, WaitOutcome::kAborted);
  // Cleanup ignores the interrupt but still has a deadline.
  EXPECT_EQ(state.wait("x", replicas_ready("web", 1), 200ms, true).kind, WaitOutcome::kTimedOut);
  abort = false;
  state.on_fault("connection refused");
  WaitOutcome w = state.wait("x", replicas_ready("web", 1), 5s);
  EXPECT_EQ(w.kind, WaitOutcome::kFault);
  EXPECT_NE(w.describe().find("connection refused"), std::string::npos);
}

TEST(ClusterState, HopelessEndsEarly) {
  ClusterState state;
  Json p = pod("web-0", false);
  p["status"]["containerStatuses"] = Json::array(
      {{{"restartCount", 3}, {"state", {{"waiting", {{"reason", "CrashLoopBackOff"}}}}}}});
  state.on_event({0, 0, "ADDED", "Pod", p});
  WaitOutcome w = state.wait("ready", replicas_ready("web", 3), 10s, false, pods_hopeless("web", 3));
  EXPECT_EQ(w.kind, WaitOutcome::kHopeless);
  EXPECT_LT(w.seconds, 5);
  EXPECT_NE(w.last_seen.find("CrashLoopBackOff"), std::string::npos) << w.last_seen;
}

TEST(Conditions, ScaleDownWaitsForRetentionPolicyDeletions) {
  Store s;
  s.apply({0, 0, "ADDED", "Pod", pod("web-0", true)});
  s.apply({0, 0, "ADDED", "StatefulSet", statefulset(1, 1)});
  Json pvc = {{"metadata", {{"name", "data-web-1"},
                            {"ownerReferences", Json::array({{{"kind", "Pod"}, {"name", "web-1"}}})}}}};
  s.apply({0, 0, "ADDED", "PersistentVolumeClaim", pvc});
  EXPECT_NE(scale_down_settled("web", 1)(s).find("garbage collection pending"), std::string::npos);
  s.apply({0, 0, "DELETED", "PersistentVolumeClaim", pvc});
  EXPECT_EQ(scale_down_settled("web", 1)(s), "");
  s.apply({0, 0, "ADDED", "Pod", pod("web-1", true)});
  EXPECT_NE(scale_down_settled("web", 1)(s).find("web-1 still present"), std::string::npos);
}

TEST(Conditions, PodReplacedNeedsNewUidAndReady) {
  Store s;
  s.apply({0, 0, "ADDED", "Pod", pod("web-1", true, "old")});
  EXPECT_NE(pod_replaced("web-1", "oldweb-1")(s), "");
  s.apply({0, 0, "MODIFIED", "Pod", pod("web-1", false, "new")});
  EXPECT_NE(pod_replaced("web-1", "oldweb-1")(s), "");
  s.apply({0, 0, "MODIFIED", "Pod", pod("web-1", true, "new")});
  EXPECT_EQ(pod_replaced("web-1", "oldweb-1")(s), "");
}

}  // namespace
}  // namespace sts
