// Lab 06 1.9 / 2.8 and section 3's success criteria 2-3: the database pod
// deleted by the scenario (step delete-pod) comes back under the same name,
// as a new pod, with the same PersistentVolumeClaim bound to the same volume.
// Judged on snapshots "initial" (before) and "after-delete".
#include <algorithm>

#include "checks/check.h"
#include "checks/check_util.h"

namespace sts {
namespace {

struct ClaimState {
  std::string uid, volume, phase;
};

ClaimState claim_state(const Snapshot& s, const std::string& claim) {
  const Json* c = find_named(s.pvcs, claim);
  if (!c) return {};
  return {str_at(*c, {"metadata", "uid"}), str_at(*c, {"spec", "volumeName"}), str_at(*c, {"status", "phase"})};
}

class ReattachedAfterDelete : public Check {
 public:
  std::string id() const override { return "reattached-after-delete"; }
  std::string title() const override { return "Same name and same PVC after deletion"; }
  std::string criterion() const override {
    return "The deleted database pod is recreated with the same name and mounts the same PVC, still bound to "
           "the same PersistentVolume.";
  }

  CheckResult judge(const Observations& obs) const override {
    if (auto unmet = unmet_step(obs, id(), "delete-pod")) return *unmet;
    const Snapshot* before = obs.snapshot("initial");
    const Snapshot* after = obs.snapshot("after-delete");
    if (!before || !after)
      return skipped(id(), std::string("no snapshot \"") + (!before ? "initial" : "after-delete") + "\" was taken");
    const std::string pod = str_at(obs.scenario_params, {"deleted_pod"});
    const std::string old_uid = str_at(obs.scenario_params, {"deleted_pod_uid"});
    const Json* p0 = find_named(before->pods, pod);
    const Json* p1 = find_named(after->pods, pod);
    if (!p0) return skipped(id(), "pod " + pod + " is not in snapshot \"initial\"");

    std::string new_uid = p1 ? str_at(*p1, {"metadata", "uid"}) : "";
    Assertion name{"same-name", "a new pod with the same name replaced it", p1 && new_uid != old_uid,
                   !p1 ? "no pod " + pod + " after the deletion"
                   : new_uid == old_uid ? pod + " still has its old uid " + old_uid
                                        : pod + " uid " + old_uid + " -> " + new_uid};
    std::vector<std::string> c0 = claims_of(*p0), c1 = p1 ? claims_of(*p1) : std::vector<std::string>{};
    std::vector<std::string> lines, claim_bad, volume_bad;
    for (const std::string& c : c0) {
      ClaimState a = claim_state(*before, c), b = claim_state(*after, c);
      lines.push_back(c + ": uid " + a.uid + " " + a.phase + " pv=" + a.volume + " -> " +
                      (b.uid.empty() ? std::string("gone") : "uid " + b.uid + " " + b.phase + " pv=" + b.volume));
      if (std::find(c1.begin(), c1.end(), c) == c1.end()) claim_bad.push_back(pod + " no longer mounts " + c);
      else if (b.uid.empty() || b.uid != a.uid) claim_bad.push_back(c + " was recreated (uid " + a.uid + " -> " + b.uid + ")");
      if (a.volume.empty() || b.volume != a.volume) volume_bad.push_back(c + ": " + a.volume + " -> " + b.volume);
    }
    Assertion same_pvc{"same-pvc", "it mounts the same PVC (same uid)", !c0.empty() && p1 && claim_bad.empty(),
                       c0.empty() ? pod + " mounted no PVC: there is nothing to reattach"
                       : claim_bad.empty() ? join(c0) + " reattached" : join(claim_bad, "; ")};
    Assertion same_pv{"same-volume", "the PVC is still bound to the same PersistentVolume",
                      !c0.empty() && volume_bad.empty(),
                      c0.empty() ? "no PVC" : volume_bad.empty() ? "same PersistentVolume" : join(volume_bad, "; ")};
    CheckResult r = result_from(id(), {name, same_pvc, same_pv},
                                {{"claims of " + pod + " before -> after", c0.empty() ? "none" : join(lines, "\n"), after->t}});
    if (r.status == Status::kPass) {
      r.summary = pod + " came back under its name on " + join(c0);
      return r;
    }
    r.summary = pod + " did not come back with the same identity and storage";
    // Without a claim, "same volume" says nothing more: name the cause once.
    r.explanation = (c0.empty() && name.passed ? same_pvc.detail : join(failed_details(r.assertions), "; ")) + ".";
    r.hint = c0.empty() ? "Give the database a PersistentVolumeClaim (volumeClaimTemplates): a pod without one "
                          "starts empty after every deletion."
                        : "Keep the PVC: a StatefulSet's pod reattaches <template>-<pod> when it is recreated; do not "
                          "delete claims or set a retention policy that does.";
    return r;
  }
};

}  // namespace
STS_REGISTER_CHECK(ReattachedAfterDelete);
}  // namespace sts
