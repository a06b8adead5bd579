// Where each volumeClaimTemplate of a StatefulSet is mounted, per pod.
#pragma once
#include <string>
#include <vector>

#include "grader/cluster_state.h"

namespace sts {

struct VolumeTarget {
  std::string pod, pod_uid;
  std::string template_name;         // volumeClaimTemplates[].metadata.name
  std::string claim;                 // <template>-<sts>-<ordinal>
  std::string container;             // first container mounting it
  std::string mount_path;
};

// Targets of every Ready pod of `sts` in the store, one per mounted template
// (templates no container mounts are skipped: there is nothing to read).
std::vector<VolumeTarget> volume_targets(const Store& s, const Json& statefulset,
                                         const std::string& sts);

}  // namespace sts
