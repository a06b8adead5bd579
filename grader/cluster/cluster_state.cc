#include "grader/cluster/cluster_state.h"

namespace sts {

const Json* Store::get(const std::string& kind, const std::string& name) const {
  auto k = objects_.find(kind);
  if (k == objects_.end()) return nullptr;
  auto o = k->second.find(name);
  return o == k->second.end() ? nullptr : &o->second;
}

std::vector<const Json*> Store::list(const std::string& kind) const {
  std::vector<const Json*> out;
  auto k = objects_.find(kind);
  if (k != objects_.end())
    for (const auto& [name, obj] : k->second) out.push_back(&obj);
  return out;
}

void Store::apply(const WatchEvent& e) {
  std::string name = str_at(e.object, {"metadata", "name"});
  if (name.empty()) return;
  if (e.type == "DELETED")
    objects_[e.kind].erase(name);
  else
    objects_[e.kind][name] = e.object;
}

std::string WaitOutcome::extension() const {
  if (extended <= 0) return "";
  return " (deadline extended by " + std::to_string(static_cast<long>(extended)) +
         "s while the cluster was still working: " + extended_while + ")";
}

std::string WaitOutcome::describe() const {
  char secs[32];
  snprintf(secs, sizeof secs, "%.1fs", seconds);
  switch (kind) {
    case kMet:
      return waited_for + " (after " + secs + ")" + extension();
    case kTimedOut:
      return "timed out after " + std::string(secs) + " waiting for " + waited_for +
             "; last seen: " + last_seen + extension();
    case kHopeless:
      return "gave up after " + std::string(secs) + " waiting for " + waited_for + ": " + last_seen;
    case kAborted:
      return "interrupted after " + std::string(secs) + " while waiting for " + waited_for;
    case kFault:
      if (cluster_stalled)
        return "the cluster, not the submission, stalled after " + std::string(secs) +
               " waiting for " + waited_for + ": " + last_seen;
      return "lost the cluster while waiting for " + waited_for + ": " + last_seen;
  }
  return waited_for;
}

ClusterState::ClusterState(const std::atomic<bool>* abort) : start_(Clock::now()), abort_(abort) {}

double ClusterState::now() const {
  return std::chrono::duration<double>(Clock::now() - start_).count();
}

void ClusterState::on_event(WatchEvent e) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    e.seq = seq_++;
    e.t = now();
    store_.apply(e);
    timeline_.add(std::move(e));
  }
  changed_.notify_all();
}

void ClusterState::on_fault(const std::string& what) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (fault_.empty()) fault_ = what;
  }
  changed_.notify_all();
}

void ClusterState::wake() { changed_.notify_all(); }

WaitOutcome ClusterState::wait(const std::string& what, const Condition& cond,
                               std::chrono::milliseconds timeout, bool ignore_abort,
                               const Condition& give_up) {
  return wait(what, cond, timeout, give_up, ClusterWatch{}, ignore_abort);
}

WaitOutcome ClusterState::wait(const std::string& what, const Condition& cond,
                               std::chrono::milliseconds timeout, const Condition& give_up,
                               const ClusterWatch& cluster) {
  return wait(what, cond, timeout, give_up, cluster, false);
}

WaitOutcome ClusterState::wait(const std::string& what, const Condition& cond,
                               std::chrono::milliseconds timeout, const Condition& give_up,
                               const ClusterWatch& cluster, bool ignore_abort) {
  auto begin = Clock::now();
  auto deadline = begin + timeout;
  WaitOutcome out;
  out.waited_for = what;
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    out.last_seen = cond(store_);
    if (out.last_seen.empty()) {
      out.kind = WaitOutcome::kMet;
      break;
    }
    if (give_up) {
      std::string why = give_up(store_);
      if (!why.empty()) {
        out.kind = WaitOutcome::kHopeless;
        out.last_seen = why;
        break;
      }
    }
    if (cluster.fault) {
      std::string why = cluster.fault(store_);
      if (!why.empty()) {
        out.kind = WaitOutcome::kFault;
        out.cluster_stalled = true;
        out.last_seen = why + "; the submission's part: " + out.last_seen;
        break;
      }
    }
    if (!fault_.empty() && !ignore_abort) {
      out.kind = WaitOutcome::kFault;
      out.last_seen = fault_ + " (" + out.last_seen + ")";
      break;
    }
    if (!ignore_abort && abort_ && abort_->load()) {
      out.kind = WaitOutcome::kAborted;
      break;
    }
    if (Clock::now() >= deadline) {
      std::string doing = cluster.progressing ? cluster.progressing(store_) : "";
      if (!doing.empty() && deadline + cluster.step <= begin + std::max(cluster.hard_cap, timeout)) {
        deadline += cluster.step;
        out.extended += std::chrono::duration<double>(cluster.step).count();
        out.extended_while = doing;
        continue;
      }
      out.kind = WaitOutcome::kTimedOut;
      break;
    }
    // Woken by every event; the periodic wake only re-checks abort/deadline.
    changed_.wait_until(lock, std::min(deadline, Clock::now() + std::chrono::milliseconds(250)));
  }
  auto spent = Clock::now() - begin;
  out.seconds = std::chrono::duration<double>(spent).count();
  waiting_ms_ += std::chrono::duration_cast<std::chrono::milliseconds>(spent).count();
  return out;
}

long ClusterState::next_seq() const {
  std::lock_guard<std::mutex> lock(mu_);
  return seq_;
}

Timeline ClusterState::timeline() const {
  std::lock_guard<std::mutex> lock(mu_);
  return timeline_;
}

std::string ClusterState::fault() const {
  std::lock_guard<std::mutex> lock(mu_);
  return fault_;
}

void ClusterState::read(const std::function<void(const Store&)>& f) const {
  std::lock_guard<std::mutex> lock(mu_);
  f(store_);
}

}  // namespace sts
