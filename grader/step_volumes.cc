// ops read-volumes and write-markers: what each pod's persistent volume
// holds, and a marker the grader leaves there to recognise it later.
#include "grader/cluster_state.h"
#include "grader/progress.h"
#include "grader/step.h"
#include "grader/step_util.h"
#include "grader/volume_read.h"
#include "grader/volume_targets.h"

namespace sts {
namespace {

std::vector<VolumeTarget> targets(RunContext& ctx) {
  std::vector<VolumeTarget> out;
  ctx.state->read([&](const Store& s) {
    out = volume_targets(s, ctx.obs->statefulset_manifest, ctx.sts);
  });
  return out;
}

std::string phase_of(const StepSpec& spec) {
  std::string p = str_arg(spec, "phase");
  return p.empty() ? spec.id : p;
}

StepOutcome read_volumes(RunContext& ctx, const StepSpec& spec) {
  std::string boundary = "@@sts-grader-" + ctx.nonce + "@@";
  int ok = 0, n = 0;
  for (const VolumeTarget& t : targets(ctx)) {
    VolumeRead read;
    read.phase = phase_of(spec);
    read.pod = t.pod;
    read.pod_uid = t.pod_uid;
    read.claim = t.claim;
    read.mount_path = t.mount_path;
    std::string full;
    read.exec = exec_in_pod(ctx, "read-volume", t.pod, t.container,
                            read_volume_command(boundary, t.mount_path), spec.timeout, &full);
    if (ctx.abort->load()) return {StepOutcome::kAborted, "volume reads", "interrupted"};
    if (read.exec.exit_code == 0) parse_volume_listing(full, boundary, read);
    ++n;
    ok += read.ok;
    bool infra = !read.ok && exec_infrastructure_error(read.exec);
    ctx.obs->volume_reads.push_back(read);
    if (infra)
      return {StepOutcome::kInfrastructure, "reading " + t.claim + " in " + t.pod,
              read.exec.error.empty() ? read.exec.err : read.exec.error};
  }
  ctx.progress->step(spec.id, "read " + std::to_string(ok) + "/" + std::to_string(n) + " volumes");
  return StepOutcome::ok();
}

StepOutcome write_markers(RunContext& ctx, const StepSpec& spec) {
  int ok = 0, n = 0;
  for (const VolumeTarget& t : targets(ctx)) {
    // Markers are written once per claim: a later write would hide a lost volume.
    if (ctx.obs->marker_for(t.claim)) continue;
    MarkerWrite w;
    w.phase = phase_of(spec);
    w.pod = t.pod;
    w.pod_uid = t.pod_uid;
    w.claim = t.claim;
    w.path = t.mount_path + "/" + kMarkerFile;
    char t_text[32];
    snprintf(t_text, sizeof t_text, "%.1f", ctx.state->now());
    w.token = "sts-grader " + ctx.nonce + " claim=" + t.claim + " pod-uid=" + t.pod_uid +
              " t=" + t_text;
    w.exec = exec_in_pod(ctx, "write-marker", t.pod, t.container,
                         {"sh", "-c", "printf '%s\\n' \"$1\" > \"$2\" && cat \"$2\"", "sts-grader",
                          w.token, w.path},
                         spec.timeout);
    if (ctx.abort->load()) return {StepOutcome::kAborted, "marker writes", "interrupted"};
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
  }
  ctx.progress->step(spec.id, "wrote " + std::to_string(ok) + "/" + std::to_string(n) + " markers");
  return StepOutcome::ok();
}

}  // namespace
STS_REGISTER_STEP("read-volumes", read_volumes);
STS_REGISTER_STEP("write-markers", write_markers);
}  // namespace sts
