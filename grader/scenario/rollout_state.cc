#include "grader/scenario/rollout_state.h"

#include "grader/cluster/conditions.h"

namespace sts {

RolloutPlan rollout_plan(const Json& sts) {
  RolloutPlan p;
  p.sts = str_at(sts, {"metadata", "name"});
  std::string type = str_at(sts, {"spec", "updateStrategy", "type"});
  if (!type.empty()) p.strategy = type;
  const Json& part = node_at(sts, {"spec", "updateStrategy", "rollingUpdate", "partition"});
  if (part.is_number_integer()) p.partition = part.get<int>();
  const Json& start = node_at(sts, {"spec", "ordinals", "start"});
  if (start.is_number_integer()) p.start = start.get<int>();
  const Json& r = node_at(sts, {"spec", "replicas"});
  p.replicas = r.is_number_integer() ? r.get<int>() : 1;
  p.revision_before = str_at(sts, {"status", "updateRevision"});
  p.current_before = str_at(sts, {"status", "currentRevision"});
  return p;
}

std::string rollout_observed(const Store& s, const RolloutPlan& plan) {
  const Json* set = s.get("StatefulSet", plan.sts);
  if (!set) return "StatefulSet " + plan.sts + " is gone";
  const Json& og = node_at(*set, {"status", "observedGeneration"});
  long observed = og.is_number_integer() ? og.get<long>() : 0;
  if (observed < plan.generation)
    return "the controller has observed generation " + std::to_string(observed) + " of " +
           std::to_string(plan.generation);
  if (str_at(*set, {"status", "updateRevision"}).empty()) return "status.updateRevision is not set";
  return "";
}

std::string rollout_applied(const Store& s, const RolloutPlan& plan, const std::string& update_revision) {
  if (plan.strategy == "OnDelete") return "";
  std::string gaps;
  for (int i = std::max(plan.start, plan.partition); i < plan.start + plan.replicas; ++i) {
    std::string name = plan.sts + "-" + std::to_string(i);
    const Json* pod = s.get("Pod", name);
    std::string gap;
    if (!pod) gap = name + " not created yet";
    else if (terminating(*pod)) gap = name + " terminating";
    else if (str_at(*pod, {"metadata", "labels", kRevisionLabel}) != update_revision)
      gap = name + " at revision " + str_at(*pod, {"metadata", "labels", kRevisionLabel}) + ", not " + update_revision;
    else if (!pod_ready(*pod)) gap = name + " " + pod_state(*pod);
    if (!gap.empty()) gaps += (gaps.empty() ? "" : "; ") + gap;
  }
  return gaps;
}

std::map<std::string, std::string> pod_revisions(const Store& s, const std::string& sts) {
  std::map<std::string, std::string> out;
  for (const Json* p : s.list("Pod")) {
    std::string name = str_at(*p, {"metadata", "name"});
    if (ordinal_of(name, sts) >= 0) out[name] = str_at(*p, {"metadata", "labels", kRevisionLabel});
  }
  return out;
}

}  // namespace sts
