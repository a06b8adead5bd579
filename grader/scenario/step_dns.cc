// op dns-probe: resolve every pod's stable name, and the service name, from a
// probe pod inside the namespace, the way Lab 04 asks with busybox nslookup.
#include <algorithm>
#include <thread>

#include "grader/cluster/api_client.h"
#include "grader/cluster/cluster_state.h"
#include "grader/cluster/conditions.h"
#include "grader/model/nslookup.h"
#include "grader/scenario/probe_pod.h"
#include "grader/cluster/progress.h"
#include "grader/scenario/step.h"
#include "grader/scenario/step_util.h"

namespace sts {
namespace {

struct Expectation {
  std::string name, pod;
  std::vector<std::string> ips;      // every address the answer should hold, canonical, sorted
  std::string primary;               // status.podIP: what (v1) Endpoints list
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
      // Every family (status.podIPs): nslookup asks A and AAAA, so a
      // dual-stack pod answers with both, an IPv6-only pod with AAAA.
      std::vector<std::string> ips;
      for (const std::string& ip : pod_ips(*pod)) ips.push_back(canonical_ip(ip).empty() ? ip : canonical_ip(ip));
      std::sort(ips.begin(), ips.end());
      if (ips.empty()) ips.push_back("");
      out.push_back({name + suffix, name, ips, str_at(*pod, {"status", "podIP"})});
      all.insert(all.end(), ips.begin(), ips.end());
    }
  });
  std::sort(all.begin(), all.end());
  out.push_back({service + "." + ctx.ns + ".svc.cluster.local", "", all, ""});
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
      if (!e.pod.empty() && have.find(e.primary + " ") == std::string::npos)
        return "Endpoints " + service + " lack " + e.pod + " (" + e.primary + "); have: " +
               (have.empty() ? "none" : have);
    return "";
  };
}

constexpr const char* kControlName = "kubernetes.default.svc.cluster.local";

StepOutcome dns_control(RunContext& ctx, const StepSpec& spec,
                        std::chrono::steady_clock::time_point deadline) {
  auto until = std::min(deadline, std::chrono::steady_clock::now() + std::chrono::seconds(
                                                                          int_arg(spec, "control_seconds", 30)));
  std::chrono::milliseconds backoff(200);
  ExecRecord last;
  int attempts = 0;
  for (;;) {
    ++attempts;
    last = exec_in_pod(ctx, "dns-control", kProbePod, "probe", {"nslookup", kControlName},
                       std::chrono::seconds(15));
    if (ctx.abort->load()) return {StepOutcome::kAborted, "DNS", "interrupted"};
    if (exec_infrastructure_error(last))
      return {StepOutcome::kInfrastructure, std::string("nslookup ") + kControlName,
              last.error.empty() ? last.err : last.error};
    if (!nslookup_addresses(last.out).empty()) return StepOutcome::ok();
    if (std::chrono::steady_clock::now() + backoff >= until) break;
    std::this_thread::sleep_for(backoff);
    backoff = std::min(backoff * 2, std::chrono::milliseconds(2000));
  }
  return {StepOutcome::kInfrastructure,
          std::string("cluster DNS answering ") + kControlName,
          "cluster DNS does not work (" + std::to_string(attempts) + " lookups of " + kControlName +
              " from the probe pod found no address; last output: " +
              (last.out.empty() ? last.err : last.out) + ")"};
}

