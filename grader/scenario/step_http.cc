// op http: HTTP requests to the app from the grader's probe pod, as a student
// would make them from inside the cluster (Lab 15's visit counters, Lab 06's
// API). Each answer, or the lack of one, is an observation of the student's
// app; only the probe pod or kubectl failing is infrastructure.
//
//   url: "http://{ip:0}:{port}/visits"   placeholders: grader/scenario/step_template.h
//   method: GET | POST                    default GET
//   body: "<text>"                        POST only (placeholders expanded)
//   content_type: "<type>"                POST body type, default application/json
//   repeat: N                             N requests one after the other, default 1
//   phase: <name>                         groups the exchanges for checks (default: step id)
//   selector: "app=api"                   the pod that must be Ready first, when the
//                                         url names no {pod:N}/{ip:N}; default: a pod
//                                         of the StatefulSet
//   default_port: N                       {port} when the StatefulSet declares none
//   request_timeout_seconds: N            per request, default 10
//   resolve_retry_seconds: N              retries of a name that does not resolve
//                                         yet (cluster DNS lags Endpoints), default 20
//   must_succeed: true                    a non-2xx answer fails the step (default:
//                                         recorded, the step goes on)
//   retry_until_ok_seconds: N             retry a non-2xx answer or none for up to N
//                                         seconds (an app whose database is still
//                                         starting after a restart); default 0
//
// Requests are retried only while the target is not Ready (or was replaced
// meanwhile) and, for a name that does not resolve, for resolve_retry_seconds;
// otherwise the first answer is the observation.
#include <algorithm>
#include <thread>

#include "grader/cluster/cluster_state.h"
#include "grader/scenario/pod_target.h"
#include "grader/scenario/probe_pod.h"
#include "grader/cluster/progress.h"
#include "grader/scenario/step.h"
#include "grader/scenario/step_template.h"
#include "grader/scenario/step_ordinals.h"
#include "grader/scenario/step_util.h"
#include "grader/scenario/wget_result.h"

