// The Lab 15 checks on simulated runs of the visits app (lab15_for_tests.h):
// a correct submission passes; each planted fault fails the check that
// judges it, with the cause in the explanation.
#include <gtest/gtest.h>

#include "checks/check.h"
#include "checks/lab15_for_tests.h"

namespace sts {
namespace {

using testing::VisitsOptions;
using testing::VisitsRun;

CheckResult judge(const std::string& id, const Observations& obs) {
  const Check* c = CheckRegistry::instance().find(id);
  if (!c) throw std::runtime_error("no check " + id);
  return c->judge(obs);
}

std::map<std::string, bool> assertions(const CheckResult& r) {
  std::map<std::string, bool> out;
  for (const Assertion& a : r.assertions) out[a.id] = a.passed;
  return out;
}

TEST(PerPodVisits, OwnCountersPass) {
  VisitsRun run;
  CheckResult r = judge("per-pod-visits", run.obs);
  EXPECT_EQ(r.status, Status::kPass) << r.explanation;
  EXPECT_EQ(r.summary, "each pod keeps its own count: web-0=3, web-1=5");
}

TEST(PerPodVisits, SharedVolumeFailsOnTheFile) {
  VisitsOptions o;
  o.shared_volume = true;
  CheckResult r = judge("per-pod-visits", VisitsRun(o).obs);
  ASSERT_EQ(r.status, Status::kFail);
  EXPECT_EQ(assertions(r), (std::map<std::string, bool>{{"app-answers", true},
                                                        {"counts-own-visits", true},
                                                        {"counts-differ", true},
                                                        {"file-holds-own-count", false}}));
  EXPECT_NE(r.explanation.find("web-0 counts 3 but its /data/visits holds 5"), std::string::npos) << r.explanation;
  EXPECT_NE(r.explanation.find("one shared volume"), std::string::npos) << r.explanation;
  EXPECT_NE(r.hint.find("volumeClaimTemplates"), std::string::npos);
}

// A readiness probe on "/" counts visits too: the counts rise by at least
// what the grader sent, which is all Lab 15 asks (the issue: exact counts
// failed a correct app).
TEST(PerPodVisits, ProbeVisitsDoNotBreakTheCount) {
  VisitsOptions o;
  o.probe_visits = 1;
  CheckResult r = judge("per-pod-visits", VisitsRun(o).obs);
  EXPECT_EQ(r.status, Status::kPass) << r.explanation;
}

// A count that rose by less than what was sent, or not at all, still fails.
TEST(PerPodVisits, ACountBelowTheVisitsFails) {
  VisitsRun run;
  for (HttpExchange& x : run.obs.http)
    if (x.phase == "visits-after" && x.pod == "web-1") x.body = R"({"visits": 1})";
  CheckResult r = judge("per-pod-visits", run.obs);
  ASSERT_EQ(r.status, Status::kFail);
  EXPECT_FALSE(assertions(r)["counts-own-visits"]);
  EXPECT_NE(r.hint.find("/health"), std::string::npos);
}

TEST(PerPodVisits, UnansweredRequestIsNamed) {
  VisitsRun run;
  for (HttpExchange& x : run.obs.http)
    if (x.phase == "visits-after" && x.pod == "web-1") {
      x.ok = false;
      x.status = 0;
      x.body.clear();
      x.error = "can't connect to remote host (10.244.0.11): Connection refused";
    }
  CheckResult r = judge("per-pod-visits", run.obs);
  ASSERT_EQ(r.status, Status::kFail);
  EXPECT_EQ(r.summary, "the app did not answer every request");
  EXPECT_NE(r.explanation.find("Connection refused"), std::string::npos);
}

TEST(PerPodVisits, LostExecIsAnErrorNotAFailure) {
  VisitsRun run;
  for (HttpExchange& x : run.obs.http)
    if (x.phase == "hits") x.exec.error = "kubectl exec timed out after 30s";
  EXPECT_EQ(judge("per-pod-visits", run.obs).status, Status::kError);
}

TEST(PerPodVisits, SkippedWhenTheScenarioStoppedEarlier) {
  VisitsRun run;
  run.obs.failures.push_back({"initial-ready", "3 pods of web Ready", "web-1 CrashLoopBackOff", false});
  std::erase_if(run.obs.marks, [](const Mark& m) { return m.id != "apply" && m.id != "initial-ready"; });
  CheckResult r = judge("per-pod-visits", run.obs);
  EXPECT_EQ(r.status, Status::kSkipped);
  EXPECT_NE(r.explanation.find("CrashLoopBackOff"), std::string::npos) << r.explanation;
}

TEST(VisitCountPersistence, CountSurvivesTheDeletion) {
  CheckResult r = judge("visit-count-persistence", VisitsRun().obs);
  EXPECT_EQ(r.status, Status::kPass) << r.explanation;
  EXPECT_EQ(r.summary, "web-0 came back with its count 3");
}

TEST(VisitCountPersistence, ResetToZeroIsNamed) {
  VisitsOptions o;
  o.reset_on_restart = true;
  CheckResult r = judge("visit-count-persistence", VisitsRun(o).obs);
  ASSERT_EQ(r.status, Status::kFail);
  EXPECT_TRUE(assertions(r)["pod-replaced"]);
  EXPECT_FALSE(assertions(r)["count-kept"]);
  EXPECT_NE(r.explanation.find("restarted at 0"), std::string::npos) << r.explanation;
}

TEST(VisitCountPersistence, SharedVolumeTakesAnotherPodsCount) {
  VisitsOptions o;
  o.shared_volume = true;
  CheckResult r = judge("visit-count-persistence", VisitsRun(o).obs);
  ASSERT_EQ(r.status, Status::kFail);
  EXPECT_NE(r.explanation.find("web-0: 3 before, 5 after"), std::string::npos) << r.explanation;
  EXPECT_NE(r.explanation.find("share one volume"), std::string::npos) << r.explanation;
}

TEST(PartitionedRollout, OnlyOrdinalsFromThePartitionUpdate) {
  VisitsRun run;
  CheckResult r = judge("partitioned-rollout", run.obs);
  EXPECT_EQ(r.status, Status::kPass) << r.explanation;
  EXPECT_EQ(r.summary, "partition 2: only web-2 was updated");
  EXPECT_EQ(judge("ondelete-update", run.obs).status, Status::kSkipped);
  EXPECT_TRUE(judge("ondelete-update", run.obs).not_applicable);
}

TEST(PartitionedRollout, NoPartitionFails) {
  VisitsOptions o;
  o.partition = -1;
  CheckResult r = judge("partitioned-rollout", VisitsRun(o).obs);
  ASSERT_EQ(r.status, Status::kFail);
  EXPECT_FALSE(assertions(r)["partition-declared"]);
  EXPECT_EQ(r.summary, "no partitioned RollingUpdate is declared");
  EXPECT_FALSE(r.not_applicable);
}

TEST(PartitionedRollout, PodsBelowThePartitionReplacedFail) {
  VisitsOptions o;
  o.partition_ignored = true;
  CheckResult r = judge("partitioned-rollout", VisitsRun(o).obs);
  ASSERT_EQ(r.status, Status::kFail);
  auto a = assertions(r);
  EXPECT_TRUE(a["partition-declared"]);
  EXPECT_TRUE(a["upper-updated"]);
  EXPECT_FALSE(a["lower-untouched"]);
  EXPECT_FALSE(a["partition-holds-on-recreate"]);
  EXPECT_NE(r.explanation.find("web-0 was deleted at"), std::string::npos) << r.explanation;
}

TEST(OnDeleteUpdate, PodsUpdateOnlyWhenDeleted) {
  VisitsOptions o;
  o.strategy = "OnDelete";
  VisitsRun run(o);
  CheckResult r = judge("ondelete-update", run.obs);
  EXPECT_EQ(r.status, Status::kPass) << r.explanation;
  CheckResult p = judge("partitioned-rollout", run.obs);
  EXPECT_EQ(p.status, Status::kSkipped);
  EXPECT_TRUE(p.not_applicable);
}

TEST(OnDeleteUpdate, AReplacedPodFails) {
  VisitsOptions o;
  o.strategy = "OnDelete";
  o.replaced_under_ondelete = 2;
  CheckResult r = judge("ondelete-update", VisitsRun(o).obs);
  ASSERT_EQ(r.status, Status::kFail);
  auto a = assertions(r);
  EXPECT_FALSE(a["nothing-replaced"]);
  EXPECT_TRUE(a["deleted-pod-updated"]);
  EXPECT_FALSE(a["others-unchanged"]);
  EXPECT_NE(r.explanation.find("web-2 was deleted"), std::string::npos) << r.explanation;
}


const char* kGoodDoc = R"(# Lab 15: StatefulSet

## StatefulSet Overview
Why a StatefulSet instead of a Deployment: stable names and storage.

## Resource Verification
```
NAME    READY   STATUS
web-0   1/1     Running
```

## Network Identity
nslookup web-1.web-headless -> 10.244.0.11

## Per-Pod Storage Evidence
web-0 shows 3 visits, web-1 shows 5 visits.

## Persistence Test
Deleted web-0; it came back with 3 visits.
)";

TEST(StatefulSetDocs, FiveSectionsPass) {
  Observations obs;
  obs.documents = {{"k8s/STATEFULSET.md", kGoodDoc}, {"README.md", "hi"}};
  CheckResult r = judge("statefulset-docs", obs);
  EXPECT_EQ(r.status, Status::kPass) << r.explanation;
  EXPECT_EQ(r.summary, "k8s/STATEFULSET.md has the five sections (content: judged by the instructor)");
}

TEST(StatefulSetDocs, MissingDocumentAndMissingSection) {
  Observations obs;
  obs.documents = {{"README.md", "hi"}};
  CheckResult r = judge("statefulset-docs", obs);
  ASSERT_EQ(r.status, Status::kFail);
  EXPECT_EQ(r.summary, "k8s/STATEFULSET.md is missing");
  EXPECT_EQ(r.explanation, "k8s/STATEFULSET.md not found; Markdown files submitted: README.md.");

  std::string doc = kGoodDoc;
  doc = doc.substr(0, doc.find("## Persistence Test")) + "## Persistence Test\nTODO\n";
  obs.documents = {{"STATEFULSET.md", doc}};   // graded from inside k8s/
  r = judge("statefulset-docs", obs);
  ASSERT_EQ(r.status, Status::kFail);
  EXPECT_EQ(r.summary, "STATEFULSET.md lacks Persistence Test");
  EXPECT_NE(r.explanation.find("too little to be an answer"), std::string::npos) << r.explanation;
  EXPECT_EQ(assertions(r).size(), 6u);
}

Json service(const std::string& name, const std::string& cluster_ip, Json selector) {
  return {{"kind", "Service"},
          {"metadata", {{"name", name}}},
          {"spec", {{"clusterIP", cluster_ip}, {"selector", selector}, {"ports", Json::array({{{"port", 80}}})}}}};
}

Observations with_services(std::vector<Json> services, const std::string& service_name = "web-headless") {
  Observations obs;
  obs.statefulset = "web";
  obs.statefulset_manifest = {{"kind", "StatefulSet"},
                              {"spec", {{"serviceName", service_name},
                                        {"template", {{"metadata", {{"labels", {{"app", "web"}, {"tier", "x"}}}}}}}}}};
  obs.marks = {{"apply", "apply", 0, 0}, {"initial-ready", "wait-ready", 1, 1}};
  Snapshot s;
  s.id = "initial";
  s.services = std::move(services);
  obs.snapshots["initial"] = s;
  return obs;
}

TEST(StatefulSetServices, HeadlessGovernsAndRegularServes) {
  Observations obs = with_services({service("web-headless", "None", {{"app", "web"}}),
                                    service("web", "10.96.0.12", {{"app", "web"}})});
  CheckResult r = judge("statefulset-services", obs);
  EXPECT_EQ(r.status, Status::kPass) << r.explanation;
  EXPECT_EQ(r.summary, "headless web-headless governs the set; web serves it");
}

TEST(StatefulSetServices, EachMistakeNamed) {
  CheckResult r = judge("statefulset-services", with_services({service("web-headless", "None", {{"app", "web"}})}));
  ASSERT_EQ(r.status, Status::kFail);
  EXPECT_EQ(assertions(r), (std::map<std::string, bool>{{"headless-service", true}, {"regular-service", false}}));
  EXPECT_NE(r.hint.find("Keep your existing"), std::string::npos);

  r = judge("statefulset-services", with_services({service("web-headless", "10.96.0.9", {{"app", "web"}}),
                                                   service("web", "10.96.0.12", {{"app", "web"}})}));
  EXPECT_NE(r.explanation.find("not headless (clusterIP 10.96.0.9)"), std::string::npos) << r.explanation;
  EXPECT_FALSE(assertions(r)["headless-service"]);
  EXPECT_TRUE(assertions(r)["regular-service"]);

  r = judge("statefulset-services", with_services({service("web-headless", "None", {{"app", "other"}}),
                                                   service("web", "10.96.0.12", {{"app", "web"}})}));
  EXPECT_NE(r.explanation.find("does not match the pod labels (app=other)"), std::string::npos) << r.explanation;

  r = judge("statefulset-services", with_services({service("web", "10.96.0.12", {{"app", "web"}})}, "nope"));
  EXPECT_NE(r.explanation.find("`nope` names no Service"), std::string::npos) << r.explanation;
}

}  // namespace
}  // namespace sts
