// Test-only: Observations of the Lab 06 section 1 scenario
// (scenarios/lab06-section1.yaml) from a small simulated run — postgres-0/1
// with their claims, the user API Deployment, users written and read through
// the API, postgres-0 deleted and recreated, an API pod replaced — so the
// Lab 06 / Level 2 / Project 5 check tests read like the run.
//
// Header-only on purpose: the build globs checks/*.cc into the core library.
#pragma once
#include <string>
#include <vector>

#include "grader/model/observations.h"

namespace sts::testing {

struct Lab06Options {
  std::string ns = "sts-grader-l6";
  int replicas = 2;
  bool claim_templates = true;       // else an emptyDir "postgres-storage"
  std::string access_mode = "ReadWriteOnce";
  std::string mount_path = "/var/lib/postgresql/data";
  std::string pgdata = "/var/lib/postgresql/data/pgdata";
  bool headless = true;
  std::string service_name = "postgres-headless";  // the Service submitted
  std::string db_host = "postgres-0.postgres-headless";
  bool db_host_in_configmap = false;
  bool probes = true;
  bool api_deployment = true;        // the API as a Deployment
  bool data_lost = false;            // the replacement starts empty
  bool api_fails_after = false;      // the API cannot serve after the deletion (503)
  bool api_pod_replaced = true;      // experiment 1.11 brought a new pod
};

inline Json ready_pod(const std::string& name, const std::string& uid, const Json& labels, const Json& owner,
                      const std::vector<std::string>& claims, bool deleting = false) {
  Json vols = Json::array();
  for (const std::string& c : claims)
    vols.push_back({{"name", "postgres-storage"}, {"persistentVolumeClaim", {{"claimName", c}}}});
  Json p = {{"kind", "Pod"},
            {"metadata", {{"name", name}, {"uid", uid}, {"labels", labels}, {"ownerReferences", Json::array({owner})}}},
            {"spec", {{"volumes", vols}}},
            {"status", {{"phase", "Running"}, {"podIP", "10.244.0.9"},
                        {"conditions", Json::array({{{"type", "Ready"}, {"status", "True"}}})}}}};
  if (deleting) p["metadata"]["deletionTimestamp"] = "2026-01-01T00:00:00Z";
  return p;
}

class Lab06Run {
 public:
  explicit Lab06Run(Lab06Options o = {}) : opt(std::move(o)) {
    obs.namespace_ = opt.ns;
    obs.statefulset = "postgres";
    obs.statefulset_manifest = statefulset();
    obs.scenario_params = {{"initial_replicas", opt.replicas}};
    obs.manifests = {service(), obs.statefulset_manifest};
    if (opt.api_deployment) {
      if (opt.db_host_in_configmap)
        obs.manifests.push_back({{"kind", "ConfigMap"},
                                 {"metadata", {{"name", "api-env"}}},
                                 {"data", {{"DB_HOST", opt.db_host}, {"DB_PORT", "5432"}}}});
      obs.manifests.push_back(deployment());
    }
    run();
  }

  Lab06Options opt;
  Observations obs;
  double t = 0;
  long seq = 0;

