// Level 2: PostgreSQL keeps its data on a PersistentVolumeClaim that is
// Bound to a PersistentVolume — from volumeClaimTemplates or from the
// level's own postgres-pvc.yaml — and the claim is mounted where PostgreSQL
// writes (PGDATA). Judged on the pods as they ran (snapshot "initial").
#include "checks/check.h"
#include "checks/check_util.h"
#include "checks/workload_facts.h"

namespace sts {
namespace {

class DatabaseStorage : public Check {
 public:
  std::string id() const override { return "database-storage"; }
  std::string title() const override { return "Database data on a Bound PVC"; }
  std::string criterion() const override {
    return "Each database pod mounts a PersistentVolumeClaim, Bound to a PersistentVolume, at the directory the "
           "database writes to.";
  }

  CheckResult judge(const Observations& obs) const override {
    if (auto why = no_initial_snapshot(obs, id())) return *why;
    const Snapshot* snap = obs.snapshot("initial");
    if (auto none = no_pod_ready(obs, id())) return *none;
    std::vector<std::string> lines, unbound, off_dir, no_claim;
    int pods = 0;
    for (const Json* p : pods_of(*snap, obs.statefulset)) {
      ++pods;
      std::string name = str_at(*p, {"metadata", "name"});
      std::map<std::string, std::string> claim_of_volume;
      if (const Json& vols = node_at(*p, {"spec", "volumes"}); vols.is_array())
        for (const Json& v : vols)
          if (std::string c = str_at(v, {"persistentVolumeClaim", "claimName"}); !c.empty())
            claim_of_volume[str_at(v, {"name"})] = c;
      if (claim_of_volume.empty()) {
        no_claim.push_back(name);
        lines.push_back(name + ": no PVC");
        continue;
      }
      for (const auto& [vol, claim] : claim_of_volume) {
        const Json* pvc = find_named(snap->pvcs, claim);
        std::string phase = pvc ? str_at(*pvc, {"status", "phase"}) : "missing";
        std::string pv = pvc ? str_at(*pvc, {"spec", "volumeName"}) : "";
        lines.push_back(name + ": " + claim + " " + phase + (pv.empty() ? "" : " pv=" + pv));
        if (phase != "Bound") unbound.push_back(claim + " " + phase);
      }
      const Json* db = database_container(*p);
      std::optional<std::string> dir = db ? data_dir_of(obs, *db, database_of_image(str_at(*db, {"image"}))) : std::nullopt;
      if (!dir) continue;
      bool on = false;
      std::vector<std::string> mounts;
      if (const Json& ms = node_at(*db, {"volumeMounts"}); ms.is_array())
        for (const Json& m : ms)
          if (claim_of_volume.count(str_at(m, {"name"}))) {
            mounts.push_back(claim_of_volume[str_at(m, {"name"})] + " at " + str_at(m, {"mountPath"}));
            on = on || path_within(*dir, str_at(m, {"mountPath"}));
          }
      if (!on) off_dir.push_back(name + " writes to " + *dir + (mounts.empty() ? ", no PVC mounted" : ", PVC at " + join(mounts)));
    }
    Assertion bound{"pvc-bound", "each database pod mounts a PVC that is Bound", pods > 0 && no_claim.empty() && unbound.empty(),
                    pods == 0 ? "no pod of " + obs.statefulset
                    : !no_claim.empty() ? "no PVC: " + join(no_claim)
                    : unbound.empty() ? "Bound" : "not Bound: " + join(unbound)};
    Assertion dir{"data-dir-on-pvc", "the database's data directory is on that PVC", pods > 0 && no_claim.empty() && off_dir.empty(),
                  !no_claim.empty() ? "no PVC" : off_dir.empty() ? "the data directory is on the PVC" : join(off_dir, "; ")};
    CheckResult r = result_from(id(), {bound, dir}, {{"database pods and their claims", join(lines, "\n"), snap->t}});
    if (r.status == Status::kPass) {
      r.summary = "the database's data is on a Bound PVC";
      return r;
    }
    r.summary = !no_claim.empty() ? "the database has no PersistentVolumeClaim" : "the database's data is not on a Bound PVC";
    r.explanation = (no_claim.empty() ? join(failed_details(r.assertions), "; ") : bound.detail) + ".";
    r.hint = "Give PostgreSQL a PVC (volumeClaimTemplates, or postgres-pvc.yaml) mounted at /var/lib/postgresql/data "
             "(or where PGDATA points): without it the data is lost with the pod (Level 2, \"Storage: None\").";
    return r;
  }
};

}  // namespace
STS_REGISTER_CHECK(DatabaseStorage);
}  // namespace sts
