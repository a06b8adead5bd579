#include "grader/submission/isolation.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "grader/submission/dns_rewrite.h"
#include "grader/base/quantity.h"

namespace sts {

namespace {
// obj[key] == true, for sparse objects where obj may be absent (null).
bool is_true(const Json& obj, const char* key) {
  return obj.is_object() && obj.contains(key) && obj[key].is_boolean() && obj[key].get<bool>();
}

// The allow-list: apiVersion -> the kinds of it a lab submission may create
// in its namespace. Everything else (cluster-scoped kinds, CRDs, webhooks,
// Endpoints/EndpointSlices, Ingress, old beta versions, quotas and limits of
// its own) is refused: the grader creates nothing outside its namespace and
// nothing that changes how the namespace is bounded or reached.
const std::map<std::string, std::set<std::string>>& allowed_kinds() {
  static const std::map<std::string, std::set<std::string>> k = {
      {"v1", {"Pod", "Service", "ConfigMap", "Secret", "PersistentVolumeClaim", "ServiceAccount"}},
      {"apps/v1", {"StatefulSet", "Deployment"}},
      {"batch/v1", {"Job", "CronJob"}},
      {"policy/v1", {"PodDisruptionBudget"}},
      {"rbac.authorization.k8s.io/v1", {"Role", "RoleBinding"}},
  };
  return k;
}

// Pod Security "baseline": what a container may add, which sysctls are safe.
const std::set<std::string> kBaselineCapabilities = {"AUDIT_WRITE", "CHOWN",  "DAC_OVERRIDE", "FOWNER",
                                                     "FSETID",      "KILL",   "MKNOD",        "NET_BIND_SERVICE",
                                                     "SETFCAP",     "SETGID", "SETPCAP",      "SETUID",
                                                     "SYS_CHROOT"};
const std::set<std::string> kSafeSysctls = {
    "kernel.shm_rmid_forced",   "net.ipv4.ip_local_port_range", "net.ipv4.ip_unprivileged_port_start",
    "net.ipv4.tcp_syncookies",  "net.ipv4.ping_group_range",    "net.ipv4.ip_local_reserved_ports",
    "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout",  "net.ipv4.tcp_keepalive_intvl",
    "net.ipv4.tcp_keepalive_probes"};
// Volume sources that stay inside the namespace; every other one mounts
// something of the node or the network (hostPath, gitRepo, nfs, iscsi, rbd,
// cephfs, flexVolume, inline csi, cloud disks, image…).
const std::set<std::string> kVolumeTypes = {"persistentVolumeClaim", "configMap", "secret", "emptyDir",
                                            "downwardAPI", "projected"};
// What a Role must not grant: the namespace's bounds, RBAC itself (escalation),
// traffic steering and the namespace object.
const std::set<std::string> kForbiddenResources = {"*", "resourcequotas", "limitranges", "roles", "rolebindings",
                                                   "namespaces", "networkpolicies", "endpoints", "endpointslices",
                                                   "serviceaccounts/token", "pods/ephemeralcontainers"};
const std::set<std::string> kForbiddenVerbs = {"*", "escalate", "bind", "impersonate"};

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

class Checker {
 public:
  Checker(const Manifest& m, const PolicyLimits& l, std::vector<PolicyViolation>& out) : m_(m), l_(l), out_(out) {}

  void flag(const std::string& rule, const std::string& pointer, const std::string& what) {
    out_.push_back({m_.where(pointer), m_.kind() + " " + label() + ": " + what, rule});
  }
  std::string label() const {
    const std::string n = m_.name();
    return n.empty() ? str_at(m_.object, {"metadata", "generateName"}) + "*" : n;
  }

