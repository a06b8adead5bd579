#include "grader/scenario/probe_pod.h"

#include "grader/cluster/api_client.h"
#include "grader/cluster/cluster_state.h"
#include "grader/cluster/conditions.h"

namespace sts {

Json probe_pod_object(const std::string& ns, const std::string& image) {
  return {{"apiVersion", "v1"},
          {"kind", "Pod"},
          {"metadata",
           {{"name", kProbePod},
            {"namespace", ns},
            {"labels", {{"app.kubernetes.io/managed-by", "sts-grader"}}}}},
          {"spec",
           {{"terminationGracePeriodSeconds", 0},
            {"restartPolicy", "Never"},
            {"containers",
             Json::array({{{"name", kProbeContainer},
                           {"image", image},
                           {"imagePullPolicy", "IfNotPresent"},
                           {"command", Json::array({"sleep", "3600"})}}})}}}};
}

bool scenario_uses_probe_pod(const Scenario& scenario) {
  for (const StepSpec& s : scenario.steps)
    if (s.op == "dns-probe" || s.op == "http") return true;
  return false;
}

namespace {

// Asks for the probe pod. A 409 (created meanwhile, or not yet seen by the
// informer) is no failure: the wait for it decides.
void create_probe_pod(RunContext& ctx) {
  try {
    ctx.api->create(collection_path(resource_kind("Pod"), ctx.ns), probe_pod_object(ctx.ns, ctx.scenario->probe_image));
  } catch (const ApiError& e) {
    if (!e.conflict()) throw;
  }
}

}  // namespace

void start_probe_pod(RunContext& ctx) {
  try {
    create_probe_pod(ctx);
  } catch (const ApiError&) {
    // ensure_probe_pod asks again, and classifies what it gets.
  }
}

StepOutcome ensure_probe_pod(RunContext& ctx, const StepSpec& spec) {
  bool exists = false;
  ctx.state->read([&](const Store& s) {
    const Json* p = s.get("Pod", kProbePod);
    exists = p && !terminating(*p);
  });
  if (!exists) {
    try {
      create_probe_pod(ctx);
    } catch (const ApiError& e) {
      return {e.aborted() ? StepOutcome::kAborted : StepOutcome::kInfrastructure, "creating the probe pod", e.what()};
    }
  }
  WaitOutcome w = ctx.state->wait("probe pod " + std::string(kProbePod) + " Ready",
                                  pod_is_ready(kProbePod), spec.timeout);
  if (w.met()) return StepOutcome::ok();
  return {w.kind == WaitOutcome::kAborted ? StepOutcome::kAborted : StepOutcome::kInfrastructure,
          "probe pod " + std::string(kProbePod) + " Ready", w.describe()};
}

}  // namespace sts
