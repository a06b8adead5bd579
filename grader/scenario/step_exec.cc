// op exec: a command in a pod of the submission, for checks that need the
// app's own tools (psql, redis-cli, cat /data/visits). The command's output
// and exit status are observations; kubectl failing is infrastructure.
//
//   command: [cat, /data/visits]     required; each word may hold placeholders
//                                    (grader/scenario/step_template.h)
//   pod: "{pod:0}" | all             a pod by name; `all`: every pod of the
//   ordinal: N                       StatefulSet, in ordinal order; or the N-th
//                                    pod, <sts>-(start+N) (step_ordinals.h nth_pod)
//   selector: "app=api"              or the first Ready pod matching (by name)
//                                    default: pod <sts>-0
//   container: <name>                default: the pod's first container
//   phase: <name>                    ExecRecord.purpose (default: step id)
//   exec_timeout_seconds: N          per command, default 30
//   must_succeed: true               a non-zero exit fails the step (default:
//                                    recorded, the step goes on)
//   retry_until_ok_seconds: N        rerun a command that exits non-zero for up
//                                    to N seconds (a database still starting
//                                    after its pod was replaced); default 0
//
// Each pod is waited for until Ready (within the step's timeout) first.
#include <algorithm>
#include <thread>

#include "grader/cluster/cluster_state.h"
#include "grader/scenario/pod_target.h"
#include "grader/cluster/progress.h"
#include "grader/scenario/step.h"
#include "grader/scenario/step_template.h"
#include "grader/scenario/step_ordinals.h"
#include "grader/scenario/step_util.h"

namespace sts {
namespace {

std::vector<std::string> command_of(const StepSpec& spec) {
  const Json& c = spec.args.value("command", Json());
  std::vector<std::string> out;
  if (c.is_array())
    for (const Json& w : c) {
      if (!w.is_string() && !w.is_number()) throw ScenarioError(spec.describe() + ": command words must be strings");
      out.push_back(w.is_string() ? w.get<std::string>() : w.dump());
    }
  if (out.empty()) throw ScenarioError(spec.describe() + ": \"command\" must be a non-empty list");
  return out;
}

// The targets, one per command to run.
std::vector<PodTarget> targets_of(RunContext& ctx, const StepSpec& spec, const TemplateVars& vars) {
  std::vector<PodTarget> out;
  std::string pod = str_arg(spec, "pod"), selector = str_arg(spec, "selector");
  int given = !pod.empty() + spec.args.contains("ordinal") + !selector.empty();
  if (given > 1) throw ScenarioError(spec.describe() + ": give one of pod, ordinal, selector");
  if (pod == "all") {
    int start = ordinals_start(ctx);
    for (int i = start; i < start + ctx.replicas; ++i) out.push_back({{ctx.sts + "-" + std::to_string(i)}, "", ""});
  } else if (!pod.empty()) {
    out.push_back({{expand_template(pod, vars)}, "", ""});
  } else if (!selector.empty()) {
    selector_matches(Json::object(), selector);  // validates it
    out.push_back({{}, selector, ""});
  } else {
    out.push_back({{nth_pod(ctx, int_arg(spec, "ordinal", 0))}, "", ""});
  }
  return out;
}

StepOutcome exec(RunContext& ctx, const StepSpec& spec) {
  auto deadline = std::chrono::steady_clock::now() + spec.timeout;
  TemplateVars vars;
  vars.sts = ctx.sts;
  vars.svc = str_at(ctx.obs->statefulset_manifest, {"spec", "serviceName"});
  vars.ns = ctx.ns;
  vars.port = declared_port(ctx.obs->statefulset_manifest);
  vars.start = ordinals_start(ctx);
  vars.ip_of = [&ctx](const std::string& pod) {
    std::string ip;
    ctx.state->read([&](const Store& s) {
      if (const Json* p = s.get("Pod", pod)) ip = str_at(*p, {"status", "podIP"});
    });
    return ip;
  };
  std::vector<std::string> words = command_of(spec);
  std::vector<PodTarget> targets = targets_of(ctx, spec, vars);
  const std::string phase = str_arg(spec, "phase").empty() ? spec.id : str_arg(spec, "phase");
  const std::string container = str_arg(spec, "container");
  const bool must_succeed = spec.args.value("must_succeed", false);
  const auto timeout = std::chrono::seconds(int_arg(spec, "exec_timeout_seconds", 30));
  const auto ok_grace = std::chrono::seconds(int_arg(spec, "retry_until_ok_seconds", 0));

  for (const PodTarget& t : targets) {
    const auto ok_until = std::chrono::steady_clock::now() + ok_grace;
    std::chrono::milliseconds backoff(250);
    for (;;) {
      auto left = std::max(std::chrono::milliseconds(0), std::chrono::duration_cast<std::chrono::milliseconds>(
                                                             deadline - std::chrono::steady_clock::now()));
      WaitOutcome w = ctx.state->wait(t.describe() + " Ready", target_ready(t), left);
      if (w.kind == WaitOutcome::kAborted) return {StepOutcome::kAborted, spec.id, w.describe()};
      if (w.kind == WaitOutcome::kFault) return {StepOutcome::kInfrastructure, t.describe() + " Ready", w.describe()};
      if (!w.met()) return {StepOutcome::kFailed, t.describe() + " Ready", w.describe()};
      std::string pod;
      ctx.state->read([&](const Store& s) { pod = target_pod(s, t); });
      std::vector<std::string> command;
      for (const std::string& word : words) command.push_back(expand_template(word, vars));
      ExecRecord r = exec_in_pod(ctx, phase, pod, container, command, timeout);
      if (ctx.abort->load()) return {StepOutcome::kAborted, spec.id, "interrupted"};
      // kubectl reports the command's own non-zero exit as "command terminated
      // with exit code N": then its stderr is the app's, whatever it says.
      bool command_ran = r.exit_code == 0 || r.err.find("command terminated with exit code") != std::string::npos;
      if (!r.error.empty() || (!command_ran && exec_infrastructure_error(r)))
        return {StepOutcome::kInfrastructure, "kubectl exec in " + pod,
                r.error.empty() ? r.err : r.error};
      std::string shown = r.out.substr(0, 80);
      std::replace(shown.begin(), shown.end(), '\n', ' ');
      ctx.progress->step(spec.id, pod + ": exit " + std::to_string(r.exit_code) + (shown.empty() ? "" : ", " + shown));
      if (r.exit_code != 0 && std::chrono::steady_clock::now() + backoff < std::min(ok_until, deadline)) {
        std::this_thread::sleep_for(backoff);
        backoff = std::min(backoff * 2, std::chrono::milliseconds(2000));
        continue;
      }
      if (must_succeed && r.exit_code != 0)
        return {StepOutcome::kFailed, "the command to succeed in " + pod,
                "exit " + std::to_string(r.exit_code) + ": " + r.err.substr(0, 300)};
      break;
    }
  }
  return StepOutcome::ok();
}

}  // namespace
STS_REGISTER_STEP("exec", exec, {"command", ArgType::kStringList}, {"pod", ArgType::kText},
                  {"ordinal", ArgType::kInt}, {"selector", ArgType::kText}, {"container", ArgType::kText},
                  {"phase", ArgType::kText}, {"must_succeed", ArgType::kBool},
                  {"retry_until_ok_seconds", ArgType::kInt}, {"exec_timeout_seconds", ArgType::kInt});
}  // namespace sts
