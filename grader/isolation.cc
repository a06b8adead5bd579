#include "grader/isolation.h"

#include <algorithm>
#include <set>

#include "grader/dns_rewrite.h"

namespace sts {

namespace {
// obj[key] == true, for sparse objects where obj may be absent (null).
bool is_true(const Json& obj, const char* key) {
  return obj.is_object() && obj.contains(key) && obj[key].is_boolean() && obj[key].get<bool>();
}

// Kinds a lab submission may create inside its namespace. Anything else —
// cluster-scoped kinds, webhooks, CRDs, unknown kinds — is refused: the grader
// never creates outside its own namespace.
const std::set<std::string> kNamespacedKinds = {
    "Pod", "Service", "StatefulSet", "Deployment", "ReplicaSet", "DaemonSet", "Job",
    "CronJob", "ConfigMap", "Secret", "PersistentVolumeClaim", "PodDisruptionBudget",
    "ServiceAccount", "Role", "RoleBinding", "NetworkPolicy", "Ingress",
    "HorizontalPodAutoscaler", "LimitRange", "ResourceQuota", "Endpoints",
    "EndpointSlice"};

void check_pod_spec(const Manifest& m, const Json& spec, const std::string& ptr,
                    std::vector<PolicyViolation>& out) {
  auto flag = [&](const std::string& field, const std::string& what) {
    out.push_back({m.where(ptr + field), m.kind() + " " + m.name() + ": " + what});
  };
  for (const char* host : {"hostNetwork", "hostPID", "hostIPC"})
    if (is_true(spec, host)) flag(std::string("/") + host, std::string(host) + " is not allowed");
  const Json& vols = node_at(spec, {"volumes"});
  if (vols.is_array())
    for (size_t i = 0; i < vols.size(); ++i)
      if (vols[i].contains("hostPath"))
        flag("/volumes/" + std::to_string(i) + "/hostPath",
             "hostPath volume \"" + str_at(vols[i], {"name"}) + "\" is not allowed");
  for (const char* group : {"initContainers", "containers", "ephemeralContainers"}) {
    const Json& cs = node_at(spec, {group});
    if (!cs.is_array()) continue;
    for (size_t i = 0; i < cs.size(); ++i) {
      std::string base = std::string("/") + group + "/" + std::to_string(i) + "/securityContext";
      const Json& sc = node_at(cs[i], {"securityContext"});
      std::string cname = str_at(cs[i], {"name"});
      if (is_true(sc, "privileged"))
        flag(base + "/privileged", "container \"" + cname + "\" is privileged");
      const Json& add = node_at(sc, {"capabilities", "add"});
      if (add.is_array() && !add.empty())
        flag(base + "/capabilities/add",
             "container \"" + cname + "\" adds capabilities " + add.dump());
    }
  }
}
}  // namespace

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

std::vector<PolicyViolation> find_policy_violations(const std::vector<Manifest>& manifests) {
  std::vector<PolicyViolation> out;
  for (const Manifest& m : manifests) {
    std::string kind = m.kind();
    if (kind == "Namespace") continue;  // dropped, the grader owns the namespace
    if (!kNamespacedKinds.count(kind)) {
      out.push_back({m.pos, kind + " " + m.name() +
                                ": kind not allowed (cluster-scoped or unknown; a submission may "
                                "only create namespaced workload objects)"});
      continue;
    }
    std::string ns = m.namespace_();
    if (ns.rfind("kube-", 0) == 0)
      out.push_back({m.where("/metadata/namespace"),
                     kind + " " + m.name() + ": objects in the system namespace " + ns + " are not allowed"});
    if (kind == "RoleBinding" && str_at(m.object, {"roleRef", "kind"}) == "ClusterRole")
      out.push_back({m.where("/roleRef"), "RoleBinding " + m.name() + ": binding a ClusterRole (" +
                                             str_at(m.object, {"roleRef", "name"}) + ") is not allowed"});
    std::string ptr;
    if (const Json* spec = pod_spec_of(m.object, &ptr)) check_pod_spec(m, *spec, ptr, out);
  }
  return out;
}

std::vector<std::string> policy_violations(const std::vector<Manifest>& manifests) {
  std::vector<std::string> out;
  for (const PolicyViolation& v : find_policy_violations(manifests))
    out.push_back(v.pos.str() + ": " + v.message);
  return out;
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
