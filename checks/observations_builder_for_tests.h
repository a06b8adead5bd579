// Test-only: builds Observations the way the scenario runner records them,
// from a small simulated cluster, so check tests read like the Lab 04 run.
//
// Header-only on purpose: the build globs checks/*.cc into the core library,
// and this must only link into unit_tests.
#pragma once
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include <stdexcept>

#include "checks/check.h"
#include "grader/model/observations.h"

namespace sts::testing {

struct RunOptions {
  std::string sts = "web";
  std::string service = "web-svc";
  std::string ns = "sts-grader-t1";
  int initial = 3, scale_up = 5, scale_down = 2, back_up = 5, delete_ordinal = 1;
  int ordinals_start = 0;          // .spec.ordinals.start; indices below are counted from it
  // When set, the grader's marker writes fail with this stderr (a readOnly
  // mount: "Read-only file system"; non-root without fsGroup: "Permission denied").
  std::string marker_write_error;
  // A second volumeClaimTemplate "seed" that only an initContainer mounts:
  // its claims exist, the grader reads none of them (as volume_targets.cc).
  bool init_only_claim = false;
  // Pod addresses: "v4" (default), "v6" (IPv6-only: podIP fd00:10:244::N),
  // "dual" (podIP IPv4, podIPs IPv4 and IPv6). DNS answers what CoreDNS would.
  std::string ip_family = "v4";
  bool parallel = false;           // podManagementPolicy: Parallel
  bool rewrite_at_start = false;   // the Lab 04 reference: `echo … > index.html` at each start
  bool retention_delete = false;   // persistentVolumeClaimRetentionPolicy.whenScaled: Delete
  bool headless = true;            // service clusterIP: None
  bool service_name_matches = true;  // spec.serviceName names the submitted Service
  bool selector_matches = true;    // the Service selector matches the pod labels
  bool claim_templates = true;     // volumeClaimTemplates present
  // What the app writes at start; {name}, {ordinal} and {date} are replaced.
  std::string proof = "Pod: {name}\nDate: {date}\n";
};

inline const char* kMount = "/usr/share/nginx/html";

// A tiny cluster: it keeps the objects and records what a watch would see.
class FakeRun {
 public:
  explicit FakeRun(RunOptions o = {}) : opt(std::move(o)) {
    obs.namespace_ = opt.ns;
    obs.statefulset = opt.sts;
    obs.scenario_params = {{"initial_replicas", opt.initial},
                           {"delete_ordinal", opt.ordinals_start + opt.delete_ordinal},
                           {"deleted_pod", name(opt.delete_ordinal)},
                           {"scale_up_replicas", opt.scale_up},
                           {"scale_down_replicas", opt.scale_down},
                           {"scale_back_up_replicas", opt.back_up}};
    obs.statefulset_manifest = statefulset_manifest();
    obs.manifests = {service_manifest(), obs.statefulset_manifest};
  }

  RunOptions opt;
  Observations obs;
  double t = 0;
  long seq = 0;
  std::map<std::string, Json> pods, pvcs, pvs;
  std::map<std::string, std::map<std::string, std::string>> volumes;  // PV -> files
  int uids = 0, ips = 10;

  std::string claim(int i) const { return "www-" + name(i); }
  // The i-th pod: <sts>-(start+i).
  std::string name(int i) const { return opt.sts + "-" + std::to_string(opt.ordinals_start + i); }

