#include "grader/scenario/runner.h"

#include <memory>
#include <random>

#include "grader/cluster/api_client.h"
#include "grader/cluster/cluster_state.h"
#include "grader/cluster/conditions.h"
#include "grader/scenario/debug_evidence.h"
#include "grader/cluster/finalizers.h"
#include "grader/cluster/informer.h"
#include "grader/base/interrupt.h"
#include "grader/scenario/probe_pod.h"
#include "grader/cluster/progress.h"
#include "grader/scenario/quota.h"
#include "grader/scenario/step.h"

namespace sts {
namespace {

std::string make_nonce() {
  std::random_device rd;
  char buf[17];
  snprintf(buf, sizeof buf, "%08x%08x", rd(), rd());
  return buf;
}

Json namespace_object(const std::string& ns) {
  return {{"apiVersion", "v1"},
          {"kind", "Namespace"},
          {"metadata",
           {{"name", ns},
            // Pod Security "baseline", pinned: the API server refuses what
            // the offline policy (grader/submission/isolation.cc) might have missed.
            {"labels",
             {{"app.kubernetes.io/managed-by", "sts-grader"},
              {"pod-security.kubernetes.io/enforce", "baseline"},
              {"pod-security.kubernetes.io/enforce-version", "v1.33"},
              {"pod-security.kubernetes.io/warn", "baseline"},
              {"pod-security.kubernetes.io/warn-version", "v1.33"}}}}}};
}

// Every informer the run needs: the namespace's objects, plus the PVs bound to
// its claims and the namespace itself (cluster-scoped, filtered client-side).
std::vector<std::unique_ptr<Informer>> start_informers(const RunRequest& req, ClusterState& state) {
  std::vector<std::unique_ptr<Informer>> out;
  auto sink = [&state](WatchEvent e) { state.on_event(std::move(e)); };
  auto fault = [&state](const std::string& what) { state.on_fault(what); };
  // Deployments and their ReplicaSets too: checks tell a stateless API
  // (random pod names, no PVCs) from the StatefulSets.
  std::vector<const char*> kinds = {"Pod", "PersistentVolumeClaim", "StatefulSet", "Service",
                                    "Endpoints", "Event", "Deployment", "ReplicaSet"};
  if (req.quota) kinds.push_back("ResourceQuota");  // to wait until it is counted
  for (const char* kind : kinds) {
    InformerOptions o;
    o.kind = kind;
    o.namespace_ = req.ns;
    out.push_back(std::make_unique<Informer>(req.creds, o, sink, fault));
  }
  InformerOptions pv;
  pv.kind = "PersistentVolume";
  std::string ns = req.ns;
  pv.filter = [ns](const Json& o) { return str_at(o, {"spec", "claimRef", "namespace"}) == ns; };
  out.push_back(std::make_unique<Informer>(req.creds, pv, sink, fault));
  InformerOptions nso;
  nso.kind = "Namespace";
  nso.query.field_selector = "metadata.name=" + ns;
  out.push_back(std::make_unique<Informer>(req.creds, nso, sink, fault));
  for (auto& i : out) i->start();
  return out;
}


// The evidence is complete once cleanup starts, and nothing is judged by how
// pods stop: every pod still there is deleted with a 1 s grace. A submission
// whose PID 1 ignores SIGTERM (a plain `sh -c` loop) would otherwise hold its
// namespace, and its PVs, for the whole terminationGracePeriodSeconds. Not 0:
// that removes the object before the kubelet has stopped the containers, so
// the PVs could be deleted under a running container. The namespace is already
// Terminating, so no controller can create a replacement; the uid
// precondition keeps the delete to the pod that was seen.
void shorten_pod_grace(ApiClient& api, ClusterState& state, const std::string& ns,
                       RunResult& result) {
  std::vector<std::pair<std::string, std::string>> pods;  // name, uid
  state.read([&](const Store& s) {
    for (const Json* p : s.list("Pod"))
      if (str_at(*p, {"metadata", "namespace"}) == ns)
        pods.emplace_back(str_at(*p, {"metadata", "name"}), str_at(*p, {"metadata", "uid"}));
  });
  for (const auto& [name, uid] : pods) {
    try {
      api.del(object_path(resource_kind("Pod"), ns, name),
              {{"kind", "DeleteOptions"}, {"apiVersion", "v1"}, {"gracePeriodSeconds", 1},
               {"preconditions", {{"uid", uid}}}});
    } catch (const ApiError& e) {
      // 409: a newer pod of that name, not the one seen; the namespace
      // controller removes it with its own grace.
      if (!e.not_found() && !e.conflict())
        result.notes.push_back("cleanup: pod " + name + ": " + std::string(e.what()));
    }
  }
}

// Deletes the namespace and waits until it and its PVs are gone. Runs after
// Ctrl-C too: its waits ignore the interrupt flag, never its deadline.
void clean_up(const RunRequest& req, ClusterState& state, RunResult& result) {
  ApiClient api(req.creds);          // no abort flag: cleanup must finish
  const auto start = std::chrono::steady_clock::now();
  req.progress->line("cleanup: deleting namespace " + req.ns);
  for (const std::string& n : remove_foreign_finalizers(api, req.ns)) result.notes.push_back(n);
  try {
    api.del(object_path(resource_kind("Namespace"), "", req.ns),
            {{"kind", "DeleteOptions"}, {"apiVersion", "v1"}, {"propagationPolicy", "Foreground"}});
  } catch (const ApiError& e) {
    if (!e.not_found()) result.notes.push_back("cleanup: deleting namespace failed: " +
                                               std::string(e.what()));
  }
  shorten_pod_grace(api, state, req.ns, result);
  if (req.no_wait_cleanup) {
    req.progress->line("cleanup: namespace " + req.ns + " deletion requested, not waited for (--no-wait-cleanup)");
    result.notes.push_back("cleanup not waited for (--no-wait-cleanup): namespace " + req.ns +
                           " was being deleted when the grader exited");
    return;
  }
  WaitOutcome w = state.wait("namespace " + req.ns + " and its PVs gone", namespace_gone(req.ns),
                             req.cleanup_timeout, true);
  if (!w.met()) {
    // PVs of a Retain class outlive their claims: they were made for this
    // namespace's claims only, so removing them stays inside the run's scope.
    std::vector<std::string> released;
    state.read([&](const Store& s) {
      for (const Json* pv : s.list("PersistentVolume"))
        if (str_at(*pv, {"status", "phase"}) == "Released")
          released.push_back(str_at(*pv, {"metadata", "name"}));
    });
    for (const std::string& name : released) {
      try {
        api.del(object_path(resource_kind("PersistentVolume"), "", name));
        result.notes.push_back("cleanup: deleted released PV " + name + " (reclaim policy Retain)");
      } catch (const ApiError& e) {
        if (!e.not_found()) result.notes.push_back("cleanup: " + std::string(e.what()));
      }
    }
    if (!released.empty())
      w = state.wait("namespace " + req.ns + " and its PVs gone", namespace_gone(req.ns),
                     std::chrono::seconds(60), true);
  }
  result.cleanup_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  req.progress->line("cleanup: " + w.describe());
  result.cleaned_up = w.met();
  if (!w.met()) result.notes.push_back("cleanup incomplete: " + w.describe());
}

}  // namespace

namespace {

// What was submitted, into the observations; the initial replica count.
int record_submission(const RunRequest& req, Observations& obs) {
  obs.namespace_ = req.ns;
  obs.statefulset = req.statefulset;
  obs.started_at_unix = static_cast<double>(time(nullptr));
  for (const Manifest& m : req.objects) {
    obs.manifests.push_back(m.object);
    if (m.kind() == "StatefulSet" && m.name() == req.statefulset) obs.statefulset_manifest = m.object;
  }
  const int initial = obs.statefulset_manifest.is_object()
                          ? node_at(obs.statefulset_manifest, {"spec", "replicas"}).is_number()
                                ? obs.statefulset_manifest["spec"]["replicas"].get<int>()
                                : 1
                          : 0;
  obs.scenario_params["initial_replicas"] = initial;
  return initial;
}

void infrastructure(RunResult& result, const std::string& reason) {
  result.infrastructure = true;
  result.infrastructure_reason = reason;
}

// The grader's quota and limit range (--quota), counted before any step.
void bound_namespace(const RunRequest& req, ApiClient& api, ClusterState& state, RunResult& result) {
  try {
    api.create(collection_path(resource_kind("ResourceQuota"), req.ns), resource_quota_object(req.ns, *req.quota));
    api.create(collection_path(resource_kind("LimitRange"), req.ns), limit_range_object(req.ns, *req.quota));
    WaitOutcome w = state.wait("ResourceQuota " + std::string(kQuotaName) + " counted",
                               quota_counted(kQuotaName), std::chrono::seconds(60));
    if (w.kind == WaitOutcome::kAborted) result.aborted = true;
    else if (!w.met()) infrastructure(result, "quota: " + w.describe());
    else
      req.progress->line("quota: " + std::string(kQuotaName) + " and " + kLimitRangeName + " in place (" +
                         w.describe() + ")");
  } catch (const ApiError& e) {
    if (e.aborted()) result.aborted = true;
    else infrastructure(result, "cannot bound namespace " + req.ns + ": " + e.what());
  }
}

RunContext make_context(const RunRequest& req, ApiClient& api, ClusterState& state, Observations& obs,
                        int initial) {
  RunContext ctx;
  ctx.scenario = req.scenario;
  ctx.api = &api;
  ctx.kubectl = req.kubectl;
  ctx.state = &state;
  ctx.obs = &obs;
  ctx.progress = req.progress;
  ctx.abort = &interrupted();
  ctx.ns = req.ns;
  ctx.sts = req.statefulset;
  ctx.objects = req.objects;
  ctx.nonce = make_nonce();
  ctx.replicas = initial;
  return ctx;
}

// The scenario's steps in order, until one does not succeed: later steps
// build on it. A failure is recorded with what it waited for and saw last.
void run_steps(const RunRequest& req, RunContext& ctx, ClusterState& state, RunResult& result) {
  Observations& obs = result.obs;
  for (const StepSpec& spec : req.scenario->steps) {
    if (interrupted()) {
      result.aborted = true;
      return;
    }
    if (req.statefulset.empty() && spec.op != "apply") {
      obs.failures.push_back({spec.id, "a StatefulSet in the submission", "the submission has no StatefulSet", false});
      return;
    }
    obs.marks.push_back({spec.id, spec.op, state.next_seq(), state.now()});
    req.progress->step(spec.id, spec.op);
    StepOutcome out;
    try {
      out = (*find_step(spec.op))(ctx, spec);
    } catch (const ApiError& e) {
      out = {e.aborted() ? StepOutcome::kAborted : StepOutcome::kInfrastructure, spec.id, e.what()};
    } catch (const ScenarioError& e) {
      out = {StepOutcome::kInfrastructure, spec.id, std::string("scenario error: ") + e.what()};
    }
    if (out.kind == StepOutcome::kOk) continue;
    if (out.kind == StepOutcome::kAborted || interrupted()) {
      result.aborted = true;
      return;
    }
    const bool infra = out.kind == StepOutcome::kInfrastructure;
    obs.failures.push_back({spec.id, out.waited_for, out.message, infra});
    req.progress->step(spec.id, std::string(infra ? "INFRASTRUCTURE FAULT: " : "failed: ") + out.message);
    if (infra) infrastructure(result, spec.id + ": " + out.message);
    return;
  }
}

// The evidence once the steps are done: what a failed check needs explained
// (logs, events, pod states) while it still exists, the scenario's events
// (cleanup's are not evidence), a lost watch, the time spent waiting.
void gather_evidence(const RunRequest& req, ClusterState& state, RunResult& result, double waiting_before_steps) {
  Observations& obs = result.obs;
  if (!result.aborted) obs.debug = collect_debug_evidence(state, req.creds, req.ns, &interrupted());
  obs.timeline = state.timeline();
  const std::string fault = state.fault();
  if (!fault.empty() && !result.infrastructure) infrastructure(result, "lost the watch: " + fault);
  result.waiting_seconds = state.waiting_seconds();
  if (!obs.marks.empty()) {
    result.scenario_seconds = state.now() - obs.marks.front().t;
    result.scenario_waiting_seconds = result.waiting_seconds - waiting_before_steps;
  }
}

}  // namespace

RunResult run_scenario(const RunRequest& req) {
  RunResult result;
  const int initial = record_submission(req, result.obs);
  ClusterState state(&interrupted());
  req.progress->set_clock(&state);
  ApiClient api(req.creds);
  api.http().add_abort_flag(&interrupted());
  try {
    // Not abortable: a Ctrl-C mid-request would leave it unknown whether the
    // namespace exists. Once it does, an interrupt ends the run through cleanup.
    ApiClient(req.creds).create(collection_path(resource_kind("Namespace")), namespace_object(req.ns));
  } catch (const ApiError& e) {
    infrastructure(result, "cannot create namespace " + req.ns + ": " + e.what());
    return result;
  }
  auto informers = start_informers(req, state);
  const auto sync_deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  for (auto& i : informers)
    if (!i->wait_synced(sync_deadline))
      infrastructure(result, "watch on " + i->kind() + " did not start: " + i->fault());
  if (req.quota && !result.infrastructure) bound_namespace(req, api, state, result);

  RunContext ctx = make_context(req, api, state, result.obs, initial);
  const double waiting_before_steps = state.waiting_seconds();  // the quota's wait
  if (!result.infrastructure && !result.aborted) {
    // The probe pod starts beside the submission's first pods instead of
    // holding up the first step that needs it.
    if (scenario_uses_probe_pod(*req.scenario)) start_probe_pod(ctx);
    run_steps(req, ctx, state, result);
  }
  gather_evidence(req, state, result, waiting_before_steps);
  if (req.on_evidence && !result.aborted) req.on_evidence(result);
  if (req.keep || result.keep)
    req.progress->line("--keep: namespace " + req.ns + " left for inspection (kubectl delete ns " + req.ns +
                       " when done)");
  else
    clean_up(req, state, result);
  result.waiting_seconds = state.waiting_seconds();  // cleanup's waits included
  for (auto& i : informers) i->request_stop();  // all at once: each takes up to a second
  for (auto& i : informers) i->stop();
  req.progress->set_clock(nullptr);
  return result;
}

}  // namespace sts
