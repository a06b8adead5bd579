#include "grader/submission/dns_rewrite.h"

#include <gtest/gtest.h>

namespace sts {
namespace {

TEST(DnsRewrite, RewritesFqdnsOfTheSubmittedNamespaces) {
  Json d = {{"kind", "Deployment"},
            {"metadata", {{"name", "api"}, {"annotations", {{"note", "x.default.svc"}}}}},
            {"spec", {{"template", {{"spec", {{"containers", Json::array({{{"name", "api"},
              {"env", Json::array({{{"name", "DB_HOST"}, {"value", "postgres-0.postgres-headless.default.svc.cluster.local"}},
                                   {{"name", "URL"}, {"value", "redis://redis-0.redis-headless.lab.svc:6379/0"}},
                                   {{"name", "OTHER"}, {"value", "a.defaultx.svc b.default.svcfoo"}}})}}})}}}}}}}};
  EXPECT_EQ(rewrite_namespace_dns(d, {"default", "lab"}, "sts-grader-ab12"), 2);
  const Json& env = d["spec"]["template"]["spec"]["containers"][0]["env"];
  EXPECT_EQ(env[0]["value"], "postgres-0.postgres-headless.sts-grader-ab12.svc.cluster.local");
  EXPECT_EQ(env[1]["value"], "redis://redis-0.redis-headless.sts-grader-ab12.svc:6379/0");
  EXPECT_EQ(env[2]["value"], "a.defaultx.svc b.default.svcfoo");        // not that namespace's names
  EXPECT_EQ(d["metadata"]["annotations"]["note"], "x.default.svc");     // metadata untouched
}

TEST(DnsRewrite, ConfigMapDataAndShortNamesUntouched) {
  Json cm = {{"kind", "ConfigMap"}, {"data", {{"REDIS_HOST", "redis-0.redis-headless.default.svc"}, {"SHORT", "redis-0.redis-headless"}}}};
  EXPECT_EQ(rewrite_namespace_dns(cm, {"default"}, "g"), 1);
  EXPECT_EQ(cm["data"]["REDIS_HOST"], "redis-0.redis-headless.g.svc");
  EXPECT_EQ(cm["data"]["SHORT"], "redis-0.redis-headless");
}

}  // namespace
}  // namespace sts
