// Lab 06 1.7 and 1.11: the API (section 3: the worker) is stateless, so it
// runs as a Deployment: its pods have random names, mount no PVC, and a
// deleted pod is replaced by one with a new random name while the system keeps
// working. Scenario contract: step delete-app-pod (op delete-pod with a
// selector; scenario_params.deleted_by_selector.delete-app-pod) and snapshot
// "final" after it.
#include <set>

#include "checks/check.h"
#include "checks/check_util.h"
#include "checks/workload_facts.h"

namespace sts {
namespace {

inline constexpr const char* kStep = "delete-app-pod";

// The Deployment that owns a pod through its ReplicaSet, "" if none.
std::string owning_deployment(const Json& pod, const Snapshot& snap) {
  const Json& refs = node_at(pod, {"metadata", "ownerReferences"});
  if (!refs.is_array()) return "";
  for (const Json& r : refs) {
    if (str_at(r, {"kind"}) != "ReplicaSet") continue;
    const Json* rs = find_named(snap.replicasets, str_at(r, {"name"}));
    if (!rs) continue;
    const Json& up = node_at(*rs, {"metadata", "ownerReferences"});
    if (up.is_array())
      for (const Json& u : up)
        if (str_at(u, {"kind"}) == "Deployment") return str_at(u, {"name"});
  }
  return "";
}

class StatelessDeployment : public Check {
 public:
  std::string id() const override { return "stateless-deployment"; }
  std::string title() const override { return "Stateless app as a Deployment"; }
  std::string criterion() const override {
    return "The stateless application runs as a Deployment: pods with random names and no PVCs; a deleted pod "
           "is replaced by a new one with a different random name.";
  }

  CheckResult judge(const Observations& obs) const override {
    std::vector<const Json*> deployments = manifests_of_kind(obs, "Deployment");
    std::vector<std::string> names;
    for (const Json* d : deployments) names.push_back(str_at(*d, {"metadata", "name"}));
    if (deployments.empty()) {
      CheckResult r = result_from(
          id(), {{"deployment", "the application runs as a Deployment", false, "the submission has no Deployment"}}, {});
      r.summary = "the submission has no Deployment for its application";
      r.explanation = "No Deployment was submitted: the stateless application (the API or the worker) must run as one.";
      r.hint = "Run the API as a Deployment (Lab 06 1.7: stateless, interchangeable pods).";
      return r;
    }
    if (auto unmet = unmet_step(obs, id(), kStep)) return *unmet;
    const Snapshot* snap = obs.snapshot("final");
    if (!snap) return skipped(id(), "no snapshot \"final\" was taken");

    std::set<std::string> ours(names.begin(), names.end());
    std::vector<std::string> pod_lines, ordinal_named, with_claims;
    std::set<std::string> pods_seen;
    for (const Json& p : snap->pods) {
      std::string dep = owning_deployment(p, *snap);
      if (!ours.count(dep)) continue;
      std::string name = str_at(p, {"metadata", "name"});
      pods_seen.insert(name);
      std::vector<std::string> claims = claims_of(p);
      pod_lines.push_back(name + " (Deployment " + dep + ")" + (claims.empty() ? "" : " claims: " + join(claims)));
      if (ordinal_of(name, dep) >= 0) ordinal_named.push_back(name);
      if (!claims.empty()) with_claims.push_back(name + " mounts " + join(claims));
    }
    for (const Json* d : deployments)
      if (const Json& vols = node_at(*d, {"spec", "template", "spec", "volumes"}); vols.is_array())
        for (const Json& v : vols)
          if (!str_at(v, {"persistentVolumeClaim", "claimName"}).empty())
            with_claims.push_back("Deployment " + str_at(*d, {"metadata", "name"}) + " declares claim " +
                                  str_at(v, {"persistentVolumeClaim", "claimName"}));

    Assertion deployment{"deployment", "the application runs as a Deployment", !pods_seen.empty(),
                         pods_seen.empty() ? "Deployment " + join(names) + " has no pods"
                                           : "Deployment " + join(names) + ": " + std::to_string(pods_seen.size()) +
                                                 " pods"};
    Assertion random{"random-names", "its pods have generated names, not ordinals",
                     !pods_seen.empty() && ordinal_named.empty(),
                     ordinal_named.empty() ? join({pods_seen.begin(), pods_seen.end()})
                                           : "ordinal names: " + join(ordinal_named)};
    Assertion no_pvc{"no-pvcs", "its pods mount no PersistentVolumeClaim", with_claims.empty(),
                     with_claims.empty() ? "no PVC mounted" : join(with_claims, "; ")};

    const Json& rec = node_at(obs.scenario_params, {"deleted_by_selector", kStep});
    std::string deleted = str_at(rec, {"pod"}), deleted_uid = str_at(rec, {"uid"});
    std::vector<std::string> replacements;
    if (auto w = step_window(obs, kStep))
      for (const PodLife& l : obs.timeline.pod_lives())
        if (l.created && w->contains(l.created->seq) && l.uid != deleted_uid && l.name != deleted &&
            pods_seen.count(l.name))
          replacements.push_back(l.name + " created " + seconds(l.created->t) +
                                 (l.ready ? ", Ready " + seconds(l.ready->t) : ""));
    // Gone, or on its way out: a pod of that UID is no longer serving.
    bool deleted_gone = !deleted.empty();
    for (const Json& p : snap->pods)
      if (str_at(p, {"metadata", "uid"}) == deleted_uid && str_at(p, {"metadata", "deletionTimestamp"}).empty())
        deleted_gone = false;
    Assertion replaced{"replaced-new-name", "a deleted pod is replaced by a pod with a new random name",
                       !deleted.empty() && deleted_gone && !replacements.empty(), ""};
    replaced.detail = deleted.empty() ? "no pod was deleted"
                      : replacements.empty() ? "no new pod replaced " + deleted
                                             : deleted + " deleted; replaced by " + join(replacements);

    std::vector<Evidence> ev{{"pods of the Deployments (final)", join(pod_lines, "\n"), snap->t}};
    if (!deleted.empty()) ev.push_back({"API pod deletion (Lab 06 1.11)", replaced.detail, -1});
    CheckResult r = result_from(id(), {deployment, random, no_pvc, replaced}, std::move(ev));
    if (r.status == Status::kPass) {
      r.summary = "Deployment " + join(names) + ": random pod names, no PVCs, " + deleted + " replaced by a new name";
      return r;
    }
    r.summary = "the application is not a stateless Deployment";
    r.explanation = join(failed_details(r.assertions), "; ") + ".";
    r.hint = !no_pvc.passed ? "The API keeps no data: remove its PVC; the database's StatefulSet holds the state "
                              "(Lab 06 1.7)."
                            : "Run the API as a Deployment with replicas >= 1 (Lab 06 1.7, 1.11).";
    return r;
  }
};

}  // namespace
STS_REGISTER_CHECK(StatelessDeployment);
}  // namespace sts
