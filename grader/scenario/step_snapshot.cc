// op snapshot: the objects as they are now, plus `kubectl get` for the report.
#include "grader/cluster/cluster_state.h"
#include "grader/cluster/kubectl.h"
#include "grader/scenario/step.h"
#include "grader/scenario/step_util.h"

namespace sts {
namespace {
StepOutcome snapshot(RunContext& ctx, const StepSpec& spec) {
  Snapshot snap;
  snap.id = str_arg(spec, "as");
  if (snap.id.empty()) snap.id = spec.id;
  snap.t = ctx.state->now();
  snap.seq = ctx.state->next_seq();
  ctx.state->read([&](const Store& s) {
    auto copy = [&](const char* kind, std::vector<Json>& into) {
      for (const Json* o : s.list(kind)) into.push_back(*o);
    };
    copy("Pod", snap.pods);
    copy("PersistentVolumeClaim", snap.pvcs);
    copy("PersistentVolume", snap.pvs);
    copy("StatefulSet", snap.statefulsets);
    copy("Service", snap.services);
    copy("Endpoints", snap.endpoints);
    copy("Deployment", snap.deployments);
    copy("ReplicaSet", snap.replicasets);
  });
  // Lab 15's `kubectl get po,sts,svc,pvc`, with Deployments when there are any (Lab 06).
  std::string kinds = snap.deployments.empty() ? "po,sts,svc,pvc" : "po,deploy,sts,svc,pvc";
  ProcessResult r = ctx.kubectl->run({"get", kinds, "-n", ctx.ns, "-o", "wide"}, "",
                                     spec.timeout);
  snap.kubectl_get = r.exit_code == 0 ? r.out : "(kubectl get failed: " + r.err + r.error + ")";
  ctx.obs->snapshots[snap.id] = std::move(snap);
  return StepOutcome::ok();
}
}  // namespace
STS_REGISTER_STEP("snapshot", snapshot, {"as", ArgType::kText});
}  // namespace sts
