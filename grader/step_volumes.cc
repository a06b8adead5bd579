// ops read-volumes and write-markers: what each pod's persistent volume
// holds, and a marker the grader leaves there to recognise it later.
//
//   phase: <name>          VolumeRead/MarkerWrite phase (default: step id)
//   via: exec | reader-pod exec (default): through the app's own container;
//                          reader-pod: through a busybox pod of the grader's
//                          own per node, mounting the claims there
//                          (grader/volume_reader.h), deleted before the step
//                          ends; also reads claims only initContainers mount
#include <map>
#include <optional>

#include "grader/api_client.h"
#include "grader/cluster_state.h"
#include "grader/conditions.h"
#include "grader/progress.h"
#include "grader/step.h"
#include "grader/step_util.h"
#include "grader/volume_read.h"
#include "grader/volume_reader.h"
#include "grader/volume_targets.h"

namespace sts {
namespace {

bool via_reader(const StepSpec& spec) {
  std::string v = str_arg(spec, "via");
  if (v.empty() || v == "exec") return false;
  if (v == "reader-pod") return true;
  throw ScenarioError(spec.describe() + ": via must be exec or reader-pod, got " + v);
}

std::vector<VolumeTarget> targets(RunContext& ctx, bool all_templates) {
  std::vector<VolumeTarget> out;
  ctx.state->read([&](const Store& s) {
    out = volume_targets(s, ctx.obs->statefulset_manifest, ctx.sts, all_templates);
  });
  return out;
}

std::string phase_of(const StepSpec& spec) {
  std::string p = str_arg(spec, "phase");
  return p.empty() ? spec.id : p;
}

// Where a target is read: the app's container, or the grader's reader pod.
struct Access {
  std::string pod, container, path;
};

// The reader pods of one step: one per node, created before the reads and
// removed (gone, so no claim stays in use) before the step ends.
class Readers {
 public:
  Readers(RunContext& ctx, const StepSpec& spec) : ctx_(ctx), spec_(spec) {}

  StepOutcome start(const std::vector<VolumeTarget>& ts) {
    std::map<std::string, std::vector<ReaderMount>> by_node;
    for (const VolumeTarget& t : ts) by_node[t.node].push_back({t.claim, t.sub_path});
    int n = 0;
    for (const auto& [node, mounts] : by_node) {
      std::string name = reader_pod_name(phase_of(spec_), n++);
      try {
        ctx_.api->create(collection_path(resource_kind("Pod"), ctx_.ns),
                         reader_pod_object(ctx_.ns, name, ctx_.scenario->probe_image, node, mounts));
      } catch (const ApiError& e) {
        if (e.aborted()) return {StepOutcome::kAborted, "creating reader pod " + name, e.what()};
        return {StepOutcome::kInfrastructure, "creating reader pod " + name, e.what()};
      }
      names_.push_back(name);
      for (const ReaderMount& m : mounts) pod_of_claim_[m.claim] = name;
      WaitOutcome w = ctx_.state->wait("reader pod " + name + " Ready", pod_is_ready(name), spec_.timeout);
      if (!w.met())
        return {w.kind == WaitOutcome::kAborted ? StepOutcome::kAborted : StepOutcome::kInfrastructure,
                "reader pod " + name + " Ready", w.describe()};
      // Its UID: evidence that the reads came from the grader's own pod.
      std::string uid;
      ctx_.state->read([&](const Store& s) {
        if (const Json* p = s.get("Pod", name)) uid = str_at(*p, {"metadata", "uid"});
      });
      Json claims = Json::array();
      for (const ReaderMount& m : mounts) claims.push_back(m.claim);
      ctx_.obs->scenario_params["reader_pods"][name] = {{"uid", uid}, {"node", node}, {"claims", claims},
                                                        {"step", spec_.id}};
    }
    return StepOutcome::ok();
  }

  Access access(const VolumeTarget& t) const {
    return {pod_of_claim_.at(t.claim), kReaderContainer, reader_path(t.claim)};
  }

