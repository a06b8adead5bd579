// Lab 06 1.5 / 1.7 "production features": the database and the application
// declare readiness probes, so a pod receives traffic (and the StatefulSet
// starts the next ordinal) only once it can serve. Judged on the submitted
// objects.
#include "checks/check.h"
#include "checks/check_util.h"
#include "checks/workload_facts.h"

namespace sts {
namespace {

class ReadinessProbes : public Check {
 public:
  std::string id() const override { return "readiness-probes"; }
  std::string title() const override { return "Readiness probes"; }
  std::string criterion() const override {
    return "Every container of the StatefulSet and of the application Deployments declares a readinessProbe.";
  }

  CheckResult judge(const Observations& obs) const override {
    std::vector<std::string> db_missing, app_missing, db_ok, app_ok;
    for (const Json& m : obs.manifests) {
      std::string kind = str_at(m, {"kind"});
      if (kind != "StatefulSet" && kind != "Deployment") continue;
      for (const Json* c : containers_of(m)) {
        std::string what = describe_object(m) + " container " + str_at(*c, {"name"});
        bool has = node_at(*c, {"readinessProbe"}).is_object();
        auto& list = kind == "StatefulSet" ? (has ? db_ok : db_missing) : (has ? app_ok : app_missing);
        list.push_back(what);
      }
    }
    Assertion db{"statefulset-probes", "the StatefulSet's containers declare a readinessProbe",
                 !db_ok.empty() && db_missing.empty(),
                 db_ok.empty() && db_missing.empty() ? "no StatefulSet"
                 : db_missing.empty()                ? join(db_ok)
                                                     : "no readinessProbe: " + join(db_missing)};
    Assertion app{"deployment-probes", "the Deployments' containers declare a readinessProbe", app_missing.empty(),
                  app_missing.empty() ? (app_ok.empty() ? "no Deployment" : join(app_ok))
                                      : "no readinessProbe: " + join(app_missing)};
    CheckResult r = result_from(id(), {db, app}, {});
    if (r.status == Status::kPass) {
      r.summary = "every container declares a readinessProbe";
      return r;
    }
    r.summary = "containers without a readinessProbe";
    r.explanation = join(failed_details(r.assertions), "; ") + ".";
    r.hint = "Add readinessProbe to each container: pg_isready / redis-cli ping for the database, GET /health for "
             "the API (Lab 06 1.5 and 1.7, production features).";
    return r;
  }
};

}  // namespace
STS_REGISTER_CHECK(ReadinessProbes);
}  // namespace sts
