// The StatefulSet's spec.serviceName names a headless Service (clusterIP:
// None) whose selector matches the pod template: what gives each pod its DNS
// name <pod>.<service> (Lab 06 1.4 and COMMON MISTAKES 5, Level 2, Project 5
// COMMON MISTAKES 1 and 2). Judged on the submitted objects.
#include "checks/check.h"
#include "checks/check_util.h"
#include "checks/workload_facts.h"

namespace sts {
namespace {

class GoverningService : public Check {
 public:
  std::string id() const override { return "governing-service"; }
  std::string title() const override { return "Headless governing Service"; }
  std::string criterion() const override {
    return "spec.serviceName names a Service of the submission that is headless (clusterIP: None) and selects "
           "the StatefulSet's pods.";
  }

  CheckResult judge(const Observations& obs) const override {
    if (obs.statefulset.empty()) return skipped(id(), "the submission has no StatefulSet");
    const std::string name = str_at(obs.statefulset_manifest, {"spec", "serviceName"});
    const Json& labels = node_at(obs.statefulset_manifest, {"spec", "template", "metadata", "labels"});
    const Json* svc = name.empty() ? nullptr : find_manifest(obs, "Service", name);
    std::vector<std::string> services;
    for (const Json* s : manifests_of_kind(obs, "Service"))
      services.push_back(str_at(*s, {"metadata", "name"}) + " (clusterIP " +
                         (str_at(*s, {"spec", "clusterIP"}).empty() ? "auto" : str_at(*s, {"spec", "clusterIP"})) +
                         ", selector " + node_at(*s, {"spec", "selector"}).dump() + ")");

    Assertion exists{"service-exists", "spec.serviceName names a Service of the submission", svc != nullptr,
                     name.empty() ? "the StatefulSet sets no spec.serviceName"
                     : svc        ? "Service " + name
                                  : "`" + name + "` names no Service; submitted: " +
                                        (services.empty() ? std::string("none") : join(services))};
    std::string cip = svc ? str_at(*svc, {"spec", "clusterIP"}) : "";
    Assertion headless{"headless", "that Service is headless (clusterIP: None)", svc && cip == "None",
                       !svc ? "no Service" : cip == "None" ? "clusterIP: None"
                                                          : "clusterIP " + (cip.empty() ? std::string("not set (a virtual IP is allocated)") : cip)};
    std::vector<std::string> unmatched;
    const Json& sel = svc ? node_at(*svc, {"spec", "selector"}) : Json();
    if (svc && (!sel.is_object() || sel.empty())) unmatched.push_back("(no selector)");
    if (sel.is_object())
      for (const auto& [k, v] : sel.items())
        if (!labels.is_object() || !labels.contains(k) || labels[k] != v)
          unmatched.push_back(k + "=" + (v.is_string() ? v.get<std::string>() : v.dump()));
    Assertion selects{"selects-pods", "its selector matches the pod template's labels", svc && unmatched.empty(),
                      !svc ? "no Service"
                      : unmatched.empty() ? "selector " + sel.dump() + " matches labels " + labels.dump()
                                          : "not in the pod labels " + (labels.is_object() ? labels.dump() : "{}") +
                                                ": " + join(unmatched)};
    CheckResult r = result_from(id(), {exists, headless, selects},
                                {{"Services submitted", services.empty() ? "none" : join(services, "\n"), -1}});
    if (r.status == Status::kPass) {
      r.summary = "headless Service " + name + " governs " + obs.statefulset;
      return r;
    }
    r.summary = !exists.passed ? "the StatefulSet's serviceName names no Service"
                : !headless.passed ? "Service " + name + " is not headless"
                                   : "Service " + name + " does not select the pods";
    // Without the Service, its headlessness and selector are moot: name the cause once.
    r.explanation = (exists.passed ? join(failed_details(r.assertions), "; ") : exists.detail) + ".";
    r.hint = "Create a Service with clusterIP: None whose selector matches the pod labels, before the StatefulSet, "
             "and name it in spec.serviceName (Lab 06 COMMON MISTAKES 5; Project 5 COMMON MISTAKES 1-2).";
    return r;
  }
};

}  // namespace
STS_REGISTER_CHECK(GoverningService);
}  // namespace sts
