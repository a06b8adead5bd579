// The grader's own probe pod: one busybox pod per run in the grading
// namespace, from which DNS lookups (dns-probe) and HTTP requests (http) are
// made the way a student would from inside the cluster. Created when the
// scenario starts (beside the submission's first pods, so it is Ready by the
// time a step needs it), reused by every step.
#pragma once
#include <string>

#include "grader/base/json.h"
#include "grader/model/grader_objects.h"
#include "grader/scenario/step.h"

namespace sts {

// The Pod object (image: the scenario's probe_image).
Json probe_pod_object(const std::string& ns, const std::string& image);

// Creates the probe pod unless it exists, and waits until it is Ready within
// the step's timeout. kOk when usable; the probe is the grader's own pod, so
// any other outcome is infrastructure (or an abort), never the submission's.
StepOutcome ensure_probe_pod(RunContext& ctx, const StepSpec& spec);

// True when a step of the scenario uses the probe pod (dns-probe, http).
bool scenario_uses_probe_pod(const Scenario& scenario);
// Asks for the probe pod without waiting for it; a failure here is only
// reported by ensure_probe_pod, which tries again.
void start_probe_pod(RunContext& ctx);

}  // namespace sts