  Json statefulset_manifest() const {
    Json s = {{"apiVersion", "apps/v1"},
              {"kind", "StatefulSet"},
              {"metadata", {{"name", opt.sts}, {"namespace", opt.ns}}},
              {"spec",
               {{"serviceName", opt.service_name_matches ? opt.service : "wrong-svc"},
                {"replicas", opt.initial},
                {"selector", {{"matchLabels", {{"app", opt.sts}}}}},
                {"template",
                 {{"metadata", {{"labels", {{"app", opt.sts}}}}},
                  {"spec",
                   {{"containers",
                     Json::array({{{"name", "nginx"},
                                   {"image", "nginx:1.21"},
                                   {"volumeMounts", Json::array({{{"name", "www"},
                                                                  {"mountPath", kMount}}})}}})}}}}}}}};
    if (opt.claim_templates)
      s["spec"]["volumeClaimTemplates"] = Json::array(
          {{{"metadata", {{"name", "www"}}},
            {"spec", {{"accessModes", {"ReadWriteOnce"}},
                      {"resources", {{"requests", {{"storage", "100Mi"}}}}}}}}});
    if (opt.claim_templates && opt.init_only_claim) {
      s["spec"]["volumeClaimTemplates"].push_back(
          {{"metadata", {{"name", "seed"}}},
           {"spec", {{"accessModes", {"ReadWriteOnce"}}, {"resources", {{"requests", {{"storage", "10Mi"}}}}}}}});
      s["spec"]["template"]["spec"]["initContainers"] = Json::array(
          {{{"name", "seed"}, {"image", "busybox:1.36"},
            {"volumeMounts", Json::array({{{"name", "seed"}, {"mountPath", "/seed"}}})}}});
    }
    if (opt.parallel) s["spec"]["podManagementPolicy"] = "Parallel";
    if (opt.ordinals_start) s["spec"]["ordinals"] = {{"start", opt.ordinals_start}};
    if (opt.retention_delete)
      s["spec"]["persistentVolumeClaimRetentionPolicy"] = {{"whenScaled", "Delete"},
                                                           {"whenDeleted", "Retain"}};
    return s;
  }

  Json service_manifest() const {
    Json s = {{"apiVersion", "v1"},
              {"kind", "Service"},
              {"metadata", {{"name", opt.service}, {"namespace", opt.ns}}},
              {"spec",
               {{"selector", {{"app", opt.selector_matches ? opt.sts : "other"}}},
                {"ports", Json::array({{{"port", 80}, {"name", "web"}}})}}}};
    if (opt.headless) s["spec"]["clusterIP"] = "None";
    return s;
  }

  void tick(double dt = 0.1) { t += dt; }
  void event(const std::string& type, const std::string& kind, const Json& object) {
    obs.timeline.add({seq++, t, type, kind, object});
  }
  void mark(const std::string& id) {
    obs.marks.push_back({id, "step " + id, seq, t});
    tick(0.05);
  }

  std::string date() const {
    char buf[64];
    int s = static_cast<int>(t * 10);  // distinct per tenth of a second
    std::snprintf(buf, sizeof buf, "Mon Nov 21 15:%02d:%02d UTC 2025", (s / 60) % 60, s % 60);
    return buf;
  }
  std::string proof_for(int i) const {
    std::string p = opt.proof;
    auto subst = [&p](const std::string& key, const std::string& value) {
      for (size_t at; (at = p.find(key)) != std::string::npos;) p.replace(at, key.size(), value);
    };
    subst("{name}", name(i));
    subst("{ordinal}", std::to_string(opt.ordinals_start + i));
    subst("{date}", date());
    return p;
  }

  // ---- pods and claims ----
  void ensure_claim(int i) {
    if (!opt.claim_templates) return;
    ensure_named_claim(claim(i));
    if (opt.init_only_claim) ensure_named_claim("seed-" + name(i));
  }
  void ensure_named_claim(const std::string& name) {
    if (pvcs.count(name)) return;
    std::string pv = "pvc-" + std::to_string(++uids) + "-vol";
    Json pvc = {{"metadata", {{"name", name}, {"namespace", opt.ns},
                              {"uid", "pvc-uid-" + std::to_string(uids)},
                              {"labels", {{"app", opt.sts}}}}},
                {"spec", {{"accessModes", {"ReadWriteOnce"}}}},
                {"status", {{"phase", "Pending"}}}};
    event("ADDED", "PersistentVolumeClaim", pvc);
    tick();
    pvc["spec"]["volumeName"] = pv;
    pvc["status"]["phase"] = "Bound";
    pvcs[name] = pvc;
    pvs[pv] = {{"metadata", {{"name", pv}}},
               {"spec", {{"claimRef", {{"name", name},
                                       {"uid", pvc["metadata"]["uid"]}}}}},
               {"status", {{"phase", "Bound"}}}};
    event("ADDED", "PersistentVolume", pvs[pv]);
    event("MODIFIED", "PersistentVolumeClaim", pvc);
    volumes[pv];
  }

  std::string volume_of(int i) {
    auto it = pvcs.find(claim(i));
    return it == pvcs.end() ? "" : str_at(it->second, {"spec", "volumeName"});
  }

