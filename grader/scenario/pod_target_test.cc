#include "grader/scenario/pod_target.h"

#include <gtest/gtest.h>

#include "grader/scenario/scenario.h"

namespace sts {
namespace {

Json pod(const std::string& name, bool ready, Json labels = Json::object(), bool deleting = false) {
  Json p = {{"kind", "Pod"},
            {"metadata", {{"name", name}, {"uid", "uid-" + name}, {"labels", labels}}},
            {"status", {{"phase", "Running"},
                        {"conditions", Json::array({{{"type", "Ready"}, {"status", ready ? "True" : "False"}}})}}}};
  if (deleting) p["metadata"]["deletionTimestamp"] = "2026-01-01T00:00:00Z";
  return p;
}

Store store(std::vector<Json> pods) {
  Store s;
  for (Json& p : pods) s.apply({0, 0, "ADDED", "Pod", std::move(p)});
  return s;
}

TEST(SelectorMatches, EqualityTermsLikeKubectl) {
  Json labels = {{"app", "api"}, {"tier", "web"}};
  EXPECT_TRUE(selector_matches(labels, "app=api"));
  EXPECT_TRUE(selector_matches(labels, "app==api, tier=web"));
  EXPECT_FALSE(selector_matches(labels, "app=api,tier=db"));
  EXPECT_TRUE(selector_matches(labels, "tier!=db"));
  EXPECT_FALSE(selector_matches(labels, "tier!=web"));
  EXPECT_TRUE(selector_matches(labels, "app"));
  EXPECT_FALSE(selector_matches(labels, "!app"));
  EXPECT_TRUE(selector_matches(labels, "!canary"));
  EXPECT_FALSE(selector_matches(Json(), "app=api"));
  EXPECT_THROW(selector_matches(labels, "app=api,"), ScenarioError);
  EXPECT_THROW(selector_matches(labels, "=x"), ScenarioError);
}

TEST(PodTarget, NamedPodsMustAllBeReady) {
  Store s = store({pod("web-0", true), pod("web-1", false)});
  PodTarget t{{"web-0", "web-1"}, "", "web"};
  EXPECT_NE(target_gap(s, t).find("web-1 Running, not Ready"), std::string::npos) << target_gap(s, t);
  EXPECT_EQ(target_pod(s, t), "web-0");
  EXPECT_EQ(target_gap(s, {{"web-0"}, "", "web"}), "");
  EXPECT_EQ(target_gap(s, {{"web-2"}, "", "web"}), "web-2 does not exist");
  EXPECT_EQ(t.describe(), "pods web-0, web-1");
}

TEST(PodTarget, SelectorTakesTheFirstReadyNotTerminatingPod) {
  Store s = store({pod("api-7d9-aaaa", true, {{"app", "api"}}, true), pod("api-7d9-bbbb", false, {{"app", "api"}}),
                   pod("api-7d9-cccc", true, {{"app", "api"}}), pod("db-0", true, {{"app", "db"}})});
  PodTarget t{{}, "app=api", "web"};
  EXPECT_EQ(target_gap(s, t), "");
  EXPECT_EQ(target_pod(s, t), "api-7d9-cccc");
  EXPECT_EQ(target_uids(s, t), "uid-api-7d9-cccc ");
  PodTarget none{{}, "app=cache", "web"};
  EXPECT_EQ(target_gap(s, none), "no pod matching app=cache");
  EXPECT_EQ(target_pod(s, none), "");
}

TEST(PodTarget, AnyPodOfTheSet) {
  Store s = store({pod("web-0", false), pod("web-1", true), pod("webx-0", true)});
  PodTarget t{{}, "", "web"};
  EXPECT_EQ(target_pod(s, t), "web-1");
  Store none = store({pod("web-0", false)});
  EXPECT_NE(target_gap(none, t).find("no Ready pod: web-0"), std::string::npos);
}

}  // namespace
}  // namespace sts
