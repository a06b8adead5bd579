#include "grader/cluster/stall.h"

#include <gtest/gtest.h>

#include "grader/cluster/conditions.h"
#include "grader/scenario/quota.h"

namespace sts {
namespace {
using namespace std::chrono_literals;

// Shaped like the objects the testbed's v1.33 API server sent during the
// stall of issue 10 (web-3 Pending, data-web-3 Bound a second after creation).
Json pending_pod(const std::string& name, const std::string& claim, const std::string& msg) {
  return {{"metadata", {{"name", name}, {"uid", "uid-" + name}}},
          {"spec", {{"volumes", Json::array({{{"name", "data"},
                                              {"persistentVolumeClaim", {{"claimName", claim}}}}})}}},
          {"status", {{"phase", "Pending"},
                      {"conditions", Json::array({{{"type", "PodScheduled"},
                                                   {"status", "False"},
                                                   {"reason", "Unschedulable"},
                                                   {"message", msg}}})}}}};
}
Json pvc(const std::string& name, const std::string& phase) {
  return {{"metadata", {{"name", name}}}, {"status", {{"phase", phase}}}};
}
Json pulling_pod(const std::string& reason, const std::string& msg) {
  return {{"metadata", {{"name", "web-0"}, {"uid", "uid-web-0"}}},
          {"spec", {{"nodeName", "node"}}},
          {"status", {{"phase", "Pending"},
                      {"containerStatuses",
                       Json::array({{{"name", "app"},
                                     {"image", "docker.io/library/nginx:1.21"},
                                     {"restartCount", 0},
                                     {"state", {{"waiting", {{"reason", reason}, {"message", msg}}}}}}})}}}};
}
const char* kUnbound = "0/1 nodes are available: pod has unbound immediate PersistentVolumeClaims. "
                       "preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.";

struct Fixture {
  double clock = 0;
  StallDetector d{"ns", [this] { return clock; }, 45};
  Store store;
  void put(const std::string& kind, Json obj) { store.apply({0, 0, "ADDED", kind, std::move(obj)}); }
};

TEST(StallDetector, UnscheduledPodWithBoundClaimsIsTheSchedulersAfterTheGrace) {
  Fixture f;
  f.put("Pod", pending_pod("web-3", "data-web-3", kUnbound));
  f.put("PersistentVolumeClaim", pvc("data-web-3", "Bound"));
  EXPECT_TRUE(f.d.check(f.store).empty());
  f.clock = 44;
  EXPECT_TRUE(f.d.check(f.store).empty()) << "within the grace the scheduler may still retry";
  f.clock = 46;
  ClusterFault fault = f.d.check(f.store);
  EXPECT_EQ(fault.cause, "scheduler");
  EXPECT_NE(fault.evidence.find("web-3"), std::string::npos) << fault.evidence;
  EXPECT_NE(fault.evidence.find("data-web-3"), std::string::npos) << fault.evidence;
  EXPECT_NE(fault.evidence.find("for 46s"), std::string::npos) << fault.evidence;
}

TEST(StallDetector, APodNoSchedulerLookedAtIsTheSchedulers) {
  Fixture f;
  Json p = {{"metadata", {{"name", "web-3"}, {"uid", "u3"}}}, {"status", {{"phase", "Pending"}}}};
  f.put("Pod", p);
  f.d.check(f.store);
  f.clock = 50;
  EXPECT_EQ(f.d.check(f.store).cause, "scheduler");
  Fixture g;  // the student's own scheduler that does not exist is theirs
  p["spec"]["schedulerName"] = "my-scheduler";
  g.put("Pod", p);
  g.d.check(g.store);
  g.clock = 500;
  EXPECT_TRUE(g.d.check(g.store).empty());
}

TEST(StallDetector, AClaimStillPendingIsNoStall) {
  Fixture f;
  f.put("Pod", pending_pod("web-3", "data-web-3", kUnbound));
  f.put("PersistentVolumeClaim", pvc("data-web-3", "Pending"));
  f.d.check(f.store);
  f.clock = 300;
  EXPECT_TRUE(f.d.check(f.store).empty()) << "an unbound claim is a storage problem, not this race";
}

TEST(StallDetector, UnschedulableForCapacityIsNotThisRace) {
  // The student asked for more CPU than a node has: the scheduler is right.
  Fixture f;
  f.put("Pod", pending_pod("web-0", "data-web-0", "0/1 nodes are available: 1 Insufficient cpu."));
  f.put("PersistentVolumeClaim", pvc("data-web-0", "Bound"));
  f.d.check(f.store);
  f.clock = 300;
  EXPECT_TRUE(f.d.check(f.store).empty());
}

TEST(StallDetector, TheStateMustHoldWithoutABreak) {
  Fixture f;
  f.put("Pod", pending_pod("web-3", "data-web-3", kUnbound));
  f.put("PersistentVolumeClaim", pvc("data-web-3", "Bound"));
  f.d.check(f.store);
  f.clock = 30;
  f.put("PersistentVolumeClaim", pvc("data-web-3", "Pending"));  // re-created meanwhile
  EXPECT_TRUE(f.d.check(f.store).empty());
  f.clock = 40;
  f.put("PersistentVolumeClaim", pvc("data-web-3", "Bound"));
  f.d.check(f.store);
  f.clock = 80;
  EXPECT_TRUE(f.d.check(f.store).empty()) << "40s since it held again: still within the grace";
  f.clock = 86;
  EXPECT_EQ(f.d.check(f.store).cause, "scheduler");
}

TEST(StallDetector, TransientPullErrorsAreTheRegistrysPermanentOnesTheStudents) {
  Fixture f;
  f.put("Pod", pulling_pod("ImagePullBackOff",
                           "Back-off pulling image \"docker.io/library/nginx:1.21\": ErrImagePull: failed to "
                           "copy: httpReadSeeker: failed open: unexpected status code "
                           "https://registry-1.docker.io/v2/library/nginx/manifests/sha256:…: 429 Too Many Requests"));
  f.d.check(f.store);
  f.clock = 100;
  EXPECT_TRUE(f.d.check(f.store).empty()) << "the kubelet retries for minutes";
  f.clock = 121;
  EXPECT_EQ(f.d.check(f.store).cause, "registry");

  Fixture g;
  g.put("Pod", pulling_pod("ImagePullBackOff",
                           "Back-off pulling image \"nginx:1.2l\": ErrImagePull: rpc error: code = NotFound desc "
                           "= failed to pull and unpack image \"docker.io/library/nginx:1.2l\": "
                           "docker.io/library/nginx:1.2l: not found"));
  g.d.check(g.store);
  g.clock = 1000;
  EXPECT_TRUE(g.d.check(g.store).empty()) << "a wrong tag is the student's";
}

TEST(PullErrors, Classification) {
  EXPECT_TRUE(permanent_pull_error("InvalidImageName", "couldn't parse image reference"));
  EXPECT_TRUE(permanent_pull_error("ErrImagePull", "pull access denied, repository does not exist or may require authorization"));
  EXPECT_TRUE(permanent_pull_error("ErrImagePull", "failed to resolve reference: 401 Unauthorized"));
  EXPECT_TRUE(permanent_pull_error("ErrImagePull", "manifest unknown"));
  EXPECT_FALSE(permanent_pull_error("ErrImagePull", "429 Too Many Requests"));
  EXPECT_FALSE(permanent_pull_error("ErrImagePull", "dial tcp 10.0.0.1:443: i/o timeout"));
  EXPECT_FALSE(permanent_pull_error("ErrImagePull", "net/http: TLS handshake timeout"));
  EXPECT_FALSE(permanent_pull_error("ImagePullBackOff", "connect: connection refused"));
  EXPECT_FALSE(permanent_pull_error("ErrImagePull", "500 Internal Server Error"));
}

TEST(PodsHopeless, OnlyPermanentPullErrorsGiveUp) {
  Store s;
  s.apply({0, 0, "ADDED", "Pod", pulling_pod("ImagePullBackOff", "ErrImagePull: 429 Too Many Requests")});
  EXPECT_EQ(pods_hopeless("web", 3)(s), "") << "a rate limit is not the student's failure";
  s.apply({0, 0, "MODIFIED", "Pod", pulling_pod("ImagePullBackOff", "docker.io/library/ngnix:1.21: not found")});
  EXPECT_NE(pods_hopeless("web", 3)(s), "");
}

TEST(StallDetector, TheGradersOwnQuotaIsTheGradersAtOnce) {
  Fixture f;
  f.put("Event", {{"metadata", {{"name", "web.1"}}},
                  {"type", "Warning"},
                  {"reason", "FailedCreate"},
                  {"involvedObject", {{"kind", "StatefulSet"}, {"name", "web"}}},
                  {"message", std::string("create Claim data-web-4 for Pod web-4 in StatefulSet web failed error: "
                                          "persistentvolumeclaims \"data-web-4\" is forbidden: exceeded quota: ") +
                                  kQuotaName + ", requested: requests.storage=5Gi, used: requests.storage=20Gi, "
                                               "limited: requests.storage=20Gi"}});
  ClusterFault fault = f.d.check(f.store);
  EXPECT_EQ(fault.cause, "grader-quota");
  EXPECT_NE(fault.evidence.find("data-web-4"), std::string::npos);
}

TEST(StallDetector, ProgressNamesWhatTheClusterIsDoing) {
  Fixture f;
  EXPECT_EQ(f.d.progressing(f.store), "");
  f.put("Pod", pulling_pod("ContainerCreating", ""));
  EXPECT_NE(f.d.progressing(f.store).find("web-0 ContainerCreating"), std::string::npos);
}

TEST(ClusterStateWait, AStallEndsTheWaitAsTheClustersFault) {
  ClusterState state;
  state.on_event({0, 0, "ADDED", "Pod", pending_pod("web-3", "data-web-3", kUnbound)});
  state.on_event({0, 0, "ADDED", "PersistentVolumeClaim", pvc("data-web-3", "Bound")});
  auto d = std::make_shared<StallDetector>("ns", [&state] { return state.now(); }, 0.3);
  WaitOutcome w = state.wait("4 pods of web Ready", replicas_ready("web", 4), 5s, nullptr,
                             {cluster_fault_condition(d), progressing_condition(d)});
  EXPECT_EQ(w.kind, WaitOutcome::kFault);
  EXPECT_TRUE(w.cluster_stalled);
  EXPECT_LT(w.seconds, 4) << "ended by the evidence, not the deadline";
  EXPECT_NE(w.describe().find("not the submission"), std::string::npos) << w.describe();
}

TEST(ClusterStateWait, VisibleProgressExtendsTheDeadlineUpToTheCap) {
  ClusterState state;
  state.on_event({0, 0, "ADDED", "Pod", pulling_pod("ContainerCreating", "")});
  auto d = std::make_shared<StallDetector>("ns", [&state] { return state.now(); });
  ClusterState::ClusterWatch cw{cluster_fault_condition(d), progressing_condition(d), 200ms, 700ms};
  WaitOutcome w = state.wait("1 pods of web Ready", replicas_ready("web", 1), 300ms, nullptr, cw);
  EXPECT_EQ(w.kind, WaitOutcome::kTimedOut);
  EXPECT_GE(w.seconds, 0.69);
  EXPECT_LT(w.seconds, 1.5);
  EXPECT_DOUBLE_EQ(w.extended, 0.4);
  EXPECT_NE(w.describe().find("deadline extended by"), std::string::npos) << w.describe();
}

}  // namespace
}  // namespace sts
