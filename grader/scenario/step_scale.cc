// op scale: ordered scale-up and reverse-ordered scale-down (Lab 04 §3.3
// tests 7 and 8).
//
//   scale       replicas: N | +N | -N | @step-id
#include "grader/cluster/api_client.h"
#include "grader/cluster/cluster_state.h"
#include "grader/cluster/conditions.h"
#include "grader/cluster/progress.h"
#include "grader/scenario/step.h"
#include "grader/scenario/step_util.h"

namespace sts {
namespace {

std::string sts_path(const RunContext& ctx) {
  return object_path(resource_kind("StatefulSet"), ctx.ns, ctx.sts);
}

// "replicas" is an integer, "+N"/"-N" relative to now, or "@step" (what that step set).
int target_replicas(const RunContext& ctx, const StepSpec& spec) {
  const Json& v = spec.args.value("replicas", Json());
  if (v.is_number_integer()) return v.get<int>();
  std::string s = v.is_string() ? v.get<std::string>() : "";
  if (!s.empty() && s[0] == '@') {
    auto it = ctx.replicas_at.find(s.substr(1));
    if (it == ctx.replicas_at.end())
      throw ScenarioError(spec.describe() + ": replicas \"" + s + "\" names no earlier scale step");
    return it->second;
  }
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    try {
      return ctx.replicas + std::stoi(s);
    } catch (const std::exception&) {
    }
  }
  throw ScenarioError(spec.describe() + ": replicas must be N, +N, -N or @step-id");
}

std::string param_name(const std::string& step_id) {
  std::string p = step_id;
  for (char& c : p)
    if (c == '-') c = '_';
  return p + "_replicas";
}

StepOutcome scale(RunContext& ctx, const StepSpec& spec) {
  int to = target_replicas(ctx, spec);
  if (to < 0) throw ScenarioError(spec.describe() + ": replicas below 0");
  int from = ctx.replicas;
  ctx.replicas_at[spec.id] = to;
  ctx.obs->scenario_params[param_name(spec.id)] = to;
  ctx.progress->step(spec.id, "scaling " + ctx.sts + " from " + std::to_string(from) + " to " +
                                  std::to_string(to));
  try {
    ctx.api->merge_patch(sts_path(ctx), {{"spec", {{"replicas", to}}}});
  } catch (const ApiError& e) {
    return api_failure("scaling " + ctx.sts, e);
  }
  ctx.replicas = to;
  if (to >= from)
    return wait_outcome(ctx, spec, std::to_string(to) + " pods of " + ctx.sts + " Ready",
                        replicas_ready(ctx.sts, to));
  return wait_outcome(ctx, spec,
                      ctx.sts + " settled at " + std::to_string(to) +
                          " pods (removed pods gone, PVC deletions finished)",
                      scale_down_settled(ctx.sts, to));
}

}  // namespace
STS_REGISTER_STEP("scale", scale, {"replicas", ArgType::kText}, kGiveUpAfterRestarts);
}  // namespace sts
