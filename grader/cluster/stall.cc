#include "grader/cluster/stall.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "grader/model/pod_status.h"
#include "grader/model/grader_objects.h"

namespace sts {

namespace {
std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}
bool contains(const std::string& hay, const char* needle) { return hay.find(needle) != std::string::npos; }

std::string seconds(double s) { return std::to_string(static_cast<long>(s)) + "s"; }

// The claims a pod names, in volume order.
std::vector<std::string> claims_of(const Json& pod) {
  std::vector<std::string> out;
  const Json& vols = node_at(pod, {"spec", "volumes"});
  if (vols.is_array())
    for (const Json& v : vols) {
      std::string c = str_at(v, {"persistentVolumeClaim", "claimName"});
      if (!c.empty()) out.push_back(c);
    }
  return out;
}

const Json* condition(const Json& obj, const char* type) {
  const Json& conds = node_at(obj, {"status", "conditions"});
  if (conds.is_array())
    for (const Json& c : conds)
      if (str_at(c, {"type"}) == type) return &c;
  return nullptr;
}
}  // namespace

bool permanent_pull_error(const std::string& reason, const std::string& message) {
  if (reason == "InvalidImageName" || reason == "ErrImageNeverPull") return true;
  std::string m = lower(message);
  // What a registry answers for a name, tag or credential that is wrong: the
  // student's to fix. Everything else (429, 5xx, timeouts, TLS, DNS, refused
  // connections) may pass, and is the cluster's.
  for (const char* p : {"not found", "manifest unknown", "name unknown", "unauthorized",
                        "authentication required", "access denied", "pull access denied",
                        "insufficient_scope", "repository does not exist", "invalid reference format",
                        "no match for platform"})
    if (contains(m, p)) return true;
  return false;
}

StallDetector::StallDetector(std::string ns, Now now, double grace_seconds)
    : ns_(std::move(ns)), now_(std::move(now)), grace_(grace_seconds) {}

ClusterFault StallDetector::held(const std::string& key, double required, ClusterFault f) {
  double t = now_();
  // A state first seen now has held for 0 s: enough only when nothing is required.
  auto it = first_seen_.emplace(key, t).first;
  if (t - it->second < required) return {};
  f.evidence += " (for " + seconds(t - it->second) + ")";
  return f;
}

ClusterFault StallDetector::check(const Store& s) {
  std::map<std::string, double> still;  // keys whose state holds on this re-check
  ClusterFault found;
  auto keep = [&](const std::string& key, double required, ClusterFault f) {
    ClusterFault r = held(key, required, std::move(f));
    still[key] = first_seen_[key];
    if (found.empty() && !r.empty()) found = r;
  };

  for (const Json* pod : s.list("Pod")) {
    if (terminating(*pod)) continue;
    const std::string name = str_at(*pod, {"metadata", "name"});
    const std::string uid = str_at(*pod, {"metadata", "uid"});

    // scheduler: unscheduled "for unbound claims" while every claim is Bound.
    if (str_at(*pod, {"spec", "nodeName"}).empty()) {
      const Json* sched = condition(*pod, "PodScheduled");
      std::string msg = sched ? str_at(*sched, {"message"}) : "";
      std::vector<std::string> claims = claims_of(*pod);
      bool all_bound = !claims.empty();
      for (const std::string& c : claims) {
        const Json* pvc = s.get("PersistentVolumeClaim", c);
        if (!pvc || str_at(*pvc, {"status", "phase"}) != "Bound" || terminating(*pvc)) all_bound = false;
      }
      // A pod no scheduler has looked at: the default scheduler is down or
      // paused (a schedulerName of the student's own would be theirs).
      std::string scheduler = str_at(*pod, {"spec", "schedulerName"});
      if (!sched && (scheduler.empty() || scheduler == "default-scheduler"))
        keep("unseen/" + uid, grace_,
             {"scheduler", "pod " + name + " has not been looked at by the default scheduler "
                           "(no PodScheduled condition): the scheduler is not making progress"});
      if (sched && str_at(*sched, {"status"}) == "False" && all_bound &&
          contains(lower(msg), "unbound") && contains(lower(msg), "persistentvolumeclaim")) {
        std::string list;
        for (const std::string& c : claims) list += (list.empty() ? "" : ", ") + c;
        keep("scheduler/" + uid, grace_,
             {"scheduler", "pod " + name + " stays unscheduled although its claims " + list +
                               " are Bound; the scheduler's last reason, now stale: \"" + msg.substr(0, 200) +
                               "\" (a known scheduler race: kubernetes/kubernetes#125762)"});
      }
    }

    // registry: a pull failing with an error that may pass.
    for (const char* field : {"initContainerStatuses", "containerStatuses"}) {
      const Json& statuses = node_at(*pod, {"status", field});
      if (!statuses.is_array()) continue;
      for (const Json& cs : statuses) {
        std::string reason = str_at(cs, {"state", "waiting", "reason"});
        if (reason != "ErrImagePull" && reason != "ImagePullBackOff") continue;
        std::string msg = str_at(cs, {"state", "waiting", "message"});
        if (permanent_pull_error(reason, msg)) continue;
        // The kubelet retries with backoff up to 5 min: give it longer than a scheduler retry.
        keep("registry/" + uid + "/" + str_at(cs, {"name"}), std::max(grace_, 120.0),
             {"registry", "pulling " + str_at(cs, {"image"}) + " for pod " + name +
                              " keeps failing with an error that is not the submission's: " + msg.substr(0, 200)});
      }
    }
  }

  // grader-quota: a create refused by the grader's own bounds.
  const std::string own_quota_refusal = std::string("exceeded quota: ") + kQuotaName;
  for (const Json* e : s.list("Event")) {
    if (str_at(*e, {"type"}) != "Warning") continue;
    std::string msg = str_at(*e, {"message"});
    bool own_quota = contains(msg, own_quota_refusal.c_str());
    if (!own_quota) continue;
    keep("quota/" + str_at(*e, {"metadata", "name"}), 0,
         {"grader-quota", "the grader's own ResourceQuota " + std::string(kQuotaName) + " refused " +
                              str_at(*e, {"involvedObject", "kind"}) + " " +
                              str_at(*e, {"involvedObject", "name"}) + ": " + msg.substr(0, 300)});
  }

  first_seen_.swap(still);  // a state that stopped holding starts again from zero
  return found;
}

std::string StallDetector::progressing(const Store& s) const {
  for (const Json* pod : s.list("Pod")) {
    const std::string name = str_at(*pod, {"metadata", "name"});
    if (terminating(*pod)) return name + " terminating";
    for (const char* field : {"initContainerStatuses", "containerStatuses"}) {
      const Json& statuses = node_at(*pod, {"status", field});
      if (!statuses.is_array()) continue;
      for (const Json& cs : statuses) {
        std::string reason = str_at(cs, {"state", "waiting", "reason"});
        if (reason == "ContainerCreating" || reason == "PodInitializing")
          return name + " " + reason + " (image pull or volume setup under way)";
      }
    }
  }
  return "";
}

ClusterState::Condition cluster_fault_condition(std::shared_ptr<StallDetector> d) {
  return [d](const Store& s) {
    ClusterFault f = d->check(s);
    return f.empty() ? std::string() : f.describe();
  };
}

ClusterState::Condition progressing_condition(std::shared_ptr<StallDetector> d) {
  return [d](const Store& s) { return d->progressing(s); };
}

}  // namespace sts
