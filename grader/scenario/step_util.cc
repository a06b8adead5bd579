#include "grader/scenario/step_util.h"

#include <atomic>
#include <thread>

#include "grader/cluster/conditions.h"
#include "grader/cluster/kubectl.h"
#include "grader/cluster/progress.h"
#include "grader/cluster/stall.h"

namespace sts {

StepOutcome wait_outcome(RunContext& ctx, const StepSpec& spec, const std::string& what,
                         const ClusterState::Condition& cond) {
  // The cluster's share: a stall that is not the submission's ends the step as
  // an infrastructure fault (NOT GRADABLE); visible progress extends the deadline.
  auto detector = std::make_shared<StallDetector>(ctx.ns, [&ctx] { return ctx.state->now(); });
  ClusterState::ClusterWatch cluster{cluster_fault_condition(detector), progressing_condition(detector)};
  cluster.hard_cap = std::max<std::chrono::milliseconds>(spec.timeout * 2, std::chrono::seconds(120));
  WaitOutcome w = ctx.state->wait(what, cond, spec.timeout,
                                  pods_hopeless(ctx.sts, int_arg(spec, "give_up_after_restarts", 3)),
                                  cluster);
  ctx.progress->step(spec.id, w.describe());
  switch (w.kind) {
    case WaitOutcome::kMet:
      return StepOutcome::ok(w.describe());
    case WaitOutcome::kTimedOut:
    case WaitOutcome::kHopeless:
      return {StepOutcome::kFailed, what, w.describe()};
    case WaitOutcome::kAborted:
      return {StepOutcome::kAborted, what, w.describe()};
    case WaitOutcome::kFault:
      return {StepOutcome::kInfrastructure, what, w.describe()};  // names the cause
  }
  return {StepOutcome::kFailed, what, w.describe()};
}

namespace {
std::string bounded(const std::string& s) {
  return s.size() <= kMaxCapture ? s : s.substr(0, kMaxCapture) + "\n[… truncated]";
}
}  // namespace

namespace {
// The exec itself, touching nothing shared but the clock (thread-safe).
ExecAnswer run_exec(RunContext& ctx, const ExecRequest& q, std::chrono::milliseconds timeout) {
  ExecAnswer a;
  ExecRecord& r = a.record;
  r.purpose = q.purpose;
  r.pod = q.pod;
  r.container = q.container;
  r.command = q.command;
  r.t_start = ctx.state->now();
  ProcessResult p = ctx.kubectl->exec(ctx.ns, q.pod, q.container, q.command, timeout);
  r.t_end = ctx.state->now();
  r.exit_code = p.exit_code;
  r.out = bounded(p.out);
  r.err = bounded(p.err);
  if (!p.error.empty()) r.error = p.error;
  else if (p.timed_out) r.error = "kubectl exec timed out after " + std::to_string(timeout.count() / 1000) + "s";
  else if (p.aborted) r.error = "interrupted";
  a.full_out = std::move(p.out);
  return a;
}

// kubectl processes at once: enough to overlap round trips, few enough that
// a 2-core machine does not spend the gain on kubectl start-ups.
constexpr size_t kExecWidth = 4;
}  // namespace

ExecRecord exec_in_pod(RunContext& ctx, const std::string& purpose, const std::string& pod,
                       const std::string& container, const std::vector<std::string>& command,
                       std::chrono::milliseconds timeout, std::string* full_out) {
  ExecAnswer a = run_exec(ctx, {purpose, pod, container, command}, timeout);
  if (full_out) *full_out = std::move(a.full_out);
  ctx.obs->execs.push_back(a.record);
  return a.record;
}

std::vector<ExecAnswer> exec_in_pods(RunContext& ctx, const std::vector<ExecRequest>& requests,
                                     std::chrono::milliseconds timeout) {
  std::vector<ExecAnswer> answers(requests.size());
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i; (i = next++) < requests.size();) answers[i] = run_exec(ctx, requests[i], timeout);
  };
  std::vector<std::thread> pool;
  for (size_t w = 1; w < std::min(kExecWidth, requests.size()); ++w) pool.emplace_back(worker);
  worker();
  for (std::thread& t : pool) t.join();
  for (const ExecAnswer& a : answers) ctx.obs->execs.push_back(a.record);
  return answers;
}

bool exec_infrastructure_error(const ExecRecord& r) {
  if (!r.error.empty()) return true;
  // kubectl's own failures, as opposed to the command's exit status.
  for (const char* s : {"Unable to connect to the server", "unable to upgrade connection",
                        "error dialing backend", "Internal error occurred",
                        "connection refused", "i/o timeout", "TLS handshake timeout"})
    if (r.err.find(s) != std::string::npos) return true;
  return false;
}

int int_arg(const StepSpec& spec, const char* name, int fallback) {
  if (!spec.args.contains(name)) return fallback;
  const Json& v = spec.args[name];
  if (v.is_number_integer()) return v.get<int>();
  throw ScenarioError(spec.describe() + ": \"" + name + "\" must be an integer");
}

std::string str_arg(const StepSpec& spec, const char* name) {
  if (!spec.args.contains(name)) return "";
  const Json& v = spec.args[name];
  return v.is_string() ? v.get<std::string>() : v.dump();
}

StepOutcome api_failure(const std::string& what, const ApiError& e) {
  return {StepOutcome::kInfrastructure, what, e.what()};
}

}  // namespace sts
