// Test 3: each pod has its own PVC with a predictable name pattern.
#include <algorithm>
#include <map>
#include <set>

#include "checks/check.h"
#include "checks/check_util.h"

namespace sts {
namespace {

class PersistentStorage : public Check {
 public:
  std::string id() const override { return "persistent-storage"; }
  std::string title() const override { return "Persistent storage"; }
  std::string criterion() const override {
    return "Each pod has its own PVC named <template>-<statefulset>-<ordinal>, Bound to a "
           "PersistentVolume of its own.";
  }

  CheckResult judge(const Observations& obs) const override {
    if (auto why = no_initial_snapshot(obs, id())) return *why;
    const Snapshot* snap = obs.snapshot("initial");
    if (auto none = no_pod_ready(obs, id())) return *none;
    const std::string& sts = obs.statefulset;
    std::vector<ClaimTemplate> templates = claim_templates(obs.statefulset_manifest);

    std::vector<std::pair<int, const Json*>> pods;
    for (const Json* p : pods_of(*snap, sts))
      pods.push_back({ordinal_of(str_at(*p, {"metadata", "name"}), sts), p});
    std::sort(pods.begin(), pods.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });

    Assertion has_templates{"has-claim-templates",
                            "the StatefulSet declares volumeClaimTemplates", !templates.empty(),
                            ""};
    std::vector<std::string> names;
    for (const ClaimTemplate& t : templates) names.push_back(t.name);
    has_templates.detail = templates.empty() ? "spec.volumeClaimTemplates is absent"
                                             : "templates: " + join(names);

    std::vector<std::string> lines, not_own, not_bound, shared;
    std::map<std::string, std::vector<std::string>> by_pv;  // PV -> claims
    std::set<std::string> all_mounted;
    for (const auto& [ordinal, pod] : pods) {
      std::string pname = str_at(*pod, {"metadata", "name"});
      std::vector<std::string> mounted = claims_of(*pod);
      all_mounted.insert(mounted.begin(), mounted.end());
      if (templates.empty()) {
        lines.push_back(pname + " mounts claims: " + (mounted.empty() ? "(none)" : join(mounted)));
        continue;
      }
      for (const ClaimTemplate& t : templates) {
        std::string want = pvc_name(t.name, sts, ordinal);
        bool uses = std::find(mounted.begin(), mounted.end(), want) != mounted.end();
        if (!uses) not_own.push_back(pname + " does not mount " + want);
        const Json* pvc = find_named(snap->pvcs, want);
        std::string phase = pvc ? str_at(*pvc, {"status", "phase"}) : "";
        std::string pv = pvc ? str_at(*pvc, {"spec", "volumeName"}) : "";
        if (phase != "Bound") not_bound.push_back(want + (pvc ? " is " + phase : " does not exist"));
        if (!pv.empty()) by_pv[pv].push_back(want);
        lines.push_back(pname + " -> " + want + " " + (pvc ? phase : "missing") +
                        (pv.empty() ? "" : " pv=" + pv) +
                        (pvc ? " uid=" + str_at(*pvc, {"metadata", "uid"}) : ""));
      }
    }
    for (const auto& [pv, claims] : by_pv)
      if (claims.size() > 1) shared.push_back(pv + " is bound to " + join(claims));

    Assertion own{"pod-uses-own-pvc", "each pod mounts the PVC named after it",
                  !templates.empty() && !pods.empty() && not_own.empty(), ""};
    own.detail = templates.empty() ? "no claim templates: pods mount " +
                                         (all_mounted.empty() ? std::string("no claim")
                                                              : join({all_mounted.begin(),
                                                                      all_mounted.end()}))
                 : not_own.empty() ? "every pod mounts <template>-" + sts + "-<ordinal>"
                                   : join(not_own, "; ");
    Assertion bound{"pvc-bound", "each pod's PVC exists and is Bound",
                    !templates.empty() && !pods.empty() && not_bound.empty(), ""};
    bound.detail = templates.empty() ? "no per-pod PVCs"
                   : not_bound.empty() ? "all Bound" : join(not_bound, "; ");
    Assertion distinct{"distinct-pvs", "each PVC is bound to a different PersistentVolume",
                       !templates.empty() && !by_pv.empty() && shared.empty(), ""};
    distinct.detail = templates.empty() ? "no per-pod PVCs"
                      : shared.empty() ? std::to_string(by_pv.size()) + " distinct volumes"
                                       : join(shared, "; ");

    CheckResult r = result_from(id(), {has_templates, own, bound, distinct},
                                {{"pod -> PVC", join(lines, "\n"), snap->t}});
    if (r.status == Status::kPass) {
      r.summary = std::to_string(pods.size()) + " pods each have their own Bound PVC";
    } else {
      r.summary = "pods do not each have their own Bound PVC";
      if (templates.empty()) {
        r.explanation = "The StatefulSet has no volumeClaimTemplates" +
                        (all_mounted.empty()
                             ? std::string(", so the pods have no persistent storage.")
                             : ": every pod mounts the same claim(s) " +
                                   join({all_mounted.begin(), all_mounted.end()}) +
                                   " from spec.template.spec.volumes, so they share one volume.");
        r.hint = "Use volumeClaimTemplates (not volumes) so the controller creates one PVC "
                 "per pod (Lab 04 COMMON MISTAKES 7, \"Incorrect volumeClaimTemplates\").";
      } else {
        std::vector<std::string> why = failed_details(r.assertions);
        r.explanation = join(why, "; ") + ".";
        r.hint = "Each pod needs a PVC from volumeClaimTemplates that binds: check the "
                 "StorageClass (a default one, or storageClassName) and the access mode "
                 "ReadWriteOnce (Lab 04 COMMON MISTAKES 7 and 8).";
      }
    }
    return r;
  }
};

}  // namespace
STS_REGISTER_CHECK(PersistentStorage);
}  // namespace sts
