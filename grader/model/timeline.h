// The timeline: every watch event the grader received, in arrival order.
//
// It is the only source for ordering checks. Events of one resource kind come
// from one watch stream, so their order is the API server's (resourceVersion)
// order; `seq` is the global arrival index across all streams and `t` the
// arrival time in seconds since the run started.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "grader/base/json.h"

namespace sts {

struct WatchEvent {
  long seq = 0;
  double t = 0;          // seconds since run start, at arrival
  std::string type;      // ADDED, MODIFIED, DELETED; SYNC for items of a (re-)list
  std::string kind;      // Pod, PersistentVolumeClaim, PersistentVolume, StatefulSet, Service, Event
  Json object;
  // Delivered by a re-list after the watch broke (410 Gone, ERROR): what the
  // lost part of the watch would have said, in name order and at the time of
  // the list, so its order and time are not the cluster's (grader/cluster/informer.cc).
  bool relist = false;
};

// A point in the run where the scenario did something (a step started or ended).
struct Mark {
  std::string id;        // the scenario step id, e.g. "scale-down"
  std::string what;      // human text: "scale statefulset web to 2 replicas"
  long seq = 0;          // events with seq >= this came after the mark
  double t = 0;
};

// One life of a pod: a pod name can live several times (deleted, recreated),
// each with its own UID.
struct PodLife {
  std::string name;
  std::string uid;
  int ordinal = -1;                  // from the name's "-N" suffix; -1 if none
  std::string ip;                    // status.podIP (the primary family)
  std::vector<std::string> ips;      // status.podIPs: every family (IPv4, IPv6), else {ip}
  std::vector<std::string> claims;   // PVC names from spec.volumes
  // Arrival times (and seqs) of the first event showing each state.
  struct At { long seq; double t; };
  std::optional<At> created;         // first event of this UID
  std::optional<At> running;         // status.phase == Running
  std::optional<At> ready;           // condition Ready == True (first time)
  std::optional<At> terminating;     // metadata.deletionTimestamp set
  std::optional<At> deleted;         // DELETED event
  int restarts = 0;                  // max restartCount seen
  std::string last_phase;            // e.g. Pending, Running
  std::string last_reason;           // e.g. CrashLoopBackOff, ImagePullBackOff
  std::string creation_timestamp;    // metadata.creationTimestamp (1 s resolution)
};

class Timeline {
 public:
  void add(WatchEvent e);            // seq is assigned by the recorder, kept as given
  const std::vector<WatchEvent>& events() const { return events_; }

  // Every life of every pod, in order of creation.
  std::vector<PodLife> pod_lives() const;
  // Lives of pods whose name is <sts>-<ordinal>.
  std::vector<PodLife> pod_lives_of(const std::string& statefulset) const;
  // Events of one kind, optionally only between two seqs [from, to).
  std::vector<const WatchEvent*> of_kind(const std::string& kind, long from = 0,
                                         long to = -1) const;

 private:
  std::vector<WatchEvent> events_;
};

// A pod's addresses: status.podIPs (IPv4 and IPv6 on dual-stack clusters),
// else status.podIP; empty before it has one.
std::vector<std::string> pod_ips(const Json& pod);
// "<base>-<N>" -> N, else -1.
int ordinal_of(const std::string& pod_name, const std::string& base);
// Any trailing "-N" -> N, else -1.
int trailing_ordinal(const std::string& name);

}  // namespace sts
