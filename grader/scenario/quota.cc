#include "grader/scenario/quota.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "grader/submission/isolation.h"
#include "grader/base/quantity.h"

namespace sts {

namespace {
Json meta(const std::string& name, const std::string& ns) {
  return {{"name", name},
          {"namespace", ns},
          {"labels", {{"app.kubernetes.io/managed-by", "sts-grader"}}}};
}
}  // namespace

Json resource_quota_object(const std::string& ns, const GradingQuota& q) {
  return {{"apiVersion", "v1"},
          {"kind", "ResourceQuota"},
          {"metadata", meta(kQuotaName, ns)},
          {"spec",
           {{"hard",
             {{"pods", q.pods},
              {"persistentvolumeclaims", q.persistentvolumeclaims},
              {"requests.storage", q.requests_storage},
              {"requests.cpu", q.requests_cpu},
              {"requests.memory", q.requests_memory},
              {"limits.memory", q.limits_memory},
              {"requests.ephemeral-storage", q.requests_ephemeral},
              {"limits.ephemeral-storage", q.limits_ephemeral},
              // No Service may reach outside the cluster, even one the
              // offline policy missed.
              {"services.nodeports", "0"},
              {"services.loadbalancers", "0"},
              {"count/configmaps", q.objects},
              {"count/secrets", q.objects},
              {"count/services", q.objects},
              {"count/serviceaccounts", q.objects},
              {"count/statefulsets.apps", q.workloads},
              {"count/deployments.apps", q.workloads},
              {"count/jobs.batch", q.workloads},
              {"count/cronjobs.batch", q.workloads},
              {"count/replicationcontrollers", "0"}}}}}};
}

Json limit_range_object(const std::string& ns, const GradingQuota& q) {
  return {{"apiVersion", "v1"},
          {"kind", "LimitRange"},
          {"metadata", meta(kLimitRangeName, ns)},
          {"spec",
           {{"limits",
             Json::array({{{"type", "Container"},
                           {"defaultRequest",
                            {{"cpu", q.default_request_cpu},
                             {"memory", q.default_request_memory},
                             {"ephemeral-storage", q.default_request_ephemeral}}},
                           {"default",
                            {{"memory", q.default_limit_memory},
                             {"ephemeral-storage", q.default_limit_ephemeral}}}}})}}}};
}

namespace {
long double quantity(const Json& v, const std::string& fallback) {
  std::optional<long double> q;
  if (v.is_string()) q = parse_quantity(v.get<std::string>());
  else if (v.is_number()) q = v.get<long double>();
  if (!q) q = parse_quantity(fallback);
  return q ? *q : 0;
}

// Kubernetes quantities the quota controller reads: whole milli-CPUs and Mi.
std::string cpu_text(long double cores) { return std::to_string(static_cast<long long>(std::ceil(cores * 1000))) + "m"; }
std::string bytes_text(long double b) {
  return std::to_string(static_cast<long long>(std::ceil(b / (1024.0L * 1024.0L)))) + "Mi";
}
void raise(std::string& field, long double want, std::string (*text)(long double)) {
  std::optional<long double> have = parse_quantity(field);
  if (!have || want > *have) field = text(want);
}
std::string count_text(long double n) { return std::to_string(static_cast<long long>(std::ceil(n))); }

struct PodNeeds {
  long double cpu = 0, memory = 0, limit_memory = 0, ephemeral = 0, limit_ephemeral = 0;
};

PodNeeds pod_needs(const Json& spec, const GradingQuota& q) {
  PodNeeds n;
  for (const char* group : {"containers", "initContainers"}) {
    const Json& cs = node_at(spec, {group});
    if (!cs.is_array()) continue;
    for (const Json& c : cs) {
      const Json& req = node_at(c, {"resources", "requests"});
      const Json& lim = node_at(c, {"resources", "limits"});
      // A limit without a request makes the request equal to it.
      auto request = [&](const char* r, const std::string& def) {
        return quantity(node_at(req, {r}).is_null() ? node_at(lim, {r}) : node_at(req, {r}), def);
      };
      n.cpu += request("cpu", q.default_request_cpu);
      n.memory += request("memory", q.default_request_memory);
      n.ephemeral += request("ephemeral-storage", q.default_request_ephemeral);
      n.limit_memory += quantity(node_at(lim, {"memory"}), q.default_limit_memory);
      n.limit_ephemeral += quantity(node_at(lim, {"ephemeral-storage"}), q.default_limit_ephemeral);
    }
  }
  return n;
}
}  // namespace

GradingQuota quota_for(const std::vector<Manifest>& objects, const std::string& statefulset, int peak_replicas) {
  GradingQuota q;
  // A container requesting more than the default limit and naming no limit
  // would be refused by the LimitRange (request above limit): the default
  // limit grows to the largest such request (lint caps it, policy/bounds).
  for (const Manifest& m : objects)
    if (const Json* spec = pod_spec_of(m.object))
      for (const char* group : {"containers", "initContainers"}) {
        const Json& cs = node_at(*spec, {group});
        if (!cs.is_array()) continue;
        for (const Json& c : cs) {
          if (node_at(c, {"resources", "limits", "memory"}).is_null())
            raise(q.default_limit_memory, quantity(node_at(c, {"resources", "requests", "memory"}), "0"), bytes_text);
          if (node_at(c, {"resources", "limits", "ephemeral-storage"}).is_null())
            raise(q.default_limit_ephemeral,
                  quantity(node_at(c, {"resources", "requests", "ephemeral-storage"}), "0"), bytes_text);
        }
      }
  // The grader's own pods: the DNS probe and a volume reader at a time.
  PodNeeds total = pod_needs(Json::parse(R"({"containers": [{}, {}]})"), q);
  long double pods = 2, storage = 0, claims = 0;
  for (const Manifest& m : objects) {
    const std::string kind = m.kind();
    if (kind == "PersistentVolumeClaim") {
      storage += quantity(node_at(m.object, {"spec", "resources", "requests", "storage"}), "0");
      claims += 1;
    }
    const Json* spec = pod_spec_of(m.object);
    if (!spec) continue;
    long double replicas = kind == "Pod" ? 1 : 1;
    if (const Json& r = node_at(m.object, {"spec", "replicas"}); r.is_number()) replicas = r.get<long double>();
    if (kind == "Job")
      if (const Json& p = node_at(m.object, {"spec", "parallelism"}); p.is_number()) replicas = p.get<long double>();
    if (kind == "StatefulSet" && m.name() == statefulset) replicas = std::max<long double>(replicas, peak_replicas);
    const PodNeeds n = pod_needs(*spec, q);
    total.cpu += replicas * n.cpu;
    total.memory += replicas * n.memory;
    total.limit_memory += replicas * n.limit_memory;
    total.ephemeral += replicas * n.ephemeral;
    total.limit_ephemeral += replicas * n.limit_ephemeral;
    pods += replicas;
    const Json& vcts = node_at(m.object, {"spec", "volumeClaimTemplates"});
    if (kind == "StatefulSet" && vcts.is_array())
      for (const Json& v : vcts) {
        storage += replicas * quantity(node_at(v, {"spec", "resources", "requests", "storage"}), "0");
        claims += replicas;
      }
  }
  // A rollout or a deleted pod overlaps old and new pods: twice the peak.
  raise(q.pods, 2 * pods + 2, count_text);
  raise(q.persistentvolumeclaims, claims + 2, count_text);
  raise(q.requests_storage, storage * 1.25L, bytes_text);
  raise(q.requests_cpu, total.cpu * 2, cpu_text);
  raise(q.requests_memory, total.memory * 2, bytes_text);
  raise(q.limits_memory, total.limit_memory * 2, bytes_text);
  raise(q.requests_ephemeral, total.ephemeral * 2, bytes_text);
  raise(q.limits_ephemeral, total.limit_ephemeral * 2, bytes_text);
  return q;
}

int scenario_peak_replicas(const Scenario& s, int initial) {
  int now = initial, peak = initial;
  std::map<std::string, int> at;
  for (const StepSpec& step : s.steps) {
    if (step.op != "scale") continue;
    const Json& r = node_at(step.args, {"replicas"});
    std::string text = r.is_string() ? r.get<std::string>() : r.is_number() ? std::to_string(r.get<int>()) : "";
    if (text.empty()) continue;
    try {
      if (text[0] == '@') now = at.count(text.substr(1)) ? at[text.substr(1)] : now;
      else if (text[0] == '+' || text[0] == '-') now += std::stoi(text);
      else now = std::stoi(text);
    } catch (const std::exception&) {
      continue;  // the scenario reader names a bad step
    }
    at[step.id] = now;
    peak = std::max(peak, now);
  }
  return peak;
}

ClusterState::Condition quota_counted(const std::string& name) {
  return [name](const Store& s) -> std::string {
    const Json* rq = s.get("ResourceQuota", name);
    if (!rq) return "ResourceQuota " + name + " not seen yet";
    const Json& hard = node_at(*rq, {"status", "hard"});
    const Json& used = node_at(*rq, {"status", "used"});
    if (!hard.is_object() || hard.empty() || !used.is_object())
      return "ResourceQuota " + name + " not counted by the quota controller yet";
    return "";
  };
}

}  // namespace sts
