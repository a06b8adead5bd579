// Test 9: scaling down does not delete the PVCs of the removed pods.
#include "checks/check.h"
#include "checks/check_util.h"

namespace sts {
namespace {

class PvcRetention : public Check {
 public:
  std::string id() const override { return "pvc-retention"; }
  std::string title() const override { return "PVC retention"; }
  std::string criterion() const override {
    return "When scaling down, the PVCs of the removed pods are kept (still Bound), not "
           "deleted.";
  }

  CheckResult judge(const Observations& obs) const override {
    if (auto unmet = unmet_step(obs, id(), "scale-down")) return *unmet;
    const Snapshot* after = obs.snapshot("after-scale-down");
    if (!after) return skipped(id(), "no snapshot \"after-scale-down\" was taken");
    const Snapshot* before = obs.snapshot("after-scale-up");

    int start = ordinals_start(obs.statefulset_manifest);
    int down = scenario_int(obs, "scale_down_replicas", -1);
    int up = scenario_int(obs, "scale_up_replicas", -1);
    if (down < 0 || up <= down) return skipped(id(), "the scenario removed no pods");
    std::vector<ClaimTemplate> templates = claim_templates(obs.statefulset_manifest);
    if (templates.empty()) return no_templates(obs);

    auto window = step_window(obs, "scale-down");
    std::vector<std::string> gone, unbound, lines;
    for (int o = start + down; o < start + up; ++o)
      for (const ClaimTemplate& t : templates) {
        std::string name = pvc_name(t.name, obs.statefulset, o);
        const Json* was = before ? find_named(before->pvcs, name) : nullptr;
        const Json* now = find_named(after->pvcs, name);
        std::string uid_was = was ? str_at(*was, {"metadata", "uid"}) : "";
        std::string uid_now = now ? str_at(*now, {"metadata", "uid"}) : "";
        std::string deleted_at;
        for (const WatchEvent* e :
             obs.timeline.of_kind("PersistentVolumeClaim", window->from, window->to))
          if (e->type == "DELETED" && str_at(e->object, {"metadata", "name"}) == name)
            deleted_at = seconds(e->t);
        if (!now || (!uid_was.empty() && uid_now != uid_was))
          gone.push_back(name + (deleted_at.empty() ? " is gone" : " was deleted at " + deleted_at));
        else if (str_at(*now, {"status", "phase"}) != "Bound")
          unbound.push_back(name + " is " + str_at(*now, {"status", "phase"}));
        lines.push_back(name + ": before uid=" + (uid_was.empty() ? "?" : uid_was) +
                        "; after scale-down " +
                        (now ? "uid=" + uid_now + " " + str_at(*now, {"status", "phase"}) +
                                   " pv=" + str_at(*now, {"spec", "volumeName"})
                             : "absent" + (deleted_at.empty() ? "" : " (DELETED " + deleted_at + ")")));
      }

    Assertion kept{"pvcs-kept", "the PVCs of the removed pods still exist (same UID)",
                   gone.empty(), gone.empty() ? "all kept" : join(gone, "; ")};
    Assertion bound{"pvcs-bound", "those PVCs are still Bound", gone.empty() && unbound.empty(),
                    !gone.empty() ? "not all exist"
                    : unbound.empty() ? "all Bound" : join(unbound, "; ")};
    std::vector<Evidence> ev{{"PVCs of the removed pods", join(lines, "\n"), after->t}};
    if (!after->kubectl_get.empty())
      ev.push_back({"kubectl get after scale-down", bounded(after->kubectl_get, 2000), after->t});
    CheckResult r = result_from(id(), {kept, bound}, ev);
    if (r.status == Status::kPass) {
      r.summary = "the PVCs of the removed pods were kept";
      return r;
    }
    r.summary = "PVCs of removed pods were not kept";
    if (when_scaled_policy(obs.statefulset_manifest) == "Delete") {
      r.explanation = "The StatefulSet sets `persistentVolumeClaimRetentionPolicy.whenScaled: "
                      "Delete`, so the controller deleted the PVCs of the removed pods: " +
                      join(gone, "; ") + ".";
      r.hint = "Remove persistentVolumeClaimRetentionPolicy (or set whenScaled: Retain): "
               "StatefulSets keep PVCs on scale-down so scaling back up finds the data "
               "(Lab 04, 1.8 and COMMON MISTAKES 4).";
    } else {
      r.explanation = join(gone.empty() ? unbound : gone, "; ") +
                      ". The retention policy is Retain, so something else removed or "
                      "unbound them.";
      r.hint = "Do not delete PVCs while scaling; StatefulSets keep them by design (Lab 04 "
               "COMMON MISTAKES 4).";
    }
    return r;
  }

 private:
  CheckResult no_templates(const Observations& obs) const {
    std::vector<Assertion> a{
        {"pvcs-kept", "the PVCs of the removed pods still exist (same UID)", false,
         "the StatefulSet has no volumeClaimTemplates, so its pods have no PVCs"},
        {"pvcs-bound", "those PVCs are still Bound", false, "no PVCs"}};
    CheckResult r = result_from(id(), a, {});
    r.summary = "no per-pod PVCs to retain";
    r.explanation = "StatefulSet " + obs.statefulset + " declares no volumeClaimTemplates.";
    r.hint = "Use volumeClaimTemplates (Lab 04 COMMON MISTAKES 7).";
    return r;
  }
};

}  // namespace
STS_REGISTER_CHECK(PvcRetention);
}  // namespace sts