  void check_metadata(const Json& meta, const std::string& ptr) {
    for (const char* f : {"name", "generateName"}) {
      const std::string n = str_at(meta, {f});
      if (!n.empty() && reserved_name(n))
        flag("policy/reserved-name", ptr + "/" + f,
             "the name " + n + " is reserved for the grader's own objects (sts-grader-*)");
    }
    const Json& labels = node_at(meta, {"labels"});
    if (labels.is_object() && labels.contains("app.kubernetes.io/managed-by") &&
        labels["app.kubernetes.io/managed-by"] == "sts-grader")
      flag("policy/reserved-name", ptr + "/labels/app.kubernetes.io~1managed-by",
           "the label app.kubernetes.io/managed-by=sts-grader marks the grader's own objects");
    const Json& fin = node_at(meta, {"finalizers"});
    if (fin.is_array() && !fin.empty())
      flag("policy/finalizers", ptr + "/finalizers",
           "finalizers " + fin.dump() + " could keep the grading namespace from being deleted");
    const Json& ann = node_at(meta, {"annotations"});
    if (ann.is_object())
      for (const auto& [k, v] : ann.items()) {
        const std::string val = v.is_string() ? lower(v.get<std::string>()) : "";
        if ((k.rfind("seccomp.security.alpha.kubernetes.io/", 0) == 0 && val == "unconfined"))
          flag("policy/seccomp", ptr + "/annotations", "annotation " + k + ": unconfined turns seccomp off");
        if (k.rfind("container.apparmor.security.beta.kubernetes.io/", 0) == 0 && val == "unconfined")
          flag("policy/apparmor", ptr + "/annotations", "annotation " + k + ": unconfined turns AppArmor off");
      }
  }

  void check_security_context(const Json& sc, const std::string& ptr, const std::string& who, bool container) {
    if (!sc.is_object()) return;
    if (container && is_true(sc, "privileged")) flag("policy/privileged", ptr + "/privileged", who + " is privileged");
    const Json& add = node_at(sc, {"capabilities", "add"});
    if (add.is_array()) {
      std::vector<std::string> beyond;
      for (const Json& c : add) {
        std::string cap = c.is_string() ? c.get<std::string>() : c.dump();
        if (cap.rfind("CAP_", 0) == 0) cap = cap.substr(4);
        if (!kBaselineCapabilities.count(cap)) beyond.push_back(cap);
      }
      if (!beyond.empty()) flag("policy/capabilities", ptr + "/capabilities/add", who + " adds capabilities " + add.dump());
    }
    if (const std::string t = str_at(sc, {"seccompProfile", "type"}); t == "Unconfined")
      flag("policy/seccomp", ptr + "/seccompProfile/type", who + ": seccompProfile Unconfined");
    if (const std::string t = str_at(sc, {"appArmorProfile", "type"}); t == "Unconfined")
      flag("policy/apparmor", ptr + "/appArmorProfile/type", who + ": appArmorProfile Unconfined");
    if (const std::string p = str_at(sc, {"procMount"}); !p.empty() && p != "Default")
      flag("policy/proc-mount", ptr + "/procMount", who + ": procMount " + p + " unmasks /proc");
    if (is_true(node_at(sc, {"windowsOptions"}), "hostProcess"))
      flag("policy/host-namespace", ptr + "/windowsOptions/hostProcess", who + ": hostProcess runs on the node");
    const Json& se = node_at(sc, {"seLinuxOptions"});
    if (se.is_object()) {
      const std::string t = str_at(se, {"type"});
      if ((!t.empty() && t != "container_t" && t != "container_init_t" && t != "container_kvm_t" &&
           t != "container_engine_t") || !str_at(se, {"user"}).empty() || !str_at(se, {"role"}).empty())
        flag("policy/selinux", ptr + "/seLinuxOptions", who + ": custom SELinux options " + se.dump());
    }
    if (!container) {
      const Json& sysctls = node_at(sc, {"sysctls"});
      if (sysctls.is_array())
        for (size_t i = 0; i < sysctls.size(); ++i)
          if (!kSafeSysctls.count(str_at(sysctls[i], {"name"})))
            flag("policy/sysctl", ptr + "/sysctls/" + std::to_string(i),
                 "sysctl " + str_at(sysctls[i], {"name"}) + " is not one of the safe sysctls");
    }
  }

