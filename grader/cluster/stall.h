// Who stalled? Evidence, read from the watched objects, that a wait is not
// being met because of the cluster or the grader itself rather than the
// submission. A fault found here ends the run NOT GRADABLE with the cause
// named; it never costs the student a point.
//
// Each rule needs a contradiction or an owner, not a message string alone:
//   scheduler    a pod stays unscheduled for `grace` although every claim it
//                names is Bound and the scheduler's own reason is "unbound
//                PersistentVolumeClaims" (kubernetes/kubernetes#125762, #87145:
//                the claim's update was not requeued); or a pod no scheduler
//                has looked at (no PodScheduled condition) for `grace`: the
//                default scheduler is down or paused.
//   registry     an image pull keeps failing with an error that is not
//                permanent (not "not found", "unauthorized", "invalid name")
//                for `grace`: 429, timeouts, TLS, connection errors.
//   grader-quota a create was refused by the grader's own ResourceQuota or
//                LimitRange (the submission passed lint, so the bound is the
//                grader's to size).
#pragma once
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "grader/cluster/cluster_state.h"

namespace sts {

struct ClusterFault {
  std::string cause;     // "scheduler", "registry", "grader-quota"
  std::string evidence;  // what was seen, for the report
  bool empty() const { return cause.empty(); }
  std::string describe() const { return cause + ": " + evidence; }
};

// A pull error the student must fix (wrong name or tag, private image, bad
// reference) rather than one the registry or network may recover from.
bool permanent_pull_error(const std::string& reason, const std::string& message);

class StallDetector {
 public:
  using Now = std::function<double()>;  // seconds, monotonic
  StallDetector(std::string ns, Now now, double grace_seconds = 45);

  // Called on every re-check of a wait; remembers since when each suspicious
  // state has held. Returns a fault once one has held for the grace period
  // (grader-quota: at once).
  ClusterFault check(const Store& s);

  // Something the cluster is visibly still doing (a pull in progress, a pod
  // terminating within its grace period, a container being created): a reason
  // to extend a deadline, or "".
  std::string progressing(const Store& s) const;

 private:
  ClusterFault held(const std::string& key, double since_required, ClusterFault f);
  std::string ns_;
  Now now_;
  double grace_;
  std::map<std::string, double> first_seen_;
};

// As ClusterState conditions (non-empty = the fault / the progress), sharing
// one detector's memory across the re-checks of a wait.
ClusterState::Condition cluster_fault_condition(std::shared_ptr<StallDetector> d);
ClusterState::Condition progressing_condition(std::shared_ptr<StallDetector> d);

}  // namespace sts
