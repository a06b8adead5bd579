#include "checks/rollout_facts.h"

#include "checks/check_util.h"
#include "grader/model/pod_status.h"

namespace sts {

std::optional<RolloutFacts> rollout_facts(const Observations& obs, const std::string& step) {
  const Json& r = node_at(obs.scenario_params, {"rollouts", step.c_str()});
  if (!r.is_object()) return std::nullopt;
  RolloutFacts f;
  f.strategy = str_at(r, {"strategy"});
  if (r.contains("partition") && r["partition"].is_number_integer()) f.partition = r["partition"].get<int>();
  if (r.contains("replicas") && r["replicas"].is_number_integer()) f.replicas = r["replicas"].get<int>();
  f.revision_before = str_at(r, {"revision_before"});
  f.update_revision = str_at(r, {"update_revision"});
  const Json& pods = node_at(r, {"pods_after"});
  if (pods.is_object())
    for (const auto& [name, rev] : pods.items())
      if (rev.is_string()) f.pods_after[name] = rev.get<std::string>();
  return f;
}

std::map<std::string, std::string> revisions_in(const Snapshot& snap, const std::string& sts) {
  std::map<std::string, std::string> out;
  for (const Json* p : pods_of(snap, sts))
    if (!terminating(*p)) out[str_at(*p, {"metadata", "name"})] = str_at(*p, {"metadata", "labels", "controller-revision-hash"});
  return out;
}

std::string describe_revisions(const std::map<std::string, std::string>& revs, const RolloutFacts& f) {
  std::vector<std::string> parts;
  for (const auto& [pod, rev] : revs)
    parts.push_back(pod + " " + rev +
                    (rev == f.update_revision && rev != f.revision_before ? " (new)"
                     : rev == f.revision_before                           ? " (old)"
                                                                          : ""));
  return parts.empty() ? "(no pods)" : join(parts);
}

Replacement replacement_in(const Observations& obs, const std::string& step) {
  Replacement r;
  auto w = step_window(obs, step);
  if (!w) return r;
  std::vector<PodLife> removed = lives_removed_in(obs, *w);
  if (removed.empty()) return r;
  r.removed = removed.front();
  for (PodLife& l : lives_created_in(obs, *w))
    if (l.name == r.removed->name && l.uid != r.removed->uid && !r.created) r.created = std::move(l);
  return r;
}

}  // namespace sts
