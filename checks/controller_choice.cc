// Lab 06's fundamental pattern (and Level 2's point): the stateful backend
// (database, cache, queue) is a StatefulSet, the stateless application (API,
// worker) a Deployment. Judged on the submitted objects (COMMON MISTAKES 1,
// "Using Deployment for a Database"), so it holds even when the run stopped.
#include "checks/check.h"
#include "checks/check_util.h"
#include "checks/workload_facts.h"

namespace sts {
namespace {

bool mounts_claim(const Json& workload) {
  const Json& vols = str_at(workload, {"kind"}) == "Pod" ? node_at(workload, {"spec", "volumes"})
                                                          : node_at(workload, {"spec", "template", "spec", "volumes"});
  if (vols.is_array())
    for (const Json& v : vols)
      if (!str_at(v, {"persistentVolumeClaim", "claimName"}).empty()) return true;
  return false;
}

class ControllerChoice : public Check {
 public:
  std::string id() const override { return "controller-choice"; }
  std::string title() const override { return "StatefulSet for state, Deployment for the app"; }
  std::string criterion() const override {
    return "The database (cache, queue) runs as a StatefulSet; the stateless application runs as a Deployment.";
  }

  CheckResult judge(const Observations& obs) const override {
    std::vector<std::string> stateful_ok, misplaced, apps, stateless_sets;
    for (const Json& m : obs.manifests) {
      std::string kind = str_at(m, {"kind"});
      if (kind != "StatefulSet" && kind != "Deployment" && kind != "ReplicaSet" && kind != "Pod" &&
          kind != "DaemonSet")
        continue;
      const Json* db = database_container(m);
      std::string what = db ? database_of_image(str_at(*db, {"image"})) : "";
      if (kind == "StatefulSet") {
        if (db) stateful_ok.push_back(describe_object(m) + " runs " + what);
        else if (!claim_templates(m).empty()) stateful_ok.push_back(describe_object(m) + " (volumeClaimTemplates)");
        else stateless_sets.push_back(describe_object(m));
        continue;
      }
      if (db) misplaced.push_back(describe_object(m) + " runs " + what + " (" + str_at(*db, {"image"}) + ")");
      else if (mounts_claim(m)) misplaced.push_back(describe_object(m) + " mounts a PVC");
      else if (kind == "Deployment") apps.push_back(describe_object(m));
    }
    Assertion state{"state-in-statefulset", "the stateful backend runs as a StatefulSet, and nothing else holds state",
                    !stateful_ok.empty() && misplaced.empty(), ""};
    if (stateful_ok.empty() && misplaced.empty()) state.detail = "no StatefulSet runs a database";
    else if (!misplaced.empty()) state.detail = "state outside a StatefulSet: " + join(misplaced, "; ");
    else state.detail = join(stateful_ok, "; ");
    Assertion app{"app-in-deployment", "the stateless application runs as a Deployment",
                  !apps.empty() && stateless_sets.empty(), ""};
    if (!stateless_sets.empty()) app.detail = "stateless StatefulSet: " + join(stateless_sets) + " (no database, no claims)";
    else if (apps.empty()) app.detail = "no Deployment runs the application";
    else app.detail = join(apps);

    std::vector<std::string> lines = stateful_ok;
    for (const std::string& s : misplaced) lines.push_back(s);
    for (const std::string& s : apps) lines.push_back(s + " (stateless)");
    for (const std::string& s : stateless_sets) lines.push_back(s + " (no database image, no claims)");
    CheckResult r = result_from(id(), {state, app}, {{"workloads submitted", join(lines, "\n"), -1}});
    if (r.status == Status::kPass) {
      r.summary = join(stateful_ok) + "; " + join(apps) + " for the application";
      return r;
    }
    r.summary = !state.passed ? "the stateful backend is not (only) a StatefulSet" : "the application is not a Deployment";
    r.explanation = join(failed_details(r.assertions), "; ") + ".";
    r.hint = !state.passed
                 ? "Run the database as a StatefulSet with volumeClaimTemplates and a headless Service: a Deployment "
                   "gives random names and no per-pod storage (Lab 06 COMMON MISTAKES 1)."
                 : "Run the stateless API or worker as a Deployment: it needs no identity or storage (Lab 06 1.7).";
    return r;
  }
};

}  // namespace
STS_REGISTER_CHECK(ControllerChoice);
}  // namespace sts
