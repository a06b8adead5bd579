// A bounded share of the cluster for one grading namespace: a ResourceQuota
// (how much the namespace may hold at once) and a LimitRange (defaults for
// containers that name no requests or limits, so the quota can count them).
//
// Batch grading runs several submissions at once on one shared cluster; one
// runaway submission must not starve the others. The values fit every lab's
// correct solution with room to spare: Lab 04 scales to 5 pods plus the DNS
// probe; Lab 06 runs 2-3 database pods with 1Gi claims.
#pragma once
#include <string>
#include <vector>

#include "grader/cluster/cluster_state.h"
#include "grader/base/json.h"
#include "grader/model/grader_objects.h"
#include "grader/submission/manifest.h"
#include "grader/scenario/scenario.h"

namespace sts {

struct GradingQuota {
  // ResourceQuota hard limits (Kubernetes quantities).
  std::string pods = "12";                   // terminating pods count until they are gone
  std::string persistentvolumeclaims = "12";
  std::string requests_storage = "20Gi";
  std::string requests_cpu = "2";
  std::string requests_memory = "4Gi";
  std::string limits_memory = "12Gi";        // 12 pods at the default limit
  std::string requests_ephemeral = "4Gi";
  std::string limits_ephemeral = "24Gi";     // 12 pods at the default limit
  // Object counts: a lab needs a handful; 5,000 Secrets would load etcd.
  std::string objects = "40";                // configmaps, secrets, services each
  std::string workloads = "10";              // statefulsets, deployments, jobs each
  // LimitRange defaults for each container that sets none.
  std::string default_request_cpu = "50m";
  std::string default_request_memory = "64Mi";
  std::string default_limit_memory = "1Gi";  // above any request a lab sets
  std::string default_request_ephemeral = "50Mi";
  std::string default_limit_ephemeral = "2Gi";  // a container filling the node's disk is evicted
};

// The quota of one run: the defaults above, raised to fit the submission's
// own per-pod requests and limits (containers without one count the
// LimitRange default) times the most replicas each workload will run, the
// StatefulSet `statefulset` at `peak_replicas`, plus the grader's probe and
// reader pods and room for pods still terminating. A legal submission is
// never refused by it: lint's policy/bounds caps (grader/submission/isolation.h) keep
// what it may ask for finite instead.
GradingQuota quota_for(const std::vector<Manifest>& objects, const std::string& statefulset, int peak_replicas);

// The most replicas the scenario's scale steps ask of the StatefulSet that
// starts with `initial` (replicas: N, +N, -N, @step-id).
int scenario_peak_replicas(const Scenario& s, int initial);


Json resource_quota_object(const std::string& ns, const GradingQuota& q);
Json limit_range_object(const std::string& ns, const GradingQuota& q);

// The quota controller has counted the namespace: until then the API server
// refuses every pod and claim ("status unknown for quota").
ClusterState::Condition quota_counted(const std::string& name);

}  // namespace sts
