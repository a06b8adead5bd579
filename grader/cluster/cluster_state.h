// What the grader knows of its namespace: the current objects, fed by the
// informers, and the timeline of every event. Waiting is one generic loop
// over a predicate, like `kubectl wait`.
#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "grader/model/timeline.h"

namespace sts {

// The current objects, by kind then name.
class Store {
 public:
  const Json* get(const std::string& kind, const std::string& name) const;
  std::vector<const Json*> list(const std::string& kind) const;
  void apply(const WatchEvent& e);

 private:
  std::map<std::string, std::map<std::string, Json>> objects_;
};

struct WaitOutcome {
  enum Kind { kMet, kTimedOut, kHopeless, kAborted, kFault } kind = kMet;
  std::string waited_for;
  std::string last_seen;             // what the predicate said when it gave up
  double seconds = 0;
  bool cluster_stalled = false;      // kFault from ClusterWatch::fault, not a lost watch
  double extended = 0;               // seconds the deadline was extended by
  std::string extended_while;        // what the cluster was visibly doing then
  bool met() const { return kind == kMet; }
  std::string describe() const;      // "timed out after 300s waiting for …; last seen: …"
  std::string extension() const;     // "" or " (deadline extended by 60s while …)"
};

class ClusterState {
 public:
  using Clock = std::chrono::steady_clock;
  // A condition: "" when met, else what is still missing (shown on timeout).
  using Condition = std::function<std::string(const Store&)>;

  explicit ClusterState(const std::atomic<bool>* abort = nullptr);

  // Thread-safe; called by informers. Assigns seq and arrival time.
  void on_event(WatchEvent e);
  // An informer lost the cluster for good: every wait ends with kFault.
  void on_fault(const std::string& what);

  // Blocks until `cond` holds, the timeout passes, the run is aborted or a
  // fault is reported. `ignore_abort` lets cleanup finish after Ctrl-C.
  // `give_up`, when given, ends the wait early (kHopeless) as soon as it
  // returns a reason: a crash-looping pod will not become Ready by waiting.
  WaitOutcome wait(const std::string& what, const Condition& cond,
                   std::chrono::milliseconds timeout, bool ignore_abort = false,
                   const Condition& give_up = nullptr);

  // The cluster's share of a wait (grader/cluster/stall.h): `fault` ends it as kFault
  // (not the submission's doing) as soon as it returns evidence; when the
  // deadline passes while `progressing` names something the cluster is still
  // doing, the deadline moves by `step`, up to `hard_cap` in all, and the
  // outcome says so.
  struct ClusterWatch {
    Condition fault;
    Condition progressing;
    std::chrono::milliseconds step{std::chrono::seconds(30)};
    std::chrono::milliseconds hard_cap{std::chrono::seconds(600)};
  };
  WaitOutcome wait(const std::string& what, const Condition& cond,
                   std::chrono::milliseconds timeout, const Condition& give_up,
                   const ClusterWatch& cluster);

 private:
  WaitOutcome wait(const std::string& what, const Condition& cond,
                   std::chrono::milliseconds timeout, const Condition& give_up,
                   const ClusterWatch& cluster, bool ignore_abort);

 public:

  double now() const;                // seconds since construction
  long next_seq() const;
  Timeline timeline() const;
  std::string fault() const;
  // Runs f with the store locked (for snapshots and one-off reads).
  void read(const std::function<void(const Store&)>& f) const;
  double waiting_seconds() const { return waiting_ms_.load() / 1000.0; }
  void wake();                       // re-evaluate waits (e.g. after an abort)

 private:
  Clock::time_point start_;
  const std::atomic<bool>* abort_;
  mutable std::mutex mu_;
  std::condition_variable changed_;
  Store store_;
  Timeline timeline_;
  long seq_ = 0;
  std::string fault_;
  std::atomic<long> waiting_ms_{0};
};

}  // namespace sts
