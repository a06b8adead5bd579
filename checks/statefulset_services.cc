// Lab 15 Task 2.1-2.2: the StatefulSet's serviceName points at a headless
// Service (clusterIP: None), and the chart keeps its regular Service for
// access from outside the set. Judged on the Services as the cluster held
// them after the rollout (snapshot "initial").
#include "checks/check.h"
#include "checks/check_util.h"

namespace sts {
namespace {

// The selector's terms that the pod template labels do not satisfy.
std::vector<std::string> unmatched(const Json& selector, const Json& labels) {
  std::vector<std::string> out;
  if (!selector.is_object() || selector.empty()) return {"(no selector)"};
  for (const auto& [k, v] : selector.items())
    if (!labels.is_object() || !labels.contains(k) || labels[k] != v)
      out.push_back(k + "=" + (v.is_string() ? v.get<std::string>() : v.dump()));
  return out;
}

std::string describe(const Json& svc) {
  std::string type = str_at(svc, {"spec", "type"});
  return str_at(svc, {"metadata", "name"}) + ": " + (type.empty() ? "ClusterIP" : type) + ", clusterIP " +
         str_at(svc, {"spec", "clusterIP"}) + ", selector " + node_at(svc, {"spec", "selector"}).dump();
}

class StatefulSetServices : public Check {
 public:
  std::string id() const override { return "statefulset-services"; }
  std::string title() const override { return "Headless and regular Service"; }
  std::string criterion() const override {
    return "spec.serviceName names a headless Service (clusterIP: None) selecting the pods, and a "
           "regular Service for access selects them too.";
  }

  CheckResult judge(const Observations& obs) const override {
    if (auto why = no_initial_snapshot(obs, id())) return *why;
    const Snapshot* snap = obs.snapshot("initial");
    const Json& labels = node_at(obs.statefulset_manifest, {"spec", "template", "metadata", "labels"});
    const std::string governing = str_at(obs.statefulset_manifest, {"spec", "serviceName"});
    std::vector<std::string> lines;
    for (const Json& s : snap->services) lines.push_back(describe(s));
    lines.push_back("StatefulSet " + obs.statefulset + ": serviceName " + (governing.empty() ? "(none)" : governing) +
                    ", pod labels " + (labels.is_object() ? labels.dump() : "(none)"));

    Assertion headless{"headless-service", "spec.serviceName names a headless Service selecting the pods", false, ""};
    const Json* gov = governing.empty() ? nullptr : find_named(snap->services, governing);
    if (governing.empty()) headless.detail = "the StatefulSet sets no spec.serviceName";
    else if (!gov) headless.detail = "spec.serviceName `" + governing + "` names no Service";
    else if (str_at(*gov, {"spec", "clusterIP"}) != "None")
      headless.detail = "Service " + governing + " is not headless (clusterIP " + str_at(*gov, {"spec", "clusterIP"}) + ")";
    else if (auto miss = unmatched(node_at(*gov, {"spec", "selector"}), labels); !miss.empty())
      headless.detail = "the selector of " + governing + " does not match the pod labels (" + join(miss) + ")";
    else {
      headless.passed = true;
      headless.detail = governing + " is headless and selects the pods";
    }

    Assertion regular{"regular-service", "a regular (not headless) Service selects the pods too", false, ""};
    std::vector<std::string> others;
    std::string regular_name;
    for (const Json& s : snap->services) {
      std::string name = str_at(s, {"metadata", "name"});
      if (name == governing || str_at(s, {"spec", "clusterIP"}) == "None") continue;
      if (unmatched(node_at(s, {"spec", "selector"}), labels).empty()) {
        regular.passed = true;
        regular_name = name;
        regular.detail = "Service " + name + " (" + describe(s) + ")";
        break;
      }
      others.push_back(name);
    }
    if (!regular.passed)
      regular.detail = others.empty() ? "no Service other than the headless one"
                                      : "Services " + join(others) + " do not select the pods";

    CheckResult r = result_from(id(), {headless, regular}, {{"Services", join(lines, "\n"), snap->t}});
    if (r.status == Status::kPass) {
      r.summary = "headless " + governing + " governs the set; " + regular_name + " serves it";
      return r;
    }
    r.summary = !headless.passed ? "the StatefulSet has no headless governing Service" : "no regular Service selects the pods";
    r.explanation = join(failed_details(r.assertions), "; ") + ".";
    r.hint = !headless.passed
                 ? "Add a Service with clusterIP: None selecting the pod labels and name it in spec.serviceName "
                   "(Lab 15 Task 2.2)."
                 : "Keep your existing (ClusterIP or NodePort) Service for access, next to the headless one "
                   "(Lab 15 Task 2.2).";
    return r;
  }
};

}  // namespace
STS_REGISTER_CHECK(StatefulSetServices);
}  // namespace sts
