#include <gtest/gtest.h>

#include "checks/observations_builder_for_tests.h"

namespace sts {
namespace {
using namespace sts::testing;

TEST(PvcRetention, PassesWhenTheRemovedPodsKeepTheirPvcs) {
  CheckResult r = judge("pvc-retention", lab04_run());
  EXPECT_EQ(r.status, Status::kPass) << text_of(r);
  EXPECT_NE(r.evidence[0].text.find("www-web-4: before uid=pvc-uid-"), std::string::npos);
}

TEST(PvcRetention, WhenScaledDeleteFailsWithThatReason) {
  RunOptions o;
  o.retention_delete = true;
  CheckResult r = judge("pvc-retention", lab04_run(o));
  EXPECT_EQ(r.status, Status::kFail);
  EXPECT_EQ(failed_ids(r), (std::vector<std::string>{"pvcs-kept", "pvcs-bound"}));
  EXPECT_NE(r.explanation.find("whenScaled: Delete"), std::string::npos);
  EXPECT_NE(r.explanation.find("www-web-3 was deleted at"), std::string::npos);
  EXPECT_NE(r.hint.find("COMMON MISTAKES 4"), std::string::npos);
}

TEST(PvcRetention, ARecreatedPvcIsNotTheKeptOne) {
  Observations obs = lab04_run();
  for (Json& pvc : obs.snapshots["after-scale-down"].pvcs)
    if (pvc["metadata"]["name"] == "www-web-3") pvc["metadata"]["uid"] = "other";
  EXPECT_FALSE(passed(judge("pvc-retention", obs), "pvcs-kept"));
}

TEST(PvcRetention, FailsOnAReleasedPvc) {
  Observations obs = lab04_run();
  for (Json& pvc : obs.snapshots["after-scale-down"].pvcs)
    if (pvc["metadata"]["name"] == "www-web-4") pvc["status"]["phase"] = "Lost";
  CheckResult r = judge("pvc-retention", obs);
  EXPECT_EQ(failed_ids(r), std::vector<std::string>{"pvcs-bound"});
}

TEST(PvcRetention, SkippedWhenTheScaleDownNeverRan) {
  Observations obs = lab04_run();
  obs.snapshots.erase("after-scale-down");
  stop_before(obs, "scale-down", false, "scale-up");
  EXPECT_EQ(judge("pvc-retention", obs).status, Status::kSkipped);
}

TEST(PvcRetention, ErroredWhenTheClusterFailedTheScaleDown) {
  Observations obs = lab04_run();
  obs.failures.push_back({"scale-down", "PVC deletions finished", "API timeout", true});
  EXPECT_EQ(judge("pvc-retention", obs).status, Status::kError);
}

}  // namespace
}  // namespace sts