  void check_resources(const Json& c, const std::string& ptr, const std::string& who) {
    const Json& res = node_at(c, {"resources"});
    for (const char* part : {"requests", "limits"}) {
      const Json& r = node_at(res, {part});
      if (!r.is_object()) continue;
      struct Bound {
        const char* name;
        long double max;
        const char* unit;
      };
      const Bound bounds[] = {{"cpu", l_.max_container_cpu, "2 CPUs"},
                              {"memory", l_.max_container_memory, "4Gi"},
                              {"ephemeral-storage", l_.max_container_ephemeral, "4Gi"}};
      for (const auto& [name, max, unit] : bounds) {
        if (!r.contains(name)) continue;
        const Json& v = r[name];
        std::optional<long double> q = parse_quantity(v.is_string() ? v.get<std::string>() : v.dump());
        if (q && *q > max)
          flag("policy/bounds", ptr + "/resources/" + part + "/" + name,
               who + " asks for " + (v.is_string() ? v.get<std::string>() : v.dump()) + " " + name +
                   ", more than the " + unit + " a lab container may use");
      }
    }
  }

  void check_pod_spec(const Json& spec, const std::string& ptr) {
    for (const char* host : {"hostNetwork", "hostPID", "hostIPC"})
      if (is_true(spec, host)) flag("policy/host-namespace", ptr + "/" + host, std::string(host) + " is not allowed");
    const Json& vols = node_at(spec, {"volumes"});
    if (vols.is_array())
      for (size_t i = 0; i < vols.size(); ++i) check_volume(vols[i], ptr + "/volumes/" + std::to_string(i));
    for (const char* group : {"initContainers", "containers", "ephemeralContainers"}) {
      const Json& cs = node_at(spec, {group});
      if (!cs.is_array()) continue;
      if (std::string(group) == "ephemeralContainers" && !cs.empty()) {
        flag("policy/ephemeral-containers", ptr + "/ephemeralContainers", "ephemeralContainers are not allowed");
        continue;
      }
      for (size_t i = 0; i < cs.size(); ++i) {
        const std::string base = ptr + "/" + group + "/" + std::to_string(i);
        const std::string who = "container " + quoted_name(cs[i]);
        check_security_context(node_at(cs[i], {"securityContext"}), base + "/securityContext", who, true);
        const Json& ports = node_at(cs[i], {"ports"});
        if (ports.is_array())
          for (size_t p = 0; p < ports.size(); ++p) {
            const Json& hp = node_at(ports[p], {"hostPort"});
            if (!hp.is_null() && !(hp.is_number() && hp.get<double>() == 0))
              flag("policy/host-port", base + "/ports/" + std::to_string(p) + "/hostPort",
                   who + " binds hostPort " + hp.dump() + " on the node");
          }
        check_resources(cs[i], base, who);
      }
    }
    check_security_context(node_at(spec, {"securityContext"}), ptr + "/securityContext", "pod", false);
    if (!str_at(spec, {"nodeName"}).empty())
      flag("policy/scheduling", ptr + "/nodeName", "nodeName " + str_at(spec, {"nodeName"}) + " bypasses the scheduler");
    const Json& tol = node_at(spec, {"tolerations"});
    if (tol.is_array())
      for (size_t i = 0; i < tol.size(); ++i) {
        const std::string key = str_at(tol[i], {"key"});
        // Faster failover (Kubernetes' own default, shortened) is a lab's business.
        const Json& secs = node_at(tol[i], {"tolerationSeconds"});
        if ((key == "node.kubernetes.io/not-ready" || key == "node.kubernetes.io/unreachable") &&
            str_at(tol[i], {"effect"}) == "NoExecute" && secs.is_number() && secs.get<double>() <= 300)
          continue;
        if ((key.empty() && str_at(tol[i], {"operator"}) == "Exists") ||
            key.rfind("node-role.kubernetes.io/", 0) == 0 || key.rfind("node.kubernetes.io/", 0) == 0)
          flag("policy/scheduling", ptr + "/tolerations/" + std::to_string(i),
               "toleration " + tol[i].dump() + " lets the pod onto control-plane or unhealthy nodes");
      }
    if (!str_at(spec, {"priorityClassName"}).empty() || spec.contains("priority"))
      flag("policy/scheduling", ptr + (spec.contains("priority") ? "/priority" : "/priorityClassName"),
           "a priority (" + str_at(spec, {"priorityClassName"}) + ") would preempt other students' pods");
    if (!str_at(spec, {"runtimeClassName"}).empty())
      flag("policy/scheduling", ptr + "/runtimeClassName", "runtimeClassName " + str_at(spec, {"runtimeClassName"}) + " is not allowed");
  }

