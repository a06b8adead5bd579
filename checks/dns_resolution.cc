// Test 5: each pod has a stable DNS name that resolves to its IP.
#include <algorithm>
#include <map>
#include <set>

#include "checks/check.h"
#include "checks/check_util.h"
#include "grader/model/nslookup.h"

namespace sts {
namespace {

std::vector<std::string> canonical(const std::vector<std::string>& ips) {
  std::vector<std::string> out;
  for (const std::string& ip : ips) out.push_back(canonical_ip(ip).empty() ? ip : canonical_ip(ip));
  return out;
}

// The IPs (every family: status.podIPs) of pod `name` in the life that
// existed at time t.
std::vector<std::string> ips_of_pod_at(const Observations& obs, const std::string& name, double t) {
  std::vector<std::string> ips;
  for (const PodLife& l : obs.timeline.pod_lives_of(obs.statefulset))
    if (l.name == name && l.created && l.created->t <= t && (!l.deleted || l.deleted->t > t))
      ips = !l.ips.empty() ? l.ips : l.ip.empty() ? std::vector<std::string>{} : std::vector<std::string>{l.ip};
  if (ips.empty())
    if (const Snapshot* s = obs.snapshot("initial"))
      if (const Json* p = find_named(s->pods, name)) ips = pod_ips(*p);
  return canonical(ips);
}

// Every pod of the StatefulSet at time t, with its IPs.
std::map<std::string, std::vector<std::string>> ips_at(const Observations& obs, double t) {
  std::map<std::string, std::vector<std::string>> out;
  for (const PodLife& l : obs.timeline.pod_lives_of(obs.statefulset))
    if (l.created && l.created->t <= t && (!l.deleted || l.deleted->t > t) && !l.ip.empty())
      out[l.name] = canonical(!l.ips.empty() ? l.ips : std::vector<std::string>{l.ip});
  // Without usable times, the pods as they were after the rollout.
  if (out.empty())
    if (const Snapshot* s = obs.snapshot("initial"))
      for (const Json* p : pods_of(*s, obs.statefulset))
        if (!pod_ips(*p).empty()) out[str_at(*p, {"metadata", "name"})] = canonical(pod_ips(*p));
  return out;
}

std::string addresses(const DnsLookup& d) {
  return d.addresses.empty() ? "(not found)" : join(d.addresses);
}

class DnsResolution : public Check {
 public:
  std::string id() const override { return "dns-resolution"; }
  std::string title() const override { return "DNS resolution"; }
  std::string criterion() const override {
    return "Each pod's name <pod>.<service>.<namespace>.svc.cluster.local resolves to its IP, "
           "and the headless service name resolves to the pod IPs.";
  }

