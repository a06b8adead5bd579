// op read-volumes: what each pod's persistent volume holds (Lab 04 §3.3
// tests 4, 6 and 10 read it).
//
//   phase: <name>          VolumeRead phase (default: step id)
//   via: exec | reader-pod grader/scenario/volume_access.h
#include <map>

#include "grader/cluster/cluster_state.h"
#include "grader/cluster/progress.h"
#include "grader/scenario/step.h"
#include "grader/scenario/step_util.h"
#include "grader/scenario/volume_access.h"
#include "grader/scenario/volume_read.h"

namespace sts {
namespace {

StepOutcome read_volumes(RunContext& ctx, const StepSpec& spec) {
  std::string boundary = "@@sts-grader-" + ctx.nonce + "@@";
  int ok = 0, n = 0;
  StepOutcome out = exec_each_target(
      ctx, spec, step_volume_targets(ctx, via_reader(spec)), "volume reads",
      [&](const VolumeTarget&, const VolumeAccess& a) {
        return ExecRequest{"read-volume", a.pod, a.container, read_volume_command(boundary, a.path)};
      },
      [&](const VolumeTarget& t, const VolumeAccess& a, const ExecAnswer& answer) -> StepOutcome {
        VolumeRead read;
        read.phase = volume_phase(spec);
        read.pod = t.pod;
        read.pod_uid = t.pod_uid;
        read.claim = t.claim;
        read.mount_path = t.mount_path;
        read.exec = answer.record;
        if (read.exec.exit_code == 0) parse_volume_listing(answer.full_out, boundary, read);
        ++n;
        ok += read.ok;
        bool infra = !read.ok && exec_infrastructure_error(read.exec);
        ctx.obs->volume_reads.push_back(read);
        if (infra)
          return {StepOutcome::kInfrastructure, "reading " + t.claim + " in " + a.pod,
                  read.exec.error.empty() ? read.exec.err : read.exec.error};
        return StepOutcome::ok();
      });
  if (out.kind != StepOutcome::kOk) return out;
  ctx.progress->step(spec.id, "read " + std::to_string(ok) + "/" + std::to_string(n) + " volumes");
  return StepOutcome::ok();
}

}  // namespace
STS_REGISTER_STEP("read-volumes", read_volumes, {"phase", ArgType::kText}, {"via", ArgType::kText});
}  // namespace sts
