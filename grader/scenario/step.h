// One scenario operation (apply, wait-ready, scale, …): its context, outcome
// and registry. Each op lives in its own grader/step_<op>.cc and registers
// itself with STS_REGISTER_STEP, like checks do.
#pragma once
#include <atomic>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "grader/model/observations.h"
#include "grader/scenario/scenario.h"

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

// The arguments an op takes besides id, op and timeout, with their types:
// scenario.cc checks every step against them when a scenario is loaded, so a
// typo ("phse: initial") is an error at its file:line:col, not a fault mid-run.
enum class ArgType {
  kText,        // a string or a number (read with str_arg)
  kInt,         // an integer (int_arg)
  kBool,        // true / false
  kStringList,  // a list of strings (exec's command)
};
struct ArgSpec {
  std::string name;
  ArgType type;
};
using ArgSchema = std::vector<ArgSpec>;
// Every op that waits through wait_outcome (grader/scenario/step_util.h) takes it.
inline const ArgSpec kGiveUpAfterRestarts{"give_up_after_restarts", ArgType::kInt};

void register_step(const std::string& op, StepFn fn, ArgSchema args = {});
const StepFn* find_step(const std::string& op);
const ArgSchema* find_step_args(const std::string& op);
std::vector<std::string> step_ops();
// "a string or a number", "an integer", … for error messages.
std::string describe(ArgType t);
bool matches(const Json& value, ArgType t);

namespace detail {
struct StepRegistrar {
  StepRegistrar(const char* op, StepFn fn, ArgSchema args) {
    register_step(op, std::move(fn), std::move(args));
  }
};
}  // namespace detail

// STS_REGISTER_STEP("read-volumes", read_volumes, {"phase", ArgType::kText}, …)
#define STS_REGISTER_STEP(op, fn, ...) \
  static ::sts::detail::StepRegistrar sts_step_##fn{op, fn, ::sts::ArgSchema{__VA_ARGS__}}

}  // namespace sts
