// Test 1: pods have predictable names with ordinals.
#include <algorithm>
#include <set>

#include "checks/check.h"
#include "checks/check_util.h"

namespace sts {
namespace {

class PodNaming : public Check {
 public:
  std::string id() const override { return "pod-naming"; }
  std::string title() const override { return "Pod naming"; }
  std::string criterion() const override {
    return "Pods have predictable names with ordinals (e.g. myapp-0, myapp-1, myapp-2).";
  }

  CheckResult judge(const Observations& obs) const override {
    if (auto why = no_initial_snapshot(obs, id())) return *why;
    const Snapshot* snap = obs.snapshot("initial");
    if (auto none = no_pod_ready(obs, id())) return *none;

    const std::string& sts = obs.statefulset;
    int start = ordinals_start(obs.statefulset_manifest);
    int replicas = initial_replicas(obs);

    std::vector<std::string> names, bad_names;
    std::set<int> ordinals;
    for (const Json* p : pods_of(*snap, sts)) {
      std::string n = str_at(*p, {"metadata", "name"});
      names.push_back(n);
      int o = ordinal_of(n, sts);
      if (o < 0) bad_names.push_back(n);
      else ordinals.insert(o);
    }
    std::sort(names.begin(), names.end());

    Assertion pattern{"name-pattern", "every pod is named <statefulset>-<ordinal>",
                      !names.empty() && bad_names.empty(), ""};
    pattern.detail = names.empty() ? "no pod of " + sts + " in the snapshot"
                     : bad_names.empty() ? "all " + std::to_string(names.size()) +
                                               " pods match " + sts + "-<N>"
                                         : "not " + sts + "-<N>: " + join(bad_names);

    std::vector<std::string> missing, extra;
    for (int o = start; o < start + replicas; ++o)
      if (!ordinals.count(o)) missing.push_back(pod_name(sts, o));
    for (int o : ordinals)
      if (o < start || o >= start + replicas) extra.push_back(pod_name(sts, o));
    Assertion contiguous{"contiguous-ordinals",
                         "ordinals run from " + std::to_string(start) + " without gaps, one "
                         "per replica",
                         missing.empty() && extra.empty(), ""};
    contiguous.detail = contiguous.passed
                            ? "ordinals " + std::to_string(start) + ".." +
                                  std::to_string(start + replicas - 1)
                            : (missing.empty() ? "" : "missing: " + join(missing) + " ") +
                                  (extra.empty() ? "" : "unexpected: " + join(extra));

    std::vector<Evidence> ev{{"pods of " + sts + " after the initial rollout", join(names, "\n"),
                              snap->t}};
    if (!snap->kubectl_get.empty())
      ev.push_back({"kubectl get", bounded(snap->kubectl_get, 2000), snap->t});
    CheckResult r = result_from(id(), {pattern, contiguous}, std::move(ev));
    r.summary = r.status == Status::kPass
                    ? "pods " + join(names) + " have stable ordinal names"
                    : "pod names are not " + sts + "-0.." + sts + "-" +
                          std::to_string(start + replicas - 1);
    if (r.status == Status::kFail) {
      r.explanation = pattern.passed ? contiguous.detail : pattern.detail;
      r.hint = "Use a StatefulSet (not a Deployment) with replicas: " +
               std::to_string(replicas) +
               "; its controller names pods <name>-0, <name>-1, … (Lab 04, 1.3).";
    }
    return r;
  }
};

}  // namespace
STS_REGISTER_CHECK(PodNaming);
}  // namespace sts
