// Where each volumeClaimTemplate of a StatefulSet is mounted, per pod.
#pragma once
#include <string>
#include <vector>

#include "grader/cluster/cluster_state.h"

namespace sts {

struct VolumeTarget {
  std::string pod, pod_uid;
  std::string template_name;         // volumeClaimTemplates[].metadata.name
  std::string claim;                 // <template>-<sts>-<ordinal>
  std::string container;             // first container mounting it ("" : none, see below)
  std::string mount_path;            // where that container mounts it
  std::string sub_path;              // its volumeMount's subPath, "" for the whole claim
  std::string node;                  // spec.nodeName of the pod
};

// Targets of every Ready pod of `sts` in the store, one per mounted template.
// Templates only initContainers mount are skipped (nothing to exec into),
// unless `init_only_too`: a reader pod of the grader's own can read those
// too (container "", the initContainer's mount path).
std::vector<VolumeTarget> volume_targets(const Store& s, const Json& statefulset,
                                         const std::string& sts, bool init_only_too = false);

}  // namespace sts
