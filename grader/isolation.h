// Placing a submission in the grading namespace, and refusing what must not
// run on a shared cluster. Runs before anything touches the cluster.
#pragma once
#include <string>
#include <vector>

#include "grader/manifest.h"

namespace sts {

struct Placement {
  std::vector<Manifest> objects;     // namespaced, metadata.namespace = grading namespace
  std::vector<std::string> notes;    // rewrites and dropped Namespace objects, for the report
  std::vector<std::string> submitted_namespaces;  // distinct namespaces the submission named
};

struct PolicyViolation {
  SourcePos pos;                     // the offending field
  std::string message;               // "Pod node-shell: container \"shell\" is privileged"
};
// Every policy violation of a submission, in file order.
std::vector<PolicyViolation> find_policy_violations(const std::vector<Manifest>& manifests);
// The same, each "file:line:col: message".
std::vector<std::string> policy_violations(const std::vector<Manifest>& manifests);

// Rewrites namespaces into `grading_ns`; throws ManifestError listing every
// violation when the submission is refused.
Placement place(const std::vector<Manifest>& manifests, const std::string& grading_ns);

// The pod spec inside a workload (Pod, StatefulSet, Deployment, Job, CronJob…),
// with its JSON pointer; nullptr when the kind has none.
const Json* pod_spec_of(const Json& object, std::string* pointer = nullptr);

}  // namespace sts