  void check_volume(const Json& v, const std::string& ptr) {
    if (!v.is_object()) return;
    const std::string name = str_at(v, {"name"});
    for (const auto& [type, body] : v.items()) {
      if (type == "name") continue;
      if (!kVolumeTypes.count(type)) {
        flag("policy/volume-type", ptr + "/" + type, type + " volume \"" + name + "\" is not allowed");
        continue;
      }
      if (type != "projected") continue;
      const Json& sources = node_at(body, {"sources"});
      if (!sources.is_array()) continue;
      for (size_t i = 0; i < sources.size(); ++i) {
        const std::string sp = ptr + "/projected/sources/" + std::to_string(i);
        for (const auto& [src, sbody] : sources[i].items()) {
          if (src == "configMap" || src == "secret" || src == "downwardAPI") continue;
          if (src == "serviceAccountToken") {
            if (!str_at(sbody, {"audience"}).empty())
              flag("policy/projected-token", sp + "/serviceAccountToken/audience",
                   "projected token for audience " + str_at(sbody, {"audience"}) +
                       " (only the default service-account token may be projected)");
            continue;
          }
          flag("policy/projected-token", sp + "/" + src, "projected source " + src + " is not allowed");
        }
      }
    }
  }

  void check_service() {
    const Json& spec = node_at(m_.object, {"spec"});
    // NodePort and LoadBalancer are placed as ClusterIP (place()); other types leave the cluster.
    const std::string type = str_at(spec, {"type"});
    if (!type.empty() && type != "ClusterIP" && type != "NodePort" && type != "LoadBalancer")
      flag("policy/service", "/spec/type", "type " + type + " (only ClusterIP and headless Services stay inside the cluster)");
    const Json& ext = node_at(spec, {"externalIPs"});
    if (ext.is_array() && !ext.empty())
      flag("policy/service", "/spec/externalIPs", "externalIPs " + ext.dump() + " capture traffic of the whole cluster");
    for (const char* f : {"externalName", "loadBalancerIP", "loadBalancerSourceRanges"})
      if (spec.contains(f)) flag("policy/service", std::string("/spec/") + f, std::string(f) + " is not allowed");
  }

  void check_role() {
    const Json& rules = node_at(m_.object, {"rules"});
    if (!rules.is_array()) return;
    for (size_t i = 0; i < rules.size(); ++i) {
      const std::string ptr = "/rules/" + std::to_string(i);
      auto any_of = [&](const char* field, const std::set<std::string>& bad) {
        const Json& list = node_at(rules[i], {field});
        if (list.is_array())
          for (const Json& x : list)
            if (x.is_string() && bad.count(lower(x.get<std::string>()))) return x.get<std::string>();
        return std::string();
      };
      if (std::string r = any_of("resources", kForbiddenResources); !r.empty())
        flag("policy/rbac", ptr + "/resources", "grants access to " + r + " (the namespace's bounds or RBAC)");
      else if (std::string v = any_of("verbs", kForbiddenVerbs); !v.empty())
        flag("policy/rbac", ptr + "/verbs", "grants the verb " + v);
      else if (std::string g = any_of("apiGroups", {"*"}); !g.empty())
        flag("policy/rbac", ptr + "/apiGroups", "grants every API group");
      if (rules[i].contains("nonResourceURLs")) flag("policy/rbac", ptr + "/nonResourceURLs", "nonResourceURLs are cluster-wide");
    }
  }

