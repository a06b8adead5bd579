// Test 7: when scaling up, new pods are created one at a time in order.
#include <set>

#include "checks/check.h"
#include "checks/check_util.h"

namespace sts {
namespace {

class OrderedScaleUp : public Check {
 public:
  std::string id() const override { return "ordered-scale-up"; }
  std::string title() const override { return "Ordered scaling up"; }
  std::string criterion() const override {
    return "When scaling up, new pods are created in ascending order, each after the previous "
           "one is Ready, and each gets its own new PVC.";
  }

  CheckResult judge(const Observations& obs) const override {
    if (auto unmet = unmet_step(obs, id(), "scale-up")) return *unmet;
    auto window = step_window(obs, "scale-up");

    std::vector<PodLife> created;
    std::set<std::string> seen;
    for (PodLife& l : lives_created_in(obs, *window))
      if (seen.insert(l.name).second) created.push_back(std::move(l));
    if (created.empty()) return skipped(id(), "no pod was created by the scale-up");

    // The pod before the first new one is already there; it is where the
    // order starts, so a single new pod is still judged.
    std::vector<PodLife> sequence;
    int first = created.front().ordinal;
    if (auto prev = life_at(obs, pod_name(obs.statefulset, first - 1), window->from))
      sequence.push_back(*prev);
    sequence.insert(sequence.end(), created.begin(), created.end());
    std::vector<Assertion> a = creation_order_assertions(sequence);

    // Their PVCs: created during the scale-up, or present right after it.
    std::vector<ClaimTemplate> templates = claim_templates(obs.statefulset_manifest);
    const Snapshot* snap = obs.snapshot("after-scale-up");
    std::vector<std::string> missing, pvc_lines;
    for (const PodLife& l : created)
      for (const ClaimTemplate& t : templates) {
        std::string want = pvc_name(t.name, obs.statefulset, l.ordinal);
        const WatchEvent* added = nullptr;
        for (const WatchEvent* e :
             obs.timeline.of_kind("PersistentVolumeClaim", window->from, window->to))
          if (e->type == "ADDED" && str_at(e->object, {"metadata", "name"}) == want) {
            added = e;
            break;
          }
        const Json* now = snap ? find_named(snap->pvcs, want) : nullptr;
        if (added) pvc_lines.push_back(want + " created " + seconds(added->t));
        else if (now) pvc_lines.push_back(want + " present after the scale-up (" +
                                          str_at(*now, {"status", "phase"}) + ")");
        else missing.push_back(want);
      }
    Assertion pvcs{"pvcs-created", "a PVC is created for each new pod",
                   !templates.empty() && missing.empty(),
                   templates.empty()  ? "the StatefulSet has no volumeClaimTemplates"
                   : missing.empty() ? join(pvc_lines)
                                     : "no PVC " + join(missing)};
    a.push_back(pvcs);

    std::string seq_text = creation_sequence(created);
    if (sequence.size() > created.size() && sequence.front().ready)
      seq_text = "after " + sequence.front().name + " (Ready " +
                 seconds(sequence.front().ready->t) + "): " + seq_text;
    std::vector<Evidence> ev{{"observed scale-up sequence", seq_text, window->t_from}};
    if (!pvc_lines.empty()) ev.push_back({"PVCs of the new pods", join(pvc_lines, "\n"), -1});
    CheckResult r = result_from(id(), a, ev);
    if (declares_parallel(obs))
      return parallel_failure(obs, std::move(r), seq_text,
                              "Leave podManagementPolicy at its default (OrderedReady) so scaling up adds "
                              "one pod at a time (Lab 04 COMMON MISTAKES 6).");
    if (auto relist = relisted_in(obs, id(), *window)) return *relist;
    if (r.status == Status::kPass) {
      r.summary = "new pods were created one at a time: " + seq_text;
      return r;
    }
    r.summary = a[0].passed && a[1].passed
                    ? "new pods were created in order, but not each with its own PVC"
                    : "the scale-up was not ordered: " + seq_text;
    std::vector<std::string> why = failed_details(r.assertions);
    if (!a[0].passed || !a[1].passed) {
      r.explanation = parallel_cause(obs.statefulset_manifest) + " Observed: " + join(why, "; ") + ".";
      r.hint = "Leave podManagementPolicy at its default (OrderedReady) so scaling up adds "
               "one pod at a time (Lab 04 COMMON MISTAKES 6).";
    } else {
      r.explanation = join(why, "; ") + ".";
      r.hint = "Use volumeClaimTemplates so each new pod gets its own PVC (Lab 04 COMMON "
               "MISTAKES 7).";
    }
    return r;
  }
};

}  // namespace
STS_REGISTER_CHECK(OrderedScaleUp);
}  // namespace sts
