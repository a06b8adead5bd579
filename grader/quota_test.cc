#include "grader/quota.h"

#include <gtest/gtest.h>

#include "grader/conditions.h"

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