  void check_role_binding(const std::set<std::string>& own_namespaces) {
    const std::string rk = str_at(m_.object, {"roleRef", "kind"});
    if (rk != "Role")
      flag("policy/rbac", "/roleRef", "binding a " + (rk.empty() ? std::string("role of no kind") : rk) + " (" +
                                          str_at(m_.object, {"roleRef", "name"}) + ") is not allowed");
    const Json& subjects = node_at(m_.object, {"subjects"});
    if (!subjects.is_array()) return;
    for (size_t i = 0; i < subjects.size(); ++i) {
      const std::string ptr = "/subjects/" + std::to_string(i);
      const std::string kind = str_at(subjects[i], {"kind"});
      const std::string ns = str_at(subjects[i], {"namespace"});
      if (kind != "ServiceAccount")
        flag("policy/rbac", ptr, "subject " + kind + " " + str_at(subjects[i], {"name"}) +
                                     " (only the namespace's own ServiceAccounts may be bound)");
      else if (!ns.empty() && !own_namespaces.count(ns))
        flag("policy/rbac", ptr + "/namespace", "subject ServiceAccount " + ns + "/" + str_at(subjects[i], {"name"}) +
                                                   " lives in another namespace");
    }
  }

  void check_bounds() {
    const Json& replicas = node_at(m_.object, {"spec", "replicas"});
    if (replicas.is_number() && replicas.get<double>() > static_cast<double>(l_.max_replicas))
      flag("policy/bounds", "/spec/replicas", "replicas " + replicas.dump() + ", more than the " +
                                                  std::to_string(l_.max_replicas) + " a lab workload may run");
    for (const char* p : {"/spec/parallelism", "/spec/completions"}) {
      const Json& n = node_at(m_.object, {"spec", p + 6});
      if (n.is_number() && n.get<double>() > static_cast<double>(l_.max_replicas))
        flag("policy/bounds", p, std::string(p + 6) + " " + n.dump() + " is more than a lab needs");
    }
    auto claim = [&](const Json& spec, const std::string& ptr) {
      const Json& st = node_at(spec, {"resources", "requests", "storage"});
      if (st.is_null()) return;
      const std::string text = st.is_string() ? st.get<std::string>() : st.dump();
      std::optional<long double> q = parse_quantity(text);
      if (q && *q > l_.max_claim_bytes)
        flag("policy/bounds", ptr + "/resources/requests/storage", "claim of " + text + ", more than the 10Gi a lab claim may hold");
    };
    if (m_.kind() == "PersistentVolumeClaim") claim(node_at(m_.object, {"spec"}), "/spec");
    const Json& vcts = node_at(m_.object, {"spec", "volumeClaimTemplates"});
    if (vcts.is_array())
      for (size_t i = 0; i < vcts.size(); ++i) {
        claim(node_at(vcts[i], {"spec"}), "/spec/volumeClaimTemplates/" + std::to_string(i) + "/spec");
        check_metadata(node_at(vcts[i], {"metadata"}), "/spec/volumeClaimTemplates/" + std::to_string(i) + "/metadata");
      }
    // A PVC naming a PV or a selector would take a volume of someone else.
    if (m_.kind() == "PersistentVolumeClaim" && (!str_at(m_.object, {"spec", "volumeName"}).empty() ||
                                                 node_at(m_.object, {"spec", "dataSource"}).is_object() ||
                                                 node_at(m_.object, {"spec", "dataSourceRef"}).is_object()))
      flag("policy/volume-type", "/spec", "a claim may not name an existing volume or data source");
  }

