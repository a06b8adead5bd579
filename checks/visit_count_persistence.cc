// Lab 15 Task 3.3: a pod's visit count survives the pod's deletion. The
// scenario notes every count, deletes one pod (step delete-pod) and, once its
// replacement is Ready, reads its count and /data/visits again: both must be
// what they were before.
#include "checks/check.h"
#include "checks/check_util.h"
#include "checks/visit_counts.h"

namespace sts {
namespace {

class VisitCountPersistence : public Check {
 public:
  std::string id() const override { return "visit-count-persistence"; }
  std::string title() const override { return "Visit count persistence"; }
  std::string criterion() const override {
    return "After a pod is deleted, its replacement (same name) shows the visit count the pod had, "
           "and its /data/visits still holds it.";
  }

  CheckResult judge(const Observations& obs) const override {
    if (auto unmet = unmet_step(obs, id(), kVisitsFileAfterDelete)) return *unmet;
    auto window = step_window(obs, "delete-pod");
    if (!window) return skipped(id(), "step `delete-pod` never ran");
    std::vector<PodLife> removed = lives_removed_in(obs, *window);
    std::string pod = removed.empty() ? str_at(obs.scenario_params, {"deleted_pod"}) : removed.front().name;
    if (pod.empty()) return skipped(id(), "no pod was deleted in step `delete-pod`");
    std::optional<PodLife> replacement;
    for (PodLife& l : lives_created_in(obs, *window))
      if (l.name == pod && !replacement) replacement = std::move(l);

    CountReading before = http_count(exchange_of(obs, kVisitsAfter, pod), pod, "before the deletion");
    CountReading file_before = file_count(exec_of(obs, kVisitsFile, pod), pod, "before the deletion");
    CountReading after = http_count(exchange_of(obs, kVisitsAfterDelete, pod), pod, "after the deletion");
    CountReading file_after = file_count(exec_of(obs, kVisitsFileAfterDelete, pod), pod, "after the deletion");
    for (const CountReading* r : {&before, &file_before, &after, &file_after})
      if (r->infrastructure) return errored(id(), "reading a count was lost to the cluster: " + r->text);
    if (!before.count)
      return skipped(id(), "the count of " + pod + " before its deletion is unknown (" + before.text + ")");

    std::vector<Evidence> ev{
        {"pod lives of " + pod,
         removed.empty() ? "no deletion seen in the watch"
                         : "deleted: uid=" + removed.front().uid + ", " + removal_sequence({removed.front()}) +
                               "\nreplacement: " +
                               (replacement ? "uid=" + replacement->uid + ", " + creation_sequence({*replacement})
                                            : std::string("none seen")),
         window->t_from},
        {"counts before and after", join({before.text, file_before.text, after.text, file_after.text}, "\n"), -1}};

    Assertion replaced{"pod-replaced", "the deleted pod came back as a new pod with the same name",
                       replacement.has_value() && !removed.empty() && replacement->uid != removed.front().uid,
                       replacement ? pod + " recreated at " + seconds(replacement->created->t)
                                   : "no new pod named " + pod + " after the deletion"};
    Assertion kept{"count-kept", "the replacement shows the count the pod had", after.count == before.count,
                   pod + ": " + std::to_string(*before.count) + " before, " +
                       (after.count ? std::to_string(*after.count) : "unknown (" + after.text + ")") + " after"};
    Assertion file_kept{"file-kept", "/data/visits still holds that count",
                        file_after.count && file_after.count == before.count,
                        pod + "'s /data/visits after the deletion: " +
                            (file_after.count ? std::to_string(*file_after.count) : file_after.text)};

    CheckResult r = result_from(id(), {replaced, kept, file_kept}, std::move(ev));
    if (r.status == Status::kPass) {
      r.summary = pod + " came back with its count " + std::to_string(*before.count);
      return r;
    }
    r.summary = pod + " did not keep its visit count across its deletion";
    r.explanation = join(failed_details(r.assertions), "; ") + ".";
    if (after.count && *after.count == 0 && *before.count > 0) {
      r.explanation += " The count restarted at 0: the replacement started on an empty volume.";
      r.hint = "Keep the count on a volume from volumeClaimTemplates mounted at /data, so the "
               "replacement reattaches the same PVC (Lab 15 Task 2.3).";
    } else if (after.count && file_before.count && *after.count == *file_before.count &&
               *file_before.count != *before.count) {
      r.explanation += " The replacement took the number its volume held, which was another pod's "
                       "count: the pods share one volume.";
      r.hint = "Give each pod its own volume with volumeClaimTemplates (Lab 15 Task 2.3).";
    } else if (after.count && *after.count > *before.count) {
      r.hint = kProbeCountsHint;
    } else {
      r.hint = "Write the count to /data/visits on the pod's own PVC and read it back at start (Lab 15 Task 3.3).";
    }
    return r;
  }
};

}  // namespace
STS_REGISTER_CHECK(VisitCountPersistence);
}  // namespace sts
