#include "grader/cluster/finalizers.h"

#include "grader/cluster/api_client.h"

namespace sts {

bool system_finalizer(const std::string& f) {
  return f.rfind("kubernetes.io/", 0) == 0 || f == "kubernetes" || f == "foregroundDeletion" || f == "orphan";
}

std::vector<std::string> remove_foreign_finalizers(ApiClient& api, const std::string& ns) {
  std::vector<std::string> notes;
  for (const ResourceKind& k : resource_kinds()) {
    if (!k.namespaced || k.kind == "Event") continue;
    Json list;
    try {
      list = api.list(collection_path(k, ns));
    } catch (const std::exception&) {
      continue;  // a kind this cluster does not serve, or the namespace is gone
    }
    const Json& items = node_at(list, {"items"});
    if (!items.is_array()) continue;
    for (const Json& o : items) {
      const Json& f = node_at(o, {"metadata", "finalizers"});
      if (!f.is_array() || f.empty()) continue;
      Json keep = Json::array();
      for (const Json& x : f)
        if (x.is_string() && system_finalizer(x.get<std::string>())) keep.push_back(x);
      if (keep.size() == f.size()) continue;
      const std::string name = str_at(o, {"metadata", "name"});
      try {
        api.merge_patch(object_path(k, ns, name), {{"metadata", {{"finalizers", keep}}}});
        notes.push_back("cleanup: removed finalizers " + f.dump() + " of " + std::string(k.kind) + " " + name);
      } catch (const std::exception& e) {
        notes.push_back("cleanup: could not remove finalizers of " + std::string(k.kind) + " " + name + ": " + e.what());
      }
    }
  }
  return notes;
}

}  // namespace sts
