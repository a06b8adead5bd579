// op dns-probe: resolve every pod's stable name, and the service name, from a
// probe pod inside the namespace, the way Lab 04 asks with busybox nslookup.
#include <algorithm>
#include <thread>

#include "grader/api_client.h"
#include "grader/cluster_state.h"
#include "grader/conditions.h"
#include "grader/nslookup.h"
#include "grader/progress.h"
#include "grader/step.h"
#include "grader/step_util.h"

namespace sts {
namespace {

constexpr const char* kProbePod = "sts-grader-dns-probe";

Json probe_pod(const RunContext& ctx) {
  return {{"apiVersion", "v1"},
          {"kind", "Pod"},
          {"metadata",
           {{"name", kProbePod},
            {"namespace", ctx.ns},
            {"labels", {{"app.kubernetes.io/managed-by", "sts-grader"}}}}},
          {"spec",
           {{"terminationGracePeriodSeconds", 0},
            {"restartPolicy", "Never"},
            {"containers",
             Json::array({{{"name", "probe"},
                           {"image", ctx.scenario->probe_image},
                           {"imagePullPolicy", "IfNotPresent"},
                           {"command", Json::array({"sleep", "3600"})}}})}}}};
}

struct Expectation {
  std::string name, pod;
  std::vector<std::string> ips;
};

// Current Ready pods of the set with their IPs, and what each name should resolve to.
std::vector<Expectation> expectations(RunContext& ctx, const std::string& service) {
  std::vector<Expectation> out;
  std::string suffix = "." + service + "." + ctx.ns + ".svc.cluster.local";
  std::vector<std::string> all;
  ctx.state->read([&](const Store& s) {
    for (const Json* pod : s.list("Pod")) {
      std::string name = str_at(*pod, {"metadata", "name"});
      if (ordinal_of(name, ctx.sts) < 0 || !pod_ready(*pod) || terminating(*pod)) continue;
      std::string ip = str_at(*pod, {"status", "podIP"});
      out.push_back({name + suffix, name, {ip}});
      all.push_back(ip);
    }
  });
  std::sort(all.begin(), all.end());
  out.push_back({service + "." + ctx.ns + ".svc.cluster.local", "", all});
  return out;
}

// The service's Endpoints list every pod: what cluster DNS serves from.
ClusterState::Condition endpoints_cover(const std::string& service,
                                        const std::vector<Expectation>& want) {
  return [service, want](const Store& s) -> std::string {
    const Json* ep = s.get("Endpoints", service);
    if (!ep) return "no Endpoints object named " + service;
    std::string have;
    const Json& subsets = node_at(*ep, {"subsets"});
    if (subsets.is_array())
      for (const Json& ss : subsets)
        for (const Json& a : ss.value("addresses", Json::array())) have += str_at(a, {"ip"}) + " ";
    for (const Expectation& e : want)
      if (!e.pod.empty() && have.find(e.ips[0] + " ") == std::string::npos)
        return "Endpoints " + service + " lack " + e.pod + " (" + e.ips[0] + "); have: " +
               (have.empty() ? "none" : have);
    return "";
  };
}

StepOutcome dns_probe(RunContext& ctx, const StepSpec& spec) {
  auto deadline = std::chrono::steady_clock::now() + spec.timeout;
  std::string service = str_at(ctx.obs->statefulset_manifest, {"spec", "serviceName"});
  try {
    ctx.api->create(collection_path(resource_kind("Pod"), ctx.ns), probe_pod(ctx));
  } catch (const ApiError& e) {
    if (e.status() != 409) return {StepOutcome::kInfrastructure, "creating the DNS probe pod", e.what()};
  }
  WaitOutcome probe = ctx.state->wait("DNS probe pod Ready", pod_is_ready(kProbePod), spec.timeout);
  if (!probe.met())
    // The probe is the grader's own pod: its failure is never the submission's.
    return {probe.kind == WaitOutcome::kAborted ? StepOutcome::kAborted : StepOutcome::kInfrastructure,
            "DNS probe pod Ready", probe.describe()};

  std::vector<Expectation> want = expectations(ctx, service.empty() ? ctx.sts : service);
  // DNS has no watch; Endpoints do. Wait for them (bounded), then query.
  auto ep_timeout = std::chrono::milliseconds(int_arg(spec, "endpoints_timeout_seconds", 30) * 1000);
  WaitOutcome ep = ctx.state->wait("Endpoints of " + service + " listing every pod",
                                   endpoints_cover(service, want), ep_timeout);
  ctx.progress->step(spec.id, ep.describe());
  if (ep.kind == WaitOutcome::kAborted) return {StepOutcome::kAborted, "DNS", "interrupted"};
  if (ep.kind == WaitOutcome::kFault) return {StepOutcome::kInfrastructure, "DNS", ep.describe()};
  int per_name_ms = int_arg(spec, "retry_seconds", ep.met() ? 20 : 3) * 1000;

  for (const Expectation& e : want) {
    DnsLookup lookup;
    lookup.phase = str_arg(spec, "phase").empty() ? spec.id : str_arg(spec, "phase");
    lookup.name = e.name;
    lookup.expect_pod = e.pod;
    auto until = std::min(deadline, std::chrono::steady_clock::now() +
                                        std::chrono::milliseconds(per_name_ms));
    // Cluster DNS follows Endpoints with a small lag: retry with backoff until
    // the answer matches or the name's deadline passes; every attempt counts.
    std::chrono::milliseconds backoff(200);
    for (;;) {
      ++lookup.attempts;
      lookup.exec = exec_in_pod(ctx, "dns", kProbePod, "probe", {"nslookup", e.name},
                                std::chrono::seconds(15));
      if (ctx.abort->load()) return {StepOutcome::kAborted, "DNS", "interrupted"};
      if (exec_infrastructure_error(lookup.exec))
        return {StepOutcome::kInfrastructure, "nslookup " + e.name,
                lookup.exec.error.empty() ? lookup.exec.err : lookup.exec.error};
      lookup.addresses = nslookup_addresses(lookup.exec.out);
      if (lookup.addresses == e.ips || std::chrono::steady_clock::now() + backoff >= until) break;
      std::this_thread::sleep_for(backoff);
      backoff = std::min(backoff * 2, std::chrono::milliseconds(2000));
    }
    ctx.progress->step(spec.id, e.name + " -> " +
                                    (lookup.addresses.empty() ? std::string("(not found)")
                                                              : Json(lookup.addresses).dump()));
    ctx.obs->dns.push_back(std::move(lookup));
  }
  return StepOutcome::ok();
}

}  // namespace
STS_REGISTER_STEP("dns-probe", dns_probe);
}  // namespace sts
