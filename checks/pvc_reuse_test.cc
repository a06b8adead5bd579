#include <gtest/gtest.h>

#include "checks/observations_builder_for_tests.h"

namespace sts {
namespace {
using namespace sts::testing;

TEST(PvcReuse, PassesWhenReturningPodsFindTheirStorage) {
  CheckResult r = judge("pvc-reuse", lab04_run());
  EXPECT_EQ(r.status, Status::kPass) << text_of(r);
  EXPECT_NE(r.summary.find("web-2, web-3, web-4"), std::string::npos);
  EXPECT_EQ(assertion(r, "content-kept")->detail, "unchanged");
}

TEST(PvcReuse, WithoutAnEarlierReadTheMarkerIsTheProof) {
  Observations obs = lab04_run();
  std::erase_if(obs.volume_reads, [](const VolumeRead& r) { return r.phase == "scaled"; });
  CheckResult r = judge("pvc-reuse", obs);
  EXPECT_EQ(r.status, Status::kPass);
  EXPECT_NE(assertion(r, "content-kept")->detail.find("no earlier read of www-web-3"),
            std::string::npos);
}

TEST(PvcReuse, RetentionDeleteGivesNewEmptyPvcs) {
  RunOptions o;
  o.retention_delete = true;
  CheckResult r = judge("pvc-reuse", lab04_run(o));
  EXPECT_FALSE(passed(r, "same-pvcs"));
  EXPECT_FALSE(passed(r, "markers-kept"));
  EXPECT_NE(r.explanation.find("whenScaled: Delete"), std::string::npos);
}

TEST(PvcReuse, RewriteAtStartKeepsPvcsButNotTheContent) {
  RunOptions o;
  o.rewrite_at_start = true;
  CheckResult r = judge("pvc-reuse", lab04_run(o));
  EXPECT_EQ(failed_ids(r), std::vector<std::string>{"content-kept"});
  EXPECT_NE(r.explanation.find("www-web-2: /usr/share/nginx/html/index.html line 2"),
            std::string::npos) << r.explanation;
  EXPECT_NE(r.explanation.find("marker"), std::string::npos);
  EXPECT_NE(r.hint.find("only if it is absent"), std::string::npos);
}

TEST(PvcReuse, ParallelPolicyStillPasses) {
  RunOptions o;
  o.parallel = true;
  EXPECT_EQ(judge("pvc-reuse", lab04_run(o)).status, Status::kPass);
}

TEST(PvcReuse, SkippedWithoutTheReadsAfterReuse) {
  Observations obs = lab04_run();
  stop_before(obs, "read-after-reuse", false, "scale-back-up");
  obs.failures.clear();
  EXPECT_EQ(judge("pvc-reuse", obs).status, Status::kSkipped);
}

TEST(PvcReuse, ErroredWhenAReadLostItsData) {
  Observations obs = lab04_run();
  for (VolumeRead& r : obs.volume_reads)
    if (r.phase == "after-reuse") r.exec.error = "stream closed";
  EXPECT_EQ(judge("pvc-reuse", obs).status, Status::kError);
}

}  // namespace
}  // namespace sts