  CheckResult judge(const Observations& obs) const override {
    std::vector<const DnsLookup*> pod_lookups;
    const DnsLookup* service_lookup = nullptr;
    for (const DnsLookup& d : obs.dns) {
      if (d.phase != "dns") continue;
      if (d.expect_pod.empty()) service_lookup = &d;
      else pod_lookups.push_back(&d);
    }
    // The probe step fails only for the cluster's faults: then lookups are lost.
    if (auto unmet = unmet_step(obs, id(), "dns")) return *unmet;
    if (pod_lookups.empty() && !service_lookup) {
      return skipped(id(), "the grader recorded no DNS lookups in phase \"dns\"");
    }
    for (const DnsLookup& d : obs.dns)
      if (d.phase == "dns")
        if (auto err = infra_error(id(), d.exec, "the DNS lookup of " + d.name)) return *err;

    std::vector<std::string> lines, pod_bad;
    for (const DnsLookup* d : pod_lookups) {
      // Any of the pod's addresses (A or AAAA: status.podIPs) in the answer.
      std::vector<std::string> ips = ips_of_pod_at(obs, d->expect_pod, d->exec.t_start);
      std::string want = join(ips);
      std::vector<std::string> got = canonical(d->addresses);
      bool ok = std::any_of(ips.begin(), ips.end(), [&](const std::string& a) {
        return std::find(got.begin(), got.end(), a) != got.end();
      });
      if (!ok) pod_bad.push_back(d->name + " -> " + addresses(*d) + ", expected " +
                                 (want.empty() ? "(pod IP unknown)" : want));
      lines.push_back(d->name + " -> " + addresses(*d) + " (expected " + want +
                      ", attempts: " + std::to_string(d->attempts) + ")");
    }
    Assertion pods{"pod-records", "every pod's DNS name resolves to that pod's current IP",
                   !pod_lookups.empty() && pod_bad.empty(),
                   pod_lookups.empty() ? "no pod name was looked up"
                   : pod_bad.empty()   ? std::to_string(pod_lookups.size()) + " pod names resolve"
                                       : join(pod_bad, "; ")};

    Assertion service{"service-records",
                      "the service name resolves to the pod IPs, not to a virtual IP", false, ""};
    if (!service_lookup) {
      service.detail = "the service name was not looked up";
    } else {
      std::map<std::string, std::vector<std::string>> pods_now = ips_at(obs, service_lookup->exec.t_start);
      std::set<std::string> want;
      for (const auto& [pod, ips] : pods_now) want.insert(ips.begin(), ips.end());
      std::vector<std::string> answer = canonical(service_lookup->addresses);
      std::set<std::string> got(answer.begin(), answer.end());
      std::vector<std::string> foreign, missing;
      for (const std::string& a : got)
        if (!want.count(a)) foreign.push_back(a);
      // Each pod answers with at least one of its addresses (a dual-stack
      // pod may be listed in one family only).
      for (const auto& [pod, ips] : pods_now)
        if (std::none_of(ips.begin(), ips.end(), [&](const std::string& a) { return got.count(a) > 0; }))
          missing.push_back(join(ips));
      service.passed = !got.empty() && foreign.empty() && missing.empty();
      service.detail = got.empty() ? service_lookup->name + " did not resolve"
                       : service.passed ? service_lookup->name + " -> the " +
                                              std::to_string(got.size()) + " pod IPs"
                                        : service_lookup->name + " -> " +
                                              addresses(*service_lookup) +
                                              (foreign.empty() ? "" : "; not pod IPs: " +
                                                                          join(foreign)) +
                                              (missing.empty() ? "" : "; missing pod IPs: " +
                                                                          join(missing));
      lines.push_back(service_lookup->name + " -> " + addresses(*service_lookup) +
                      " (pod IPs " + join({want.begin(), want.end()}) + ")");
    }

    Diagnosis diag = diagnose(obs);
    Assertion headless{"headless-service",
                       "spec.serviceName names a headless Service (clusterIP: None) whose "
                       "selector matches the pod labels",
                       diag.causes.empty(),
                       diag.causes.empty() ? diag.service_text : join(diag.causes, "; ")};

    std::vector<Evidence> ev{{"DNS lookups from the probe pod", join(lines, "\n"),
                              pod_lookups.empty() ? service_lookup->exec.t_start
                                                  : pod_lookups.front()->exec.t_start},
                             {"submitted service", diag.service_text, -1}};
    CheckResult r = result_from(id(), {pods, service, headless}, std::move(ev));
    if (r.status == Status::kPass) {
      r.summary = "every pod name resolves to its pod IP; the service name to the pod IPs";
    } else {
      r.summary = "DNS names do not resolve to the pods";
      std::vector<std::string> why =
          diag.causes.empty() ? failed_details(r.assertions) : diag.causes;
      r.explanation = join(why, "; ") + ".";
      r.hint = diag.hint.empty()
                   ? "Create a headless Service (clusterIP: None), name it in the "
                     "StatefulSet's spec.serviceName, and make its selector match the pod "
                     "labels (Lab 04 COMMON MISTAKES 1-3)."
                   : diag.hint;
    }
    return r;
  }

