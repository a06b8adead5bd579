// Conditions over the current objects, for ClusterState::wait. Each returns
// "" when it holds, else what is still missing, in words a student can act on.
#pragma once
#include <string>

#include "grader/cluster/cluster_state.h"
#include "grader/model/pod_status.h"

namespace sts {

// "Pending (ContainerCreating)", "Running, not Ready", "CrashLoopBackOff (3 restarts)".
std::string pod_state(const Json& pod);

// Pods <sts>-0..n-1 exist, are Ready and not terminating; no higher ordinal
// remains; the StatefulSet's status has caught up with its spec.
ClusterState::Condition replicas_ready(const std::string& sts, int replicas);

// After a scale-down: replicas_ready, and no PVC of the set is being deleted
// or owned by a pod that is gone (a retention policy's deletion still pending).
ClusterState::Condition scale_down_settled(const std::string& sts, int replicas);

// The pod `name` exists with a UID other than `old_uid` and is Ready.
ClusterState::Condition pod_replaced(const std::string& name, const std::string& old_uid);

// One pod, by name, Ready.
ClusterState::Condition pod_is_ready(const std::string& name);

// A pod of the set that will not become Ready by waiting: crash-looping with at
// least `max_restarts` restarts, or an image that cannot be pulled.
ClusterState::Condition pods_hopeless(const std::string& sts, int max_restarts);

// Nothing of the namespace is left: no namespace object, no PV bound to it.
ClusterState::Condition namespace_gone(const std::string& ns);

}  // namespace sts
