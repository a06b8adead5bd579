// op rollout: changes the StatefulSet's pod template (the annotation
// sts-grader/rollout: <nonce>) and observes what the controller does with its
// declared updateStrategy — the Lab 15 bonus (partitioned RollingUpdate,
// OnDelete). It waits until the controller has observed the new generation
// and set status.updateRevision; then, for RollingUpdate with partition P
// (0 when absent), until every pod with ordinal >= P runs updateRevision and
// is Ready. For OnDelete nothing is waited for beyond the controller's
// observation: pods are expected to stay as they are.
//
// Checks judge from the pods' controller-revision-hash labels in the
// snapshots after this step and from the timeline of its window (which pods
// were deleted and recreated). What they need is recorded in
// scenario_params.rollouts.<step id>: strategy, partition, replicas,
// generation, revision_before, update_revision, current_revision, and
// pods_after (pod -> revision). A mark "<step id>/end" closes the window.
#include "grader/cluster/api_client.h"
#include "grader/cluster/cluster_state.h"
#include "grader/cluster/conditions.h"
#include "grader/cluster/progress.h"
#include "grader/scenario/rollout_state.h"
#include "grader/scenario/step.h"
#include "grader/scenario/step_util.h"

namespace sts {
namespace {

StepOutcome rollout(RunContext& ctx, const StepSpec& spec) {
  RolloutPlan plan;
  bool found = false;
  ctx.state->read([&](const Store& s) {
    if (const Json* set = s.get("StatefulSet", ctx.sts)) {
      plan = rollout_plan(*set);
      found = true;
    }
  });
  if (!found) return {StepOutcome::kFailed, "StatefulSet " + ctx.sts, "not found"};
  plan.replicas = ctx.replicas;
  const std::string token = ctx.nonce + "-" + spec.id;
  Json& rec = ctx.obs->scenario_params["rollouts"][spec.id];
  rec = {{"strategy", plan.strategy},
         {"partition", plan.partition},
         {"replicas", plan.replicas},
         {"revision_before", plan.revision_before},
         {"current_revision_before", plan.current_before},
         {"annotation", std::string(kRolloutAnnotation) + "=" + token}};
  ctx.progress->step(spec.id, "changing the pod template of " + ctx.sts + " (" + plan.strategy +
                                  (plan.strategy == "OnDelete" ? "" : ", partition " + std::to_string(plan.partition)) +
                                  ")");
  try {
    Json patched = ctx.api->merge_patch(
        object_path(resource_kind("StatefulSet"), ctx.ns, ctx.sts),
        {{"spec", {{"template", {{"metadata", {{"annotations", {{kRolloutAnnotation, token}}}}}}}}}});
    const Json& g = node_at(patched, {"metadata", "generation"});
    plan.generation = g.is_number_integer() ? g.get<long>() : 0;
  } catch (const ApiError& e) {
    if (e.aborted()) return {StepOutcome::kAborted, spec.id, e.what()};
    return {StepOutcome::kInfrastructure, "patching the pod template of " + ctx.sts, e.what()};
  }
  rec["generation"] = plan.generation;

  StepOutcome seen = wait_outcome(ctx, spec, "the controller to observe generation " +
                                                 std::to_string(plan.generation) + " of " + ctx.sts,
                                  [plan](const Store& s) { return rollout_observed(s, plan); });
  if (seen.kind != StepOutcome::kOk) return seen;
  std::string update;
  ctx.state->read([&](const Store& s) {
    if (const Json* set = s.get("StatefulSet", ctx.sts)) update = str_at(*set, {"status", "updateRevision"});
  });
  rec["update_revision"] = update;

  if (plan.strategy != "OnDelete") {
    int from = std::max(plan.start, plan.partition);
    StepOutcome done = wait_outcome(
        ctx, spec,
        "pods " + ctx.sts + "-" + std::to_string(from) + ".." + std::to_string(plan.start + plan.replicas - 1) +
            " at revision " + update + " and Ready",
        [plan, update](const Store& s) { return rollout_applied(s, plan, update); });
    if (done.kind != StepOutcome::kOk) return done;
  }
  Json pods = Json::object();
  ctx.state->read([&](const Store& s) {
    for (const auto& [name, rev] : pod_revisions(s, ctx.sts)) pods[name] = rev;
    if (const Json* set = s.get("StatefulSet", ctx.sts))
      rec["current_revision"] = str_at(*set, {"status", "currentRevision"});
  });
  rec["pods_after"] = pods;
  ctx.obs->marks.push_back({spec.id + "/end", "rollout observed: update revision " + update,
                            ctx.state->next_seq(), ctx.state->now()});
  ctx.progress->step(spec.id, "update revision " + update + "; pods: " + pods.dump());
  return StepOutcome::ok();
}

}  // namespace
STS_REGISTER_STEP("rollout", rollout, kGiveUpAfterRestarts);
}  // namespace sts
