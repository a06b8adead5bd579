// op delete-pod: the disturbance Lab 04 §3.3 test 6 asks for.
//
//   delete-pod  ordinal: N        deletes the N-th pod, <sts>-(start+N) (.spec.ordinals.start,
//                                 clamped to the set's pods); waits for its replacement Ready
//               selector: "app=x" or the first Ready pod matching (a Deployment's,
//                                 Lab 06 1.11); waits until as many pods match and
//                                 are Ready as before, none the deleted one.
//                                 Records scenario_params.deleted_by_selector.<id>
#include "grader/cluster/api_client.h"
#include "grader/cluster/cluster_state.h"
#include "grader/cluster/conditions.h"
#include "grader/model/pod_status.h"
#include "grader/scenario/pod_target.h"
#include "grader/cluster/progress.h"
#include "grader/scenario/step.h"
#include "grader/scenario/step_ordinals.h"
#include "grader/scenario/step_util.h"

namespace sts {
namespace {

std::string pod_path(const RunContext& ctx, const std::string& name) {
  return object_path(resource_kind("Pod"), ctx.ns, name);
}
// Ready, not terminating pods matching `selector`, other than `except_uid`.
int ready_matching(const Store& s, const std::string& selector, const std::string& except_uid) {
  int n = 0;
  for (const Json* p : s.list("Pod"))
    if (selector_matches(node_at(*p, {"metadata", "labels"}), selector) && pod_ready(*p) && !terminating(*p) &&
        str_at(*p, {"metadata", "uid"}) != except_uid)
      ++n;
  return n;
}

StepOutcome delete_pod_by_selector(RunContext& ctx, const StepSpec& spec, const std::string& selector) {
  PodTarget t{{}, selector, ""};
  StepOutcome ready = wait_outcome(ctx, spec, t.describe() + " Ready", target_ready(t));
  if (ready.kind != StepOutcome::kOk) return ready;
  std::string name, uid;
  int before = 0;
  ctx.state->read([&](const Store& s) {
    name = target_pod(s, t);
    if (const Json* p = s.get("Pod", name)) uid = str_at(*p, {"metadata", "uid"});
    before = ready_matching(s, selector, "");
  });
  ctx.obs->scenario_params["deleted_by_selector"][spec.id] = {
      {"pod", name}, {"uid", uid}, {"selector", selector}, {"ready_before", before}};
  ctx.progress->step(spec.id, "deleting pod " + name + " (uid " + uid + ", matches " + selector + ")");
  try {
    ctx.api->del(pod_path(ctx, name));
  } catch (const ApiError& e) {
    return api_failure("deleting pod " + name, e);
  }
  return wait_outcome(ctx, spec,
                      std::to_string(before) + " Ready pods matching " + selector + " other than " + name,
                      [selector, uid, before](const Store& s) -> std::string {
                        int now = ready_matching(s, selector, uid);
                        return now >= before ? "" : std::to_string(now) + " of " + std::to_string(before) + " Ready";
                      });
}

StepOutcome delete_pod(RunContext& ctx, const StepSpec& spec) {
  if (std::string selector = str_arg(spec, "selector"); !selector.empty()) {
    if (spec.args.contains("ordinal")) throw ScenarioError(spec.describe() + ": give ordinal or selector, not both");
    selector_matches(Json::object(), selector);  // validates it
    return delete_pod_by_selector(ctx, spec, selector);
  }
  std::string name = nth_pod(ctx, int_arg(spec, "ordinal", 1));
  // The real ordinal (start + N), as checks name pods and claims by it.
  ctx.obs->scenario_params["delete_ordinal"] = ordinal_of(name, ctx.sts);
  ctx.obs->scenario_params["deleted_pod"] = name;
  std::string old_uid;
  ctx.state->read([&](const Store& s) {
    if (const Json* p = s.get("Pod", name)) old_uid = str_at(*p, {"metadata", "uid"});
  });
  if (old_uid.empty()) return {StepOutcome::kFailed, "pod " + name + " to delete", "not found"};
  ctx.obs->scenario_params["deleted_pod_uid"] = old_uid;
  ctx.progress->step(spec.id, "deleting pod " + name + " (uid " + old_uid + ")");
  try {
    ctx.api->del(pod_path(ctx, name));
  } catch (const ApiError& e) {
    return api_failure("deleting pod " + name, e);
  }
  StepOutcome w = wait_outcome(ctx, spec, name + " replaced by a new Ready pod",
                               pod_replaced(name, old_uid));
  if (w.kind != StepOutcome::kOk) return w;
  return wait_outcome(ctx, spec, std::to_string(ctx.replicas) + " pods of " + ctx.sts + " Ready",
                      replicas_ready(ctx.sts, ctx.replicas));
}

}  // namespace
STS_REGISTER_STEP("delete-pod", delete_pod, {"ordinal", ArgType::kInt}, {"selector", ArgType::kText},
                  kGiveUpAfterRestarts);
}  // namespace sts
