// Placing a submission in the grading namespace, and refusing what must not
// run on a shared cluster. Runs before anything touches the cluster.
#pragma once
#include <string>
#include <vector>

#include "grader/submission/manifest.h"

namespace sts {

struct Placement {
  std::vector<Manifest> objects;     // namespaced, metadata.namespace = grading namespace
  std::vector<std::string> notes;    // rewrites and dropped Namespace objects, for the report
  std::vector<std::string> submitted_namespaces;  // distinct namespaces the submission named
};

struct PolicyViolation {
  SourcePos pos;                     // the offending field
  std::string message;               // "Pod node-shell: container \"shell\" is privileged"
  std::string rule;                  // "policy/privileged": docs/lint-rules.md, "The allow-list"
};

// Bounds of one submission on a shared cluster; past them it is refused
// (policy/bounds) instead of being squeezed by the quota at run time.
struct PolicyLimits {
  size_t max_objects = 100;
  long long max_replicas = 10;               // per workload, as submitted
  long double max_claim_bytes = 10.0L * (1LL << 30);     // one PVC or claim template: 10Gi
  long double max_container_cpu = 2;         // cores, request or limit
  long double max_container_memory = 4.0L * (1LL << 30);
  long double max_container_ephemeral = 4.0L * (1LL << 30);
};

// Names the grader gives its own objects (quota, limits, probe and reader
// pods): a submission may not take one, nor the managed-by label.
bool reserved_name(const std::string& name);
// Every policy violation of a submission, in file order.
std::vector<PolicyViolation> find_policy_violations(const std::vector<Manifest>& manifests,
                                                    const PolicyLimits& limits = {});
// The same, each "file:line:col: message [rule]".
std::vector<std::string> policy_violations(const std::vector<Manifest>& manifests);

// A NodePort or LoadBalancer Service becomes ClusterIP (nodePort fields,
// externalTrafficPolicy and the like removed): nothing is exposed on the
// nodes, and two students' fixed nodePort 30080 cannot collide. Returns the
// note, "" for any other Service (issue 16; docs/submission-discovery.md §14).
std::string make_cluster_ip(Json& service);

// Rewrites namespaces into `grading_ns` (and Service types, above); throws ManifestError listing every
// violation when the submission is refused.
Placement place(const std::vector<Manifest>& manifests, const std::string& grading_ns);

// The pod spec inside a workload (Pod, StatefulSet, Deployment, Job, CronJob…),
// with its JSON pointer; nullptr when the kind has none.
const Json* pod_spec_of(const Json& object, std::string* pointer = nullptr);

}  // namespace sts
