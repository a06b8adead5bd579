// One scenario operation (apply, wait-ready, scale, …): its context, outcome
// and registry. Each op lives in its own grader/step_<op>.cc and registers
// itself with STS_REGISTER_STEP, like checks do.
#pragma once
#include <atomic>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "grader/observations.h"
#include "grader/scenario.h"

namespace sts {

class ApiClient;
class ClusterState;
class Kubectl;
class Progress;

struct RunContext {
  const Scenario* scenario = nullptr;
  ApiClient* api = nullptr;
  const Kubectl* kubectl = nullptr;
  ClusterState* state = nullptr;
  Observations* obs = nullptr;
  Progress* progress = nullptr;
  const std::atomic<bool>* abort = nullptr;
  std::string ns;                    // grading namespace
  std::string sts;                   // StatefulSet under test
  std::vector<Manifest> objects;     // placed submission
  std::string nonce;                 // per run: marker tokens, output boundaries
  int replicas = 0;                  // desired replicas now
  std::map<std::string, int> replicas_at;  // step id -> replicas it set
};

struct StepOutcome {
  enum Kind { kOk, kFailed, kInfrastructure, kAborted } kind = kOk;
  std::string waited_for;            // on failure: the goal
  std::string message;               // what happened / what was seen last
  static StepOutcome ok(std::string msg = "") { return {kOk, "", std::move(msg)}; }
};

using StepFn = std::function<StepOutcome(RunContext&, const StepSpec&)>;

void register_step(const std::string& op, StepFn fn);
const StepFn* find_step(const std::string& op);
std::vector<std::string> step_ops();

namespace detail {
struct StepRegistrar {
  StepRegistrar(const char* op, StepFn fn) { register_step(op, std::move(fn)); }
};
}  // namespace detail
#define STS_REGISTER_STEP(op, fn) static ::sts::detail::StepRegistrar sts_step_##fn{op, fn}

}  // namespace sts
