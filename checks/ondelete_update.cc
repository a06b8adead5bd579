// Lab 15 bonus 2: the OnDelete update strategy. After a change of the pod
// template (op rollout) no pod is replaced and every pod keeps the old
// revision; a pod deleted afterwards (step delete-after-rollout) comes back
// at the new revision while the others stay. Judged only when the StatefulSet
// declares OnDelete: a chart that ships a partition tested OnDelete by hand,
// and the rubric leaves that to the instructor.
#include "checks/check.h"
#include "checks/check_util.h"
#include "checks/rollout_facts.h"

namespace sts {
namespace {

class OnDeleteUpdate : public Check {
 public:
  std::string id() const override { return "ondelete-update"; }
  std::string title() const override { return "OnDelete update strategy"; }
  std::string criterion() const override {
    return "With updateStrategy OnDelete, a template change replaces no pod; a pod deleted afterwards comes "
           "back at the new revision while the others keep the old one.";
  }

  CheckResult judge(const Observations& obs) const override {
    if (auto unmet = unmet_step(obs, id(), "rollout")) return *unmet;
    std::optional<RolloutFacts> f = rollout_facts(obs, "rollout");
    if (!f) return skipped(id(), "the rollout step recorded nothing");
    if (f->strategy != "OnDelete") {
      CheckResult r = skipped(id(), "the StatefulSet declares updateStrategy " + f->strategy +
                                        ", so OnDelete was not deployed to observe; testing it by hand and "
                                        "documenting its use cases is the instructor's to judge");
      r.summary = f->strategy + " declared: OnDelete not deployed";
      r.not_applicable = true;
      return r;
    }
    const Snapshot* after = obs.snapshot("after-rollout");
    if (!after) return skipped(id(), "no snapshot \"after-rollout\" was taken");
    std::map<std::string, std::string> revs = revisions_in(*after, obs.statefulset);
    std::vector<std::string> bad;
    for (const auto& [pod, rev] : revs)
      if (rev != f->revision_before) bad.push_back(pod + " at " + rev);
    for (const PodLife& l : lives_removed_in(obs, *step_window(obs, "rollout")))
      bad.push_back(l.name + " was deleted at " + seconds(l.terminating->t));
    Assertion still{"nothing-replaced", "after the template change, no pod is replaced and all keep the old revision",
                    !revs.empty() && bad.empty(),
                    bad.empty() ? std::to_string(revs.size()) + " pods still at " + f->revision_before
                                : join(bad) + " (old revision " + f->revision_before + ")"};
    std::vector<Evidence> ev{{"pod revisions after the template change", describe_revisions(revs, *f), after->t}};

    Assertion updated{"deleted-pod-updated", "a pod deleted afterwards comes back at the new revision", false, ""};
    Assertion others{"others-unchanged", "the pods not deleted keep the old revision", false, ""};
    if (auto unmet = unmet_step(obs, id(), "delete-after-rollout")) {
      updated.detail = others.detail = unmet->explanation;
    } else {
      Replacement rep = replacement_in(obs, "delete-after-rollout");
      const Snapshot* fin = obs.snapshot("final");
      if (!rep.removed || !rep.created || !fin) {
        updated.detail = others.detail = "no pod was deleted and recreated after the template change";
      } else {
        std::map<std::string, std::string> final_revs = revisions_in(*fin, obs.statefulset);
        std::string rev = final_revs[rep.created->name];
        updated.passed = rev == f->update_revision && rev != f->revision_before;
        updated.detail = rep.created->name + " recreated at " + rev + " (new revision " + f->update_revision + ")";
        std::vector<std::string> moved;
        for (const auto& [pod, r] : final_revs)
          if (pod != rep.created->name && r != f->revision_before) moved.push_back(pod + " at " + r);
        others.passed = moved.empty() && final_revs.size() > 1;
        others.detail = moved.empty() ? "the other pods stay at " + f->revision_before : join(moved);
        ev.push_back({"pod revisions after deleting " + rep.removed->name, describe_revisions(final_revs, *f), fin->t});
      }
    }
    CheckResult r = result_from(id(), {still, updated, others}, std::move(ev));
    if (r.status == Status::kPass) {
      r.summary = "OnDelete: pods changed revision only when deleted";
      return r;
    }
    r.summary = "pods did not update only when deleted";
    r.explanation = join(failed_details(r.assertions), "; ") + ".";
    r.hint = "With spec.updateStrategy.type: OnDelete the controller replaces no pod on a template change; "
             "delete a pod to update it (Lab 15 Bonus 2).";
    return r;
  }
};

}  // namespace
STS_REGISTER_CHECK(OnDeleteUpdate);
}  // namespace sts
