// What a StatefulSet rollout looks like on the informers' store (op rollout):
// the plan taken from the live object before the template changes, and the
// two conditions the op waits for.
#pragma once
#include <map>
#include <string>

#include "grader/cluster/cluster_state.h"

namespace sts {

inline constexpr const char* kRolloutAnnotation = "sts-grader/rollout";
inline constexpr const char* kRevisionLabel = "controller-revision-hash";

struct RolloutPlan {
  std::string sts;
  std::string strategy = "RollingUpdate";   // or OnDelete
  int partition = 0;                 // rollingUpdate.partition, 0 when absent
  int start = 0;                     // .spec.ordinals.start
  int replicas = 0;
  std::string revision_before;       // status.updateRevision before the change
  std::string current_before;        // status.currentRevision before the change
  long generation = 0;               // metadata.generation after the change
};

// The plan from the live StatefulSet (before the patch; generation set later).
RolloutPlan rollout_plan(const Json& statefulset);

// "" once status.observedGeneration >= plan.generation and updateRevision is set.
std::string rollout_observed(const Store& s, const RolloutPlan& plan);
// "" once every pod with ordinal >= partition (RollingUpdate) runs
// `update_revision` and is Ready; always "" for OnDelete.
std::string rollout_applied(const Store& s, const RolloutPlan& plan, const std::string& update_revision);

// Pod name -> controller-revision-hash of the set's pods now.
std::map<std::string, std::string> pod_revisions(const Store& s, const std::string& sts);

}  // namespace sts