  // Deletes every reader and waits until they are gone: a claim still in use
  // would hold a PVC deletion (retention policy Delete) or a reattachment.
  StepOutcome remove() {
    for (const std::string& name : names_) {
      try {
        ctx_.api->del(object_path(resource_kind("Pod"), ctx_.ns, name));
      } catch (const ApiError& e) {
        return {StepOutcome::kInfrastructure, "deleting reader pod " + name, e.what()};
      }
    }
    std::vector<std::string> names = names_;
    names_.clear();
    WaitOutcome w = ctx_.state->wait("reader pods gone", [names](const Store& s) -> std::string {
      for (const std::string& n : names)
        if (s.get("Pod", n)) return n + " still present";
      return "";
    }, spec_.timeout, true);
    if (w.met()) return StepOutcome::ok();
    return {StepOutcome::kInfrastructure, "reader pods gone", w.describe()};
  }

  ~Readers() {
    // A step that ended early still deletes what it created (best effort).
    for (const std::string& name : names_) {
      try {
        ctx_.api->del(object_path(resource_kind("Pod"), ctx_.ns, name));
      } catch (const std::exception&) {
      }
    }
  }

 private:
  RunContext& ctx_;
  const StepSpec& spec_;
  std::vector<std::string> names_;
  std::map<std::string, std::string> pod_of_claim_;
};

// Runs one exec per target, all at once (grader/step_util.h exec_in_pods),
// through the app's containers or through reader pods started around them;
// `request` builds a target's exec, `record` turns its answer into evidence,
// in target order.
template <typename Request, typename Record>
StepOutcome exec_each_target(RunContext& ctx, const StepSpec& spec, const std::vector<VolumeTarget>& ts,
                             const char* what, Request request, Record record) {
  std::optional<Readers> readers;
  std::vector<Access> access;
  if (via_reader(spec)) {
    readers.emplace(ctx, spec);
    if (!ts.empty())
      if (StepOutcome o = readers->start(ts); o.kind != StepOutcome::kOk) return o;
    for (const VolumeTarget& t : ts) access.push_back(readers->access(t));
  } else {
    for (const VolumeTarget& t : ts) access.push_back({t.pod, t.container, t.mount_path});
  }
  std::vector<ExecRequest> requests;
  for (size_t i = 0; i < ts.size(); ++i) requests.push_back(request(ts[i], access[i]));
  std::vector<ExecAnswer> answers = exec_in_pods(ctx, requests, spec.timeout);
  if (ctx.abort->load()) return {StepOutcome::kAborted, what, "interrupted"};
  for (size_t i = 0; i < ts.size(); ++i)
    if (StepOutcome o = record(ts[i], access[i], answers[i]); o.kind != StepOutcome::kOk) return o;
  return readers ? readers->remove() : StepOutcome::ok();
}

StepOutcome read_volumes(RunContext& ctx, const StepSpec& spec) {
  std::string boundary = "@@sts-grader-" + ctx.nonce + "@@";
  int ok = 0, n = 0;
  StepOutcome out = exec_each_target(
      ctx, spec, targets(ctx, via_reader(spec)), "volume reads",
      [&](const VolumeTarget&, const Access& a) {
        return ExecRequest{"read-volume", a.pod, a.container, read_volume_command(boundary, a.path)};
      },
      [&](const VolumeTarget& t, const Access& a, const ExecAnswer& answer) -> StepOutcome {
        VolumeRead read;
        read.phase = phase_of(spec);
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

StepOutcome write_markers(RunContext& ctx, const StepSpec& spec) {
  int ok = 0, n = 0;
  // Markers are written once per claim: a later write would hide a lost volume.
  std::vector<VolumeTarget> todo;
  for (const VolumeTarget& t : targets(ctx, via_reader(spec)))
    if (!ctx.obs->marker_for(t.claim)) todo.push_back(t);
  std::map<std::string, MarkerWrite> writes;  // by claim
  StepOutcome out = exec_each_target(
      ctx, spec, todo, "marker writes",
      [&](const VolumeTarget& t, const Access& a) {
        MarkerWrite& w = writes[t.claim];
        w.phase = phase_of(spec);
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
      [&](const VolumeTarget& t, const Access&, const ExecAnswer& answer) -> StepOutcome {
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
STS_REGISTER_STEP("read-volumes", read_volumes, {"phase", ArgType::kText}, {"via", ArgType::kText});
STS_REGISTER_STEP("write-markers", write_markers, {"phase", ArgType::kText}, {"via", ArgType::kText});
}  // namespace sts
