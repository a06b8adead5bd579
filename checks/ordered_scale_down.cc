// Test 8: when scaling down, pods are deleted in reverse order (highest
// ordinal first), each after the previous one is gone.
#include <algorithm>
#include <set>

#include "checks/check.h"
#include "checks/check_util.h"

namespace sts {
namespace {

class OrderedScaleDown : public Check {
 public:
  std::string id() const override { return "ordered-scale-down"; }
  std::string title() const override { return "Ordered scaling down"; }
  std::string criterion() const override {
    return "When scaling down, pods are deleted highest ordinal first, each only after the "
           "previous one is fully gone.";
  }

  CheckResult judge(const Observations& obs) const override {
    if (auto unmet = unmet_step(obs, id(), "scale-down")) return *unmet;
    // Only the scale-down's own slice of the timeline: later steps recreate pods.
    auto window = step_window(obs, "scale-down");
    std::vector<PodLife> removed = lives_removed_in(obs, *window);
    if (removed.empty()) return skipped(id(), "no pod was removed by the scale-down");

    std::vector<std::string> order_bad, wait_bad;
    for (size_t i = 1; i < removed.size(); ++i) {
      const PodLife& prev = removed[i - 1];
      const PodLife& cur = removed[i];
      if (cur.ordinal >= prev.ordinal)
        order_bad.push_back(cur.name + " began terminating (" + seconds(cur.terminating->t) +
                            ") after " + prev.name + " (" + seconds(prev.terminating->t) + ")");
      // "Gone" is the DELETED event, seen within this step.
      bool prev_gone = prev.deleted && window->contains(prev.deleted->seq);
      if (!prev_gone || cur.terminating->seq <= prev.deleted->seq)
        wait_bad.push_back(cur.name + " began terminating at " + seconds(cur.terminating->t) +
                           " while " + prev.name + " was " +
                           (prev_gone ? "not gone until " + seconds(prev.deleted->t)
                                      : std::string("not gone")));
    }
    std::vector<std::string> names;
    for (const PodLife& l : removed) names.push_back(l.name);
    Assertion order{"highest-first", "pods are removed highest ordinal first",
                    order_bad.empty(),
                    order_bad.empty() ? "removal order: " + join(names) : join(order_bad, "; ")};
    Assertion wait{"waited-for-deletion",
                   "each pod is deleted only after the previous one is fully gone",
                   wait_bad.empty(),
                   wait_bad.empty() ? "each removal began after the previous pod was gone"
                                    : join(wait_bad, "; ")};

    // Exactly the pods above the new replica count go, and all of them go.
    int start = ordinals_start(obs.statefulset_manifest);
    int down = scenario_int(obs, "scale_down_replicas", -1);
    int up = scenario_int(obs, "scale_up_replicas", -1);
    std::vector<std::string> expected_bad;
    if (down >= 0 && up > down) {
      std::set<std::string> got(names.begin(), names.end());
      for (int o = start + down; o < start + up; ++o)
        if (!got.count(pod_name(obs.statefulset, o)))
          expected_bad.push_back(pod_name(obs.statefulset, o) + " was not removed");
      for (const PodLife& l : removed)
        if (l.ordinal < start + down || l.ordinal >= start + up)
          expected_bad.push_back(l.name + " was removed");
        else if (!l.deleted || !window->contains(l.deleted->seq))
          expected_bad.push_back(l.name + " was not gone before the step ended");
    }
    Assertion expected{"removed-surplus-pods",
                       "exactly the pods above the new replica count are removed",
                       expected_bad.empty(),
                       expected_bad.empty() ? "removed " + join(names) : join(expected_bad, "; ")};

    std::string seq_text = removal_sequence(removed);
    CheckResult r = result_from(id(), {order, wait, expected},
                                {{"observed scale-down sequence", seq_text, window->t_from}});
    if (declares_parallel(obs))
      return parallel_failure(obs, std::move(r), seq_text,
                              "Leave podManagementPolicy at its default (OrderedReady) so scaling down removes "
                              "the highest ordinal first and waits for it to terminate (Lab 04 COMMON "
                              "MISTAKES 6).");
    if (auto relist = relisted_in(obs, id(), *window)) return *relist;
    if (r.status == Status::kPass) {
      r.summary = "pods were removed one at a time, highest first: " + seq_text;
      return r;
    }
    r.summary = "the scale-down was not ordered: " + seq_text;
    std::vector<std::string> why;
    for (const Assertion& x : r.assertions)
      if (!x.passed) why.push_back(x.detail);
    r.explanation = parallel_cause(obs.statefulset_manifest) + " Observed: " + join(why, "; ") + ".";
    r.hint = "Leave podManagementPolicy at its default (OrderedReady) so scaling down removes "
             "the highest ordinal first and waits for it to terminate (Lab 04 COMMON "
             "MISTAKES 6).";
    return r;
  }
};

}  // namespace
STS_REGISTER_CHECK(OrderedScaleDown);
}  // namespace sts
