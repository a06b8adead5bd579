#include "grader/scenario/step_ordinals.h"

namespace sts {

int ordinals_start(const RunContext& ctx) {
  const Json& n = node_at(ctx.obs->statefulset_manifest, {"spec", "ordinals", "start"});
  return n.is_number_integer() && n.get<int>() > 0 ? n.get<int>() : 0;
}

std::string nth_pod(const RunContext& ctx, int n) {
  if (n >= ctx.replicas) n = ctx.replicas - 1;  // small sets: the last pod
  if (n < 0) n = 0;
  return ctx.sts + "-" + std::to_string(ordinals_start(ctx) + n);
}

}  // namespace sts
