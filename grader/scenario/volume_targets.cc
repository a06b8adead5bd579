#include "grader/scenario/volume_targets.h"

#include <algorithm>

#include "grader/cluster/conditions.h"

namespace sts {
namespace {

// The first container of `list` mounting template `tname`, and that mount.
bool find_mount(const Json& list, const std::string& tname, const Json** container, const Json** mount) {
  if (!list.is_array()) return false;
  for (const Json& c : list) {
    const Json& mounts = node_at(c, {"volumeMounts"});
    if (!mounts.is_array()) continue;
    auto m = std::find_if(mounts.begin(), mounts.end(),
                          [&](const Json& vm) { return str_at(vm, {"name"}) == tname; });
    if (m == mounts.end()) continue;
    *container = &c;
    *mount = &*m;
    return true;
  }
  return false;
}

}  // namespace

std::vector<VolumeTarget> volume_targets(const Store& s, const Json& statefulset,
                                         const std::string& sts, bool init_only_too) {
  std::vector<VolumeTarget> out;
  const Json& templates = node_at(statefulset, {"spec", "volumeClaimTemplates"});
  const Json& containers = node_at(statefulset, {"spec", "template", "spec", "containers"});
  const Json& inits = node_at(statefulset, {"spec", "template", "spec", "initContainers"});
  if (!templates.is_array()) return out;
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
      const Json* c = nullptr;
      const Json* m = nullptr;
      bool app = find_mount(containers, tname, &c, &m);
      if (!app && !(init_only_too && find_mount(inits, tname, &c, &m))) continue;
      out.push_back({name, str_at(*pod, {"metadata", "uid"}), tname, tname + "-" + name,
                     app ? str_at(*c, {"name"}) : "", str_at(*m, {"mountPath"}), str_at(*m, {"subPath"}),
                     str_at(*pod, {"spec", "nodeName"})});
    }
  }
  return out;
}

}  // namespace sts
