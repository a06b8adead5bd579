#include "grader/cluster/conditions.h"

#include <set>

#include "grader/cluster/stall.h"
#include "grader/model/timeline.h"
#include "grader/base/text.h"

namespace sts {

std::string pod_state(const Json& pod) {
  std::string phase = str_at(pod, {"status", "phase"});
  if (phase.empty()) phase = "Pending";
  if (terminating(pod)) return phase + ", terminating";
  std::string reason;
  int restarts = 0;
  const Json& statuses = node_at(pod, {"status", "containerStatuses"});
  if (statuses.is_array())
    for (const Json& cs : statuses) {
      restarts += cs.value("restartCount", 0);
      std::string r = str_at(cs, {"state", "waiting", "reason"});
      if (r.empty()) r = str_at(cs, {"state", "terminated", "reason"});
      if (!r.empty() && reason.empty()) {
        reason = r;
        std::string msg = str_at(cs, {"state", "waiting", "message"});
        if (!msg.empty()) reason += ": " + msg.substr(0, 160);
      }
    }
  if (reason.empty()) {
    const Json& conds = node_at(pod, {"status", "conditions"});
    if (conds.is_array())
      for (const Json& c : conds)
        if (str_at(c, {"type"}) == "PodScheduled" && str_at(c, {"status"}) == "False")
          reason = "unschedulable: " + str_at(c, {"message"}).substr(0, 160);
  }
  std::string s = phase;
  if (!reason.empty()) s += " (" + reason + ")";
  else if (phase == "Running" && !pod_ready(pod)) s += ", not Ready";
  if (restarts > 0) s += ", " + std::to_string(restarts) + " restarts";
  return s;
}

namespace {
// Why the controller could not create pod `name`: the newest FailedCreate
// event naming it (a quota or LimitRange refusal, a bad template), or "".
std::string failed_create(const Store& s, const std::string& name) {
  std::string newest, when;
  for (const Json* e : s.list("Event")) {
    if (str_at(*e, {"reason"}) != "FailedCreate") continue;
    std::string msg = str_at(*e, {"message"});
    if (msg.find("Pod " + name + " ") == std::string::npos &&
        msg.find("\"" + name + "\"") == std::string::npos)
      continue;
    std::string t = str_at(*e, {"lastTimestamp"});
    if (t.empty()) t = str_at(*e, {"eventTime"});
    if (newest.empty() || t >= when) newest = msg, when = t;
  }
  return newest.substr(0, 240);
}

// What keeps pod `name` from being counted, or "".
std::string pod_gap(const Store& s, const std::string& name) {
  const Json* pod = s.get("Pod", name);
  if (!pod) {
    std::string why = failed_create(s, name);
    return name + " not created yet" + (why.empty() ? "" : " (FailedCreate: " + why + ")");
  }
  if (terminating(*pod)) return name + " terminating";
  if (!pod_ready(*pod)) {
    std::string gap = name + " " + pod_state(*pod);
    // A pod pending on storage says so: the claim is the actionable part.
    const Json& vols = node_at(*pod, {"spec", "volumes"});
    if (vols.is_array())
      for (const Json& v : vols) {
        std::string claim = str_at(v, {"persistentVolumeClaim", "claimName"});
        const Json* pvc = claim.empty() ? nullptr : s.get("PersistentVolumeClaim", claim);
        if (pvc && str_at(*pvc, {"status", "phase"}) != "Bound")
          gap += ", PVC " + claim + " " + str_at(*pvc, {"status", "phase"});
      }
    return gap;
  }
  return "";
}

std::string extra_pods(const Store& s, const std::string& sts, int replicas) {
  std::vector<std::string> extra;
  for (const Json* pod : s.list("Pod")) {
    std::string name = str_at(*pod, {"metadata", "name"});
    if (ordinal_of(name, sts) >= replicas) extra.push_back(name + " still present");
  }
  return join(extra, "; ");
}

std::string status_gap(const Store& s, const std::string& sts, int replicas) {
  const Json* set = s.get("StatefulSet", sts);
  if (!set) return "StatefulSet " + sts + " not found";
  long gen = node_at(*set, {"metadata", "generation"}).is_number()
                 ? (*set)["metadata"]["generation"].get<long>() : 0;
  // A fresh object has no status yet: count that as nothing observed.
  const Json st = node_at(*set, {"status"}).is_object() ? (*set)["status"] : Json::object();
  long observed = st.value("observedGeneration", 0L);
  int ready = st.value("readyReplicas", 0);
  int have = st.value("replicas", 0);
  if (observed < gen) return "StatefulSet controller has not seen generation " + std::to_string(gen);
  if (ready != replicas || have != replicas)
    return "StatefulSet status: " + std::to_string(ready) + "/" + std::to_string(replicas) +
           " ready, " + std::to_string(have) + " pods";
  return "";
}
}  // namespace

ClusterState::Condition replicas_ready(const std::string& sts, int replicas) {
  return [sts, replicas](const Store& s) {
    std::vector<std::string> gaps;
    int start = 0;
    if (const Json* set = s.get("StatefulSet", sts))
      start = node_at(*set, {"spec", "ordinals", "start"}).is_number()
                  ? (*set)["spec"]["ordinals"]["start"].get<int>() : 0;
    for (int i = start; i < start + replicas; ++i) {
      std::string gap = pod_gap(s, sts + "-" + std::to_string(i));
      if (!gap.empty()) gaps.push_back(gap);
    }
    std::string extra = extra_pods(s, sts, start + replicas);
    if (!extra.empty()) gaps.push_back(extra);
    if (gaps.empty()) {
      std::string st = status_gap(s, sts, replicas);
      if (!st.empty()) gaps.push_back(st);
    }
    return join(gaps, "; ");
  };
}

ClusterState::Condition scale_down_settled(const std::string& sts, int replicas) {
  auto ready = replicas_ready(sts, replicas);
  return [sts, ready](const Store& s) {
    std::string gap = ready(s);
    if (!gap.empty()) return gap;
    std::vector<std::string> pending;
    for (const Json* pvc : s.list("PersistentVolumeClaim")) {
      std::string name = str_at(*pvc, {"metadata", "name"});
      if (name.find("-" + sts + "-") == std::string::npos) continue;
      if (terminating(*pvc)) {
        pending.push_back("PVC " + name + " being deleted");
        continue;
      }
      const Json& owners = node_at(*pvc, {"metadata", "ownerReferences"});
      if (owners.is_array())
        for (const Json& o : owners)
          if (str_at(o, {"kind"}) == "Pod" && !s.get("Pod", str_at(o, {"name"})))
            pending.push_back("PVC " + name + " owned by deleted pod " + str_at(o, {"name"}) +
                              " (garbage collection pending)");
    }
    return join(pending, "; ");
  };
}

ClusterState::Condition pod_replaced(const std::string& name, const std::string& old_uid) {
  return [name, old_uid](const Store& s) -> std::string {
    const Json* pod = s.get("Pod", name);
    if (!pod) return name + " not recreated yet";
    if (str_at(*pod, {"metadata", "uid"}) == old_uid) return name + " (old UID) " + pod_state(*pod);
    return pod_gap(s, name);
  };
}

ClusterState::Condition pod_is_ready(const std::string& name) {
  return [name](const Store& s) { return pod_gap(s, name); };
}

ClusterState::Condition pods_hopeless(const std::string& sts, int max_restarts) {
  return [sts, max_restarts](const Store& s) -> std::string {
    for (const Json* pod : s.list("Pod")) {
      std::string name = str_at(*pod, {"metadata", "name"});
      if (ordinal_of(name, sts) < 0 || terminating(*pod)) continue;
      const Json& statuses = node_at(*pod, {"status", "containerStatuses"});
      if (!statuses.is_array()) continue;
      for (const Json& cs : statuses) {
        std::string reason = str_at(cs, {"state", "waiting", "reason"});
        int restarts = cs.value("restartCount", 0);
        // Only a pull error the student must fix is hopeless; one that may
        // pass (429, timeouts) is the cluster's (grader/cluster/stall.h).
        bool bad_pull = (reason == "ImagePullBackOff" || reason == "ErrImagePull" ||
                         reason == "ErrImageNeverPull" || reason == "InvalidImageName") &&
                        permanent_pull_error(reason, str_at(cs, {"state", "waiting", "message"}));
        if ((reason == "CrashLoopBackOff" && restarts >= max_restarts) || bad_pull ||
            reason == "CreateContainerConfigError")
          return name + " " + pod_state(*pod);
      }
    }
    return "";
  };
}

ClusterState::Condition namespace_gone(const std::string& ns) {
  return [ns](const Store& s) {
    std::vector<std::string> left;
    if (const Json* n = s.get("Namespace", ns))
      left.push_back("namespace " + ns + " " + str_at(*n, {"status", "phase"}));
    for (const Json* pv : s.list("PersistentVolume"))
      left.push_back("PV " + str_at(*pv, {"metadata", "name"}) + " " +
                     str_at(*pv, {"status", "phase"}));
    return join(left, "; ");
  };
}

}  // namespace sts