  Json statefulset() const {
    Json c = {{"name", "postgres"},
              {"image", "docker.io/library/postgres:15"},
              {"env", Json::array({{{"name", "PGDATA"}, {"value", opt.pgdata}}})},
              {"volumeMounts", Json::array({{{"name", "postgres-storage"}, {"mountPath", opt.mount_path}}})}};
    if (opt.probes) c["readinessProbe"] = {{"exec", {{"command", {"pg_isready"}}}}};
    Json s = {{"apiVersion", "apps/v1"},
              {"kind", "StatefulSet"},
              {"metadata", {{"name", "postgres"}}},
              {"spec",
               {{"serviceName", "postgres-headless"},
                {"replicas", opt.replicas},
                {"selector", {{"matchLabels", {{"app", "postgres"}}}}},
                {"template", {{"metadata", {{"labels", {{"app", "postgres"}}}}},
                              {"spec", {{"containers", Json::array({c})}}}}}}}};
    if (opt.claim_templates)
      s["spec"]["volumeClaimTemplates"] = Json::array(
          {{{"metadata", {{"name", "postgres-storage"}}},
            {"spec", {{"accessModes", {opt.access_mode}}, {"resources", {{"requests", {{"storage", "1Gi"}}}}}}}}});
    else
      s["spec"]["template"]["spec"]["volumes"] = Json::array({{{"name", "postgres-storage"}, {"emptyDir", Json::object()}}});
    return s;
  }
  Json service() const {
    Json s = {{"kind", "Service"},
              {"metadata", {{"name", opt.service_name}}},
              {"spec", {{"selector", {{"app", "postgres"}}}, {"ports", Json::array({{{"port", 5432}}})}}}};
    if (opt.headless) s["spec"]["clusterIP"] = "None";
    return s;
  }
  Json deployment() const {
    Json env = Json::array();
    if (!opt.db_host_in_configmap) env.push_back({{"name", "DB_HOST"}, {"value", opt.db_host}});
    env.push_back({{"name", "DB_NAME"}, {"value", "userdb"}});
    Json c = {{"name", "user-api"}, {"image", "docker.io/stsgrader/user-api:1.0"}, {"env", env}};
    if (opt.db_host_in_configmap) c["envFrom"] = Json::array({{{"configMapRef", {{"name", "api-env"}}}}});
    if (opt.probes) c["readinessProbe"] = {{"httpGet", {{"path", "/health"}, {"port", 8000}}}};
    return {{"apiVersion", "apps/v1"},
            {"kind", "Deployment"},
            {"metadata", {{"name", "user-api"}}},
            {"spec", {{"replicas", 2},
                      {"selector", {{"matchLabels", {{"app", "user-api"}}}}},
                      {"template", {{"metadata", {{"labels", {{"app", "user-api"}}}}},
                                    {"spec", {{"containers", Json::array({c})}}}}}}}};
  }

  // ---- the simulated cluster ----
  std::map<std::string, Json> pods;
  std::vector<Json> pvcs;
  std::vector<std::string> users;    // what the database holds

  void mark(const std::string& id) {
    obs.marks.push_back({id, "step " + id, seq, t});
    t += 0.05;
  }
  void event(const std::string& type, const Json& o) {
    obs.timeline.add({seq++, t, type, str_at(o, {"kind"}).empty() ? "Pod" : str_at(o, {"kind"}), o});
    t += 0.1;
  }
  std::string claim(int i) const { return "postgres-storage-postgres-" + std::to_string(i); }
  void start_db(int i, const std::string& uid) {
    Json owner = {{"kind", "StatefulSet"}, {"name", "postgres"}};
    std::vector<std::string> claims;
    if (opt.claim_templates) claims.push_back(claim(i));
    Json p = ready_pod("postgres-" + std::to_string(i), uid, {{"app", "postgres"}}, owner, claims);
    p["spec"]["containers"] = obs.statefulset_manifest["spec"]["template"]["spec"]["containers"];
    pods[str_at(p, {"metadata", "name"})] = p;
    event("ADDED", p);
  }
  void start_api(const std::string& name, const std::string& uid) {
    Json p = ready_pod(name, uid, {{"app", "user-api"}}, {{"kind", "ReplicaSet"}, {"name", "user-api-7f8d9c5b6d"}}, {});
    pods[name] = p;
    event("ADDED", p);
  }
  void snapshot(const std::string& id) {
    Snapshot s;
    s.id = id;
    s.t = t;
    s.seq = seq;
    for (const auto& [n, p] : pods) s.pods.push_back(p);
    s.pvcs = pvcs;
    s.replicasets = {{{"kind", "ReplicaSet"},
                      {"metadata", {{"name", "user-api-7f8d9c5b6d"},
                                    {"ownerReferences", Json::array({{{"kind", "Deployment"}, {"name", "user-api"}}})}}}}};
    obs.snapshots[id] = s;
  }
  void http(const std::string& phase, const std::string& method, const std::string& url, bool ok, const std::string& body,
            int status = 200) {
    HttpExchange x;
    x.phase = phase;
    x.method = method;
    x.url = url;
    x.ok = ok;
    x.status = status;
    x.body = ok ? body : "";
    x.error = ok ? "" : "HTTP " + std::to_string(status);
    x.t = t;
    x.attempts = 1;
    obs.http.push_back(x);
    t += 0.2;
  }
  std::string users_json() const {
    std::string s = "{\"users\":[";
    for (size_t i = 0; i < users.size(); ++i)
      s += std::string(i ? "," : "") + "{\"id\":" + std::to_string(i + 1) + ",\"email\":\"" + users[i] + "\"}";
    return s + "],\"count\":" + std::to_string(users.size()) + "}";
  }

