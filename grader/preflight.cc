#include "grader/preflight.h"

#include <set>

#include "grader/api_client.h"

namespace sts {

std::string normalize_image(const std::string& ref) {
  std::string r = ref;
  size_t slash = r.find('/');
  std::string first = slash == std::string::npos ? "" : r.substr(0, slash);
  // A registry host has a dot or a port, or is localhost; otherwise Docker Hub.
  bool has_host = !first.empty() && (first.find('.') != std::string::npos ||
                                     first.find(':') != std::string::npos || first == "localhost");
  if (!has_host) r = (slash == std::string::npos ? "docker.io/library/" : "docker.io/") + r;
  size_t last_slash = r.rfind('/');
  bool has_tag = r.find(':', last_slash) != std::string::npos;
  if (!has_tag && r.find('@') == std::string::npos) r += ":latest";
  return r;
}

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

namespace {

// SelfSubjectAccessReview: asks the API server, creates nothing.
bool allowed(ApiClient& api, const std::string& verb, const std::string& resource) {
  Json review = {{"apiVersion", "authorization.k8s.io/v1"},
                 {"kind", "SelfSubjectAccessReview"},
                 {"spec", {{"resourceAttributes", {{"verb", verb}, {"resource", resource}}}}}};
  Json r = api.create("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", review);
  const Json& a = node_at(r, {"status", "allowed"});
  return a.is_boolean() && a.get<bool>();
}

// A cluster without the authorization API (or that forbids the review) cannot
// tell; the run will find out on its first create.
bool allowed_or_unknown(ApiClient& api, const std::string& verb, const std::string& resource) {
  try {
    return allowed(api, verb, resource);
  } catch (const ApiError& e) {
    if (e.transport()) throw;
    return true;
  }
}

}  // namespace

PreflightResult preflight(ApiClient& api, const Json& sts, const std::vector<Manifest>& objects,
                          std::string* server_version) {
  PreflightResult out;
  *server_version = str_at(api.version(), {"gitVersion"});
  for (const char* verb : {"create", "delete"})
    if (!allowed_or_unknown(api, verb, "namespaces"))
      out.problems.push_back(std::string("your credentials may not ") + verb +
                             " namespaces: the grader works in a namespace of its own (ask for a "
                             "context with that right, or use a local cluster such as minikube/kind)");
  if (std::string p = storage_class_problem(sts, api.list(collection_path(resource_kind("StorageClass"))));
      !p.empty())
    out.problems.push_back(p);
  try {
    std::vector<std::string> pull = images_to_pull(api.list("/api/v1/nodes"), objects);
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
