// What the volume ops (read-volumes, write-markers) share: which claims a
// step reaches, and how: through the app's own container (via: exec, the
// default) or through reader pods of the grader's own, one per node, mounting
// the claims (via: reader-pod, grader/scenario/volume_reader.h; also reaches
// claims only initContainers mount). Every exec of a step runs at once.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "grader/scenario/step.h"
#include "grader/scenario/step_util.h"
#include "grader/scenario/volume_reader.h"
#include "grader/scenario/volume_targets.h"

namespace sts {

// The step's `via`: true for reader-pod; throws ScenarioError when neither.
bool via_reader(const StepSpec& spec);

// The claims of the StatefulSet's pods, from the store (every template's
// claim when `all_templates`, else those the app containers mount).
std::vector<VolumeTarget> step_volume_targets(RunContext& ctx, bool all_templates);

// The step's `phase` argument, else its id.
std::string volume_phase(const StepSpec& spec);

// Where a target is read: the app's container, or the grader's reader pod.
struct VolumeAccess {
  std::string pod, container, path;
};

// The reader pods of one step: one per node, created before the reads and
// removed (gone, so no claim stays in use) before the step ends.
class ReaderPods {
 public:
  ReaderPods(RunContext& ctx, const StepSpec& spec) : ctx_(ctx), spec_(spec) {}

  StepOutcome start(const std::vector<VolumeTarget>& ts);

  VolumeAccess access(const VolumeTarget& t) const {
    return {pod_of_claim_.at(t.claim), kReaderContainer, reader_path(t.claim)};
  }

  // Deletes every reader and waits until they are gone: a claim still in use
  // would hold a PVC deletion (retention policy Delete) or a reattachment.
  StepOutcome remove();

  // A step that ended early still deletes what it created (best effort).
  ~ReaderPods();

 private:
  RunContext& ctx_;
  const StepSpec& spec_;
  std::vector<std::string> names_;
  std::map<std::string, std::string> pod_of_claim_;
};

// Runs one exec per target, all at once (grader/scenario/step_util.h exec_in_pods),
// through the app's containers or through reader pods started around them;
// `request` builds a target's exec, `record` turns its answer into evidence,
// in target order.
template <typename Request, typename Record>
StepOutcome exec_each_target(RunContext& ctx, const StepSpec& spec, const std::vector<VolumeTarget>& ts,
                             const char* what, Request request, Record record) {
  std::optional<ReaderPods> readers;
  std::vector<VolumeAccess> access;
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

}  // namespace sts
