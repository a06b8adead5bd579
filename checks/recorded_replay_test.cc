// The checks of each example's rubric (expected.yaml's `rubric:`, default
// lab04-section3) on observations recorded from REAL runs on the
// testbed cluster (`sts-grader grade examples/submissions/<x> --record
// tests/recorded/<x>.observations.json`), judged against the outcomes
// examples/expected.yaml promises for those submissions.
//
// Unlike the FakeRun-based tests, nothing here was written by hand: pod
// timings, controller behaviour, DNS answers and volume contents are what a
// real Kubernetes 1.33 did. To refresh a recording, re-run the grade command
// above on the testbed (it strips managedFields; never edit a recording).
//
// STS_REPLAY_EXPECTED (environment) may name another expected.yaml, e.g. a
// copy with one status flipped, to see these tests fail.
#include <yaml-cpp/yaml.h>
#include "source_paths.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include <gtest/gtest.h>

#include "checks/check.h"
#include "grader/grading/exit_status.h"
#include "grader/grading/judge.h"
#include "grader/model/observations_io.h"
#include "grader/grading/rubric.h"

namespace sts {
namespace {

namespace fs = std::filesystem;

const char* kExamples[] = {"minimal-busybox",    "parallel-policy",  "lab04-reference",
                           "retention-delete",   "wrong-service-name", "not-headless",
                           "identical-content",  "emptydir-volume",  "crash-loop",
                           // one run per rubric of Lab 06, Level 2, Project 5
                           "lab06-s1-emptydir",  "lab06-s2-reference", "lab06-s3-hardcoded-ip",
                           "level2-no-storage",  "project05-reference",
                           // Lab 15's Helm charts
                           "lab15-reference",    "lab15-shared-storage"};

std::string recording_path(const std::string& example) {
  return std::string(STS_TESTDATA) + "/" + example + ".observations.json";
}

std::string expected_path() {
  if (const char* e = getenv("STS_REPLAY_EXPECTED"); e && *e) return e;
  return STS_SOURCE_DIR "/examples/expected.yaml";
}

struct Expected {
  std::string rubric = "lab04-section3";       // rubrics/<rubric>.yaml
  std::optional<int> exit;
  std::optional<double> earned;
  std::map<std::string, std::string> checks;   // check id -> pass/fail/error/skipped
};

Expected expected_for(const std::string& example) {
  YAML::Node root = YAML::LoadFile(expected_path());
  YAML::Node e = root[example];
  if (!e) throw std::runtime_error(expected_path() + ": no entry for " + example);
  Expected out;
  if (e["rubric"]) out.rubric = e["rubric"].as<std::string>();
  if (e["exit"]) out.exit = e["exit"].as<int>();
  if (e["earned"]) out.earned = e["earned"].as<double>();
  for (const auto& kv : e["checks"]) out.checks[kv.first.as<std::string>()] = kv.second.as<std::string>();
  return out;
}

const Rubric& rubric_named(const std::string& id) {
  static std::map<std::string, Rubric> cache;
  auto it = cache.find(id);
  if (it == cache.end())
    it = cache.emplace(id, load_rubric(std::string(STS_SOURCE_DIR "/rubrics/") + id + ".yaml")).first;
  return it->second;
}

const Rubric& lab04_rubric() { return rubric_named("lab04-section3"); }

// A recording, judged and scored once per process.
struct Replay {
  Observations obs;
  Score score;
  const ScoredItem* item(const std::string& check) const {
    for (const ScoredItem& s : score.items)
      if (s.item.check == check) return &s;
    return nullptr;
  }
  const CheckResult& result(const std::string& check) const {
    const ScoredItem* s = item(check);
    if (!s) throw std::runtime_error("no rubric item " + check);
    return s->result;
  }
};

Score judge_and_score(const Observations& obs, const Rubric& rubric = lab04_rubric()) {
  return score(rubric, judge_all(rubric, obs));
}

const Replay& replay(const std::string& example) {
  static std::map<std::string, Replay> cache;
  auto it = cache.find(example);
  if (it != cache.end()) return it->second;
  Replay r;
  r.obs = read_observations_file(recording_path(example));
  r.score = judge_and_score(r.obs, rubric_named(expected_for(example).rubric));
  return cache.emplace(example, std::move(r)).first->second;
}

// sts-grader's exit status for a score, by the function grade.cc uses: an
// infrastructure failure during the run makes it not gradable first.
int exit_status(const Observations& obs, const Score& sc) {
  for (const StepFailure& f : obs.failures)
    if (f.infrastructure) return 2;
  return grade_exit_status(sc, PassBar{});
}

// Every difference between a score and the expectation, one line each.
std::vector<std::string> mismatches(const Expected& want, const Observations& obs,
                                    const Score& got) {
  std::vector<std::string> out;
  std::set<std::string> judged;
  for (const ScoredItem& s : got.items) {
    if (s.item.check.empty()) continue;
    judged.insert(s.item.check);
    auto w = want.checks.find(s.item.check);
    // An item the rubric handed to the instructor reads "manual", as in report.json.
    std::string status = s.item.manual ? "manual" : to_string(s.result.status);
    if (w == want.checks.end())
      out.push_back(s.item.check + ": " + status + ", but expected.yaml lists no status");
    else if (w->second != status)
      out.push_back(s.item.check + ": expected " + w->second + ", got " + status + " — " +
                    s.result.summary + (s.result.explanation.empty() ? "" : " / " +
                                                                         s.result.explanation));
  }
  for (const auto& [check, status] : want.checks)
    if (!judged.count(check)) out.push_back(check + ": expected " + status + ", not in the rubric");
  if (want.earned && std::fabs(*want.earned - got.earned) > 1e-9)
    out.push_back("earned: expected " + std::to_string(*want.earned) + ", got " +
                  std::to_string(got.earned));
  if (want.exit && *want.exit != exit_status(obs, got))
    out.push_back("exit: expected " + std::to_string(*want.exit) + ", got " +
                  std::to_string(exit_status(obs, got)));
  return out;
}

std::string joined(const std::vector<std::string>& v) {
  std::string s;
  for (const std::string& x : v) s += "\n  " + x;
  return s;
}

// ---- every recording against expected.yaml ----------------------------------

class RecordedReplay : public ::testing::TestWithParam<const char*> {};

TEST_P(RecordedReplay, MatchesExpectedOutcome) {
  const std::string example = GetParam();
  const Replay& r = replay(example);
  // A real run of this submission on the testbed.
  EXPECT_EQ(r.obs.namespace_.rfind("sts-grader-", 0), 0u) << r.obs.namespace_;
  EXPECT_EQ(r.obs.cluster_version.rfind("v1.", 0), 0u) << r.obs.cluster_version;
  EXPECT_FALSE(r.obs.timeline.events().empty());
  EXPECT_FALSE(r.obs.statefulset.empty());

  Expected want = expected_for(example);
  size_t items = 0;
  for (const RubricItem& i : rubric_named(want.rubric).items) items += !i.check.empty();
  ASSERT_EQ(want.checks.size(), items) << "expected.yaml lists every check of " << example;
  std::vector<std::string> diff = mismatches(want, r.obs, r.score);
  EXPECT_TRUE(diff.empty()) << example << " (" << recording_path(example) << "):" << joined(diff);
  EXPECT_EQ(r.score.errors, 0) << "no check may error on real data";
}

INSTANTIATE_TEST_SUITE_P(Lab04, RecordedReplay, ::testing::ValuesIn(kExamples),
                         [](const ::testing::TestParamInfo<const char*>& i) {
                           std::string n = i.param;
                           std::replace(n.begin(), n.end(), '-', '_');
                           return n;
                         });

TEST(RecordedReplayFiles, EveryRecordingIsReplayed) {
  std::set<std::string> listed(std::begin(kExamples), std::end(kExamples));
  const std::string suffix = ".observations.json";
  for (const auto& e : fs::directory_iterator(STS_TESTDATA)) {
    std::string name = e.path().filename().string();
    if (name.size() > suffix.size() && name.ends_with(suffix))
      EXPECT_TRUE(listed.count(name.substr(0, name.size() - suffix.size())))
          << name << " is recorded but not replayed: add it to kExamples";
  }
}

// The comparison itself can fail: one flipped status is one mismatch, named.
TEST(RecordedReplayFiles, FlippedExpectationIsReported) {
  const Replay& r = replay("minimal-busybox");
  Expected want = expected_for("minimal-busybox");
  ASSERT_TRUE(mismatches(want, r.obs, r.score).empty());
  want.checks["ordered-scale-down"] = "fail";
  std::vector<std::string> diff = mismatches(want, r.obs, r.score);
  ASSERT_EQ(diff.size(), 1u) << joined(diff);
  EXPECT_EQ(diff[0].rfind("ordered-scale-down: expected fail, got pass", 0), 0u) << diff[0];
  want = expected_for("minimal-busybox");
  want.earned = 9;
  want.exit = 1;
  EXPECT_EQ(mismatches(want, r.obs, r.score).size(), 2u);
}

// ---- what the evidence says, on real data -----------------------------------

// First-ADDED order of the StatefulSet's pods in the timeline, before `until_seq`.
std::vector<std::string> pods_in_creation_order(const Observations& obs, long until_seq) {
  std::vector<std::string> order;
  std::set<std::string> seen;
  for (const WatchEvent& e : obs.timeline.events()) {
    if (e.kind != "Pod" || e.seq >= until_seq) continue;
    std::string name = str_at(e.object, {"metadata", "name"});
    if (ordinal_of(name, obs.statefulset) < 0) continue;
    if (seen.insert(name).second) order.push_back(name);
  }
  return order;
}

TEST(RecordedEvidence, ParallelSequentialCreationNamesPolicyAndObservedOrder) {
  const Replay& r = replay("parallel-policy");
  ASSERT_EQ(str_at(r.obs.statefulset_manifest, {"spec", "podManagementPolicy"}), "Parallel");
  const CheckResult& c = r.result("sequential-creation");
  ASSERT_EQ(c.status, Status::kFail);
  EXPECT_NE(c.explanation.find("podManagementPolicy: Parallel"), std::string::npos)
      << c.explanation;
  EXPECT_NE(c.explanation.find("Observed:"), std::string::npos) << c.explanation;
  EXPECT_NE(c.explanation.find("was not Ready until"), std::string::npos) << c.explanation;

  // The evidence's sequence is the order the API server reported the pods in.
  const Mark* scale_up = r.obs.mark("scale-up");
  ASSERT_NE(scale_up, nullptr);
  std::vector<std::string> order = pods_in_creation_order(r.obs, scale_up->seq);
  ASSERT_EQ(order.size(), 3u);
  const Evidence* seq = nullptr;
  for (const Evidence& e : c.evidence)
    if (e.label == "observed creation sequence") seq = &e;
  ASSERT_NE(seq, nullptr);
  size_t at = 0;
  for (const std::string& pod : order) {
    size_t p = seq->text.find(pod + " created", at);
    ASSERT_NE(p, std::string::npos) << pod << " not in order in: " << seq->text;
    at = p;
  }
  EXPECT_NE(c.summary.find(order.front() + " created"), std::string::npos) << c.summary;
  // With Parallel, the controller did not wait: a later pod was created before web-0 was Ready.
  bool overlap = false;
  for (const PodLife& l : r.obs.timeline.pod_lives_of(r.obs.statefulset))
    if (l.ordinal == 0 && l.ready)
      for (const PodLife& k : r.obs.timeline.pod_lives_of(r.obs.statefulset))
        if (k.ordinal > 0 && k.created && k.created->seq < l.ready->seq) overlap = true;
  EXPECT_TRUE(overlap);
  // The scale-up and scale-down are blamed on the same policy.
  for (const char* id : {"ordered-scale-up", "ordered-scale-down"})
    EXPECT_NE(r.result(id).explanation.find("Parallel"), std::string::npos) << id;
}

TEST(RecordedEvidence, ReferenceIdentityPersistenceNamesIndexHtmlAndMarker) {
  const Replay& r = replay("lab04-reference");
  const CheckResult& c = r.result("identity-persistence");
  ASSERT_EQ(c.status, Status::kFail);
  EXPECT_NE(c.summary.find("rewrote its proof at start"), std::string::npos) << c.summary;
  EXPECT_NE(c.explanation.find("index.html"), std::string::npos) << c.explanation;
  EXPECT_NE(c.explanation.find("marker"), std::string::npos) << c.explanation;
  EXPECT_NE(c.explanation.find(".sts-grader-marker"), std::string::npos) << c.explanation;
  std::map<std::string, bool> passed;
  for (const Assertion& a : c.assertions) passed[a.id] = a.passed;
  EXPECT_EQ(passed, (std::map<std::string, bool>{{"same-name", true},
                                                 {"new-uid", true},
                                                 {"same-pvc", true},
                                                 {"content-unchanged", false},
                                                 {"marker-survived", true}}));
  // Partial credit: 4 of 5 assertions, with the rubric's weights.
  const ScoredItem* item = r.item("identity-persistence");
  EXPECT_GT(item->earned, 0.5);
  EXPECT_LT(item->earned, 1.0);

  // The data behind it: the marker token written before the deletion was read
  // back unchanged after it, while index.html changed.
  const std::string deleted = str_at(r.obs.scenario_params, {"deleted_pod"});
  ASSERT_EQ(deleted, "nginx-stateful-1");
  EXPECT_NE(c.summary.find(deleted), std::string::npos) << c.summary;
  const VolumeRead *before = nullptr, *after = nullptr;
  for (const VolumeRead* v : r.obs.reads("initial"))
    if (v->pod == deleted) before = v;
  for (const VolumeRead* v : r.obs.reads("after-delete"))
    if (v->pod == deleted) after = v;
  ASSERT_NE(before, nullptr);
  ASSERT_NE(after, nullptr);
  EXPECT_EQ(before->claim, after->claim);
  EXPECT_NE(before->pod_uid, after->pod_uid);
  const MarkerWrite* w = r.obs.marker_for(after->claim);
  ASSERT_NE(w, nullptr);
  EXPECT_FALSE(w->token.empty());
  EXPECT_EQ(after->marker, w->token);
  ASSERT_TRUE(before->files.count("index.html")) << "files of " << before->claim;
  ASSERT_TRUE(after->files.count("index.html"));
  EXPECT_NE(before->files.at("index.html"), after->files.at("index.html"));
  EXPECT_NE(after->files.at("index.html").find("Pod: " + deleted), std::string::npos)
      << after->files.at("index.html");
}

TEST(RecordedEvidence, ReferenceMarkerRemovedMakesReattachmentUnproven) {
  // Negative control on real data: without the marker read back, the check
  // must no longer credit the reattachment.
  Observations obs = replay("lab04-reference").obs;
  for (VolumeRead& v : obs.volume_reads)
    if (v.phase == "after-delete") v.marker.clear();
  Score sc = judge_and_score(obs);
  const CheckResult* c = nullptr;
  for (const ScoredItem& s : sc.items)
    if (s.item.check == "identity-persistence") c = &s.result;
  ASSERT_NE(c, nullptr);
  for (const Assertion& a : c->assertions)
    if (a.id == "marker-survived") EXPECT_FALSE(a.passed) << a.detail;
  EXPECT_EQ(c->explanation.find("The volume was reattached"), std::string::npos) << c->explanation;
}

TEST(RecordedEvidence, RetentionDeleteNamesThePvcsTheControllerDeleted) {
  const Replay& r = replay("retention-delete");
  const CheckResult& c = r.result("pvc-retention");
  ASSERT_EQ(c.status, Status::kFail);
  EXPECT_NE(c.explanation.find("whenScaled: Delete"), std::string::npos) << c.explanation;
  // Every PVC the explanation says was deleted has a DELETED event in the timeline.
  std::set<std::string> deleted;
  for (const WatchEvent& e : r.obs.timeline.events())
    if (e.kind == "PersistentVolumeClaim" && e.type == "DELETED")
      deleted.insert(str_at(e.object, {"metadata", "name"}));
  ASSERT_FALSE(deleted.empty());
  int named = 0;
  for (const std::string& pvc : deleted)
    if (c.explanation.find(pvc + " was deleted") != std::string::npos) ++named;
  EXPECT_GE(named, 1) << c.explanation;
  EXPECT_EQ(r.result("pvc-reuse").status, Status::kSkipped);
  EXPECT_NE(r.result("pvc-reuse").summary.find("pvc-retention"), std::string::npos);
}

TEST(RecordedEvidence, NotHeadlessNamesTheRealClusterIp) {
  const Replay& r = replay("not-headless");
  const CheckResult& c = r.result("dns-resolution");
  ASSERT_EQ(c.status, Status::kFail);
  std::string ip;
  for (const WatchEvent& e : r.obs.timeline.events())
    if (e.kind == "Service") ip = str_at(e.object, {"spec", "clusterIP"});
  ASSERT_FALSE(ip.empty());
  ASSERT_NE(ip, "None");
  EXPECT_NE(c.explanation.find("clusterIP is " + ip), std::string::npos) << c.explanation;
  // CoreDNS answered the pod names anyway (expected.yaml's note).
  for (const Assertion& a : c.assertions)
    if (a.id == "pod-records") EXPECT_TRUE(a.passed) << a.detail;
}

TEST(RecordedEvidence, WrongServiceNameNamesBothNames) {
  const Replay& r = replay("wrong-service-name");
  const CheckResult& c = r.result("dns-resolution");
  std::string wanted = str_at(r.obs.statefulset_manifest, {"spec", "serviceName"});
  ASSERT_FALSE(wanted.empty());
  EXPECT_NE(c.explanation.find("`" + wanted + "` names no Service"), std::string::npos)
      << c.explanation;
}

TEST(RecordedEvidence, CrashLoopSkipsWithTheRealReason) {
  const Replay& r = replay("crash-loop");
  const StepFailure* f = r.obs.failure("initial-ready");
  ASSERT_NE(f, nullptr);
  EXPECT_FALSE(f->infrastructure);
  EXPECT_NE(f->last_seen.find("CrashLoopBackOff"), std::string::npos) << f->last_seen;
  EXPECT_NE(r.result("pod-naming").explanation.find("CrashLoopBackOff"), std::string::npos);
  // The restarts are in the timeline, as the kubelet reported them.
  int restarts = 0;
  for (const PodLife& l : r.obs.timeline.pod_lives_of(r.obs.statefulset))
    restarts = std::max(restarts, l.restarts);
  EXPECT_GE(restarts, 1);
}

// Lab 15 on real data: the shared claim shows in the files, not in the HTTP
// answers (the app counts in memory), and the deleted pod came back with the
// count of the pod that wrote last.
TEST(RecordedEvidence, Lab15SharedVolumeShowsInTheFilesAndAfterTheDeletion) {
  const Replay& r = replay("lab15-shared-storage");
  const CheckResult& visits = r.result("per-pod-visits");
  ASSERT_EQ(visits.status, Status::kFail);
  std::map<std::string, bool> passed;
  for (const Assertion& a : visits.assertions) passed[a.id] = a.passed;
  EXPECT_TRUE(passed["counts-own-visits"]);
  EXPECT_FALSE(passed["file-holds-own-count"]);
  // Every pod's `cat /data/visits` printed the same number: one volume.
  std::set<std::string> files;
  for (const ExecRecord& e : r.obs.execs)
    if (e.purpose == "visits-file") files.insert(e.out);
  EXPECT_EQ(files.size(), 1u);
  EXPECT_NE(visits.explanation.find("one shared volume"), std::string::npos) << visits.explanation;
  const CheckResult& kept = r.result("visit-count-persistence");
  ASSERT_EQ(kept.status, Status::kFail);
  EXPECT_NE(kept.explanation.find("share one volume"), std::string::npos) << kept.explanation;
}

TEST(RecordedEvidence, Lab15PartitionUpdatedOnlyTheTopPod) {
  const Replay& r = replay("lab15-reference");
  const Json& roll = r.obs.scenario_params["rollouts"]["rollout"];
  ASSERT_EQ(roll["partition"], 2);
  std::string fresh = roll["update_revision"], old = roll["revision_before"];
  ASSERT_NE(fresh, old);
  // The controller's own labels in the snapshot after the rollout.
  std::map<std::string, std::string> revs;
  for (const Json& p : r.obs.snapshot("after-rollout")->pods)
    revs[str_at(p, {"metadata", "name"})] = str_at(p, {"metadata", "labels", "controller-revision-hash"});
  EXPECT_EQ(revs["visits-0"], old);
  EXPECT_EQ(revs["visits-1"], old);
  EXPECT_EQ(revs["visits-2"], fresh);
  EXPECT_EQ(r.result("partitioned-rollout").status, Status::kPass);
  // OnDelete was not declared: the instructor's, not a zero.
  const ScoredItem* od = r.item("ondelete-update");
  ASSERT_NE(od, nullptr);
  EXPECT_TRUE(od->item.manual);
  EXPECT_EQ(r.score.machine_possible, 8.25);
  EXPECT_EQ(r.score.possible, 12.5);
  EXPECT_EQ(r.score.bonus_possible, 2.5);
  // The student's document was read before the run.
  EXPECT_TRUE(r.obs.documents.count("k8s/STATEFULSET.md"));
}

TEST(RecordedEvidence, EmptyDirHasNoClaimsAnywhere) {
  const Replay& r = replay("emptydir-volume");
  EXPECT_NE(r.result("persistent-storage").explanation.find("no volumeClaimTemplates"),
            std::string::npos);
  for (const WatchEvent& e : r.obs.timeline.events())
    EXPECT_NE(e.kind, "PersistentVolumeClaim") << "seq " << e.seq;
}

}  // namespace
}  // namespace sts
