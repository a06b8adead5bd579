// The Lab 06 / Level 2 / Project 5 checks on simulated runs of the Lab 06
// section 1 scenario (lab06_for_tests.h) and on hand-built manifests: the
// reference passes; each planted mistake fails the check that judges it, with
// the cause in the explanation.
#include <gtest/gtest.h>

#include "checks/check.h"
#include "checks/lab06_for_tests.h"

namespace sts {
namespace {

using testing::Lab06Options;
using testing::Lab06Run;

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

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// ---- the reference passes everything ------------------------------------------

TEST(Lab06Checks, ReferencePassesEveryCheck) {
  Lab06Run run;
  for (const char* id : {"data-persistence", "stateless-deployment", "controller-choice", "backend-connection",
                         "governing-service", "readiness-probes", "storage-design", "reattached-after-delete",
                         "database-storage"}) {
    CheckResult r = judge(id, run.obs);
    EXPECT_EQ(r.status, Status::kPass) << id << ": " << r.summary << " / " << r.explanation;
  }
}

// ---- data-persistence ---------------------------------------------------------------

TEST(DataPersistence, LostDataFailsWithTheStorageCause) {
  Lab06Options o;
  o.claim_templates = false;
  o.data_lost = true;
  CheckResult r = judge("data-persistence", Lab06Run(o).obs);
  ASSERT_EQ(r.status, Status::kFail);
  EXPECT_EQ(assertions(r), (std::map<std::string, bool>{{"written", true}, {"read-before", true}, {"survived", false}}));
  EXPECT_TRUE(has(r.explanation, "the data is gone")) << r.explanation;
  EXPECT_TRUE(has(r.hint, "no volumeClaimTemplates")) << r.hint;
  EXPECT_TRUE(has(r.summary, "postgres-0 did not survive")) << r.summary;
}

TEST(DataPersistence, MountOutsidePgdataIsNamed) {
  Lab06Options o;
  o.mount_path = "/data";
  o.data_lost = true;
  CheckResult r = judge("data-persistence", Lab06Run(o).obs);
  ASSERT_EQ(r.status, Status::kFail);
  EXPECT_TRUE(has(r.hint, "keeps its data in /var/lib/postgresql/data/pgdata, outside it")) << r.hint;
}

TEST(DataPersistence, ApiFailingAfterwardsWithDataInTheDatabaseBlamesTheConnection) {
  Lab06Options o;
  o.api_fails_after = true;
  Lab06Run run(o);
  ExecRecord direct;
  direct.purpose = "data-after-direct";
  direct.pod = "postgres-0";
  direct.command = {"sh", "-c", "psql -At -c 'SELECT email FROM users'"};
  direct.exit_code = 0;
  direct.out = "1|alice@" + o.ns + ".example\n";
  direct.t_end = run.t;
  run.obs.execs.push_back(direct);
  CheckResult r = judge("data-persistence", run.obs);
  ASSERT_EQ(r.status, Status::kFail);
  EXPECT_TRUE(has(r.summary, "it is still in the database")) << r.summary;
  EXPECT_TRUE(has(r.hint, "never to a pod IP")) << r.hint;
}

TEST(DataPersistence, ApiFailingAfterwardsWithTheTableGoneBlamesStorage) {
  Lab06Options o;
  o.api_fails_after = true;
  o.claim_templates = false;
  Lab06Run run(o);
  ExecRecord direct;
  direct.purpose = "data-after-direct";
  direct.pod = "postgres-0";
  direct.command = {"psql", "-c", "SELECT email FROM users"};
  direct.exit_code = 1;
  direct.err = "ERROR:  relation \"users\" does not exist\ncommand terminated with exit code 1";
  direct.t_end = run.t;
  run.obs.execs.push_back(direct);
  CheckResult r = judge("data-persistence", run.obs);
  ASSERT_EQ(r.status, Status::kFail);
  EXPECT_TRUE(has(r.summary, "did not survive")) << r.summary;
  EXPECT_TRUE(has(r.explanation, "relation \"users\" does not exist")) << r.explanation;
  EXPECT_TRUE(has(r.hint, "volumeClaimTemplates")) << r.hint;
}

TEST(DataPersistence, NotFoundAnswerMeansGone) {
  Lab06Run run;
  for (HttpExchange& x : run.obs.http)
    if (x.phase == "data-after") x = {x.phase, "", "GET", x.url, 404, "", false, "HTTP 404 Not Found", 1, x.t, {}};
  CheckResult r = judge("data-persistence", run.obs);
  ASSERT_EQ(r.status, Status::kFail);
  EXPECT_TRUE(has(r.explanation, "the data is gone: HTTP 404")) << r.explanation;
  EXPECT_TRUE(has(r.summary, "did not survive")) << r.summary;
}

TEST(DataPersistence, ReadingWithoutTheTokenDoesNotCount) {
  // An app that answers 200 with someone else's data has not read back ours.
  Lab06Run run;
  for (HttpExchange& x : run.obs.http)
    if (x.phase == "data-before" || x.phase == "data-after") x.body = "{\"users\":[],\"count\":0}";
  CheckResult r = judge("data-persistence", run.obs);
  ASSERT_EQ(r.status, Status::kFail);
  EXPECT_FALSE(assertions(r)["read-before"]);
  EXPECT_FALSE(assertions(r)["survived"]);
}

TEST(DataPersistence, ChangedDataFails) {
  Lab06Run run;
  for (HttpExchange& x : run.obs.http)
    if (x.phase == "data-after") x.body = "{\"users\":[{\"email\":\"alice@" + run.opt.ns + ".example\"}],\"count\":1}";
  CheckResult r = judge("data-persistence", run.obs);
  ASSERT_EQ(r.status, Status::kFail);
  EXPECT_TRUE(has(r.explanation, "the data changed")) << r.explanation;
}

TEST(DataPersistence, RetriedReadingKeepsItsLastAnswer) {
  // op http retried GET /users while the database was starting: the last answer counts.
  Lab06Run run;
  for (HttpExchange& x : run.obs.http)
    if (x.phase == "data-after") {
      HttpExchange early = x;
      early.ok = false, early.status = 503, early.body = "", early.error = "HTTP 503", early.t = x.t - 1;
      run.obs.http.insert(run.obs.http.begin(), early);
      break;
    }
  EXPECT_EQ(judge("data-persistence", run.obs).status, Status::kPass);
}

TEST(DataPersistence, QueueWithoutClientIsLeftToTheInstructor) {
  Observations obs;
  obs.namespace_ = "sts-grader-q";
  ExecRecord e;
  e.purpose = "data-write";
  e.pod = "queue-0";
  e.command = {"sh", "-c", "…"};
  e.exit_code = 127;
  e.err = "the queue pod has neither redis-cli nor psql";
  obs.execs.push_back(e);
  CheckResult r = judge("data-persistence", obs);
  EXPECT_EQ(r.status, Status::kSkipped);
  EXPECT_TRUE(r.not_applicable);
}

TEST(DataPersistence, ProbeTransportIsNotAReading) {
  // op http records its wget exec in the probe pod under the same phase.
  Lab06Run run;
  ExecRecord wget;
  wget.purpose = "data-before";
  wget.pod = "sts-grader-dns-probe";
  wget.exit_code = 1;
  wget.t_end = run.t + 100;
  run.obs.execs.push_back(wget);
  EXPECT_EQ(judge("data-persistence", run.obs).status, Status::kPass);
}

TEST(DataPersistence, SkippedWhenTheDeletionNeverHappened) {
  Lab06Run run;
  run.obs.failures.push_back({"delete-pod", "postgres-0 replaced by a new Ready pod", "timed out", false});
  EXPECT_EQ(judge("data-persistence", run.obs).status, Status::kSkipped);
}

// ---- stateless-deployment ------------------------------------------------------------

TEST(StatelessDeployment, NoDeploymentFails) {
  Lab06Options o;
  o.api_deployment = false;
  CheckResult r = judge("stateless-deployment", Lab06Run(o).obs);
  ASSERT_EQ(r.status, Status::kFail);
  EXPECT_TRUE(has(r.summary, "no Deployment")) << r.summary;
}

TEST(StatelessDeployment, NoReplacementFails) {
  Lab06Options o;
  o.api_pod_replaced = false;
  CheckResult r = judge("stateless-deployment", Lab06Run(o).obs);
  ASSERT_EQ(r.status, Status::kFail);
  EXPECT_FALSE(assertions(r)["replaced-new-name"]);
  EXPECT_TRUE(assertions(r)["no-pvcs"]);
}

TEST(StatelessDeployment, ClaimInTheDeploymentFails) {
  Lab06Run run;
  for (Json& m : run.obs.manifests)
    if (str_at(m, {"kind"}) == "Deployment")
      m["spec"]["template"]["spec"]["volumes"] =
          Json::array({{{"name", "cache"}, {"persistentVolumeClaim", {{"claimName", "api-cache"}}}}});
  CheckResult r = judge("stateless-deployment", run.obs);
  ASSERT_EQ(r.status, Status::kFail);
  EXPECT_FALSE(assertions(r)["no-pvcs"]);
  EXPECT_TRUE(has(r.explanation, "declares claim api-cache")) << r.explanation;
}

TEST(StatelessDeployment, ReplacementSummaryNamesBothPods) {
  CheckResult r = judge("stateless-deployment", Lab06Run().obs);
  ASSERT_EQ(r.status, Status::kPass);
  EXPECT_TRUE(has(r.summary, "user-api-7f8d9c5b6d-abc12 replaced by a new name")) << r.summary;
  bool named = false;
  for (const Evidence& e : r.evidence) named = named || has(e.text, "user-api-7f8d9c5b6d-xyz99");
  EXPECT_TRUE(named);
}

// ---- controller-choice ----------------------------------------------------------------

TEST(ControllerChoice, DatabaseAsDeploymentFails) {
  Observations obs;
  obs.manifests = {
      {{"kind", "Deployment"}, {"metadata", {{"name", "postgres"}}},
       {"spec", {{"template", {{"spec", {{"containers", Json::array({{{"name", "db"}, {"image", "postgres:15"}}})}}}}}}}},
      {{"kind", "Deployment"}, {"metadata", {{"name", "user-api"}}},
       {"spec", {{"template", {{"spec", {{"containers", Json::array({{{"name", "api"}, {"image", "user-api:1.0"}}})}}}}}}}}};
  CheckResult r = judge("controller-choice", obs);
  ASSERT_EQ(r.status, Status::kFail);
  EXPECT_EQ(assertions(r), (std::map<std::string, bool>{{"state-in-statefulset", false}, {"app-in-deployment", true}}));
  EXPECT_TRUE(has(r.explanation, "Deployment postgres runs postgres")) << r.explanation;
  EXPECT_TRUE(has(r.hint, "COMMON MISTAKES 1"));
}

TEST(ControllerChoice, StatelessStatefulSetFails) {
  Lab06Run run;
  run.obs.manifests.push_back({{"kind", "StatefulSet"}, {"metadata", {{"name", "worker"}}},
                               {"spec", {{"template", {{"spec", {{"containers", Json::array({{{"name", "w"}, {"image", "task-worker:1.0"}}})}}}}}}}});
  CheckResult r = judge("controller-choice", run.obs);
  ASSERT_EQ(r.status, Status::kFail);
  EXPECT_FALSE(assertions(r)["app-in-deployment"]);
  EXPECT_TRUE(has(r.explanation, "StatefulSet worker")) << r.explanation;
}

// ---- backend-connection -----------------------------------------------------------------

TEST(BackendConnection, HardCodedIpFails) {
  Lab06Options o;
  o.db_host = "10.244.0.5";
  CheckResult r = judge("backend-connection", Lab06Run(o).obs);
  ASSERT_EQ(r.status, Status::kFail);
  EXPECT_EQ(assertions(r), (std::map<std::string, bool>{{"host-declared", true}, {"no-ip", false}, {"stable-dns-name", false}}));
  EXPECT_TRUE(has(r.explanation, "DB_HOST=10.244.0.5")) << r.explanation;
  EXPECT_TRUE(has(r.hint, "COMMON MISTAKES 3"));
}

TEST(BackendConnection, ServiceNameWithTwoReplicasIsNotAStablePod) {
  Lab06Options o;
  o.db_host = "postgres-headless";
  CheckResult r = judge("backend-connection", Lab06Run(o).obs);
  ASSERT_EQ(r.status, Status::kFail);
  EXPECT_TRUE(has(r.explanation, "reaches any of them")) << r.explanation;
  o.replicas = 1;
  EXPECT_EQ(judge("backend-connection", Lab06Run(o).obs).status, Status::kPass);
}

TEST(BackendConnection, FqdnAndConfigMapPass) {
  Lab06Options o;
  o.db_host = "postgres-0.postgres-headless.default.svc.cluster.local";
  o.db_host_in_configmap = true;
  CheckResult r = judge("backend-connection", Lab06Run(o).obs);
  EXPECT_EQ(r.status, Status::kPass) << r.explanation;
  bool from_cm = false;
  for (const Evidence& e : r.evidence) from_cm = from_cm || has(e.text, "(from ConfigMap api-env)");
  EXPECT_TRUE(from_cm);
}

TEST(BackendConnection, OtherServicesUrlsAreIgnored) {
  // A frontend's BACKEND_URL names no database: not judged.
  Lab06Run run;
  run.obs.manifests.push_back({{"kind", "Deployment"}, {"metadata", {{"name", "frontend"}}},
                               {"spec", {{"template", {{"spec", {{"containers", Json::array({{{"name", "web"}, {"image", "nginx:1.21"},
                                 {"env", Json::array({{{"name", "BACKEND_URL"}, {"value", "http://backend-service:5000"}}})}}})}}}}}}}});
  EXPECT_EQ(judge("backend-connection", run.obs).status, Status::kPass);
}

TEST(BackendConnection, NoAppIsNotApplicable) {
  Lab06Options o;
  o.api_deployment = false;
  CheckResult r = judge("backend-connection", Lab06Run(o).obs);
  EXPECT_EQ(r.status, Status::kSkipped);
  EXPECT_TRUE(r.not_applicable);
}

// ---- governing-service -----------------------------------------------------------------

TEST(GoverningService, MissingServiceIsNamed) {
  Lab06Options o;
  o.service_name = "postgres";
  o.headless = false;
  CheckResult r = judge("governing-service", Lab06Run(o).obs);
  ASSERT_EQ(r.status, Status::kFail);
  EXPECT_EQ(assertions(r), (std::map<std::string, bool>{{"service-exists", false}, {"headless", false}, {"selects-pods", false}}));
  EXPECT_TRUE(has(r.explanation, "`postgres-headless` names no Service; submitted: postgres")) << r.explanation;
}

TEST(GoverningService, NotHeadlessFailsOnlyThat) {
  Lab06Options o;
  o.headless = false;
  CheckResult r = judge("governing-service", Lab06Run(o).obs);
  ASSERT_EQ(r.status, Status::kFail);
  EXPECT_EQ(assertions(r), (std::map<std::string, bool>{{"service-exists", true}, {"headless", false}, {"selects-pods", true}}));
}

TEST(GoverningService, SelectorMismatchIsNamed) {
  Lab06Run run;
  run.obs.manifests[0]["spec"]["selector"] = {{"app", "db"}};
  CheckResult r = judge("governing-service", run.obs);
  ASSERT_EQ(r.status, Status::kFail);
  EXPECT_TRUE(has(r.explanation, "app=db")) << r.explanation;
}

// ---- storage-design, readiness-probes --------------------------------------------------

TEST(StorageDesign, EmptyDirFails) {
  Lab06Options o;
  o.claim_templates = false;
  CheckResult r = judge("storage-design", Lab06Run(o).obs);
  ASSERT_EQ(r.status, Status::kFail);
  EXPECT_TRUE(has(r.explanation, "postgres-storage (emptyDir)")) << r.explanation;
}

TEST(StorageDesign, ReadWriteManyFailsOnlyTheAccessMode) {
  Lab06Options o;
  o.access_mode = "ReadWriteMany";
  CheckResult r = judge("storage-design", Lab06Run(o).obs);
  ASSERT_EQ(r.status, Status::kFail);
  EXPECT_EQ(assertions(r), (std::map<std::string, bool>{{"claim-templates", true}, {"read-write-once", false}, {"data-dir-on-claim", true}}));
  EXPECT_TRUE(has(r.hint, "COMMON MISTAKES 6"));
}

TEST(StorageDesign, MountBesidePgdataFails) {
  Lab06Options o;
  o.mount_path = "/data";
  CheckResult r = judge("storage-design", Lab06Run(o).obs);
  ASSERT_EQ(r.status, Status::kFail);
  EXPECT_FALSE(assertions(r)["data-dir-on-claim"]);
  EXPECT_TRUE(has(r.explanation, "postgres writes to /var/lib/postgresql/data/pgdata, outside postgres-storage at /data"))
      << r.explanation;
}

TEST(ReadinessProbes, MissingProbesAreListed) {
  Lab06Options o;
  o.probes = false;
  CheckResult r = judge("readiness-probes", Lab06Run(o).obs);
  ASSERT_EQ(r.status, Status::kFail);
  EXPECT_TRUE(has(r.explanation, "StatefulSet postgres container postgres")) << r.explanation;
  EXPECT_TRUE(has(r.explanation, "Deployment user-api container user-api")) << r.explanation;
}

// ---- reattached-after-delete, database-storage ------------------------------------------

TEST(ReattachedAfterDelete, NoClaimMeansNothingReattached) {
  Lab06Options o;
  o.claim_templates = false;
  CheckResult r = judge("reattached-after-delete", Lab06Run(o).obs);
  ASSERT_EQ(r.status, Status::kFail);
  EXPECT_EQ(assertions(r), (std::map<std::string, bool>{{"same-name", true}, {"same-pvc", false}, {"same-volume", false}}));
  EXPECT_TRUE(has(r.explanation, "mounted no PVC")) << r.explanation;
}

TEST(ReattachedAfterDelete, RecreatedClaimFails) {
  Lab06Run run;
  for (Json& c : run.obs.snapshots["after-delete"].pvcs)
    if (str_at(c, {"metadata", "name"}) == "postgres-storage-postgres-0") {
      c["metadata"]["uid"] = "pvc-uid-new";
      c["spec"]["volumeName"] = "pv-new";
    }
  CheckResult r = judge("reattached-after-delete", run.obs);
  ASSERT_EQ(r.status, Status::kFail);
  EXPECT_TRUE(has(r.explanation, "was recreated (uid pvc-uid-0 -> pvc-uid-new)")) << r.explanation;
}

TEST(DatabaseStorage, StandaloneClaimPassesAndNoClaimFails) {
  // Level 2's postgres-pvc.yaml: a claim in spec.volumes, not a template.
  Lab06Options o;
  o.replicas = 1;
  Lab06Run run(o);
  EXPECT_EQ(judge("database-storage", run.obs).status, Status::kPass);
  o.claim_templates = false;
  CheckResult r = judge("database-storage", Lab06Run(o).obs);
  ASSERT_EQ(r.status, Status::kFail);
  EXPECT_TRUE(has(r.summary, "no PersistentVolumeClaim")) << r.summary;
}

TEST(DatabaseStorage, UnboundClaimFails) {
  Lab06Run run;
  run.obs.snapshots["initial"].pvcs[0]["status"]["phase"] = "Pending";
  CheckResult r = judge("database-storage", run.obs);
  ASSERT_EQ(r.status, Status::kFail);
  EXPECT_TRUE(has(r.explanation, "postgres-storage-postgres-0 Pending")) << r.explanation;
}

// ---- pod-disruption-budget ----------------------------------------------------------------

Json pdb(const Json& budget, const Json& labels = {{"app", "postgres"}}) {
  Json p = {{"kind", "PodDisruptionBudget"}, {"metadata", {{"name", "pg-pdb"}}},
            {"spec", {{"selector", {{"matchLabels", labels}}}}}};
  for (const auto& [k, v] : budget.items()) p["spec"][k] = v;
  return p;
}

TEST(PodDisruptionBudget, Budgets) {
  Lab06Options o;
  o.replicas = 3;
  Lab06Run run(o);
  CheckResult none = judge("pod-disruption-budget", run.obs);
  ASSERT_EQ(none.status, Status::kFail);
  EXPECT_TRUE(has(none.hint, "COMMON MISTAKES 7"));

  auto with = [&](const Json& p) {
    Observations obs = run.obs;
    obs.manifests.push_back(p);
    return judge("pod-disruption-budget", obs);
  };
  EXPECT_EQ(with(pdb({{"maxUnavailable", 1}})).status, Status::kPass);
  EXPECT_EQ(with(pdb({{"minAvailable", 2}})).status, Status::kPass);
  EXPECT_EQ(with(pdb({{"minAvailable", "50%"}})).status, Status::kPass);   // 2 of 3
  CheckResult all = with(pdb({{"minAvailable", 3}}));
  ASSERT_EQ(all.status, Status::kFail);
  EXPECT_TRUE(has(all.explanation, "a drain blocks")) << all.explanation;
  EXPECT_EQ(with(pdb({{"maxUnavailable", 0}})).status, Status::kFail);
  CheckResult other = with(pdb({{"maxUnavailable", 1}}, {{"app", "web"}}));
  ASSERT_EQ(other.status, Status::kFail);
  EXPECT_FALSE(assertions(other)["selects-pods"]);
}

// ---- rolling-update ---------------------------------------------------------------------

// A rollout over postgres-0..2 replacing the pods in `order`; with
// `overlap`, each next pod is deleted before the previous replacement is Ready.
Observations rollout_run(const std::vector<int>& order, bool overlap = false, const std::string& strategy = "RollingUpdate") {
  Observations obs;
  obs.statefulset = "postgres";
  obs.statefulset_manifest = {{"kind", "StatefulSet"}, {"metadata", {{"name", "postgres"}}}, {"spec", {{"replicas", 3}}}};
  long seq = 0;
  double t = 0;
  auto pod = [](int i, const std::string& uid, bool ready, bool deleting) {
    Json p = {{"kind", "Pod"}, {"metadata", {{"name", "postgres-" + std::to_string(i)}, {"uid", uid}}},
              {"status", {{"phase", "Running"}, {"conditions", Json::array({{{"type", "Ready"}, {"status", ready ? "True" : "False"}}})}}}};
    if (deleting) p["metadata"]["deletionTimestamp"] = "x";
    return p;
  };
  auto ev = [&](const std::string& type, const Json& o) { obs.timeline.add({seq++, t += 0.5, type, "Pod", o}); };
  for (int i = 0; i < 3; ++i) ev("ADDED", pod(i, "old-" + std::to_string(i), true, false));
  obs.marks.push_back({"rollout", "rollout", seq, t});
  Json pods_after = Json::object();
  for (size_t k = 0; k < order.size(); ++k) {
    int i = order[k];
    ev("MODIFIED", pod(i, "old-" + std::to_string(i), true, true));
    ev("DELETED", pod(i, "old-" + std::to_string(i), true, true));
    ev("ADDED", pod(i, "new-" + std::to_string(i), false, false));
    if (overlap && k + 1 < order.size()) continue;  // the next deletion comes first
    ev("MODIFIED", pod(i, "new-" + std::to_string(i), true, false));
  }
  if (overlap)
    for (int i : order) ev("MODIFIED", pod(i, "new-" + std::to_string(i), true, false));
  for (int i = 0; i < 3; ++i) pods_after["postgres-" + std::to_string(i)] = strategy == "OnDelete" ? "rev-old" : "rev-new";
  obs.marks.push_back({"rollout/end", "end", seq, t});
  obs.scenario_params["rollouts"]["rollout"] = {{"strategy", strategy}, {"partition", 0}, {"replicas", 3},
                                                {"revision_before", "rev-old"}, {"update_revision", "rev-new"},
                                                {"pods_after", pods_after}};
  return obs;
}

TEST(RollingUpdate, ReverseOrderOneAtATimePasses) {
  CheckResult r = judge("rolling-update", rollout_run({2, 1, 0}));
  EXPECT_EQ(r.status, Status::kPass) << r.explanation;
  EXPECT_TRUE(has(r.summary, "postgres-2, postgres-1, postgres-0")) << r.summary;
}

TEST(RollingUpdate, WrongOrderFails) {
  CheckResult r = judge("rolling-update", rollout_run({0, 1, 2}));
  ASSERT_EQ(r.status, Status::kFail);
  EXPECT_FALSE(assertions(r)["highest-first"]);
  EXPECT_TRUE(assertions(r)["one-at-a-time"]);
}

TEST(RollingUpdate, OverlappingReplacementsFail) {
  CheckResult r = judge("rolling-update", rollout_run({2, 1, 0}, true));
  ASSERT_EQ(r.status, Status::kFail);
  EXPECT_FALSE(assertions(r)["one-at-a-time"]);
  EXPECT_TRUE(has(r.explanation, "before postgres-2's replacement was Ready")) << r.explanation;
}

TEST(RollingUpdate, OnDeleteIsNotApplicable) {
  CheckResult r = judge("rolling-update", rollout_run({}, false, "OnDelete"));
  EXPECT_EQ(r.status, Status::kSkipped);
  EXPECT_TRUE(r.not_applicable);
}

}  // namespace
}  // namespace sts
