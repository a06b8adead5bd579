#include "grader/model/timeline.h"

#include <algorithm>
#include <cctype>

#include "grader/model/pod_status.h"

namespace sts {

void Timeline::add(WatchEvent e) { events_.push_back(std::move(e)); }

int trailing_ordinal(const std::string& name) {
  size_t dash = name.rfind('-');
  if (dash == std::string::npos || dash + 1 >= name.size()) return -1;
  std::string digits = name.substr(dash + 1);
  if (digits.size() > 9 || !std::all_of(digits.begin(), digits.end(),
                                        [](unsigned char c) { return std::isdigit(c); }))
    return -1;
  // "web-01" is not a StatefulSet pod name: ordinals have no leading zeros.
  if (digits.size() > 1 && digits[0] == '0') return -1;
  return std::stoi(digits);
}

int ordinal_of(const std::string& pod_name, const std::string& base) {
  if (pod_name.size() <= base.size() + 1 || pod_name.compare(0, base.size(), base) != 0 ||
      pod_name[base.size()] != '-')
    return -1;
  int n = trailing_ordinal(pod_name);
  // The suffix must start right after "<base>-", so "web-x-1" is not web's.
  return pod_name.find('-', base.size() + 1) == std::string::npos ? n : -1;
}

namespace {
// The most telling reason a container is not running, e.g. CrashLoopBackOff.
std::string waiting_reason(const Json& pod) {
  for (const char* field : {"initContainerStatuses", "containerStatuses"}) {
    const Json& st = node_at(pod, {"status", field});
    if (!st.is_array()) continue;
    for (const Json& cs : st) {
      std::string r = str_at(cs, {"state", "waiting", "reason"});
      if (!r.empty() && r != "ContainerCreating" && r != "PodInitializing") return r;
      r = str_at(cs, {"state", "terminated", "reason"});
      if (!r.empty()) return r;
    }
  }
  return str_at(pod, {"status", "reason"});
}

int restart_count(const Json& pod) {
  int n = 0;
  const Json& st = node_at(pod, {"status", "containerStatuses"});
  if (st.is_array())
    for (const Json& cs : st) n = std::max(n, cs.value("restartCount", 0));
  return n;
}
}  // namespace

std::vector<std::string> pod_ips(const Json& pod) {
  std::vector<std::string> out;
  const Json& list = node_at(pod, {"status", "podIPs"});
  if (list.is_array())
    for (const Json& p : list)
      if (std::string ip = str_at(p, {"ip"}); !ip.empty()) out.push_back(ip);
  std::string primary = str_at(pod, {"status", "podIP"});
  if (out.empty() && !primary.empty()) out.push_back(primary);
  return out;
}

std::vector<PodLife> Timeline::pod_lives() const {
  std::vector<PodLife> lives;
  std::map<std::string, size_t> by_uid;
  for (const WatchEvent& e : events_) {
    if (e.kind != "Pod") continue;
    std::string uid = str_at(e.object, {"metadata", "uid"});
    if (uid.empty()) continue;
    auto [it, inserted] = by_uid.try_emplace(uid, lives.size());
    if (inserted) {
      PodLife life;
      life.uid = uid;
      life.name = str_at(e.object, {"metadata", "name"});
      life.ordinal = trailing_ordinal(life.name);
      life.creation_timestamp = str_at(e.object, {"metadata", "creationTimestamp"});
      lives.push_back(std::move(life));
    }
    PodLife& life = lives[it->second];
    const PodLife::At at{e.seq, e.t};
    if (!life.created) life.created = at;
    if (life.claims.empty()) {
      const Json& vols = node_at(e.object, {"spec", "volumes"});
      if (vols.is_array())
        for (const Json& v : vols) {
          std::string claim = str_at(v, {"persistentVolumeClaim", "claimName"});
          if (!claim.empty()) life.claims.push_back(claim);
        }
    }
    std::string ip = str_at(e.object, {"status", "podIP"});
    if (!ip.empty()) life.ip = ip;
    if (std::vector<std::string> all = pod_ips(e.object); !all.empty()) life.ips = std::move(all);
    std::string phase = str_at(e.object, {"status", "phase"});
    if (!phase.empty()) life.last_phase = phase;
    std::string reason = waiting_reason(e.object);
    if (!reason.empty()) life.last_reason = reason;
    life.restarts = std::max(life.restarts, restart_count(e.object));
    if (!life.running && phase == "Running") life.running = at;
    if (!life.ready && pod_ready(e.object)) life.ready = at;
    if (!life.terminating && terminating(e.object))
      life.terminating = at;
    if (e.type == "DELETED" && !life.deleted) {
      life.deleted = at;
      if (!life.terminating) life.terminating = at;
    }
  }
  return lives;
}

std::vector<PodLife> Timeline::pod_lives_of(const std::string& statefulset) const {
  std::vector<PodLife> out;
  for (PodLife& l : pod_lives()) {
    int n = ordinal_of(l.name, statefulset);
    if (n < 0) continue;
    l.ordinal = n;
    out.push_back(std::move(l));
  }
  return out;
}

std::vector<const WatchEvent*> Timeline::of_kind(const std::string& kind, long from,
                                                 long to) const {
  std::vector<const WatchEvent*> out;
  for (const WatchEvent& e : events_)
    if (e.kind == kind && e.seq >= from && (to < 0 || e.seq < to)) out.push_back(&e);
  return out;
}

}  // namespace sts
