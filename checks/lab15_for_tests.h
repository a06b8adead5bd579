// Test-only: Observations of the Lab 15 scenario (scenarios/lab15.yaml) from a
// small simulated run of the visits app, so the Lab 15 check tests read like
// the run: pods web-0..2, visits and counts, a deletion, a rollout.
//
// Header-only on purpose: the build globs checks/*.cc into the core library.
#pragma once
#include <map>
#include <string>

#include "grader/model/observations.h"

namespace sts::testing {

struct VisitsOptions {
  int replicas = 3;
  int hits0 = 3, hits1 = 5;
  bool shared_volume = false;        // one PVC for all pods: the file holds the last writer's count
  bool reset_on_restart = false;     // the replacement starts at 0 (emptyDir)
  int probe_visits = 0;              // extra visits a probe on "/" adds to every pod per reading
  std::string strategy = "RollingUpdate";
  int partition = 2;                 // -1: none declared
  bool partition_ignored = false;    // a broken controller: every pod updated
  int replaced_under_ondelete = -1;  // a broken controller: this pod replaced despite OnDelete
};

class VisitsRun {
 public:
  explicit VisitsRun(VisitsOptions o = {}) : opt(std::move(o)) {
    obs.namespace_ = "sts-grader-t15";
    obs.statefulset = "web";
    obs.statefulset_manifest = {{"kind", "StatefulSet"},
                                {"metadata", {{"name", "web"}}},
                                {"spec", {{"replicas", opt.replicas}, {"serviceName", "web-headless"}}}};
    obs.scenario_params = {{"initial_replicas", opt.replicas}};
    mark("apply");
    for (int i = 0; i < opt.replicas; ++i) start(i, "web-old");
    mark("initial-ready");
    snapshot("initial");
    for (int i = 0; i < 2; ++i) read_visits("visits-before", i);
    mark("hits");
    for (int h = 0; h < opt.hits0; ++h) hit(0);
    for (int h = 0; h < opt.hits1; ++h) hit(1);
    for (int i = 0; i < 2; ++i) read_visits("visits-after", i);
    mark("visits-file");
    for (int i = 0; i < opt.replicas; ++i) cat_file("visits-file", i);
    mark("delete-pod");
    replace(0, rev[0]);
    obs.scenario_params["deleted_pod"] = "web-0";
    mark("visits-after-delete");
    read_visits("visits-after-delete", 0);
    mark("visits-file-after-delete");
    cat_file("visits-file-after-delete", 0);
    rollout();
  }

  VisitsOptions opt;
  Observations obs;
  double t = 0;
  long seq = 0;
  std::map<int, long> memory;        // each app process's count
  std::map<int, long> files;         // each pod's /data/visits (one entry when shared)
  std::map<int, std::string> uid, rev;
  int uids = 0;

  int vol(int i) const { return opt.shared_volume ? 0 : i; }
  std::string name(int i) const { return "web-" + std::to_string(i); }

  void mark(const std::string& id) {
    obs.marks.push_back({id, "step " + id, seq, t});
    t += 0.05;
  }
  Json pod_json(int i, bool ready, bool deleting = false) const {
    Json p = {{"kind", "Pod"},
              {"metadata", {{"name", name(i)}, {"uid", uid.at(i)}, {"labels", {{"controller-revision-hash", rev.at(i)}}}}},
              {"status", {{"phase", "Running"}, {"podIP", "10.244.0." + std::to_string(10 + i)},
                          {"conditions", Json::array({{{"type", "Ready"}, {"status", ready ? "True" : "False"}}})}}}};
    if (deleting) p["metadata"]["deletionTimestamp"] = "2026-01-01T00:00:00Z";
    return p;
  }
  void event(const std::string& type, const Json& o) { obs.timeline.add({seq++, t, type, "Pod", o}); t += 0.1; }
  void start(int i, const std::string& revision) {
    uid[i] = "uid-" + std::to_string(++uids);
    rev[i] = revision;
    memory[i] = opt.reset_on_restart ? 0 : files[vol(i)];
    event("ADDED", pod_json(i, false));
    event("MODIFIED", pod_json(i, true));
  }
  void replace(int i, const std::string& revision) {
    event("MODIFIED", pod_json(i, true, true));
    event("DELETED", pod_json(i, false, true));
    start(i, revision);
  }
  void snapshot(const std::string& id) {
    Snapshot s;
    s.id = id;
    s.t = t;
    s.seq = seq;
    for (int i = 0; i < opt.replicas; ++i) s.pods.push_back(pod_json(i, true));
    obs.snapshots[id] = s;
  }
  ExecRecord exec(const std::string& purpose, const std::string& pod, const std::string& out, int code = 0) {
    ExecRecord e;
    e.purpose = purpose;
    e.pod = pod;
    e.command = {"cat", "/data/visits"};
    e.exit_code = code;
    e.out = out;
    e.t_start = t;
    e.t_end = t + 0.1;
    obs.execs.push_back(e);
    t += 0.2;
    return e;
  }
  void exchange(const std::string& phase, int i, const std::string& path, const std::string& body) {
    HttpExchange x;
    x.phase = phase;
    x.pod = name(i);
    x.method = "GET";
    x.url = "http://10.244.0." + std::to_string(10 + i) + ":8000" + path;
    x.status = 200;
    x.ok = true;
    x.body = body;
    x.attempts = 1;
    x.exec = exec(phase, "sts-grader-dns-probe", body);
    x.t = t;
    obs.http.push_back(x);
  }
  void hit(int i) {
    files[vol(i)] = ++memory[i];
    exchange("hits", i, "/", "{\"visits\": " + std::to_string(memory[i]) + "}\n");
  }
  void read_visits(const std::string& phase, int i) {
    memory[i] += opt.probe_visits;
    if (opt.probe_visits) files[vol(i)] = memory[i];
    exchange(phase, i, "/visits", "{\"hostname\": \"" + name(i) + "\", \"visits\": " + std::to_string(memory[i]) + "}\n");
  }
  void cat_file(const std::string& phase, int i) { exec(phase, name(i), std::to_string(files[vol(i)]) + "\n"); }

  void rollout() {
    mark("rollout");
    int p = opt.partition < 0 ? 0 : opt.partition;
    Json rec = {{"strategy", opt.strategy}, {"partition", p}, {"replicas", opt.replicas},
                {"revision_before", "web-old"}, {"update_revision", "web-new"}};
    if (opt.strategy == "OnDelete" && opt.replaced_under_ondelete >= 0)
      replace(opt.replaced_under_ondelete, "web-new");
    if (opt.strategy != "OnDelete")
      for (int i = opt.replicas - 1; i >= (opt.partition_ignored ? 0 : p); --i) replace(i, "web-new");
    Json pods = Json::object();
    for (int i = 0; i < opt.replicas; ++i) pods[name(i)] = rev[i];
    rec["pods_after"] = pods;
    obs.scenario_params["rollouts"]["rollout"] = rec;
    mark("rollout/end");
    mark("snapshot-after-rollout");
    snapshot("after-rollout");
    mark("delete-after-rollout");
    // Below the partition (or OnDelete) the controller recreates at its current revision.
    bool below = opt.strategy == "RollingUpdate" && 0 < p && !opt.partition_ignored;
    replace(0, opt.strategy == "OnDelete" ? "web-new" : below ? "web-old" : "web-new");
    mark("snapshot-final");
    snapshot("final");
  }
};

}  // namespace sts::testing
