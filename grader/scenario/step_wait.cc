// op wait-ready: all replicas of the StatefulSet Ready.
#include "grader/cluster/cluster_state.h"
#include "grader/cluster/conditions.h"
#include "grader/scenario/step.h"
#include "grader/scenario/step_util.h"

namespace sts {
namespace {
StepOutcome wait_ready(RunContext& ctx, const StepSpec& spec) {
  return wait_outcome(ctx, spec,
                      std::to_string(ctx.replicas) + " pods of " + ctx.sts + " Ready",
                      replicas_ready(ctx.sts, ctx.replicas));
}
}  // namespace
STS_REGISTER_STEP("wait-ready", wait_ready, kGiveUpAfterRestarts);
}  // namespace sts
