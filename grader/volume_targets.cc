#include "grader/volume_targets.h"

#include <algorithm>

#include "grader/conditions.h"

namespace sts {

std::vector<VolumeTarget> volume_targets(const Store& s, const Json& statefulset,
                                         const std::string& sts) {
  std::vector<VolumeTarget> out;
  const Json& templates = node_at(statefulset, {"spec", "volumeClaimTemplates"});
  const Json& containers = node_at(statefulset, {"spec", "template", "spec", "containers"});
  if (!templates.is_array() || !containers.is_array()) return out;
  std::vector<const Json*> pods = s.list("Pod");
  std::sort(pods.begin(), pods.end(), [&](const Json* a, const Json* b) {
    return ordinal_of(str_at(*a, {"metadata", "name"}), sts) <
           ordinal_of(str_at(*b, {"metadata", "name"}), sts);
  });
  for (const Json* pod : pods) {
    std::string name = str_at(*pod, {"metadata", "name"});
    if (ordinal_of(name, sts) < 0 || !pod_ready(*pod) || terminating(*pod)) continue;
    for (const Json& t : templates) {
      std::string tname = str_at(t, {"metadata", "name"});
      for (const Json& c : containers) {
        const Json& mounts = node_at(c, {"volumeMounts"});
        if (!mounts.is_array()) continue;
        auto m = std::find_if(mounts.begin(), mounts.end(),
                              [&](const Json& vm) { return str_at(vm, {"name"}) == tname; });
        if (m == mounts.end()) continue;
        out.push_back({name, str_at(*pod, {"metadata", "uid"}), tname, tname + "-" + name,
                       str_at(c, {"name"}), str_at(*m, {"mountPath"})});
        break;
      }
    }
  }
  return out;
}

}  // namespace sts
