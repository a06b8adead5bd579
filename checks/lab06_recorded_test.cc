// The Lab 06 / Level 2 / Project 5 checks on observations recorded from REAL
// runs on the testbed (`sts-grader grade examples/submissions/<x> --rubric
// rubrics/<rubric>.yaml --record tests/recorded/<x>.observations.json`).
// recorded_replay_test.cc asserts their statuses against examples/expected.yaml;
// here: that the explanations rest on what the cluster and the apps really
// answered, and that changing that data changes the verdict.
#include <gtest/gtest.h>
#include "source_paths.h"

#include <algorithm>

#include "checks/check.h"
#include "grader/model/observations_io.h"

namespace sts {
namespace {

const Observations& recorded(const std::string& example) {
  static std::map<std::string, Observations> cache;
  auto it = cache.find(example);
  if (it == cache.end())
    it = cache.emplace(example, read_observations_file(std::string(STS_TESTDATA) + "/" + example +
                                                       ".observations.json")).first;
  return it->second;
}

CheckResult judge(const std::string& id, const Observations& obs) {
  const Check* c = CheckRegistry::instance().find(id);
  if (!c) throw std::runtime_error("no check " + id);
  return c->judge(obs);
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

const HttpExchange* exchange(const Observations& obs, const std::string& phase) {
  const HttpExchange* last = nullptr;
  for (const HttpExchange& x : obs.http)
    if (x.phase == phase) last = &x;
  return last;
}

TEST(Lab06Recorded, EmptyDirLosesTheUsersAndTheirTable) {
  const Observations& obs = recorded("lab06-s1-emptydir");
  // The API stored the three users, marked with the run's namespace ...
  const HttpExchange* before = exchange(obs, "data-before");
  ASSERT_NE(before, nullptr);
  ASSERT_TRUE(before->ok);
  EXPECT_TRUE(has(before->body, "alice@" + obs.namespace_)) << before->body;
  // ... and could not serve them once postgres-0 came back on a new emptyDir.
  const HttpExchange* after = exchange(obs, "data-after");
  ASSERT_NE(after, nullptr);
  EXPECT_FALSE(after->ok);
  EXPECT_EQ(after->status, 503);
  CheckResult r = judge("data-persistence", obs);
  ASSERT_EQ(r.status, Status::kFail);
  EXPECT_TRUE(has(r.summary, "did not survive")) << r.summary;
  EXPECT_TRUE(has(r.explanation, "read in the database pod: exit 1: ERROR:  relation \"users\" does not exist"))
      << r.explanation;
  EXPECT_TRUE(has(r.hint, "no volumeClaimTemplates")) << r.hint;
  EXPECT_EQ(judge("reattached-after-delete", obs).status, Status::kFail);
}

TEST(Lab06Recorded, CacheValueReadBackUnchangedAndApiPodRenamed) {
  const Observations& obs = recorded("lab06-s2-reference");
  const HttpExchange* before = exchange(obs, "data-before");
  const HttpExchange* after = exchange(obs, "data-after");
  ASSERT_TRUE(before && after);
  EXPECT_EQ(before->body, after->body);
  EXPECT_TRUE(has(after->body, "\"value\":\"" + obs.namespace_ + "\"")) << after->body;
  EXPECT_EQ(judge("data-persistence", obs).status, Status::kPass);

  // Negative control on real data: the key not found after the deletion.
  Observations lost = obs;
  for (HttpExchange& x : lost.http)
    if (x.phase == "data-after") x.ok = false, x.status = 404, x.body.clear(), x.error = "HTTP 404 Not Found";
  CheckResult r = judge("data-persistence", lost);
  ASSERT_EQ(r.status, Status::kFail);
  EXPECT_TRUE(has(r.explanation, "the data is gone: HTTP 404")) << r.explanation;

  // Step 1.11 on the cache API: the deleted pod is gone, a differently named one replaced it.
  const std::string deleted = str_at(obs.scenario_params, {"deleted_by_selector", "delete-app-pod", "pod"});
  ASSERT_FALSE(deleted.empty());
  const Snapshot* fin = obs.snapshot("final");
  ASSERT_NE(fin, nullptr);
  int api_pods = 0;
  for (const Json& p : fin->pods) {
    std::string name = str_at(p, {"metadata", "name"});
    if (name.rfind("cache-api-", 0) != 0) continue;
    ++api_pods;
    if (name == deleted) EXPECT_FALSE(str_at(p, {"metadata", "deletionTimestamp"}).empty());
  }
  EXPECT_GE(api_pods, 2);
  CheckResult s = judge("stateless-deployment", obs);
  ASSERT_EQ(s.status, Status::kPass) << s.explanation;
  EXPECT_TRUE(has(s.summary, deleted + " replaced")) << s.summary;
}

TEST(Lab06Recorded, HardCodedIpNamedWithItsConfigMap) {
  CheckResult r = judge("backend-connection", recorded("lab06-s3-hardcoded-ip"));
  ASSERT_EQ(r.status, Status::kFail);
  EXPECT_TRUE(has(r.explanation, "REDIS_HOST=10.244.1.17")) << r.explanation;
  EXPECT_TRUE(has(r.hint, "REDIS_HOST: queue-0.queue-headless")) << r.hint;
  bool from_cm = false;
  for (const Evidence& e : r.evidence) from_cm = from_cm || has(e.text, "ConfigMap worker-config");
  EXPECT_TRUE(from_cm);
}

TEST(Lab06Recorded, Level2WithoutStorageLosesTheWallets) {
  const Observations& obs = recorded("level2-no-storage");
  CheckResult r = judge("data-persistence", obs);
  ASSERT_EQ(r.status, Status::kFail);
  EXPECT_TRUE(has(r.explanation, "relation \"wallets\" does not exist")) << r.explanation;
  CheckResult s = judge("database-storage", obs);
  ASSERT_EQ(s.status, Status::kFail);
  EXPECT_TRUE(has(s.explanation, "no PVC: postgres-0")) << s.explanation;
}

TEST(Lab06Recorded, Project05RollingUpdateFollowsTheTimeline) {
  const Observations& obs = recorded("project05-reference");
  CheckResult r = judge("rolling-update", obs);
  ASSERT_EQ(r.status, Status::kPass) << r.explanation;
  // The order the check reports is the order the API server reported the
  // pods terminating within the rollout step.
  const Mark* from = obs.mark("rollout");
  const Mark* to = obs.mark("rollout/end");
  ASSERT_TRUE(from && to);
  std::vector<std::string> order;
  for (const WatchEvent& e : obs.timeline.events()) {
    if (e.kind != "Pod" || e.seq < from->seq || e.seq >= to->seq) continue;
    std::string name = str_at(e.object, {"metadata", "name"});
    if (!str_at(e.object, {"metadata", "deletionTimestamp"}).empty() &&
        std::find(order.begin(), order.end(), name) == order.end())
      order.push_back(name);
  }
  EXPECT_EQ(order, (std::vector<std::string>{"postgres-2", "postgres-1", "postgres-0"}));
  // Negative control: pods that do not run the update revision fail the check.
  Observations held = obs;
  held.scenario_params["rollouts"]["rollout"]["update_revision"] = "never-reached";
  EXPECT_EQ(judge("rolling-update", held).status, Status::kFail);
}

}  // namespace
}  // namespace sts