  void create_pod(int i) {
    ensure_claim(i);
    Json volumes_json = Json::array();
    if (opt.claim_templates)
      volumes_json.push_back({{"name", "www"}, {"persistentVolumeClaim", {{"claimName", claim(i)}}}});
    if (opt.claim_templates && opt.init_only_claim)
      volumes_json.push_back({{"name", "seed"}, {"persistentVolumeClaim", {{"claimName", "seed-" + name(i)}}}});
    Json p = {{"metadata", {{"name", name(i)}, {"namespace", opt.ns},
                            {"uid", "pod-uid-" + std::to_string(++uids)},
                            {"labels", {{"app", opt.sts}}},
                            {"ownerReferences", Json::array({{{"apiVersion", "apps/v1"},
                                                              {"kind", "StatefulSet"},
                                                              {"name", opt.sts},
                                                              {"controller", true}}})}}},
              {"spec", {{"hostname", name(i)}, {"subdomain", opt.service},
                        {"volumes", volumes_json},
                        {"containers", obs.statefulset_manifest["spec"]["template"]["spec"]
                                                                ["containers"]}}},
              {"status", {{"phase", "Pending"},
                          {"conditions", Json::array({{{"type", "Ready"},
                                                       {"status", "False"}}})}}}};
    pods[name(i)] = p;
    event("ADDED", "Pod", p);
    tick();
  }
  void run_pod(int i) {
    Json& p = pods[name(i)];
    p["status"]["phase"] = "Running";
    int n = ++ips;
    std::string v4 = "10.244.0." + std::to_string(n), v6 = "fd00:10:244::" + std::to_string(n);
    p["status"]["podIP"] = opt.ip_family == "v6" ? v6 : v4;
    if (opt.ip_family == "v6") p["status"]["podIPs"] = Json::array({{{"ip", v6}}});
    if (opt.ip_family == "dual") p["status"]["podIPs"] = Json::array({{{"ip", v4}}, {{"ip", v6}}});
    p["status"]["containerStatuses"] = Json::array(
        {{{"name", "nginx"}, {"ready", false}, {"restartCount", 0},
          {"state", {{"running", {{"startedAt", "2025-11-21T15:00:00Z"}}}}}}});
    // The app's start command writes its proof into the volume.
    std::string pv = volume_of(i);
    if (!pv.empty()) {
      std::string file = std::string(kMount) + "/index.html";
      if (opt.rewrite_at_start || !volumes[pv].count(file)) volumes[pv][file] = proof_for(i);
    }
    event("MODIFIED", "Pod", p);
    tick(1.0);
  }
  void ready_pod(int i) {
    Json& p = pods[name(i)];
    p["status"]["conditions"][0]["status"] = "True";
    p["status"]["containerStatuses"][0]["ready"] = true;
    event("MODIFIED", "Pod", p);
    tick();
  }
  void start_pod(int i) {
    create_pod(i);
    run_pod(i);
    ready_pod(i);
  }
  void terminate_pod(int i) {
    Json& p = pods[name(i)];
    p["metadata"]["deletionTimestamp"] = "2025-11-21T15:10:00Z";
    event("MODIFIED", "Pod", p);
    tick(0.5);
  }
  void remove_pod(int i) {
    event("DELETED", "Pod", pods[name(i)]);
    pods.erase(name(i));
    tick();
  }
  void delete_claim(int i) {
    auto it = pvcs.find(claim(i));
    if (it == pvcs.end()) return;
    std::string pv = volume_of(i);
    it->second["metadata"]["deletionTimestamp"] = "2025-11-21T15:11:00Z";
    event("MODIFIED", "PersistentVolumeClaim", it->second);
    event("DELETED", "PersistentVolumeClaim", it->second);
    event("DELETED", "PersistentVolume", pvs[pv]);
    pvcs.erase(it);
    pvs.erase(pv);
    volumes.erase(pv);
    tick();
  }

