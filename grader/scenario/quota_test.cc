#include "grader/scenario/quota.h"

#include <gtest/gtest.h>

#include "grader/cluster/conditions.h"

namespace sts {
namespace {

TEST(Quota, ObjectsLiveInTheGradingNamespaceAndCarryTheDefaults) {
  GradingQuota q;
  Json rq = resource_quota_object("sts-grader-abc123", q);
  EXPECT_EQ(rq["kind"], "ResourceQuota");
  EXPECT_EQ(rq["metadata"]["namespace"], "sts-grader-abc123");
  EXPECT_EQ(rq["spec"]["hard"]["pods"], "12");
  EXPECT_EQ(rq["spec"]["hard"]["requests.storage"], "20Gi");
  EXPECT_EQ(rq["spec"]["hard"]["persistentvolumeclaims"], "12");
  Json lr = limit_range_object("sts-grader-abc123", q);
  EXPECT_EQ(lr["kind"], "LimitRange");
  const Json& c = lr["spec"]["limits"][0];
  EXPECT_EQ(c["type"], "Container");
  EXPECT_EQ(c["defaultRequest"]["cpu"], "50m");
  EXPECT_EQ(c["defaultRequest"]["memory"], "64Mi");
  EXPECT_EQ(c["default"]["memory"], "1Gi");
  // No default CPU limit: throttling would slow every lab down for nothing.
  EXPECT_FALSE(c["default"].contains("cpu"));
}

TEST(Quota, EveryQuotaedResourceHasADefaultSoUnsetContainersAreAdmitted) {
  // A quota on requests.cpu / requests.memory / limits.memory refuses a pod
  // whose containers leave them unset, unless the LimitRange fills them in.
  GradingQuota q;
  Json hard = resource_quota_object("ns", q)["spec"]["hard"];
  Json lr = limit_range_object("ns", q)["spec"]["limits"][0];
  EXPECT_TRUE(!hard.contains("requests.cpu") || lr["defaultRequest"].contains("cpu"));
  EXPECT_TRUE(!hard.contains("requests.memory") || lr["defaultRequest"].contains("memory"));
  EXPECT_TRUE(!hard.contains("limits.memory") || lr["default"].contains("memory"));
  EXPECT_TRUE(!hard.contains("limits.cpu") || lr["default"].contains("cpu"));
}

TEST(Quota, CountedOnlyOnceTheControllerFilledTheStatus) {
  Store s;
  auto counted = quota_counted(kQuotaName);
  EXPECT_NE(counted(s), "");
  Json rq = resource_quota_object("ns", GradingQuota{});
  s.apply({0, 0, "ADDED", "ResourceQuota", rq});
  EXPECT_NE(counted(s).find("not counted"), std::string::npos);
  rq["status"] = {{"hard", rq["spec"]["hard"]}, {"used", {{"pods", "0"}}}};
  s.apply({1, 0, "MODIFIED", "ResourceQuota", rq});
  EXPECT_EQ(counted(s), "");
}

// A pod the quota refused never exists: the wait must say why, not only
// "not created yet" (the StatefulSet controller's FailedCreate event).
TEST(Quota, APodRefusedByTheQuotaIsNamedWithTheRefusal) {
  Store s;
  s.apply({0, 0, "ADDED", "Event",
           {{"metadata", {{"name", "web.1"}}},
            {"reason", "FailedCreate"},
            {"lastTimestamp", "2026-01-01T00:00:05Z"},
            {"message", "create Pod web-3 in StatefulSet web failed error: pods \"web-3\" is "
                        "forbidden: exceeded quota: sts-grader-quota, requested: pods=1, used: "
                        "pods=12, limited: pods=12"}}});
  s.apply({1, 0, "ADDED", "Event",
           {{"metadata", {{"name", "web.2"}}},
            {"reason", "FailedCreate"},
            {"message", "create Pod web-30 in StatefulSet web failed error: other"}}});
  std::string gap = replicas_ready("web", 4)(s);
  EXPECT_NE(gap.find("web-3 not created yet (FailedCreate: create Pod web-3 in StatefulSet web "
                     "failed error: pods \"web-3\" is forbidden: exceeded quota"),
            std::string::npos)
      << gap;
  EXPECT_EQ(gap.find("other"), std::string::npos) << gap;
  EXPECT_NE(gap.find("web-0 not created yet;"), std::string::npos) << gap;
}

}  // namespace
}  // namespace sts