StepOutcome dns_probe(RunContext& ctx, const StepSpec& spec) {
  auto deadline = std::chrono::steady_clock::now() + spec.timeout;
  std::string service = str_at(ctx.obs->statefulset_manifest, {"spec", "serviceName"});
  // The probe is the grader's own pod (shared with http): its failure is never the submission's.
  if (StepOutcome probe = ensure_probe_pod(ctx, spec); probe.kind != StepOutcome::kOk) return probe;

  // Control lookup: a name every cluster serves. If even that fails, cluster
  // DNS is broken and no verdict on the submission's names would be fair.
  if (StepOutcome control = dns_control(ctx, spec, deadline); control.kind != StepOutcome::kOk)
    return control;

  std::vector<Expectation> want = expectations(ctx, service.empty() ? ctx.sts : service);
  // DNS has no watch; Endpoints do. Wait for them (bounded), then query.
  auto ep_timeout = std::chrono::milliseconds(int_arg(spec, "endpoints_timeout_seconds", 30) * 1000);
  // A Service the submission does not hold will never get Endpoints: no wait.
  bool submitted = false;
  for (const Manifest& m : ctx.objects) submitted = submitted || (m.kind() == "Service" && m.name() == service);
  if (!submitted) ep_timeout = std::chrono::milliseconds(0);
  WaitOutcome ep = ctx.state->wait("Endpoints of " + service + " listing every pod",
                                   endpoints_cover(service, want), ep_timeout);
  ctx.progress->step(spec.id, ep.describe());
  if (ep.kind == WaitOutcome::kAborted) return {StepOutcome::kAborted, "DNS", "interrupted"};
  if (ep.kind == WaitOutcome::kFault) return {StepOutcome::kInfrastructure, "DNS", ep.describe()};
  int per_name_ms = int_arg(spec, "retry_seconds", ep.met() ? 20 : 3) * 1000;

  // Every name's first lookup at once; only a name whose answer does not
  // match yet is asked again, on its own.
  std::vector<ExecRequest> first;
  for (const Expectation& e : want) first.push_back({"dns", kProbePod, "probe", {"nslookup", e.name}});
  std::vector<ExecAnswer> answers = exec_in_pods(ctx, first, std::chrono::seconds(15));
  bool mismatched = false;
  for (size_t i = 0; i < want.size(); ++i) {
    const Expectation& e = want[i];
    DnsLookup lookup;
    lookup.phase = str_arg(spec, "phase").empty() ? spec.id : str_arg(spec, "phase");
    lookup.name = e.name;
    lookup.expect_pod = e.pod;
    lookup.attempts = 1;
    lookup.exec = answers[i].record;
    auto until = std::min(deadline, std::chrono::steady_clock::now() +
                                        std::chrono::milliseconds(per_name_ms));
    // Cluster DNS follows Endpoints with a small lag: retry with backoff until
    // the answer matches or the name's deadline passes; every attempt counts.
    std::chrono::milliseconds backoff(200);
    for (;;) {
      if (ctx.abort->load()) return {StepOutcome::kAborted, "DNS", "interrupted"};
      if (exec_infrastructure_error(lookup.exec))
        return {StepOutcome::kInfrastructure, "nslookup " + e.name,
                lookup.exec.error.empty() ? lookup.exec.err : lookup.exec.error};
      lookup.addresses = nslookup_addresses(lookup.exec.out);
      if (lookup.addresses == e.ips || std::chrono::steady_clock::now() + backoff >= until) break;
      std::this_thread::sleep_for(backoff);
      backoff = std::min(backoff * 2, std::chrono::milliseconds(2000));
      ++lookup.attempts;
      lookup.exec = exec_in_pod(ctx, "dns", kProbePod, "probe", {"nslookup", e.name},
                                std::chrono::seconds(15));
    }
    ctx.progress->step(spec.id, e.name + " -> " +
                                    (lookup.addresses.empty() ? std::string("(not found)")
                                                              : Json(lookup.addresses).dump()));
    mismatched = mismatched || lookup.addresses != e.ips;
    ctx.obs->dns.push_back(std::move(lookup));
  }
  // A name that did not resolve is the submission's only while cluster DNS
  // still answers: CoreDNS can stop between the control lookup and the names
  // (seen with CoreDNS paused mid-step). Ask the control name again, with its
  // own window even past the step's deadline.
  if (mismatched) {
    const auto window = std::chrono::steady_clock::now() +
                        std::chrono::seconds(int_arg(spec, "control_seconds", 30));
    if (StepOutcome control = dns_control(ctx, spec, window); control.kind != StepOutcome::kOk) {
      control.message = "after the names did not resolve, " + control.message;
      return control;
    }
  }
  return StepOutcome::ok();
}

}  // namespace
STS_REGISTER_STEP("dns-probe", dns_probe, {"phase", ArgType::kText}, {"control_seconds", ArgType::kInt},
                  {"endpoints_timeout_seconds", ArgType::kInt}, {"retry_seconds", ArgType::kInt});
}  // namespace sts
