#include <gtest/gtest.h>

#include "checks/observations_builder_for_tests.h"

namespace sts {
namespace {
using namespace sts::testing;

TEST(IdentityPersistence, PassesWhenTheReplacementReattachesItsVolume) {
  CheckResult r = judge("identity-persistence", lab04_run());
  EXPECT_EQ(r.status, Status::kPass) << text_of(r);
  EXPECT_NE(text_of(r).find("www-web-1 uid=pvc-uid-3 pv=pvc-3-vol Bound (after-delete)"),
            std::string::npos);
}

TEST(IdentityPersistence, TheLab04RewriteAtStartIsExplainedPrecisely) {
  RunOptions o;
  o.rewrite_at_start = true;
  CheckResult r = judge("identity-persistence", lab04_run(o));
  EXPECT_EQ(r.status, Status::kFail);
  EXPECT_EQ(failed_ids(r), std::vector<std::string>{"content-unchanged"});
  // Which file and line, that the marker proves reattachment, and the fix.
  EXPECT_NE(r.explanation.find("/usr/share/nginx/html/index.html line 2: 'Date: "),
            std::string::npos) << r.explanation;
  EXPECT_EQ(r.explanation.find("line 1"), std::string::npos);
  EXPECT_NE(r.explanation.find("The volume was reattached: the marker"), std::string::npos);
  EXPECT_NE(r.explanation.find("rewrote its file at start"), std::string::npos);
  EXPECT_NE(r.hint.find("only if it is absent"), std::string::npos);
  EXPECT_NE(r.hint.find("append"), std::string::npos);
}

TEST(IdentityPersistence, ANewVolumeLosesTheMarker) {
  Observations obs = lab04_run();
  obs.snapshots["after-delete"].pvcs[1]["metadata"]["uid"] = "pvc-uid-new";
  for (VolumeRead& r : obs.volume_reads)
    if (r.phase == "after-delete" && r.pod == "web-1") {
      r.marker.clear();
      r.files.begin()->second = "Pod: web-1\nDate: later\n";
    }
  CheckResult r = judge("identity-persistence", obs);
  EXPECT_EQ(failed_ids(r),
            (std::vector<std::string>{"same-pvc", "content-unchanged", "marker-survived"}));
  EXPECT_NE(r.explanation.find("is gone"), std::string::npos);
}

TEST(IdentityPersistence, AnIdenticallyRewrittenProofDoesNotHideALostMarker) {
  Observations obs = lab04_run();
  for (VolumeRead& r : obs.volume_reads)
    if (r.phase == "after-delete" && r.pod == "web-1") r.marker.clear();
  CheckResult r = judge("identity-persistence", obs);
  EXPECT_EQ(failed_ids(r), std::vector<std::string>{"marker-survived"});
  EXPECT_NE(r.explanation.find("cannot show that"), std::string::npos);
}

TEST(IdentityPersistence, ParallelPolicyStillPasses) {
  RunOptions o;
  o.parallel = true;
  EXPECT_EQ(judge("identity-persistence", lab04_run(o)).status, Status::kPass);
}

TEST(IdentityPersistence, SkippedWhenTheDeletionStepFailed) {
  Observations obs = lab04_run();
  obs.failures.push_back({"delete-pod", "web-1 Ready again", "web-1 Pending", false});
  EXPECT_EQ(judge("identity-persistence", obs).status, Status::kSkipped);
}

TEST(IdentityPersistence, SkippedWithoutTheReadsAfterDeletion) {
  Observations obs = lab04_run();
  stop_before(obs, "read-after-delete", false, "delete-pod-verify");
  obs.failures.clear();
  CheckResult r = judge("identity-persistence", obs);
  EXPECT_EQ(r.status, Status::kSkipped);
  EXPECT_NE(r.explanation.find("read-after-delete"), std::string::npos);
}

TEST(IdentityPersistence, ErroredWhenTheReadLostItsData) {
  Observations obs = lab04_run();
  for (VolumeRead& r : obs.volume_reads)
    if (r.phase == "after-delete" && r.pod == "web-1") r.exec.error = "connection reset";
  EXPECT_EQ(judge("identity-persistence", obs).status, Status::kError);
}

TEST(IdentityPersistence, ErroredWhenTheClusterFailedTheDeletion) {
  Observations obs = lab04_run();
  obs.failures.push_back({"delete-pod", "web-1 Ready again", "node lost", true});
  EXPECT_EQ(judge("identity-persistence", obs).status, Status::kError);
}

TEST(IdentityPersistence, AnAppendingAppKeepsTheOriginalContent) {
  Observations obs = lab04_run();
  for (VolumeRead& r : obs.volume_reads)
    if (r.phase == "after-delete" && r.pod == "web-1")
      r.files.begin()->second += "Restarted: later\n";
  EXPECT_EQ(judge("identity-persistence", obs).status, Status::kPass);
}

}  // namespace
}  // namespace sts
