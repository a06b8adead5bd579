// Runs a scenario in a fresh namespace and always cleans up after it.
//
// Watches start before the first apply (list, then watch), so the timeline
// holds everything the cluster did. On exit — done, failed, faulted or
// interrupted — the namespace is deleted and the run waits until its PVCs
// and PVs are gone, unless `keep` (or, not waiting, `no_wait_cleanup`).
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "grader/cluster/kubeconfig.h"
#include "grader/submission/manifest.h"
#include "grader/model/observations.h"
#include "grader/scenario/scenario.h"

namespace sts {

class Kubectl;
class Progress;
struct GradingQuota;

struct RunResult;

struct RunRequest {
  const Scenario* scenario = nullptr;
  ClusterCredentials creds;
  const Kubectl* kubectl = nullptr;
  Progress* progress = nullptr;
  std::vector<Manifest> objects;     // placed in `ns` already
  std::string ns;
  std::string statefulset;           // "" when the submission has none
  bool keep = false;
  // When set, a ResourceQuota and a LimitRange bound the namespace before the
  // first apply (batch grading on a shared cluster).
  const GradingQuota* quota = nullptr;
  std::chrono::milliseconds cleanup_timeout{std::chrono::minutes(4)};
  // Called once the evidence is complete, before cleanup starts (never after
  // an interrupt): the verdict need not wait for the namespace to go.
  std::function<void(RunResult&)> on_evidence;
  // Ask for the deletion, do not wait for it (students: --no-wait-cleanup).
  bool no_wait_cleanup = false;
};

struct RunResult {
  Observations obs;
  bool aborted = false;
  bool infrastructure = false;       // a fault of the cluster: not gradable
  std::string infrastructure_reason;
  bool cleaned_up = false;           // namespace and its PVs confirmed gone
  // Set by on_evidence to leave the namespace after all (--keep=on-failure).
  bool keep = false;
  std::vector<std::string> notes;    // cleanup problems, etc.
  double waiting_seconds = 0;
  double cleanup_seconds = 0;        // namespace delete until it and its PVs are gone
  double scenario_seconds = 0;       // first step begun until the evidence was complete
  double scenario_waiting_seconds = 0;  // of which waiting on the cluster
};

RunResult run_scenario(const RunRequest& req);

}  // namespace sts