namespace sts {
namespace {

std::string ip_of(RunContext& ctx, const std::string& pod) {
  std::string ip;
  ctx.state->read([&](const Store& s) {
    if (const Json* p = s.get("Pod", pod)) ip = str_at(*p, {"status", "podIP"});
  });
  return ip;
}

TemplateVars vars_for(RunContext& ctx, const StepSpec& spec) {
  TemplateVars v;
  v.sts = ctx.sts;
  v.svc = str_at(ctx.obs->statefulset_manifest, {"spec", "serviceName"});
  v.ns = ctx.ns;
  v.port = declared_port(ctx.obs->statefulset_manifest);
  if (v.port.empty()) v.port = str_arg(spec, "default_port");
  v.start = ordinals_start(ctx);
  v.ip_of = [&ctx](const std::string& pod) { return ip_of(ctx, pod); };
  return v;
}

std::string uids_now(RunContext& ctx, const PodTarget& t) {
  std::string u;
  ctx.state->read([&](const Store& s) { u = target_uids(s, t); });
  return u;
}

// Waits for the target until the step's deadline; a target that never gets
// Ready is the submission's failure.
StepOutcome wait_target(RunContext& ctx, const StepSpec& spec, const PodTarget& t,
                        std::chrono::steady_clock::time_point deadline) {
  auto left = std::max(std::chrono::milliseconds(0),
                       std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()));
  WaitOutcome w = ctx.state->wait(t.describe() + " Ready", target_ready(t), left);
  switch (w.kind) {
    case WaitOutcome::kMet: return StepOutcome::ok();
    case WaitOutcome::kAborted: return {StepOutcome::kAborted, spec.id, w.describe()};
    case WaitOutcome::kFault: return {StepOutcome::kInfrastructure, t.describe() + " Ready", w.describe()};
    default: return {StepOutcome::kFailed, t.describe() + " Ready", w.describe()};
  }
}

std::string gap_now(RunContext& ctx, const PodTarget& t) {
  std::string g;
  ctx.state->read([&](const Store& s) { g = target_gap(s, t); });
  return g;
}

StepOutcome http(RunContext& ctx, const StepSpec& spec) {
  auto deadline = std::chrono::steady_clock::now() + spec.timeout;
  const std::string url_tmpl = str_arg(spec, "url");
  if (url_tmpl.empty()) throw ScenarioError(spec.describe() + ": \"url\" is required");
  std::string method = str_arg(spec, "method");
  if (method.empty()) method = "GET";
  if (method != "GET" && method != "POST")
    throw ScenarioError(spec.describe() + ": method must be GET or POST (busybox wget), got " + method);
  const bool has_body = spec.args.contains("body");
  if (has_body && method != "POST") throw ScenarioError(spec.describe() + ": \"body\" needs method: POST");
  const int repeat = int_arg(spec, "repeat", 1);
  if (repeat < 1 || repeat > 1000) throw ScenarioError(spec.describe() + ": repeat must be 1..1000");
  const std::string phase = str_arg(spec, "phase").empty() ? spec.id : str_arg(spec, "phase");
  const bool must_succeed = spec.args.value("must_succeed", false);

  PodTarget target;
  target.pods = template_pods(url_tmpl, ctx.sts, ordinals_start(ctx));
  target.selector = str_arg(spec, "selector");
  target.sts = ctx.sts;
  if (!target.selector.empty()) selector_matches(Json::object(), target.selector);  // validates it
  TemplateVars vars = vars_for(ctx, spec);
  // Fails early on an unknown placeholder, before anything is asked of the cluster.
  { TemplateVars dry = vars; dry.ip_of = [](const std::string&) { return std::string("0.0.0.0"); };
    expand_template(url_tmpl, dry);
    if (has_body) expand_template(str_arg(spec, "body"), dry); }

  if (StepOutcome probe = ensure_probe_pod(ctx, spec); probe.kind != StepOutcome::kOk) return probe;

  WgetRequest req;
  req.method = method;
  req.timeout_seconds = int_arg(spec, "request_timeout_seconds", 10);
  if (spec.args.contains("content_type")) req.content_type = str_arg(spec, "content_type");
  const auto resolve_grace = std::chrono::seconds(int_arg(spec, "resolve_retry_seconds", 20));
  const auto ok_grace = std::chrono::seconds(int_arg(spec, "retry_until_ok_seconds", 0));
  const std::string sentinel = "sts-grader-http-" + ctx.nonce;
  int failures = 0;
  std::string first_failure;

  for (int i = 0; i < repeat; ++i) {
    HttpExchange x;
    x.phase = phase;
    x.pod = target.pods.empty() ? "" : target.pods.front();
    x.method = method;
    auto resolve_until = std::chrono::steady_clock::time_point::max();
    auto ok_until = std::chrono::steady_clock::now() + ok_grace;
    std::chrono::milliseconds backoff(200);
    WgetResult r;
    for (;;) {
      StepOutcome ready = wait_target(ctx, spec, target, deadline);
      if (ready.kind != StepOutcome::kOk) return ready;
      std::string uids = uids_now(ctx, target);
      x.url = expand_template(url_tmpl, vars);
      req.url = x.url;
      if (has_body) req.body = expand_template(str_arg(spec, "body"), vars);
      ++x.attempts;
      std::string full_out;          // the record is bounded; the sentinel is at the end
      x.exec = exec_in_pod(ctx, phase, kProbePod, kProbeContainer, wget_command(req, sentinel),
                           std::chrono::seconds(req.timeout_seconds + 20), &full_out);
      if (ctx.abort->load()) return {StepOutcome::kAborted, spec.id, "interrupted"};
      r = parse_wget(full_out, x.exec.err, sentinel, req.timeout_seconds);
      if (!r.ran)
        // No sentinel: the command never ran to its end in the probe pod.
        return {StepOutcome::kInfrastructure, method + " " + x.url + " from the probe pod",
                x.exec.error.empty() ? "kubectl exec failed (exit " + std::to_string(x.exec.exit_code) +
                                           "): " + x.exec.err
                                     : x.exec.error};
      if (r.ok() || std::chrono::steady_clock::now() >= deadline) break;
      if (std::chrono::steady_clock::now() + backoff < std::min(ok_until, deadline)) {
        std::this_thread::sleep_for(backoff);
        backoff = std::min(backoff * 2, std::chrono::milliseconds(2000));
        continue;
      }
      if (r.status > 0) break;
      // No HTTP answer: retry while the target is not Ready or was replaced
      // meanwhile; the answer of a Ready, unchanged target is the observation.
      if (!gap_now(ctx, target).empty() || uids_now(ctx, target) != uids) continue;
      if (!r.unresolved) break;
      if (resolve_until == std::chrono::steady_clock::time_point::max())
        resolve_until = std::chrono::steady_clock::now() + resolve_grace;
      if (std::chrono::steady_clock::now() + backoff >= std::min(resolve_until, deadline)) break;
      std::this_thread::sleep_for(backoff);
      backoff = std::min(backoff * 2, std::chrono::milliseconds(2000));
    }
    x.status = r.status;
    x.ok = r.ok();
    x.body = r.body.size() <= kMaxCapture ? r.body : r.body.substr(0, kMaxCapture);
    x.error = r.error;
    x.t = ctx.state->now();
    std::string shown = x.body.substr(0, 100);
    std::replace(shown.begin(), shown.end(), '\n', ' ');
    ctx.progress->step(spec.id, method + " " + x.url + " -> " +
                                    (x.ok ? std::to_string(x.status) + " " + shown : x.error));
    if (!x.ok && failures++ == 0) first_failure = method + " " + x.url + ": " + x.error;
    ctx.obs->http.push_back(std::move(x));
  }
  if (must_succeed && failures > 0)
    return {StepOutcome::kFailed, "every request answered 2xx",
            std::to_string(failures) + " of " + std::to_string(repeat) + " failed; first: " + first_failure};
  return StepOutcome::ok();
}

}  // namespace
STS_REGISTER_STEP("http", http, {"url", ArgType::kText}, {"method", ArgType::kText}, {"body", ArgType::kText},
                  {"content_type", ArgType::kText}, {"repeat", ArgType::kInt}, {"phase", ArgType::kText},
                  {"selector", ArgType::kText}, {"default_port", ArgType::kText},
                  {"must_succeed", ArgType::kBool}, {"retry_until_ok_seconds", ArgType::kInt},
                  {"request_timeout_seconds", ArgType::kInt}, {"resolve_retry_seconds", ArgType::kInt});
}  // namespace sts