  void run() {
    mark("apply");
    for (int i = 0; i < opt.replicas; ++i) {
      if (opt.claim_templates)
        pvcs.push_back({{"metadata", {{"name", claim(i)}, {"uid", "pvc-uid-" + std::to_string(i)}}},
                        {"spec", {{"volumeName", "pv-" + std::to_string(i)}}},
                        {"status", {{"phase", "Bound"}}}});
      start_db(i, "db-uid-" + std::to_string(i));
    }
    if (opt.api_deployment) {
      start_api("user-api-7f8d9c5b6d-abc12", "api-uid-1");
      start_api("user-api-7f8d9c5b6d-def34", "api-uid-2");
    }
    mark("initial-ready");
    mark("snapshot-initial");
    snapshot("initial");
    mark("create-alice");
    for (const char* who : {"alice", "bob", "charlie"}) {
      std::string email = std::string(who) + "@" + opt.ns + ".example";
      users.push_back(email);
      http("data-write", "POST", "http://user-api:8000/users?name=" + std::string(who) + "&email=" + email, true,
           "{\"user\":{\"email\":\"" + email + "\"}}");
    }
    mark("data-before");
    http("data-before", "GET", "http://user-api:8000/users", true, users_json());
    mark("delete-pod");
    obs.scenario_params["deleted_pod"] = "postgres-0";
    obs.scenario_params["deleted_pod_uid"] = "db-uid-0";
    Json gone = pods["postgres-0"];
    gone["metadata"]["deletionTimestamp"] = "2026-01-01T00:00:00Z";
    event("MODIFIED", gone);
    event("DELETED", gone);
    start_db(0, "db-uid-0b");
    if (opt.data_lost) users.clear();
    mark("snapshot-after-delete");
    snapshot("after-delete");
    mark("data-after");
    if (opt.api_fails_after) http("data-after", "GET", "http://user-api:8000/users", false, "", 503);
    else http("data-after", "GET", "http://user-api:8000/users", true, users_json());
    mark("delete-app-pod");
    if (opt.api_deployment) {
      obs.scenario_params["deleted_by_selector"]["delete-app-pod"] = {
          {"pod", "user-api-7f8d9c5b6d-abc12"}, {"uid", "api-uid-1"}, {"selector", "app=user-api"}, {"ready_before", 2}};
      Json g = pods["user-api-7f8d9c5b6d-abc12"];
      g["metadata"]["deletionTimestamp"] = "2026-01-01T00:00:00Z";
      event("MODIFIED", g);
      event("DELETED", g);
      pods.erase("user-api-7f8d9c5b6d-abc12");
      if (opt.api_pod_replaced) start_api("user-api-7f8d9c5b6d-xyz99", "api-uid-3");
    }
    mark("snapshot-final");
    snapshot("final");
  }
};

}  // namespace sts::testing
