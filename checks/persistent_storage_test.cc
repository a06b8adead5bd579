#include <gtest/gtest.h>

#include "checks/observations_builder_for_tests.h"

namespace sts {
namespace {
using namespace sts::testing;

TEST(PersistentStorage, PassesWithOneBoundPvcPerPod) {
  CheckResult r = judge("persistent-storage", lab04_run());
  EXPECT_EQ(r.status, Status::kPass) << text_of(r);
  EXPECT_NE(r.evidence[0].text.find("web-1 -> www-web-1 Bound pv="), std::string::npos);
}

TEST(PersistentStorage, FailsWithoutClaimTemplates) {
  RunOptions o;
  o.claim_templates = false;
  CheckResult r = judge("persistent-storage", lab04_run(o));
  EXPECT_EQ(r.status, Status::kFail);
  EXPECT_FALSE(passed(r, "has-claim-templates"));
  EXPECT_NE(r.hint.find("COMMON MISTAKES 7"), std::string::npos);
}

TEST(PersistentStorage, FailsWhenPodsShareOneClaimFromVolumes) {
  RunOptions o;
  o.claim_templates = false;
  Observations obs = lab04_run(o);
  for (Json& p : obs.snapshots["initial"].pods)
    p["spec"]["volumes"] = Json::parse(
        R"([{"name":"www","persistentVolumeClaim":{"claimName":"shared"}}])");
  CheckResult r = judge("persistent-storage", obs);
  EXPECT_NE(r.explanation.find("same claim(s) shared"), std::string::npos) << r.explanation;
}

TEST(PersistentStorage, FailsOnAPendingPvc) {
  Observations obs = lab04_run();
  obs.snapshots["initial"].pvcs[2]["status"]["phase"] = "Pending";
  CheckResult r = judge("persistent-storage", obs);
  EXPECT_EQ(failed_ids(r), std::vector<std::string>{"pvc-bound"});
  EXPECT_NE(r.explanation.find("www-web-2 is Pending"), std::string::npos);
}

TEST(PersistentStorage, FailsWhenTwoPvcsShareAVolume) {
  Observations obs = lab04_run();
  auto& pvcs = obs.snapshots["initial"].pvcs;
  pvcs[1]["spec"]["volumeName"] = pvcs[0]["spec"]["volumeName"];
  CheckResult r = judge("persistent-storage", obs);
  EXPECT_EQ(failed_ids(r), std::vector<std::string>{"distinct-pvs"});
}

TEST(PersistentStorage, SkippedWhenTheRolloutNeverFinished) {
  Observations obs = lab04_run();
  obs.snapshots.erase("initial");
  stop_before(obs, "initial-ready", false, "apply");
  EXPECT_EQ(judge("persistent-storage", obs).status, Status::kSkipped);
}

}  // namespace
}  // namespace sts
