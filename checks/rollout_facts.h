// What op rollout recorded (scenario_params.rollouts.<step>) and what the
// snapshots and timeline show around it, for the Lab 15 bonus checks
// (partitioned-rollout, ondelete-update). Scenario contract: step `rollout`,
// snapshot "after-rollout" after it, step `delete-after-rollout` (delete-pod)
// and snapshot "final" after that.
#pragma once
#include <map>
#include <optional>
#include <string>

#include "checks/check.h"

namespace sts {

struct RolloutFacts {
  std::string strategy;              // RollingUpdate or OnDelete
  int partition = 0;
  int replicas = 0;
  std::string revision_before;       // updateRevision before the template changed
  std::string update_revision;       // after
  std::map<std::string, std::string> pods_after;  // pod -> revision when the op ended
};

// nullopt when the step recorded nothing (it never ran).
std::optional<RolloutFacts> rollout_facts(const Observations& obs, const std::string& step);

// The set's pods in a snapshot: name -> controller-revision-hash.
std::map<std::string, std::string> revisions_in(const Snapshot& snap, const std::string& statefulset);

// "web-0 web-abc (old), web-2 web-def (new)"
std::string describe_revisions(const std::map<std::string, std::string>& revs, const RolloutFacts& f);

// The first pod of the set whose removal began in the step's window, and its
// replacement created in that window, if any.
struct Replacement {
  std::optional<PodLife> removed, created;
};
Replacement replacement_in(const Observations& obs, const std::string& step);

}  // namespace sts
