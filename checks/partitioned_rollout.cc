// Lab 15 bonus 1: a partitioned RollingUpdate. With updateStrategy
// RollingUpdate and rollingUpdate.partition P, a change of the pod template
// (op rollout) updates only the pods with ordinal >= P; the pods below keep
// the old revision, even when one of them is deleted and recreated afterwards
// (step delete-after-rollout). A StatefulSet that declares OnDelete does not
// apply: the rubric then leaves this item to the instructor.
#include "checks/check.h"
#include "checks/check_util.h"
#include "checks/rollout_facts.h"

namespace sts {
namespace {

class PartitionedRollout : public Check {
 public:
  std::string id() const override { return "partitioned-rollout"; }
  std::string title() const override { return "Partitioned rolling update"; }
  std::string criterion() const override {
    return "With updateStrategy RollingUpdate and a partition P, a template change updates only the pods "
           "with ordinal >= P; the others keep the old revision, also when recreated.";
  }

  CheckResult judge(const Observations& obs) const override {
    if (auto unmet = unmet_step(obs, id(), "rollout")) return *unmet;
    std::optional<RolloutFacts> f = rollout_facts(obs, "rollout");
    if (!f) return skipped(id(), "the rollout step recorded nothing");
    if (f->strategy == "OnDelete") {
      CheckResult r = skipped(id(), "the StatefulSet declares updateStrategy OnDelete, so no partition was "
                                    "deployed to observe; a partition tested by hand is the instructor's to judge");
      r.summary = "OnDelete declared: no partition to observe";
      r.not_applicable = true;
      return r;
    }
    const Snapshot* after = obs.snapshot("after-rollout");
    if (!after) return skipped(id(), "no snapshot \"after-rollout\" was taken");
    const int start = ordinals_start(obs.statefulset_manifest);
    const int P = f->partition, last = start + f->replicas - 1;
    std::map<std::string, std::string> revs = revisions_in(*after, obs.statefulset);

    Assertion declared{"partition-declared",
                       "updateStrategy RollingUpdate with a partition that leaves pods on both sides", P > start && P <= last,
                       "RollingUpdate, partition " + std::to_string(P) + ", ordinals " + std::to_string(start) + ".." +
                           std::to_string(last)};
    if (P <= start) declared.detail += ": every pod is updated at once (no partition in effect)";
    else if (P > last) declared.detail += ": no pod can be updated";

    std::vector<std::string> upper_bad, lower_bad;
    int upper = 0, lower = 0;
    for (const auto& [pod, rev] : revs) {
      int o = ordinal_of(pod, obs.statefulset);
      if (o >= P) {
        ++upper;
        if (rev != f->update_revision) upper_bad.push_back(pod + " at " + rev);
      } else {
        ++lower;
        if (rev != f->revision_before) lower_bad.push_back(pod + " at " + rev);
      }
    }
    auto w = step_window(obs, "rollout");
    for (const PodLife& l : lives_removed_in(obs, *w))
      if (l.ordinal < P) lower_bad.push_back(l.name + " was deleted at " + seconds(l.terminating->t));
    Assertion updated{"upper-updated", "every pod with ordinal >= partition runs the new revision",
                      upper > 0 && upper_bad.empty(),
                      upper == 0 ? "no pod has an ordinal >= " + std::to_string(P)
                      : upper_bad.empty() ? std::to_string(upper) + " pods at " + f->update_revision
                                          : join(upper_bad) + " (new revision " + f->update_revision + ")"};
    Assertion kept{"lower-untouched", "the pods below the partition keep the old revision and were not replaced",
                   lower > 0 && lower_bad.empty(),
                   lower == 0 ? "no pod has an ordinal below " + std::to_string(P)
                   : lower_bad.empty() ? std::to_string(lower) + " pods still at " + f->revision_before
                                       : join(lower_bad) + " (old revision " + f->revision_before + ")"};

    // Deleting a pod below the partition afterwards: the controller recreates
    // it at the old revision.
    Assertion holds{"partition-holds-on-recreate", "a pod below the partition recreated after the rollout keeps the old revision",
                    false, ""};
    std::vector<Evidence> ev{{"pod revisions after the rollout", describe_revisions(revs, *f), after->t}};
    if (auto unmet = unmet_step(obs, id(), "delete-after-rollout")) {
      holds.detail = unmet->explanation;
    } else {
      Replacement rep = replacement_in(obs, "delete-after-rollout");
      const Snapshot* fin = obs.snapshot("final");
      if (!rep.removed || !rep.created || !fin) {
        holds.detail = "no pod was deleted and recreated after the rollout";
      } else {
        std::map<std::string, std::string> final_revs = revisions_in(*fin, obs.statefulset);
        std::string rev = final_revs[rep.created->name];
        bool below = rep.created->ordinal < P;
        std::string want = below ? f->revision_before : f->update_revision;
        holds.passed = below && rev == want;
        holds.detail = rep.created->name + " recreated at " + rev + (below ? ", below" : ", not below") +
                       " the partition (expected " + want + ")";
        ev.push_back({"pod revisions after deleting " + rep.removed->name, describe_revisions(final_revs, *f), fin->t});
      }
    }
    CheckResult r = result_from(id(), {declared, updated, kept, holds}, std::move(ev));
    if (r.status == Status::kPass) {
      r.summary = "partition " + std::to_string(P) + ": only " + obs.statefulset + "-" + std::to_string(P) +
                  (P == last ? " was updated" : ".." + std::to_string(last) + " were updated");
      return r;
    }
    r.summary = declared.passed ? "the partition did not hold" : "no partitioned RollingUpdate is declared";
    r.explanation = join(failed_details(r.assertions), "; ") + ".";
    r.hint = "Set spec.updateStrategy: {type: RollingUpdate, rollingUpdate: {partition: N}} with 0 < N < replicas, "
             "e.g. partition 2 of 3 replicas (Lab 15 Bonus 1).";
    return r;
  }
};

}  // namespace
STS_REGISTER_CHECK(PartitionedRollout);
}  // namespace sts
