// Which pod a step (http, exec) addresses, and when that pod can be used:
// named pods (all Ready), the first Ready pod matching a label selector, or
// any Ready pod of the StatefulSet under test. Judged on the informers' store.
#pragma once
#include <string>
#include <vector>

#include "grader/cluster/cluster_state.h"

namespace sts {

struct PodTarget {
  std::vector<std::string> pods;     // named pods; all must be Ready
  std::string selector;              // else: "app=api,tier!=db" (equality-based)
  std::string sts;                   // else: any pod <sts>-N
  std::string describe() const;      // "pod web-0", "a pod matching app=api", "a pod of web"
};

// Equality-based label selector as kubectl takes it: terms "k=v", "k==v",
// "k!=v", "k" (exists) and "!k", joined by commas. Throws ScenarioError when
// malformed.
bool selector_matches(const Json& labels, const std::string& selector);

// "" when the target can be used now, else what is missing (for waits).
std::string target_gap(const Store& s, const PodTarget& t);
// The pod to use now: the first named pod, else the first Ready, not
// terminating pod by name matching the selector (or of the set); "" if none.
std::string target_pod(const Store& s, const PodTarget& t);
// UIDs of the Ready pods the target covers: a change means a pod was replaced.
std::string target_uids(const Store& s, const PodTarget& t);

ClusterState::Condition target_ready(const PodTarget& t);

}  // namespace sts
