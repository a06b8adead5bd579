// Debug evidence: what `kubectl describe pod`, `kubectl logs [--previous]` and
// `kubectl get events` would have shown a student at the end of the scenario,
// taken before cleanup deletes it all. Reports show it beside the checks that
// failed (reports/debug_text.h); no check reads it.
//
// Pod status and events come from the informers' cache (no extra request);
// only the logs are fetched, bounded on the server (tailLines) and here
// (kDebugLogBytes, cut at a line start so the last lines stay whole).
#pragma once
#include <atomic>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "grader/base/json.h"
#include "grader/cluster/kubeconfig.h"
#include "grader/model/observations.h"

namespace sts {

class ClusterState;

// One log read. Throws std::runtime_error saying why it failed, or
// LogUnreachable when the API server gave no answer at all.
struct LogUnreachable : std::runtime_error {
  using std::runtime_error::runtime_error;
};
using LogFetcher =
    std::function<std::string(const std::string& pod, const std::string& container, bool previous)>;

// The status part of a Pod object: phase, conditions, container states.
PodDebug pod_debug(const Json& pod);

// Event objects as one line each, oldest first, at most `max` (the newest):
// "21:10:03 Warning BackOff Pod/web-0: Back-off restarting failed container (x5)".
std::vector<std::string> event_lines(const std::vector<Json>& events, size_t max = kDebugEvents);

// The last `max_bytes` of a log, starting at a line boundary when it is cut,
// with a first line saying how much was left out.
std::string log_tail(const std::string& log, size_t max_bytes = kDebugLogBytes);

// Everything for these pods and events; logs through `fetch`: the current
// log of every container that started, and --previous for those that
// restarted. After a fetch fails on the transport (no answer), no more are
// tried: a dead API server should not stretch the run by a timeout a log.
DebugEvidence collect_debug_evidence(const std::vector<Json>& pods, const std::vector<Json>& events,
                                     const LogFetcher& fetch, double t);

// The run's hook: pods and events from `state`, logs from the API server
// (GET …/pods/NAME/log) with a short timeout. The grader's probe pod is left out.
DebugEvidence collect_debug_evidence(const ClusterState& state, const ClusterCredentials& creds,
                                     const std::string& ns, const std::atomic<bool>* abort);

}  // namespace sts
