#include "grader/quota.h"

namespace sts {

namespace {
Json meta(const std::string& name, const std::string& ns) {
  return {{"name", name},
          {"namespace", ns},
          {"labels", {{"app.kubernetes.io/managed-by", "sts-grader"}}}};
}
}  // namespace

Json resource_quota_object(const std::string& ns, const GradingQuota& q) {
  return {{"apiVersion", "v1"},
          {"kind", "ResourceQuota"},
          {"metadata", meta(kQuotaName, ns)},
          {"spec",
           {{"hard",
             {{"pods", q.pods},
              {"persistentvolumeclaims", q.persistentvolumeclaims},
              {"requests.storage", q.requests_storage},
              {"requests.cpu", q.requests_cpu},
              {"requests.memory", q.requests_memory},
              {"limits.memory", q.limits_memory}}}}}};
}

Json limit_range_object(const std::string& ns, const GradingQuota& q) {
  return {{"apiVersion", "v1"},
          {"kind", "LimitRange"},
          {"metadata", meta(kLimitRangeName, ns)},
          {"spec",
           {{"limits",
             Json::array({{{"type", "Container"},
                           {"defaultRequest",
                            {{"cpu", q.default_request_cpu},
                             {"memory", q.default_request_memory}}},
                           {"default", {{"memory", q.default_limit_memory}}}}})}}}};
}

ClusterState::Condition quota_counted(const std::string& name) {
  return [name](const Store& s) -> std::string {
    const Json* rq = s.get("ResourceQuota", name);
    if (!rq) return "ResourceQuota " + name + " not seen yet";
    const Json& hard = node_at(*rq, {"status", "hard"});
    const Json& used = node_at(*rq, {"status", "used"});
    if (!hard.is_object() || hard.empty() || !used.is_object())
      return "ResourceQuota " + name + " not counted by the quota controller yet";
    return "";
  };
}

}  // namespace sts
