// Small helpers shared by step ops.
#pragma once
#include <string>

#include "grader/cluster/api_client.h"
#include "grader/cluster/cluster_state.h"
#include "grader/model/observations.h"
#include "grader/scenario/step.h"

namespace sts {

// Waits with the step's deadline and turns the outcome into a StepOutcome:
// a timeout is the submission's failure; a lost cluster is infrastructure.
StepOutcome wait_outcome(RunContext& ctx, const StepSpec& spec, const std::string& what,
                         const ClusterState::Condition& cond);

// Runs a command in a pod through kubectl exec and records it as evidence.
ExecRecord exec_in_pod(RunContext& ctx, const std::string& purpose, const std::string& pod,
                       const std::string& container, const std::vector<std::string>& command,
                       std::chrono::milliseconds timeout, std::string* full_out = nullptr);

// One kubectl exec of exec_in_pods.
struct ExecRequest {
  std::string purpose, pod, container;
  std::vector<std::string> command;
};
struct ExecAnswer {
  ExecRecord record;
  std::string full_out;              // stdout uncut (record.out is bounded)
};
// The same for several pods at once: a few at a time, each with its own
// kubectl, since each exec is a round trip to a different kubelet that the
// others need not wait for. Recorded as evidence in request order; answers
// in request order.
std::vector<ExecAnswer> exec_in_pods(RunContext& ctx, const std::vector<ExecRequest>& requests,
                                     std::chrono::milliseconds timeout);

// True when a failed exec is the cluster's fault (API unreachable, kubelet
// stream failed) rather than the command's own exit status.
bool exec_infrastructure_error(const ExecRecord& r);

// A request of the grader's own to the API server that failed: never the
// student's fault, so the step ends as infrastructure.
StepOutcome api_failure(const std::string& what, const ApiError& e);

// An integer argument of a step, with a default; throws ScenarioError when malformed.
int int_arg(const StepSpec& spec, const char* name, int fallback);

// Argument of a step as string, "" if absent.
std::string str_arg(const StepSpec& spec, const char* name);

}  // namespace sts
