#include "grader/scenario/volume_access.h"

#include "grader/cluster/api_client.h"
#include "grader/cluster/cluster_state.h"
#include "grader/cluster/conditions.h"
#include "grader/scenario/volume_reader.h"

namespace sts {

bool via_reader(const StepSpec& spec) {
  std::string v = str_arg(spec, "via");
  if (v.empty() || v == "exec") return false;
  if (v == "reader-pod") return true;
  throw ScenarioError(spec.describe() + ": via must be exec or reader-pod, got " + v);
}

std::vector<VolumeTarget> step_volume_targets(RunContext& ctx, bool all_templates) {
  std::vector<VolumeTarget> out;
  ctx.state->read([&](const Store& s) {
    out = volume_targets(s, ctx.obs->statefulset_manifest, ctx.sts, all_templates);
  });
  return out;
}

std::string volume_phase(const StepSpec& spec) {
  std::string p = str_arg(spec, "phase");
  return p.empty() ? spec.id : p;
}

StepOutcome ReaderPods::start(const std::vector<VolumeTarget>& ts) {
  std::map<std::string, std::vector<ReaderMount>> by_node;
  for (const VolumeTarget& t : ts) by_node[t.node].push_back({t.claim, t.sub_path});
  int n = 0;
  for (const auto& [node, mounts] : by_node) {
    std::string name = reader_pod_name(volume_phase(spec_), n++);
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

StepOutcome ReaderPods::remove() {
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

ReaderPods::~ReaderPods() {
  for (const std::string& name : names_) {
    try {
      ctx_.api->del(object_path(resource_kind("Pod"), ctx_.ns, name));
    } catch (const std::exception&) {
    }
  }
}

}  // namespace sts
