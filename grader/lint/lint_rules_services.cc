// How the StatefulSet finds its Service and the Services find their pods
// (Lab 04 common mistakes 1-3, Project 5 mistakes 1-2).
#include <set>

#include "grader/lint/lint_rules.h"

namespace sts {

namespace {

std::string service_list(const LintContext& ctx) {
  std::string have;
  for (const Manifest* m : ctx.of_kind("Service")) have += (have.empty() ? "" : ", ") + m->name();
  return have;
}

bool headless(const Manifest& svc) { return str_at(svc.object, {"spec", "clusterIP"}) == "None"; }

}  // namespace

void lint_services(LintContext& ctx) {
  std::set<const Manifest*> judged;  // Services already reported against their StatefulSet
  for (const Manifest* s : ctx.of_kind("StatefulSet")) {
    const Json& labels = pod_labels(s->object);
    const std::string svc_name = str_at(s->object, {"spec", "serviceName"});
    const Manifest* svc = svc_name.empty() ? nullptr : ctx.find("Service", svc_name);
    const std::string have = service_list(ctx);
    if (svc_name.empty()) {
      ctx.report("service-name", *s, "/spec",
                 "StatefulSet " + s->name() + " has no spec.serviceName: its pods get no DNS names" +
                     (have.empty() ? "" : " (Services: " + have + ")"),
                 "set spec.serviceName to the name of your headless Service (Lab 04 common mistake 3)");
    } else if (!svc) {
      ctx.report("service-name", *s, "/spec/serviceName",
                 "serviceName " + quoted(svc_name) + " names no Service in the submission" +
                     (have.empty() ? "" : " (Services: " + have + ")"),
                 "create a headless Service named " + svc_name + ", or set spec.serviceName to the "
                 "headless Service's metadata.name (Lab 04 common mistake 3)");
    } else {
      judged.insert(svc);
      if (!headless(*svc)) {
        const std::string where = node_at(svc->object, {"spec"}).contains("clusterIP") ? "/spec/clusterIP" : "/spec";
        ctx.report("not-headless", *svc, where,
                   "Service " + svc_name + " (StatefulSet " + s->name() + "'s serviceName) is not headless: "
                   "no clusterIP: None, so its name resolves to one virtual IP, not to the pods",
                   "add `clusterIP: None` to the Service's spec (Lab 04 common mistake 1)");
      }
      if (!service_selector_matches(node_at(svc->object, {"spec", "selector"}), labels))
        ctx.report("service-selector", *svc, "/spec/selector",
                   "Service " + svc_name + "'s selector " + node_at(svc->object, {"spec", "selector"}).dump() +
                       " does not match StatefulSet " + s->name() + "'s pod labels " + labels.dump(),
                   "make the Service's spec.selector match spec.template.metadata.labels (Lab 04 common mistake 2)");
    }
  }
  // Any other Service that selects no pod of the submission.
  for (const Manifest* svc : ctx.of_kind("Service")) {
    const Json& selector = node_at(svc->object, {"spec", "selector"});
    if (judged.count(svc) || !selector.is_object() || selector.empty()) continue;
    bool any = false;
    for (const Manifest& m : ctx.manifests()) any = any || service_selector_matches(selector, pod_labels(m.object));
    if (!any)
      ctx.report("service-selector", *svc, "/spec/selector",
                 "Service " + svc->name() + "'s selector " + selector.dump() + " matches no pod template in the submission");
  }
  // A controller whose selector misses its own template is rejected by the API server.
  for (const Manifest& m : ctx.manifests()) {
    const std::string kind = m.kind();
    if (kind != "StatefulSet" && kind != "Deployment" && kind != "ReplicaSet" && kind != "DaemonSet") continue;
    const Json& selector = node_at(m.object, {"spec", "selector"});
    const Json& labels = pod_labels(m.object);
    if (selector.is_null() && labels.is_null()) continue;  // no template either: nothing to compare
    if (!label_selector_matches(selector, labels))
      ctx.report("selector-labels", m, selector.is_null() ? "/spec" : "/spec/selector",
                 kind + " " + m.name() + ": " +
                     (selector.is_null() ? "spec.selector is missing"
                                         : "spec.selector " + selector.dump() + " does not match the pod template's labels " +
                                               (labels.is_null() ? "(none)" : labels.dump())),
                 "make spec.selector.matchLabels equal to spec.template.metadata.labels (Lab 04 common mistake 2)");
  }
}

}  // namespace sts
