#include "grader/model/timeline.h"

#include <gtest/gtest.h>

namespace sts {
namespace {

Json pod(const std::string& name, const std::string& uid, const std::string& phase,
         bool ready, bool deleting = false) {
  Json p = {{"metadata", {{"name", name}, {"uid", uid}}},
            {"spec", {{"volumes", Json::array({{{"name", "www"},
                                                {"persistentVolumeClaim",
                                                 {{"claimName", "www-" + name}}}}})}}},
            {"status", {{"phase", phase},
                        {"conditions", Json::array({{{"type", "Ready"},
                                                     {"status", ready ? "True" : "False"}}})}}}};
  if (deleting) p["metadata"]["deletionTimestamp"] = "2026-01-01T00:00:00Z";
  return p;
}

TEST(Timeline, OrdinalParsing) {
  EXPECT_EQ(ordinal_of("web-0", "web"), 0);
  EXPECT_EQ(ordinal_of("web-12", "web"), 12);
  EXPECT_EQ(ordinal_of("web-x-1", "web"), -1);
  EXPECT_EQ(ordinal_of("webby-1", "web"), -1);
  EXPECT_EQ(ordinal_of("web-01", "web"), -1);
  EXPECT_EQ(ordinal_of("web-", "web"), -1);
  EXPECT_EQ(trailing_ordinal("my-app-3"), 3);
  EXPECT_EQ(trailing_ordinal("web-7d8f9c-xk2p1"), -1);
}

TEST(Timeline, PodLivesFollowUidsAndStates) {
  Timeline tl;
  long seq = 0;
  auto add = [&](const std::string& type, Json obj) {
    tl.add({seq, seq * 1.0, type, "Pod", std::move(obj)});
    ++seq;
  };
  add("ADDED", pod("web-0", "u0", "Pending", false));
  add("MODIFIED", pod("web-0", "u0", "Running", false));
  add("MODIFIED", pod("web-0", "u0", "Running", true));
  add("ADDED", pod("web-1", "u1", "Pending", false));
  add("MODIFIED", pod("web-1", "u1", "Running", true, true));
  add("DELETED", pod("web-1", "u1", "Running", true, true));
  add("ADDED", pod("web-1", "u1b", "Pending", false));
  tl.add({seq++, 9, "ADDED", "PersistentVolumeClaim", Json::object()});

  auto lives = tl.pod_lives_of("web");
  ASSERT_EQ(lives.size(), 3u);
  EXPECT_EQ(lives[0].name, "web-0");
  EXPECT_EQ(lives[0].created->seq, 0);
  EXPECT_EQ(lives[0].running->seq, 1);
  EXPECT_EQ(lives[0].ready->seq, 2);
  EXPECT_FALSE(lives[0].terminating);
  EXPECT_EQ(lives[1].uid, "u1");
  EXPECT_EQ(lives[1].terminating->seq, 4);
  EXPECT_EQ(lives[1].deleted->seq, 5);
  EXPECT_EQ(lives[1].claims, std::vector<std::string>{"www-web-1"});
  EXPECT_EQ(lives[2].uid, "u1b");
  EXPECT_EQ(lives[2].ordinal, 1);
  EXPECT_FALSE(lives[2].ready);
  EXPECT_EQ(tl.of_kind("Pod").size(), 7u);
  EXPECT_EQ(tl.of_kind("Pod", 3, 6).size(), 3u);
  EXPECT_EQ(tl.of_kind("PersistentVolumeClaim").size(), 1u);
}

}  // namespace
}  // namespace sts
