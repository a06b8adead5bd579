#include "grader/scenario/preflight.h"

#include <algorithm>
#include <set>

#include "grader/cluster/api_client.h"
#include "grader/base/text.h"

namespace sts {

namespace {

void pod_spec_images(const Json& spec, std::set<std::string>& out) {
  for (const char* list : {"containers", "initContainers"}) {
    const Json& cs = node_at(spec, {list});
    if (!cs.is_array()) continue;
    for (const Json& c : cs)
      if (!str_at(c, {"image"}).empty()) out.insert(str_at(c, {"image"}));
  }
}

}  // namespace

std::vector<std::string> images_to_pull(const Json& node_list, const std::vector<Manifest>& objects) {
  std::set<std::string> present;
  for (const Json& node : node_list.value("items", Json::array())) {
    const Json& images = node_at(node, {"status", "images"});
    if (!images.is_array()) continue;
    for (const Json& img : images)
      for (const Json& name : img.value("names", Json::array()))
        if (name.is_string()) present.insert(name.get<std::string>());
  }
  std::set<std::string> wanted;
  for (const Manifest& m : objects) {
    if (m.kind() == "Pod") pod_spec_images(node_at(m.object, {"spec"}), wanted);
    else pod_spec_images(node_at(m.object, {"spec", "template", "spec"}), wanted);
  }
  std::vector<std::string> out;
  for (const std::string& img : wanted)
    if (!present.count(normalize_image(img))) out.push_back(img);
  return out;
}

std::vector<std::string> never_pulled_images(const Json& node_list, const std::vector<Manifest>& objects) {
  const std::vector<std::string> absent = images_to_pull(node_list, objects);
  std::vector<std::string> out;
  for (const Manifest& m : objects) {
    const Json& spec = m.kind() == "Pod" ? node_at(m.object, {"spec"}) : node_at(m.object, {"spec", "template", "spec"});
    for (const char* list : {"initContainers", "containers"}) {
      const Json& cs = node_at(spec, {list});
      if (!cs.is_array()) continue;
      for (const Json& c : cs) {
        const std::string image = str_at(c, {"image"});
        if (str_at(c, {"imagePullPolicy"}) != "Never" ||
            std::find(absent.begin(), absent.end(), image) == absent.end())
          continue;
        out.push_back("image not available: " + normalize_image(image) + " (" + m.kind() + "/" + m.name() +
                      ", container " + str_at(c, {"name"}) +
                      "): imagePullPolicy Never and no node has it. Map it to an image the cluster has: --image-map " +
                      image + "=IMAGE (roster column image_map).");
      }
    }
  }
  return out;
}

std::string storage_class_problem(const Json& sts, const Json& storage_class_list) {
  const Json& templates = node_at(sts, {"spec", "volumeClaimTemplates"});
  if (!templates.is_array() || templates.empty()) return "";
  for (const Json& t : templates)
    if (str_at(t, {"spec", "storageClassName"}).empty()) {
      for (const Json& sc : storage_class_list.value("items", Json::array()))
        if (str_at(sc, {"metadata", "annotations", "storageclass.kubernetes.io/is-default-class"}) == "true")
          return "";
      return "the cluster has no default StorageClass: the submission's PVCs name none, so they "
             "would stay Pending (minikube: `minikube addons enable default-storageclass`; kind "
             "ships one)";
    }
  return "";
}

const std::vector<Permission>& required_permissions() {
  // Why each: the code that needs it. Keep in step with deploy/rbac/clusterrole.yaml.
  static const std::vector<Permission> p = {
      {"", "namespaces", {"create", "delete", "list", "watch"}, false, true, "",
       "the run's own namespace: created, watched until gone, deleted (runner.cc)"},
      {"", "persistentvolumes", {"delete", "list", "watch"}, false, true, "",
       "the volumes of the run's claims, watched until gone; Released ones of a Retain class deleted"},
      {"storage.k8s.io", "storageclasses", {"list"}, false, true, "", "preflight: is there a default StorageClass"},
      {"", "nodes", {"list"}, false, false, "", "preflight: which images a node has already"},
      {"authorization.k8s.io", "selfsubjectaccessreviews", {"create"}, false, false, "",
       "preflight: asking what it may do (creates nothing)"},
      {"authorization.k8s.io", "selfsubjectrulesreviews", {"create"}, false, false, "",
       "preflight: the same, in one request"},
      {"", "pods", {"create", "delete", "get", "list", "patch", "watch"}, true, true, "",
       "probe and volume-reader pods, delete-pod steps, pod states; patch: the finalizer sweep"},
      {"", "pods/exec", {"create", "get"}, true, true, "",
       "kubectl exec: writes, reads, DNS and HTTP probes (get: the WebSocket upgrade)"},
      {"", "pods/log", {"get"}, true, false, "", "the logs of failing pods, for the report"},
      {"", "events", {"list", "watch"}, true, true, "", "the run's timeline"},
      {"", "endpoints", {"list", "watch"}, true, true, "", "which pods a Service lists (DNS check)"},
      {"apps", "replicasets", {"list", "watch"}, true, true, "", "telling a Deployment's pods from a StatefulSet's"},
      {"discovery.k8s.io", "endpointslices", {"list"}, true, true, "", "the finalizer sweep before cleanup"},
      {"", "resourcequotas", {"create", "list", "watch"}, true, true, "",
       "batch (--quota): the namespace's bounds, watched until counted"},
      {"", "limitranges", {"create", "list"}, true, true, "", "batch (--quota): default container limits"},
      {"", "persistentvolumeclaims", {"list", "watch"}, true, true, "", "the claims and their volumes"},
      {"", "services", {"list", "watch"}, true, true, "", "the Services of the submission"},
      {"", "configmaps", {"list"}, true, true, "", "the finalizer sweep before cleanup"},
      {"", "secrets", {"list"}, true, true, "", "the finalizer sweep before cleanup"},
      {"apps", "statefulsets", {"list", "patch", "watch"}, true, true, "",
       "the StatefulSet's state; patch: the scale and rollout steps"},
      {"apps", "deployments", {"list", "watch"}, true, true, "", "stateless workloads of the submission"},
      {"policy", "poddisruptionbudgets", {"list"}, true, true, "", "the finalizer sweep before cleanup"},
      // kubectl apply: get (does it exist), create, patch (it did).
      {"", "pods", {"create", "get", "patch"}, true, true, "Pod", "kubectl apply"},
      {"", "services", {"create", "get", "patch"}, true, true, "Service", "kubectl apply"},
      {"", "configmaps", {"create", "get", "patch"}, true, true, "ConfigMap", "kubectl apply"},
      {"", "secrets", {"create", "get", "patch"}, true, true, "Secret", "kubectl apply"},
      {"", "persistentvolumeclaims", {"create", "get", "patch"}, true, true, "PersistentVolumeClaim", "kubectl apply"},
      {"", "serviceaccounts", {"create", "get", "patch"}, true, true, "ServiceAccount", "kubectl apply"},
      {"apps", "statefulsets", {"create", "get", "patch"}, true, true, "StatefulSet", "kubectl apply"},
      {"apps", "deployments", {"create", "get", "patch"}, true, true, "Deployment", "kubectl apply"},
      {"batch", "jobs", {"create", "get", "patch"}, true, true, "Job", "kubectl apply"},
      {"batch", "cronjobs", {"create", "get", "patch"}, true, true, "CronJob", "kubectl apply"},
      {"policy", "poddisruptionbudgets", {"create", "get", "patch"}, true, true, "PodDisruptionBudget", "kubectl apply"},
      {"rbac.authorization.k8s.io", "roles", {"create", "get", "patch"}, true, true, "Role",
       "kubectl apply (a Role may grant only what the grader holds)"},
      {"rbac.authorization.k8s.io", "rolebindings", {"create", "get", "patch"}, true, true, "RoleBinding",
       "kubectl apply"},
  };
  return p;
}

std::vector<Permission> needed_permissions(const std::vector<Manifest>& objects) {
  std::set<std::string> kinds;
  for (const Manifest& m : objects) kinds.insert(m.kind());
  std::vector<Permission> out;
  for (const Permission& p : required_permissions())
    if (p.for_kind.empty() || kinds.count(p.for_kind)) out.push_back(p);
  return out;
}

std::string permission_scope_name(const Permission& p) {
  std::string n = p.resource;
  if (!p.group.empty()) {
    size_t slash = n.find('/');  // kubectl's resource.group/subresource
    n = slash == std::string::npos ? n + "." + p.group : n.substr(0, slash) + "." + p.group + n.substr(slash);
  }
  return p.namespaced ? n + " in sts-grader-*" : n;
}

std::string permission_doc_row(const Permission& p) {
  std::string name = permission_scope_name(p);
  if (p.namespaced) name = name.substr(0, name.size() - std::string(" in sts-grader-*").size());
  std::string where = p.namespaced ? "sts-grader-*" : "cluster";
  if (!p.for_kind.empty()) where += ", when the submission has a " + p.for_kind;
  return "| `" + name + "` | " + join(p.verbs) + " | " + where + " | " + p.why + " |";
}

bool rules_allow(const Json& resource_rules, const std::string& group, const std::string& resource,
                 const std::string& verb) {
  if (!resource_rules.is_array()) return false;
  size_t slash = resource.find('/');
  std::string sub = slash == std::string::npos ? "" : resource.substr(slash);  // "/exec"
  auto has = [](const Json& list, auto match) {
    if (!list.is_array()) return false;
    for (const Json& x : list)
      if (x.is_string() && match(x.get<std::string>())) return true;
    return false;
  };
  for (const Json& r : resource_rules) {
    // resourceNames: granted for named objects only, never a create or a list.
    if (node_at(r, {"resourceNames"}).is_array() && !node_at(r, {"resourceNames"}).empty()) continue;
    if (!has(node_at(r, {"verbs"}), [&](const std::string& v) { return v == "*" || v == verb; })) continue;
    if (!has(node_at(r, {"apiGroups"}), [&](const std::string& g) { return g == "*" || g == group; })) continue;
    // RBAC: "*" matches every resource and subresource; "*/exec" one subresource of all.
    if (has(node_at(r, {"resources"}), [&](const std::string& x) {
          return x == "*" || x == resource || (!sub.empty() && x == "*" + sub);
        }))
      return true;
  }
  return false;
}

std::string missing_permissions_line(const std::vector<Permission>& missing, bool essential) {
  if (missing.empty()) return "";
  std::vector<std::string> parts;
  for (const Permission& p : missing) parts.push_back(permission_scope_name(p) + ": " + join(p.verbs));
  return std::string(essential ? "your credentials lack what the grader needs: "
                               : "your credentials lack what the grader uses but can do without: ") +
         join(parts, "; ") + " (deploy/rbac grants exactly what it needs: docs/least-privilege.md)";
}

namespace {

// SelfSubjectAccessReview: asks the API server, creates nothing.
bool allowed(ApiClient& api, const std::string& verb, const Permission& p) {
  size_t slash = p.resource.find('/');
  Json attrs = {{"verb", verb}, {"group", p.group}, {"resource", p.resource.substr(0, slash)}};
  if (slash != std::string::npos) attrs["subresource"] = p.resource.substr(slash + 1);
  if (p.namespaced) attrs["namespace"] = kPreflightNamespace;
  Json review = {{"apiVersion", "authorization.k8s.io/v1"},
                 {"kind", "SelfSubjectAccessReview"},
                 {"spec", {{"resourceAttributes", attrs}}}};
  Json r = api.create("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", review);
  const Json& a = node_at(r, {"status", "allowed"});
  return a.is_boolean() && a.get<bool>();
}

// A cluster without the authorization API (or that forbids the review) cannot
// tell; the run will find out on its first create.
bool allowed_or_unknown(ApiClient& api, const std::string& verb, const Permission& p) {
  try {
    return allowed(api, verb, p);
  } catch (const ApiError& e) {
    if (e.transport()) throw;
    return true;
  }
}

// One SelfSubjectRulesReview answers most of the list in one request; what it
// does not grant (or an authorizer it cannot speak for) is asked one by one.
Json rules_in_grading_namespace(ApiClient& api) {
  try {
    Json r = api.create("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews",
                        {{"apiVersion", "authorization.k8s.io/v1"},
                         {"kind", "SelfSubjectRulesReview"},
                         {"spec", {{"namespace", kPreflightNamespace}}}});
    return node_at(r, {"status", "resourceRules"});
  } catch (const ApiError& e) {
    if (e.transport()) throw;
    return Json();
  }
}

}  // namespace

PreflightResult preflight(ApiClient& api, const Json& sts, const std::vector<Manifest>& objects,
                          std::string* server_version) {
  PreflightResult out;
  *server_version = str_at(api.version(), {"gitVersion"});
  {
    Json rules = rules_in_grading_namespace(api);
    std::vector<Permission> missing[2];  // [0] not essential, [1] essential
    for (const Permission& p : needed_permissions(objects)) {
      Permission lack = p;
      lack.verbs.clear();
      for (const std::string& v : p.verbs)
        if (!rules_allow(rules, p.group, p.resource, v) && !allowed_or_unknown(api, v, p)) lack.verbs.push_back(v);
      if (!lack.verbs.empty()) missing[p.essential].push_back(lack);
    }
    if (!missing[1].empty()) out.problems.push_back(missing_permissions_line(missing[1], true));
    if (!missing[0].empty()) out.notices.push_back(missing_permissions_line(missing[0], false));
  }
  if (std::string p = storage_class_problem(sts, api.list(collection_path(resource_kind("StorageClass"))));
      !p.empty())
    out.problems.push_back(p);
  try {
    const Json nodes = api.list("/api/v1/nodes");
    for (const std::string& p : never_pulled_images(nodes, objects)) out.problems.push_back(p);
    std::vector<std::string> pull = images_to_pull(nodes, objects);
    if (!pull.empty()) {
      std::string names;
      for (const std::string& i : pull) names += (names.empty() ? "" : ", ") + i;
      out.notices.push_back("images not on any node yet, to be pulled: " + names +
                            " (an offline cluster cannot; grading would stop at the first wait)");
    }
  } catch (const ApiError& e) {
    if (e.transport()) throw;  // the cluster is gone: not a nicety any more
    // Listing nodes is a nicety; restricted users may not.
  }
  return out;
}

}  // namespace sts
