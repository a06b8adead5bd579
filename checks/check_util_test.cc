#include "checks/check_util.h"

#include <gtest/gtest.h>

#include "checks/observations_builder_for_tests.h"

namespace sts {
namespace {

TEST(CheckUtil, TextHelpers) {
  EXPECT_EQ(seconds(4.94), "4.9s");
  EXPECT_EQ(bounded("abc", 5), "abc");
  EXPECT_EQ(bounded("abcdef", 3), "abc…(+3 chars)");
  EXPECT_EQ(join({"a", "b"}), "a, b");
  EXPECT_EQ(pvc_name("www", "web", 2), "www-web-2");
}

TEST(CheckUtil, ManifestFacts) {
  Json sts = Json::parse(R"({"spec":{
    "ordinals":{"start":1},
    "podManagementPolicy":"Parallel",
    "template":{"spec":{"containers":[{"name":"c","volumeMounts":[
       {"name":"data","mountPath":"/data"},{"name":"other","mountPath":"/x"}]}]}},
    "volumeClaimTemplates":[{"metadata":{"name":"data"}},{"metadata":{"name":"logs"}}]}})");
  auto t = claim_templates(sts);
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].name, "data");
  EXPECT_EQ(t[0].mount_paths, std::vector<std::string>{"/data"});
  EXPECT_TRUE(t[1].mount_paths.empty());
  EXPECT_EQ(ordinals_start(sts), 1);
  EXPECT_EQ(pod_management_policy(sts), "Parallel");
  EXPECT_EQ(pod_management_policy(Json::object()), "OrderedReady");
  EXPECT_EQ(when_scaled_policy(Json::object()), "Retain");
}

TEST(CheckUtil, ContentChangesNameFileAndLine) {
  auto ch = content_changes({{"index.html", "Pod: web-1\nDate: Mon\n"}},
                            {{"index.html", "Pod: web-1\nDate: Tue\n"}, {"new.txt", "x"}});
  ASSERT_EQ(ch.size(), 1u);
  EXPECT_EQ(ch[0], "index.html line 2: 'Date: Mon' -> 'Date: Tue'");
  // Appending keeps the original content.
  EXPECT_TRUE(content_changes({{"log", "started 1\n"}}, {{"log", "started 1\nstarted 2\n"}})
                  .empty());
  EXPECT_TRUE(content_changes({{"a", "1"}}, {{"a", "1"}}).empty());
  EXPECT_EQ(content_changes({{"a", "1"}}, {}), std::vector<std::string>{"a is gone"});
}

TEST(CheckUtil, StepWindowsEndAtTheNextMark) {
  Observations obs = testing::lab04_run();
  auto w = step_window(obs, "scale-down");
  ASSERT_TRUE(w);
  EXPECT_EQ(w->next_step, "snapshot-after-scale-down");
  EXPECT_EQ(w->to, obs.mark("snapshot-after-scale-down")->seq);
  auto through = window_through(obs, "initial-ready");
  EXPECT_EQ(through->from, 0);
  EXPECT_EQ(through->next_step, "snapshot-initial");
  EXPECT_FALSE(step_window(obs, "nope"));
  auto removed = lives_removed_in(obs, *w);
  ASSERT_EQ(removed.size(), 3u);
  EXPECT_EQ(removed[0].name, "web-4");
  EXPECT_EQ(removal_sequence({removed[0]}).rfind("web-4 terminating ", 0), 0u);
}

TEST(CheckUtil, UnmetStepSkipsOrErrs) {
  Observations obs;
  obs.marks.push_back({"apply", "", 0, 0});
  EXPECT_FALSE(unmet_step(obs, "c", "apply"));
  EXPECT_EQ(unmet_step(obs, "c", "dns")->status, Status::kSkipped);
  obs.failures.push_back({"initial-ready", "3 pods Ready", "web-1 Pending", false});
  auto r = unmet_step(obs, "c", "dns");
  EXPECT_EQ(r->status, Status::kSkipped);
  EXPECT_NE(r->explanation.find("web-1 Pending"), std::string::npos);
  obs.failures[0].infrastructure = true;
  EXPECT_EQ(unmet_step(obs, "c", "dns")->status, Status::kError);
  EXPECT_EQ(unmet_step(obs, "c", "initial-ready")->status, Status::kError);
}

}  // namespace
}  // namespace sts
