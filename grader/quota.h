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

#include "grader/cluster_state.h"
#include "grader/json.h"

namespace sts {

struct GradingQuota {
  // ResourceQuota hard limits (Kubernetes quantities).
  std::string pods = "12";                   // terminating pods count until they are gone
  std::string persistentvolumeclaims = "12";
  std::string requests_storage = "20Gi";
  std::string requests_cpu = "2";
  std::string requests_memory = "4Gi";
  std::string limits_memory = "12Gi";        // 12 pods at the default limit
  // LimitRange defaults for each container that sets none.
  std::string default_request_cpu = "50m";
  std::string default_request_memory = "64Mi";
  std::string default_limit_memory = "1Gi";  // above any request a lab sets
};

inline constexpr const char* kQuotaName = "sts-grader-quota";
inline constexpr const char* kLimitRangeName = "sts-grader-limits";

Json resource_quota_object(const std::string& ns, const GradingQuota& q);
Json limit_range_object(const std::string& ns, const GradingQuota& q);

// The quota controller has counted the namespace: until then the API server
// refuses every pod and claim ("status unknown for quota").
ClusterState::Condition quota_counted(const std::string& name);

}  // namespace sts