 private:
  struct Diagnosis {
    std::vector<std::string> causes;
    std::string hint;
    std::string service_text;
  };

  // What in the submitted objects breaks the lab's DNS contract.
  static Diagnosis diagnose(const Observations& obs) {
    Diagnosis d;
    const Json& sts = obs.statefulset_manifest;
    std::string name = str_at(sts, {"spec", "serviceName"});
    std::vector<std::string> services;
    for (const Json& m : obs.manifests)
      if (str_at(m, {"kind"}) == "Service") services.push_back(str_at(m, {"metadata", "name"}));
    if (name.empty()) {
      d.causes.push_back("the StatefulSet sets no spec.serviceName");
      d.hint = "Set spec.serviceName to your headless Service's name (Lab 04 COMMON "
               "MISTAKES 1).";
      d.service_text = "spec.serviceName: (none); Services submitted: " +
                       (services.empty() ? std::string("none") : join(services));
      return d;
    }
    const Json* svc = find_manifest(obs, "Service", name);
    if (!svc) {
      d.causes.push_back("spec.serviceName `" + name + "` names no Service (submitted: " +
                         (services.empty() ? std::string("none") : join(services)) + ")");
      d.hint = "spec.serviceName must exactly match the headless Service's metadata.name "
               "(Lab 04 COMMON MISTAKES 3, \"Wrong serviceName\").";
      d.service_text = "spec.serviceName: " + name + "; Services submitted: " +
                       (services.empty() ? std::string("none") : join(services));
      return d;
    }
    // The cluster's view of the Service, for an allocated clusterIP.
    std::string cluster_ip = str_at(*svc, {"spec", "clusterIP"});
    for (const char* snap_id : {"initial", "final"})
      if (const Snapshot* s = obs.snapshot(snap_id))
        if (const Json* live = find_named(s->services, name)) {
          cluster_ip = str_at(*live, {"spec", "clusterIP"});
          break;
        }
    const Json& selector = node_at(*svc, {"spec", "selector"});
    const Json& labels = node_at(sts, {"spec", "template", "metadata", "labels"});
    d.service_text = "Service " + name + ": clusterIP " +
                     (cluster_ip.empty() ? "(allocated)" : cluster_ip) + ", selector " +
                     (selector.is_object() ? selector.dump() : "(none)") + "; pod labels " +
                     (labels.is_object() ? labels.dump() : "(none)");
    if (cluster_ip != "None") {
      d.causes.push_back("Service " + name + " is not headless: clusterIP is " +
                         (cluster_ip.empty() ? "allocated" : cluster_ip) +
                         ", so its name resolves to one virtual IP instead of the pod IPs, and per-pod "
                         "names are only guaranteed for a headless Service");
      d.hint = "Set `clusterIP: None` on the Service to make it headless (Lab 04 COMMON "
               "MISTAKES 1, \"Forgetting the Headless Service\").";
    }
    std::vector<std::string> unmatched;
    if (!selector.is_object() || selector.empty()) {
      unmatched.push_back("(no selector)");
    } else {
      for (const auto& [k, v] : selector.items()) {
        std::string want = v.is_string() ? v.get<std::string>() : v.dump();
        if (!labels.is_object() || !labels.contains(k) || labels[k] != v)
          unmatched.push_back(k + "=" + want);
      }
    }
    if (!unmatched.empty()) {
      d.causes.push_back("the selector of Service " + name + " (" + join(unmatched) +
                         ") matches no pod labels " +
                         (labels.is_object() ? labels.dump() : "(none)"));
      if (d.hint.empty())
        d.hint = "Make service.spec.selector match statefulset.spec.template.metadata.labels "
                 "(Lab 04 COMMON MISTAKES 2, \"Mismatched Labels\").";
    }
    return d;
  }
};

}  // namespace
STS_REGISTER_CHECK(DnsResolution);
}  // namespace sts
