// A scenario: the steps the grader drives on the cluster, as data.
//
// Steps, targets, replica counts and deadlines come from scenarios/*.yaml,
// never from code; each `op` is implemented by one step file (step_*.cc).
#pragma once
#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

#include "grader/base/json.h"
#include "grader/submission/manifest.h"

namespace sts {

struct StepSpec {
  std::string id;                    // unique; checks find their phase by it
  std::string op;                    // apply, wait-ready, snapshot, read-volumes, …
  Json args;                         // the step's other fields
  std::chrono::milliseconds timeout{std::chrono::seconds(120)};
  SourcePos pos;
  std::string describe() const;      // "step scale-down (scale) at file:line"
};

struct Scenario {
  std::string id, title, source;
  std::string probe_image = "docker.io/library/busybox:1.36";
  std::vector<StepSpec> steps;
};

struct ScenarioError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Parses "90s", "5m", "1m30s", "500ms".
std::chrono::milliseconds parse_duration(const std::string& text);
// Errors name file:line; unknown ops are rejected against the step registry.
Scenario load_scenario(const std::string& path);
Scenario parse_scenario(const std::string& text, const std::string& file);

}  // namespace sts