  // Creates pods [from, to) the way the policy does.
  void create_range(int from, int to) {
    if (opt.parallel) {
      for (int i = from; i < to; ++i) create_pod(i);
      for (int i = from; i < to; ++i) run_pod(i);
      for (int i = from; i < to; ++i) ready_pod(i);
    } else {
      for (int i = from; i < to; ++i) start_pod(i);
    }
  }
  // Removes pods [from, to), highest first.
  void remove_range(int from, int to) {
    if (opt.parallel) {
      for (int i = to - 1; i >= from; --i) terminate_pod(i);
      for (int i = to - 1; i >= from; --i) remove_pod(i);
    } else {
      for (int i = to - 1; i >= from; --i) {
        terminate_pod(i);
        remove_pod(i);
      }
    }
    if (opt.retention_delete)
      for (int i = to - 1; i >= from; --i) delete_claim(i);
  }

  // ---- what the runner records ----
  void snapshot(const std::string& id) {
    mark("snapshot-" + id);  // snapshots are steps of the scenario too
    Snapshot s;
    s.id = id;
    s.t = t;
    s.seq = seq;
    for (auto& [n, p] : pods) s.pods.push_back(p);
    for (auto& [n, c] : pvcs) s.pvcs.push_back(c);
    for (auto& [n, v] : pvs) s.pvs.push_back(v);
    s.statefulsets.push_back(obs.statefulset_manifest);
    Json svc = service_manifest();
    if (!opt.headless) svc["spec"]["clusterIP"] = "10.96.0.42";
    s.services.push_back(svc);
    obs.snapshots[id] = s;
  }
  ExecRecord exec(const std::string& purpose, const std::string& pod,
                  std::vector<std::string> cmd) {
    ExecRecord e;
    e.purpose = purpose;
    e.pod = pod;
    e.container = "nginx";
    e.command = std::move(cmd);
    e.exit_code = 0;
    e.t_start = t;
    tick();
    e.t_end = t;
    return e;
  }
  void read(const std::string& phase, int i) {
    VolumeRead r;
    r.phase = phase;
    r.pod = name(i);
    r.pod_uid = str_at(pods[name(i)], {"metadata", "uid"});
    r.claim = claim(i);
    r.mount_path = kMount;
    r.exec = exec("read-volume", r.pod, {"sh", "-c", "…"});
    std::string pv = volume_of(i);
    for (auto& [path, content] : volumes[pv]) {
      if (path.find(".sts-grader-marker") != std::string::npos) r.marker = content;
      else r.files[path] = content;
    }
    r.ok = true;
    obs.volume_reads.push_back(r);
    obs.execs.push_back(r.exec);
  }
  void write_marker(const std::string& phase, int i) {
    MarkerWrite w;
    w.phase = phase;
    w.pod = name(i);
    w.pod_uid = str_at(pods[name(i)], {"metadata", "uid"});
    w.claim = claim(i);
    w.path = std::string(kMount) + "/.sts-grader-marker";
    w.token = "sts-grader " + phase + " " + w.pod + " " + w.pod_uid;
    w.exec = exec("write-marker", w.pod, {"sh", "-c", "…"});
    if (!opt.marker_write_error.empty()) {
      w.exec.exit_code = 1;
      w.exec.err = "sh: can't create " + w.path + ": " + opt.marker_write_error +
                   "\ncommand terminated with exit code 1\n";
      w.ok = false;
      obs.marker_writes.push_back(w);
      obs.execs.push_back(w.exec);
      return;
    }
    w.ok = true;
    volumes[volume_of(i)][w.path] = w.token;
    obs.marker_writes.push_back(w);
    obs.execs.push_back(w.exec);
  }
  std::string ip(int i) { return str_at(pods[name(i)], {"status", "podIP"}); }
  // What nslookup (A and AAAA) answers for a pod: IPv6 written out in full,
  // as a resolver may, so checks must compare canonical forms.
  std::vector<std::string> answer(const Json& pod) const {
    std::vector<std::string> out;
    const Json& list = node_at(pod, {"status", "podIPs"});
    if (!list.is_array()) return {str_at(pod, {"status", "podIP"})};
    for (const Json& a : list) {
      std::string ip = str_at(a, {"ip"});
      if (ip.find("::") != std::string::npos) ip.replace(ip.find("::"), 2, ":0:0:0:0:");
      out.push_back(ip);
    }
    return out;
  }
  void dns_lookups() {
    bool records = opt.headless && opt.service_name_matches;
    std::string domain = opt.service + "." + opt.ns + ".svc.cluster.local";
    for (auto& [n, p] : pods) {
      DnsLookup d;
      d.phase = "dns";
      d.name = n + "." + domain;
      d.expect_pod = n;
      if (records && opt.selector_matches) d.addresses = answer(p);
      d.attempts = 1;
      d.exec = exec("dns", "dns-probe", {"nslookup", d.name});
      obs.dns.push_back(d);
    }
    DnsLookup svc;
    svc.phase = "dns";
    svc.name = domain;
    if (!opt.headless) svc.addresses = {"10.96.0.42"};
    else if (opt.selector_matches)
      for (auto& [n, p] : pods)
        for (const std::string& a : answer(p)) svc.addresses.push_back(a);
    svc.attempts = 1;
    svc.exec = exec("dns", "dns-probe", {"nslookup", svc.name});
    obs.dns.push_back(svc);
  }

