// Which pod a scenario step means by "ordinal: N" or {pod:N}: the N-th pod of
// the set, counted from .spec.ordinals.start (Kubernetes 1.27+), so scenarios
// written for pods from 0 hold for every legal offset.
#pragma once
#include <string>

#include "grader/scenario/step.h"

namespace sts {

// .spec.ordinals.start of the StatefulSet under test (Kubernetes 1.27+), 0
// when absent: its pods are <sts>-start … <sts>-(start+replicas-1).
int ordinals_start(const RunContext& ctx);

// The pod a scenario's "ordinal: N" means: the N-th pod of the set,
// <sts>-(start+N), clamped to the pods the set has now, so a scenario written
// for ordinals from 0 and three replicas holds for any legal variant.
std::string nth_pod(const RunContext& ctx, int n);

}  // namespace sts
