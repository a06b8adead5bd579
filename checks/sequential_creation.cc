// Test 2: pods are created one at a time in order (0, then 1, then 2).
#include <set>

#include "checks/check.h"
#include "checks/check_util.h"

namespace sts {
namespace {

const char* const kHint =
    "Leave podManagementPolicy at its default (OrderedReady) so each pod starts "
    "after the previous one is Running and Ready (Lab 04 COMMON MISTAKES 6, "
    "\"Not Understanding Ordered Operations\").";

class SequentialCreation : public Check {
 public:
  std::string id() const override { return "sequential-creation"; }
  std::string title() const override { return "Sequential creation"; }
  std::string criterion() const override {
    return "When the StatefulSet is created, pods are created one at a time in order, each "
           "after the previous one is Running and Ready.";
  }

  CheckResult judge(const Observations& obs) const override {
    if (auto unmet = unmet_step(obs, id(), "initial-ready")) return *unmet;
    if (auto none = no_pod_ready(obs, id())) return *none;
    auto window = window_through(obs, "initial-ready");

    // The first life of each pod is the creation being judged; a pod that was
    // recreated during the rollout is not a new step of the order.
    std::vector<PodLife> lives;
    std::set<std::string> seen;
    for (PodLife& l : lives_created_in(obs, *window))
      if (seen.insert(l.name).second) lives.push_back(std::move(l));
    if (lives.size() < 2)
      return skipped(id(), "only " + std::to_string(lives.size()) +
                               " pod was created; an order needs at least two");

    std::vector<Assertion> a = creation_order_assertions(lives);
    std::string sequence = creation_sequence(lives);
    CheckResult r = result_from(
        id(), a, {{"observed creation sequence", sequence, lives.front().created->t}});
    if (declares_parallel(obs)) return parallel_failure(obs, std::move(r), sequence, kHint);
    if (auto relist = relisted_in(obs, id(), *window)) return *relist;
    if (r.status == Status::kPass) {
      r.summary = "pods were created one at a time: " + sequence;
    } else {
      r.summary = "pods were not created one at a time: " + sequence;
      std::string why;
      for (const Assertion& x : a)
        if (!x.passed) why += (why.empty() ? "" : "; ") + x.detail;
      r.explanation = parallel_cause(obs.statefulset_manifest) + " Observed: " + why + ".";
      r.hint = kHint;
    }
    return r;
  }
};

}  // namespace
STS_REGISTER_CHECK(SequentialCreation);
}  // namespace sts