namespace sts {
namespace {

std::vector<Manifest> statefulset(const std::string& cpu, const std::string& storage) {
  return parse_manifests("apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: web}\nspec:\n  replicas: 3\n"
                         "  template:\n    spec:\n      containers:\n      - name: c\n        image: busybox:1.36\n" +
                             (cpu.empty() ? std::string() : "        resources: {requests: {cpu: " + cpu + "}}\n") +
                             "  volumeClaimTemplates:\n  - metadata: {name: data}\n"
                             "    spec: {resources: {requests: {storage: " + storage + "}}}\n",
                         "sts.yaml");
}

TEST(Quota, SizedFromThePeakReplicasTimesTheSubmissionsOwnRequests) {
  // Lab 04 scales 3 -> 5; 1Gi claims fit the defaults, which stay.
  GradingQuota small = quota_for(statefulset("", "1Gi"), "web", 5);
  EXPECT_EQ(small.requests_storage, "20Gi");
  EXPECT_EQ(small.requests_cpu, "2");
  EXPECT_EQ(small.pods, "16");  // (5 + probe + reader) twice, for pods still terminating, + 2
  // Issue 10: 5Gi per pod and 400m CPU are legal and must fit at 5 pods.
  GradingQuota big = quota_for(statefulset("400m", "5Gi"), "web", 5);
  EXPECT_EQ(big.requests_storage, "32000Mi");  // 5 x 5Gi x 1.25
  EXPECT_EQ(big.requests_cpu, "4200m");        // (5 x 400m + 2 x 50m) x 2
  // Another StatefulSet than the graded one keeps its own replicas.
  EXPECT_EQ(quota_for(statefulset("400m", "5Gi"), "other", 5).requests_cpu, "2600m");  // 3 pods
}

TEST(Quota, DefaultLimitsNeverFallBelowARequestWithoutLimit) {
  std::vector<Manifest> ms = parse_manifests(
      "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n  template:\n    spec:\n"
      "      containers:\n      - {name: a, image: x:1, resources: {requests: {memory: 2Gi}}}\n"
      "      - {name: b, image: x:1, resources: {requests: {memory: 3Gi}, limits: {memory: 3Gi}}}\n",
      "d.yaml");
  GradingQuota q = quota_for(ms, "", 1);
  EXPECT_EQ(q.default_limit_memory, "2048Mi");  // a's 2Gi; b names its own limit
  EXPECT_EQ(quota_for({}, "", 1).default_limit_memory, "1Gi");
}

TEST(Quota, CountsObjectsAndForbidsNodePortsAndLoadBalancers) {
  Json hard = resource_quota_object("ns", GradingQuota{})["spec"]["hard"];
  EXPECT_EQ(hard["services.nodeports"], "0");
  EXPECT_EQ(hard["services.loadbalancers"], "0");
  EXPECT_TRUE(hard.contains("count/secrets"));
  EXPECT_TRUE(hard.contains("count/configmaps"));
  EXPECT_TRUE(hard.contains("limits.ephemeral-storage"));
  // Bounded ephemeral storage needs a default limit for containers naming none.
  Json lr = limit_range_object("ns", GradingQuota{})["spec"]["limits"][0];
  EXPECT_TRUE(lr["default"].contains("ephemeral-storage"));
  EXPECT_TRUE(lr["defaultRequest"].contains("ephemeral-storage"));
}

TEST(Quota, ScenarioPeakFollowsItsScaleSteps) {
  Scenario s;
  auto step = [](const std::string& id, const std::string& op, Json replicas) {
    StepSpec st;
    st.id = id;
    st.op = op;
    st.args = {{"replicas", replicas}};
    return st;
  };
  s.steps = {step("scale-up", "scale", "+2"), step("scale-down", "scale", 2), step("back", "scale", "@scale-up"),
             step("noise", "wait-ready", 99)};
  EXPECT_EQ(scenario_peak_replicas(s, 3), 5);
  EXPECT_EQ(scenario_peak_replicas(Scenario{}, 3), 3);
  s.steps = {step("up", "scale", 8), step("down", "scale", "-7")};
  EXPECT_EQ(scenario_peak_replicas(s, 3), 8);
}

}  // namespace
}  // namespace sts
