// Lab 06 1.2 / 2.6 and COMMON MISTAKES 3: the application finds the database
// by its stable DNS name <pod>.<headless-service> (DB_HOST:
// postgres-0.postgres-headless), never by a pod IP, which changes at every
// restart. Judged on the application workloads' environment as submitted
// (ConfigMaps and Secrets resolved). Not applicable when the submission has
// no application workload (Level 2 without its backend).
#include <cctype>

#include "checks/check.h"
#include "checks/check_util.h"
#include "checks/workload_facts.h"

namespace sts {
namespace {

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// DB_HOST, REDIS_HOST, DATABASE_URL, REDIS_URL, QUEUE_ADDR, …
bool names_a_backend(const std::string& env_name) {
  std::string n = upper(env_name);
  for (const char* suffix : {"HOST", "_URL", "_URI", "_ADDR", "_ADDRESS", "_SERVER"})
    if (n.size() >= std::string(suffix).size() && n.compare(n.size() - std::string(suffix).size(), std::string::npos, suffix) == 0)
      return true;
  return false;
}

// A setting for the stateful backend, not e.g. a frontend's BACKEND_URL: its
// name says database/cache/queue, or it points at the StatefulSet, or at an IP.
bool about_the_database(const EnvValue& e, const std::string& sts, const std::string& svc) {
  std::string n = upper(e.name);
  for (const char* k : {"DB", "DATABASE", "POSTGRES", "PG", "REDIS", "MYSQL", "MONGO", "QUEUE", "BROKER", "CACHE"})
    if (n.find(k) != std::string::npos) return true;
  std::string host = host_of(e.value);
  return (!sts.empty() && host.find(sts) != std::string::npos) ||
         (!svc.empty() && host.find(svc) != std::string::npos) || ipv4_in(e.value).has_value();
}

std::vector<std::string> split_dots(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  for (;;) {
    size_t dot = s.find('.', start);
    out.push_back(s.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) return out;
    start = dot + 1;
  }
}

// "postgres-0.postgres-headless", with optional ".<ns>", ".svc", ".cluster.local".
bool is_pod_dns_name(const std::string& host, const std::string& sts, const std::string& svc) {
  std::vector<std::string> p = split_dots(host);
  if (p.size() < 2 || ordinal_of(p[0], sts) < 0 || p[1] != svc) return false;
  if (p.size() == 2 || p.size() == 3) return true;
  return p[3] == "svc";
}
bool is_service_name(const std::string& host, const std::string& svc) {
  std::vector<std::string> p = split_dots(host);
  return p[0] == svc && (p.size() <= 2 || p[2] == "svc");
}

class BackendConnection : public Check {
 public:
  std::string id() const override { return "backend-connection"; }
  std::string title() const override { return "App reaches the database by its stable DNS name"; }
  std::string criterion() const override {
    return "The application's backend host (DB_HOST, REDIS_HOST, …) is the database pod's stable DNS name "
           "<pod>.<headless-service>, not a pod IP.";
  }

  CheckResult judge(const Observations& obs) const override {
    std::vector<const Json*> apps;
    for (const Json& m : obs.manifests) {
      std::string kind = str_at(m, {"kind"});
      if ((kind == "Deployment" || kind == "ReplicaSet" || kind == "Pod" || kind == "StatefulSet") &&
          !database_container(m) && !(kind == "StatefulSet" && !claim_templates(m).empty()))
        apps.push_back(&m);
    }
    if (apps.empty()) {
      CheckResult r = skipped(id(), "the submission has no application workload (only the database)");
      r.summary = "no application workload: nothing connects to the database";
      r.not_applicable = true;
      return r;
    }
    const std::string sts = obs.statefulset;
    const std::string svc = str_at(obs.statefulset_manifest, {"spec", "serviceName"});
    const int replicas = initial_replicas(obs);

    std::vector<std::string> lines, ips, not_stable, unresolved;
    std::string first_bad;             // the setting the hint names
    int hosts = 0;
    for (const Json* app : apps)
      for (const Json* c : containers_of(*app))
        for (const EnvValue& e : resolved_env(obs, *c)) {
          if (!names_a_backend(e.name) || (e.resolved && !about_the_database(e, sts, svc))) continue;
          std::string where = describe_object(*app) + " " + e.name;
          if (!e.resolved || e.value.empty()) {
            unresolved.push_back(where + " (" + e.source + ")");
            continue;
          }
          ++hosts;
          std::string host = host_of(e.value);
          lines.push_back(where + "=" + e.value + (e.source == "env" ? "" : " (from " + e.source + ")"));
          if (auto ip = ipv4_in(e.value)) {
            ips.push_back(where + "=" + e.value);
            if (first_bad.empty()) first_bad = e.name;
            continue;
          }
          bool stable = !sts.empty() && (is_pod_dns_name(host, sts, svc) ||
                                         (replicas == 1 && !svc.empty() && is_service_name(host, svc)));
          if (!stable) {
            not_stable.push_back(where + "=" + host);
            if (first_bad.empty()) first_bad = e.name;
          }
        }
    Assertion declared{"host-declared", "the application names its backend host in its environment", hosts > 0,
                       hosts > 0 ? std::to_string(hosts) + " backend host setting(s)"
                                 : "no *_HOST / *_URL variable with a value" +
                                       (unresolved.empty() ? std::string() : " (unresolved: " + join(unresolved) + ")")};
    Assertion no_ip{"no-ip", "no backend is addressed by a hard-coded IP", hosts > 0 && ips.empty(),
                    ips.empty() ? (hosts > 0 ? "no IP address" : "no backend host") : "hard-coded: " + join(ips)};
    std::string want = sts.empty() ? "a StatefulSet pod" : sts + "-0." + (svc.empty() ? "<headless-service>" : svc);
    Assertion stable{"stable-dns-name", "the backend host is the stable DNS name <pod>.<headless-service> (" + want + ")",
                     hosts > 0 && ips.empty() && not_stable.empty(), ""};
    if (sts.empty()) stable.detail = "no StatefulSet: no stable pod name to point at";
    else if (hosts == 0) stable.detail = "no backend host";
    else if (!not_stable.empty())
      stable.detail = "not a pod's stable name: " + join(not_stable) +
                      (replicas > 1 && !svc.empty() ? " (with " + std::to_string(replicas) + " replicas, the Service name " +
                                                          svc + " reaches any of them)"
                                                    : "");
    else if (!ips.empty()) stable.detail = "an IP is not a DNS name";
    else stable.detail = "every backend host is a stable DNS name";

    CheckResult r = result_from(id(), {declared, no_ip, stable}, {{"backend settings", join(lines, "\n"), -1}});
    if (r.status == Status::kPass) {
      r.summary = "the application connects to " + want + " by name";
      return r;
    }
    r.summary = !ips.empty() ? "the application uses a hard-coded IP for its backend"
                             : "the application does not name the database pod's stable DNS name";
    r.explanation = join(failed_details(r.assertions), "; ") + ".";
    r.hint = "Set the backend host to the StatefulSet pod's DNS name, e.g. " +
             (first_bad.empty() ? std::string("DB_HOST") : first_bad) + ": " + want +
             ": it stays valid when the pod is recreated with a new IP (Lab 06 COMMON MISTAKES 3).";
    return r;
  }
};

}  // namespace
STS_REGISTER_CHECK(BackendConnection);
}  // namespace sts
