// op write-markers: a marker the grader leaves in each claim, to recognise
// the volume when a pod or the set comes back (identity, PVC reuse).
//
//   phase: <name>          MarkerWrite phase (default: step id)
//   via: exec | reader-pod grader/scenario/volume_access.h
#include <map>

#include "grader/cluster/cluster_state.h"
#include "grader/cluster/progress.h"
#include "grader/scenario/step.h"
#include "grader/scenario/step_util.h"
#include "grader/scenario/volume_access.h"

namespace sts {
namespace {

StepOutcome write_markers(RunContext& ctx, const StepSpec& spec) {
  int ok = 0, n = 0;
  // Markers are written once per claim: a later write would hide a lost volume.
  std::vector<VolumeTarget> todo;
  for (const VolumeTarget& t : step_volume_targets(ctx, via_reader(spec)))
    if (!ctx.obs->marker_for(t.claim)) todo.push_back(t);
  std::map<std::string, MarkerWrite> writes;  // by claim
  StepOutcome out = exec_each_target(
      ctx, spec, todo, "marker writes",
      [&](const VolumeTarget& t, const VolumeAccess& a) {
        MarkerWrite& w = writes[t.claim];
        w.phase = volume_phase(spec);
        w.pod = t.pod;
        w.pod_uid = t.pod_uid;
        w.claim = t.claim;
        w.path = t.mount_path + "/" + kMarkerFile;  // as the app sees it
        char t_text[32];
        snprintf(t_text, sizeof t_text, "%.1f", ctx.state->now());
        w.token = "sts-grader " + ctx.nonce + " claim=" + t.claim + " pod-uid=" + t.pod_uid +
                  " t=" + t_text;
        return ExecRequest{"write-marker", a.pod, a.container,
                           {"sh", "-c", "printf '%s\\n' \"$1\" > \"$2\" && cat \"$2\"", "sts-grader",
                            w.token, a.path + "/" + kMarkerFile}};
      },
      [&](const VolumeTarget& t, const VolumeAccess&, const ExecAnswer& answer) -> StepOutcome {
        MarkerWrite& w = writes[t.claim];
        w.exec = answer.record;
        std::string echoed = w.exec.out;
        while (!echoed.empty() && echoed.back() == '\n') echoed.pop_back();
        w.ok = w.exec.exit_code == 0 && echoed == w.token;
        ++n;
        ok += w.ok;
        bool infra = !w.ok && exec_infrastructure_error(w.exec);
        ctx.obs->marker_writes.push_back(w);
        if (infra)
          return {StepOutcome::kInfrastructure, "writing a marker into " + t.claim,
                  w.exec.error.empty() ? w.exec.err : w.exec.error};
        return StepOutcome::ok();
      });
  if (out.kind != StepOutcome::kOk) return out;
  ctx.progress->step(spec.id, "wrote " + std::to_string(ok) + "/" + std::to_string(n) + " markers");
  return StepOutcome::ok();
}

}  // namespace
STS_REGISTER_STEP("write-markers", write_markers, {"phase", ArgType::kText}, {"via", ArgType::kText});
}  // namespace sts