 private:
  static std::string quoted_name(const Json& c) { return "\"" + str_at(c, {"name"}) + "\""; }
  const Manifest& m_;
  const PolicyLimits& l_;
  std::vector<PolicyViolation>& out_;
};
}  // namespace

bool reserved_name(const std::string& name) { return lower(name).rfind("sts-grader", 0) == 0; }

const Json* pod_spec_of(const Json& o, std::string* pointer) {
  std::string kind = str_at(o, {"kind"});
  auto at = [&](std::initializer_list<const char*> path, const char* ptr) -> const Json* {
    const Json& n = node_at(o, path);
    if (!n.is_object()) return nullptr;
    if (pointer) *pointer = ptr;
    return &n;
  };
  if (kind == "Pod") return at({"spec"}, "/spec");
  if (kind == "CronJob")
    return at({"spec", "jobTemplate", "spec", "template", "spec"},
              "/spec/jobTemplate/spec/template/spec");
  if (kind == "StatefulSet" || kind == "Deployment" || kind == "ReplicaSet" ||
      kind == "DaemonSet" || kind == "Job")
    return at({"spec", "template", "spec"}, "/spec/template/spec");
  return nullptr;
}

std::vector<PolicyViolation> find_policy_violations(const std::vector<Manifest>& manifests,
                                                    const PolicyLimits& limits) {
  std::vector<PolicyViolation> out;
  std::set<std::string> own_namespaces;  // a subject there is rewritten with the object
  for (const Manifest& m : manifests)
    if (m.kind() == "Namespace") own_namespaces.insert(m.name());
    else own_namespaces.insert(m.namespace_().empty() ? "default" : m.namespace_());  // kubectl's default
  size_t objects = 0;
  for (const Manifest& m : manifests) {
    const std::string kind = m.kind();
    const std::string api = str_at(m.object, {"apiVersion"});
    if (kind == "Namespace" && api == "v1") continue;  // dropped, the grader owns the namespace
    Checker c(m, limits, out);
    if (++objects == limits.max_objects + 1)
      c.flag("policy/bounds", "", "more than " + std::to_string(limits.max_objects) + " objects in one submission");
    auto group = allowed_kinds().find(api);
    if (group == allowed_kinds().end() || !group->second.count(kind)) {
      std::string why = "cluster-scoped or unknown";
      for (const auto& [v, kinds] : allowed_kinds())
        if (kinds.count(kind) && v != api) why = "use apiVersion " + v;
      out.push_back({m.pos, kind + " " + m.name() + ": kind not allowed (" + api + "; " + why +
                                "; a submission may only create the namespaced objects the labs use)",
                     "policy/kind"});
      continue;
    }
    c.check_metadata(node_at(m.object, {"metadata"}), "/metadata");
    const std::string ns = m.namespace_();
    if (ns.rfind("kube-", 0) == 0)
      c.flag("policy/namespace", "/metadata/namespace", "objects in the system namespace " + ns + " are not allowed");
    if (kind == "Service") c.check_service();
    if (kind == "Role") c.check_role();
    if (kind == "RoleBinding") c.check_role_binding(own_namespaces);
    c.check_bounds();
    std::string ptr;
    if (const Json* spec = pod_spec_of(m.object, &ptr)) {
      if (kind != "Pod") {  // the pod template's metadata: names, labels, annotations
        const std::string tptr = ptr.substr(0, ptr.size() - 5) + "/metadata";
        c.check_metadata(kind == "CronJob" ? node_at(m.object, {"spec", "jobTemplate", "spec", "template", "metadata"})
                                           : node_at(m.object, {"spec", "template", "metadata"}),
                         tptr);
      }
      c.check_pod_spec(*spec, ptr);
    }
  }
  return out;
}

std::vector<std::string> policy_violations(const std::vector<Manifest>& manifests) {
  std::vector<std::string> out;
  for (const PolicyViolation& v : find_policy_violations(manifests))
    out.push_back(v.pos.str() + ": " + v.message + " [" + v.rule + "]");
  return out;
}

std::string make_cluster_ip(Json& service) {
  const std::string type = str_at(service, {"spec", "type"});
  if (type != "NodePort" && type != "LoadBalancer") return "";
  Json& spec = service["spec"];
  std::vector<std::string> ports;
  if (spec.contains("ports") && spec["ports"].is_array())
    for (Json& port : spec["ports"])
      if (port.is_object() && port.contains("nodePort")) {
        ports.push_back(port["nodePort"].dump());
        port.erase("nodePort");
      }
  spec["type"] = "ClusterIP";
  for (const char* f : {"externalTrafficPolicy", "healthCheckNodePort", "allocateLoadBalancerNodePorts", "loadBalancerClass"})
    spec.erase(f);
  std::string what = "Service " + str_at(service, {"metadata", "name"}) + ": type " + type;
  if (!ports.empty()) {
    what += " (nodePort";
    for (const std::string& n : ports) what += " " + n;
    what += ")";
  }
  return what + " placed as ClusterIP: a fixed nodePort collides across students graded at once, and the checks use ClusterIP";
}

Placement place(const std::vector<Manifest>& manifests, const std::string& grading_ns) {
  std::vector<std::string> violations = policy_violations(manifests);
  if (!violations.empty()) {
    std::string msg = "submission refused (" + std::to_string(violations.size()) +
                      " policy violation" + (violations.size() == 1 ? "" : "s") +
                      "; nothing was applied):";
    for (const std::string& v : violations) msg += "\n  " + v;
    throw ManifestError(msg);
  }
  Placement p;
  std::set<std::string> seen;
  auto note_ns = [&](const std::string& ns) {
    if (!ns.empty() && seen.insert(ns).second) p.submitted_namespaces.push_back(ns);
  };
  for (const Manifest& m : manifests) {
    if (m.kind() == "Namespace") {
      note_ns(m.name());
      p.notes.push_back(m.pos.str() + ": Namespace " + m.name() + " not created; objects run in " +
                        grading_ns);
      continue;
    }
    Manifest placed = m;
    std::string ns = m.namespace_();
    note_ns(ns);
    placed.object["metadata"]["namespace"] = grading_ns;
    if (m.kind() == "Service")
      if (std::string n = make_cluster_ip(placed.object); !n.empty()) p.notes.push_back(m.where("/spec/type").str() + ": " + n);
    // A RoleBinding's subjects move with it (the policy allowed only the
    // submission's own namespaces), so they never name a real other namespace.
    if (m.kind() == "RoleBinding" && placed.object.contains("subjects") && placed.object["subjects"].is_array())
      for (Json& s : placed.object["subjects"])
        if (s.is_object() && s.contains("namespace")) s["namespace"] = grading_ns;
    p.objects.push_back(std::move(placed));
  }
  for (const std::string& ns : p.submitted_namespaces)
    p.notes.push_back("namespace " + ns + " rewritten to " + grading_ns);
  // DNS names of those namespaces (objects without one are in "default").
  std::vector<std::string> dns_from = p.submitted_namespaces;
  dns_from.push_back("default");
  for (Manifest& m : p.objects)
    if (rewrite_namespace_dns(m.object, dns_from, grading_ns) > 0)
      p.notes.push_back(m.pos.str() + ": " + m.kind() + " " + m.name() + ": DNS names *.<namespace>.svc rewritten to *." +
                        grading_ns + ".svc");
  return p;
}

}  // namespace sts
