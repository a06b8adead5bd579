// The ten Lab 04 checks together, on whole simulated runs: each kind of
// submission fails exactly the checks its mistake concerns.
#include <gtest/gtest.h>

#include "checks/observations_builder_for_tests.h"

namespace sts {
namespace {
using testing::judge;
using testing::lab04_run;
using testing::RunOptions;
using testing::text_of;

const std::vector<std::string> kLab04 = {
    "pod-naming",           "sequential-creation", "persistent-storage", "storage-content",
    "dns-resolution",       "identity-persistence", "ordered-scale-up",  "ordered-scale-down",
    "pvc-retention",        "pvc-reuse"};

std::vector<std::string> failing(const Observations& obs) {
  std::vector<std::string> out;
  for (const std::string& id : kLab04) {
    CheckResult r = judge(id, obs);
    EXPECT_TRUE(r.status == Status::kPass || r.status == Status::kFail)
        << id << ": " << to_string(r.status) << " " << r.explanation;
    EXPECT_FALSE(r.assertions.empty()) << id;
    if (r.status == Status::kFail) {
      EXPECT_FALSE(r.explanation.empty()) << id;
      EXPECT_FALSE(r.hint.empty()) << id;
      out.push_back(id);
    }
  }
  return out;
}

TEST(Lab04Checks, AGoodSubmissionPassesAll) {
  EXPECT_EQ(failing(lab04_run()), std::vector<std::string>{});
}

// .spec.ordinals.start: 2 names the pods web-2 … web-4 and their claims
// www-web-2 …: every check judges start + ordinal, none assumes 0.
TEST(Lab04Checks, AnOrdinalOffsetPassesAll) {
  RunOptions o;
  o.ordinals_start = 2;
  Observations obs = lab04_run(o);
  EXPECT_EQ(failing(obs), std::vector<std::string>{});
  EXPECT_NE(judge("identity-persistence", obs).summary.find("web-3 came back"), std::string::npos)
      << judge("identity-persistence", obs).summary;
  EXPECT_NE(judge("pod-naming", obs).summary.find("web-2, web-3, web-4"), std::string::npos)
      << judge("pod-naming", obs).summary;
}

// A recording that names only the deleted ordinal (no deleted_pod) still
// finds the pod the step deleted.
TEST(Lab04Checks, AnOrdinalOffsetWithoutTheDeletedPodName) {
  RunOptions o;
  o.ordinals_start = 5;
  Observations obs = lab04_run(o);
  obs.scenario_params.erase("deleted_pod");
  EXPECT_EQ(judge("identity-persistence", obs).status, Status::kPass)
      << judge("identity-persistence", obs).explanation;
}

// The app mounts its claim readOnly (an initContainer wrote the proof), or
// runs as non-root without fsGroup: the grader's marker cannot be written.
// That costs nothing: the marker assertions are dropped, with the reason.
TEST(Lab04Checks, AnUnwritableMarkerCostsNothing) {
  for (const char* error : {"Read-only file system", "Permission denied"}) {
    RunOptions o;
    o.marker_write_error = error;
    Observations obs = lab04_run(o);
    EXPECT_EQ(failing(obs), std::vector<std::string>{}) << error;
    for (const char* id : {"identity-persistence", "pvc-reuse"}) {
      CheckResult r = judge(id, obs);
      for (const Assertion& a : r.assertions)
        EXPECT_TRUE(a.id != "marker-survived" && a.id != "markers-kept") << id << " " << a.id;
      EXPECT_NE(r.summary.find("could not be written"), std::string::npos) << r.summary;
      EXPECT_NE(r.explanation.find("marker assertion is dropped"), std::string::npos) << r.explanation;
    }
    EXPECT_NE(judge("identity-persistence", obs).explanation.find(
                  std::string(error) == "Read-only file system" ? "mounts www-web-1 readOnly" : "non-root"),
              std::string::npos)
        << judge("identity-persistence", obs).explanation;
  }
}

// Without the marker, the content still decides: a volume that lost its
// proof fails, marker or not.
TEST(Lab04Checks, WithoutAMarkerLostContentStillFails) {
  RunOptions o;
  o.marker_write_error = "Read-only file system";
  Observations obs = lab04_run(o);
  for (VolumeRead& r : obs.volume_reads)
    if (r.phase == "after-delete" && r.pod == "web-1") r.files.begin()->second = "Pod: web-1\nDate: later\n";
  CheckResult r = judge("identity-persistence", obs);
  EXPECT_EQ(r.status, Status::kFail);
  EXPECT_EQ(testing::failed_ids(r), std::vector<std::string>{"content-unchanged"});
}

// A second volumeClaimTemplate mounted only by an initContainer: its claims
// cannot be read through the app, so they are not demanded (identity and
// reuse are judged by their PVCs' identity); the issue measured 8/10.
TEST(Lab04Checks, AClaimOnlyAnInitContainerMountsIsNotDemanded) {
  RunOptions o;
  o.init_only_claim = true;
  Observations obs = lab04_run(o);
  EXPECT_EQ(failing(obs), std::vector<std::string>{});
  for (const char* id : {"identity-persistence", "pvc-reuse"}) {
    CheckResult r = judge(id, obs);
    bool said = false;
    for (const Evidence& e : r.evidence) said |= e.label == "claims not read" && e.text.find("seed-web-") == 0;
    EXPECT_TRUE(said) << id << ": " << text_of(r);
  }
  // A lost seed claim still fails: its PVC identity is judged.
  for (Json& pvc : obs.snapshots["after-delete"].pvcs)
    if (str_at(pvc, {"metadata", "name"}) == "seed-web-1") pvc["metadata"]["uid"] = "new-uid";
  EXPECT_EQ(testing::failed_ids(judge("identity-persistence", obs)), std::vector<std::string>{"same-pvc"});
}

// Parallel with terminationGracePeriodSeconds: 0 can look ordered by luck of
// event timing: the declared policy decides, the spec line is the evidence.
TEST(Lab04Checks, DeclaredParallelFailsOnTheSpecEvenWhenTheTimingLooksOrdered) {
  Observations obs = lab04_run();  // events one at a time
  obs.statefulset_manifest["spec"]["podManagementPolicy"] = "Parallel";
  for (const char* id : {"sequential-creation", "ordered-scale-up", "ordered-scale-down"}) {
    CheckResult r = judge(id, obs);
    EXPECT_EQ(r.status, Status::kFail) << id;
    EXPECT_EQ(testing::failed_ids(r), std::vector<std::string>{"ordered-policy"}) << id;
    EXPECT_EQ(r.evidence.front().text, "StatefulSet web: spec.podManagementPolicy: Parallel") << id;
    EXPECT_NE(r.explanation.find("happened to show"), std::string::npos) << id << r.explanation;
    EXPECT_FALSE(r.hint.empty());
  }
}

// A watch re-list delivers missed pods as ADDED in name order: an ordering
// window holding one is not judged from it (error, not pass or fail).
TEST(Lab04Checks, ARelistInsideAnOrderingWindowIsNotJudged) {
  Observations obs = lab04_run();
  long from = obs.mark("scale-up")->seq, to = obs.mark("snapshot-after-scale-up")->seq;
  std::vector<WatchEvent> events = obs.timeline.events();
  Timeline marked;
  for (WatchEvent e : events) {
    if (e.kind == "Pod" && e.seq >= from && e.seq < to && e.type == "ADDED") e.relist = true;
    marked.add(std::move(e));
  }
  obs.timeline = marked;
  CheckResult r = judge("ordered-scale-up", obs);
  EXPECT_EQ(r.status, Status::kError) << r.summary;
  EXPECT_NE(r.explanation.find("re-listed"), std::string::npos) << r.explanation;
  EXPECT_NE(r.explanation.find("ADDED web-3"), std::string::npos) << r.explanation;
  // The other windows hold no re-list: judged as before.
  EXPECT_EQ(judge("sequential-creation", obs).status, Status::kPass);
  EXPECT_EQ(judge("ordered-scale-down", obs).status, Status::kPass);
}

TEST(Lab04Checks, ParallelFailsExactlyTheOrderingChecks) {
  RunOptions o;
  o.parallel = true;
  EXPECT_EQ(failing(lab04_run(o)),
            (std::vector<std::string>{"sequential-creation", "ordered-scale-up",
                                      "ordered-scale-down"}));
}

TEST(Lab04Checks, RewriteAtStartFailsTheContentPersistenceChecks) {
  RunOptions o;
  o.rewrite_at_start = true;
  EXPECT_EQ(failing(lab04_run(o)),
            (std::vector<std::string>{"identity-persistence", "pvc-reuse"}));
}

TEST(Lab04Checks, RetentionDeleteFailsRetentionAndReuse) {
  RunOptions o;
  o.retention_delete = true;
  EXPECT_EQ(failing(lab04_run(o)), (std::vector<std::string>{"pvc-retention", "pvc-reuse"}));
}

TEST(Lab04Checks, ANonHeadlessServiceFailsOnlyDns) {
  RunOptions o;
  o.headless = false;
  EXPECT_EQ(failing(lab04_run(o)), std::vector<std::string>{"dns-resolution"});
}

TEST(Lab04Checks, EveryCheckSkipsWhenNothingWasApplied) {
  Observations obs;
  obs.statefulset = "web";
  obs.failures.push_back({"apply", "manifests applied", "namespace terminating", false});
  for (const std::string& id : kLab04) {
    CheckResult r = judge(id, obs);
    EXPECT_EQ(r.status, Status::kSkipped) << id << ": " << r.summary;
    EXPECT_FALSE(r.explanation.empty()) << id;
  }
}

TEST(Lab04Checks, EveryCheckErrsWhenTheClusterFailedFirst) {
  Observations obs;
  obs.statefulset = "web";
  obs.marks.push_back({"apply", "apply", 0, 0});
  obs.failures.push_back({"initial-ready", "3 pods Ready", "node NotReady", true});
  for (const std::string& id : kLab04)
    EXPECT_EQ(judge(id, obs).status, Status::kError) << id;
}

}  // namespace
}  // namespace sts