  // The whole Lab 04 section 3 scenario, as the runner performs it.
  Observations run() {
    mark("apply");
    event("ADDED", "Service", service_manifest());
    event("ADDED", "StatefulSet", obs.statefulset_manifest);
    mark("initial-ready");
    create_range(0, opt.initial);
    snapshot("initial");
    mark("read-initial");
    for (int i = 0; i < opt.initial; ++i) read("initial", i);
    mark("write-markers");
    for (int i = 0; i < opt.initial; ++i) write_marker("initial", i);
    mark("dns");
    dns_lookups();
    mark("delete-pod");
    terminate_pod(opt.delete_ordinal);
    remove_pod(opt.delete_ordinal);
    tick(2);
    start_pod(opt.delete_ordinal);
    snapshot("after-delete");
    mark("read-after-delete");
    for (int i = 0; i < opt.initial; ++i) read("after-delete", i);
    mark("scale-up");
    create_range(opt.initial, opt.scale_up);
    snapshot("after-scale-up");
    mark("write-markers-scaled");
    for (int i = opt.initial; i < opt.scale_up; ++i) write_marker("scaled", i);
    mark("read-scaled");
    for (int i = 0; i < opt.scale_up; ++i) read("scaled", i);
    mark("scale-down");
    remove_range(opt.scale_down, opt.scale_up);
    snapshot("after-scale-down");
    mark("scale-back-up");
    tick(3);
    create_range(opt.scale_down, opt.back_up);
    mark("read-after-reuse");
    for (int i = 0; i < opt.back_up; ++i) read("after-reuse", i);
    snapshot("final");
    return obs;
  }
};

// A complete run with these options.
inline Observations lab04_run(RunOptions o = {}) { return FakeRun(std::move(o)).run(); }

// Drops every mark from `step` on, as when the scenario stopped before it,
// and records why.
inline void stop_before(Observations& obs, const std::string& step, bool infrastructure,
                        const std::string& failed_step) {
  for (size_t i = 0; i < obs.marks.size(); ++i)
    if (obs.marks[i].id == step) {
      obs.marks.resize(i);
      break;
    }
  obs.failures.push_back({failed_step, "all pods Ready", "web-2 Pending", infrastructure});
}

// Judges obs with the registered check `id`.
inline CheckResult judge(const std::string& id, const Observations& obs) {
  const Check* c = CheckRegistry::instance().find(id);
  if (!c) throw std::runtime_error("no check " + id);
  return c->judge(obs);
}

// The assertion with this id, or nullptr.
inline const Assertion* assertion(const CheckResult& r, const std::string& id) {
  for (const Assertion& a : r.assertions)
    if (a.id == id) return &a;
  return nullptr;
}
// Whether assertion `id` is there and passed; false when absent.
inline bool passed(const CheckResult& r, const std::string& id) {
  const Assertion* a = assertion(r, id);
  return a && a->passed;
}
// Ids of the failed assertions, for readable expectations.
inline std::vector<std::string> failed_ids(const CheckResult& r) {
  std::vector<std::string> out;
  for (const Assertion& a : r.assertions)
    if (!a.passed) out.push_back(a.id);
  return out;
}
// Everything a report would print, to look for a word in.
inline std::string text_of(const CheckResult& r) {
  std::string s = r.summary + "\n" + r.explanation + "\n" + r.hint + "\n";
  for (const Assertion& a : r.assertions) s += a.id + ": " + a.detail + "\n";
  for (const Evidence& e : r.evidence) s += e.label + ": " + e.text + "\n";
  return s;
}

}  // namespace sts::testing
